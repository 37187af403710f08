#!/usr/bin/env node
// `techblog` command line: the same core as the extension, so CI and the editor never disagree.
// Argument parsing and output only; the work is done in src/core.
import { version as packageVersion } from '../../package.json';
import { wantsColor } from './color';
import { cliCommands, type CliIO } from './commands';

export function version(): string {
  return packageVersion;
}

export function usage(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  return [
    'Usage: techblog <command> [options]',
    '',
    'Commands:',
    ...cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show this help (or a command\'s help: techblog <command> --help)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 success, 1 problems found (errors), 2 bad usage, 3 internal error.',
    'Colour only on a terminal, never with NO_COLOR set.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.out(usage());
    return first === undefined ? 2 : 0;
  }
  if (first === '-v' || first === '--version') {
    io.out(version());
    return 0;
  }
  const command = cliCommands.find((c) => c.name === first);
  if (!command) {
    io.err(`techblog: unknown command '${first}'.\n\n${usage()}`);
    return 2;
  }
  return command.run(rest, io);
}

/** The exit code of a failure that is not the user's: a bug or the machine (bad usage is 2). */
export const INTERNAL_ERROR = 3;

/**
 * Runs `main` as the `techblog` process: colour from the terminal and NO_COLOR, output that stops quietly
 * when the reader goes away (`techblog check | head`: EPIPE), and an unexpected failure reported as an
 * internal error (exit 3), apart from bad usage (2).
 */
export function runProcess(argv: string[]): void {
  // Streams whose reader closed the pipe: nothing more can be said there. The command goes on to its own code.
  const closed = new Set<NodeJS.WriteStream>();
  const onStreamError = (stream: NodeJS.WriteStream) => (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') closed.add(stream);
    else internalError(e);
  };
  process.stdout.on('error', onStreamError(process.stdout));
  process.stderr.on('error', onStreamError(process.stderr));
  const write = (stream: NodeJS.WriteStream, s: string) => { if (!closed.has(stream)) stream.write(s + '\n'); };
  const io: CliIO = {
    out: (s) => write(process.stdout, s),
    err: (s) => write(process.stderr, s),
    cwd: process.cwd(),
    color: wantsColor(process.env, process.stdout.isTTY),
  };
  function internalError(e: unknown): void {
    const detail = e instanceof Error ? (process.env.TECHBLOG_DEBUG ? e.stack ?? e.message : e.message) : String(e);
    if (!closed.has(process.stderr)) process.stderr.write(`techblog: internal error: ${detail}\n(set TECHBLOG_DEBUG=1 for the stack; please report it)\n`);
    process.exitCode = INTERNAL_ERROR;
  }
  process.on('uncaughtException', (e) => { internalError(e); process.exit(INTERNAL_ERROR); });
  main(argv, io).then(
    (code) => { process.exitCode = code; },
    internalError,
  );
}

if (require.main === module) runProcess(process.argv.slice(2));
