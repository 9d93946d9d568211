// AWS's rules that a resource's inputs can be checked against before anything reaches AWS. The fake cloud runs them on
// every registration (tests and `orgstrap plan`), so code written later meets the same rules; docs/aws-rules.md lists
// them (a spec keeps the two equal). Pure data and functions: no Pulumi import.

/** The part of a registration a rule reads. */
export interface RuleSubject {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** Resource options, where the caller knows them (the fake cloud reads them from the engine request). */
  readonly retainOnDelete?: boolean;
  readonly protect?: boolean;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges?: readonly string[];
  /** URN of the parent component, where the caller knows it. */
  readonly parent?: string;
  /** URNs the resource waits for (explicit dependsOn and the resources whose outputs it reads), where known. */
  readonly dependencies?: readonly string[];
}

/** One rule AWS enforces (or a rule without which a second `pulumi up` is not a no-op), stated as a check. */
export interface AwsRule {
  /** Stable id, e.g. `AWS-BCM-1`, listed in docs/aws-rules.md. */
  readonly id: string;
  /** The resource type token it applies to; `*` for every resource. */
  readonly type: string;
  /** What AWS requires, in one sentence. */
  readonly rule: string;
  /** Where AWS (or the provider) says so. */
  readonly source: string;
  /** The problem with this registration, or undefined when it follows the rule; `others`: the registrations so far (it may be among them). */
  readonly check: (subject: RuleSubject, others: readonly RuleSubject[]) => string | undefined;
}

import { ORGANIZATIONS_ACCESS } from "./naming";
import { REPLACE_RULES, replaceProblems } from "./replaceRules";

const record = (v: unknown): Record<string, unknown> => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// GuardDuty: Runtime Monitoring includes EKS Runtime Monitoring, and a detector takes only one of the two.
const RUNTIME_PAIR = ["EKS_RUNTIME_MONITORING", "RUNTIME_MONITORING"];
const oneRuntimeFeature = (subject: RuleSubject, others: readonly RuleSubject[]): string | undefined => {
  const name = subject.inputs.name;
  if (typeof name !== "string" || !RUNTIME_PAIR.includes(name)) return undefined;
  const other = RUNTIME_PAIR.find((n) => n !== name);
  const clash = others.find(
    (o) =>
      o.type === subject.type &&
      o.name !== subject.name &&
      o.inputs.name === other &&
      o.inputs.detectorId === subject.inputs.detectorId &&
      o.inputs.region === subject.inputs.region,
  );
  return clash
    ? `detector ${String(subject.inputs.detectorId)} already has ${String(other)} (${clash.name}): only one of EKS_RUNTIME_MONITORING and RUNTIME_MONITORING may be set`
    : undefined;
};
const RUNTIME_SOURCE =
  'node_modules/@pulumi/aws/guardduty/organizationConfigurationFeature.d.ts and detectorFeature.d.ts ("Only one of two features EKS_RUNTIME_MONITORING or RUNTIME_MONITORING can be added, adding both features will cause an error")';

