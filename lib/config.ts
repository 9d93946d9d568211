// Typed, validated stack config: the single source of truth for the program, `orgstrap plan` and `orgstrap review --stack`.
import { z } from "zod";
import { CatalogPolicy, PolicyKind, PolicyParameters, renderPolicy } from "./policies";
import { KNOWN_REGIONS } from "./regions";
import { AdoptionConfig, adoptionProblems, adoptionSchema, OTHER_POLICY_TYPES } from "./adoption";

/** The Pulumi project name: config keys are `orgstrap:<key>`. */
export const PROJECT = "orgstrap";

/** Service principals given trusted access to the organization by default. */
export const DEFAULT_TRUSTED_SERVICES: readonly string[] = [
  "account.amazonaws.com", // Account Management: alternate contacts in member accounts
  "cloudtrail.amazonaws.com", // the organization trail
  "config.amazonaws.com", // AWS Config in member accounts
  "config-multiaccountsetup.amazonaws.com", // Config rules and conformance packs across the org
  "guardduty.amazonaws.com",
  "securityhub.amazonaws.com",
  "access-analyzer.amazonaws.com",
  "iam.amazonaws.com", // centralized root access management
  "sso.amazonaws.com", // IAM Identity Center
  "member.org.stacksets.cloudformation.amazonaws.com", // service-managed StackSets for future accounts
  "malware-protection.guardduty.amazonaws.com", // GuardDuty Malware Protection for EC2 across the org
];

/** GuardDuty protection plans enabled for every member by default. */
export const DEFAULT_GUARDDUTY_FEATURES: readonly string[] = [
  "S3_DATA_EVENTS",
  "EKS_AUDIT_LOGS",
  "EBS_MALWARE_PROTECTION",
  "RDS_LOGIN_EVENTS",
  "LAMBDA_NETWORK_LOGS",
  "RUNTIME_MONITORING",
];

/** Security Hub standards enabled by the central configuration policy by default. */
export const DEFAULT_SECURITY_HUB_STANDARDS: readonly string[] = [
  "aws-foundational-security-best-practices/v/1.0.0",
  "cis-aws-foundations-benchmark/v/3.0.0",
];

/** The special attachment target naming the organization root. */
export const ROOT_TARGET = "root";

const KEY_RULE = /^[a-z][a-zA-Z0-9-]{0,62}$/;
// AWS CreateAccount: Email 6-64 characters matching [^\s@]+@[^\s@]+\.[^\s@]+
const EMAIL_RULE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACCOUNT_ID_RULE = /^\d{12}$/;

const key = z.string().regex(KEY_RULE, "must start with a lowercase letter and use only letters, digits and '-' (at most 63)");

const organizationalUnitSchema = z.strictObject({
  key,
  /** The OU name shown in the console (CreateOrganizationalUnit: 1-128 characters). */
  name: z.string().min(1, "must not be empty").max(128, "is longer than AWS's 128-character limit for OU names"),
  parent: z.string().optional(),
  /** Adopt an existing OU by id instead of creating one. */
  importId: z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, "is not an OU id (ou-xxxx-xxxxxxxx)").optional(),
});

const accountSchema = z.strictObject({
  key,
  // CreateAccount AccountName: 1-50 printable ASCII characters.
  name: z
    .string()
    .min(1, "must not be empty")
    .max(50, "is longer than AWS's 50-character limit for account names")
    .regex(/^[\u0020-\u007E]+$/, "must use printable ASCII characters only"),
  email: z
    .string()
    .regex(EMAIL_RULE, { message: "is not an email address", abort: true })
    .min(6, "is shorter than AWS's 6-character minimum for account emails")
    .max(64, "is longer than AWS's 64-character limit for account emails"),
  ou: z.string(),
  role: z.enum(["security", "log-archive", "workload"]).default("workload"),
  /** Close the AWS account when it is removed from config and `pulumi up` deletes it. Defaults to `false`. */
  closeOnDeletion: z.boolean().default(false),
  /** The role Organizations creates in the new account, assumed by orgstrap's provider. */
  accessRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, "is not an IAM role name").default("OrganizationAccountAccessRole"),
  iamUserAccessToBilling: z.enum(["ALLOW", "DENY"]).default("ALLOW"),
  /** Adopt an existing member account by id instead of creating one. */
  importId: z.string().regex(ACCOUNT_ID_RULE, "is not a 12-digit account id").optional(),
});

const attachmentSchema = z.strictObject({
  policy: z.string(),
  targets: z.array(z.string()).min(1, "must name at least one target (root, an OU key or an account key)"),
});

const guardrailsSchema = z.strictObject({
  limits: z
    .strictObject({
      /** Policies of one type attached directly to a target, FullAWSAccess included. AWS default: 5. */
      policiesPerTarget: z.number().int().min(1).default(5),
      /** Minified size of one policy. AWS default: 5,120 characters. */
      policySizeChars: z.number().int().min(1).default(5120),
    })
    .prefault({}),
  /** Role names exempt from the deny guardrails that carry an exemption (the deployer and break-glass roles). */
  exemptRoleNames: z.array(z.string().regex(/^[\w+=,.@*-]{1,64}$/, "is not an IAM role name")).default(["OrganizationAccountAccessRole"]),
  attachments: z.array(attachmentSchema).default([]),
});

const trailSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][\w.-]{2,127}$/, "is not a valid trail name (3-128 letters, digits, '.', '_' or '-')").default("organization-trail"),
  /** Days the KMS key waits before deletion if it is ever scheduled for deletion. */
  kmsKeyDeletionWindowDays: z.number().int().min(7).max(30).default(30),
  /** Object Lock default retention (GOVERNANCE mode) of every log object, in days. */
  objectLockRetentionDays: z.number().int().min(1).max(36500).default(365),
  /** Days after which log objects move to Glacier Instant Retrieval. */
  transitionToGlacierDays: z.number().int().min(1).default(90),
  /** Days after which log objects expire; 0 keeps them forever. */
  expireAfterDays: z.number().int().min(0).default(0),
  /** Register the Security account as CloudTrail delegated administrator (it can then view and manage the org trail). */
  delegateToSecurity: z.boolean().default(true),
});

const guardDutySchema = z.strictObject({
  enabled: z.boolean().default(true),
  features: z.array(z.enum([...DEFAULT_GUARDDUTY_FEATURES] as [string, ...string[]])).default([...DEFAULT_GUARDDUTY_FEATURES]),
  findingPublishingFrequency: z.enum(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"]).default("FIFTEEN_MINUTES"),
});

const securityHubSchema = z.strictObject({
  enabled: z.boolean().default(true),
  standards: z.array(z.string().regex(/^[a-z0-9-]+\/v\/[\d.]+$/, "is not a standard id such as cis-aws-foundations-benchmark/v/3.0.0")).default([...DEFAULT_SECURITY_HUB_STANDARDS]),
});

// Account security baseline (issue 4): AWS Config, IAM Access Analyzer, account settings, root access, future accounts.

/** The role service-managed StackSets create in each target account and act through. */
export const STACKSET_EXECUTION_ROLE = "stacksets-exec-*";

/** The account that runs `pulumi up`; usable where config names accounts by key. */
export const MANAGEMENT_ACCOUNT = "management";

const awsConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * Accounts (keys, or "management") that already have a customer-managed configuration recorder. AWS allows one per
   * account and Region, so orgstrap creates none there (they are excluded from the StackSet) and leaves theirs alone.
   */
  existingRecorderAccounts: z.array(z.string()).default([]),
  /** How often each recorder delivers a configuration snapshot to the Config bucket. */
  snapshotDeliveryFrequency: z.enum(["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"]).default("TwentyFour_Hours"),
  /** Days after which delivered Config objects expire; 0 keeps them forever. */
  expireAfterDays: z.number().int().min(0).default(0),
});

const accessAnalyzerSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Days without use after which the unused-access analyzer reports a permission, role, user or key (AWS: 1-365). */
  unusedAccessAgeDays: z.number().int().min(1, "must be at least 1 day (AWS allows 1-365)").max(365, "is more than AWS's 365-day maximum").default(90),
});

const passwordPolicySchema = z.strictObject({
  // CIS AWS Foundations Benchmark 3.0, 1.8: minimum length 14 or more.
  minimumLength: z.number().int().min(14, "is below the CIS minimum of 14 characters").max(128, "is more than IAM's 128-character maximum").default(14),
  // CIS 1.9: prevent password reuse (IAM remembers 1-24 previous passwords).
  reusePrevention: z.number().int().min(1, "must remember at least 1 previous password (CIS 1.9)").max(24, "is more than IAM's maximum of 24 remembered passwords").default(24),
  /** Days before a password expires; 0 means passwords never expire (IAM allows 1-1095). */
  maxAgeDays: z.number().int().min(0).max(1095, "is more than IAM's 1095-day maximum").default(90),
});

const contactSchema = z.strictObject({
  name: z.string().min(1, "must not be empty").max(64, "is longer than AWS's 64-character limit"),
  title: z.string().min(1, "must not be empty").max(50, "is longer than AWS's 50-character limit"),
  email: z.string().regex(EMAIL_RULE, "is not an email address").max(254, "is longer than AWS's 254-character limit"),
  phone: z.string().regex(/^[\s0-9()+-]{1,25}$/, "is not a phone number (digits, spaces, +, -, parentheses; at most 25)"),
});

const baselineSchema = z.strictObject({
  enabled: z.boolean().default(true),
  passwordPolicy: passwordPolicySchema.prefault({}),
  /** The SECURITY alternate contact of every account (CIS 1.2). Required while the baseline is enabled. */
  securityContact: contactSchema.optional(),
});

const rootAccessSchema = z.strictObject({
  enabled: z.boolean().default(true),
});

const futureAccountsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** OU keys whose accounts, present and future, receive the baseline StackSet. Defaults to every top-level OU. */
  organizationalUnits: z.array(z.string()).min(1, "must name at least one OU key").optional(),
});

// Admin access, alerts and cost (issue 4: items 5-7).

// Identity Center ids: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html (instance ARN)
// and https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Group.html (GroupId pattern).
const IDENTITY_STORE_GROUP_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const groupId = z.string().regex(IDENTITY_STORE_GROUP_ID, "is not an Identity Store group id (e.g. 90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d)");

