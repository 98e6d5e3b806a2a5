/** Every problem the server found, as `file:line` links that open the file at that line. */
import { shortIssueFile, type PlacedIssue } from './file-order.js';

export function ProblemList({
  issues,
  checked,
  onReveal,
}: {
  issues: PlacedIssue[];
  /** False until the server has checked the files once. */
  checked: boolean;
  onReveal: (file: string, line: number) => void;
}) {
  return (
    <section class="editor-problems" aria-labelledby="editor-problems-title" data-problems={issues.length}>
      <h2 id="editor-problems-title" class="editor-pane-title">
        {!checked ? 'Problems' : issues.length === 0 ? 'No problems' : issues.length === 1 ? '1 problem' : `${issues.length} problems`}
      </h2>
      {issues.length > 0 ? (
        <ol>
          {issues.map((issue) => {
            const where = `${shortIssueFile(issue)}:${issue.line}`;
            return (
              <li>
                {issue.name ? (
                  <button type="button" class="editor-problem" onClick={() => onReveal(issue.name!, issue.line)}>
                    <code>{where}</code> {issue.message}
                  </button>
                ) : (
                  <span class="editor-problem">
                    <code>{where}</code> {issue.message}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      ) : (
        <p class="muted">{checked ? 'The server found nothing wrong with the files.' : 'Not checked yet.'}</p>
      )}
    </section>
  );
}
