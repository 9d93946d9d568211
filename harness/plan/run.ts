// Runs the real program (program.ts: index.ts, or adopt.ts at an adoption's import step) under the fake cloud and
// returns what it registered: the engine of `orgstrap plan`. Like harness/mockCloud.ts, this is a mock-runtime harness:
// it creates no resources itself, the program does.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { OrgConfig, parseOrgConfig, PROJECT } from "../../lib/config";
import { CatalogPolicy, loadPolicyCatalog } from "../../lib/policies";
import { installMockCloud, MANAGEMENT_ACCOUNT_ID, Registration, ROOT_ID, settle } from "../mockCloud";
import { readStackFile, toPulumiConfigMap } from "../../lib/stackFile";
import { adoptionStepOf } from "../../lib/adoption";

import { PROJECT_DIR } from "../../lib/projectDir";

// The program's entry point, as `pulumi up` runs it (package.json "main"): program.ts picks index.ts, or adopt.ts at a
// discovered stack's import step. From source, or dist/program.js once compiled (require resolves the extension).
const PROGRAM = path.join(__dirname, "..", "..", "program");

/** Which stack file to plan. */
export interface PlanTarget {
  /** Stack name: `Pulumi.<stack>.yaml` in the project directory, unless `file` is given. */
  readonly stack: string;
  /** Path of the stack file. */
  readonly file: string;
  /** How config errors name the file, as `pulumi up` does (`Pulumi.<stack>.yaml`). */
  readonly source: string;
}

/** `--stack NAME` (a file in the project directory) or `--config FILE` (a stack name taken from `Pulumi.<name>.yaml`). */
export function resolveTarget(opts: { stack?: string; config?: string }): PlanTarget {
  if (opts.config !== undefined) {
    const file = path.resolve(opts.config);
    const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(path.basename(file))?.[1] ?? "plan";
    return { stack, file, source: /^Pulumi\..+\.ya?ml$/.test(path.basename(file)) ? path.basename(file) : opts.config };
  }
  const stack = opts.stack ?? "dev";
  return { stack, file: path.join(PROJECT_DIR, `Pulumi.${stack}.yaml`), source: `Pulumi.${stack}.yaml` };
}

/** A stack's validated config. Throws `ConfigError` with every problem, exactly as `pulumi up` reports them. */
export function loadPlanConfig(target: PlanTarget): { raw: Record<string, unknown>; config: OrgConfig; catalog: readonly CatalogPolicy[] } {
  const raw = { ...readStackFile(target.file, target.source) };
  const catalog = loadPolicyCatalog();
  return { raw, config: parseOrgConfig(raw, catalog, target.source), catalog };
}

/** What the program registered with the fake cloud, and the config it ran with. */
export interface ProgramRun {
  readonly target: PlanTarget;
  readonly config: OrgConfig;
  readonly catalog: readonly CatalogPolicy[];
  readonly registrations: readonly Registration[];
  /** The fake cloud's management account and root ids. */
  readonly managementAccountId: string;
  readonly rootId: string;
}

/**
 * Runs the program once in this process under the fake cloud with the stack's config. Node's module cache runs a program
 * once per process, so call this once (the CLI does; specs that plan run the compiled CLI in a child process).
 */
export async function runProgram(
  target: PlanTarget,
  opts: { programFile?: string; loaded?: ReturnType<typeof loadPlanConfig>; converge?: boolean } = {},
): Promise<ProgramRun> {
  const loaded = opts.loaded ?? loadPlanConfig(target);
  const { config, catalog } = loaded;
  // `converge`: a discovered stack still at its import step runs as its second `pulumi up` will (docs/adopting.md).
  const adoption = loaded.raw[`${PROJECT}:adoption`];
  const raw =
    opts.converge && adoptionStepOf(adoption) === "import"
      ? { ...loaded.raw, [`${PROJECT}:adoption`]: { ...(typeof adoption === "string" ? JSON.parse(adoption) : adoption), step: "converge" } }
      : loaded.raw;
  const programFile = opts.programFile ?? PROGRAM;
  // setMocks must come before the program loads; config must be set before it reads it.
  const { registrations, refusals } = installMockCloud(PROJECT, target.stack);
  pulumi.runtime.setAllConfig(toPulumiConfigMap(raw));
  const restore = process.env.ORGSTRAP_PLAN_SDK_DEBUG ? () => undefined : withoutSdkDebugCapture();
  try {
    // The program's path is computed (index.ts from source, dist/index.js compiled): a require, not an import.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(programFile);
    await settle();
  } finally {
    restore();
  }
  if (refusals.length > 0) throw new Error(`the fake cloud refused what AWS would refuse:\n${refusals.map((r) => `  ${r}`).join("\n")}`);
  const pending = registrations.filter((r) => !r.urn);
  if (pending.length > 0) throw new Error(`the fake cloud never answered ${pending.length} registrations, e.g. ${pending[0].type} ${pending[0].name}`);
  return { target, config, catalog, registrations, managementAccountId: MANAGEMENT_ACCOUNT_ID, rootId: ROOT_ID };
}

/**
 * Turns off, for the duration of a plan, two things the SDK does for every resource and every internal promise that only a
 * real deployment uses: `debuggablePromise` (a stack trace, a context string and two extra promises per promise, for the
 * exit-time leak report) and `Resource.callsites` (a full, source-mapped stack trace per resource, for the engine's
 * source positions). The plan checks for unanswered registrations itself. Measured on 1,000 workload accounts
 * (7,000 resources): 42.7 s and 1.6 GiB with them, see docs/plan.md. Set ORGSTRAP_PLAN_SDK_DEBUG=1 to keep them.
 * Both are internal to @pulumi/pulumi (pinned to 3.248.0); if their shape changes, nothing is patched.
 */
function withoutSdkDebugCapture(): () => void {
  // Patched in place: the SDK reads this module's export at each call, so it must be the CommonJS module object itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const debuggable = require("@pulumi/pulumi/runtime/debuggable") as { debuggablePromise?: unknown };
  const resource = pulumi.Resource as unknown as { callsites?: unknown };
  const saved = { debuggablePromise: debuggable.debuggablePromise, callsites: resource.callsites };
  if (typeof saved.debuggablePromise === "function") debuggable.debuggablePromise = <T>(p: Promise<T>) => p;
  if (typeof saved.callsites === "function") resource.callsites = () => [];
  return () => {
    debuggable.debuggablePromise = saved.debuggablePromise;
    resource.callsites = saved.callsites;
  };
}
