// Live organizations as the AWS SDK v3 answers for them, served by aws-sdk-client-mock: no network. A fixture describes
// the organization once; `mockOrganization` answers every read-only call discover makes from it.
import { mockClient } from "aws-sdk-client-mock";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
  PolicyType,
  DescribeOrganizationCommand,
  ListAccountsForParentCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListDelegatedServicesForAccountCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient, ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins } from "@aws-sdk/client-guardduty";
import { ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins, SecurityHubClient } from "@aws-sdk/client-securityhub";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationRecordersCommand,
} from "@aws-sdk/client-config-service";
import { AccessAnalyzerClient, ListAnalyzersCommand, Type as AnalyzerType } from "@aws-sdk/client-accessanalyzer";
import { ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";

export interface FakeAccount {
  id: string;
  name: string;
  email: string;
  status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  joinedMethod: "CREATED" | "INVITED";
  parentId: string;
  tags?: Record<string, string>;
}

export interface FakeOrg {
  id: string;
  featureSet: "ALL" | "CONSOLIDATED_BILLING";
  management: FakeAccount;
  rootId: string;
  rootPolicyTypes: { Type: string; Status: "ENABLED" | "PENDING_ENABLE" | "PENDING_DISABLE" }[];
  ous: { id: string; name: string; parentId: string; tags?: Record<string, string> }[];
  accounts: FakeAccount[];
  trustedServices: string[];
  delegatedAdmins: { accountId: string; services: string[] }[];
  policies: { id: string; name: string; type: string; awsManaged: boolean; targets: string[] }[];
  trails: { Name: string; HomeRegion: string; IsOrganizationTrail: boolean; IsMultiRegionTrail: boolean; S3BucketName: string }[];
  guardDutyAdmins: string[];
  securityHubAdmins: string[];
  /** Recorders in the management account. */
  recorders: string[];
  aggregators: { name: string; organization: boolean; sources: { accountId: string; region: string; status: "SUCCEEDED" | "FAILED" | "OUTDATED" }[] }[];
  analyzers: { name: string; type: string }[];
  identityCenter: string[];
  securityContact?: { Name: string; Title: string; EmailAddress: string; PhoneNumber: string };
}

const MGMT = "111111111111";

/** A small organization laid out as orgstrap would build it: Security OU with the two core accounts, a workload OU. */
export const CLEAN: FakeOrg = {
  id: "o-clean12345",
  featureSet: "ALL",
  management: { id: MGMT, name: "Management", email: "aws-management@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "r-ab12" },
  rootId: "r-ab12",
  rootPolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
  ous: [
    { id: "ou-ab12-sec00001", name: "Security", parentId: "r-ab12" },
    { id: "ou-ab12-wrk00001", name: "Workloads", parentId: "r-ab12" },
    { id: "ou-ab12-prd00001", name: "Prod", parentId: "ou-ab12-wrk00001" },
  ],
  accounts: [
    { id: "222222222222", name: "Security", email: "aws-security@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-ab12-sec00001" },
    { id: "333333333333", name: "Log Archive", email: "aws-log-archive@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-ab12-sec00001" },
    { id: "444444444444", name: "Prod App", email: "aws-prod-app@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-ab12-prd00001" },
  ],
  trustedServices: ["sso.amazonaws.com"],
  delegatedAdmins: [],
  policies: [{ id: "p-FullAWSAccess", name: "FullAWSAccess", type: "SERVICE_CONTROL_POLICY", awsManaged: true, targets: ["r-ab12"] }],
  trails: [],
  guardDutyAdmins: [],
  securityHubAdmins: [],
  recorders: [],
  aggregators: [{ name: "org-aggregator", organization: true, sources: [] }],
  analyzers: [],
  identityCenter: [],
  securityContact: { Name: "Security Team", Title: "Security Operations", EmailAddress: "aws-security-contact@example.com", PhoneNumber: "+1 555 0100" },
};

/**
 * An organization grown by hand: tag policies on, OUs named otherwise (and tagged), an account under the root, a
 * suspended and an invited account, an organization trail named like orgstrap's, GuardDuty administered by a workload
 * account, a Config recorder in management and one in a member, a custom SCP named like orgstrap's, the root's SCP
 * slots nearly full, and Identity Center in use.
 */
export const MESSY: FakeOrg = {
  id: "o-messy12345",
  featureSet: "ALL",
  management: { id: MGMT, name: "Payer", email: "payer@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "r-mx99" },
  rootId: "r-mx99",
  rootPolicyTypes: [
    { Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" },
    { Type: "TAG_POLICY", Status: "ENABLED" },
  ],
  ous: [
    { id: "ou-mx99-aud00001", name: "Sec & Audit", parentId: "r-mx99" },
    { id: "ou-mx99-wrk00001", name: "Workloads", parentId: "r-mx99", tags: { team: "platform" } },
    { id: "ou-mx99-sus00001", name: "Suspended", parentId: "r-mx99" },
  ],
  accounts: [
    { id: "222222222222", name: "Audit", email: "audit@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-mx99-aud00001" },
    { id: "333333333333", name: "Log Archive", email: "logs@example.com", status: "ACTIVE", joinedMethod: "INVITED", parentId: "ou-mx99-aud00001" },
    { id: "444444444444", name: "Prod", email: "prod@example.com", status: "ACTIVE", joinedMethod: "CREATED", parentId: "ou-mx99-wrk00001", tags: { "cost-center": "42" } },
    { id: "555555555555", name: "legacy-app", email: "legacy@example.com", status: "ACTIVE", joinedMethod: "INVITED", parentId: "r-mx99" },
    { id: "666666666666", name: "old", email: "old@example.com", status: "SUSPENDED", joinedMethod: "CREATED", parentId: "ou-mx99-sus00001" },
  ],
  trustedServices: ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "ram.amazonaws.com", "tagpolicies.tag.amazonaws.com"],
  delegatedAdmins: [{ accountId: "444444444444", services: ["guardduty.amazonaws.com"] }],
  policies: [
    { id: "p-FullAWSAccess", name: "FullAWSAccess", type: "SERVICE_CONTROL_POLICY", awsManaged: true, targets: ["r-mx99", "ou-mx99-aud00001", "ou-mx99-wrk00001"] },
    { id: "p-mx99leave1", name: "DenyLeaveOrganization", type: "SERVICE_CONTROL_POLICY", awsManaged: false, targets: ["r-mx99"] },
    { id: "p-mx99region", name: "RegionLock", type: "SERVICE_CONTROL_POLICY", awsManaged: false, targets: ["r-mx99"] },
    { id: "p-mx99noiam1", name: "NoIAMUsers", type: "SERVICE_CONTROL_POLICY", awsManaged: false, targets: ["r-mx99"] },
    { id: "p-mx99tags01", name: "Tagging", type: "TAG_POLICY", awsManaged: false, targets: ["r-mx99"] },
  ],
  trails: [
    { Name: "organization-trail", HomeRegion: "us-east-1", IsOrganizationTrail: true, IsMultiRegionTrail: true, S3BucketName: "acme-cloudtrail" },
    { Name: "management-only", HomeRegion: "us-east-1", IsOrganizationTrail: false, IsMultiRegionTrail: false, S3BucketName: "acme-mgmt-trail" },
  ],
  guardDutyAdmins: ["444444444444"],
  securityHubAdmins: [],
  recorders: ["default"],
  aggregators: [
    {
      name: "acme-org",
      organization: true,
      sources: [
        { accountId: "444444444444", region: "us-east-1", status: "SUCCEEDED" },
        { accountId: "555555555555", region: "us-east-1", status: "SUCCEEDED" },
        { accountId: "222222222222", region: "us-east-1", status: "FAILED" },
      ],
    },
  ],
  analyzers: [{ name: "acme-account-analyzer", type: "ACCOUNT" }],
  identityCenter: ["arn:aws:sso:::instance/ssoins-72231234abcd5678"],
};

/** The mocks of one run, to reset and to inspect the calls made. */
export interface OrgMocks {
  readonly restore: () => void;
  readonly sts: ReturnType<typeof mockClient>;
  readonly organizations: ReturnType<typeof mockClient>;
  /** Every command name sent, to assert that discover only reads. */
  readonly commandsSent: () => string[];
}

/** Answers every call discover makes from the fixture. */
export function mockOrganization(org: FakeOrg): OrgMocks {
  const all = [...org.accounts, org.management];
  const sts = mockClient(STSClient);
  sts.on(GetCallerIdentityCommand).resolves({ Account: org.management.id, Arn: `arn:aws:iam::${org.management.id}:role/Admin`, UserId: "AROAEXAMPLE" });
  const o = mockClient(OrganizationsClient);
  o.on(DescribeOrganizationCommand).resolves({
    Organization: {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.management.id}:organization/${org.id}`,
      FeatureSet: org.featureSet,
      MasterAccountId: org.management.id,
      MasterAccountEmail: org.management.email,
    },
  });
  o.on(ListRootsCommand).resolves({ Roots: [{ Id: org.rootId, Name: "Root", PolicyTypes: org.rootPolicyTypes.map((t) => ({ Type: t.Type as PolicyType, Status: t.Status })) }] });
  o.on(ListOrganizationalUnitsForParentCommand).callsFake((input: { ParentId: string }) => ({
    OrganizationalUnits: org.ous.filter((u) => u.parentId === input.ParentId).map((u) => ({ Id: u.id, Name: u.name, Arn: `arn:ou/${u.id}` })),
  }));
  // Two pages for the root, so pagination is exercised.
  o.on(ListAccountsForParentCommand).callsFake((input: { ParentId: string; NextToken?: string }) => {
    const listed = all.filter((a) => a.parentId === input.ParentId).map((a) => ({ Id: a.id, Name: a.name, Email: a.email, Status: a.status, JoinedMethod: a.joinedMethod }));
    if (input.ParentId !== org.rootId) return { Accounts: listed };
    return input.NextToken === "page-2" ? { Accounts: listed.slice(1) } : { Accounts: listed.slice(0, 1), NextToken: listed.length > 1 ? "page-2" : undefined };
  });
  o.on(ListTagsForResourceCommand).callsFake((input: { ResourceId: string }) => {
    const tags = org.ous.find((u) => u.id === input.ResourceId)?.tags ?? all.find((a) => a.id === input.ResourceId)?.tags ?? {};
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  });
  o.on(ListAWSServiceAccessForOrganizationCommand).resolves({ EnabledServicePrincipals: org.trustedServices.map((ServicePrincipal) => ({ ServicePrincipal })) });
  o.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: org.delegatedAdmins.map((d) => ({ Id: d.accountId })) });
  o.on(ListDelegatedServicesForAccountCommand).callsFake((input: { AccountId: string }) => ({
    DelegatedServices: (org.delegatedAdmins.find((d) => d.accountId === input.AccountId)?.services ?? []).map((ServicePrincipal) => ({ ServicePrincipal })),
  }));
  o.on(ListPoliciesCommand).callsFake((input: { Filter: string }) => ({
    Policies: org.policies.filter((p) => p.type === input.Filter).map((p) => ({ Id: p.id, Name: p.name, Type: p.type, AwsManaged: p.awsManaged })),
  }));
  o.on(ListTargetsForPolicyCommand).callsFake((input: { PolicyId: string }) => ({
    Targets: (org.policies.find((p) => p.id === input.PolicyId)?.targets ?? []).map((TargetId) => ({ TargetId })),
  }));
  const ct = mockClient(CloudTrailClient);
  ct.on(DescribeTrailsCommand).resolves({
    trailList: org.trails.map((t) => ({ ...t, TrailARN: `arn:aws:cloudtrail:${t.HomeRegion}:${org.management.id}:trail/${t.Name}` })),
  });
  const gd = mockClient(GuardDutyClient);
  gd.on(ListGuardDutyAdmins).resolves({ AdminAccounts: org.guardDutyAdmins.map((AdminAccountId) => ({ AdminAccountId, AdminStatus: "ENABLED" })) });
  const sh = mockClient(SecurityHubClient);
  sh.on(ListSecurityHubAdmins).resolves({ AdminAccounts: org.securityHubAdmins.map((AccountId) => ({ AccountId, Status: "ENABLED" })) });
  const cfg = mockClient(ConfigServiceClient);
  cfg.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: org.recorders.map((name) => ({ name })) });
  cfg.on(DescribeConfigurationAggregatorsCommand).resolves({
    ConfigurationAggregators: org.aggregators.map((a) => ({
      ConfigurationAggregatorName: a.name,
      ...(a.organization ? { OrganizationAggregationSource: { RoleArn: `arn:aws:iam::${org.management.id}:role/config-agg`, AllAwsRegions: true } } : {}),
    })),
  });
  cfg.on(DescribeConfigurationAggregatorSourcesStatusCommand).callsFake((input: { ConfigurationAggregatorName: string }) => ({
    AggregatedSourceStatusList: (org.aggregators.find((a) => a.name === input.ConfigurationAggregatorName)?.sources ?? []).map((s) => ({
      SourceId: s.accountId,
      SourceType: "ACCOUNT",
      AwsRegion: s.region,
      LastUpdateStatus: s.status,
    })),
  }));
  const aa = mockClient(AccessAnalyzerClient);
  aa.on(ListAnalyzersCommand).resolves({ analyzers: org.analyzers.map((a) => ({ name: a.name, type: a.type as AnalyzerType, arn: `arn:aa/${a.name}`, createdAt: new Date(0), status: "ACTIVE" })) });
  const sso = mockClient(SSOAdminClient);
  sso.on(ListInstancesCommand).resolves({ Instances: org.identityCenter.map((InstanceArn) => ({ InstanceArn, OwnerAccountId: org.management.id })) });
  const acct = mockClient(AccountClient);
  if (org.securityContact) acct.on(GetAlternateContactCommand).resolves({ AlternateContact: { ...org.securityContact, AlternateContactType: "SECURITY" } });
  else acct.on(GetAlternateContactCommand).rejects(Object.assign(new Error("No contact of the inputted alternate contact type found."), { name: "ResourceNotFoundException" }));

  const mocks = [sts, o, ct, gd, sh, cfg, aa, sso, acct];
  return {
    restore: () => mocks.forEach((m) => m.restore()),
    sts,
    organizations: o,
    commandsSent: () => mocks.flatMap((m) => m.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)),
  };
}
