// `orgstrap review` end to end through the CLI's entry, in process: exit codes, the three formats, --stack / --config,
// bad usage. tests/cli/smoke.test.ts runs the compiled executable.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import * as names from "../../lib/review/names";
import { RULES } from "../../lib/review/rules";

import { CliRun, orgstrapInProcess, ROOT } from "../helpers/cli";

const FIXTURES = "tests/fixtures/review/cli";

function orgstrap(...args: string[]): Promise<CliRun> {
  return orgstrapInProcess("review", ...args);
}

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-review-"));

/** Pulumi.dev.yaml with its guardrail attachments replaced, written as Pulumi.<name>.yaml in a temporary folder. */
function stackWith(name: string, attachments: { policy: string; targets: string[] }[], limits?: unknown): string {
  const doc = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8"));
  doc.config["orgstrap:guardrails"].attachments = attachments;
  if (limits) doc.config["orgstrap:guardrails"].limits = limits;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-review-")), `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, YAML.stringify(doc));
  return file;
}

describe("orgstrap review", function () {
  this.timeout(60_000);

  it("finds no error in the shipped policies/ (the default), proving every claim, and exits 0", async () => {
    const run = await orgstrap();
    expect(run.status, run.stderr).to.equal(0);
    // policies/manifest.json describes the policies and is not counted; paths are shown relative, as typed.
    expect(run.stdout).to.match(/^9 files reviewed: 0 errors, 0 warnings, \d+ info \(IAM data /m);
    expect(run.stdout).to.match(/^policies\/scp\/deny-root-user\.json \(SCP: policies\/manifest\.json\)$/m);
    expect(run.stdout).to.match(/^ {2}policies\/manifest\.json info CLAIM002 family-open \[deny-cloudtrail-tampering\.claims\.families\[0\]\]: /m);
    expect(run.stdout).not.to.include("CLAIM001");
  });

  it("reports each file's kind and the findings as JSON with rule, path, line and column, and exits 1", async () => {
    const run = await orgstrap(FIXTURES, "--format", "json");
    expect(run.status).to.equal(1);
    const out = JSON.parse(run.stdout);
    expect(out.files).to.deep.equal([
      { file: `${FIXTURES}/broken-scp.json`, kind: "scp", why: "no statement has a Principal" },
      { file: `${FIXTURES}/good-scp.json`, kind: "scp", why: "no statement has a Principal" },
    ]);
    expect(out.findings).to.deep.equal([
      {
        file: `${FIXTURES}/broken-scp.json`,
        ruleId: "JSON004",
        severity: "error",
        path: "Statement[0]",
        line: 8,
        column: 22,
        message: "line 8, column 22: trailing comma before }",
      },
      {
        file: `${FIXTURES}/broken-scp.json`,
        ruleId: "NAME001",
        severity: "error",
        path: "Statement[0].Action[0]",
        line: 7,
        column: 18,
        message: '"cloudtrail:StopLoging" is not a known action (retired or misspelled)',
      },
    ]);
  });

  it("prints text as file:line:column severity rule, then the counts", async () => {
    const run = await orgstrap(`${FIXTURES}/broken-scp.json`);
    expect(run.status).to.equal(1);
    expect(run.stdout).to.include(`${FIXTURES}/broken-scp.json (SCP: no statement has a Principal)\n`);
    expect(run.stdout).to.include(
      `  ${FIXTURES}/broken-scp.json:7:18 error NAME001 unknown-action [Statement[0].Action[0]]: "cloudtrail:StopLoging" is not a known action (retired or misspelled)\n`,
    );
    expect(run.stdout).to.match(/\n1 file reviewed: 2 errors, 0 warnings, 0 info \(IAM data /);
  });

  it("writes SARIF 2.1.0: every rule with its rationale, each result pointing at its rule, file and region", async () => {
    const run = await orgstrap(FIXTURES, "--format", "sarif");
    expect(run.status).to.equal(1);
    const sarif = JSON.parse(run.stdout);
    expect([sarif.version, sarif.$schema]).to.deep.equal(["2.1.0", "https://json.schemastore.org/sarif-2.1.0.json"]);
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).to.equal("orgstrap review");
    expect(driver.rules.map((r: { id: string }) => r.id)).to.deep.equal(RULES.map((r) => r.id));
    const results = sarif.runs[0].results;
    expect(results.map((r: { ruleId: string; ruleIndex: number }) => driver.rules[r.ruleIndex].id)).to.deep.equal(["JSON004", "NAME001"]);
    expect(results[1]).to.deep.include({ ruleId: "NAME001", level: "error" });
    expect(sarif.runs[0].artifacts[0]).to.deep.equal({
      location: { uri: `${FIXTURES}/broken-scp.json` },
      properties: { kind: "scp", why: "no statement has a Principal" },
    });
    expect(results[1].locations[0].physicalLocation).to.deep.equal({
      artifactLocation: { uri: `${FIXTURES}/broken-scp.json` },
      region: { startLine: 7, startColumn: 18 },
    });
  });

  it("a file with only a passing policy exits 0", async () => {
    const run = await orgstrap(`${FIXTURES}/good-scp.json`, "--format", "json");
    expect([run.status, JSON.parse(run.stdout).findings]).to.deep.equal([0, []]);
  });

  it("--stack dev reviews the nine policies Pulumi.dev.yaml attaches, as rendered, proving their claims with no error", async () => {
    const run = await orgstrap("--stack", "dev");
    expect(run.status, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/^9 files reviewed: 0 errors, 0 warnings/m);
  });

  it("--config: six SCPs on the root under a lowered SCP limit of 5 is ORG001, naming the target and the type's limit; exits 1", async () => {
    const crowded = stackWith(
      "crowded",
      [
        { policy: "deny-leave-organization", targets: ["root"] },
        { policy: "deny-root-user", targets: ["root"] },
        { policy: "deny-cloudtrail-tampering", targets: ["root"] },
        { policy: "protect-security-services", targets: ["root"] },
        { policy: "protect-exempt-roles", targets: ["root"] },
      ],
      { scp: { policiesPerTarget: 5 } },
    );
    const run = await orgstrap("--config", crowded, "--format", "json");
    expect(run.status).to.equal(1);
    expect(JSON.parse(run.stdout).findings).to.deep.equal([
      {
        file: "Pulumi.crowded.yaml",
        ruleId: "ORG001",
        severity: "error",
        path: "orgstrap:guardrails.attachments",
        message:
          'target "root" would have 6 SCPs (FullAWSAccess, deny-leave-organization, deny-root-user, deny-cloudtrail-tampering, protect-security-services, protect-exempt-roles); the limit is 5 per target (guardrails.limits.scp.policiesPerTarget), FullAWSAccess included',
      },
    ]);
  });

  it("an invalid stack prints the same all-problems message as pulumi up, and exits 1", async () => {
    const bad = stackWith("bad", [{ policy: "deny-everything", targets: ["root"] }]);
    const run = await orgstrap("--config", bad);
    expect([run.status, run.stdout]).to.deep.equal([1, ""]);
    expect(run.stderr).to.match(
      /^Invalid stack config \(Pulumi\.bad\.yaml\): 1 problem\n {2}- orgstrap:guardrails\.attachments\[0\]\.policy: unknown policy "deny-everything"/,
    );
  });

  it('an empty folder, or one with no .json below it, is bad usage (exit 2), never a green "0 files reviewed"', async () => {
    const empty = tmp();
    const noJson = tmp();
    fs.mkdirSync(path.join(noJson, "sub"));
    fs.writeFileSync(path.join(noJson, "sub", "README.md"), "# not a policy\n");
    const run = await orgstrap(empty, noJson);
    expect([run.status, run.stdout]).to.deep.equal([2, ""]);
    expect(run.stderr).to.include(`error: no .json file to review in ${empty}, ${noJson}`);
  });

  it("a path that cannot be read is reported (IO001) and the other files are still reviewed; nothing on stderr", async () => {
    const dir = tmp();
    fs.copyFileSync(path.join(ROOT, FIXTURES, "good-scp.json"), path.join(dir, "good.json"));
    fs.symlinkSync(path.join(dir, "missing.json"), path.join(dir, "dangling.json"));
    fs.symlinkSync(dir, path.join(dir, "loop"));
    const run = await orgstrap(dir, "--format", "json");
    expect([run.status, run.stderr]).to.deep.equal([1, ""]);
    const out = JSON.parse(run.stdout);
    expect(out.files.map((f: { file: string; kind: string }) => [path.basename(f.file), f.kind])).to.deep.equal([
      ["dangling.json", "unread"],
      ["good.json", "scp"],
      ["loop", "unread"],
    ]);
    expect(out.findings.map((f: { ruleId: string; message: string }) => [f.ruleId, f.message])).to.deep.equal([
      ["IO001", "cannot be read: dangling symbolic link (its target does not exist); the other files are still reviewed"],
      ["IO001", "cannot be read: symbolic link loop (links back to a folder above it); the other files are still reviewed"],
    ]);
  });

  it("a defect in the review itself exits 3 (never 1), reports REV001 for each file it hit, and prints no stack trace", async () => {
    // Simulates a bug: the IAM-name lookup throws for every action.
    const exportsOfNames = names as { expandAction: typeof names.expandAction };
    const original = exportsOfNames.expandAction;
    exportsOfNames.expandAction = async (entry: string) => {
      throw new Error(`simulated defect while expanding ${entry}`);
    };
    try {
      const run = await orgstrap(FIXTURES);
      expect(run.status).to.equal(3);
      expect(run.stdout).to.include(
        `  ${FIXTURES}/good-scp.json error REV001 internal-error: orgstrap review failed on this file (a bug; please report it): simulated defect while expanding organizations:LeaveOrganization\n`,
      );
      expect(run.stderr).to.equal("orgstrap review: the review failed on 2 file(s) (REV001, a bug; please report it)\n");
      expect(run.stdout + run.stderr).not.to.match(/\n\s+at /);
    } finally {
      exportsOfNames.expandAction = original;
    }
  });

  for (const [args, message] of [
    [["--format", "xml"], "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, sarif."],
    [["no-such-folder"], "error: no such file or folder: no-such-folder"],
    [["--max-size", "0"], `error: option '--max-size <chars>' argument '0' is invalid. "0" is not a positive whole number of characters`],
    [["--stack", "nope"], "error: --stack nope: no stack file"],
    [["--stack", "dev", "policies"], "error: give policy paths or --stack, not both"],
    [["--kind", "iam"], "error: option '--kind <kind>' argument 'iam' is invalid. Allowed choices are scp, rcp, auto."],
  ] as const) {
    it(`bad usage (${args.join(" ")}) names the flag or path and exits 2`, async () => {
      const run = await orgstrap(...args);
      expect(run.status).to.equal(2);
      expect(run.stderr).to.include(message);
      expect(run.stdout).to.equal("");
    });
  }
});
