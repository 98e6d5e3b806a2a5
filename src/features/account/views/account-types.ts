/** What the account page shows, independent of how the routes load it. */
import type { FieldErrors } from '../../../views/forms/form-parts.js';

export interface AccountToken {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
}

export type AccountFormName = 'profile' | 'email' | 'password' | 'token' | 'delete';

/** The form that was just submitted and refused: its errors, and what was typed (never passwords). */
export interface AccountFormState {
  form: AccountFormName;
  errors: FieldErrors;
  message?: string;
  values?: Partial<Record<string, string>>;
}

/** Errors of `form` when it is the one that was refused, else none. */
export function errorsFor(state: AccountFormState | undefined, form: AccountFormName): FieldErrors {
  return state?.form === form ? state.errors : {};
}

/** The message for the whole of `form` when it is the one that was refused. */
export function messageFor(state: AccountFormState | undefined, form: AccountFormName): string | undefined {
  return state?.form === form ? state.message : undefined;
}

/** What was typed into `form` when it is the one that was refused. */
export function valuesFor(state: AccountFormState | undefined, form: AccountFormName): Partial<Record<string, string>> {
  return state?.form === form ? (state.values ?? {}) : {};
}
