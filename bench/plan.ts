// Plan benchmarks: `orgstrap plan` of the example stack and of generated organizations, each in a fresh process, plus
// the creation waves of each graph.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CreationWaves } from "../harness/plan/model";
import { writeGeneratedStack } from "./orgs";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "dist", "cli", "orgstrap.js");

/** One measured plan. */
export interface PlanFigure {
  readonly label: string;
  readonly accounts: number;
  readonly resources: number;
  /** Median wall time of the runs, node start-up included, in seconds. */
  readonly seconds: number;
  /** Largest peak resident memory of the runs, in MiB. */
  readonly peakMiB: number;
  /** Median CPU time (user + system) of the runs, in seconds: steadier than wall time on a shared machine. */
  readonly cpuSeconds: number;
  /** Provider resources (one per account something is deployed into). */
  readonly providers: number;
  readonly waves: CreationWaves;
}

/** Runs `orgstrap plan --format json` on a stack file `runs` times in fresh processes. */
export function measurePlan(label: string, file: string, runs: number): PlanFigure {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-bench-"));
  const times: number[] = [];
  const cpu: number[] = [];
  let peak = 0;
  let plan: { summary: { resources: number; accounts: number; providers: number }; waves: CreationWaves } | undefined;
  for (let i = 0; i < runs; i++) {
    const stats = path.join(dir, `stats-${i}.json`);
    const start = process.hrtime.bigint();
    const res = spawnSync(process.execPath, ["-r", path.join(__dirname, "exitStats.js"), BIN, "plan", "--config", file, "--format", "json"], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      env: { ...process.env, ORGSTRAP_BENCH_STATS: stats },
    });
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
    if (res.status !== 0) throw new Error(`plan of ${file} failed (${res.status}): ${res.stderr}`);
    const usage = JSON.parse(fs.readFileSync(stats, "utf8")) as { maxRssKiB: number; cpuMs: number };
    peak = Math.max(peak, usage.maxRssKiB / 1024);
    cpu.push(usage.cpuMs / 1000);
    plan = JSON.parse(res.stdout);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (!plan) throw new Error(`no plan of ${file} was measured (runs: ${runs})`);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return {
    label,
    accounts: plan.summary.accounts,
    resources: plan.summary.resources,
    providers: plan.summary.providers,
    seconds: median(times),
    cpuSeconds: median(cpu),
    peakMiB: peak,
    waves: plan.waves,
  };
}

/** The example stack and generated organizations of 10, 100 and 1,000 workload accounts. */
export function benchPlan(baseFile: string, progress: (m: string) => void, runs = 3): { lines: string[]; figures: PlanFigure[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-bench-stacks-"));
  const figures: PlanFigure[] = [];
  progress(`plan of ${path.basename(baseFile)}`);
  figures.push(measurePlan(path.basename(baseFile), baseFile, runs));
  for (const n of [10, 100, 1000]) {
    progress(`plan of ${n} workload accounts`);
    figures.push(measurePlan(`${n} workload accounts`, writeGeneratedStack(baseFile, n, dir), runs));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const [, , t100, t1000] = figures;
  const ratio = t1000.seconds / t100.seconds;
  // What one more workload account costs the graph: AWS resources and providers between 100 and 1,000 accounts.
  const added = t1000.accounts - t100.accounts;
  const perAccount = (t1000.resources - t100.resources) / added;
  const providersPerAccount = (t1000.providers - t100.providers) / added;
  const lines = [
    `Plan (\`orgstrap plan --format json\`, fresh process each, median of ${runs} runs, ${os.cpus().length} cores, node ${process.version})`,
    "",
    "| stack | accounts | AWS resources | providers | wall time | CPU time | peak memory | creation waves | accounts created in wave |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...figures.map(
      (f) =>
        `| ${f.label} | ${f.accounts} | ${f.resources} | ${f.providers} | ${f.seconds.toFixed(2)} s | ${f.cpuSeconds.toFixed(2)} s | ${f.peakMiB.toFixed(0)} MiB | ${f.waves.count} | ${f.waves.accountWaves.join(", ")} |`,
    ),
    "",
    `Growth: t(1000)/t(100) = ${ratio.toFixed(2)} (goal <= 8); 1,000 accounts: ${t1000.seconds.toFixed(2)} s (goal <= 5 s), ${t1000.peakMiB.toFixed(0)} MiB (goal <= 600 MiB)`,
    `Per added workload account: ${perAccount.toFixed(2)} AWS resources + ${providersPerAccount.toFixed(2)} providers = ${(perAccount + providersPerAccount).toFixed(2)} Pulumi resources (goal <= 2)`,
    `Load average when measured (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")}`,
    "",
    `Critical path of ${figures[0].label} (${figures[0].waves.count} waves; resources per wave: ${figures[0].waves.sizes.join(", ")}):`,
    ...figures[0].waves.criticalPath.map((p, i) => `  ${i + 1}. ${p}`),
    "",
    `Critical path of 1,000 workload accounts (${t1000.waves.count} waves): ${t1000.waves.criticalPath.map((p) => p.split(" ")[1]).join(" -> ")}`,
  ];
  return { lines, figures };
}
