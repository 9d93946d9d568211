// One-defect stack files: each is Pulumi.dev.yaml with one thing wrong, planned through the CLI's `plan` command. Each
// must be rejected (exit 1) with exactly the listed problems, each naming its key, on stderr; nothing on stdout; no
// stack trace. The config is checked before the program runs, so these run in this process (a few run as real
// subprocesses at the end).
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../lib/config";
import { loadPlanConfig, resolveTarget } from "../../harness/plan/run";
import { orgstrapInProcess, orgstrapProcess } from "../helpers/cli";
import { EXAMPLE_STACK_FILE } from "../helpers/stack";

const DEV = fs.readFileSync(EXAMPLE_STACK_FILE, "utf8");
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-bad-stacks-"));

/** Pulumi.dev.yaml with `from` (which must occur once) replaced by `to`. */
function edit(from: string, to: string): string {
  expect(DEV.split(from), `Pulumi.dev.yaml holds ${JSON.stringify(from)} once`).to.have.length(2);
  return DEV.replace(from, to);
}
/** Pulumi.dev.yaml with lines added at the end of its config. */
const plus = (lines: string): string => `${DEV.trimEnd()}\n${lines}\n`;

/** `orgstrap plan ARGS` in this process, as `code`/`stdout`/`stderr`. */
async function planInProcess(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const run = await orgstrapInProcess("plan", ...args);
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The problem lines of a config error message. */
const problemLines = (stderr: string): string[] =>
  stderr
    .split("\n")
    .filter((l) => l.startsWith("  - "))
    .map((l) => l.slice(4));

interface Case {
  name: string;
  text: string;
  /** Every problem, in order: each line starts with the string (or matches the RegExp). */
  problems: (string | RegExp)[];
}

const account = (key: string) => `    - key: ${key}\n`;

const CASES: Case[] = [
  // Keys: prototype members, namespaces, misspellings.
  {
    name: "a top-level __proto__ key",
    text: plus("  orgstrap:__proto__:\n    namePrefix: evil"),
    problems: ["orgstrap:__proto__: unknown config key; known keys: "],
  },
  {
    name: "a nested __proto__ key",
    text: plus("  orgstrap:trail:\n    __proto__:\n      name: evil-trail"),
    problems: ['orgstrap:trail: unknown key "__proto__"'],
  },
  {
    name: "a constructor key in a section",
    text: edit("  orgstrap:alerts:\n", "  orgstrap:alerts:\n    constructor: x\n"),
    problems: ['orgstrap:alerts: unknown key "constructor"'],
  },
  {
    name: "a toString key in an account",
    text: edit("      ou: nonprod\n", "      ou: nonprod\n      toString: x\n"),
    problems: ['orgstrap:accounts[3]: unknown key "toString"'],
  },
  {
    name: "an account keyed like a prototype member",
    text: edit(account("dev-app"), account("constructor")),
    problems: ['orgstrap:accounts[3].key: "constructor" is a name every JavaScript object already has'],
  },
  {
    name: "a __proto__ key without a namespace",
    text: plus("  __proto__:\n    aws:region: eu-west-1"),
    problems: ["__proto__: unknown config key: stack config keys are <namespace>:<key>"],
  },
  {
    name: "a key without a namespace",
    text: plus("  accounts: []"),
    problems: ["accounts: unknown config key: stack config keys are <namespace>:<key>; orgstrap's own are orgstrap:<key> (orgstrap:accounts)"],
  },
  {
    name: "a key in the wrong-case namespace",
    text: plus("  OrgStrap:namePrefix: other"),
    problems: ["OrgStrap:namePrefix: unknown config key: namespaces are case-sensitive; orgstrap reads orgstrap:namePrefix"],
  },
  {
    name: "a key in a namespace nothing reads",
    text: plus("  acme:owner: platform-team"),
    problems: ['acme:owner: unknown config key: orgstrap reads orgstrap:<key> and the AWS provider reads aws:<key>; nothing reads namespace "acme"'],
  },
  { name: "a misspelt top-level key", text: plus("  orgstrap:acounts: []"), problems: ["orgstrap:acounts: unknown config key; known keys: namePrefix, "] },
  {
    name: "a misspelt account field",
    text: edit("      email: aws-dev-app@example.com\n", "      emial: aws-dev-app@example.com\n"),
    problems: ["orgstrap:accounts[3].email: is required", 'orgstrap:accounts[3]: unknown key "emial"'],
  },

  // Values AWS refuses.
  {
    name: "a namePrefix starting xn--",
    text: edit("orgstrap:namePrefix: example", "orgstrap:namePrefix: xn--corp"),
    problems: ['orgstrap:namePrefix: "xn--corp" starts with a prefix S3 reserves'],
  },
  {
    name: "a namePrefix starting sthree-",
    text: edit("orgstrap:namePrefix: example", "orgstrap:namePrefix: sthree-corp"),
    problems: ['orgstrap:namePrefix: "sthree-corp" starts with a prefix S3 reserves'],
  },
  {
    name: "a namePrefix starting amzn-s3-demo-",
    text: edit("orgstrap:namePrefix: example", "orgstrap:namePrefix: amzn-s3-demo-x"),
    problems: ['orgstrap:namePrefix: "amzn-s3-demo-x" starts with a prefix S3 reserves'],
  },
  {
    name: "a namePrefix with capitals",
    text: edit("orgstrap:namePrefix: example", "orgstrap:namePrefix: Example"),
    problems: ['orgstrap:namePrefix: "Example" must be 2-21 lowercase letters'],
  },
  {
    name: "an unknown Security Hub standard version",
    text: plus("  orgstrap:securityHub:\n    standards: [cis-aws-foundations-benchmark/v/9.9.9]"),
    problems: ['orgstrap:securityHub.standards[0]: "cis-aws-foundations-benchmark/v/9.9.9" is not a Security Hub standard orgstrap can enable; use one of '],
  },
  {
    name: "CIS v1.2.0, whose ARN is a ruleset",
    text: plus("  orgstrap:securityHub:\n    standards: [cis-aws-foundations-benchmark/v/1.2.0]"),
    problems: ['orgstrap:securityHub.standards[0]: "cis-aws-foundations-benchmark/v/1.2.0" is not a Security Hub standard'],
  },
  {
    name: "an SCP policies-per-target limit above AWS's quota",
    text: edit("  orgstrap:guardrails:\n", "  orgstrap:guardrails:\n    limits:\n      scp:\n        policiesPerTarget: 11\n"),
    problems: [
      "orgstrap:guardrails.limits.scp.policiesPerTarget: 11 is above AWS's current quota of 10 SCPs per target; AWS would refuse what this limit lets through, so use 10 or less",
    ],
  },
  {
    name: "an RCP size limit above AWS's quota (SCPs may be 10,240 characters, RCPs 5,120)",
    text: edit("  orgstrap:guardrails:\n", "  orgstrap:guardrails:\n    limits:\n      rcp:\n        policySizeChars: 10000\n"),
    problems: [
      "orgstrap:guardrails.limits.rcp.policySizeChars: 10000 is above AWS's current quota of 5120 characters per RCP; AWS would refuse what this limit lets through, so use 5120 or less",
    ],
  },
  {
    name: "a .inf budget",
    text: edit("monthlyLimitUsd: 1000", "monthlyLimitUsd: .inf"),
    problems: ["orgstrap:budget.monthlyLimitUsd: Infinity is not a finite number"],
  },
  {
    name: "a -.inf age",
    text: plus("  orgstrap:accessAnalyzer:\n    unusedAccessAgeDays: -.inf"),
    problems: ["orgstrap:accessAnalyzer.unusedAccessAgeDays: -Infinity is not a finite number"],
  },
  {
    name: "a .nan expiry",
    text: plus("  orgstrap:trail:\n    expireAfterDays: .nan"),
    problems: ["orgstrap:trail.expireAfterDays: NaN is not a finite number"],
  },
  {
    name: "a fractional day count",
    text: plus("  orgstrap:trail:\n    objectLockRetentionDays: 1.5"),
    problems: ["orgstrap:trail.objectLockRetentionDays: 1.5 "],
  },
  { name: "an unknown partition", text: plus("  orgstrap:partition: aws-cn"), problems: ['orgstrap:partition: "aws-cn" expected "aws"'] },

  // Clear messages: one problem per defect.
  {
    name: "governedRegions given as text",
    text: edit("  orgstrap:governedRegions:\n    - us-east-1\n    - eu-west-1\n", "  orgstrap:governedRegions: us-east-1\n"),
    problems: ['orgstrap:governedRegions: "us-east-1" expected array, received string'],
  },
  {
    name: "accounts given as text",
    text: DEV.replace(/ {2}orgstrap:accounts:\n( {4}.*\n| {6}.*\n)+/, "  orgstrap:accounts: security\n"),
    problems: ['orgstrap:accounts: "security" expected array, received string'],
  },
  {
    name: "no accounts",
    text: DEV.replace(/ {2}orgstrap:accounts:\n( {4}.*\n| {6}.*\n)+/, "  orgstrap:accounts: []\n"),
    problems: ["orgstrap:accounts: [] must define at least the security and log-archive accounts"],
  },
  {
    name: "OUs given as text",
    text: DEV.replace(/ {2}orgstrap:organizationalUnits:\n( {4}.*\n| {6}.*\n)+/, "  orgstrap:organizationalUnits: workloads\n"),
    problems: ['orgstrap:organizationalUnits: "workloads" expected array, received string'],
  },
  {
    name: "exempt roles given as text",
    text: edit(
      "    exemptRoleNames:\n      - OrganizationAccountAccessRole\n      - BreakGlassAdmin\n",
      "    exemptRoleNames: OrganizationAccountAccessRole\n",
    ),
    problems: ['orgstrap:guardrails.exemptRoleNames: "OrganizationAccountAccessRole" expected array'],
  },
  {
    name: "attachment targets given as text",
    text: edit("        targets: [suspended]", "        targets: suspended"),
    problems: ['orgstrap:guardrails.attachments[7].targets: "suspended" expected array'],
  },
  {
    name: "future-account OUs given as text",
    text: edit("organizationalUnits: [security-ou, workloads, sandbox]", "organizationalUnits: workloads"),
    problems: ['orgstrap:futureAccounts.organizationalUnits: "workloads" expected array'],
  },
  {
    name: "existing recorders given as text",
    text: plus("  orgstrap:awsConfig:\n    existingRecorderAccounts: security"),
    problems: ['orgstrap:awsConfig.existingRecorderAccounts: "security" expected array'],
  },
  {
    name: "a bad list beside awsConfig.enabled: false",
    text: plus("  orgstrap:awsConfig:\n    enabled: false\n    existingRecorderAccounts: security"),
    problems: ['orgstrap:awsConfig.existingRecorderAccounts: "security" expected array'],
  },
  {
    name: "budget emails given as text",
    text: edit("emails: [aws-billing@example.com]", "emails: aws-billing@example.com"),
    problems: ['orgstrap:budget.emails: "aws-billing@example.com" expected array'],
  },
  {
    name: "aws:region given as a list",
    text: edit("aws:region: us-east-1", "aws:region: [us-east-1, eu-west-1]"),
    problems: ['aws:region: ["us-east-1","eu-west-1"] is a list; aws:region is the one home Region'],
  },
  { name: "aws:region given as a number", text: edit("aws:region: us-east-1", "aws:region: 1"), problems: ["aws:region: 1 is not a Region name"] },
  { name: "no aws:region", text: edit("  aws:region: us-east-1\n", ""), problems: ["aws:region: is not set"] },
  { name: "an unknown aws:region", text: edit("aws:region: us-east-1", "aws:region: mars-1"), problems: ['aws:region: "mars-1" is not a known AWS Region'] },
  { name: "a null section", text: plus("  orgstrap:trail: ~"), problems: ["orgstrap:trail: null "] },

  // The file itself.
  { name: "an empty file", text: "", problems: ["the file is empty; a stack file is a mapping with a config: key"] },
  { name: "a file of comments only", text: "# nothing yet\n", problems: ["the file is empty"] },
  { name: "a file with no config:", text: "encryptionsalt: v1:abc\n", problems: ["config: is missing; a stack file is a mapping with a config: key"] },
  { name: "an empty config:", text: "config:\n", problems: ["config: is empty"] },
  { name: "config: as a list", text: "config:\n  - aws:region: us-east-1\n", problems: ["config: must be a mapping of keys to values"] },
  { name: "a file that is a list", text: "- config\n", problems: ["the file is not a mapping of keys"] },
  {
    name: "an unclosed bracket",
    text: edit("      name: Dev App\n", "      name: [Dev App\n"),
    problems: [/^orgstrap:accounts\.name: the YAML does not parse at line \d+, column \d+: .*" {6}name: \[Dev App"/],
  },
  {
    name: "a tab for indentation",
    text: edit("    email: aws-security-alerts@example.com\n", "\temail: aws-security-alerts@example.com\n"),
    problems: [/^orgstrap:alerts(\.email)?: the YAML does not parse at line \d+/],
  },
  {
    name: "a duplicate top-level key",
    text: plus("  orgstrap:alerts:\n    email: other@example.com"),
    problems: [/^orgstrap:alerts: is given twice \(line \d+\); Pulumi reads stack files with go-yaml v2, which silently keeps the last value/],
  },
  {
    name: "a duplicate nested key",
    text: edit("    email: aws-security-alerts@example.com\n", "    email: aws-security-alerts@example.com\n    email: other@example.com\n"),
    problems: [/^orgstrap:alerts\.email: is given twice/],
  },
  {
    name: "an alias bomb",
    text: plus(
      "  orgstrap:x1: &a [x, x, x, x, x, x, x, x, x, x]\n  orgstrap:x2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  orgstrap:x3: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
    ),
    problems: ["the YAML cannot be read: Excessive alias count"],
  },
  {
    name: "a secret value",
    text: edit("    email: aws-security-alerts@example.com\n", "    email:\n      secure: v1:AAABAGVuY3J5cHRlZA==\n"),
    problems: ["orgstrap:alerts.email: is a secret (secure:); secrets are not decrypted offline"],
  },
  {
    name: "a top-level secret",
    text: edit("orgstrap:namePrefix: example", "orgstrap:namePrefix:\n    secure: v1:AAABAGVuY3J5cHRlZA=="),
    problems: ["orgstrap:namePrefix: is a secret (secure:); secrets are not decrypted offline"],
  },
  {
    name: "a switch that is neither YAML 1.1 boolean",
    text: edit("      ou: nonprod\n", "      ou: nonprod\n      closeOnDeletion: maybe\n"),
    problems: ['orgstrap:accounts[3].closeOnDeletion: "maybe" expected boolean, received string'],
  },
  {
    name: "a quoted boolean",
    text: plus('  orgstrap:guardDuty:\n    enabled: "yes"'),
    problems: ['orgstrap:guardDuty.enabled: "yes" expected boolean, received string'],
  },

  // Accounts and OUs.
  {
    name: "an invalid account email",
    text: edit("email: aws-dev-app@example.com", "email: aws-dev-app@"),
    problems: ['orgstrap:accounts[3].email: "aws-dev-app@" is not an email address'],
  },
  { name: "an account name over 50 characters", text: edit("name: Dev App", `name: ${"D".repeat(51)}`), problems: ["orgstrap:accounts[3].name: "] },
  { name: "a duplicate account key", text: edit(account("dev-app"), account("prod-app")), problems: ['orgstrap:accounts[3].key: "prod-app" is already used'] },
  {
    name: "a duplicate account email",
    text: edit("email: aws-dev-app@example.com", "email: aws-prod-app@example.com"),
    problems: ['orgstrap:accounts[3].email: "aws-prod-app@example.com" duplicates accounts[2].email'],
  },
  {
    name: "an account in an unknown OU",
    text: edit("      ou: nonprod\n", "      ou: staging\n"),
    problems: ['orgstrap:accounts[3].ou: unknown OU key "staging"'],
  },
  { name: "no security account", text: edit("      role: security\n", ""), problems: ["orgstrap:accounts: no account has role: security"] },
  {
    name: "an unknown account role",
    text: edit("      role: security\n", "      role: audit\n"),
    problems: ['orgstrap:accounts[0].role: "audit" must be one of'],
  },
  {
    name: "the management key on an account",
    text: edit(account("dev-app"), account("management")),
    problems: ['orgstrap:accounts[3].key: "management" is reserved for the management account'],
  },
  {
    name: "a billing access AWS does not offer",
    text: edit("      ou: nonprod\n", "      ou: nonprod\n      iamUserAccessToBilling: MAYBE\n"),
    problems: ['orgstrap:accounts[3].iamUserAccessToBilling: "MAYBE" must be one of'],
  },
  {
    name: "an adopted account without the organization",
    text: edit("      ou: nonprod\n", '      ou: nonprod\n      importId: "123456789012"\n'),
    problems: ["orgstrap:accounts[3].importId: adopting an existing account needs organization.importId"],
  },
  {
    name: "an unknown parent OU",
    text: edit("    - key: nonprod\n      name: NonProd\n      parent: workloads\n", "    - key: nonprod\n      name: NonProd\n      parent: platform\n"),
    problems: ['orgstrap:organizationalUnits[3].parent: unknown OU key "platform"'],
  },
  {
    name: "an OU name under 1 character",
    text: edit("      name: Sandbox\n", '      name: ""\n'),
    problems: ['orgstrap:organizationalUnits[4].name: "" must not be empty'],
  },
  {
    name: "an access role the guardrails do not exempt",
    text: edit("      ou: nonprod\n", "      ou: nonprod\n      accessRoleName: CustomAdmin\n"),
    problems: ['orgstrap:accounts[3].accessRoleName: "CustomAdmin" is the role orgstrap deploys through'],
  },

  {
    name: "an OU without a key (its references are not also unknown)",
    text: edit("    - key: sandbox\n      name: Sandbox\n", "    - name: Sandbox\n"),
    problems: ["orgstrap:organizationalUnits[4].key: is required (expected string, received undefined)"],
  },
  {
    name: "an OU key that breaks the key rule, still referenced",
    text: DEV.replace(/\bsandbox\b/g, "Sandbox"),
    problems: ['orgstrap:organizationalUnits[4].key: "Sandbox" must start with a lowercase letter'],
  },
  {
    name: "accounts given as names, not objects",
    text: DEV.replace(/ {2}orgstrap:accounts:\n( {4}.*\n| {6}.*\n)+/, "  orgstrap:accounts: [security, log-archive]\n"),
    problems: ['orgstrap:accounts[0]: "security" expected object', 'orgstrap:accounts[1]: "log-archive" expected object'],
  },
  {
    name: "OUs given as names, not objects",
    text: DEV.replace(/ {2}orgstrap:organizationalUnits:\n( {4}.*\n| {6}.*\n)+/, "  orgstrap:organizationalUnits: [security-ou, workloads]\n"),
    problems: ['orgstrap:organizationalUnits[0]: "security-ou" expected object', 'orgstrap:organizationalUnits[1]: "workloads" expected object'],
  },
  {
    name: "an OU that is its own parent",
    text: edit("      name: Sandbox\n", "      name: Sandbox\n      parent: sandbox\n"),
    problems: ['orgstrap:organizationalUnits[4].parent: OU "sandbox" forms a cycle of parents'],
  },
  {
    name: "a CloudFormation tag",
    text: edit("name: Dev App", "name: !Ref DevApp"),
    problems: [/^orgstrap:accounts\.name: has the YAML tag !Ref \(line \d+\), which Pulumi ignores/],
  },
  {
    name: "a repeated budget threshold",
    text: edit("thresholdsPercent: [80, 100]", "thresholdsPercent: [80, 80]"),
    problems: ["orgstrap:budget.thresholdsPercent[1]: 80 is listed twice"],
  },
  {
    name: "a repeated budget recipient",
    text: edit("emails: [aws-billing@example.com]", "emails: [aws-billing@example.com, aws-billing@example.com]"),
    problems: ['orgstrap:budget.emails[1]: "aws-billing@example.com" is listed twice'],
  },
  {
    name: "a repeated Security Hub standard",
    text: plus("  orgstrap:securityHub:\n    standards: [pci-dss/v/3.2.1, pci-dss/v/3.2.1]"),
    problems: ['orgstrap:securityHub.standards[1]: "pci-dss/v/3.2.1" is listed twice'],
  },
  {
    name: "a repeated GuardDuty feature",
    text: plus("  orgstrap:guardDuty:\n    features: [S3_DATA_EVENTS, S3_DATA_EVENTS]"),
    problems: ['orgstrap:guardDuty.features[1]: "S3_DATA_EVENTS" is listed twice'],
  },
  {
    name: "a repeated exempt role",
    text: edit("      - BreakGlassAdmin\n", "      - BreakGlassAdmin\n      - BreakGlassAdmin\n"),
    problems: ['orgstrap:guardrails.exemptRoleNames[2]: "BreakGlassAdmin" is listed twice'],
  },
  {
    name: "a repeated trusted service",
    text: plus("  orgstrap:organization:\n    extraTrustedServices: [inspector2.amazonaws.com, inspector2.amazonaws.com]"),
    problems: ['orgstrap:organization.extraTrustedServices[1]: "inspector2.amazonaws.com" is listed twice'],
  },

  // Guardrails and the other concerns.
  {
    name: "an unknown policy",
    text: edit("policy: deny-all", "policy: deny-everything"),
    problems: ['orgstrap:guardrails.attachments[7].policy: unknown policy "deny-everything"'],
  },
  {
    name: "an unknown target",
    text: edit("targets: [suspended]", "targets: [retired]"),
    problems: ['orgstrap:guardrails.attachments[7].targets[0]: unknown target "retired"'],
  },
  {
    name: "one policy twice on a target, across two entries",
    text: edit("        targets: [suspended]\n", "        targets: [suspended]\n      - policy: deny-all\n        targets: [suspended]\n"),
    problems: ['orgstrap:guardrails.attachments[8].targets[0]: "deny-all" is attached to "suspended" twice'],
  },
  {
    name: "alerts without an email",
    text: edit("  orgstrap:alerts:\n    email: aws-security-alerts@example.com\n", "  orgstrap:alerts:\n    cisAlarms: true\n"),
    problems: ["orgstrap:alerts.email: is required while alerts.enabled is true"],
  },
  {
    name: "a trail log retention CloudWatch does not offer",
    text: edit("    email: aws-security-alerts@example.com\n", "    email: aws-security-alerts@example.com\n    trailLogRetentionDays: 100\n"),
    problems: ["orgstrap:alerts.trailLogRetentionDays: 100 is not a CloudWatch Logs retention period"],
  },
  {
    name: "a budget without a limit",
    text: edit("    monthlyLimitUsd: 1000\n", ""),
    problems: ["orgstrap:budget.monthlyLimitUsd: is required while budget.enabled is true"],
  },
  {
    name: "a budget threshold of 0%",
    text: edit("thresholdsPercent: [80, 100]", "thresholdsPercent: [0, 100]"),
    problems: ["orgstrap:budget.thresholdsPercent[0]: 0 must be at least 1%"],
  },
  {
    name: "an Identity Center Region that is not one",
    text: edit(
      "      instanceArn: arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6\n",
      "      instanceArn: arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6\n      region: mars-1\n",
    ),
    problems: ['orgstrap:adminAccess.identityCenter.region: "mars-1" is not a known AWS Region'],
  },
  {
    name: "a session of a day",
    text: edit("sessionDuration: PT4H", "sessionDuration: PT24H"),
    problems: ['orgstrap:adminAccess.sessionDuration: "PT24H" must be PT1H to PT12H'],
  },
  {
    name: "a password shorter than CIS allows",
    text: edit("minimumLength: 14", "minimumLength: 8"),
    problems: ["orgstrap:baseline.passwordPolicy.minimumLength: 8 is below the CIS minimum of 14 characters"],
  },
  {
    name: "no security contact",
    text: DEV.replace(/ {4}securityContact:\n( {6}.*\n)+/, ""),
    problems: ["orgstrap:baseline.securityContact: is required while baseline.enabled is true"],
  },
  {
    name: "a security contact phone that is not one",
    text: edit('phone: "+1 555 0100"', "phone: call us"),
    problems: ['orgstrap:baseline.securityContact.phone: "call us" is not a phone number'],
  },
  {
    name: "an unknown GuardDuty feature",
    text: plus("  orgstrap:guardDuty:\n    features: [S3_DATA_EVENTS, EKS_RUNTIME]"),
    problems: ['orgstrap:guardDuty.features[1]: "EKS_RUNTIME" must be one of'],
  },
  {
    name: "a GuardDuty frequency AWS does not offer",
    text: plus("  orgstrap:guardDuty:\n    findingPublishingFrequency: DAILY"),
    problems: ['orgstrap:guardDuty.findingPublishingFrequency: "DAILY" must be one of'],
  },
  {
    name: "a KMS deletion window under 7 days",
    text: plus("  orgstrap:trail:\n    kmsKeyDeletionWindowDays: 3"),
    problems: ["orgstrap:trail.kmsKeyDeletionWindowDays: 3 "],
  },
  {
    name: "a trail name CloudTrail refuses",
    text: plus("  orgstrap:trail:\n    name: -trail"),
    problems: ['orgstrap:trail.name: "-trail" is not a valid trail name'],
  },
  {
    name: "an AWS Config snapshot frequency AWS does not offer",
    text: plus("  orgstrap:awsConfig:\n    snapshotDeliveryFrequency: Daily"),
    problems: ['orgstrap:awsConfig.snapshotDeliveryFrequency: "Daily" must be one of'],
  },
  {
    name: "AWS Config without the StackSet",
    text: edit("  orgstrap:futureAccounts:\n    organizationalUnits: [security-ou, workloads, sandbox]\n", "  orgstrap:futureAccounts:\n    enabled: false\n"),
    problems: ["orgstrap:futureAccounts.enabled: false while awsConfig.enabled is true"],
  },
  {
    name: "alerts with Security Hub off",
    text: plus("  orgstrap:securityHub:\n    enabled: off"),
    problems: ["orgstrap:alerts.enabled: true needs guardDuty.enabled and securityHub.enabled"],
  },
  {
    name: "a cost export bucket outside management",
    text: edit("bucketAccount: management", "bucketAccount: log-archive"),
    problems: ['orgstrap:costExport.bucketAccount: "log-archive" must be "management"'],
  },
  {
    name: "a trusted service that is not a service principal",
    text: plus("  orgstrap:organization:\n    extraTrustedServices: [inspector2]"),
    problems: ['orgstrap:organization.extraTrustedServices[0]: "inspector2" is not a service principal'],
  },
  {
    name: "an organization id that is not one",
    text: plus("  orgstrap:organization:\n    importId: org-1"),
    problems: ['orgstrap:organization.importId: "org-1" is not an organization id'],
  },
];

describe("orgstrap plan on one-defect stack files", function () {
  this.timeout(60_000);

  for (const [i, c] of CASES.entries()) {
    it(`rejects ${c.name}, naming the key, with nothing on stdout`, async () => {
      const file = path.join(DIR, `Pulumi.case-${i}.yaml`);
      fs.writeFileSync(file, c.text);
      // The program must never run in this process: the file is first proven invalid.
      expect(() => loadPlanConfig(resolveTarget({ config: file }))).to.throw(ConfigError);
      const run = await planInProcess(["--config", file]);
      expect(run.stdout).to.equal("");
      expect(run.stderr).not.to.match(/\n\s+at /);
      expect(run.code, run.stderr).to.equal(1);
      expect(run.stderr).to.match(new RegExp(`^Invalid stack config \\(Pulumi\\.case-${i}\\.yaml\\): ${c.problems.length} problems?\\n`));
      const lines = problemLines(run.stderr);
      expect(lines, run.stderr).to.have.length(c.problems.length);
      c.problems.forEach((p, j) => {
        if (typeof p === "string") expect(lines[j].startsWith(p), `${lines[j]}\n  should start with\n${p}`).to.equal(true);
        else expect(lines[j]).to.match(p);
      });
    });
  }
});

describe("orgstrap plan reads a stack file as Pulumi does (go-yaml v2, YAML 1.1)", () => {
  const read = (text: string) => {
    const file = path.join(DIR, "Pulumi.yaml11.yaml");
    fs.writeFileSync(file, text);
    return loadPlanConfig(resolveTarget({ config: file })).config;
  };

  it("reads yes/no/on/off/y/n as booleans, as `pulumi up` does", () => {
    const cfg = read(
      edit("      ou: nonprod\n", "      ou: nonprod\n      closeOnDeletion: yes\n").replace(
        "  orgstrap:alerts:\n",
        "  orgstrap:trail:\n    delegateToSecurity: n\n  orgstrap:alerts:\n    cisAlarms: off\n",
      ),
    );
    expect([cfg.accounts[3].closeOnDeletion, cfg.trail.delegateToSecurity, cfg.alerts?.cisAlarms]).to.deep.equal([true, false, false]);
  });

  it("merges << keys, reads 0-prefixed numbers as octal and 1_000 as 1000, and keeps dates and 1:20 as text", () => {
    const cfg = read(
      edit("  orgstrap:budget:\n    monthlyLimitUsd: 1000\n", "  orgstrap:budget:\n    <<: {monthlyLimitUsd: 1_000}\n").replace(
        "  orgstrap:futureAccounts:",
        "  orgstrap:trail:\n    expireAfterDays: 0400\n  orgstrap:futureAccounts:",
      ),
    );
    expect([cfg.budget?.monthlyLimitUsd, cfg.trail.expireAfterDays]).to.deep.equal([1000, 256]);
    // go-yaml v2 gives an untyped value a timestamp as text: a date where text is expected is text.
    const dated = read(edit("name: Dev App", "name: 2024-01-02"));
    expect(dated.accounts[3].name).to.equal("2024-01-02");
  });

  it("merges two attachment entries of one policy into one (one policy resource per policy)", () => {
    const cfg = read(edit("        targets: [suspended]\n", "        targets: [suspended]\n      - policy: deny-all\n        targets: [sandbox]\n"));
    expect(cfg.guardrails.attachments.filter((a) => a.policy === "deny-all")).to.deep.equal([
      { policy: "deny-all", kind: "scp", targets: ["suspended", "sandbox"] },
    ]);
  });
});

describe("orgstrap plan: bad usage is exit 2, with no stack trace and nothing written", function () {
  this.timeout(60_000);

  const usage = async (args: string[], message: string | RegExp) => {
    const run = await planInProcess(args);
    expect(run.code, run.stderr).to.equal(2);
    expect(run.stdout).to.equal("");
    expect(run.stderr).not.to.match(/\n\s+at /);
    if (typeof message === "string") expect(run.stderr).to.include(message);
    else expect(run.stderr).to.match(message);
  };

  it("a --config file that does not exist", () =>
    usage(["--config", path.join(DIR, "Pulumi.missing.yaml")], `error: --config: no stack file ${path.join(DIR, "Pulumi.missing.yaml")}`));
  it("a --config that is a folder", () => usage(["--config", DIR], `error: --config: ${DIR} is not a file`));
  it("a --stack with no stack file", () => usage(["--stack", "nosuch"], /error: --stack nosuch: no stack file .*Pulumi\.nosuch\.yaml/));
  it("a --stack name with a path in it", () =>
    usage(["--stack", "../dev"], `error: --stack "../dev": a stack name uses only letters, digits, '-', '_' and '.'`));

  it("an --out that is a file", async () => {
    const file = path.join(DIR, "not-a-folder");
    fs.writeFileSync(file, "x");
    await usage(["--config", EXAMPLE_STACK_FILE, "--out", file], `error: --out ${file}: exists and is not a folder`);
  });

  it("an --out under a file", async () => {
    const file = path.join(DIR, "a-file");
    fs.writeFileSync(file, "x");
    await usage(
      ["--config", EXAMPLE_STACK_FILE, "--out", path.join(file, "plans")],
      `error: --out ${path.join(file, "plans")}: cannot be created: ${file} is not a folder`,
    );
  });

  it("an --out folder whose plan.json is a symbolic link out of it: refused, and the link's target is untouched", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-out-"));
    const outside = path.join(DIR, "outside.json");
    fs.writeFileSync(outside, "keep");
    fs.symlinkSync(outside, path.join(out, "plan.json"));
    await usage(
      ["--config", EXAMPLE_STACK_FILE, "--out", out],
      `error: --out ${out}: plan.json is a symbolic link; orgstrap plan does not write through links: remove it`,
    );
    expect(fs.readFileSync(outside, "utf8")).to.equal("keep");
  });

  it("never writes through a link placed after the checks (O_NOFOLLOW)", async () => {
    const { writeInside } = await import("../../cli/paths");
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-out-"));
    const outside = path.join(DIR, "outside-2.json");
    fs.writeFileSync(outside, "keep");
    fs.symlinkSync(outside, path.join(out, "plan.md"));
    expect(() => writeInside(out, "plan.md", "plan")).to.throw(/ELOOP/);
    expect(fs.readFileSync(outside, "utf8")).to.equal("keep");
    writeInside(out, "plan.json", "{}");
    expect(fs.readFileSync(path.join(out, "plan.json"), "utf8")).to.equal("{}");
  });
});

