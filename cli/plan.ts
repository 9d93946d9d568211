// `orgstrap plan`: the organization index.ts would build, computed offline under the fake cloud. Thin: argv -> harness/plan -> print.
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Option } from "commander";
import type { CliIo } from "./main";
import { outDirProblem, outFileProblem, outSubdirProblem, stackFileProblem, stackNameProblem, writeInside } from "./paths";

interface PlanOptions {
  stack?: string;
  config?: string;
  format: "text" | "json" | "markdown";
  out?: string;
}

/** Exit codes: 0 plan printed; 1 invalid config (or the program failed); 2 bad usage. */
export const EXIT = { ok: 0, invalid: 1, usage: 2 } as const;

/** The `plan` subcommand, for cli/main.ts. */
export function planCommand(io: CliIo, done: (exitCode: number) => void): Command {
  const cmd = new Command("plan")
    .description("Show the organization orgstrap would build, offline: index.ts under Pulumi's mock runtime with fake ids (not a provider preview)")
    .addOption(new Option("--stack <name>", "plan Pulumi.<name>.yaml of the project (default: dev)").conflicts("config"))
    .addOption(new Option("--config <file>", "plan this stack file"))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--out <dir>", "also write <dir>/org-chart.svg, plan.json, plan.md and every policy as uploaded, <dir>/policies/<name>.json")
    .showHelpAfterError()
    // Bad usage is exit 2, whatever commander's default.
    .exitOverride((err: CommanderError) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT.usage, err.code, err.message);
    })
    .action(async (opts: PlanOptions) => {
      done(await plan(opts, io));
    });
  return cmd;
}

/** Runs the plan and prints it; returns the exit code. */
export async function plan(opts: PlanOptions, io: CliIo): Promise<number> {
  // Loaded here, not at the top: `orgstrap --help` and the other subcommands need neither Pulumi nor the program.
  const { ConfigError } = await import("../lib/config");
  const { loadPlanConfig, resolveTarget, runProgram } = await import("../harness/plan/run");
  const { buildPlan } = await import("../harness/plan/model");
  const { renderJson } = await import("../harness/plan/render/json");
  const { renderMarkdown } = await import("../harness/plan/render/markdown");
  const { renderOrgChartSvg } = await import("../harness/plan/render/svg");
  const { renderText } = await import("../harness/plan/render/text");
  // Bad usage (exit 2) is found before anything is read or written.
  const usage = (message: string): number => {
    io.stderr(`${message}\n`);
    return EXIT.usage;
  };
  const badName = opts.stack !== undefined ? stackNameProblem(opts.stack) : undefined;
  if (badName) return usage(badName);
  const target = resolveTarget(opts);
  const outFiles = ["org-chart.svg", "plan.json", "plan.md"];
  const bad =
    stackFileProblem(target.file, opts.config !== undefined ? "--config" : `--stack ${target.stack}`) ??
    (opts.out !== undefined ? (outDirProblem(opts.out) ?? outFiles.map((f) => outFileProblem(opts.out ?? "", f)).find((p) => p)) : undefined);
  if (bad) return usage(bad);
  let loaded;
  try {
    loaded = loadPlanConfig(target);
  } catch (err) {
    // Exactly what `pulumi up` prints for the same file, and nothing else.
    if (err instanceof ConfigError || (err as Error).name === "PolicyCatalogError") {
      io.stderr(`${(err as Error).message}\n`);
      return EXIT.invalid;
    }
    throw err;
  }
  // The policies as uploaded go to DIR/policies/<name>.json: the folder and each file are checked as the others are.
  const policyFiles = [...new Set(loaded.config.guardrails.attachments.map((a) => path.join("policies", `${a.policy}.json`)))];
  const badPolicies =
    opts.out !== undefined ? (outSubdirProblem(opts.out, "policies") ?? policyFiles.map((f) => outFileProblem(opts.out ?? "", f)).find((p) => p)) : undefined;
  if (badPolicies) return usage(badPolicies);
  const progress = progressLine(io);
  progress(`running index.ts under the fake cloud (${target.source}, ${loaded.config.accounts.length} accounts)`);
  const run = await runProgram(target, { loaded, converge: true });
  progress(`building the plan from ${run.registrations.length} registrations`);
  const model = buildPlan({ ...run, stack: target.stack, source: target.source });
  const render = { text: renderText, json: renderJson, markdown: renderMarkdown }[opts.format];
  if (opts.out) {
    progress("rendering the org chart");
    fs.mkdirSync(opts.out, { recursive: true });
    writeInside(opts.out, "org-chart.svg", await renderOrgChartSvg(model));
    writeInside(opts.out, "plan.json", renderJson(model));
    writeInside(opts.out, "plan.md", renderMarkdown(model));
    fs.mkdirSync(path.join(opts.out, "policies"), { recursive: true });
    // Exactly the bytes the program uploads (rendered with the stack's parameters, minified), for any other tool to check.
    for (const p of model.policies) writeInside(opts.out, path.join("policies", `${p.name}.json`), p.content);
  }
  progress("");
  io.stdout(render(model));
  if (opts.out)
    io.stderr(
      `wrote ${path.join(opts.out, "org-chart.svg")}, plan.json, plan.md and ${model.policies.length} policies in ${path.join(opts.out, "policies")}\n`,
    );
  return EXIT.ok;
}

// Progress on a terminal only: one line on stderr, rewritten in place; pipes and files get nothing.
function progressLine(io: CliIo): (message: string) => void {
  if (!io.stderrIsTTY) return () => undefined;
  return (message) => io.stderr(`\r\x1b[2K${message ? `orgstrap plan: ${message}…` : ""}`);
}
