/** `milepost validate [dir]`: checks the content files and reports `file:line: problem`. */
import { formatIssue } from '../../content/content-issue.js';
import { loadContent } from '../../content/roadmap-loader.js';
import type { CliIo } from '../command-context.js';

/** Validates the content folder `dir`; returns 1 when any problem is found. */
export function validateCommand(dir: string, io: CliIo): number {
  const { content, issues } = loadContent(dir);
  if (issues.length > 0) {
    for (const issue of issues) io.err(formatIssue(issue));
    io.err(`\n${issues.length} problem(s) found.`);
    return 1;
  }
  for (const roadmap of content.roadmaps.values()) {
    io.out(
      `${roadmap.id}: ${roadmap.order.length} topics in ${roadmap.sections.length} sections, ${roadmap.totalHours} hours, ${roadmap.faq.length} FAQ entries, ${roadmap.projects.length} projects, ${roadmap.questions.size} questions`,
    );
  }
  io.out('Content is valid.');
  return 0;
}