const identityCenterSchema = z.strictObject({
  /** The Identity Center instance, in the management account (or its delegated admin). */
  instanceArn: z.string().regex(/^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, "is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-xxxxxxxxxxxxxxxx)"),
  /** The Region the instance lives in; defaults to aws:region. */
  region: z.string().optional(),
  /** Identity Store group ids assigned to every account in config with the three permission sets. */
  groups: z.strictObject({ admins: groupId, readOnly: groupId, securityAudit: groupId }),
});

const adminAccessSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Permission set session length, ISO 8601 (PT1H-PT12H). */
  sessionDuration: z.string().regex(/^PT([1-9]|1[0-2])H$/, "must be PT1H to PT12H (an ISO 8601 duration of 1-12 hours)").default("PT4H"),
  /** Use these Identity Center groups; without it, an IAM admin group with MFA enforced is created in the management account. */
  identityCenter: identityCenterSchema.optional(),
});

// The retention periods CloudWatch Logs accepts: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const alertsSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Who receives root-activity and high-severity GuardDuty alerts. Required while alerts are enabled. */
  email: z.string().regex(EMAIL_RULE, "is not an email address").optional(),
  /** CIS 4.1-4.15: the organization trail also delivers to CloudWatch Logs, with one metric filter and alarm per recommendation. */
  cisAlarms: z.boolean().default(true),
  /** How long CloudWatch Logs keeps the trail's events for the alarms (the S3 archive keeps them for good). */
  trailLogRetentionDays: z
    .number()
    .int()
    .refine((d) => LOG_RETENTION_DAYS.includes(d), { message: `is not a CloudWatch Logs retention period; use one of ${LOG_RETENTION_DAYS.join(", ")}` })
    .default(365),
});

const budgetSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Monthly cost budget of the whole organization (management account, consolidated billing), in USD. */
  monthlyLimitUsd: z.number().positive("must be more than 0").optional(),
  /** Percentages of the limit that send an email (actual spend), plus a forecast alert at 100%. */
  thresholdsPercent: z.array(z.number().int().min(1, "must be at least 1%").max(1000, "must be at most 1000%")).min(1, "must list at least one percentage").default([80, 100]),
  /** Recipients of budget alerts (AWS Budgets allows at most 10 email subscribers per notification). */
  emails: z.array(z.string().regex(EMAIL_RULE, "is not an email address")).min(1, "must list at least one email").max(10, "lists more than AWS Budgets' 10 email subscribers per notification").optional(),
});

const costExportSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * Where the CUR 2.0 bucket lives. Only "management": AWS requires the exporting account (the management account, which
   * sees the organization's costs) to own the bucket, and @pulumi/aws 7.48's bcmdata.Export has no bucket-owner input.
   */
  bucketAccount: z
    .enum(["management"], {
      error: 'must be "management": Data Exports delivers to a bucket the exporting (management) account owns; @pulumi/aws 7.48 cannot name another bucket owner',
    })
    .default("management"),
  /** Days after which export files expire; 0 keeps them forever. */
  expireAfterDays: z.number().int().min(0).default(0),
});

const organizationSchema = z.strictObject({
  /** Keep `pulumi destroy` from deleting the organization. Defaults to `true`. */
  protect: z.boolean().default(true),
  /** Service principals given trusted access in addition to orgstrap's defaults. */
  extraTrustedServices: z.array(z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, "is not a service principal")).default([]),
  /** Adopt the existing organization with this id instead of creating one. */
  importId: z.string().regex(/^o-[a-z0-9]{10,32}$/, "is not an organization id (o-xxxxxxxxxx)").optional(),
  /** Policy types kept enabled beside SCPs and RCPs (an adopted organization's tag or backup policies). */
  extraPolicyTypes: z.array(z.enum(OTHER_POLICY_TYPES)).default([]),
});

/** Every orgstrap config key with its schema; a key not listed here is reported as unknown. */
const stackSchema = z.strictObject({
  namePrefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,20}$/, "must be 2-21 lowercase letters, digits or '-' (it prefixes S3 bucket names)")
    .default("orgstrap"),
  partition: z.enum(["aws"]).default("aws"),
  governedRegions: z.array(z.string()).optional(),
  organization: organizationSchema.prefault({}),
  organizationalUnits: z.array(organizationalUnitSchema).min(1, "must define at least one OU"),
  accounts: z.array(accountSchema).min(1, "must define at least the security and log-archive accounts"),
  guardrails: guardrailsSchema.prefault({}),
  trail: trailSchema.prefault({}),
  guardDuty: guardDutySchema.prefault({}),
  securityHub: securityHubSchema.prefault({}),
  awsConfig: awsConfigSchema.prefault({}),
  accessAnalyzer: accessAnalyzerSchema.prefault({}),
  baseline: baselineSchema.prefault({}),
  rootAccess: rootAccessSchema.prefault({}),
  futureAccounts: futureAccountsSchema.prefault({}),
  adminAccess: adminAccessSchema.prefault({}),
  alerts: alertsSchema.prefault({}),
  budget: budgetSchema.prefault({}),
  costExport: costExportSchema.prefault({}),
  /** Live values of an adopted organization and the step its next `pulumi up` runs (lib/adoption.ts, docs/adopting.md). */
  adoption: adoptionSchema.optional(),
});

