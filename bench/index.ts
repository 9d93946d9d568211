// `npm run bench`: prints the plan, test-suite and (when present) review benchmarks. Figures only; no pass/fail.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { benchPlan } from "./plan";

const ROOT = path.join(__dirname, "..");

// Progress on a terminal only, on stderr; the figures go to stdout.
function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${message ? `bench: ${message}…` : ""}`);
}

/** Wall time of a command and the mocha summary it printed. */
function timeCommand(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { seconds: number; summary: string } {
  const start = process.hrtime.bigint();
  const res = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const out = `${res.stdout}\n${res.stderr}`;
  const counts = ["passing", "failing", "pending"].map((w) => new RegExp(`(\\d+) ${w}`).exec(out)?.[0]).filter(Boolean);
  return { seconds, summary: `${counts.join(", ") || "no mocha summary"}${res.status === 0 ? "" : ` (exit ${res.status})`}` };
}

function benchTests(): string[] {
  progress("npm test (type-check + mocha)");
  const full = timeCommand("npm", ["test", "--silent"]);
  progress("mocha without type-check");
  const fast = timeCommand(path.join(ROOT, "node_modules", ".bin", "mocha"), ["tests/**/*.test.ts"], { TS_NODE_TRANSPILE_ONLY: "true" });
  progress("tsc --noEmit");
  const tsc = timeCommand(path.join(ROOT, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "."]);
  return [
    "Test suite (wall time)",
    "",
    "| run | time | result |",
    "|---|---:|---|",
    `| \`npm test\` (tsc --noEmit, then mocha) | ${full.seconds.toFixed(1)} s | ${full.summary} |`,
    `| mocha alone, transpile-only (\`TS_NODE_TRANSPILE_ONLY=true mocha\`) | ${fast.seconds.toFixed(1)} s | ${fast.summary} |`,
    `| type-check alone (\`tsc --noEmit\`) | ${tsc.seconds.toFixed(1)} s | |`,
  ];
}

/** Median wall time of `runs` fresh runs of the compiled CLI. */
function medianCli(args: string[], runs: number): number {
  const bin = path.join(ROOT, "dist", "cli", "orgstrap.js");
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const res = spawnSync(process.execPath, [bin, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 28 });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (res.status !== 0 && res.status !== 1) throw new Error(`orgstrap ${args.join(" ")} exited ${res.status}: ${res.stderr}`);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function benchCli(): string[] {
  progress("CLI start-up");
  const help = medianCli(["--help"], 5);
  const review = medianCli(["review", "policies/scp/deny-root-user.json"], 5);
  return [
    "CLI (compiled, `node dist/cli/orgstrap.js`, fresh process each, median of 5 runs)",
    "",
    "| command | wall time | goal |",
    "|---|---:|---:|",
    `| \`orgstrap --help\` | ${help.toFixed(2)} s | <= 0.3 s |`,
    `| \`orgstrap review policies/scp/deny-root-user.json\` (one file) | ${review.toFixed(2)} s | <= 0.6 s |`,
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--config");
  const baseFile = at >= 0 ? path.resolve(args[at + 1]) : path.join(ROOT, "Pulumi.dev.yaml");
  const only = args.includes("--plan-only");
  const sections: string[][] = [benchPlan(baseFile, progress).lines];
  if (!only) sections.push(benchCli(), benchTests());
  const review = path.join(__dirname, "review.ts");
  if (!only && fs.existsSync(review)) {
    progress("review");
    // The review engineer's benchmark: `benchReview()` returns or prints its own figures.
    const mod = (await import(review)) as { benchReview?: () => unknown };
    const out = await mod.benchReview?.();
    if (Array.isArray(out)) sections.push(out.map(String));
    else if (typeof out === "string") sections.push([out]);
  }
  progress("");
  process.stdout.write(sections.map((s) => s.join("\n")).join("\n\n") + "\n");
}

main().catch((err) => {
  progress("");
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exitCode = 1;
});
