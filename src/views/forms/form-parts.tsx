/** Building blocks of the account forms: labelled fields with their error next to them, presets for the name, email and password fields, and notices. */
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

/** What ties a control to its hint and error: spread it onto the input or select. */
export function fieldAria(id: string, hint?: string, error?: string) {
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
  };
}

/** A label above its control, then the hint and, under the control, the error. */
export function LabelledField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

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
    <LabelledField id={id} label={label} hint={hint} error={error}>
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
        {...fieldAria(id, hint, error)}
      />
    </LabelledField>
  );
}

/** What each of the preset fields below still takes from its form. */
type PresetFieldProps = Pick<FieldProps, 'id' | 'error' | 'autofocus'>;

/** The name a user goes by (optional at sign-up), within the length the server accepts. */
export function NameField(props: PresetFieldProps & Pick<FieldProps, 'label' | 'value'>) {
  return <Field {...props} name="name" autocomplete="name" maxlength={100} />;
}

/** The email address of an account, within the length the server accepts. */
export function EmailField({ label = 'Email', ...props }: PresetFieldProps & Pick<FieldProps, 'value' | 'hint'> & { label?: string }) {
  return <Field {...props} name="email" type="email" label={label} autocomplete="email" required maxlength={254} />;
}

/** A password the user already has: only capped in length, since it is checked rather than chosen. */
export function CurrentPasswordField(props: PresetFieldProps & Pick<FieldProps, 'name' | 'label'>) {
  return <Field {...props} type="password" autocomplete="current-password" required maxlength={1024} />;
}

const NEW_PASSWORD_RULE = '8 to 128 characters, not a common password.';

/** A password being chosen, with the rule the server enforces; `extraHint` tells what else happens. */
export function NewPasswordField({ extraHint, ...props }: PresetFieldProps & Pick<FieldProps, 'name' | 'label'> & { extraHint?: string }) {
  return (
    <Field
      {...props}
      type="password"
      autocomplete="new-password"
      required
      minlength={8}
      maxlength={128}
      hint={extraHint ? `${NEW_PASSWORD_RULE} ${extraHint}` : NEW_PASSWORD_RULE}
    />
  );
}

/** A checkbox with its label after it; its hint and error are tied to it like a field's. */
export function CheckField({
  id,
  name,
  value,
  label,
  hint,
  error,
  checked,
  required,
  autofocus,
}: {
  id: string;
  name: string;
  value: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  checked?: boolean;
  required?: boolean;
  autofocus?: boolean;
}) {
  return (
    <div class={error ? 'field field--check has-error' : 'field field--check'}>
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value}
        checked={checked}
        required={required}
        autofocus={autofocus}
        {...fieldAria(id, hint, error)}
      />
      <label for={id}>{label}</label>
      <FieldHint id={id} hint={hint} />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The help text of a field; its id is what the field's aria-describedby points at. */
function FieldHint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
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
