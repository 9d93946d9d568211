// `orgstrap review`: SCP and RCP JSON files (or the policies a stack renders) -> findings. Thin: argv -> lib/review -> print.
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { ConfigError } from "../lib/config";
import { stackFileProblem, stackNameProblem } from "./paths";
import { defaultPoliciesDir } from "../lib/policies";
import { REVIEW_FORMATS, ReviewFormat } from "../lib/review/format";

interface ReviewOptions {
  format: ReviewFormat;
  stack?: string;
  config?: string;
  maxSize?: number;
}

/** Exit codes: 0 no errors; 1 errors found (or an invalid stack config); 2 bad usage. */
export const EXIT = { ok: 0, errors: 1, usage: 2 } as const;

function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`"${value}" is not a positive whole number of characters`);
  return Number(value);
}

/** The `review` subcommand, for cli/main.ts. */
export function reviewCommand(): Command {
  return new Command("review")
    .description("Review SCP and RCP JSON files (default: policies/), or the policies a stack attaches (--stack)")
    .argument("[paths...]", "policy files or folders")
    .addOption(new Option("--format <format>", "output format").choices([...REVIEW_FORMATS]).default("text"))
    .addOption(new Option("--stack <name>", "review the policies Pulumi.<name>.yaml renders and attaches, and its per-target limits").conflicts("config"))
    .option("--config <file>", "as --stack, for this stack file")
    .option("--max-size <chars>", "policy size limit in characters (default 5,120, or the stack's guardrails.limits.policySizeChars)", positiveInt)
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT.usage, err.code, err.message);
    })
    .action(async (paths: string[], opts: ReviewOptions, cmd: Command) => {
      process.exitCode = await review(paths, opts, cmd);
    });
}

/** Reviews and prints; returns the exit code. */
export async function review(paths: string[], opts: ReviewOptions, cmd?: Command): Promise<number> {
  const usage = (message: string): number => {
    if (cmd) cmd.error(message, { exitCode: EXIT.usage, code: "orgstrap.usage" });
    process.stderr.write(`${message}\n`);
    return EXIT.usage;
  };
  const stackFile = opts.config ?? (opts.stack !== undefined ? path.join(path.dirname(defaultPoliciesDir), `Pulumi.${opts.stack}.yaml`) : undefined);
  if (stackFile !== undefined && paths.length > 0) return usage(`error: give policy paths or ${opts.config ? "--config" : "--stack"}, not both`);
  const badName = opts.config === undefined && opts.stack !== undefined ? stackNameProblem(opts.stack) : undefined;
  if (badName) return usage(badName);
  const badFile = stackFile !== undefined ? stackFileProblem(stackFile, opts.config ? "--config" : `--stack ${opts.stack}`) : undefined;
  if (badFile) return usage(badFile);
  const missing = paths.filter((p) => !fs.existsSync(p));
  if (missing.length > 0) return usage(`error: no such file or folder: ${missing.join(", ")}`);

  // Loaded here: IAM data and the evaluator are only needed once the arguments are known to be good.
  const { renderReport, counts } = await import("../lib/review/format");
  const { reviewPaths } = await import("../lib/review/review");
  const { dataDate } = await import("../lib/review/names");
  const version = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;

  if (stackFile !== undefined) {
    const { reviewStack } = await import("../lib/review/stack");
    const source = path.basename(stackFile);
    const result = await reviewStack(stackFile, source);
    if (result.configProblems.length > 0 && result.findings.length === 0) {
      process.stderr.write(`${new ConfigError(source, result.configProblems).message}\n`);
      return EXIT.errors;
    }
    process.stdout.write(renderReport(opts.format, result.findings, { files: result.files, iamData: await dataDate(), version }));
    if (result.configProblems.length > 0) process.stderr.write(`${new ConfigError(source, result.configProblems).message}\n`);
    return result.configProblems.length > 0 || counts(result.findings).error > 0 ? EXIT.errors : EXIT.ok;
  }

  const result = await reviewPaths(paths.length > 0 ? paths : [defaultPoliciesDir], { maxSize: opts.maxSize });
  process.stdout.write(renderReport(opts.format, result.findings, { files: result.files, iamData: result.iamData, version }));
  return counts(result.findings).error > 0 ? EXIT.errors : EXIT.ok;
}
