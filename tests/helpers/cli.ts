// Running the CLI from specs: in process through `main(argv, io)` (most specs), or as the compiled executable in a child
// process (the smoke specs, and plans that run the program: Node runs a program once per process).
import { spawnSync } from "child_process";
import * as path from "path";
import { main } from "../../cli/main";

export const ROOT = path.join(__dirname, "..", "..");
/** The package's bin, compiled by `npm run build`. */
export const BIN = path.join(ROOT, "dist", "cli", "orgstrap.js");

/** What one CLI run produced. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `orgstrap <args>` in this process; stdout and stderr captured, stderr not a terminal. */
export async function orgstrapInProcess(...args: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const status = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false });
  return { status, stdout, stderr };
}

let built = false;
/** Brings dist/ up to date with the sources (a no-op when `npm test` has just built it). */
export function ensureBuilt(): void {
  if (built) return;
  const res = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { cwd: ROOT, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`npm run build failed:\n${res.stdout}${res.stderr}`);
  built = true;
}

/** `node dist/cli/orgstrap.js <args>` in a child process, as a user runs it. */
export function orgstrapProcess(...args: string[]): CliRun {
  ensureBuilt();
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000, maxBuffer: 1 << 28 });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}
