import { expect } from "chai";
import { ConfigError, parseOrgConfig, RawConfig } from "../../lib/config";
import { loadPolicyCatalog } from "../../lib/policies";
import { exampleConfig, exampleRaw } from "../helpers/stack";

const example = exampleRaw();
const accounts = example["orgstrap:accounts"] as Record<string, unknown>[];
const ous = example["orgstrap:organizationalUnits"] as Record<string, unknown>[];
const guardrails = example["orgstrap:guardrails"] as { attachments: { policy: string; targets: string[] }[] };

/** The example's accounts with one replaced. */
function withAccount(index: number, patch: Record<string, unknown>): RawConfig {
  return { "orgstrap:accounts": accounts.map((a, i) => (i === index ? { ...a, ...patch } : a)) };
}

function problemsOf(overrides: RawConfig): readonly string[] {
  try {
    parseOrgConfig(exampleRaw(overrides), loadPolicyCatalog(), "Pulumi.dev.yaml");
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("parseOrgConfig", () => {
  it("accepts the committed Pulumi.dev.yaml and resolves its defaults", () => {
    const cfg = exampleConfig();
    expect(cfg.homeRegion).to.equal("us-east-1");
    expect(cfg.governedRegions).to.deep.equal(["us-east-1", "eu-west-1"]);
    expect(cfg.securityAccountKey).to.equal("security");
    expect(cfg.logArchiveAccountKey).to.equal("log-archive");
    expect(cfg.organizationalUnits.map((o) => o.key)).to.deep.equal(["security", "workloads", "prod", "nonprod", "sandbox", "suspended"]);
    expect(cfg.accounts.every((a) => a.closeOnDeletion === false && a.accessRoleName === "OrganizationAccountAccessRole")).to.equal(true);
    expect(cfg.guardrails.limits).to.deep.equal({ policiesPerTarget: 5, policySizeChars: 5120 });
    expect(cfg.guardrails.parameters).to.deep.equal({
      AllowedRegions: ["us-east-1", "eu-west-1"],
      ExemptPrincipalArns: ["arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/BreakGlassAdmin"],
      LogArchiveBucketPrefix: "example-log-archive-",
    });
    expect(cfg.organization.protect).to.equal(true);
  });

  it("reads values the Pulumi CLI passes as JSON text", () => {
    const cfg = exampleConfig({ "orgstrap:governedRegions": JSON.stringify(["us-east-1"]), "orgstrap:accounts": JSON.stringify(accounts) });
    expect(cfg.governedRegions).to.deep.equal(["us-east-1"]);
  });

  const cases: { name: string; overrides: RawConfig; problems: string[] }[] = [
    {
      name: "an invalid email",
      overrides: withAccount(1, { email: "ops@" }),
      problems: ['orgstrap:accounts[1].email: "ops@" is not an email address'],
    },
    {
      name: "a missing account email",
      overrides: withAccount(2, { email: undefined }),
      problems: ["orgstrap:accounts[2].email: is required (expected string, received undefined)"],
    },
    {
      name: "duplicate account names and emails",
      overrides: withAccount(3, { name: "prod app", email: "AWS-PROD-APP@example.com" }),
      problems: [
        'orgstrap:accounts[3].name: "prod app" duplicates accounts[2].name',
        'orgstrap:accounts[3].email: "AWS-PROD-APP@example.com" duplicates accounts[2].email; every AWS account needs its own email',
      ],
    },
    {
      name: "an account name over AWS's 50-character limit",
      overrides: withAccount(2, { name: "x".repeat(51) }),
      problems: [`orgstrap:accounts[2].name: "${"x".repeat(51)}" is longer than AWS's 50-character limit for account names`],
    },
    {
      name: "a duplicate account key",
      overrides: withAccount(3, { key: "prod-app" }),
      problems: ['orgstrap:accounts[3].key: "prod-app" is already used by another account, an OU or "root"; keys must be unique'],
    },
    {
      name: "an unknown OU in an account",
      overrides: withAccount(2, { ou: "production" }),
      problems: ['orgstrap:accounts[2].ou: unknown OU key "production"; known keys: security, workloads, prod, nonprod, sandbox, suspended'],
    },
    {
      name: "no security account",
      overrides: withAccount(0, { role: "workload" }),
      problems: ["orgstrap:accounts: no account has role: security; exactly one is required"],
    },
    {
      name: "no log-archive account, and two security accounts",
      overrides: withAccount(1, { role: "security" }),
      problems: [
        "orgstrap:accounts: 2 accounts have role: security (security, log-archive); exactly one is allowed",
        "orgstrap:accounts: no account has role: log-archive; exactly one is required",
      ],
    },
    {
      name: "an unknown and a duplicate Region",
      overrides: { "orgstrap:governedRegions": ["us-east-1", "eu-west-4", "us-east-1"] },
      problems: ['orgstrap:governedRegions[1]: "eu-west-4" is not a known AWS Region', 'orgstrap:governedRegions[2]: "us-east-1" is listed twice'],
    },
    {
      name: "governed Regions without the home Region",
      overrides: { "orgstrap:governedRegions": ["eu-west-1"] },
      problems: ['orgstrap:governedRegions: must include the home Region aws:region ("us-east-1"), where the trail and the management-account resources live'],
    },
    {
      name: "no aws:region",
      overrides: { "aws:region": undefined },
      problems: ["aws:region: is not set; set it to the management account's home Region, e.g. us-east-1"],
    },
    {
      name: "an unknown policy file",
      overrides: { "orgstrap:guardrails": { ...guardrails, attachments: [...guardrails.attachments, { policy: "deny-everything-fun", targets: ["root"] }] } },
      problems: [
        `orgstrap:guardrails.attachments[${guardrails.attachments.length}].policy: unknown policy "deny-everything-fun"; policies/ has: ${loadPolicyCatalog()
          .map((p) => p.name)
          .sort()
          .join(", ")}`,
      ],
    },
    {
      name: "an unknown OU in an attachment",
      overrides: { "orgstrap:guardrails": { attachments: [{ policy: "restrict-regions", targets: ["workloads", "staging"] }] } },
      problems: ['orgstrap:guardrails.attachments[0].targets[1]: unknown target "staging"; use "root", an OU key (security, workloads, prod, nonprod, sandbox, suspended) or an account key'],
    },
    {
      name: "too many SCPs on one target, FullAWSAccess counted",
      overrides: {
        "orgstrap:guardrails": {
          attachments: ["deny-leave-organization", "deny-root-user", "deny-cloudtrail-tampering", "protect-security-services", "restrict-regions"].map((policy) => ({ policy, targets: ["sandbox"] })),
        },
      },
      problems: [
        'orgstrap:guardrails.attachments: target "sandbox" would have 6 SCPs (FullAWSAccess, deny-leave-organization, deny-root-user, deny-cloudtrail-tampering, protect-security-services, restrict-regions); the limit is 5 per target (guardrails.limits.policiesPerTarget), FullAWSAccess included',
      ],
    },
    {
      name: "a policy over the configured size limit",
      overrides: { "orgstrap:guardrails": { limits: { policySizeChars: 200 }, attachments: [{ policy: "deny-leave-organization", targets: ["root"] }, { policy: "restrict-regions", targets: ["sandbox"] }] } },
      problems: [/^orgstrap:guardrails: policy "restrict-regions" renders to \d+ characters minified; the limit is 200 \(guardrails.limits.policySizeChars\)$/.source],
    },
    {
      name: "an OU cycle and an unknown parent",
      overrides: {
        "orgstrap:organizationalUnits": [
          ...ous,
          { key: "a", name: "A", parent: "b" },
          { key: "b", name: "B", parent: "a" },
          { key: "c", name: "C", parent: "nowhere" },
        ],
      },
      problems: [
        'orgstrap:organizationalUnits[8].parent: unknown OU key "nowhere"; known keys: security, workloads, prod, nonprod, sandbox, suspended, a, b, c',
        'orgstrap:organizationalUnits[6].parent: OU "a" forms a cycle of parents',
      ],
    },
    {
      name: "an unknown config key and a misspelt nested key",
      overrides: { "orgstrap:acounts": [], "orgstrap:trail": { nmae: "x" } },
      problems: [
        "orgstrap:acounts: unknown config key; known keys: namePrefix, partition, governedRegions, organization, organizationalUnits, accounts, guardrails, trail, guardDuty, securityHub",
        'orgstrap:trail: unknown key "nmae"',
      ],
    },
    {
      name: "a value of the wrong type",
      overrides: { "orgstrap:guardDuty": { enabled: "yes" } },
      problems: ['orgstrap:guardDuty.enabled: "yes" expected boolean, received string'],
    },
  ];

  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      const problems = problemsOf(c.overrides);
      expect(problems).to.have.length(c.problems.length, problems.join("\n"));
      c.problems.forEach((expected, i) => {
        if (expected.startsWith("^")) expect(problems[i]).to.match(new RegExp(expected));
        else expect(problems[i]).to.equal(expected);
      });
    });
  }

  it("reports every problem at once, in one message naming the stack file", () => {
    const raw = exampleRaw({ ...withAccount(1, { email: "ops@", ou: "nowhere" }), "orgstrap:governedRegions": ["us-east-1", "mars-1"] });
    expect(() => parseOrgConfig(raw, loadPolicyCatalog(), "Pulumi.dev.yaml")).to.throw(
      ConfigError,
      "Invalid stack config (Pulumi.dev.yaml): 3 problems\n" +
        '  - orgstrap:accounts[1].email: "ops@" is not an email address\n' +
        '  - orgstrap:governedRegions[1]: "mars-1" is not a known AWS Region\n' +
        '  - orgstrap:accounts[1].ou: unknown OU key "nowhere"; known keys: security, workloads, prod, nonprod, sandbox, suspended',
    );
  });
});
