import { Type, type Static } from 'typebox';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '../../shared/email.js';
import { LineText, PasswordText, TokenText } from '../../validation/common-schemas.js';

export const Email = Type.String({ pattern: EMAIL_PATTERN, minLength: 3, maxLength: EMAIL_MAX_LENGTH, description: 'email address' });
/** Length limits are checked by the password policy, which gives a clearer message. */
export const Password = PasswordText;

export const SignupBody = Type.Object(
  { email: Email, password: Password, name: Type.Optional(LineText({ maxLength: 100 })) },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetConfirmBody = Type.Object({ token: TokenText, password: Password }, { additionalProperties: false });
export const VerifyBody = Type.Object({ token: TokenText }, { additionalProperties: false });

export const UserResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  emailVerified: Type.Boolean(),
  pendingEmail: Type.Union([Type.String(), Type.Null()], { description: 'a new address waiting for confirmation; email signs in until then' }),
  name: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  timeZone: Type.String(),
  publicProfile: Type.Boolean(),
  isAdmin: Type.Boolean(),
  createdAt: Type.String(),
});