type StackInput = z.output<typeof stackSchema>;
export type OrganizationalUnitConfig = z.output<typeof organizationalUnitSchema>;
export type AccountConfig = z.output<typeof accountSchema>;

/** A resolved guardrail attachment: one policy on its targets. */
export interface AttachmentConfig {
  readonly policy: string;
  readonly kind: PolicyKind;
  /** `root`, OU keys and account keys. */
  readonly targets: readonly string[];
}

/** The validated configuration of one stack. */
export interface OrgConfig {
  readonly namePrefix: string;
  readonly partition: string;
  /** `aws:region`: where the management-account resources and the trail live. */
  readonly homeRegion: string;
  /** Regions where GuardDuty, Security Hub and Config are governed; the home Region comes first. */
  readonly governedRegions: readonly string[];
  readonly organization: z.output<typeof organizationSchema> & { readonly trustedServices: readonly string[] };
  /** OUs in creation order: every parent before its children. */
  readonly organizationalUnits: readonly OrganizationalUnitConfig[];
  readonly accounts: readonly AccountConfig[];
  readonly securityAccountKey: string;
  readonly logArchiveAccountKey: string;
  readonly guardrails: {
    readonly limits: StackInput["guardrails"]["limits"];
    readonly exemptPrincipalArns: readonly string[];
    readonly attachments: readonly AttachmentConfig[];
    /** Values rendered into the policy templates. */
    readonly parameters: PolicyParameters;
  };
  readonly trail: StackInput["trail"];
  readonly guardDuty: StackInput["guardDuty"];
  readonly securityHub: StackInput["securityHub"];
  readonly awsConfig: StackInput["awsConfig"];
  readonly accessAnalyzer: StackInput["accessAnalyzer"];
  readonly baseline: StackInput["baseline"];
  readonly rootAccess: StackInput["rootAccess"];
  /** The OU keys the baseline StackSet targets, resolved (top-level OUs when config names none). */
  readonly futureAccounts: { readonly enabled: boolean; readonly organizationalUnits: readonly string[] };
  /** Identity Center permission sets, or the MFA-enforced IAM admin group (identityCenter absent). */
  readonly adminAccess: StackInput["adminAccess"];
  readonly alerts: StackInput["alerts"];
  readonly budget: StackInput["budget"];
  readonly costExport: StackInput["costExport"];
  readonly adoption?: AdoptionConfig;
}

/** Every problem found in a stack's config; the message lists them all. */
export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Invalid stack config (${source}): ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` +
        problems.map((p) => `  - ${p}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Raw config as Pulumi holds it: `orgstrap:key` / `aws:region` to a value (JSON text or already parsed). */
export type RawConfig = Readonly<Record<string, unknown>>;

/**
 * Validates a stack's raw config against the schema, the cross-references between OUs, accounts and
 * guardrails, and AWS's limits. Throws one {@link ConfigError} listing every problem.
 */
