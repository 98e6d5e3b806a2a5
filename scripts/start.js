// `npm start`: builds dist/ if any source changed since the last build, then runs the built server
// in this same process (one Node start instead of two).
import { buildIfStale } from './build.js';

await buildIfStale();
const { startServer } = await import('../dist/server.js');
await startServer();