/** Every rule the fake cloud enforces. */
export const AWS_RULES: readonly AwsRule[] = [
  {
    id: "AWS-BCM-1",
    type: "aws:bcmdata/export:Export",
    rule: "A COST_AND_USAGE_REPORT export sets BILLING_VIEW_ARN in its table configuration: AWS adds it on read, so without it every `up` replaces the export.",
    source:
      'node_modules/@pulumi/aws/types/input.d.ts (ExportExportDataQuery.tableConfigurations: "For the Cost and Usage Report, BILLING_VIEW_ARN must also be set"); hashicorp/terraform-provider-aws#43978; pulumi/pulumi-aws#6139',
    check: ({ inputs }) => {
      for (const [i, query] of list(record(inputs.export).dataQueries).entries()) {
        const cur = record(record(record(query).tableConfigurations).COST_AND_USAGE_REPORT);
        if (Object.keys(cur).length === 0) continue;
        const view = cur.BILLING_VIEW_ARN;
        if (typeof view !== "string" || !/^arn:aws[a-z-]*:billing::\d{12}:billingview\/.+$/.test(view)) {
          return `export.dataQueries[${i}].tableConfigurations.COST_AND_USAGE_REPORT.BILLING_VIEW_ARN must be arn:<partition>:billing::<account>:billingview/<view> (got ${JSON.stringify(view)})`;
        }
      }
      return undefined;
    },
  },
  {
    id: "AWS-S3-1",
    type: "aws:s3/bucketVersioning:BucketVersioning",
    rule: "Versioning of an Object Lock bucket stays Enabled and its resource is retained on delete: deleting it would suspend versioning, which S3 refuses on an Object Lock bucket (InvalidBucketState).",
    source:
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html ("you can\'t disable Object Lock or suspend versioning for that bucket"); hashicorp/terraform-provider-aws internal/service/s3/bucket_versioning.go (delete suspends versioning)',
    check: (subject, others) => {
      const bucket = others.find((o) => o.type === "aws:s3/bucket:Bucket" && o.inputs.bucket === subject.inputs.bucket && o.inputs.objectLockEnabled === true);
      if (!bucket) return undefined;
      const status = record(subject.inputs.versioningConfiguration).status;
      if (status !== "Enabled") return `bucket ${String(subject.inputs.bucket)} has Object Lock: versioning must be "Enabled" (got ${JSON.stringify(status)})`;
      if (subject.retainOnDelete !== true)
        return `bucket ${String(subject.inputs.bucket)} has Object Lock: set retainOnDelete, as deleting this resource suspends versioning`;
      return undefined;
    },
  },
  {
    id: "AWS-S3-2",
    type: "aws:s3/bucket:Bucket",
    rule: "A bucket without forceDestroy is retained on delete: S3 deletes only an empty bucket (BucketNotEmpty), and every bucket orgstrap creates receives data, so deleting it would fail the destroy or the removal.",
    source:
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html ("All objects (including all object versions and delete markers) in the bucket must be deleted before the bucket itself can be deleted")',
    check: (subject) =>
      subject.inputs.forceDestroy !== true && subject.retainOnDelete !== true
        ? `bucket ${JSON.stringify(subject.inputs.bucket)} has no forceDestroy: set retainOnDelete`
        : undefined,
  },
  {
    id: "AWS-S3-3",
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    rule: "In each lifecycle rule, expiration comes after every transition, and noncurrent-version expiration after every noncurrent transition: S3 rejects the rule otherwise.",
    source:
      "https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html; S3 PutBucketLifecycleConfiguration error \"'Days' in the Expiration action ... must be greater than 'Days' in the Transition action\"",
    check: ({ inputs }) => {
      for (const [i, raw] of list(inputs.rules).entries()) {
        const rule = record(raw);
        const expire = record(rule.expiration).days;
        const latest = Math.max(0, ...list(rule.transitions).map((t) => Number(record(t).days) || 0));
        if (typeof expire === "number" && expire <= latest)
          return `rules[${i}].expiration.days (${expire}) must be greater than the last transition's days (${latest})`;
        const expireNoncurrent = record(rule.noncurrentVersionExpiration).noncurrentDays;
        const latestNoncurrent = Math.max(0, ...list(rule.noncurrentVersionTransitions).map((t) => Number(record(t).noncurrentDays) || 0));
        if (typeof expireNoncurrent === "number" && expireNoncurrent <= latestNoncurrent) {
          return `rules[${i}].noncurrentVersionExpiration.noncurrentDays (${expireNoncurrent}) must be greater than the last noncurrent transition's days (${latestNoncurrent})`;
        }
      }
      return undefined;
    },
  },
  {
    id: "AWS-S3-4",
    type: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    rule: "In a versioned bucket, a rule that expires objects also expires noncurrent versions: expiring a current version only adds a delete marker, so without it nothing is ever deleted.",
    source:
      'https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html ("you must add a noncurrent expiration policy"); https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-and-other-bucket-config.html',
    check: ({ inputs }, others) => {
      const versioned = others.some(
        (o) =>
          o.type === "aws:s3/bucketVersioning:BucketVersioning" &&
          o.inputs.bucket === inputs.bucket &&
          record(o.inputs.versioningConfiguration).status === "Enabled",
      );
      if (!versioned) return undefined;
      for (const [i, raw] of list(inputs.rules).entries()) {
        const rule = record(raw);
        if (rule.expiration !== undefined && rule.noncurrentVersionExpiration === undefined) {
          return `bucket ${String(inputs.bucket)} is versioned: rules[${i}] expires objects, so it must set noncurrentVersionExpiration too`;
        }
      }
      return undefined;
    },
  },
  {
    id: "AWS-ORG-1",
    type: "aws:organizations/policy:Policy",
    rule: "No two Organizations policies share a name: CreatePolicy refuses a second one (DuplicatePolicyException). `orgstrap discover` reports an existing policy named like one of orgstrap's and leaves that guardrail out.",
    source:
      'https://docs.aws.amazon.com/organizations/latest/APIReference/API_CreatePolicy.html (Errors: DuplicatePolicyException, "A policy with the same name already exists")',
    check: (subject, others) => {
      // One organization's policies are the children of one component; other components in the same process (specs
      // that build their own Guardrails) stand for other organizations.
      const clash = others.find(
        (o) => o !== subject && o.name !== subject.name && o.type === subject.type && o.parent === subject.parent && o.inputs.name === subject.inputs.name,
      );
      return clash ? `policy name ${JSON.stringify(subject.inputs.name)} is already used by ${clash.name}` : undefined;
    },
  },
  {
    id: "AWS-GD-1",
    type: "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature",
    rule: "An organization configuration takes only one of EKS_RUNTIME_MONITORING and RUNTIME_MONITORING.",
    source: RUNTIME_SOURCE,
    check: oneRuntimeFeature,
  },
  {
    id: "AWS-GD-2",
    type: "aws:guardduty/detectorFeature:DetectorFeature",
    rule: "A detector takes only one of EKS_RUNTIME_MONITORING and RUNTIME_MONITORING.",
    source: RUNTIME_SOURCE,
    check: oneRuntimeFeature,
  },
  {
    id: "AWS-CFN-1",
    type: "aws:cloudformation/stackSet:StackSet",
    rule: 'A SERVICE_MANAGED StackSet waits for CloudFormation\'s ActivateOrganizationsAccess (components/organizationsAccess.ts): trusted access granted through Organizations alone ends in "You must enable organizations access to operate a service managed stack set".',
    source:
      "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html ; https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ActivateOrganizationsAccess.html ; pepperize/cdk-organizations#1718",
    check: ({ inputs, dependencies }) => {
      if (inputs.permissionModel !== "SERVICE_MANAGED") return undefined;
      // A URN's type is its third `::` part, after the parent types (`parent$child`).
      const waits = (dependencies ?? []).some((urn) => urn.split("::")[2]?.split("$").pop() === ORGANIZATIONS_ACCESS.type);
      return waits ? undefined : `a service-managed StackSet must depend on ${ORGANIZATIONS_ACCESS.type} (StackSets' Organizations access)`;
    },
  },
  {
    id: "AWS-CFN-2",
    type: "aws:cloudformation/stackSetInstance:StackSetInstance",
    rule: "A stack instance sets its target Region with stackSetInstanceRegion only: on this resource `region` is its deprecated alias, and the provider accepts at most one.",
    source: 'node_modules/@pulumi/aws/cloudformation/stackSetInstance.d.ts (region: "Use `stackSetInstanceRegion` instead"); pulumi/pulumi-aws#5707',
    check: ({ inputs }) =>
      inputs.region !== undefined && inputs.stackSetInstanceRegion !== undefined
        ? "region and stackSetInstanceRegion are both set: set stackSetInstanceRegion only (region is its deprecated alias)"
        : undefined,
  },
  {
    id: "PULUMI-1",
    type: "*",
    rule: "No resource is both protected and retained on delete: the engine refuses to delete a protected resource before it considers retainOnDelete, so removing it from config fails every `up` and `pulumi destroy` fails.",
    source: "pulumi/pulumi pkg/resource/deploy/step.go (DeleteStep: protect is checked before retainOnDelete); pulumi/pulumi-aws#6242",
    check: (subject) =>
      subject.protect === true && subject.retainOnDelete === true
        ? "protect and retainOnDelete are both set: retain it (it stays in AWS, out of the stack) or protect it, not both"
        : undefined,
  },
  {
    id: "PULUMI-2",
    type: "*",
    rule: "A resource whose replace-forcing input (outside its name) can change deletes before replacing, or ignores the input: Pulumi creates the replacement first, and AWS refuses a second object under the same name or in a one-per-account slot (lib/replaceRules.ts).",
    source:
      "hashicorp/terraform-provider-aws internal/service/* (ForceNew / RequiresReplace), per type in lib/replaceRules.ts; https://www.pulumi.com/docs/iac/concepts/options/deletebeforereplace/",
    check: (subject) => {
      // Types without an entry are caught by tests/lib/replaceRules.test.ts over the dev stack.
      if (!REPLACE_RULES[subject.type]) return undefined;
      const problems = replaceProblems({ ...subject, custom: true, ignoreChanges: subject.ignoreChanges ?? [] });
      return problems.length ? problems.join("; ") : undefined;
    },
  },
];

/** Every broken rule of one registration, as `<rule id>: <problem>`. */
export function checkAwsRules(subject: RuleSubject, others: readonly RuleSubject[] = []): string[] {
  const problems: string[] = [];
  for (const rule of AWS_RULES) {
    if (rule.type !== "*" && rule.type !== subject.type) continue;
    const problem = rule.check(subject, others);
    if (problem) problems.push(`${rule.id}: ${problem}`);
  }
  return problems;
}

/** The error the fake cloud answers a registration with when it breaks AWS's rules. */
export function awsRuleError(subject: RuleSubject, problems: readonly string[]): string {
  return `AWS would reject or keep replacing ${subject.type} "${subject.name}": ${problems.join("; ")} (docs/aws-rules.md)`;
}

/** The Markdown table of {@link AWS_RULES} that docs/aws-rules.md carries between its aws-rules markers. */
export function awsRulesMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  return [
    "| id | resource type | rule | source |",
    "| --- | --- | --- | --- |",
    ...AWS_RULES.map((r) => `| ${r.id} | \`${r.type}\` | ${cell(r.rule)} | ${cell(r.source)} |`),
  ].join("\n");
}