export function parseOrgConfig(raw: RawConfig, catalog: readonly CatalogPolicy[], source = "stack config"): OrgConfig {
  const problems: string[] = [];
  const own: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw)) {
    const [ns, name] = splitKey(fullKey);
    if (ns === PROJECT) own[name] = decode(value);
  }
  const homeRegion = decode(raw["aws:region"]);
  if (typeof homeRegion !== "string" || homeRegion === "") {
    problems.push(`aws:region: is not set; set it to the management account's home Region, e.g. us-east-1`);
  }

  const parsed = stackSchema.safeParse(own);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(describeIssue(issue, own));
  // Cross-references are still checked on what did parse, so one run reports every problem.
  const input = parsed.success ? parsed.data : bestEffort(own);
  const region = typeof homeRegion === "string" ? homeRegion : "";

  // Regions
  const governedRegions = input.governedRegions ?? (region ? [region] : []);
  const seenRegions = new Set<string>();
  governedRegions.forEach((r, i) => {
    if (!KNOWN_REGIONS.includes(r)) problems.push(`${PROJECT}:governedRegions[${i}]: ${JSON.stringify(r)} is not a known AWS Region`);
    else if (seenRegions.has(r)) problems.push(`${PROJECT}:governedRegions[${i}]: ${JSON.stringify(r)} is listed twice`);
    seenRegions.add(r);
  });
  if (region && !KNOWN_REGIONS.includes(region)) problems.push(`aws:region: ${JSON.stringify(region)} is not a known AWS Region`);
  else if (region && input.governedRegions && !governedRegions.includes(region)) {
    problems.push(`${PROJECT}:governedRegions: must include the home Region aws:region (${JSON.stringify(region)}), where the trail and the management-account resources live`);
  }

  // OUs: unique keys and names under one parent, parents exist, no cycles, depth <= 5 (SCP limit).
  const ouByKey = new Map<string, OrganizationalUnitConfig>();
  input.organizationalUnits.forEach((ou, i) => {
    if (!ou.key) return;
    if (ouByKey.has(ou.key)) problems.push(`${PROJECT}:organizationalUnits[${i}].key: ${JSON.stringify(ou.key)} is used by another OU; OU keys must be unique`);
    else ouByKey.set(ou.key, ou);
  });
  const ouKeys = [...ouByKey.keys()];
  input.organizationalUnits.forEach((ou, i) => {
    if (ou.parent && ou.parent !== ROOT_TARGET && !ouByKey.has(ou.parent)) {
      problems.push(`${PROJECT}:organizationalUnits[${i}].parent: unknown OU key ${JSON.stringify(ou.parent)}; known keys: ${ouKeys.join(", ")}`);
    }
  });
  const siblings = new Set<string>();
  input.organizationalUnits.forEach((ou, i) => {
    const id = `${ou.parent ?? ROOT_TARGET}/${ou.name.toLowerCase()}`;
    if (ou.name && siblings.has(id)) problems.push(`${PROJECT}:organizationalUnits[${i}].name: ${JSON.stringify(ou.name)} is used by another OU under the same parent`);
    siblings.add(id);
  });
  const depthOf = new Map<string, number>();
  const ordered: OrganizationalUnitConfig[] = [];
  const visit = (ou: OrganizationalUnitConfig, trail: string[]): number => {
    const known = depthOf.get(ou.key);
    if (known !== undefined) return known;
    if (trail.includes(ou.key)) return -1;
    const parent = ou.parent && ou.parent !== ROOT_TARGET ? ouByKey.get(ou.parent) : undefined;
    const parentDepth = parent ? visit(parent, [...trail, ou.key]) : 0;
    if (parentDepth < 0) return -1;
    depthOf.set(ou.key, parentDepth + 1);
    ordered.push(ou);
    return parentDepth + 1;
  };
  input.organizationalUnits.forEach((ou, i) => {
    if (!ou.key) return;
    const depth = visit(ou, []);
    if (depth < 0 && !problems.some((p) => p.includes("forms a cycle"))) {
      problems.push(`${PROJECT}:organizationalUnits[${i}].parent: OU ${JSON.stringify(ou.key)} forms a cycle of parents`);
    } else if (depth > 5) {
      problems.push(`${PROJECT}:organizationalUnits[${i}]: OU ${JSON.stringify(ou.key)} is nested ${depth} levels deep; AWS allows at most 5 under the root`);
    }
  });

  // Accounts: unique keys, names, emails; known OU; exactly one security and one log-archive account.
  const accountKeys = new Set<string>();
  const names = new Map<string, number>();
  const emails = new Map<string, number>();
  input.accounts.forEach((a, i) => {
    const at = `${PROJECT}:accounts[${i}]`;
    if (a.key && (accountKeys.has(a.key) || ouByKey.has(a.key) || a.key === ROOT_TARGET)) {
      problems.push(`${at}.key: ${JSON.stringify(a.key)} is already used by another account, an OU or "root"; keys must be unique`);
    }
    accountKeys.add(a.key);
    const name = a.name.toLowerCase();
    if (!name) {
      // reported by the schema
    } else if (names.has(name)) problems.push(`${at}.name: ${JSON.stringify(a.name)} duplicates accounts[${names.get(name)}].name`);
    else names.set(name, i);
    const email = a.email.toLowerCase();
    if (!email) {
      // reported by the schema
    } else if (emails.has(email)) problems.push(`${at}.email: ${JSON.stringify(a.email)} duplicates accounts[${emails.get(email)}].email; every AWS account needs its own email`);
    else emails.set(email, i);
    if (a.ou && !ouByKey.has(a.ou)) problems.push(`${at}.ou: unknown OU key ${JSON.stringify(a.ou)}; known keys: ${ouKeys.join(", ")}`);
  });
  const withRole = (role: AccountConfig["role"]) => input.accounts.filter((a) => a.role === role);
  for (const role of ["security", "log-archive"] as const) {
    const found = withRole(role);
    if (found.length === 0) problems.push(`${PROJECT}:accounts: no account has role: ${role}; exactly one is required`);
    if (found.length > 1) problems.push(`${PROJECT}:accounts: ${found.length} accounts have role: ${role} (${found.map((a) => a.key).join(", ")}); exactly one is allowed`);
  }

  // Guardrails: known policies and targets, per-target limits counting FullAWSAccess, rendered size.
  const parameters: PolicyParameters = {
    AllowedRegions: [...governedRegions],
    ExemptPrincipalArns: [
      ...input.guardrails.exemptRoleNames,
      // orgstrap's own baseline StackSet works in member accounts through the service-managed execution role, which
      // SCPs do apply to: without it, protect-security-services would deny every member its Config recorder.
      // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-custom-execution-role.html
      ...(input.awsConfig.enabled && input.futureAccounts.enabled ? [STACKSET_EXECUTION_ROLE] : []),
    ].map((n) => `arn:${input.partition}:iam::*:role/${n}`),
    LogArchiveBucketPrefix: `${input.namePrefix}-log-archive-`,
  };
  const policyByName = new Map(catalog.map((p) => [p.name, p]));
  const targetNames = new Set([ROOT_TARGET, ...ouKeys, ...accountKeys]);
  const attachments: AttachmentConfig[] = [];
  const perTarget = new Map<string, Map<PolicyKind, string[]>>();
  input.guardrails.attachments.forEach((att, i) => {
    const at = `${PROJECT}:guardrails.attachments[${i}]`;
    const policy = policyByName.get(att.policy);
    if (!att.policy) return;
    if (!policy) {
      problems.push(`${at}.policy: unknown policy ${JSON.stringify(att.policy)}; policies/ has: ${[...policyByName.keys()].sort().join(", ")}`);
      return;
    }
    att.targets.forEach((t, j) => {
      if (!t) return;
      if (!targetNames.has(t)) {
        problems.push(`${at}.targets[${j}]: unknown target ${JSON.stringify(t)}; use "root", an OU key (${ouKeys.join(", ")}) or an account key`);
        return;
      }
      const kinds = perTarget.get(t) ?? new Map<PolicyKind, string[]>();
      const list = kinds.get(policy.kind) ?? [];
      if (list.includes(policy.name)) problems.push(`${at}.targets[${j}]: ${JSON.stringify(policy.name)} is attached to ${JSON.stringify(t)} twice`);
      list.push(policy.name);
      kinds.set(policy.kind, list);
      perTarget.set(t, kinds);
    });
    attachments.push({ policy: policy.name, kind: policy.kind, targets: [...new Set(att.targets)] });
  });
  const limit = input.guardrails.limits.policiesPerTarget;
  for (const [target, kinds] of perTarget) {
    for (const [kind, list] of kinds) {
      // AWS attaches FullAWSAccess / RCPFullAWSAccess to every target, and it counts toward the quota.
      const total = list.length + 1;
      if (total > limit) {
        const managed = kind === "scp" ? "FullAWSAccess" : "RCPFullAWSAccess";
        problems.push(
          `${PROJECT}:guardrails.attachments: target ${JSON.stringify(target)} would have ${total} ${kind.toUpperCase()}s (${[managed, ...list].join(", ")}); ` +
            `the limit is ${limit} per target (guardrails.limits.policiesPerTarget), ${managed} included`,
        );
      }
    }
  }
  for (const policy of catalog) {
    if (!attachments.some((a) => a.policy === policy.name)) continue;
    try {
      const size = renderPolicy(policy, parameters).length;
      if (size > input.guardrails.limits.policySizeChars) {
        problems.push(
          `${PROJECT}:guardrails: policy ${JSON.stringify(policy.name)} renders to ${size} characters minified; ` +
            `the limit is ${input.guardrails.limits.policySizeChars} (guardrails.limits.policySizeChars)`,
        );
      }
    } catch (err) {
      problems.push(`${PROJECT}:guardrails: policy ${JSON.stringify(policy.name)} cannot be rendered: ${(err as Error).message}`);
    }
  }

  // orgstrap deploys into each member account through its access role: the guardrails that exempt the deployer must
  // exempt that role, or the first `pulumi up` after attaching them denies orgstrap its own changes.
  const exempting = catalog.filter((p) => p.parameters.includes("ExemptPrincipalArns") && attachments.some((a) => a.policy === p.name)).map((p) => p.name);
  if (exempting.length > 0) {
    input.accounts.forEach((a, i) => {
      if (input.guardrails.exemptRoleNames.includes(a.accessRoleName)) return;
      problems.push(
        `${PROJECT}:accounts[${i}].accessRoleName: ${JSON.stringify(a.accessRoleName)} is the role orgstrap deploys through, but guardrails.exemptRoleNames does not list it; ` +
          `the attached ${exempting.join(", ")} would deny orgstrap its own changes in account ${JSON.stringify(a.key)}: add it to guardrails.exemptRoleNames`,
      );
    });
  }

  // Account baseline (issue 4): the keys that name accounts and OUs, and the rules that tie the new concerns together.
  const futureOus = input.futureAccounts.organizationalUnits ?? ordered.filter((ou) => !ou.parent || ou.parent === ROOT_TARGET).map((ou) => ou.key);
  const seenFutureOus = new Set<string>();
  (input.futureAccounts.organizationalUnits ?? []).forEach((k, i) => {
    const at = `${PROJECT}:futureAccounts.organizationalUnits[${i}]`;
    if (!ouByKey.has(k)) problems.push(`${at}: unknown OU key ${JSON.stringify(k)}; known keys: ${ouKeys.join(", ")}`);
    else if (seenFutureOus.has(k)) problems.push(`${at}: ${JSON.stringify(k)} is listed twice`);
    seenFutureOus.add(k);
  });
  input.accounts.forEach((a, i) => {
    if (a.key === MANAGEMENT_ACCOUNT) problems.push(`${PROJECT}:accounts[${i}].key: ${JSON.stringify(a.key)} is reserved for the management account (the one running pulumi up); choose another key`);
  });
  const existingRecorders = new Set<string>();
  input.awsConfig.existingRecorderAccounts.forEach((k, i) => {
    const at = `${PROJECT}:awsConfig.existingRecorderAccounts[${i}]`;
    if (k !== MANAGEMENT_ACCOUNT && !accountKeys.has(k)) {
      problems.push(`${at}: unknown account ${JSON.stringify(k)}; use "${MANAGEMENT_ACCOUNT}" or an account key (${[...accountKeys].join(", ")})`);
    } else if (existingRecorders.has(k)) problems.push(`${at}: ${JSON.stringify(k)} is listed twice`);
    existingRecorders.add(k);
  });
  if (input.awsConfig.enabled) {
    if (!input.futureAccounts.enabled) {
      problems.push(
        `${PROJECT}:futureAccounts.enabled: false while awsConfig.enabled is true; member accounts get their AWS Config recorder only from the futureAccounts StackSet, so enable it or disable awsConfig`,
      );
    } else {
      // Accounts outside the StackSet's OUs would hold no recorder: AWS Config would not record them.
      const covered = (ouKey: string): boolean => {
        for (let k: string | undefined = ouKey, hops = 0; k && k !== ROOT_TARGET && hops < 10; k = ouByKey.get(k)?.parent, hops++) {
          if (futureOus.includes(k)) return true;
        }
        return false;
      };
      input.accounts.forEach((a, i) => {
        if (!a.key || !a.ou || !ouByKey.has(a.ou) || existingRecorders.has(a.key) || covered(a.ou)) return;
        problems.push(
          `${PROJECT}:accounts[${i}].ou: account ${JSON.stringify(a.key)} sits in OU ${JSON.stringify(a.ou)}, outside futureAccounts.organizationalUnits (${futureOus.join(", ")}); ` +
            `AWS Config would not record it: add its OU (or an ancestor) there, or list the account in awsConfig.existingRecorderAccounts`,
        );
      });
    }
  }
  // Read from the raw value: a contact that fails its own schema is reported there, not as missing.
  if (input.baseline.enabled && (own.baseline as { securityContact?: unknown } | undefined)?.securityContact === undefined) {
    problems.push(`${PROJECT}:baseline.securityContact: is required while baseline.enabled is true (CIS 1.2: every account names a security contact); set name, title, email and phone`);
  }

  // Admin access, alerts and cost (issue 4: items 5-7): values required while their concern is on, and the services they need.
  const ic = input.adminAccess.identityCenter;
  if (input.adminAccess.enabled && ic?.region && !KNOWN_REGIONS.includes(ic.region)) {
    problems.push(`${PROJECT}:adminAccess.identityCenter.region: ${JSON.stringify(ic.region)} is not a known AWS Region`);
  }
  const rawOf = (k: string) => (own[k] ?? {}) as Record<string, unknown>;
  if (input.alerts.enabled) {
    if (rawOf("alerts").email === undefined) problems.push(`${PROJECT}:alerts.email: is required while alerts.enabled is true; set the security team's address`);
    // Findings of every member and Region reach the Security account's home Region only through Security Hub's aggregation.
    if (!input.guardDuty.enabled || !input.securityHub.enabled) {
      problems.push(
        `${PROJECT}:alerts.enabled: true needs guardDuty.enabled and securityHub.enabled; alerts read GuardDuty findings of every account and Region from Security Hub's cross-Region aggregation in the Security account`,
      );
    }
  }
  if (input.budget.enabled) {
    if (rawOf("budget").monthlyLimitUsd === undefined) problems.push(`${PROJECT}:budget.monthlyLimitUsd: is required while budget.enabled is true`);
    if (rawOf("budget").emails === undefined) problems.push(`${PROJECT}:budget.emails: is required while budget.enabled is true`);
  }

  // Adoption (issue 4: item 10): an existing OU or account can only be imported together with the organization it belongs to.
  // Read from the raw value: an organization entry that fails its own schema is reported there, not as missing.
  if ((own.organization as { importId?: unknown } | undefined)?.importId === undefined) {
    const rawList = (k: string) => (Array.isArray(own[k]) ? (own[k] as { importId?: unknown }[]) : []);
    for (const k of ["organizationalUnits", "accounts"]) {
      rawList(k).forEach((item, i) => {
        if (item && typeof item === "object" && item.importId !== undefined) {
          problems.push(`${PROJECT}:${k}[${i}].importId: adopting an existing ${k === "accounts" ? "account" : "OU"} needs organization.importId, the organization it belongs to; set it (see docs/adopting.md) or remove importId`);
        }
      });
    }
  }

  problems.push(...adoptionProblems(input, PROJECT, own.adoption !== undefined));
  // EnablePolicyType: INSPECTOR_POLICY needs Inspector's trusted access (@pulumi/aws 7.48 Organization.enabledPolicyTypes).
  if (input.organization.extraPolicyTypes.includes("INSPECTOR_POLICY") && !input.organization.extraTrustedServices.includes("inspector2.amazonaws.com")) {
    problems.push(`${PROJECT}:organization.extraPolicyTypes: INSPECTOR_POLICY needs inspector2.amazonaws.com in organization.extraTrustedServices`);
  }

  if (problems.length > 0) throw new ConfigError(source, problems);

  const trustedServices = [...new Set([...DEFAULT_TRUSTED_SERVICES, ...input.organization.extraTrustedServices])];
  return {
    namePrefix: input.namePrefix,
    partition: input.partition,
    homeRegion: region,
    governedRegions: [region, ...governedRegions.filter((r) => r !== region)],
    organization: { ...input.organization, trustedServices },
    organizationalUnits: ordered,
    accounts: input.accounts,
    securityAccountKey: withRole("security")[0].key,
    logArchiveAccountKey: withRole("log-archive")[0].key,
    guardrails: {
      limits: input.guardrails.limits,
      exemptPrincipalArns: parameters.ExemptPrincipalArns,
      attachments,
      parameters,
    },
    trail: input.trail,
    guardDuty: input.guardDuty,
    securityHub: input.securityHub,
    awsConfig: input.awsConfig,
    accessAnalyzer: input.accessAnalyzer,
    baseline: input.baseline,
    rootAccess: input.rootAccess,
    futureAccounts: { enabled: input.futureAccounts.enabled, organizationalUnits: futureOus },
    adminAccess: input.adminAccess,
    alerts: input.alerts,
    budget: input.budget,
    costExport: input.costExport,
    ...(input.adoption ? { adoption: input.adoption } : {}),
  };
}

