// The compiled CLI as a user runs it: `node dist/cli/orgstrap.js` in a child process, no TypeScript at run time.
// The other CLI specs call `main(argv, io)` in process; these check the executable, its exit codes and its streams.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BIN, ensureBuilt, orgstrapProcess, ROOT } from "../helpers/cli";

describe("the orgstrap executable (compiled)", function () {
  this.timeout(120_000);
  before(() => ensureBuilt());

  it("is the package's bin: dist/cli/orgstrap.js, a node script", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(path.join(ROOT, pkg.bin.orgstrap)).to.equal(BIN);
    expect(fs.readFileSync(BIN, "utf8").split("\n")[0]).to.equal("#!/usr/bin/env node");
    expect(pkg.scripts.prepare).to.equal("node scripts/build.js");
  });

  it("the build deletes compiled files whose source is gone, so none can shadow a module", () => {
    const stale = [path.join(ROOT, "dist", "lib", "gone.js"), path.join(ROOT, "dist", "lib", "gone.d.ts"), path.join(ROOT, "dist", "lib", "gone", "index.js")];
    for (const f of stale) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, "");
    }
    const res = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { cwd: ROOT, encoding: "utf8" });
    expect([res.status, res.stdout + res.stderr]).to.deep.equal([0, ""]);
    expect(stale.filter((f) => fs.existsSync(f))).to.deep.equal([]);
    expect(fs.existsSync(path.join(ROOT, "dist", "lib", "gone"))).to.equal(false);
    expect(fs.existsSync(path.join(ROOT, "dist", "lib", "config", "index.js"))).to.equal(true);
  });

  it("--help lists plan and review on stdout and exits 0", () => {
    const run = orgstrapProcess("--help");
    expect([run.status, run.stderr]).to.deep.equal([0, ""]);
    expect(run.stdout).to.match(/^Usage: orgstrap \[options\] \[command\]\n/);
    expect(run.stdout).to.match(/\n {2}plan \[options\] /);
    expect(run.stdout).to.match(/\n {2}review \[options\] \[paths\.\.\.\] /);
  });

  it("loads no TypeScript compiler: neither ts-node nor typescript is in the module cache when it exits", () => {
    // Preloaded into the CLI's process: on exit, names any ts-node or typescript module loaded and fails.
    const probe = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-smoke-")), "probe.js");
    fs.writeFileSync(
      probe,
      'process.on("exit", () => { const m = Object.keys(require.cache).filter((f) => /node_modules[\\\\/](ts-node|typescript)[\\\\/]/.test(f)); if (m.length) { process.stderr.write(m.join("\\n")); process.exitCode = 3; } });\n',
    );
    const run = spawnSync(process.execPath, ["-r", probe, BIN, "review", "tests/fixtures/review/cli/good-scp.json"], { cwd: ROOT, encoding: "utf8" });
    expect([run.status, run.stderr]).to.deep.equal([0, ""]);
    expect(run.stdout).to.match(/^1 file reviewed: 0 errors/m);
  });

  it("a review with errors exits 1 with the findings on stdout", () => {
    const run = orgstrapProcess("review", "tests/fixtures/review/cli/broken-scp.json", "--format", "json");
    expect(run.status).to.equal(1);
    expect((JSON.parse(run.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId)).to.deep.equal(["JSON004", "NAME001"]);
  });

  it("bad usage exits 2 with the error on stderr and nothing on stdout", () => {
    const run = orgstrapProcess("plan", "--format", "xml");
    expect([run.status, run.stdout]).to.deep.equal([2, ""]);
    expect(run.stderr).to.match(/^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, markdown\.\n/);
  });
});
