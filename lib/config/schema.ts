// The zod schema of every orgstrap config key: shapes, AWS value rules and defaults. Types are inferred from it.
import { z } from "zod";
import { adoptionSchema, OTHER_POLICY_TYPES } from "../adoption";

export { MANAGEMENT_KEY, PROJECT, ROOT_KEY } from "../naming";

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

/**
 * The Security Hub standards orgstrap can enable: those whose ARN is `arn:<partition>:securityhub:<region>::standards/<id>`
 * (StandardsSubscription's table in @pulumi/aws 7.48; CIS v1.2.0 has a `ruleset` ARN and is not offered).
 */
export const SECURITY_HUB_STANDARDS: readonly string[] = [
  "aws-foundational-security-best-practices/v/1.0.0",
  "aws-resource-tagging-standard/v/1.0.0",
  "cis-aws-foundations-benchmark/v/1.4.0",
  "cis-aws-foundations-benchmark/v/3.0.0",
  "nist-800-53/v/5.0.0",
  "nist-800-171/v/2.0.0",
  "pci-dss/v/3.2.1",
  "pci-dss/v/4.0.1",
];

/** Bucket-name prefixes S3 reserves. */
const RESERVED_BUCKET_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];

/** Security Hub standards enabled by the central configuration policy by default. */
export const DEFAULT_SECURITY_HUB_STANDARDS: readonly string[] = ["aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/3.0.0"];

const KEY_RULE = /^[a-z][a-zA-Z0-9-]{0,62}$/;
// AWS CreateAccount: Email 6-64 characters matching [^\s@]+@[^\s@]+\.[^\s@]+
const EMAIL_RULE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ACCOUNT_ID_RULE = /^\d{12}$/;

// Keys index plain objects (ids by key) in the program: a name every JavaScript object already carries would resolve there.
const OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));
// A list whose items name things once: a repeat is a mistake the program would turn into two resources with one name,
// or a request AWS refuses (two identical notifications, subscribers, standards).
const distinct = (list: unknown, ctx: z.RefinementCtx): void => {
  if (!Array.isArray(list)) return;
  list.forEach((v, i) => {
    if (list.indexOf(v) < i) ctx.addIssue({ code: "custom", path: [i], input: v, message: "is listed twice", params: { code: "duplicate" } });
  });
};

const key = z
  .string()
  .regex(KEY_RULE, "must start with a lowercase letter and use only letters, digits and '-' (at most 63)")
  .refine((k) => !OBJECT_MEMBERS.has(k), { message: "is a name every JavaScript object already has (a prototype member); choose another key" });

const organizationalUnitSchema = z.strictObject({
  key,
  /** The OU name shown in the console (CreateOrganizationalUnit: 1-128 characters). */
  name: z.string().min(1, "must not be empty").max(128, "is longer than AWS's 128-character limit for OU names"),
  parent: z.string().optional(),
  /** Adopt an existing OU by id instead of creating one. */
  importId: z
    .string()
    .regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, "is not an OU id (ou-xxxx-xxxxxxxx)")
    .optional(),
});

export const accountSchema = z.strictObject({
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
  accessRoleName: z
    .string()
    .regex(/^[\w+=,.@-]{1,64}$/, "is not an IAM role name")
    .default("OrganizationAccountAccessRole"),
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
      // AWS Organizations quotas (not adjustable): 5 SCPs and 5 RCPs per root, OU or account; 5,120 characters per policy.
      // https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html
      policiesPerTarget: z.number().int().min(1).max(5, "is more than AWS's quota of 5 policies of one type per target").default(5),
      /** Minified size of one policy. AWS default: 5,120 characters. */
      policySizeChars: z.number().int().min(1).max(5120, "is more than AWS's 5,120-character quota for one policy").default(5120),
    })
    .prefault({}),
  /** Role names exempt from the deny guardrails that carry an exemption (the deployer and break-glass roles). */
  exemptRoleNames: z
    .array(z.string().regex(/^[\w+=,.@*-]{1,64}$/, "is not an IAM role name"))
    .superRefine(distinct)
    .default(["OrganizationAccountAccessRole"]),
  attachments: z.array(attachmentSchema).default([]),
});

const trailSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][\w.-]{2,127}$/, "is not a valid trail name (3-128 letters, digits, '.', '_' or '-')")
    .default("organization-trail"),
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
  features: z
    .array(z.enum([...DEFAULT_GUARDDUTY_FEATURES] as [string, ...string[]]))
    .superRefine(distinct)
    .default([...DEFAULT_GUARDDUTY_FEATURES]),
  findingPublishingFrequency: z.enum(["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"]).default("FIFTEEN_MINUTES"),
});

const securityHubSchema = z.strictObject({
  enabled: z.boolean().default(true),
  standards: z
    .array(
      z.enum([...SECURITY_HUB_STANDARDS] as [string, ...string[]], {
        error: `is not a Security Hub standard orgstrap can enable; use one of ${SECURITY_HUB_STANDARDS.join(", ")}`,
      }),
    )
    .superRefine(distinct)
    .default([...DEFAULT_SECURITY_HUB_STANDARDS]),
});

