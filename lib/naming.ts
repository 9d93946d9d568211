// One name per concept: the keys config uses for the root and the management account, the AWS-managed full-access
// policies, the policy types, the instance names index.ts gives its components, the components' type tokens and the
// logical names of the resources adoption imports. index.ts, the components, the plan and adoption all read them here.
// Pure: no Pulumi import.

/** The Pulumi project name: config keys are `orgstrap:<key>`, URNs are `urn:pulumi:<stack>::orgstrap::...`. */
export const PROJECT = "orgstrap";

/** The guardrail target key of the organization root. */
/** Start of the StackSet template's per-Region recorder role names (`<namePrefix>-config-recorder-<Region>`). */
export function recorderRolePrefix(namePrefix: string): string {
  return `${namePrefix}-config-recorder-`;
}

/** Alias of the Log Archive trail key, which protect-security-services finds it by. */
export function logArchiveKeyAlias(namePrefix: string): string {
  return `alias/${namePrefix}-organization-trail`;
}

export const ROOT_KEY = "root";
/** The account key of the management account (the one running `pulumi up`); reserved in `accounts[].key`. */
export const MANAGEMENT_KEY = "management";

/** SCPs and RCPs. */
export type PolicyKind = "scp" | "rcp";
/** The Organizations policy type of each kind (`CreatePolicy` Type, `EnablePolicyType`). */
export const POLICY_TYPE = { scp: "SERVICE_CONTROL_POLICY", rcp: "RESOURCE_CONTROL_POLICY" } as const satisfies Record<PolicyKind, string>;
/** The kind of an Organizations policy type, undefined for types orgstrap does not attach. */
export function policyKindOf(type: string): PolicyKind | undefined {
  return type === POLICY_TYPE.scp ? "scp" : type === POLICY_TYPE.rcp ? "rcp" : undefined;
}
/** The AWS-managed policy AWS attaches to every root, OU and account; it counts toward the per-target quota. */
export const FULL_ACCESS_POLICY = { scp: "FullAWSAccess", rcp: "RCPFullAWSAccess" } as const satisfies Record<PolicyKind, string>;

/** The instance name index.ts gives each component: logical names of everything under it derive from it. */
export const INSTANCE = {
  organization: "org",
  organizationalUnits: "ous",
  accounts: "accounts",
  guardrails: "guardrails",
  logArchive: "log-archive",
  trailAlarms: "cis-alarms",
  organizationTrail: "audit",
  threatDetection: "guardduty",
  securityPosture: "securityhub",
  configArchive: "config-archive",
  configRecording: "config",
  futureAccounts: "future-accounts",
  accessAnalyzer: "access-analyzer",
  accountBaseline: "baseline",
  rootAccess: "root-access",
  cloudTrailDelegation: "cloudtrail-delegation",
  adminAccess: "admin-access",
  securityAlerts: "security-alerts",
  costControls: "cost",
} as const;

/** Each component's type token (`<package>:<module>:<type>`), as URNs and `pulumi import --parent` name it. */
export const COMPONENT_TYPE = {
  organization: "orgstrap:org:Organization",
  organizationalUnits: "orgstrap:org:OrganizationalUnits",
  accounts: "orgstrap:org:Accounts",
  guardrails: "orgstrap:guardrails:Guardrails",
  logArchive: "orgstrap:audit:LogArchive",
  trailAlarms: "orgstrap:audit:TrailAlarms",
  organizationTrail: "orgstrap:audit:OrganizationTrail",
  threatDetection: "orgstrap:security:ThreatDetection",
  securityPosture: "orgstrap:security:SecurityPosture",
  configArchive: "orgstrap:audit:ConfigArchive",
  configRecording: "orgstrap:security:ConfigRecording",
  futureAccounts: "orgstrap:baseline:FutureAccounts",
  accessAnalyzer: "orgstrap:security:AccessAnalyzer",
  accountBaseline: "orgstrap:baseline:AccountBaseline",
  rootAccess: "orgstrap:identity:RootAccess",
  cloudTrailDelegation: "orgstrap:audit:CloudTrailDelegation",
  adminAccess: "orgstrap:identity:AdminAccess",
  securityAlerts: "orgstrap:security:SecurityAlerts",
  costControls: "orgstrap:cost:CostControls",
} as const satisfies Record<keyof typeof INSTANCE, string>;

/** The @pulumi/aws type tokens the plan and adoption read registrations by. */
export const AWS_TYPE = {
  organization: "aws:organizations/organization:Organization",
  organizationalUnit: "aws:organizations/organizationalUnit:OrganizationalUnit",
  account: "aws:organizations/account:Account",
  policy: "aws:organizations/policy:Policy",
  policyAttachment: "aws:organizations/policyAttachment:PolicyAttachment",
  provider: "pulumi:providers:aws",
} as const;

/**
 * The dynamic resource that activates StackSets' Organizations access (components/organizationsAccess.ts): Pulumi types
 * a dynamic resource `pulumi-nodejs:dynamic/<module>:<kind>`, which the fake cloud and the plan read it by.
 */
export const ORGANIZATIONS_ACCESS = {
  module: "cloudformation",
  kind: "OrganizationsAccess",
  type: "pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess",
} as const;

/** Logical names of the organization, OU and account resources under their components (what `pulumi import` takes). */
export const logicalName = {
  organization: (component: string): string => `${component}-organization`,
  organizationalUnit: (component: string, ouKey: string): string => `${component}-${ouKey}`,
  account: (component: string, accountKey: string): string => `${component}-${accountKey}`,
};
