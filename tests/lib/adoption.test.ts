import { expect } from "chai";
import { adoptionPreflight, adoptionStepOf, adoptionSteps } from "../../lib/adoption";
import { ConfigError } from "../../lib/config";
import { exampleConfig, exampleRaw } from "../helpers/stack";

const raw = exampleRaw();
const ous = raw["orgstrap:organizationalUnits"] as Record<string, unknown>[];
const accounts = raw["orgstrap:accounts"] as Record<string, unknown>[];
// What `orgstrap discover` records: the live values the import step must register.
const adoption = {
  step: "import",
  organization: {
    featureSet: "ALL",
    awsServiceAccessPrincipals: ["sso.amazonaws.com", "ram.amazonaws.com"],
    enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
  },
  organizationalUnits: { workloads: { name: "Workloads (old)", parentId: "r-ab12", tags: { team: "platform" } } },
  accounts: { "prod-app": { name: "Prod App", email: "aws-prod-app@example.com", parentId: "r-ab12" } },
};
const adopting = {
  "orgstrap:organization": { importId: "o-abcdef1234", extraTrustedServices: ["ram.amazonaws.com"], extraPolicyTypes: ["TAG_POLICY"] },
  "orgstrap:organizationalUnits": ous.map((o) => (o.key === "workloads" ? { ...o, importId: "ou-ab12-11111111" } : o)),
  "orgstrap:accounts": accounts.map((a) => (a.key === "prod-app" ? { ...a, importId: "123456789012" } : a)),
  "orgstrap:adoption": adoption,
};