/**
 * The parts of an invalid config that can still be cross-checked: each key and each list item that
 * parses on its own; invalid items are dropped (their own problems are already reported).
 */
function bestEffort(own: Record<string, unknown>): StackInput {
  const shape = stackSchema.shape;
  // Items keep their index (messages name it); a field that does not parse becomes "" and is not cross-checked.
  const loose = z.string().catch("");
  const items = <T>(schema: z.ZodType<T>, value: unknown): T[] => (Array.isArray(value) ? value.map((v) => schema.parse(v)) : []);
  const looseOu = z.object({ key: loose, name: loose, parent: z.string().optional().catch(undefined) }).catch({ key: "", name: "", parent: undefined });
  const looseAccount = z
    .object({ key: loose, name: loose, email: loose, ou: loose, role: accountSchema.shape.role.catch("workload") })
    .catch({ key: "", name: "", email: "", ou: "", role: "workload" });
  const looseAttachment = z.object({ policy: loose, targets: z.array(loose).catch([]) }).catch({ policy: "", targets: [] });
  const field = <K extends keyof typeof shape>(k: K): z.output<(typeof shape)[K]> => {
    const r = shape[k].safeParse(own[k]);
    return (r.success ? r.data : shape[k].safeParse(undefined).data) as z.output<(typeof shape)[K]>;
  };
  const guardrails = shape.guardrails.safeParse(own.guardrails);
  return {
    namePrefix: field("namePrefix") ?? "orgstrap",
    partition: "aws",
    governedRegions: field("governedRegions"),
    organization: field("organization") ?? organizationSchema.parse({}),
    organizationalUnits: items(looseOu, own.organizationalUnits),
    accounts: items(looseAccount, own.accounts).map((a) => ({
      ...a,
      closeOnDeletion: false,
      accessRoleName: "OrganizationAccountAccessRole",
      iamUserAccessToBilling: "ALLOW" as const,
    })),
    guardrails: guardrails.success
      ? guardrails.data
      : { ...guardrailsSchema.parse({}), attachments: items(looseAttachment, (own.guardrails as { attachments?: unknown } | undefined)?.attachments) },
    trail: trailSchema.parse({}),
    guardDuty: guardDutySchema.parse({}),
    securityHub: securityHubSchema.parse({}),
    // The baseline keys are cross-checked only as far as they parse; their own problems are already reported.
    awsConfig: field("awsConfig") ?? awsConfigSchema.parse({}),
    accessAnalyzer: field("accessAnalyzer") ?? accessAnalyzerSchema.parse({}),
    baseline: field("baseline") ?? baselineSchema.parse({}),
    rootAccess: field("rootAccess") ?? rootAccessSchema.parse({}),
    futureAccounts: field("futureAccounts") ?? futureAccountsSchema.parse({}),
    adminAccess: field("adminAccess") ?? adminAccessSchema.parse({}),
    alerts: field("alerts") ?? alertsSchema.parse({}),
    budget: field("budget") ?? budgetSchema.parse({}),
    costExport: field("costExport") ?? costExportSchema.parse({}),
    adoption: field("adoption"),
  };
}

