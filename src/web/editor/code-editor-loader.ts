/**
 * Where the roadmap editor island gets its CodeMirror pane from. The island is also rendered on
 * the server, whose bundle would follow a dynamic `import()` written here and take CodeMirror in.
 * So the browser entry (`entries/editor.ts`) hands the import over with `provideCodeEditor`, and
 * the island asks for it with `loadCodeEditor` once it runs in the browser: only the editor
 * page's script knows CodeMirror, as a chunk of its own.
 */

/** A problem to show in the gutter of the open file (1-based line). */
export interface LineProblem {
  line: number;
  message: string;
}

export interface CodeEditorOptions {
  parent: HTMLElement;
  /** Called as the learner types in `file`, with its whole text. */
  onChange(file: string, text: string): void;
}

export interface CodeEditor {
  /** Shows `file` (its kept state, undo history included, if it was open before). */
  open(file: string, text: string, label: string): void;
  /** Brings every kept file in line with `files` after a change made outside the editor; undo can take it back. */
  sync(files: Record<string, string>): void;
  /** Replaces the open file's problems. */
  showProblems(problems: LineProblem[]): void;
  goToLine(line: number): void;
  focus(): void;
  destroy(): void;
}

export type CodeEditorFactory = (options: CodeEditorOptions) => CodeEditor;

let pending: Promise<CodeEditorFactory> | null = null;

/** Called by the editor page's entry, before its islands hydrate, so the chunk is on its way early. */
export function provideCodeEditor(factory: Promise<CodeEditorFactory>): void {
  pending = factory;
  // The island reports a failed load when it asks; until then the rejection is not an error.
  factory.catch(() => undefined);
}

export function loadCodeEditor(): Promise<CodeEditorFactory> {
  return pending ?? Promise.reject(new Error('This page has no code editor.'));
}
