#!/usr/bin/env node
// Entry point of the `milepost` command; runs the compiled CLI from dist/.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli/index.js', import.meta.url));
if (!fs.existsSync(cli)) {
  console.error('Milepost is not built yet. Run "npm run build" (npm start does it for you).');
  process.exit(1);
}
const { runCli } = await import(cli);
const code = await runCli(process.argv.slice(2));
if (process.argv[2] !== 'serve') process.exitCode = code;
