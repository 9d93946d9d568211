// `orgstrap plan` end to end. A plan that runs the program runs the compiled CLI in a child process (Node runs a program
// once per process, and this one has run it already); config errors and bad usage stop before the program, in process.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { OrgNode, Plan } from "../../harness/plan/model";
import { CliRun, orgstrapInProcess, orgstrapProcess } from "../helpers/cli";
import { EXAMPLE_STACK_FILE, exampleRaw } from "../helpers/stack";

// The org chart without the fake ids: kind, key, name and the policies attached directly.
type Shape = { node: string; scp: string[]; rcp: string[]; children?: Shape[] };
function shape(n: OrgNode): Shape {
  const s: Shape = { node: `${n.kind} ${n.key} ${n.name}`, scp: [...n.policies.scp], rcp: [...n.policies.rcp] };
  return n.children.length ? { ...s, children: n.children.map(shape) } : s;
}

const ROOT_SCPS = [
  "FullAWSAccess",
  "deny-cloudtrail-tampering",
  "deny-leave-organization",
  "deny-root-user",
  "protect-exempt-roles",
  "protect-security-services",
  "restrict-regions",
];
const SUPPRESSION = { scp: ["FullAWSAccess", "deny-finding-suppression"], rcp: ["RCPFullAWSAccess"] };
const ROOT_RCPS = ["RCPFullAWSAccess", "enforce-secure-transport"];
const NONE = { scp: ["FullAWSAccess"], rcp: ["RCPFullAWSAccess"] };
// OU keys as Pulumi.dev.yaml spells them (the Security OU's key is the example's choice, not the plan's).
const OU_KEYS = (exampleRaw()["orgstrap:organizationalUnits"] as { key: string; name: string }[]).map((o) => o.key);
const SECURITY_OU = (exampleRaw()["orgstrap:organizationalUnits"] as { key: string; name: string }[]).find((o) => o.name === "Security")!.key;
const SECURITY = (exampleRaw()["orgstrap:accounts"] as { key: string; role?: string }[]).find((a) => a.role === "security")!.key;

