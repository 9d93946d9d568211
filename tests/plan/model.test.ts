// The plan model on hand-built registrations: creation waves, the org chart from registered attachments, placement.
import { expect } from "chai";
import { buildPlan, creationWaves, OrgNode, PlanRegistration } from "../../harness/plan/model";

const reg = (name: string, opts: Partial<PlanRegistration> = {}): PlanRegistration => ({
  type: opts.custom === false ? "x:index:Component" : "aws:x/y:Y",
  name,
  custom: true,
  parent: "",
  dependencies: [],
  provider: "",
  importId: "",
  inputs: {},
  urn: `urn:${name}`,
  id: `${name}-id`,
  ...opts,
});

describe("creationWaves", () => {
  it("orders by dependencies and providers, not by parents; a dependency on a component waits for its children", () => {
    const graph = [
      reg("component", { custom: false }),
      reg("org", { parent: "urn:component" }),
      reg("account", { parent: "urn:component", dependencies: ["urn:org"] }),
      reg("provider", { type: "pulumi:providers:aws", dependencies: ["urn:account"], id: "account-222222222222" }),
      reg("in-account", { provider: "urn:provider::account-222222222222" }),
      reg("after-component", { dependencies: ["urn:component"] }),
      reg("independent", { parent: "urn:in-account" }),
    ];
    expect(creationWaves(graph)).to.deep.equal({
      count: 3,
      // org, independent | account (its provider adds no wave) | in-account, after-component (waits for the account too)
      sizes: [2, 1, 2],
      criticalPath: ["aws:x/y:Y org", "aws:x/y:Y account", "aws:x/y:Y after-component"],
      accountWaves: [],
    });
  });

  it("names a cycle instead of looping", () => {
    const graph = [reg("a", { dependencies: ["urn:b"] }), reg("b", { dependencies: ["urn:a"] })];
    expect(() => creationWaves(graph)).to.throw("dependency cycle through aws:x/y:Y a");
  });
});

