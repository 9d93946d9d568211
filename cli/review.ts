// `orgstrap review`: SCP and RCP JSON files (or the policies a stack renders) -> findings. Thin: argv -> lib/review -> print.
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { CliIo } from "./main";
import { stackFileProblem, stackNameProblem } from "./paths";
import { REVIEW_FORMATS, ReviewFormat } from "../lib/review/format";

interface ReviewOptions {
  format: ReviewFormat;
  stack?: string;
  config?: string;
  maxSize?: number;
  kind: "scp" | "rcp" | "auto";
}

/** Exit codes: 0 no errors; 1 errors found (or an invalid stack config); 2 bad usage; 3 the review itself failed (a bug). */
export const EXIT = { ok: 0, errors: 1, usage: 2, crash: 3 } as const;

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number of characters`);
  return Number(value);
}

/** The `review` subcommand, for cli/main.ts. */
export function reviewCommand(io: CliIo, done: (exitCode: number) => void): Command {
  return new Command("review")
    .description("Review SCP and RCP JSON files (default: policies/), or the policies a stack attaches (--stack)")
    .argument("[paths...]", "policy files or folders")
    .addOption(new Option("--format <format>", "output format").choices([...REVIEW_FORMATS]).default("text"))
    .addOption(new Option("--stack <name>", "review the policies Pulumi.<name>.yaml renders and attaches, and its per-target limits").conflicts("config"))
    .option("--config <file>", "as --stack, for this stack file")
    .option(
      "--max-size <chars>",
      "one size limit in characters for every file (default: AWS's quota per type, SCP 10,240, RCP 5,120; a stack uses guardrails.limits.policySizeChars)",
      positiveInt,
    )
    .addOption(
      new Option("--kind <kind>", "review every file as this kind (auto: detect; the kind used and why is printed per file)")
        .choices(["scp", "rcp", "auto"])
        .default("auto"),
    )
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT.usage, err.code, err.message);
    })
    .action(async (paths: string[], opts: ReviewOptions, cmd: Command) => {
      try {
        done(await review(paths, opts, io, cmd));
      } catch (err) {
        if (err instanceof CommanderError) throw err;
        // A bug, not bad input: its own exit code, so it is never read as "findings" (1), and no stack trace.
        io.stderr(`orgstrap review: internal error (a bug; please report it): ${err instanceof Error ? err.message : String(err)}\n`);
        done(EXIT.crash);
      }
    });
}

/** Reviews and prints; returns the exit code. */
export async function review(paths: string[], opts: ReviewOptions, io: CliIo, cmd?: Command): Promise<number> {
  const usage = (message: string): number => {
    if (cmd) cmd.error(message, { exitCode: EXIT.usage, code: "orgstrap.usage" });
    io.stderr(`${message}\n`);
    return EXIT.usage;
  };
  // Loaded here, not at the top: `orgstrap --help` and `orgstrap plan` need none of review's engine.
  const { defaultPoliciesDir } = await import("../lib/policies");
  const stackFile = opts.config ?? (opts.stack !== undefined ? path.join(path.dirname(defaultPoliciesDir), `Pulumi.${opts.stack}.yaml`) : undefined);
  if (stackFile !== undefined && paths.length > 0) return usage(`error: give policy paths or ${opts.config ? "--config" : "--stack"}, not both`);
  const badName = opts.config === undefined && opts.stack !== undefined ? stackNameProblem(opts.stack) : undefined;
  if (badName) return usage(badName);
  const badFile = stackFile !== undefined ? stackFileProblem(stackFile, opts.config ? "--config" : `--stack ${opts.stack}`) : undefined;
  if (badFile) return usage(badFile);
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) return usage(`error: no such file or folder: ${missing.join(", ")}`);

  // Loaded once the arguments are known to be good: the IAM data, the evaluator and (for a stack) the config schema.
  const { ConfigError } = await import("../lib/config");
  const { renderReport, counts } = await import("../lib/review/format");
  const { reviewPaths } = await import("../lib/review/review");
  const { dataDate } = await import("../lib/review/names");
  const { PROJECT_DIR } = await import("../lib/projectDir");
  const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8")) as { version: string }).version;

  if (stackFile !== undefined) {
    const { reviewStack } = await import("../lib/review/stack");
    const source = path.basename(stackFile);
    const result = await reviewStack(stackFile, source);
    if (result.configProblems.length > 0 && result.findings.length === 0) {
      io.stderr(`${new ConfigError(source, result.configProblems).message}\n`);
      return EXIT.errors;
    }
    io.stdout(renderReport(opts.format, result.findings, { files: result.files, iamData: await dataDate(), version, kinds: result.kinds }));
    if (result.configProblems.length > 0) io.stderr(`${new ConfigError(source, result.configProblems).message}\n`);
    return result.configProblems.length > 0 || counts(result.findings).error > 0 ? EXIT.errors : EXIT.ok;
  }

  // Paths are shown as given; the default folder as a path relative to where the command runs.
  const result = await reviewPaths(paths.length > 0 ? paths : [path.relative(process.cwd(), defaultPoliciesDir) || "."], {
    maxSize: opts.maxSize,
    kind: opts.kind === "auto" ? undefined : opts.kind,
  });
  if (result.empty.length > 0) return usage(`error: no .json file to review in ${result.empty.join(", ")}`);
  io.stdout(renderReport(opts.format, result.findings, { files: result.files, iamData: result.iamData, version, kinds: result.kinds }));
  if (result.crashed > 0) {
    io.stderr(`orgstrap review: the review failed on ${result.crashed} file(s) (REV001, a bug; please report it)\n`);
    return EXIT.crash;
  }
  return counts(result.findings).error > 0 ? EXIT.errors : EXIT.ok;
}