describe("orgstrap plan on Pulumi.dev.yaml", function () {
  this.timeout(120_000);
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-plan-"));
  let json: CliRun;
  let plan: Plan;

  before(() => {
    json = orgstrapProcess("plan", "--config", EXAMPLE_STACK_FILE, "--format", "json", "--out", out);
    if (json.status !== 0) throw new Error(`plan failed (${json.status}): ${json.stderr}`);
    plan = JSON.parse(json.stdout);
  });

  it("states who the guardrails exempt: the configured roles and the attached policies that exempt them", () => {
    expect(plan.exemptions).to.deep.equal({
      principals: ["arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/stacksets-exec-*"],
      policies: ["deny-cloudtrail-tampering", "protect-security-services", "restrict-regions", "deny-all", "protect-exempt-roles", "deny-finding-suppression"],
    });
  });

  it("says in JSON that it is an offline plan of the stack", () => {
    expect([plan.stack, plan.source, (plan as unknown as { offline: boolean }).offline]).to.deep.equal(["dev", "Pulumi.dev.yaml", true]);
  });

  it("prints the org tree: OUs, accounts and the policies attached at each level, FullAWSAccess included", () => {
    expect(shape(plan.org)).to.deep.equal({
      node: "root root Root",
      scp: ROOT_SCPS,
      rcp: ROOT_RCPS,
      children: [
        { node: "account management management account", scp: [], rcp: [] },
        {
          node: `ou ${SECURITY_OU} Security`,
          ...NONE,
          children: [
            { node: `account ${SECURITY} Security`, ...NONE },
            { node: "account log-archive Log Archive", ...SUPPRESSION },
          ],
        },
        {
          node: "ou workloads Workloads",
          ...SUPPRESSION,
          children: [
            { node: "ou prod Prod", ...NONE, children: [{ node: "account prod-app Prod App", ...NONE }] },
            { node: "ou nonprod NonProd", ...NONE, children: [{ node: "account dev-app Dev App", ...NONE }] },
          ],
        },
        { node: "ou sandbox Sandbox", ...SUPPRESSION },
        { node: "ou suspended Suspended", scp: ["FullAWSAccess", "deny-all", "deny-finding-suppression"], rcp: ["RCPFullAWSAccess"] },
      ],
    });
  });

  it("gives the org chart the fake cloud's ids: root, OUs and the accounts' 12 digits", () => {
    const ids: string[] = [];
    const walk = (n: OrgNode): void => {
      ids.push(`${n.kind} ${n.id}`);
      n.children.forEach(walk);
    };
    walk(plan.org);
    expect(ids[0]).to.equal("root r-exm1");
    expect(ids[1]).to.equal("account 111111111111");
    for (const id of ids.slice(2)) expect(id).to.match(/^(ou ou-exm1-[0-9a-f]{8}|account 2\d{11})$/);
  });

  it("lists the effective SCPs and RCPs per account, level by level with counts, and exempts the management account", () => {
    const rows = plan.guardrails.map((g) =>
      g.management
        ? [g.account, "not affected"]
        : [
            g.account,
            ["Root", ...g.path].join("/"),
            g.scp!.levels.map((l) => `${l.name}:${l.count}`).join(" "),
            g.scp!.effective,
            g.rcp!.levels.map((l) => l.count).join(" "),
            g.rcp!.effective,
          ],
    );
    expect(rows).to.deep.equal([
      ["management", "not affected"],
      [SECURITY, "Root/Security", "Root:7 Security:1 Security:1", ROOT_SCPS, "2 1 1", ROOT_RCPS],
      ["log-archive", "Root/Security", "Root:7 Security:1 Log Archive:2", [...ROOT_SCPS, "deny-finding-suppression"], "2 1 1", ROOT_RCPS],
      ["prod-app", "Root/Workloads/Prod", "Root:7 Workloads:2 Prod:1 Prod App:1", [...ROOT_SCPS, "deny-finding-suppression"], "2 1 1 1", ROOT_RCPS],
      ["dev-app", "Root/Workloads/NonProd", "Root:7 Workloads:2 NonProd:1 Dev App:1", [...ROOT_SCPS, "deny-finding-suppression"], "2 1 1 1", ROOT_RCPS],
    ]);
    expect(plan.guardrails.filter((g) => g.scp?.overLimit || g.rcp?.overLimit)).to.deep.equal([]);
    // AWS's current quotas per type: SCPs 10 per target and 10,240 characters since 2026-05-15, RCPs 5 and 5,120.
    expect(plan.limits).to.deep.equal({ scp: { policiesPerTarget: 10, policySizeChars: 10240 }, rcp: { policiesPerTarget: 5, policySizeChars: 5120 } });
  });

  it("places each resource in the account of its provider and the Region of its input (global services have none)", () => {
    const at = (type: string, name: string) => {
      const r = plan.resources.find((x) => x.type === type && x.name === name);
      return r && [r.account, r.region, r.parent];
    };
    expect(at("aws:organizations/organization:Organization", "org-organization")).to.deep.equal(["management", "global", "org"]);
    expect(at("aws:s3/bucket:Bucket", "log-archive-bucket")).to.deep.equal(["log-archive", "us-east-1", "log-archive"]);
    expect(at("aws:guardduty/detector:Detector", "guardduty-detector-eu-west-1")).to.deep.equal([SECURITY, "eu-west-1", "guardduty"]);
    expect(at("aws:guardduty/organizationAdminAccount:OrganizationAdminAccount", "guardduty-admin-eu-west-1")).to.deep.equal([
      "management",
      "eu-west-1",
      "guardduty",
    ]);
    expect(at("pulumi:providers:aws", `accounts-${SECURITY}`)).to.deep.equal([SECURITY, "us-east-1", "accounts"]);
    // A plain workload account is reached by the StackSet only: no provider into it.
    expect(at("pulumi:providers:aws", "accounts-prod-app")).to.equal(undefined);
    expect(at("aws:cloudtrail/trail:Trail", "audit-trail")).to.deep.equal(["management", "us-east-1", "audit"]);
  });

  it("gives each resource its key inputs: scalars as passed, long documents as their size, provider inputs decoded", () => {
    const account = plan.resources.find((r) => r.name === "accounts-prod-app" && r.kind === "resource")!;
    expect(account.inputs).to.include({ name: "Prod App", email: "aws-prod-app@example.com", closeOnDeletion: false });
    // Providers exist for the accounts something is deployed into (the Security account here, not prod-app, whose
    // baseline comes from the StackSet).
    const provider = plan.resources.find((r) => r.name === `accounts-${SECURITY}` && r.kind === "provider")!;
    expect(provider.inputs.allowedAccountIds).to.deep.equal([provider.accountId]);
    expect(provider.inputs).to.not.have.property("skipCredentialsValidation");
    const policy = plan.resources.find((r) => r.name === "log-archive-bucket-policy")!;
    expect(policy.inputs.policy).to.match(/^\(\d+ characters\)$/);
  });

  it("creates every account in the waves its OU's depth allows, and names the critical path", () => {
    // Accounts in a top-level OU wait for organization -> OU; accounts in Prod/NonProd also for Workloads.
    expect(plan.waves.accountWaves).to.deep.equal([3, 4]);
    expect(plan.waves.criticalPath[0]).to.equal("aws:organizations/organization:Organization org-organization");
    expect(plan.waves.criticalPath).to.have.length(plan.waves.count);
    expect(plan.waves.sizes.reduce((a, b) => a + b, 0)).to.equal(plan.summary.resources);
  });

  it("writes an SVG org chart that names every OU, every account and the attached policies", () => {
    const svg = fs.readFileSync(path.join(out, "org-chart.svg"), "utf8");
    expect(svg.startsWith("<?xml")).to.equal(true);
    expect(svg).to.include("<svg");
    const text = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
      m[1]
        .replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
        .replace(/&amp;/g, "&")
        .trim(),
    );
    for (const name of ["Security", "Workloads", "Prod", "NonProd", "Sandbox", "Suspended", "Log Archive", "Prod App", "Dev App", "management account"]) {
      expect(text, name).to.include(name);
    }
    expect(text).to.include.members([
      "restrict-regions",
      "deny-all",
      "enforce-secure-transport",
      "not affected by SCPs/RCPs",
      "protect-exempt-roles",
      "deny-finding-suppression",
    ]);
    // Each type against its own limit: the root's 7 of 10 SCPs and 2 of 5 RCPs.
    expect(text).to.include.members(["SCPs 7/10", "RCPs 2/5"]);
  });

  it("writes every policy exactly as uploaded to DIR/policies/<name>.json: the registered content, rendered and minified", () => {
    const dir = path.join(out, "policies");
    expect(fs.readdirSync(dir).sort()).to.deep.equal(plan.policies.map((p) => `${p.name}.json`).sort());
    expect(plan.policies.map((p) => p.name)).to.deep.equal([
      "deny-all",
      "deny-cloudtrail-tampering",
      "deny-finding-suppression",
      "deny-leave-organization",
      "deny-root-user",
      "enforce-secure-transport",
      "protect-exempt-roles",
      "protect-security-services",
      "restrict-regions",
    ]);
    const registered = plan.resources.filter((r) => r.type === "aws:organizations/policy:Policy").length;
    expect(registered).to.equal(plan.policies.length);
    for (const p of plan.policies) {
      const text = fs.readFileSync(path.join(dir, `${p.name}.json`), "utf8");
      expect(text, p.name).to.equal(p.content);
      expect(text, p.name).to.equal(JSON.stringify(JSON.parse(text)));
      expect(text, p.name).to.not.include("{{");
      expect(p.characters, p.name).to.be.at.most(plan.limits[p.kind].policySizeChars);
    }
    const exempt = JSON.parse(fs.readFileSync(path.join(dir, "protect-exempt-roles.json"), "utf8"));
    expect(exempt.Statement[0].Resource).to.deep.equal(plan.exemptions.principals);
  });

  it("names in JSON, for every target, the policies attached to it", () => {
    expect(plan.attachments.map((t) => `${t.kind} ${t.target}: ${t.scp.join(",")} | ${t.rcp.join(",")}`)).to.deep.equal([
      `root root: ${ROOT_SCPS.join(",")} | ${ROOT_RCPS.join(",")}`,
      `ou ${SECURITY_OU}: FullAWSAccess | RCPFullAWSAccess`,
      `account ${SECURITY}: FullAWSAccess | RCPFullAWSAccess`,
      "account log-archive: FullAWSAccess,deny-finding-suppression | RCPFullAWSAccess",
      "ou workloads: FullAWSAccess,deny-finding-suppression | RCPFullAWSAccess",
      "ou prod: FullAWSAccess | RCPFullAWSAccess",
      "account prod-app: FullAWSAccess | RCPFullAWSAccess",
      "ou nonprod: FullAWSAccess | RCPFullAWSAccess",
      "account dev-app: FullAWSAccess | RCPFullAWSAccess",
      "ou sandbox: FullAWSAccess,deny-finding-suppression | RCPFullAWSAccess",
      "ou suspended: FullAWSAccess,deny-all,deny-finding-suppression | RCPFullAWSAccess",
    ]);
  });

  it("writes plan.json and plan.md next to the SVG; plan.json is what --format json printed", () => {
    expect(fs.readFileSync(path.join(out, "plan.json"), "utf8")).to.equal(json.stdout);
    expect(fs.readFileSync(path.join(out, "plan.md"), "utf8").split("\n")[0]).to.equal("# orgstrap plan: stack `dev`");
  });
});

