/** The My notes page: its one island. */
import { NotesListIsland } from '../islands/notes-list.js';
import { startPage } from './start-page.js';

startPage([NotesListIsland]);
