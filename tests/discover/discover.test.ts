// `orgstrap discover` on live organizations served by aws-sdk-client-mock (no network): what it reads, the exact stack
// file and report it writes, how it fails without credentials or access, and that the program run on the written file
// imports every adopted resource with inputs equal to the fixture's live values.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { discover } from "../../cli/discover";
import { DiscoverAccessError, readOrganization } from "../../lib/discover/read";
import { discoverStack } from "../../lib/discover/stack";
import { loadPolicyCatalog } from "../../lib/policies";
import type { OrgSnapshot } from "../../lib/discover/snapshot";
import { CliRun, orgstrapInProcess, orgstrapProcess, ROOT } from "../helpers/cli";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { ListRootsCommand } from "@aws-sdk/client-organizations";
import { CLEAN, FakeOrg, MESSY, mockOrganization, Overrides } from "./fixtures";

const NOW = new Date("2026-12-01T02:00:00Z");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-discover-"));

/** `discover` in this process with a fixed clock, reading the fixture; the file goes to a temporary directory. */
async function runDiscover(
  org: FakeOrg,
  stack: string,
  extra: Partial<Parameters<typeof discover>[0]> = {},
  overrides: Overrides = {},
): Promise<CliRun & { file: string }> {
  const file = path.join(tmp, `Pulumi.${stack}.yaml`);
  const { clients } = mockOrganization(org, overrides);
  let stdout = "";
  let stderr = "";
  const status = await discover(
    { stack, out: file, region: "us-east-1", format: "text", ...extra },
    { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), stderrIsTTY: false },
    { now: () => NOW, read: (opts) => readOrganization({ ...opts, clients }) },
  );
  return { status, stdout, stderr, file };
}

/** What the program registers on a stack file, run as `pulumi up` runs it (program.ts), in a child process. */
function registrations(file: string): { type: string; name: string; custom: boolean; importId: string; inputs: Record<string, unknown> }[] {
  const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "tests", "helpers", "registrations.ts"), file], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
  });
  if (res.status !== 0) throw new Error(`the program failed on ${file}: ${res.stderr}`);
  return JSON.parse(res.stdout);
}

/** The inputs each adopted resource must be imported with: the fixture's live values, not the stack file's. */
function liveInputs(org: FakeOrg, adopted: { ous: string[]; accounts: string[] }): Record<string, Record<string, unknown>> {
  const tags = (t?: Record<string, string>) => (t && Object.keys(t).length ? { tags: t } : {});
  const out: Record<string, Record<string, unknown>> = {
    [org.id]: {
      featureSet: org.featureSet,
      awsServiceAccessPrincipals: [...org.trustedServices].sort(),
      enabledPolicyTypes: org.rootPolicyTypes
        .filter((t) => t.Status === "ENABLED")
        .map((t) => t.Type)
        .sort(),
    },
  };
  for (const ou of org.ous.filter((o) => adopted.ous.includes(o.id))) out[ou.id] = { name: ou.name, parentId: ou.parentId, ...tags(ou.tags) };
  for (const a of org.accounts.filter((x) => adopted.accounts.includes(x.id))) {
    out[a.id] = { name: a.name, email: a.email, parentId: a.parentId, closeOnDeletion: false, ...tags(a.tags) };
  }
  return out;
}