describe("buildPlan", () => {
  // A small organization as the program would register it: root policy, an OU with a child OU, one account in each.
  const cfg = {
    homeRegion: "us-east-1",
    organization: {},
    governedRegions: ["us-east-1", "eu-west-1"],
    organizationalUnits: [
      { key: "apps", name: "Apps" },
      { key: "prod", name: "Prod", parent: "apps" },
    ],
    accounts: [
      { key: "sec", name: "Sec", email: "SEC@example.com", ou: "apps", role: "security" },
      { key: "web", name: "Web", email: "web@example.com", ou: "prod", role: "workload", importId: "222222222222" },
    ],
    guardrails: {
      limits: { policiesPerTarget: 2 },
      exemptPrincipalArns: ["arn:aws:iam::*:role/Deployer"],
      attachments: [
        { policy: "deny-a", kind: "scp", targets: ["root"] },
        { policy: "rcp-c", kind: "rcp", targets: ["root"] },
      ],
    },
  } as unknown as Parameters<typeof buildPlan>[0]["config"];
  const catalog = [
    { name: "deny-a", kind: "scp", title: "DenyA", parameters: ["ExemptPrincipalArns"] },
    { name: "deny-b", kind: "scp", title: "DenyB", parameters: ["ExemptPrincipalArns"] },
    { name: "rcp-c", kind: "rcp", title: "RcpC", parameters: [] },
  ] as unknown as Parameters<typeof buildPlan>[0]["catalog"];
  const policy = (name: string, title: string, type: string, id: string) =>
    reg(name, { type: "aws:organizations/policy:Policy", inputs: { name: title, type }, id });
  const attach = (name: string, policyId: string, targetId: string) =>
    reg(name, { type: "aws:organizations/policyAttachment:PolicyAttachment", inputs: { policyId, targetId } });
  const registrations = [
    reg("ou-prod", { type: "aws:organizations/organizationalUnit:OrganizationalUnit", inputs: { name: "Prod", parentId: "ou-apps-id" }, id: "ou-prod-id" }),
    reg("ou-apps", { type: "aws:organizations/organizationalUnit:OrganizationalUnit", inputs: { name: "Apps", parentId: "r-root" }, id: "ou-apps-id" }),
    reg("accounts-sec", { type: "aws:organizations/account:Account", inputs: { email: "sec@example.com" }, id: "333333333333" }),
    reg("accounts-web", { type: "aws:organizations/account:Account", inputs: { email: "web@example.com" }, id: "222222222222", importId: "222222222222" }),
    reg("web-provider", {
      type: "pulumi:providers:aws",
      inputs: { region: "us-east-1", assumeRoles: '[{"roleArn":"arn:aws:iam::222222222222:role/R"}]' },
      id: "account-222222222222",
    }),
    reg("web-bucket", {
      type: "aws:s3/bucket:Bucket",
      provider: "urn:web-provider::account-222222222222",
      inputs: { region: "eu-west-1", policy: "x".repeat(200) },
    }),
    reg("mgmt-role", { type: "aws:iam/role:Role", inputs: { name: "r" } }),
    reg("mgmt-trail", { type: "aws:cloudtrail/trail:Trail" }),
    policy("p-a", "DenyA", "SERVICE_CONTROL_POLICY", "p-a-id"),
    policy("p-b", "DenyB", "SERVICE_CONTROL_POLICY", "p-b-id"),
    policy("p-c", "RcpC", "RESOURCE_CONTROL_POLICY", "p-c-id"),
    attach("a-root", "p-a-id", "r-root"),
    attach("b-root", "p-b-id", "r-root"),
    attach("b-prod", "p-b-id", "ou-prod-id"),
    attach("c-web", "p-c-id", "222222222222"),
  ];
  const plan = buildPlan({ stack: "t", source: "Pulumi.t.yaml", config: cfg, catalog, registrations, managementAccountId: "111111111111", rootId: "r-root" });

  it("names the exempt principals and only the attached policies that exempt them (deny-b is not attached)", () => {
    expect(plan.exemptions).to.deep.equal({ principals: ["arn:aws:iam::*:role/Deployer"], policies: ["deny-a"] });
  });

  it("reads the attachments the program registered onto root, OUs and accounts, full-access policies first", () => {
    const flat: string[] = [];
    const walk = (n: OrgNode): void => {
      flat.push(`${n.key}: ${n.policies.scp.join(",")} | ${n.policies.rcp.join(",")}`);
      n.children.forEach(walk);
    };
    walk(plan.org);
    expect(flat).to.deep.equal([
      "root: FullAWSAccess,deny-a,deny-b | RCPFullAWSAccess",
      "management:  | ",
      "apps: FullAWSAccess | RCPFullAWSAccess",
      "prod: FullAWSAccess,deny-b | RCPFullAWSAccess",
      "web: FullAWSAccess | RCPFullAWSAccess,rcp-c",
      "sec: FullAWSAccess | RCPFullAWSAccess",
    ]);
  });

  it("flags a level over the per-target limit and keeps the effective list distinct", () => {
    const web = plan.guardrails.find((g) => g.account === "web")!;
    expect(web.scp!.levels.map((l) => `${l.target}:${l.count}`)).to.deep.equal(["root:3", "apps:1", "prod:2", "web:1"]);
    expect([web.scp!.overLimit, web.rcp!.overLimit]).to.deep.equal([true, false]);
    expect(web.scp!.effective).to.deep.equal(["FullAWSAccess", "deny-a", "deny-b"]);
    expect(plan.guardrails[0]).to.deep.equal({ account: "management", name: "management account", id: "111111111111", path: [], management: true });
  });

  it("places resources by provider and region input: member provider, default provider, global services, home Region", () => {
    const where = Object.fromEntries(plan.resources.map((r) => [r.name, `${r.account} ${r.region}`]));
    expect([where["web-bucket"], where["web-provider"], where["mgmt-role"], where["mgmt-trail"]]).to.deep.equal([
      "web eu-west-1",
      "web us-east-1",
      "management global",
      "management us-east-1",
    ]);
    expect(plan.resources.find((r) => r.name === "web-bucket")!.inputs).to.deep.equal({ region: "eu-west-1", policy: "(200 characters)" });
  });

  it("lists the adoption preflight of lib/adoption.ts, checked against the imports the program registered", () => {
    expect(plan.adoptions).to.deep.equal([
      { type: "aws:organizations/account:Account", name: "accounts-web", id: "222222222222", configPath: "accounts[key=web]", registered: true },
    ]);
    expect(plan.unexpectedImports).to.deep.equal([]);
    // No orgstrap:adoption in this config: no import step to show.
    expect(plan.adoptionSteps).to.equal(undefined);
  });
});
