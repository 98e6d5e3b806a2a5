/** Bodies of the /account forms (application/x-www-form-urlencoded); see auth/form-schema.ts for the conventions. */
import { Type, type Static } from 'typebox';
import { CHECKBOX, EMAIL, PASSWORD, form, text } from '../auth/form-schema.js';

export const ProfileForm = form({ name: text(100), username: text(30), timeZone: text(64), publicProfile: CHECKBOX });
export const EmailForm = form({ email: EMAIL, currentPassword: PASSWORD });
export type ProfileForm = Static<typeof ProfileForm>;
export const PasswordForm = form({ currentPassword: PASSWORD, newPassword: PASSWORD });
export const TokenForm = form({ name: text(60) });
export const TokenParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const DeleteForm = form({ password: PASSWORD, confirm: CHECKBOX });