describe("discover: reading a live organization", () => {
  it("reads the tree (paginated), tags, policies with their targets, trails, administrators, recorders and Identity Center", async () => {
    const snap = await readOrganization({ region: "us-east-1", clients: mockOrganization(MESSY).clients });
    expect(snap.organizationalUnits).to.deep.equal([
      { id: "ou-mx99-aud00001", name: "Sec & Audit", parentId: "r-mx99", tags: {} },
      { id: "ou-mx99-wrk00001", name: "Workloads", parentId: "r-mx99", tags: { team: "platform" } },
      { id: "ou-mx99-sus00001", name: "Suspended", parentId: "r-mx99", tags: {} },
    ]);
    // The management account is not a member; legacy-app is the root's second page.
    expect(snap.accounts.map((a) => [a.id, a.parentId, a.status, a.joinedMethod])).to.deep.equal([
      ["555555555555", "r-mx99", "ACTIVE", "INVITED"],
      ["222222222222", "ou-mx99-aud00001", "ACTIVE", "CREATED"],
      ["333333333333", "ou-mx99-aud00001", "ACTIVE", "INVITED"],
      ["444444444444", "ou-mx99-wrk00001", "ACTIVE", "CREATED"],
      ["666666666666", "ou-mx99-sus00001", "SUSPENDED", "CREATED"],
    ]);
    expect(snap.accounts.find((a) => a.id === "444444444444")?.tags).to.deep.equal({ "cost-center": "42" });
    expect(snap.root).to.deep.equal({ id: "r-mx99", name: "Root", enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"] });
    expect(snap.policies.map((p) => [p.name, p.type, p.targetIds])).to.deep.equal([
      ["FullAWSAccess", "SERVICE_CONTROL_POLICY", ["r-mx99", "ou-mx99-aud00001", "ou-mx99-wrk00001"]],
      ["DenyLeaveOrganization", "SERVICE_CONTROL_POLICY", ["r-mx99"]],
      ["RegionLock", "SERVICE_CONTROL_POLICY", ["r-mx99"]],
      ["NoIAMUsers", "SERVICE_CONTROL_POLICY", ["r-mx99"]],
      ["Tagging", "TAG_POLICY", ["r-mx99"]],
    ]);
    expect(snap.delegatedAdministrators).to.deep.equal({ "guardduty.amazonaws.com": ["444444444444"] });
    expect(snap.guardDutyAdmins).to.deep.equal([{ accountId: "444444444444", region: "us-east-1" }]);
    // The management account's own recorder, and the members an organization aggregator reports as delivering.
    expect(snap.configRecorders).to.deep.equal([
      { accountId: "111111111111", region: "us-east-1", name: "default" },
      { accountId: "444444444444", region: "us-east-1", name: "" },
      { accountId: "555555555555", region: "us-east-1", name: "" },
    ]);
    expect(snap.trails.filter((t) => t.isOrganizationTrail).map((t) => t.name)).to.deep.equal(["organization-trail"]);
    expect([snap.identityCenterInstances, snap.securityContact]).to.deep.equal([
      [{ instanceArn: "arn:aws:sso:::instance/ssoins-72231234abcd5678", ownerAccountId: "111111111111" }],
      undefined,
    ]);
  });

  it("only reads: every call is a Get, Describe or List", async () => {
    const mocks = mockOrganization(MESSY);
    await readOrganization({ region: "us-east-1", regions: ["eu-west-1"], clients: mocks.clients });
    const sent = mocks.commandsSent();
    expect(sent.filter((c) => !/^(Get|Describe|List)\w+Command$/.test(c))).to.deep.equal([]);
    // Per-Region services are read in every Region asked for.
    expect(sent.filter((c) => c === "DescribeConfigurationRecordersCommand")).to.have.length(2);
  });

  it("names the missing action when a call is denied, and asks for the management account's credentials", async () => {
    const { clients } = mockOrganization(CLEAN, {
      OrganizationsClient: (o) =>
        o.on(ListRootsCommand).rejects(Object.assign(new Error("You don't have permissions to access this resource."), { name: "AccessDeniedException" })),
    });
    const err = await readOrganization({ region: "us-east-1", clients }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DiscoverAccessError);
    expect((err as Error).message).to.equal(
      "organizations:ListRoots was denied: You don't have permissions to access this resource.. Grant the read-only actions listed in docs/adopting.md to the identity discover runs as",
    );
  });

  it("refuses a member account's credentials", async () => {
    const { clients } = mockOrganization(CLEAN, { STSClient: (m) => m.on(GetCallerIdentityCommand).resolves({ Account: "222222222222" }) });
    const err = await readOrganization({ region: "us-east-1", clients }).catch((e: unknown) => e);
    expect((err as Error).message).to.equal(
      "discover runs as account 222222222222, a member of o-clean12345; use the management account's credentials (111111111111): orgstrap deploys from it and only it can list the whole organization",
    );
  });
});

describe("discover: the stack file and report", function () {
  this.timeout(180_000);

  it("writes exactly this stack file for a clean organization", async () => {
    const run = await runDiscover(CLEAN, "clean");
    expect([run.status, run.stderr]).to.deep.equal([0, ""]);
    expect(fs.readFileSync(run.file, "utf8")).to.equal(CLEAN_STACK_FILE);
    expect(run.stdout).to.equal(
      "Needs a decision (1):\n" +
        "  - [ALERTS_OFF] alerts and the budget need email addresses discover cannot know: alerts.enabled and budget.enabled are false until you set alerts.email, budget.monthlyLimitUsd and budget.emails\n" +
        "Kept as it is (1):\n" +
        "  - [CONFIG_AGGREGATOR_EXISTS] Config aggregator org-aggregator (us-east-1, organization-wide) stays; orgstrap adds its own in the Security account\n" +
        "Step 2 changes on the adopted resources (2):\n" +
        "  - organization: awsServiceAccessPrincipals + access-analyzer.amazonaws.com, account.amazonaws.com, cloudtrail.amazonaws.com, config-multiaccountsetup.amazonaws.com, " +
        "config.amazonaws.com, guardduty.amazonaws.com, iam.amazonaws.com, malware-protection.guardduty.amazonaws.com, member.org.stacksets.cloudformation.amazonaws.com, securityhub.amazonaws.com\n" +
        "  - organization: enabledPolicyTypes + RESOURCE_CONTROL_POLICY\n" +
        `Wrote ${run.file}: it adopts o-clean12345. Next: \`orgstrap plan --config ${path.relative(process.cwd(), run.file)}\`, then \`pulumi up\` (step 1, import only); ` +
        "then set orgstrap:adoption.step to converge and `pulumi up` again (docs/adopting.md).\n",
    );
  });

  it("keeps what a messy organization has, leaves out what it cannot adopt, and reports every decision", async () => {
    const run = await runDiscover(MESSY, "messy", { format: "json" });
    expect([run.status, run.stderr]).to.deep.equal([0, ""]);
    const config = YAML.parse(fs.readFileSync(run.file, "utf8")).config;
    expect(config).to.deep.equal({
      "aws:region": "us-east-1",
      "orgstrap:namePrefix": "orgstrap",
      "orgstrap:organization": {
        importId: "o-messy12345",
        extraTrustedServices: ["ram.amazonaws.com", "tagpolicies.tag.amazonaws.com"],
        extraPolicyTypes: ["TAG_POLICY"],
      },
      "orgstrap:organizationalUnits": [
        { key: "sec-audit", name: "Sec & Audit", importId: "ou-mx99-aud00001" },
        { key: "workloads", name: "Workloads", importId: "ou-mx99-wrk00001" },
        { key: "suspended", name: "Suspended", importId: "ou-mx99-sus00001" },
      ],
      // legacy-app (under the root) and old (suspended) are not adopted.
      "orgstrap:accounts": [
        { key: "audit", name: "Audit", email: "audit@example.com", ou: "sec-audit", role: "security", importId: "222222222222" },
        { key: "log-archive", name: "Log Archive", email: "logs@example.com", ou: "sec-audit", role: "log-archive", importId: "333333333333" },
        { key: "prod", name: "Prod", email: "prod@example.com", ou: "workloads", importId: "444444444444" },
      ],
      // DenyLeaveOrganization's name is taken; one SCP slot is free on the root; RCPs are not enabled yet.
      "orgstrap:guardrails": {
        attachments: [
          { policy: "deny-cloudtrail-tampering", targets: ["root"] },
          { policy: "enforce-secure-transport", targets: ["root"] },
        ],
      },
      "orgstrap:trail": { name: "orgstrap-organization-trail" },
      "orgstrap:guardDuty": { enabled: false },
      "orgstrap:awsConfig": { existingRecorderAccounts: ["management", "prod"] },
      "orgstrap:baseline": { enabled: false },
      "orgstrap:alerts": { enabled: false },
      "orgstrap:budget": { enabled: false },
      "orgstrap:adoption": {
        step: "import",
        discoveredAt: "2026-12-01T02:00:00.000Z",
        organization: {
          featureSet: "ALL",
          awsServiceAccessPrincipals: ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "ram.amazonaws.com", "tagpolicies.tag.amazonaws.com"],
          enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
        },
        organizationalUnits: {
          "sec-audit": { name: "Sec & Audit", parentId: "r-mx99" },
          workloads: { name: "Workloads", parentId: "r-mx99", tags: { team: "platform" } },
          suspended: { name: "Suspended", parentId: "r-mx99" },
        },
        accounts: {
          audit: { name: "Audit", email: "audit@example.com", parentId: "ou-mx99-aud00001" },
          "log-archive": { name: "Log Archive", email: "logs@example.com", parentId: "ou-mx99-aud00001" },
          prod: { name: "Prod", email: "prod@example.com", parentId: "ou-mx99-wrk00001", tags: { "cost-center": "42" } },
        },
      },
    });
    const report = JSON.parse(run.stdout);
    expect([report.organizationId, report.file, report.problems]).to.deep.equal(["o-messy12345", run.file, []]);
    // Step 2 keeps ram and tag policies: it only adds orgstrap's services and RCPs.
    expect(
      report.changes.map((c: { property: string; live: string[]; desired: string[] }) => [c.property, c.live.filter((l) => !c.desired.includes(l))]),
    ).to.deep.equal([
      ["awsServiceAccessPrincipals", []],
      ["enabledPolicyTypes", []],
    ]);
    expect(report.findings.map((f: { level: string; code: string }) => `${f.level} ${f.code}`)).to.deep.equal([
      "decision ACCOUNT_UNDER_ROOT",
      "decision ACCOUNT_NOT_ACTIVE",
      "decision INVITED_ACCOUNT",
      "decision POLICY_NAME_CLASH",
      "decision POLICY_SLOTS_FULL",
      "decision ORG_TRAIL_EXISTS",
      "decision GUARDDUTY_ADMIN_EXISTS",
      "decision CONFIG_RECORDERS_EXIST",
      "decision IDENTITY_CENTER_EXISTS",
      "decision NO_SECURITY_CONTACT",
      "decision ALERTS_OFF",
      "info TRUSTED_SERVICES_KEPT",
      "info POLICY_TYPES_KEPT",
      "info TRAIL_RENAMED",
      "info CONFIG_AGGREGATOR_EXISTS",
      "info ANALYZER_EXISTS",
    ]);
    const message = (code: string) => report.findings.find((f: { code: string }) => f.code === code).message;
    expect(message("ACCOUNT_UNDER_ROOT")).to.equal(
      "account 555555555555 (legacy-app) sits directly under the root: not adopted. Move it into an OU (aws organizations move-account) and run discover again, or leave it outside orgstrap; root guardrails still apply to it",
    );
    expect(message("GUARDDUTY_ADMIN_EXISTS")).to.equal(
      "GuardDuty already has a delegated administrator: 444444444444 in us-east-1. orgstrap does not take it over (guardDuty.enabled: false); to let orgstrap govern it, deregister that administrator and set guardDuty.enabled to true",
    );
    expect(message("POLICY_NAME_CLASH")).to.equal(
      "an existing SERVICE_CONTROL_POLICY is named DenyLeaveOrganization (p-mx99leave1), the name orgstrap's deny-leave-organization guardrail uses; AWS refuses a second policy with that name, so deny-leave-organization is not attached. Rename or delete yours, then add deny-leave-organization to guardrails.attachments",
    );
    expect(message("POLICY_SLOTS_FULL")).to.equal(
      "the root has no free policy slot for protect-security-services, deny-root-user (AWS allows 5 per type and target, FullAWSAccess included; attached now: FullAWSAccess, DenyLeaveOrganization, RegionLock, NoIAMUsers / none). Detach or merge policies, then add them to guardrails.attachments",
    );
    expect(message("ORG_TRAIL_EXISTS")).to.equal(
      "organization trail organization-trail (us-east-1, bucket acme-cloudtrail) already logs every account; orgstrap adds its own trail to the Log Archive bucket and leaves yours. Keep both (CloudTrail charges for the second copy of management events) or delete yours once orgstrap's delivers",
    );
  });

  it("stops before writing when it cannot tell the Security account, and says how to choose", async () => {
    const org = { ...CLEAN, accounts: CLEAN.accounts.map((a) => (a.id === "222222222222" ? { ...a, name: "Infosec" } : a)) };
    const run = await runDiscover(org, "unsure");
    expect([run.status, fs.existsSync(run.file)]).to.deep.equal([1, false]);
    expect(run.stdout.split("\n").slice(0, 2)).to.deep.equal([
      "discover stopped: 1 problem, nothing written:",
      "  - no active account under an OU is named like the security account (^(security|audit)( account)?$); pass --security-account <id>",
    ]);
    const chosen = await runDiscover(org, "unsure", { securityAccount: "222222222222" });
    expect(chosen.status).to.equal(0);
    expect(YAML.parse(fs.readFileSync(chosen.file, "utf8")).config["orgstrap:accounts"][0]).to.deep.include({ key: "infosec", role: "security" });
  });

  it("never overwrites a stack file unless --force", async () => {
    const file = path.join(tmp, "Pulumi.kept.yaml");
    fs.writeFileSync(file, "config: {}\n");
    const run = await runDiscover(CLEAN, "kept");
    expect([run.status, run.stderr, fs.readFileSync(file, "utf8")]).to.deep.equal([
      2,
      `orgstrap discover: ${file} exists; discover never overwrites a stack file unless --force is given\n`,
      "config: {}\n",
    ]);
    expect((await runDiscover(CLEAN, "kept", { force: true })).status).to.equal(0);
  });

  it("is a pure function of the snapshot: the same snapshot, the same file", () => {
    const snap: OrgSnapshot = {
      callerAccountId: "111111111111",
      homeRegion: "eu-west-1",
      regions: ["eu-west-1", "eu-central-1"],
      organization: {
        id: "o-pure123456",
        arn: "",
        featureSet: "CONSOLIDATED_BILLING",
        managementAccountId: "111111111111",
        managementAccountEmail: "m@example.com",
      },
      root: { id: "r-pp11", name: "Root", enabledPolicyTypes: [] },
      organizationalUnits: [{ id: "ou-pp11-aaaaaaaa", name: "Core", parentId: "r-pp11", tags: {} }],
      accounts: [
        { id: "222222222222", name: "Security", email: "s@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-pp11-aaaaaaaa", tags: {} },
        { id: "333333333333", name: "Log Archive", email: "l@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-pp11-aaaaaaaa", tags: {} },
      ],
      trustedServices: [],
      delegatedAdministrators: {},
      policies: [],
      trails: [],
      guardDutyAdmins: [],
      securityHubAdmins: [{ accountId: "222222222222", region: "eu-central-1" }],
      configRecorders: [],
      configAggregators: [],
      accessAnalyzers: [],
      identityCenterInstances: [],
    };
    const a = discoverStack(snap, loadPolicyCatalog(), { discoveredAt: "2026-12-01T00:00:00.000Z" });
    const b = discoverStack(snap, loadPolicyCatalog(), { discoveredAt: "2026-12-01T00:00:00.000Z" });
    expect(a.yaml).to.equal(b.yaml);
    expect(a.config["orgstrap:governedRegions"]).to.deep.equal(["eu-west-1", "eu-central-1"]);
    expect(a.config["orgstrap:securityHub"]).to.deep.equal({ enabled: false });
    expect(a.findings.filter((f) => f.level === "decision").map((f) => f.code)).to.deep.equal([
      "FEATURE_SET",
      "SECURITYHUB_ADMIN_EXISTS",
      "CONFIG_MEMBERS_UNKNOWN",
      "NO_SECURITY_CONTACT",
      "ALERTS_OFF",
    ]);
  });
});

describe("discover: the program on the written stack file", function () {
  this.timeout(240_000);

  for (const [name, org, adopted] of [
    ["clean", CLEAN, { ous: CLEAN.ous.map((o) => o.id), accounts: CLEAN.accounts.map((a) => a.id) }],
    ["messy", MESSY, { ous: MESSY.ous.map((o) => o.id), accounts: ["222222222222", "333333333333", "444444444444"] }],
  ] as const) {
    it(`${name}: the import step registers every adopted resource, and only those, with its import id and the live values as inputs`, async () => {
      const run = await runDiscover(org, `program-${name}`, { force: true });
      expect(run.status, run.stderr).to.equal(0);
      const regs = registrations(run.file);
      // The three components and the adopted resources: nothing is created in the import step.
      expect(regs.filter((r) => !r.custom).map((r) => r.type)).to.deep.equal([
        "orgstrap:org:Organization",
        "orgstrap:org:OrganizationalUnits",
        "orgstrap:org:Accounts",
      ]);
      const custom = regs.filter((r) => r.custom);
      expect(custom.every((r) => r.importId !== "")).to.equal(true);
      const expected = liveInputs(org, { ous: [...adopted.ous], accounts: [...adopted.accounts] });
      expect(Object.fromEntries(custom.map((r) => [r.importId, r.inputs]))).to.deep.equal(expected);
    });
  }

  it("plan on the written stack shows the import step and, separately, what the second up changes on the adopted resources", () => {
    const file = path.join(tmp, "Pulumi.program-messy.yaml");
    const res = orgstrapProcess("plan", "--config", file, "--format", "json");
    expect(res.status, res.stderr).to.equal(0);
    const plan = JSON.parse(res.stdout);
    expect(plan.adoptionSteps.step).to.equal("import");
    expect(plan.adoptionSteps.imports.map((i: { name: string; id: string }) => `${i.name} ${i.id}`)).to.deep.equal([
      "org-organization o-messy12345",
      "ous-sec-audit ou-mx99-aud00001",
      "ous-workloads ou-mx99-wrk00001",
      "ous-suspended ou-mx99-sus00001",
      "accounts-audit 222222222222",
      "accounts-log-archive 333333333333",
      "accounts-prod 444444444444",
    ]);
    // The OUs and accounts stay as they are: only the organization's trusted services and policy types change.
    const changes = plan.adoptionSteps.changes.map((c: { configPath: string; property: string; live: string[]; desired: string[] }) => ({
      at: `${c.configPath} ${c.property}`,
      added: c.desired.filter((d) => !c.live.includes(d)),
      removed: c.live.filter((l) => !c.desired.includes(l)),
    }));
    expect(changes).to.deep.equal([
      {
        at: "organization awsServiceAccessPrincipals",
        added: [
          "access-analyzer.amazonaws.com",
          "account.amazonaws.com",
          "config-multiaccountsetup.amazonaws.com",
          "config.amazonaws.com",
          "iam.amazonaws.com",
          "malware-protection.guardduty.amazonaws.com",
          "member.org.stacksets.cloudformation.amazonaws.com",
          "securityhub.amazonaws.com",
          "sso.amazonaws.com",
        ],
        removed: [],
      },
      { at: "organization enabledPolicyTypes", added: ["RESOURCE_CONTROL_POLICY"], removed: [] },
    ]);
    // Step 2 is the landing zone: orgstrap's trail under its own name, no GuardDuty (administered elsewhere).
    const types = plan.resources.map((r: { type: string }) => r.type);
    expect(plan.resources.find((r: { type: string }) => r.type === "aws:cloudtrail/trail:Trail").inputs.name).to.equal("orgstrap-organization-trail");
    expect(types.filter((t: string) => t.startsWith("aws:guardduty/"))).to.deep.equal([]);
  });
});

describe("discover: the command line", () => {
  it("exits 2 without a home Region or with a bad stack name, before reading anything", async () => {
    const saved = [process.env.AWS_REGION, process.env.AWS_DEFAULT_REGION];
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    try {
      expect(await orgstrapInProcess("discover", "--stack", "x", "--out", path.join(tmp, "Pulumi.x.yaml"))).to.deep.equal({
        status: 2,
        stdout: "",
        stderr: "orgstrap discover: no home Region: pass --region (or set AWS_REGION)\n",
      });
    } finally {
      if (saved[0] !== undefined) process.env.AWS_REGION = saved[0];
      if (saved[1] !== undefined) process.env.AWS_DEFAULT_REGION = saved[1];
    }
    expect((await orgstrapInProcess("discover", "--stack", "a/b", "--region", "us-east-1")).stderr).to.equal(
      "orgstrap discover: --stack \"a/b\": a stack name is letters, digits, '_', '.' and '-'\n",
    );
    expect((await orgstrapInProcess("discover")).status).to.equal(2);
  });

  it("exits 2 without credentials, with the chain's message and what to do, and writes nothing", async () => {
    const run = await runDiscover(
      CLEAN,
      "nocreds",
      { profile: "nobody" },
      {
        STSClient: (m) =>
          m
            .on(GetCallerIdentityCommand)
            .rejects(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" })),
      },
    );
    expect([run.status, run.stdout, run.stderr, fs.existsSync(run.file)]).to.deep.equal([
      2,
      "",
      "orgstrap discover: no AWS credentials: Could not load credentials from any providers. Sign in (aws sso login), export credentials or pass --profile; discover needs the management account's read-only access\n",
      false,
    ]);
  });

  it("exits 2 naming the denied action", async () => {
    const run = await runDiscover(
      MESSY,
      "denied",
      {},
      {
        OrganizationsClient: (o) => o.on(ListRootsCommand).rejects(Object.assign(new Error("not authorized"), { name: "AccessDeniedException" })),
      },
    );
    expect([run.status, run.stderr]).to.deep.equal([
      2,
      "orgstrap discover: organizations:ListRoots was denied: not authorized. Grant the read-only actions listed in docs/adopting.md to the identity discover runs as\n",
    ]);
  });
});

const CLEAN_STACK_FILE = `# Written by \`orgstrap discover\` from organization o-clean12345 (management account 111111111111) at 2026-12-01T02:00:00.000Z.
# Step 1: \`pulumi up\` imports the organization, OUs and accounts exactly as orgstrap:adoption records them, and nothing else.
# Step 2: set orgstrap:adoption.step to converge; \`orgstrap plan\` lists the changes, \`pulumi up\` makes them (docs/adopting.md).

config:
  aws:region: us-east-1
  orgstrap:namePrefix: orgstrap
  orgstrap:organization:
    importId: o-clean12345
  orgstrap:organizationalUnits:
    - key: security-ou
      name: Security
      importId: ou-ab12-sec00001
    - key: workloads
      name: Workloads
      importId: ou-ab12-wrk00001
    - key: prod
      name: Prod
      parent: workloads
      importId: ou-ab12-prd00001
  orgstrap:accounts:
    - key: security
      name: Security
      email: aws-security@example.com
      ou: security-ou
      role: security
      importId: "222222222222"
    - key: log-archive
      name: Log Archive
      email: aws-log-archive@example.com
      ou: security-ou
      role: log-archive
      importId: "333333333333"
    - key: prod-app
      name: Prod App
      email: aws-prod-app@example.com
      ou: prod
      importId: "444444444444"
  orgstrap:guardrails:
    attachments:
      - policy: deny-leave-organization
        targets:
          - root
      - policy: deny-cloudtrail-tampering
        targets:
          - root
      - policy: protect-security-services
        targets:
          - root
      - policy: deny-root-user
        targets:
          - root
      - policy: enforce-secure-transport
        targets:
          - root
  orgstrap:baseline:
    securityContact:
      name: Security Team
      title: Security Operations
      email: aws-security-contact@example.com
      phone: +1 555 0100
  orgstrap:alerts:
    enabled: false
  orgstrap:budget:
    enabled: false
  orgstrap:adoption:
    step: import
    discoveredAt: "2026-12-01T02:00:00.000Z"
    organization:
      featureSet: ALL
      awsServiceAccessPrincipals:
        - sso.amazonaws.com
      enabledPolicyTypes:
        - SERVICE_CONTROL_POLICY
    organizationalUnits:
      security-ou:
        name: Security
        parentId: r-ab12
      workloads:
        name: Workloads
        parentId: r-ab12
      prod:
        name: Prod
        parentId: ou-ab12-wrk00001
    accounts:
      security:
        name: Security
        email: aws-security@example.com
        parentId: ou-ab12-sec00001
      log-archive:
        name: Log Archive
        email: aws-log-archive@example.com
        parentId: ou-ab12-sec00001
      prod-app:
        name: Prod App
        email: aws-prod-app@example.com
        parentId: ou-ab12-prd00001
`;