const problemsOf = (overrides: Record<string, unknown>): readonly string[] => {
  try {
    exampleConfig(overrides);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe("adoptionPreflight", () => {
  it("adopts nothing for a new organization, and lists everything it creates", () => {
    const p = adoptionPreflight(exampleConfig());
    expect(p.adopted).to.deep.equal([]);
    expect(p.created.map((c) => c.name)).to.deep.equal([
      "ous-security-ou",
      "ous-workloads",
      "ous-prod",
      "ous-nonprod",
      "ous-sandbox",
      "ous-suspended",
      "accounts-security",
      "accounts-log-archive",
      "accounts-prod-app",
      "accounts-dev-app",
    ]);
  });

  it("lists the organization, OUs and accounts adopted by id, with the logical names the program registers", () => {
    const p = adoptionPreflight(exampleConfig(adopting));
    expect(p.adopted).to.deep.equal([
      { type: "aws:organizations/organization:Organization", name: "org-organization", id: "o-abcdef1234", configPath: "organization" },
      {
        type: "aws:organizations/organizationalUnit:OrganizationalUnit",
        name: "ous-workloads",
        id: "ou-ab12-11111111",
        configPath: "organizationalUnits[key=workloads]",
      },
      { type: "aws:organizations/account:Account", name: "accounts-prod-app", id: "123456789012", configPath: "accounts[key=prod-app]" },
    ]);
    expect(p.created.map((c) => c.name)).to.not.include.members(["ous-workloads", "accounts-prod-app"]);
  });
});

describe("adoptionSteps", () => {
  it("imports with the recorded live values exactly, tags included, and a member account never closed", () => {
    const steps = adoptionSteps(exampleConfig(adopting));
    expect(steps?.step).to.equal("import");
    expect(steps?.imports.map((i) => [i.name, i.id, i.inputs])).to.deep.equal([
      [
        "org-organization",
        "o-abcdef1234",
        {
          featureSet: "ALL",
          awsServiceAccessPrincipals: ["ram.amazonaws.com", "sso.amazonaws.com"],
          enabledPolicyTypes: ["SERVICE_CONTROL_POLICY", "TAG_POLICY"],
        },
      ],
      ["ous-workloads", "ou-ab12-11111111", { name: "Workloads (old)", parentId: "r-ab12", tags: { team: "platform" } }],
      ["accounts-prod-app", "123456789012", { name: "Prod App", email: "aws-prod-app@example.com", parentId: "r-ab12", closeOnDeletion: false }],
    ]);
  });

  it("lists what the converge step changes on adopted resources: trusted services and policy types added, the OU renamed, the account moved", () => {
    const changes = adoptionSteps(exampleConfig(adopting))?.changes.map((c) => [c.configPath, c.property, c.live, c.desired]);
    const principals = changes?.find((c) => c[1] === "awsServiceAccessPrincipals");
    expect((principals?.[3] as string[]).filter((p) => !(principals?.[2] as string[]).includes(p))).to.include.members([
      "cloudtrail.amazonaws.com",
      "guardduty.amazonaws.com",
    ]);
    expect(changes?.filter((c) => c[1] !== "awsServiceAccessPrincipals")).to.deep.equal([
      ["organization", "enabledPolicyTypes", ["SERVICE_CONTROL_POLICY", "TAG_POLICY"], ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY", "TAG_POLICY"]],
      ["organizationalUnits[key=workloads]", "name", "Workloads (old)", "Workloads"],
      // prod-app's OU (prod) is created in the converge step: it has no id yet.
      ["accounts[key=prod-app]", "parentId", "r-ab12", "(new OU prod)"],
    ]);
  });

  it("is undefined without orgstrap:adoption", () => {
    expect(adoptionSteps(exampleConfig())).to.equal(undefined);
  });
});

describe("adoption config rules", () => {
  it("refuses an importId without the live values it must match", () => {
    const { ["orgstrap:adoption"]: _, ...withoutLive } = adopting;
    expect(problemsOf(withoutLive)).to.deep.equal(
      ["organization.importId", "organizationalUnits[1].importId", "accounts[2].importId"].map(
        (p) =>
          `orgstrap:${p}: importing needs the live values in orgstrap:adoption (written by \`orgstrap discover\`): Pulumi's import fails unless the program's inputs equal the live resource's; run orgstrap discover (docs/adopting.md)`,
      ),
    );
  });

  it("refuses a live record without its import, and an import without its live record", () => {
    const problems = problemsOf({
      ...adopting,
      "orgstrap:adoption": {
        ...adoption,
        organizationalUnits: {},
        accounts: { ...adoption.accounts, "dev-app": { name: "Dev App", email: "aws-dev-app@example.com", parentId: "r-ab12" } },
      },
    });
    expect(problems).to.deep.equal([
      'orgstrap:organizationalUnits[1].importId: OU "workloads" is imported but orgstrap:adoption.organizationalUnits has no live values for it; run orgstrap discover again',
      "orgstrap:adoption.accounts.dev-app: no account with this key has an importId; remove the record or add the importId",
    ]);
  });

  it("refuses OUs and accounts adopted without the organization they belong to", () => {
    const { ["orgstrap:organization"]: _, ["orgstrap:adoption"]: __, ...withoutOrg } = adopting;
    expect(problemsOf(withoutOrg)).to.deep.equal([
      "orgstrap:organizationalUnits[1].importId: adopting an existing OU needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId",
      "orgstrap:accounts[2].importId: adopting an existing account needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId",
    ]);
  });

  it("checks the live values' shape and the extra policy types", () => {
    expect(
      problemsOf({
        ...adopting,
        "orgstrap:organization": { importId: "o-abcdef1234", extraPolicyTypes: ["TAG_POLICY", "INSPECTOR_POLICY", "NOPE"] },
        "orgstrap:adoption": { ...adoption, step: "later", accounts: { "prod-app": { ...adoption.accounts["prod-app"], parentId: "123" } } },
      }),
    ).to.deep.equal([
      'orgstrap:organization.extraPolicyTypes[2]: "NOPE" must be one of "AISERVICES_OPT_OUT_POLICY"|"BACKUP_POLICY"|"BEDROCK_POLICY"|"CHATBOT_POLICY"|"DECLARATIVE_POLICY_EC2"|"INSPECTOR_POLICY"|"S3_POLICY"|"SECURITYHUB_POLICY"|"TAG_POLICY"|"UPGRADE_ROLLOUT_POLICY"',
      'orgstrap:adoption.step: "later" must be one of "import"|"converge"',
      'orgstrap:adoption.accounts.prod-app.parentId: "123" is not a root or OU id (r-xxxx, ou-xxxx-xxxxxxxx)',
    ]);
  });
});

describe("adoptionStepOf", () => {
  it("reads the step from the raw value, JSON text or object; anything else is no step", () => {
    expect([
      adoptionStepOf('{"step":"import"}'),
      adoptionStepOf({ step: "converge" }),
      adoptionStepOf({ step: "Import" }),
      adoptionStepOf("not json"),
      adoptionStepOf(undefined),
    ]).to.deep.equal(["import", "converge", undefined, undefined, undefined]);
  });
});
