/**
 * Bodies of the account forms (application/x-www-form-urlencoded). They bound types and sizes;
 * what a person can get wrong (a bad email, a weak password) is checked by the routes, which
 * answer with the form again and a message next to the field.
 */
import { Type, type Static } from 'typebox';
import { LineText } from '../../validation/common-schemas.js';

/** One line of typed text: no control characters (they could never be stored or shown). */
export const text = (maxLength: number) => LineText({ maxLength });
export const EMAIL = text(254);
export const PASSWORD = text(1024);
/** Where to go after signing in; any text, since `safeNext` checks it before use (and falls back to `/`). */
const NEXT = Type.Optional(Type.String({ maxLength: 500 }));
/** An unchecked checkbox sends nothing; a checked one sends its value. */
export const CHECKBOX = Type.Optional(text(10));

export const form = <T extends Parameters<typeof Type.Object>[0]>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const SignupForm = form({ name: text(100), email: EMAIL, password: PASSWORD, next: NEXT });
export type SignupForm = Static<typeof SignupForm>;

export const LoginForm = form({ email: EMAIL, password: PASSWORD, next: NEXT });
export type LoginForm = Static<typeof LoginForm>;

export const ForgotPasswordForm = form({ email: EMAIL });
export const ResetPasswordForm = form({ token: text(200), password: PASSWORD });
export const VerifyEmailForm = form({ token: text(200) });
export const TokenQuery = Type.Object({ token: Type.Optional(text(200)) });

export const NoticeQuery = Type.Object({ notice: Type.Optional(text(40)), next: NEXT });