function splitKey(fullKey: string): [string, string] {
  const i = fullKey.indexOf(":");
  return i < 0 ? ["", fullKey] : [fullKey.slice(0, i), fullKey.slice(i + 1).replace(/^config:/, "")];
}

/** Pulumi passes structured values as JSON text; scalars may arrive as text too ("true", "5"). */
function decode(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (t.startsWith("{") || t.startsWith("[") || t === "true" || t === "false" || /^-?\d+$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

function describeIssue(issue: z.core.$ZodIssue, root: Record<string, unknown>): string {
  const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "");
  const at = `${PROJECT}:${path}`;
  if (issue.code === "unrecognized_keys") {
    return issue.path.length === 0
      ? `${issue.keys.map((k) => `${PROJECT}:${k}`).join(", ")}: unknown config key${issue.keys.length > 1 ? "s" : ""}; known keys: ${Object.keys(stackSchema.shape).join(", ")}`
      : `${at}: unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`;
  }
  const value = issue.path.reduce<unknown>((v, p) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), root);
  if (value === undefined && issue.code === "invalid_type") return `${at}: is required (${issue.message.replace(/^Invalid input: /, "")})`;
  const shown = JSON.stringify(value);
  const message = issue.message.replace(/^Invalid input: /, "").replace(/^Invalid option: expected one of /, "must be one of ");
  return `${at}: ${shown && shown.length <= 80 ? shown : "value"} ${message}`;
}
