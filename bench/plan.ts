// Plan benchmarks: `orgstrap plan` of the example stack and of generated organizations, each in a fresh process, plus
// the creation waves of each graph.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CreationWaves } from "../harness/plan/model";
import { writeGeneratedStack } from "./orgs";

const ROOT = path.join(__dirname, "..");
const BIN = path.join(ROOT, "cli", "orgstrap.js");

/** One measured plan. */
export interface PlanFigure {
  readonly label: string;
  readonly accounts: number;
  readonly resources: number;
  /** Median wall time of the runs, node start-up included, in seconds. */
  readonly seconds: number;
  /** Largest peak resident memory of the runs, in MiB. */
  readonly peakMiB: number;
  readonly waves: CreationWaves;
}

/** Runs `orgstrap plan --format json` on a stack file `runs` times in fresh processes. */
export function measurePlan(label: string, file: string, runs: number): PlanFigure {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-bench-"));
  const times: number[] = [];
  let peak = 0;
  let plan: { summary: { resources: number; accounts: number }; waves: CreationWaves } | undefined;
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
    peak = Math.max(peak, JSON.parse(fs.readFileSync(stats, "utf8")).maxRssKiB / 1024);
    plan = JSON.parse(res.stdout);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  return { label, accounts: plan!.summary.accounts, resources: plan!.summary.resources, seconds: times[Math.floor(times.length / 2)], peakMiB: peak, waves: plan!.waves };
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
  const lines = [
    `Plan (\`orgstrap plan --format json\`, fresh process each, median of ${runs} runs, ${os.cpus().length} cores, node ${process.version})`,
    "",
    "| stack | accounts | AWS resources | wall time | peak memory | creation waves | accounts created in wave |",
    "|---|---:|---:|---:|---:|---:|---|",
    ...figures.map((f) => `| ${f.label} | ${f.accounts} | ${f.resources} | ${f.seconds.toFixed(2)} s | ${f.peakMiB.toFixed(0)} MiB | ${f.waves.count} | ${f.waves.accountWaves.join(", ")} |`),
    "",
    `Growth: t(1000)/t(100) = ${ratio.toFixed(2)} (goal <= 12); 1,000 accounts: ${t1000.seconds.toFixed(2)} s (goal <= 10 s), ${t1000.peakMiB.toFixed(0)} MiB (goal <= 1024 MiB)`,
    "",
    `Critical path of ${figures[0].label} (${figures[0].waves.count} waves; resources per wave: ${figures[0].waves.sizes.join(", ")}):`,
    ...figures[0].waves.criticalPath.map((p, i) => `  ${i + 1}. ${p}`),
    "",
    `Critical path of 1,000 workload accounts (${t1000.waves.count} waves): ${t1000.waves.criticalPath.map((p) => p.split(" ")[1]).join(" -> ")}`,
  ];
  return { lines, figures };
}