describe("orgstrap plan on a bad stack file, as a real subprocess", function () {
  this.timeout(120_000);

  it("exits 1 with the problems on stderr, nothing on stdout, no stack trace; a missing file exits 2", () => {
    const file = path.join(DIR, "Pulumi.sub.yaml");
    fs.writeFileSync(file, edit("aws:region: us-east-1", "aws:region: [us-east-1]").replace("orgstrap:namePrefix: example", "orgstrap:namePrefix: xn--corp"));
    const bad = orgstrapProcess("plan", "--config", file);
    expect([bad.status, bad.stdout]).to.deep.equal([1, ""]);
    expect(bad.stderr).to.match(
      /^Invalid stack config \(Pulumi\.sub\.yaml\): 2 problems\n {2}- aws:region: \["us-east-1"\] is a list; .*\n {2}- orgstrap:namePrefix: "xn--corp" starts with a prefix S3 reserves/,
    );
    const missing = orgstrapProcess("plan", "--config", path.join(DIR, "Pulumi.none.yaml"));
    expect([missing.status, missing.stdout]).to.deep.equal([2, ""]);
    expect(missing.stderr)
      .to.include("error: --config: no stack file")
      .and.not.match(/\n\s+at /);
  });
});

describe("orgstrap review --config on a bad stack file, and its bad usage", function () {
  this.timeout(60_000);

  it("exits 1 naming the key of a YAML error, with nothing on stdout", async () => {
    const file = path.join(DIR, "Pulumi.review-bad.yaml");
    fs.writeFileSync(file, edit("    email: aws-security-alerts@example.com\n", "    email: aws-security-alerts@example.com\n    email: other@example.com\n"));
    const run = await orgstrapInProcess("review", "--config", file);
    expect([run.status, run.stdout]).to.deep.equal([1, ""]);
    expect(run.stderr).to.match(/^Invalid stack config \(Pulumi\.review-bad\.yaml\): 1 problem\n {2}- orgstrap:alerts\.email: is given twice \(line \d+\)/);
  });

  it("exits 2 on a --config folder and a --stack name with a path in it, without a stack trace", async () => {
    const folder = await orgstrapInProcess("review", "--config", DIR);
    expect([folder.status, folder.stdout]).to.deep.equal([2, ""]);
    expect(folder.stderr)
      .to.include(`error: --config: ${DIR} is not a file`)
      .and.not.match(/\n\s+at /);
    const name = await orgstrapInProcess("review", "--stack", "../dev");
    expect([name.status, name.stdout]).to.deep.equal([2, ""]);
    expect(name.stderr).to.include(`error: --stack "../dev": a stack name uses only letters, digits, '-', '_' and '.'`);
  });
});
