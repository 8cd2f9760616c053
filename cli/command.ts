/** The shape of one CLI command. @module */
export interface Command {
  name: string;
  usage: string;
  /** Returns the process exit code. */
  run(args: string[]): Promise<number>;
}