// Account security baseline: AWS Config, IAM Access Analyzer, account settings, root access, future accounts.

/** The role service-managed StackSets create in each target account and act through. */
export const STACKSET_EXECUTION_ROLE = "stacksets-exec-*";

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
  reusePrevention: z
    .number()
    .int()
    .min(1, "must remember at least 1 previous password (CIS 1.9)")
    .max(24, "is more than IAM's maximum of 24 remembered passwords")
    .default(24),
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
  /**
   * How StackSets rolls the baseline out to the accounts of each OU and Region (operation preferences). AWS's defaults,
   * used when none are given, deploy one account at a time and stop at the first failure.
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html
   */
  rollout: z
    .strictObject({
      /** Accounts deployed at once per Region, as a percentage (AWS: 1-100, rounded down, at least one account). */
      maxConcurrentPercentage: z.number().int().min(1, "must be at least 1 (AWS: 1-100)").max(100, "is more than 100 percent").default(25),
      /** Accounts per Region that may fail before CloudFormation stops there, as a percentage (AWS: 0-100). */
      failureTolerancePercentage: z.number().int().min(0, "must be at least 0 (AWS: 0-100)").max(100, "is more than 100 percent").default(10),
      /** For StackSet updates: every Region at once (PARALLEL) or one after another (SEQUENTIAL). */
      regionConcurrency: z.enum(["PARALLEL", "SEQUENTIAL"]).default("PARALLEL"),
    })
    .prefault({}),
});

// Admin access, alerts and cost.

// Identity Center ids: https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html (instance ARN)
// and https://docs.aws.amazon.com/singlesignon/latest/IdentityStoreAPIReference/API_Group.html (GroupId pattern).
const IDENTITY_STORE_GROUP_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const groupId = z.string().regex(IDENTITY_STORE_GROUP_ID, "is not an Identity Store group id (e.g. 90677c4a-f0b1-70ab-7a59-d8cb8e2e3b1d)");

const identityCenterSchema = z.strictObject({
  /** The Identity Center instance, in the management account (or its delegated admin). */
  instanceArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/,
      "is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-xxxxxxxxxxxxxxxx)",
    ),
  /** The Region the instance lives in; defaults to aws:region. */
  region: z.string().optional(),
  /** Identity Store group ids assigned to every account in config with the three permission sets. */
  groups: z.strictObject({ admins: groupId, readOnly: groupId, securityAudit: groupId }),
});

const adminAccessSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Permission set session length, ISO 8601 (PT1H-PT12H). */
  sessionDuration: z
    .string()
    .regex(/^PT([1-9]|1[0-2])H$/, "must be PT1H to PT12H (an ISO 8601 duration of 1-12 hours)")
    .default("PT4H"),
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
  thresholdsPercent: z
    .array(z.number().int().min(1, "must be at least 1%").max(1000, "must be at most 1000%"))
    .min(1, "must list at least one percentage")
    .superRefine(distinct)
    .default([80, 100]),
  /** Recipients of budget alerts (AWS Budgets allows at most 10 email subscribers per notification). */
  emails: z
    .array(z.string().regex(EMAIL_RULE, "is not an email address"))
    .min(1, "must list at least one email")
    .max(10, "lists more than AWS Budgets' 10 email subscribers per notification")
    .superRefine(distinct)
    .optional(),
});

const costExportSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * Where the CUR 2.0 bucket lives. Only "management": AWS requires the exporting account (the management account, which
   * sees the organization's costs) to own the bucket, and @pulumi/aws 7.48's bcmdata.Export has no bucket-owner input.
   */
  bucketAccount: z
    .enum(["management"], {
      error:
        'must be "management": Data Exports delivers to a bucket the exporting (management) account owns; @pulumi/aws 7.48 cannot name another bucket owner',
    })
    .default("management"),
  /** Days after which export files expire; 0 keeps them forever. */
  expireAfterDays: z.number().int().min(0).default(0),
});

const organizationSchema = z.strictObject({
  /** Keep `pulumi destroy` from deleting the organization. Defaults to `true`. */
  protect: z.boolean().default(true),
  /** Service principals given trusted access in addition to orgstrap's defaults. */
  extraTrustedServices: z
    .array(z.string().regex(/^[a-z0-9.-]+\.amazonaws\.com$/, "is not a service principal"))
    .superRefine(distinct)
    .default([]),
  /** Adopt the existing organization with this id instead of creating one. */
  importId: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/, "is not an organization id (o-xxxxxxxxxx)")
    .optional(),
  /** Policy types kept enabled beside SCPs and RCPs (an adopted organization's tag or backup policies). */
  extraPolicyTypes: z.array(z.enum(OTHER_POLICY_TYPES)).superRefine(distinct).default([]),
});

