/**
 * The roadmap editor page (`/r/<id>/edit`): its one island, and CodeMirror as a chunk of its own,
 * requested at once so it loads while the island fetches the files.
 */
import { provideCodeEditor } from '../editor/code-editor-loader.js';
import { RoadmapEditorIsland } from '../islands/roadmap-editor.js';
import { startPage } from './start-page.js';

provideCodeEditor(import('../editor/code-editor.js').then((m) => m.createCodeEditor));
startPage([RoadmapEditorIsland]);
