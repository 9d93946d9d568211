// The review benchmark: simulated requests per second of the project's SCP/RCP evaluator, on one core and on all,
// and the wall time of `orgstrap review` over the public corpus. Figures only.
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadPolicyCatalog, examplePolicyParameters, substitute } from "../lib/policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, NamedPolicy, Request } from "../lib/review/evaluator";
import { actionsOf } from "../lib/review/names";

const ROOT = path.join(__dirname, "..");

interface Job {
  kind: "scp" | "rcp";
  levels: NamedPolicy[][];
  request: Request;
}

/** The requests `orgstrap review` simulates: every claim, and every action of every claimed family, per shipped policy. */
async function workload(): Promise<Job[]> {
  const jobs: Job[] = [];
  for (const policy of loadPolicyCatalog()) {
    const document = substitute(policy.document, examplePolicyParameters(), policy.file);
    const levels = policy.kind === "scp" ? [[FULL_AWS_ACCESS, { name: policy.title, document }]] : [[{ name: policy.title, document }]];
    for (const claim of [...policy.claims.denied, ...policy.claims.allowed]) jobs.push({ kind: policy.kind, levels, request: claim.request as Request });
    for (const fam of policy.claims.families ?? []) {
      for (const action of (await actionsOf(fam.service)) ?? []) {
        jobs.push({
          kind: policy.kind,
          levels,
          request: {
            principal: fam.principal ?? { kind: "role", account: "111122223333", name: "Admin" },
            action: `${fam.service}:${action}`,
            resource: fam.resource,
          },
        });
      }
    }
  }
  return jobs;
}

/** Evaluates the workload round-robin for `seconds`; returns requests per second on this thread. */
export async function requestsPerSecond(seconds: number): Promise<{ perSecond: number; distinct: number }> {
  const jobs = await workload();
  let done = 0;
  const start = process.hrtime.bigint();
  const limit = BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() - start < limit) {
    for (let i = 0; i < 1000; i++) {
      const job = jobs[(done + i) % jobs.length];
      evaluateOrgPolicies(job.kind, job.levels, job.request);
    }
    done += 1000;
  }
  return { perSecond: done / (Number(process.hrtime.bigint() - start) / 1e9), distinct: jobs.length };
}

/** One process per core, each evaluating for `seconds`; the sum of their rates. */
async function allCores(seconds: number): Promise<{ cores: number; perSecond: number }> {
  const cores = os.cpus().length;
  const one = () =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", __filename, "--worker", String(seconds)], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "inherit"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("close", () => resolve(Number(out.trim())));
    });
  const rates = await Promise.all(Array.from({ length: cores }, one));
  return { cores, perSecond: rates.reduce((a, b) => a + b, 0) };
}

function corpusWallTime(): { seconds: number; corpus: string; summary: string } {
  const shared = path.join(ROOT, "..", "shared", "corpus");
  const corpus = fs.existsSync(shared) ? shared : path.join(ROOT, "tests", "fixtures", "review", "corpus");
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [path.join(ROOT, "dist", "cli", "orgstrap.js"), "review", corpus], { cwd: ROOT, encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const summary = run.stdout.trim().split("\n").pop() ?? "";
  return { seconds, corpus: path.relative(ROOT, corpus), summary: `${summary} (exit ${run.status})` };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** The lines bench/index.ts prints. */
export async function benchReview(): Promise<string[]> {
  const single = await requestsPerSecond(2);
  const parallel = await allCores(2);
  const corpus = corpusWallTime();
  return [
    "Review (orgstrap's own SCP/RCP evaluator; goal: >= 10,000 simulated requests/s on 2 cores; corpus review < 2 s)",
    "",
    "| measure | figure |",
    "|---|---:|",
    `| simulated requests/s, 1 core (${single.distinct} distinct claim and family requests, round-robin) | ${fmt(single.perSecond)} |`,
    `| simulated requests/s, ${parallel.cores} cores (one process each) | ${fmt(parallel.perSecond)} |`,
    `| \`orgstrap review ${corpus.corpus}\` wall time (process start included) | ${corpus.seconds.toFixed(2)} s |`,
    "",
    `corpus: ${corpus.summary}`,
  ];
}

if (process.argv[2] === "--worker") {
  requestsPerSecond(Number(process.argv[3])).then((r) => process.stdout.write(`${r.perSecond}\n`));
} else if (require.main === module) {
  benchReview().then((lines) => process.stdout.write(`${lines.join("\n")}\n`));
}
