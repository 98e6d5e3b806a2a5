/**
 * Markdown links inside a roadmap's own files that name one of its pages (`](/<roadmap>/<topic>)`,
 * `](/<roadmap>/projects/<id>)`). The loader refuses links that do not resolve, so a rename
 * points them at the new id and a removal turns them into plain text.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Files whose text may hold Markdown: every `.md` file, and question banks (prompts, explanations). */
export function mayHoldLinks(name: string): boolean {
  return name.endsWith('.md') || (name.startsWith('questions/') && name.endsWith('.yaml'));
}

/** Points links to `/<roadmap>/<from>` (with or without an `#anchor`) at `/<roadmap>/<to>`. */
export function retargetLinks(text: string, roadmapId: string, from: string, to: string): string {
  const link = new RegExp(`\\]\\(/${escape(roadmapId)}/${escape(from)}(?=[)#])`, 'g');
  return text.replace(link, `](/${roadmapId}/${to}`);
}

/** Replaces `[text](/<roadmap>/<page>)` with its text for each page in `pages` (`http`, `projects/capstone`). */
export function unlinkPages(text: string, roadmapId: string, pages: readonly string[]): string {
  if (pages.length === 0) return text;
  const link = new RegExp(`(?<!!)\\[([^\\]]*)\\]\\(/${escape(roadmapId)}/(?:${pages.map(escape).join('|')})(?:#[^)\\s]*)?\\)`, 'g');
  return text.replace(link, '$1');
}

/**
 * Moves every link to the pages under `fromPath` (`/backend`) to the same pages under `toPath`
 * (`/r/<id>`), in every file that may hold links: a fork's texts then lead to the fork, and an
 * exported user roadmap's to where it will live as an official one.
 */
export function rebaseLinks(files: Record<string, string>, fromPath: string, toPath: string): Record<string, string> {
  const link = new RegExp(`\\]\\(${escape(fromPath)}(?=[/)#])`, 'g');
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, mayHoldLinks(name) ? text.replace(link, `](${toPath}`) : text]));
}
