import { Type, type Static } from 'typebox';
import { EMAIL_MAX_LENGTH, EMAIL_PATTERN } from '../../shared/email.js';

export const Email = Type.String({ pattern: EMAIL_PATTERN, minLength: 3, maxLength: EMAIL_MAX_LENGTH, description: 'email address' });
/** Length limits are checked by the password policy, which gives a clearer message. */
export const Password = Type.String({ minLength: 1, maxLength: 1024 });

export const SignupBody = Type.Object(
  { email: Email, password: Password, name: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export type SignupBody = Static<typeof SignupBody>;

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type LoginBody = Static<typeof LoginBody>;

export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 10, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export const VerifyBody = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, { additionalProperties: false });

export const UserResponse = Type.Object({
  id: Type.String(),
  email: Type.String(),
  emailVerified: Type.Boolean(),
  name: Type.String(),
  username: Type.Union([Type.String(), Type.Null()]),
  timeZone: Type.String(),
  publicProfile: Type.Boolean(),
  isAdmin: Type.Boolean(),
  createdAt: Type.String(),
});
