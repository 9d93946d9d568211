// The `orgstrap` command: registers the subcommands and maps errors to exit codes (2 for bad usage). In-process entry
// for specs (`main(argv, io)`); cli/orgstrap.ts is the executable. Subcommands load their engines when they run, so
// `orgstrap --help` loads commander and nothing else.
import { Command, CommanderError } from "commander";
import { discoverCommand } from "./discover";
import { planCommand } from "./plan";
import { reviewCommand } from "./review";

/** Where the CLI writes: process.stdout/stderr for the executable, buffers for in-process specs. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress lines only then). */
  readonly stderrIsTTY: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return { stdout: (t) => void process.stdout.write(t), stderr: (t) => void process.stderr.write(t), stderrIsTTY: process.stderr.isTTY === true };
}

/** A subcommand: built for one run, reporting its exit code through `done`. */
export type SubcommandFactory = (io: CliIo, done: (exitCode: number) => void) => Command;

/** Runs the CLI on the user's arguments (no `node` or script path); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode = 0;
  const done = (code: number): void => {
    exitCode = code;
  };
  const output = { writeOut: io.stdout, writeErr: io.stderr, outputError: (text: string, write: (t: string) => void) => write(text) };
  const program = new Command("orgstrap")
    .description("A governed multi-account AWS landing zone: offline plan, policy review, and discovery of an existing organization")
    .configureOutput(output)
    .exitOverride()
    .showHelpAfterError();
  for (const factory of [planCommand, reviewCommand, discoverCommand] satisfies SubcommandFactory[])
    program.addCommand(factory(io, done).configureOutput(output));
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (err) {
    // Help and version exit 0; any usage error is 2 (commander's own default is 1).
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    io.stderr(`orgstrap: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
