/**
 * The error catalogue. Every error the API returns has a stable `code` from here;
 * clients and tests branch on the code, never on the message.
 */
export const ERRORS = {
  invalid_input: { status: 400, message: 'The request is not valid.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_token: { status: 400, message: 'This link is invalid or has expired.' },
  weak_password: { status: 400, message: 'Choose a password of 8 to 128 characters that is not a common password.' },
  unauthenticated: { status: 401, message: 'You need to sign in.' },
  invalid_credentials: { status: 401, message: 'The email or password is not correct.' },
  forbidden: { status: 403, message: 'You are not allowed to do this.' },
  account_disabled: { status: 403, message: 'This account is disabled. Ask the site’s administrators to enable it.' },
  session_required: { status: 403, message: 'This needs you to be signed in on the site; an API token cannot do it.' },
  cross_origin: { status: 403, message: 'This request came from another site and was refused.' },
  not_found: { status: 404, message: 'Nothing was found at this address.' },
  method_not_allowed: { status: 405, message: 'This method is not allowed here.' },
  request_timeout: { status: 408, message: 'The request took too long to arrive.' },
  conflict: { status: 409, message: 'This conflicts with existing data.' },
  email_taken: { status: 409, message: 'An account with this email already exists.' },
  username_taken: { status: 409, message: 'This username is taken.' },
  gone: { status: 410, message: 'This topic was removed from the roadmap.' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  note_too_large: { status: 413, message: 'A note may hold at most 20 KB.' },
  unsupported_media_type: { status: 415, message: 'This content type is not supported.' },
  invalid_plan: { status: 422, message: 'These plan settings are not valid for this roadmap.' },
  plan_does_not_fit: { status: 422, message: 'This plan does not fit: study more hours a week or leave sections out.' },
  limit_reached: { status: 422, message: 'You have reached the limit for this.' },
  invalid_roadmap: { status: 422, message: 'The roadmap files have problems; nothing was saved.' },
  invalid_import: { status: 422, message: 'This file could not be imported; nothing was created.' },
  roadmap_private: { status: 422, message: 'A private roadmap cannot be assigned to a team: its members could not see it.' },
  version_conflict: { status: 409, message: 'The roadmap was published from elsewhere since you loaded it.' },
  roadmap_too_large: { status: 413, message: 'The roadmap files are too large.' },
  rate_limited: { status: 429, message: 'Too many requests. Try again later.' },
  headers_too_large: { status: 431, message: 'The request headers are too large.' },
  internal: { status: 500, message: 'Something went wrong on our side.' },
  unavailable: { status: 503, message: 'The service is not ready.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error that maps onto one catalogue entry; the message may be more specific. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Seconds to wait before retrying, sent as `Retry-After` (rate limits). */
  readonly retryAfterSeconds: number | undefined;
  /** Problems of submitted files, each at a file and line (`invalid_roadmap`). */
  readonly issues: FileIssue[] | undefined;

  constructor(code: ErrorCode, message?: string, options: { retryAfterSeconds?: number; issues?: FileIssue[] } = {}) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.issues = options.issues;
  }
}

/** One problem in a submitted file. */
export interface FileIssue {
  file: string;
  line: number;
  message: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FileIssue[] };
}

export function errorBody(code: ErrorCode, message?: string, issues?: FileIssue[]): ErrorBody {
  const error: ErrorBody['error'] = { code, message: message ?? ERRORS[code].message };
  if (issues) error.issues = issues;
  return { error };
}
