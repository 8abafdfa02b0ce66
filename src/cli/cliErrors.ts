/** What a failed command exits with, so scripts (a cluster job, CI) can tell failures apart. */
export const EXIT = {
  ok: 0,
  /** something failed while running (a diverging run, a kernel error) */
  failed: 1,
  /** wrong command line: unknown command or flag, a missing or malformed value */
  usage: 2,
  /** an input file is missing, unreadable, corrupt or of the wrong kind */
  badInput: 3,
  /** no WebGPU adapter / device */
  noGpu: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const usageError = (message: string): CliError => new CliError(message, EXIT.usage);
