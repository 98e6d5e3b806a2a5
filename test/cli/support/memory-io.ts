/** A CliIo that records output and serves a fixed stdin, for calling commands in process. */
import type { CliIo } from '../../../src/cli/command-context.js';

export interface MemoryIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function memoryIo(stdin: string | null = null): MemoryIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    readLine: async () => (stdin === null ? null : (stdin.split(/\r?\n/)[0] ?? '')),
  };
}
