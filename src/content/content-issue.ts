/** A problem found in content files, reported as `file:line: message`. */
export interface ContentIssue {
  /** Path relative to the content directory, e.g. `roadmaps/backend/topics/http.md`. */
  file: string;
  line: number;
  message: string;
}

export function formatIssue(issue: ContentIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

/** Thrown when content cannot be served; carries every issue found. */
export class ContentValidationError extends Error {
  readonly issues: ContentIssue[];

  constructor(issues: ContentIssue[]) {
    super(`Content has ${issues.length} problem(s):\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'ContentValidationError';
    this.issues = issues;
  }
}
