// Builds dist/ (server bundle and client assets) once when sources changed, so pages under test
// reference real files and the built server can be started as `npm start` starts it.
import { buildIfStale } from '../scripts/build.js';

export default async function setup(): Promise<void> {
  await buildIfStale();
}
