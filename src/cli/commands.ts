// The table of `techblog` sub-commands. Each feature adds its command here.
import { checkCommand } from './check';
import { imagesCommand } from './images';
import { renderCommand } from './render';
export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Folder that relative paths and default site discovery start from. */
  cwd: string;
  /** ANSI colour in `out` (a terminal without NO_COLOR: see ./color). */
  color?: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

export const cliCommands: CliCommand[] = [
  checkCommand,
  renderCommand,
  imagesCommand,
];