/** Every orgstrap config key with its schema; a key not listed here is reported as unknown. */
export const stackSchema = z.strictObject({
  namePrefix: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,20}$/, "must be 2-21 lowercase letters, digits or '-' (it prefixes S3 bucket names)")
    // S3 reserves these bucket-name prefixes: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    // (the suffixes it reserves, -s3alias, --ol-s3, .mrap, --x-s3 and --table-s3, cannot occur: orgstrap's bucket names end in an account id).
    .refine((p) => !RESERVED_BUCKET_PREFIXES.some((r) => p.startsWith(r)), {
      message: `starts with a prefix S3 reserves (${RESERVED_BUCKET_PREFIXES.join(", ")}); it starts orgstrap's bucket names, so AWS would refuse them`,
    })
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

/** The config as the schema reads it: every section present, switches and defaults applied. */
export type StackInput = z.output<typeof stackSchema>;
export type OrganizationalUnitConfig = z.output<typeof organizationalUnitSchema>;
export type AccountConfig = z.output<typeof accountSchema>;

/**
 * The parts of an invalid config that can still be cross-checked, read field by field: a field that does not parse
 * takes its default (or "" for a required text, which the checks skip), so a bad value never hides its neighbours
 * (`enabled: false` beside a misspelt list still means off) and never stands in for them. Its own problem is reported
 * by the schema.
 */
export function readWhatParses(own: Record<string, unknown>): StackInput {
  const shape = stackSchema.shape;
  const section = <S extends z.ZodObject>(schema: S, value: unknown, fallback: z.output<S>): z.output<S> => {
    const whole = schema.safeParse(value);
    if (whole.success) return whole.data;
    if (!isRecord(value)) return fallback;
    const out: Record<string, unknown> = {};
    for (const [k, field] of Object.entries(schema.shape)) {
      const r = (field as z.ZodType).safeParse(value[k]);
      out[k] = r.success ? r.data : (fallback as Record<string, unknown>)[k];
    }
    return out as z.output<S>;
  };
  const items = <S extends z.ZodObject>(schema: S, value: unknown, fallback: z.output<S>): z.output<S>[] =>
    Array.isArray(value) ? value.map((v) => section(schema, v, fallback)) : [];
  // An OU or account keeps a key that breaks the key rule: references to it are not also reported as unknown.
  const keyed = <T extends { key: string }>(list: T[], value: unknown): T[] =>
    list.map((item, i) => {
      const raw: unknown = Array.isArray(value) && isRecord(value[i]) ? value[i].key : undefined;
      return item.key === "" && typeof raw === "string" ? { ...item, key: raw } : item;
    });
  const top = <K extends keyof typeof shape>(k: K): z.output<(typeof shape)[K]> => {
    const r = shape[k].safeParse(own[k]);
    return (r.success ? r.data : shape[k].safeParse(undefined).data) as z.output<(typeof shape)[K]>;
  };
  const guardrailsRaw = isRecord(own.guardrails) ? own.guardrails : {};
  const guardrails = section(guardrailsSchema, own.guardrails, guardrailsSchema.parse({}));
  return {
    namePrefix: top("namePrefix") ?? "orgstrap",
    partition: "aws",
    governedRegions: top("governedRegions"),
    organization: section(organizationSchema, own.organization, organizationSchema.parse({})),
    organizationalUnits: keyed(items(organizationalUnitSchema, own.organizationalUnits, { key: "", name: "" }), own.organizationalUnits),
    accounts: keyed(
      items(accountSchema, own.accounts, {
        key: "",
        name: "",
        email: "",
        ou: "",
        role: "workload",
        closeOnDeletion: false,
        accessRoleName: "",
        iamUserAccessToBilling: "ALLOW",
      }),
      own.accounts,
    ),
    guardrails: { ...guardrails, attachments: items(attachmentSchema, guardrailsRaw.attachments, { policy: "", targets: [] }) },
    trail: section(trailSchema, own.trail, trailSchema.parse({})),
    guardDuty: section(guardDutySchema, own.guardDuty, guardDutySchema.parse({})),
    securityHub: section(securityHubSchema, own.securityHub, securityHubSchema.parse({})),
    awsConfig: section(awsConfigSchema, own.awsConfig, awsConfigSchema.parse({})),
    accessAnalyzer: section(accessAnalyzerSchema, own.accessAnalyzer, accessAnalyzerSchema.parse({})),
    baseline: section(baselineSchema, own.baseline, baselineSchema.parse({})),
    rootAccess: section(rootAccessSchema, own.rootAccess, rootAccessSchema.parse({})),
    futureAccounts: section(futureAccountsSchema, own.futureAccounts, futureAccountsSchema.parse({})),
    adminAccess: section(adminAccessSchema, own.adminAccess, adminAccessSchema.parse({})),
    alerts: section(alertsSchema, own.alerts, alertsSchema.parse({})),
    budget: section(budgetSchema, own.budget, budgetSchema.parse({})),
    costExport: section(costExportSchema, own.costExport, costExportSchema.parse({})),
    adoption: top("adoption"),
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
