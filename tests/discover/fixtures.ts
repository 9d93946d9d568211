// Live organizations as the AWS SDK v3 answers for them, served by aws-sdk-client-mock: no network. A fixture describes
// the organization once; `mockOrganization` answers every read-only call discover makes from it. It mocks the client
// instances discover builds (through its client factory), never a client class: other specs mock those for themselves.
import { mockClient } from "aws-sdk-client-mock";
import type { ClientFactory } from "../../lib/discover/read";
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
    {
      id: "444444444444",
      name: "Prod",
      email: "prod@example.com",
      status: "ACTIVE",
      joinedMethod: "CREATED",
      parentId: "ou-mx99-wrk00001",
      tags: { "cost-center": "42" },
    },
    { id: "555555555555", name: "legacy-app", email: "legacy@example.com", status: "ACTIVE", joinedMethod: "INVITED", parentId: "r-mx99" },
    { id: "666666666666", name: "old", email: "old@example.com", status: "SUSPENDED", joinedMethod: "CREATED", parentId: "ou-mx99-sus00001" },
  ],
  trustedServices: ["cloudtrail.amazonaws.com", "guardduty.amazonaws.com", "ram.amazonaws.com", "tagpolicies.tag.amazonaws.com"],
  delegatedAdmins: [{ accountId: "444444444444", services: ["guardduty.amazonaws.com"] }],
  policies: [
    {
      id: "p-FullAWSAccess",
      name: "FullAWSAccess",
      type: "SERVICE_CONTROL_POLICY",
      awsManaged: true,
      targets: ["r-mx99", "ou-mx99-aud00001", "ou-mx99-wrk00001"],
    },
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

/** A mocked client instance: what `on(...)` is called on. */
type Stub = ReturnType<typeof mockClient>;

/** The mocks of one run: the client factory to read with, and the calls made. */
export interface OrgMocks {
  /** Pass to readOrganization ({ clients }): every client it builds answers from the fixture. */
  readonly clients: ClientFactory;
  /** Every command name sent, to assert that discover only reads. */
  readonly commandsSent: () => string[];
}

/** Changes to the fixture's answers, per client class name (e.g. `STSClient`), applied after the fixture's. */
export type Overrides = Readonly<Record<string, (stub: Stub) => void>>;

/** Answers every call discover makes from the fixture. */
export function mockOrganization(org: FakeOrg, overrides: Overrides = {}): OrgMocks {
  const all = [...org.accounts, org.management];
  const answer = new Map<unknown, (stub: Stub) => void>([
    [
      STSClient,
      (m) =>
        m.on(GetCallerIdentityCommand).resolves({ Account: org.management.id, Arn: `arn:aws:iam::${org.management.id}:role/Admin`, UserId: "AROAEXAMPLE" }),
    ],
    [
      OrganizationsClient,
      (o) => {
        o.on(DescribeOrganizationCommand).resolves({
          Organization: {
            Id: org.id,
            Arn: `arn:aws:organizations::${org.management.id}:organization/${org.id}`,
            FeatureSet: org.featureSet,
            MasterAccountId: org.management.id,
            MasterAccountEmail: org.management.email,
          },
        });
        o.on(ListRootsCommand).resolves({
          Roots: [{ Id: org.rootId, Name: "Root", PolicyTypes: org.rootPolicyTypes.map((t) => ({ Type: t.Type as PolicyType, Status: t.Status })) }],
        });
        o.on(ListOrganizationalUnitsForParentCommand).callsFake((input: { ParentId: string }) => ({
          OrganizationalUnits: org.ous.filter((u) => u.parentId === input.ParentId).map((u) => ({ Id: u.id, Name: u.name, Arn: `arn:ou/${u.id}` })),
        }));
        // Two pages for the root, so pagination is exercised.
        o.on(ListAccountsForParentCommand).callsFake((input: { ParentId: string; NextToken?: string }) => {
          const listed = all
            .filter((a) => a.parentId === input.ParentId)
            .map((a) => ({ Id: a.id, Name: a.name, Email: a.email, Status: a.status, JoinedMethod: a.joinedMethod }));
          if (input.ParentId !== org.rootId) return { Accounts: listed };
          return input.NextToken === "page-2"
            ? { Accounts: listed.slice(1) }
            : { Accounts: listed.slice(0, 1), NextToken: listed.length > 1 ? "page-2" : undefined };
        });
        o.on(ListTagsForResourceCommand).callsFake((input: { ResourceId: string }) => {
          const tags = org.ous.find((u) => u.id === input.ResourceId)?.tags ?? all.find((a) => a.id === input.ResourceId)?.tags ?? {};
          return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
        });
        o.on(ListAWSServiceAccessForOrganizationCommand).resolves({
          EnabledServicePrincipals: org.trustedServices.map((ServicePrincipal) => ({ ServicePrincipal })),
        });
        o.on(ListDelegatedAdministratorsCommand).resolves({ DelegatedAdministrators: org.delegatedAdmins.map((d) => ({ Id: d.accountId })) });
        o.on(ListDelegatedServicesForAccountCommand).callsFake((input: { AccountId: string }) => ({
          DelegatedServices: (org.delegatedAdmins.find((d) => d.accountId === input.AccountId)?.services ?? []).map((ServicePrincipal) => ({
            ServicePrincipal,
          })),
        }));
        o.on(ListPoliciesCommand).callsFake((input: { Filter: string }) => ({
          Policies: org.policies.filter((p) => p.type === input.Filter).map((p) => ({ Id: p.id, Name: p.name, Type: p.type, AwsManaged: p.awsManaged })),
        }));
        o.on(ListTargetsForPolicyCommand).callsFake((input: { PolicyId: string }) => ({
          Targets: (org.policies.find((p) => p.id === input.PolicyId)?.targets ?? []).map((TargetId) => ({ TargetId })),
        }));
      },
    ],
    [
      CloudTrailClient,
      (m) =>
        m
          .on(DescribeTrailsCommand)
          .resolves({ trailList: org.trails.map((t) => ({ ...t, TrailARN: `arn:aws:cloudtrail:${t.HomeRegion}:${org.management.id}:trail/${t.Name}` })) }),
    ],
    [
      GuardDutyClient,
      (m) => m.on(ListGuardDutyAdmins).resolves({ AdminAccounts: org.guardDutyAdmins.map((AdminAccountId) => ({ AdminAccountId, AdminStatus: "ENABLED" })) }),
    ],
    [
      SecurityHubClient,
      (m) => m.on(ListSecurityHubAdmins).resolves({ AdminAccounts: org.securityHubAdmins.map((AccountId) => ({ AccountId, Status: "ENABLED" })) }),
    ],
    [
      ConfigServiceClient,
      (m) => {
        m.on(DescribeConfigurationRecordersCommand).resolves({ ConfigurationRecorders: org.recorders.map((name) => ({ name })) });
        m.on(DescribeConfigurationAggregatorsCommand).resolves({
          ConfigurationAggregators: org.aggregators.map((a) => ({
            ConfigurationAggregatorName: a.name,
            ...(a.organization ? { OrganizationAggregationSource: { RoleArn: `arn:aws:iam::${org.management.id}:role/config-agg`, AllAwsRegions: true } } : {}),
          })),
        });
        m.on(DescribeConfigurationAggregatorSourcesStatusCommand).callsFake((input: { ConfigurationAggregatorName: string }) => ({
          AggregatedSourceStatusList: (org.aggregators.find((a) => a.name === input.ConfigurationAggregatorName)?.sources ?? []).map((s) => ({
            SourceId: s.accountId,
            SourceType: "ACCOUNT",
            AwsRegion: s.region,
            LastUpdateStatus: s.status,
          })),
        }));
      },
    ],
    [
      AccessAnalyzerClient,
      (m) =>
        m.on(ListAnalyzersCommand).resolves({
          analyzers: org.analyzers.map((a) => ({
            name: a.name,
            type: a.type as AnalyzerType,
            arn: `arn:aa/${a.name}`,
            createdAt: new Date(0),
            status: "ACTIVE",
          })),
        }),
    ],
    [
      SSOAdminClient,
      (m) => m.on(ListInstancesCommand).resolves({ Instances: org.identityCenter.map((InstanceArn) => ({ InstanceArn, OwnerAccountId: org.management.id })) }),
    ],
    [
      AccountClient,
      (m) =>
        org.securityContact
          ? m.on(GetAlternateContactCommand).resolves({ AlternateContact: { ...org.securityContact, AlternateContactType: "SECURITY" } })
          : m
              .on(GetAlternateContactCommand)
              .rejects(Object.assign(new Error("No contact of the inputted alternate contact type found."), { name: "ResourceNotFoundException" })),
    ],
  ]);
  const stubs: Stub[] = [];
  const clients: ClientFactory = (Ctor, config) => {
    const client = new Ctor(config);
    // An own `send` first: mockClient(instance) restores whatever `send` the instance sees if it is a stub, and another
    // spec may have stubbed the class's prototype (mockClient(STSClient)); that stub must survive this one.
    Object.defineProperty(client, "send", { value: () => Promise.reject(new Error("not answered by the fixture")), writable: true, configurable: true });
    const stub = mockClient(client as unknown as Parameters<typeof mockClient>[0]) as Stub;
    const name = (Ctor as unknown as { name: string }).name;
    const configure = answer.get(Ctor);
    if (!configure) throw new Error(`the fixture has no answers for ${name}`);
    configure(stub);
    overrides[name]?.(stub);
    stubs.push(stub);
    return client;
  };
  return {
    clients,
    commandsSent: () => stubs.flatMap((m) => m.calls().map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)),
  };
}
