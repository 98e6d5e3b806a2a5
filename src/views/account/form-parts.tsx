/** Building blocks of the account forms: labelled fields with their error next to them, and notices. */
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  autocomplete: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  minlength?: number;
  maxlength?: number;
  pattern?: string;
  /** Focuses the field on load: the first field with an error, so it can be fixed at once. */
  autofocus?: boolean;
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** A labelled input; its hint and error are tied to it with aria-describedby. */
export function Field({
  id,
  name,
  label,
  type = 'text',
  value,
  autocomplete,
  error,
  hint,
  required,
  minlength,
  maxlength,
  pattern,
  autofocus,
}: FieldProps) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        // Preact types each input type separately; these three share every attribute used here.
        type={type as 'text'}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        minlength={minlength}
        maxlength={maxlength}
        pattern={pattern}
        autofocus={autofocus}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The message under a field; its id is what the field's aria-describedby points at. */
export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      <strong>Error:</strong> {error}
    </p>
  ) : null;
}

/** A confirmation after an action (announced politely). */
export function Notice({ text }: { text: string | null | undefined }) {
  return text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;
}

/** A problem with the whole form rather than one field. */
export function FormAlert({ text }: { text: string | null | undefined }) {
  return text ? (
    <p class="form-alert" role="alert">
      {text}
    </p>
  ) : null;
}

/** The form's main action. */
export function SubmitButton({ children, danger }: { children: ComponentChildren; danger?: boolean }) {
  return (
    <button type="submit" class={danger ? 'button button--primary button--danger' : 'button button--primary'}>
      {children}
    </button>
  );
}

/** Field name → message, as the routes produce it. */
export type FieldErrors = Partial<Record<string, string>>;

/** The first field (in form order) that has an error, to focus it. */
export function firstError(errors: FieldErrors, order: readonly string[]): string | undefined {
  return order.find((name) => errors[name]);
}
