import { expect } from "chai";
import { ConfigError, parseOrgConfig, RawConfig } from "../../lib/config";
import { loadPolicyCatalog } from "../../lib/policies";
import { exampleConfig, exampleRaw } from "../helpers/stack";
import { DEFAULT_ROLLOUT } from "../../components/futureAccounts";

const example = exampleRaw();
const accounts = example["orgstrap:accounts"] as Record<string, unknown>[];
const ous = example["orgstrap:organizationalUnits"] as Record<string, unknown>[];
const guardrails = example["orgstrap:guardrails"] as { attachments: { policy: string; targets: string[] }[] };
const baseline = example["orgstrap:baseline"] as { passwordPolicy: Record<string, number>; securityContact: Record<string, string> };

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
    expect(cfg.organizationalUnits.map((o) => o.key)).to.deep.equal(["security-ou", "workloads", "prod", "nonprod", "sandbox", "suspended"]);
    expect(cfg.accounts.every((a) => a.closeOnDeletion === false && a.accessRoleName === "OrganizationAccountAccessRole")).to.equal(true);
    // AWS's current quotas per type (SCPs raised on 2026-05-15; RCPs unchanged).
    expect(cfg.guardrails.limits).to.deep.equal({
      scp: { policiesPerTarget: 10, policySizeChars: 10240 },
      rcp: { policiesPerTarget: 5, policySizeChars: 5120 },
    });
    expect(cfg.guardrails.parameters).to.deep.equal({
      AllowedRegions: ["us-east-1", "eu-west-1"],
      // The configured roles, and the execution role of orgstrap's own baseline StackSet (SCPs apply to it).
      ExemptPrincipalArns: ["arn:aws:iam::*:role/OrganizationAccountAccessRole", "arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::*:role/stacksets-exec-*"],
      LogArchiveBucketPrefix: "example-log-archive-",
      ConfigBucketPrefix: "example-config-",
      LogArchiveKeyAlias: "alias/example-organization-trail",
    });
    expect(cfg.organization.protect).to.equal(true);
  });

  it("turns every baseline concern on by default, with CIS-strength passwords and the top-level OUs as StackSet targets", () => {
    const cfg = exampleConfig({ "orgstrap:baseline": { securityContact: baseline.securityContact }, "orgstrap:futureAccounts": undefined });
    expect(cfg.awsConfig).to.deep.equal({ existingRecorderAccounts: [], snapshotDeliveryFrequency: "TwentyFour_Hours", expireAfterDays: 0 });
    expect(cfg.accessAnalyzer).to.deep.equal({ unusedAccessAgeDays: 90 });
    expect(cfg.baseline).to.deep.equal({
      passwordPolicy: { minimumLength: 14, reusePrevention: 24, maxAgeDays: 90 },
      securityContact: baseline.securityContact,
    });
    expect(cfg.rootAccess).to.deep.equal({});
    expect(cfg.trail.delegateToSecurity).to.equal(true);
    // StackSets' rollout: a quarter of each OU's accounts at a time per Region, a tenth may fail, Regions in parallel.
    expect(cfg.futureAccounts).to.deep.equal({
      organizationalUnits: ["security-ou", "workloads", "sandbox", "suspended"],
      rollout: { maxConcurrentPercentage: 25, failureTolerancePercentage: 10, regionConcurrency: "PARALLEL" },
    });
    expect(cfg.futureAccounts?.rollout).to.deep.equal(DEFAULT_ROLLOUT);
  });

  it("takes the StackSet's rollout from config", () => {
    const rollout = { maxConcurrentPercentage: 100, failureTolerancePercentage: 0, regionConcurrency: "SEQUENTIAL" };
    const cfg = exampleConfig({ "orgstrap:futureAccounts": { rollout } });
    expect(cfg.futureAccounts?.rollout).to.deep.equal(rollout);
  });

  it("lets each baseline concern be switched off (and then needs no security contact)", () => {
    const off = { enabled: false };
    const cfg = exampleConfig({
      "orgstrap:awsConfig": off,
      "orgstrap:accessAnalyzer": off,
      "orgstrap:baseline": off,
      "orgstrap:rootAccess": off,
      "orgstrap:futureAccounts": off,
      "orgstrap:trail": { delegateToSecurity: false },
    });
    // A concern that is off is absent from the resolved config: index.ts reads `cfg.awsConfig && ...`.
    expect([cfg.awsConfig, cfg.accessAnalyzer, cfg.baseline, cfg.rootAccess, cfg.futureAccounts, cfg.trail.delegateToSecurity]).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      false,
    ]);
    // No baseline StackSet, so its execution role is not exempted.
    expect(cfg.guardrails.parameters.ExemptPrincipalArns).to.deep.equal([
      "arn:aws:iam::*:role/OrganizationAccountAccessRole",
      "arn:aws:iam::*:role/BreakGlassAdmin",
    ]);
  });

  it("turns admin access, alerts, budget and cost export on by default, and lets each be switched off without its values", () => {
    const cfg = exampleConfig();
    expect(cfg.alerts).to.deep.equal({ email: "aws-security-alerts@example.com", cisAlarms: true, trailLogRetentionDays: 365 });
    expect(cfg.budget).to.deep.equal({ monthlyLimitUsd: 1000, thresholdsPercent: [80, 100], emails: ["aws-billing@example.com"] });
    expect(cfg.costExport).to.deep.equal({ bucketAccount: "management", expireAfterDays: 0 });
    expect(exampleConfig({ "orgstrap:adminAccess": {} }).adminAccess).to.deep.equal({ sessionDuration: "PT4H" });
    const off = { enabled: false };
    const offCfg = exampleConfig({
      "orgstrap:adminAccess": off,
      "orgstrap:alerts": off,
      "orgstrap:budget": off,
      "orgstrap:costExport": off,
      "orgstrap:securityHub": off,
    });
    expect([offCfg.adminAccess, offCfg.alerts, offCfg.budget, offCfg.costExport]).to.deep.equal([undefined, undefined, undefined, undefined]);
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
      problems: ['orgstrap:accounts[2].ou: unknown OU key "production"; known keys: security-ou, workloads, prod, nonprod, sandbox, suspended'],
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
      overrides: { "orgstrap:guardrails": { attachments: [{ policy: "deny-leave-organization", targets: ["workloads", "staging"] }] } },
      problems: [
        'orgstrap:guardrails.attachments[0].targets[1]: unknown target "staging"; use "root", an OU key (security-ou, workloads, prod, nonprod, sandbox, suspended) or an account key',
      ],
    },
    {
      name: "too many SCPs on one target, FullAWSAccess counted",
      overrides: {
        "orgstrap:guardrails": {
          limits: { scp: { policiesPerTarget: 5 } },
          attachments: ["deny-leave-organization", "deny-root-user", "deny-cloudtrail-tampering", "protect-security-services", "protect-exempt-roles"].map(
            (policy) => ({ policy, targets: ["sandbox"] }),
          ),
        },
      },
      problems: [
        'orgstrap:guardrails.attachments: target "sandbox" would have 6 SCPs (FullAWSAccess, deny-leave-organization, deny-root-user, deny-cloudtrail-tampering, protect-security-services, protect-exempt-roles); the limit is 5 per target (guardrails.limits.scp.policiesPerTarget), FullAWSAccess included',
      ],
    },
    {
      name: "a policy over the configured size limit",
      overrides: {
        "orgstrap:guardrails": {
          limits: { scp: { policySizeChars: 200 } },
          attachments: [
            { policy: "deny-leave-organization", targets: ["root"] },
            { policy: "restrict-regions", targets: ["root"] },
            { policy: "protect-exempt-roles", targets: ["root"] },
          ],
        },
      },
      problems: [
        /^orgstrap:guardrails: policy "restrict-regions" renders to \d+ characters minified; the limit is 200 \(guardrails.limits.scp.policySizeChars\)$/
          .source,
        /^orgstrap:guardrails: policy "protect-exempt-roles" renders to \d+ characters minified; the limit is 200 \(guardrails.limits.scp.policySizeChars\)$/
          .source,
      ],
    },
    {
      name: "limits above AWS's current quotas, per type",
      overrides: {
        "orgstrap:guardrails": {
          ...(example["orgstrap:guardrails"] as object),
          limits: { scp: { policiesPerTarget: 11 }, rcp: { policiesPerTarget: 5, policySizeChars: 10240 } },
        },
      },
      problems: [
        "orgstrap:guardrails.limits.scp.policiesPerTarget: 11 is above AWS's current quota of 10 SCPs per target; AWS would refuse what this limit lets through, so use 10 or less",
        "orgstrap:guardrails.limits.rcp.policySizeChars: 10240 is above AWS's current quota of 5120 characters per RCP; AWS would refuse what this limit lets through, so use 5120 or less",
      ],
    },
    {
      name: "the pre-2026 flat limits (limits are per policy type now)",
      overrides: { "orgstrap:guardrails": { ...(example["orgstrap:guardrails"] as object), limits: { policiesPerTarget: 5 } } },
      problems: ['orgstrap:guardrails.limits: unknown key "policiesPerTarget"'],
    },
    {
      name: "exempt role names that are only wildcards or reach the roles AWS services create",
      overrides: {
        "orgstrap:guardrails": {
          ...(example["orgstrap:guardrails"] as object),
          exemptRoleNames: ["OrganizationAccountAccessRole", "*", "*Admin", "aws*", "stacksets-exec-*"],
        },
      },
      problems: [
        'orgstrap:guardrails.exemptRoleNames[1]: "*" is only wildcards: it would exempt every role of every member account from the guardrails',
        'orgstrap:guardrails.exemptRoleNames[2]: "*Admin" can match roles under role/aws-service-role/ and role/aws-reserved/, which AWS services create and no SCP can protect, so protect-exempt-roles could not stop anyone from gaining the exemption: start it with a literal prefix that is not a prefix of aws-service-role/ or aws-reserved/',
        'orgstrap:guardrails.exemptRoleNames[3]: "aws*" can match roles under role/aws-service-role/ and role/aws-reserved/, which AWS services create and no SCP can protect, so protect-exempt-roles could not stop anyone from gaining the exemption: start it with a literal prefix that is not a prefix of aws-service-role/ or aws-reserved/',
      ],
    },
    {
      name: "Region restriction attached to some OUs only, and an unknown exception",
      overrides: {
        "orgstrap:guardrails": {
          ...(example["orgstrap:guardrails"] as object),
          attachments: [
            { policy: "protect-exempt-roles", targets: ["root"] },
            { policy: "restrict-regions", targets: ["workloads", "sandbox"] },
          ],
          regionRestrictionExceptions: ["suspended", "staging"],
        },
      },
      problems: [
        'orgstrap:guardrails.regionRestrictionExceptions[1]: unknown OU or account key "staging"',
        'orgstrap:guardrails.attachments: restrict-regions is attached, but not to "security-ou", "security", "log-archive" or anything above; their accounts could run workloads in any Region: attach restrict-regions to root (or to them), or list them in guardrails.regionRestrictionExceptions',
      ],
    },
    {
      name: "an exemption used where the exempt roles are not protected",
      overrides: {
        "orgstrap:guardrails": {
          ...(example["orgstrap:guardrails"] as object),
          attachments: [
            { policy: "protect-exempt-roles", targets: ["workloads"] },
            { policy: "deny-all", targets: ["suspended", "prod"] },
          ],
        },
      },
      problems: [
        'orgstrap:guardrails.attachments[1].targets[0]: "suspended" gets deny-all, which exempts guardrails.exemptRoleNames by role ARN alone, but protect-exempt-roles is not attached to "suspended" or "root"; an administrator there could create or re-trust a role with an exempt name and step around deny-all: attach protect-exempt-roles to "suspended" or above it (root covers every account)',
      ],
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
        'orgstrap:organizationalUnits[8].parent: unknown OU key "nowhere"; known keys: security-ou, workloads, prod, nonprod, sandbox, suspended, a, b, c',
        'orgstrap:organizationalUnits[6].parent: OU "a" forms a cycle of parents',
      ],
    },
    {
      name: "an unknown config key and a misspelt nested key",
      overrides: { "orgstrap:acounts": [], "orgstrap:trail": { nmae: "x" } },
      problems: [
        // zod reports a nested key's problems before the unknown top-level keys.
        'orgstrap:trail: unknown key "nmae"',
        "orgstrap:acounts: unknown config key; known keys: namePrefix, partition, governedRegions, organization, organizationalUnits, accounts, guardrails, trail, guardDuty, securityHub, awsConfig, accessAnalyzer, baseline, rootAccess, futureAccounts, adminAccess, alerts, budget, costExport, adoption",
      ],
    },
    {
      name: "a value of the wrong type",
      overrides: { "orgstrap:guardDuty": { enabled: "yes" } },
      problems: ['orgstrap:guardDuty.enabled: "yes" expected boolean, received string'],
    },
    // Account baseline: every new key names itself, the value and the rule.
    {
      name: "a password shorter than CIS's 14 characters, too much reuse memory and an expiry over IAM's maximum",
      overrides: { "orgstrap:baseline": { ...baseline, passwordPolicy: { minimumLength: 8, reusePrevention: 25, maxAgeDays: 2000 } } },
      problems: [
        "orgstrap:baseline.passwordPolicy.minimumLength: 8 is below the CIS minimum of 14 characters",
        "orgstrap:baseline.passwordPolicy.reusePrevention: 25 is more than IAM's maximum of 24 remembered passwords",
        "orgstrap:baseline.passwordPolicy.maxAgeDays: 2000 is more than IAM's 1095-day maximum",
      ],
    },
    {
      name: "a password policy that remembers no previous password and a password longer than IAM allows",
      overrides: { "orgstrap:baseline": { ...baseline, passwordPolicy: { minimumLength: 129, reusePrevention: 0 } } },
      problems: [
        "orgstrap:baseline.passwordPolicy.minimumLength: 129 is more than IAM's 128-character maximum",
        "orgstrap:baseline.passwordPolicy.reusePrevention: 0 must remember at least 1 previous password (CIS 1.9)",
      ],
    },
    {
      name: "no security contact while the baseline is on",
      overrides: { "orgstrap:baseline": { passwordPolicy: baseline.passwordPolicy } },
      problems: [
        "orgstrap:baseline.securityContact: is required while baseline.enabled is true (CIS 1.2: every account names a security contact); set name, title, email and phone",
      ],
    },
    {
      name: "a security contact with a bad email and phone",
      overrides: { "orgstrap:baseline": { securityContact: { ...baseline.securityContact, email: "security@", phone: "call us" } } },
      problems: [
        'orgstrap:baseline.securityContact.email: "security@" is not an email address',
        'orgstrap:baseline.securityContact.phone: "call us" is not a phone number (digits, spaces, +, -, parentheses; at most 25)',
      ],
    },
    {
      name: "a misspelt security contact field",
      overrides: { "orgstrap:baseline": { securityContact: { ...baseline.securityContact, mail: "x@example.com" } } },
      problems: ['orgstrap:baseline.securityContact: unknown key "mail"'],
    },
    {
      name: "an unused-access age outside AWS's 1-365 days",
      overrides: { "orgstrap:accessAnalyzer": { unusedAccessAgeDays: 400 } },
      problems: ["orgstrap:accessAnalyzer.unusedAccessAgeDays: 400 is more than AWS's 365-day maximum"],
    },
    {
      name: "an unused-access age of zero",
      overrides: { "orgstrap:accessAnalyzer": { unusedAccessAgeDays: 0 } },
      problems: ["orgstrap:accessAnalyzer.unusedAccessAgeDays: 0 must be at least 1 day (AWS allows 1-365)"],
    },
    {
      name: "an unknown AWS Config snapshot frequency",
      overrides: { "orgstrap:awsConfig": { snapshotDeliveryFrequency: "Daily" } },
      problems: ['orgstrap:awsConfig.snapshotDeliveryFrequency: "Daily" must be one of "One_Hour"|"Three_Hours"|"Six_Hours"|"Twelve_Hours"|"TwentyFour_Hours"'],
    },
    {
      name: "an unknown and a duplicate account with an existing recorder",
      overrides: { "orgstrap:awsConfig": { existingRecorderAccounts: ["management", "prod", "management"] } },
      problems: [
        'orgstrap:awsConfig.existingRecorderAccounts[1]: unknown account "prod"; use "management" or an account key (security, log-archive, prod-app, dev-app)',
        'orgstrap:awsConfig.existingRecorderAccounts[2]: "management" is listed twice',
      ],
    },
    {
      name: "an unknown and a duplicate future-accounts OU",
      overrides: { "orgstrap:futureAccounts": { organizationalUnits: ["security-ou", "workloads", "sandbox", "staging", "sandbox"] } },
      problems: [
        'orgstrap:futureAccounts.organizationalUnits[3]: unknown OU key "staging"; known keys: security-ou, workloads, prod, nonprod, sandbox, suspended',
        'orgstrap:futureAccounts.organizationalUnits[4]: "sandbox" is listed twice',
      ],
    },
    {
      name: "a future-accounts OU below another one (two stack instances would deploy to its accounts)",
      overrides: { "orgstrap:futureAccounts": { organizationalUnits: ["security-ou", "prod", "workloads", "sandbox"] } },
      problems: [
        'orgstrap:futureAccounts.organizationalUnits[1]: "prod" sits below "workloads", which is also listed; StackSets already deploys to child OUs, so list only "workloads"',
      ],
    },
    {
      name: "rollout percentages outside AWS's ranges and an unknown Region concurrency",
      overrides: { "orgstrap:futureAccounts": { rollout: { maxConcurrentPercentage: 0, failureTolerancePercentage: 101, regionConcurrency: "ALL" } } },
      problems: [
        "orgstrap:futureAccounts.rollout.maxConcurrentPercentage: 0 must be at least 1 (AWS: 1-100)",
        "orgstrap:futureAccounts.rollout.failureTolerancePercentage: 101 is more than 100 percent",
        'orgstrap:futureAccounts.rollout.regionConcurrency: "ALL" must be one of "PARALLEL"|"SEQUENTIAL"',
      ],
    },
    {
      name: "no future-accounts OU",
      overrides: { "orgstrap:futureAccounts": { organizationalUnits: [] } },
      problems: ["orgstrap:futureAccounts.organizationalUnits: [] must name at least one OU key"],
    },
    {
      name: "an account outside every future-accounts OU while AWS Config is on",
      overrides: { "orgstrap:futureAccounts": { organizationalUnits: ["security-ou", "prod"] } },
      problems: [
        'orgstrap:accounts[3].ou: account "dev-app" sits in OU "nonprod", outside futureAccounts.organizationalUnits (security-ou, prod); AWS Config would not record it: add its OU (or an ancestor) there, or list the account in awsConfig.existingRecorderAccounts',
      ],
    },
    {
      name: "AWS Config on without the StackSet that carries its member recorders",
      overrides: { "orgstrap:futureAccounts": { enabled: false } },
      problems: [
        "orgstrap:futureAccounts.enabled: false while awsConfig.enabled is true; member accounts get their AWS Config recorder only from the futureAccounts StackSet, so enable it or disable awsConfig",
      ],
    },
    {
      name: "an account keyed like the management account",
      overrides: withAccount(3, { key: "management" }),
      problems: ['orgstrap:accounts[3].key: "management" is reserved for the management account (the one running pulumi up); choose another key'],
    },
    {
      name: "switches that are not booleans",
      overrides: { "orgstrap:rootAccess": { enabled: "on" }, "orgstrap:trail": { delegateToSecurity: 1 } },
      problems: [
        "orgstrap:trail.delegateToSecurity: 1 expected boolean, received number",
        'orgstrap:rootAccess.enabled: "on" expected boolean, received string',
      ],
    },
    // Admin access, alerts and cost.
    {
      name: "an Identity Center instance ARN, group id and session duration that AWS would refuse",
      overrides: {
        "orgstrap:adminAccess": {
          sessionDuration: "PT24H",
          identityCenter: {
            instanceArn: "arn:aws:sso:::instance/bogus",
            region: "mars-1",
            groups: { admins: "admins", readOnly: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b2e", securityAudit: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b3f" },
          },
        },
      },
      problems: [
        'orgstrap:adminAccess.sessionDuration: "PT24H" must be PT1H to PT12H (an ISO 8601 duration of 1-12 hours)',
        'orgstrap:adminAccess.identityCenter.instanceArn: "arn:aws:sso:::instance/bogus" is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-xxxxxxxxxxxxxxxx)',
        'orgstrap:adminAccess.identityCenter.groups.admins: "admins" is not an Identity Store group id (e.g. 90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d)',
      ],
    },
    {
      name: "an unknown Identity Center Region and a missing group",
      overrides: {
        "orgstrap:adminAccess": {
          identityCenter: {
            instanceArn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6",
            region: "mars-1",
            groups: { admins: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d", readOnly: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b2e" },
          },
        },
      },
      problems: ["orgstrap:adminAccess.identityCenter.groups.securityAudit: is required (expected string, received undefined)"],
    },
    {
      name: "an Identity Center Region that is not an AWS Region",
      overrides: {
        "orgstrap:adminAccess": {
          identityCenter: {
            instanceArn: "arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6",
            region: "mars-1",
            groups: {
              admins: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d",
              readOnly: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b2e",
              securityAudit: "90677c4a-f0b1-70ab-7a59-d8cb8e2e3b3f",
            },
          },
        },
      },
      problems: ['orgstrap:adminAccess.identityCenter.region: "mars-1" is not a known AWS Region'],
    },
    {
      name: "alerts without an email",
      overrides: { "orgstrap:alerts": {} },
      problems: ["orgstrap:alerts.email: is required while alerts.enabled is true; set the security team's address"],
    },
    {
      name: "an alerts email that is not one, and a misspelt alerts key",
      overrides: { "orgstrap:alerts": { email: "security@", emial: "x@example.com" } },
      problems: ['orgstrap:alerts.email: "security@" is not an email address', 'orgstrap:alerts: unknown key "emial"'],
    },
    {
      name: "a trail log retention CloudWatch Logs does not offer, and a CIS alarms switch that is not a boolean",
      overrides: { "orgstrap:alerts": { email: "aws-security-alerts@example.com", trailLogRetentionDays: 100, cisAlarms: "yes" } },
      problems: [
        'orgstrap:alerts.cisAlarms: "yes" expected boolean, received string',
        "orgstrap:alerts.trailLogRetentionDays: 100 is not a CloudWatch Logs retention period; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      ],
    },
    {
      name: "an account whose access role the guardrails do not exempt (orgstrap would lock itself out)",
      overrides: withAccount(2, { accessRoleName: "CustomAdmin" }),
      problems: [
        'orgstrap:accounts[2].accessRoleName: "CustomAdmin" is the role orgstrap deploys through, but guardrails.exemptRoleNames does not list it; the attached deny-cloudtrail-tampering, protect-security-services, restrict-regions, deny-all, protect-exempt-roles, deny-finding-suppression would deny orgstrap its own changes in account "prod-app": add it to guardrails.exemptRoleNames',
      ],
    },
    {
      name: "alerts on while Security Hub is off",
      overrides: { "orgstrap:securityHub": { enabled: false } },
      problems: [
        "orgstrap:alerts.enabled: true needs guardDuty.enabled and securityHub.enabled; alerts read GuardDuty findings of every account and Region from Security Hub's cross-Region aggregation in the Security account",
      ],
    },
    {
      name: "a budget without a limit or recipients",
      overrides: { "orgstrap:budget": { thresholdsPercent: [50] } },
      problems: [
        "orgstrap:budget.monthlyLimitUsd: is required while budget.enabled is true",
        "orgstrap:budget.emails: is required while budget.enabled is true",
      ],
    },
    {
      name: "a zero budget, a bad threshold and a bad recipient",
      overrides: { "orgstrap:budget": { monthlyLimitUsd: 0, thresholdsPercent: [0], emails: ["billing@"] } },
      problems: [
        "orgstrap:budget.monthlyLimitUsd: 0 must be more than 0",
        "orgstrap:budget.thresholdsPercent[0]: 0 must be at least 1%",
        'orgstrap:budget.emails[0]: "billing@" is not an email address',
      ],
    },
    {
      name: "more budget recipients than AWS Budgets allows",
      overrides: { "orgstrap:budget": { monthlyLimitUsd: 10, emails: Array.from({ length: 11 }, (_, i) => `b${i}@example.com`) } },
      problems: [/^orgstrap:budget\.emails: value lists more than AWS Budgets' 10 email subscribers per notification$/.source],
    },
    {
      name: "a cost export bucket in the Log-Archive account",
      overrides: { "orgstrap:costExport": { bucketAccount: "log-archive" } },
      problems: [
        'orgstrap:costExport.bucketAccount: "log-archive" must be "management": Data Exports delivers to a bucket the exporting (management) account owns; @pulumi/aws 7.48 cannot name another bucket owner',
      ],
    },
    {
      name: "a log expiry that does not come after the Glacier transition (S3 rejects the lifecycle rule)",
      overrides: { "orgstrap:trail": { transitionToGlacierDays: 90, expireAfterDays: 90 } },
      problems: [
        "orgstrap:trail.expireAfterDays: 90 must be greater than trail.transitionToGlacierDays (90): S3 rejects a lifecycle rule that expires objects before or when it transitions them; use 0 to keep logs forever",
      ],
    },
    {
      name: "a negative cost export expiry and a non-boolean switch",
      overrides: { "orgstrap:costExport": { enabled: "yes", expireAfterDays: -1 } },
      problems: [
        'orgstrap:costExport.enabled: "yes" expected boolean, received string',
        "orgstrap:costExport.expireAfterDays: -1 Too small: expected number to be >=0",
      ],
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

  it("accepts Region restriction on some OUs when the others are named as exceptions", () => {
    const guardrails = {
      ...(example["orgstrap:guardrails"] as object),
      attachments: [
        { policy: "protect-exempt-roles", targets: ["root"] },
        { policy: "restrict-regions", targets: ["workloads", "sandbox"] },
      ],
      regionRestrictionExceptions: ["security-ou", "suspended"],
    };
    expect(exampleConfig({ "orgstrap:guardrails": guardrails }).guardrails.attachments.map((a) => a.policy)).to.deep.equal([
      "protect-exempt-roles",
      "restrict-regions",
    ]);
  });

  it("reports every problem at once, in one message naming the stack file", () => {
    const raw = exampleRaw({ ...withAccount(1, { email: "ops@", ou: "nowhere" }), "orgstrap:governedRegions": ["us-east-1", "mars-1"] });
    expect(() => parseOrgConfig(raw, loadPolicyCatalog(), "Pulumi.dev.yaml")).to.throw(
      ConfigError,
      "Invalid stack config (Pulumi.dev.yaml): 3 problems\n" +
        '  - orgstrap:accounts[1].email: "ops@" is not an email address\n' +
        '  - orgstrap:governedRegions[1]: "mars-1" is not a known AWS Region\n' +
        '  - orgstrap:accounts[1].ou: unknown OU key "nowhere"; known keys: security-ou, workloads, prod, nonprod, sandbox, suspended',
    );
  });
});

describe("parseOrgConfig on keys that name prototype members (null-prototype parsing)", () => {
  it("reports orgstrap:__proto__ as an unknown key and never applies what it holds", () => {
    const problems = problemsOf({ "orgstrap:__proto__": { namePrefix: "evil", accounts: [] } });
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(/^orgstrap:__proto__: unknown config key; known keys: namePrefix, /);
  });

  it("reports __proto__ and constructor inside a value Pulumi passes as JSON text as unknown keys", () => {
    expect(problemsOf({ "orgstrap:trail": '{"__proto__": {"name": "evil-trail"}, "constructor": 1}' })).to.deep.equal([
      'orgstrap:trail: unknown keys "__proto__", "constructor"',
    ]);
  });

  it("keeps a __proto__ key out of the raw config's prototype: aws:region is not read through it", () => {
    const raw: Record<string, unknown> = Object.create(null);
    Object.assign(raw, exampleRaw({ "aws:region": undefined }));
    raw["__proto__"] = { "aws:region": "eu-west-1" };
    expect(problemsOf(raw)).to.deep.equal([
      "__proto__: unknown config key: stack config keys are <namespace>:<key>; orgstrap's own are orgstrap:<key> (orgstrap:__proto__)",
      "aws:region: is not set; set it to the management account's home Region, e.g. us-east-1",
    ]);
  });
});
