// Child-process helper: runs the program (program.ts, as `pulumi up` does) under the fake cloud on one stack file and
// prints what it registered as JSON. Node runs a program once per process, so specs spawn this per stack file.
import { resolveTarget, runProgram } from "../../harness/plan/run";

void (async () => {
  const run = await runProgram(resolveTarget({ config: process.argv[2] }));
  const out = run.registrations.map((r) => ({
    type: r.type,
    name: r.name,
    custom: r.custom,
    importId: r.importId,
    protect: r.protect,
    retainOnDelete: r.retainOnDelete,
    inputs: r.inputs,
  }));
  process.stdout.write(JSON.stringify(out));
})().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
