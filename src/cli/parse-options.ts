/** Option parsing for the commands, on node's own `parseArgs` (no dependency needed). */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

/**
 * Parses `args` strictly (unknown options are errors) and allows positionals.
 * A parse failure becomes an Error whose message ends with the command's usage line.
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${usage}`, { cause: error });
  }
}
