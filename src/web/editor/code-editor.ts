/**
 * The editor's text pane: CodeMirror 6 with YAML or Markdown (with its YAML front matter), line
 * numbers, undo history, search and a gutter for the server's problems. Loaded only in the
 * browser, as its own chunk (see code-editor-loader.ts). Each file keeps its own state, so undo
 * and the cursor survive switching files. Colours come from the page's CSS variables, so the
 * editor follows the light or dark theme, whether chosen or the system's, without a reload.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdownKeymap, markdownLanguage } from '@codemirror/lang-markdown';
import { yaml, yamlFrontmatter } from '@codemirror/lang-yaml';
import { HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Annotation, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { CodeEditor, CodeEditorOptions, LineProblem } from './code-editor-loader.js';

/** Marks the editor's own replacements (a structure edit, a pull), which are not the learner's typing. */
const fromOutside = Annotation.define<boolean>();

const highlight = HighlightStyle.define([
  { tag: tags.heading, color: 'var(--code-heading)', fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--link)' },
  { tag: tags.monospace, color: 'var(--code-string)' },
  { tag: [tags.processingInstruction, tags.quote, tags.contentSeparator, tags.list], color: 'var(--code-mark)' },
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: 'var(--code-key)' },
  { tag: [tags.string, tags.special(tags.string), tags.attributeValue], color: 'var(--code-string)' },
  { tag: [tags.number, tags.bool, tags.atom, tags.labelName, tags.typeName, tags.keyword], color: 'var(--code-atom)' },
  { tag: [tags.meta, tags.separator, tags.punctuation, tags.bracket], color: 'var(--code-mark)' },
  { tag: tags.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--danger)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--text)', backgroundColor: 'var(--bg)', height: '100%', fontSize: '0.9rem' },
  '&.cm-focused': { outline: '3px solid var(--focus)', outlineOffset: '-3px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.55' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection': {
    backgroundColor: 'var(--code-selection)',
  },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '.cm-gutters': { backgroundColor: 'var(--surface)', color: 'var(--muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--surface-2)', color: 'var(--text)' },
  '.cm-searchMatch': { backgroundColor: 'var(--code-match)', outline: '1px solid var(--learning)' },
  '.cm-searchMatch.cm-searchMatch-selected': { backgroundColor: 'var(--code-selection)' },
  '.cm-selectionMatch': { backgroundColor: 'var(--code-match)' },
  '.cm-panels': { backgroundColor: 'var(--surface)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--border)' },
  '.cm-textfield': { backgroundColor: 'var(--bg)', color: 'var(--text)', border: '1px solid var(--border)', borderRadius: '6px' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--surface-2)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-panel.cm-search label': { display: 'inline-flex', alignItems: 'center', gap: '0.2rem' },
  '.cm-panel button[name=close]': { color: 'var(--text)', minHeight: 'auto' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
});

function languageOf(file: string): Extension {
  if (file.endsWith('.yaml')) return yaml();
  // Plain Markdown rather than markdown(): that one brings HTML, CSS and JavaScript for embedded
  // code, which roadmap Markdown never renders (raw HTML is disabled).
  return [yamlFrontmatter({ content: markdownLanguage }), keymap.of(markdownKeymap)];
}

/** Creates the text pane inside `parent`; it shows nothing until a file is opened. */
export function createCodeEditor({ parent, onChange }: CodeEditorOptions): CodeEditor {
  const states = new Map<string, EditorState>();
  let current: string | null = null;

  const common = (file: string, label: string): Extension => [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    indentOnInput(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    lintGutter(),
    syntaxHighlighting(highlight),
    theme,
    EditorView.lineWrapping,
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    // Tab indents (YAML is all indentation); Escape then Tab still leaves the editor.
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap, indentWithTab]),
    languageOf(file),
    EditorView.contentAttributes.of({ 'aria-label': label }),
    EditorView.updateListener.of((update) => {
      if (!update.docChanged || update.transactions.every((tr) => tr.annotation(fromOutside))) return;
      if (current === file) onChange(file, update.state.doc.toString());
    }),
  ];

  const view = new EditorView({ parent, state: EditorState.create({ doc: '', extensions: [theme, EditorView.editable.of(false)] }) });

  const replaced = (state: EditorState, text: string): EditorState =>
    state.doc.toString() === text
      ? state
      : state.update({ changes: { from: 0, to: state.doc.length, insert: text }, annotations: fromOutside.of(true) }).state;

  return {
    open(file, text, label) {
      if (current) states.set(current, view.state);
      const kept = states.get(file);
      current = file;
      view.setState(kept ? replaced(kept, text) : EditorState.create({ doc: text, extensions: common(file, label) }));
    },
    sync(files) {
      if (current) states.set(current, view.state);
      for (const [file, state] of states) {
        const text = files[file];
        if (text === undefined) states.delete(file);
        else if (file !== current) states.set(file, replaced(state, text));
        else if (state.doc.toString() !== text) {
          view.dispatch({ changes: { from: 0, to: state.doc.length, insert: text }, annotations: fromOutside.of(true) });
        }
      }
    },
    showProblems(problems: LineProblem[]) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = problems.map((p) => {
        const line = doc.line(Math.min(Math.max(1, p.line || 1), doc.lines));
        return { from: line.from, to: line.to, severity: 'error', message: p.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(lineNumber) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(1, lineNumber), doc.lines));
      view.dispatch({ selection: EditorSelection.cursor(line.from), effects: EditorView.scrollIntoView(line.from, { y: 'center' }) });
      view.focus();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
