// What `orgstrap discover` reads from a live organization: plain data, so the stack file and the report are pure
// functions of it (lib/discover/stack.ts) and tests build it from SDK fixtures without a network.

/** A tag map as Organizations returns it (ListTagsForResource). */
export type Tags = Readonly<Record<string, string>>;

export interface LiveOrganization {
  readonly id: string;
  readonly arn: string;
  /** `ALL` or `CONSOLIDATED_BILLING`. */
  readonly featureSet: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail: string;
}

export interface LiveRoot {
  readonly id: string;
  readonly name: string;
  /** Policy types with status ENABLED on the root (what the provider reads back as `enabledPolicyTypes`). */
  readonly enabledPolicyTypes: readonly string[];
}

export interface LiveOrganizationalUnit {
  readonly id: string;
  readonly name: string;
  /** The root or an OU id. */
  readonly parentId: string;
  readonly tags: Tags;
}

export interface LiveAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`. */
  readonly status: string;
  /** `CREATED` (by CreateAccount, with an access role) or `INVITED`. */
  readonly joinedMethod: string;
  readonly parentId: string;
  readonly tags: Tags;
}

export interface LivePolicy {
  readonly id: string;
  readonly name: string;
  /** SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY, TAG_POLICY, … */
  readonly type: string;
  readonly awsManaged: boolean;
  /** Root, OU and account ids it is attached to. */
  readonly targetIds: readonly string[];
}

export interface LiveTrail {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly isOrganizationTrail: boolean;
  readonly isMultiRegionTrail: boolean;
  readonly s3BucketName: string;
}

/** A delegated administrator seen per Region (GuardDuty, Security Hub) or organization-wide (Organizations). */
export interface LiveAdmin {
  readonly accountId: string;
  /** Set for the per-Region services. */
  readonly region?: string;
}

export interface LiveRecorder {
  readonly accountId: string;
  readonly region: string;
  /** The recorder's name; "" when it is only known from an aggregator's sources. */
  readonly name: string;
}

export interface LiveAggregator {
  readonly name: string;
  readonly region: string;
  readonly organizationWide: boolean;
}

export interface LiveAnalyzer {
  readonly name: string;
  readonly region: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, … */
  readonly type: string;
}

export interface LiveSecurityContact {
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

/** Everything discover read, in one place. Lists are sorted as read; OUs parents first. */
export interface OrgSnapshot {
  /** The account whose credentials read it (must be the management account). */
  readonly callerAccountId: string;
  /** `--region`: the home Region, where the trail and management-account resources live. */
  readonly homeRegion: string;
  /** The Regions read for the per-Region services, the home Region first. */
  readonly regions: readonly string[];
  readonly organization: LiveOrganization;
  readonly root: LiveRoot;
  readonly organizationalUnits: readonly LiveOrganizationalUnit[];
  /** Member accounts: every account but the management account. */
  readonly accounts: readonly LiveAccount[];
  /** Service principals with trusted access (ListAWSServiceAccessForOrganization). */
  readonly trustedServices: readonly string[];
  /** Delegated administrators by service principal (ListDelegatedAdministrators + ListDelegatedServicesForAccount). */
  readonly delegatedAdministrators: Readonly<Record<string, readonly string[]>>;
  readonly policies: readonly LivePolicy[];
  readonly trails: readonly LiveTrail[];
  readonly guardDutyAdmins: readonly LiveAdmin[];
  readonly securityHubAdmins: readonly LiveAdmin[];
  /** Recorders in the management account, and in members as far as an organization aggregator reports them. */
  readonly configRecorders: readonly LiveRecorder[];
  readonly configAggregators: readonly LiveAggregator[];
  readonly accessAnalyzers: readonly LiveAnalyzer[];
  /** IAM Identity Center instances (ListInstances in the home Region). */
  readonly identityCenterInstances: readonly { readonly instanceArn: string; readonly ownerAccountId: string }[];
  /** The management account's SECURITY alternate contact, when set. */
  readonly securityContact?: LiveSecurityContact;
}
