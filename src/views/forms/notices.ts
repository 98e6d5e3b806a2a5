/**
 * Confirmations shown after a redirect (`?notice=<code>`). Only these codes are shown, so a link
 * cannot put arbitrary text on one of our pages.
 */
export const NOTICES = {
  welcome: 'Welcome to Milepost. We sent you a link to confirm your email address.',
  'password-reset': 'Your password was changed, every device was signed out and every API token was revoked. Log in with the new password.',
  'email-verified': 'Your email address is confirmed. Thank you.',
  'reset-sent': 'If an account exists for that address, we emailed it a link to choose a new password. The link works for one hour.',
  'profile-saved': 'Your profile was saved.',
  'email-change-sent':
    'We sent a link to the new address. It becomes your login email once you open that link; until then, keep using the current one.',
  'email-change-confirmed': 'Your new email address is confirmed and is now your login email.',
  'email-change-cancelled': 'The email change was cancelled. Your address stays as it was.',
  'email-kept': 'Your email address was kept, every device was signed out and every API token was revoked. Choose a new password now to be safe.',
  'verification-sent': 'We sent a new confirmation link to your email address.',
  'password-changed': 'Your password was changed. Every other device was signed out.',
  'signed-out-everywhere': 'You were signed out on every device, this one included, and every API token was revoked.',
  'token-created': 'The token was created. Copy it now: it is shown only once.',
  'token-revoked': 'The token was revoked. Programs using it can no longer sign in with it.',
  'account-deleted': 'Your account and everything stored with it were deleted.',
} as const;

export type NoticeCode = keyof typeof NOTICES;

/** The text of a known notice code, or null. */
export function noticeText(code: string | undefined): string | null {
  return code && Object.prototype.hasOwnProperty.call(NOTICES, code) ? NOTICES[code as NoticeCode] : null;
}
