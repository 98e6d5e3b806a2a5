import { Type, type Static } from 'typebox';
import { Email } from '../auth/schema.js';
import { LineText, PasswordText } from '../../validation/common-schemas.js';

export const USERNAME_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$';

export const PatchMeBody = Type.Object(
  {
    name: Type.Optional(LineText({ maxLength: 100 })),
    username: Type.Optional(
      Type.Union([Type.String({ pattern: USERNAME_PATTERN, description: '1–30 lower-case letters, digits or hyphens' }), Type.Null()]),
    ),
    email: Type.Optional(Email),
    timeZone: Type.Optional(LineText({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. Europe/Paris' })),
    publicProfile: Type.Optional(Type.Boolean()),
    currentPassword: Type.Optional(PasswordText),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchMeBody = Static<typeof PatchMeBody>;

export const PasswordChangeBody = Type.Object({ currentPassword: PasswordText, newPassword: PasswordText }, { additionalProperties: false });
export const DeleteMeBody = Type.Object({ password: PasswordText }, { additionalProperties: false });

export const TokenCreateBody = Type.Object({ name: LineText({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false });
export const TokenInfo = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export const TokenIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
