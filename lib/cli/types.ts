/** The contract every `concord <command>` implements. Commands live one per file in lib/cli/commands/. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when stdout is a terminal: progress bars draw only then. */
  isTty: boolean;
}

export interface CliCommand {
  name: string;
  /** One line for `concord help`. */
  summary: string;
  /** Usage text printed on `--help` or a usage error. */
  usage: string;
  /** Returns the process exit code. Throw `UsageError` for bad flags. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}