describe("orgstrap plan: formats, errors and usage", function () {
  this.timeout(120_000);

  it("prints text by default, opening with the offline banner, with no progress in a pipe", () => {
    const res = orgstrapProcess("plan");
    expect(res.status, res.stderr).to.equal(0);
    expect(res.stderr).to.equal("");
    expect(res.stdout.split("\n").slice(0, 4)).to.deep.equal([
      "=".repeat(100),
      ' OFFLINE PLAN of stack "dev" (Pulumi.dev.yaml): not a provider preview.',
      " index.ts ran under Pulumi's mock runtime against a fake cloud with made-up ids. No AWS call was made",
      " and nothing was compared with what already exists: run `pulumi preview` with credentials for the real diff.",
    ]);
    expect(res.stdout).to.include("management account 111111111111: not affected by SCPs/RCPs");
    // Counts against each type's own limit: 10 SCPs, 5 RCPs per target.
    expect(res.stdout).to.include(
      "(policies attached directly to each target; the limits are 10 SCPs and 5 RCPs per target, FullAWSAccess / RCPFullAWSAccess included)",
    );
    expect(res.stdout).to.include(
      "│   SCPs 7/10: FullAWSAccess, deny-cloudtrail-tampering, deny-leave-organization, deny-root-user, protect-exempt-roles, protect-security-services, restrict-regions\n│   RCPs 2/5: RCPFullAWSAccess, enforce-secure-transport\n",
    );
    expect(res.stdout).to.include("  SCPs  Root 7/10 · Workloads 2/10 · Prod 1/10 · account 1/10\n");
  });

  it("exits 1 with exactly the config errors `pulumi up` prints, and nothing else", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-plan-"));
    const file = path.join(dir, "Pulumi.broken.yaml");
    const stack = fs
      .readFileSync(EXAMPLE_STACK_FILE, "utf8")
      .replace("email: aws-dev-app@example.com", "email: aws-prod-app@example.com")
      .replace("ou: nonprod", "ou: qa");
    fs.writeFileSync(file, stack);
    const res = await orgstrapInProcess("plan", "--config", file);
    expect([res.status, res.stdout]).to.deep.equal([1, ""]);
    expect(res.stderr).to.equal(
      "Invalid stack config (Pulumi.broken.yaml): 2 problems\n" +
        '  - orgstrap:accounts[3].email: "aws-prod-app@example.com" duplicates accounts[2].email; every AWS account needs its own email\n' +
        `  - orgstrap:accounts[3].ou: unknown OU key "qa"; known keys: ${OU_KEYS.join(", ")}\n`,
    );
  });

  it("lists what an adopting stack imports in step 1 and, run as step 2, registers with those ids, ids in the org chart", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-plan-"));
    const file = path.join(dir, "Pulumi.adopt.yaml");
    const stack = fs
      .readFileSync(EXAMPLE_STACK_FILE, "utf8")
      .replace(
        "  orgstrap:namePrefix: example\n",
        "  orgstrap:namePrefix: example\n  orgstrap:organization:\n    importId: o-abcdef1234\n" +
          "  orgstrap:adoption:\n    step: import\n    organization: { featureSet: ALL, awsServiceAccessPrincipals: [sso.amazonaws.com], enabledPolicyTypes: [] }\n" +
          "    accounts:\n      prod-app: { name: Prod App, email: aws-prod-app@example.com, parentId: r-ab12 }\n",
      )
      .replace("      email: aws-prod-app@example.com\n", '      email: aws-prod-app@example.com\n      importId: "210987654321"\n');
    fs.writeFileSync(file, stack);
    const res = orgstrapProcess("plan", "--config", file, "--format", "json");
    expect(res.status, res.stderr).to.equal(0);
    const adopting: Plan = JSON.parse(res.stdout);
    expect(adopting.adoptions).to.deep.equal([
      { type: "aws:organizations/organization:Organization", name: "org-organization", id: "o-abcdef1234", configPath: "organization", registered: true },
      { type: "aws:organizations/account:Account", name: "accounts-prod-app", id: "210987654321", configPath: "accounts[key=prod-app]", registered: true },
    ]);
    expect(adopting.unexpectedImports).to.deep.equal([]);
    expect(adopting.adoptionSteps?.step).to.equal("import");
    expect(adopting.adoptionSteps?.changes.map((c) => `${c.configPath} ${c.property}`)).to.deep.equal([
      "organization awsServiceAccessPrincipals",
      "organization enabledPolicyTypes",
      "accounts[key=prod-app] parentId",
    ]);
    // Step 2 runs the landing zone: the guardrails exist although the stack is still at its import step.
    expect(adopting.resources.some((r) => r.type === "aws:organizations/policy:Policy")).to.equal(true);
    const prodApp = adopting.guardrails.find((g) => g.account === "prod-app")!;
    expect(prodApp.id).to.equal("210987654321");
  });

  for (const args of [["--bogus"], ["--format", "xml"], ["--stack", "dev", "--config", "Pulumi.dev.yaml"], ["extra"]]) {
    it(`exits 2 on bad usage: plan ${args.join(" ")}`, async () => {
      const res = await orgstrapInProcess("plan", ...args);
      expect([res.status, res.stdout]).to.deep.equal([2, ""]);
      expect(res.stderr).to.match(/^error: /);
    });
  }
});
