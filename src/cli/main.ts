#!/usr/bin/env node
// `techblog` command line: the same core as the extension, so CI and the editor never disagree.
// Argument parsing and output only; the work is done in src/core.
import { version as packageVersion } from '../../package.json';
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
    'Exit codes: 0 success, 1 problems found (errors), 2 bad usage.',
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

if (require.main === module) {
  const io: CliIO = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    cwd: process.cwd(),
  };
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { io.err(`techblog: ${e instanceof Error ? e.message : String(e)}`); process.exitCode = 2; },
  );
}
