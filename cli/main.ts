// The `orgstrap` command: registers the subcommands and maps errors to exit codes (2 for bad usage).
import { Command, CommanderError } from "commander";
import { planCommand } from "./plan";
import { reviewCommand } from "./review";

/** Runs the CLI on `argv` (node, script, args…); sets process.exitCode. */
export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const program = new Command("orgstrap")
    .description("A governed multi-account AWS landing zone: offline plan and policy review")
    .exitOverride()
    .showHelpAfterError();
  program.addCommand(planCommand());
  program.addCommand(reviewCommand());
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; any usage error is 2 (commander's own default is 1).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`orgstrap: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}

void main();
