// Reads a live organization with read-only calls (AWS SDK for JavaScript v3) into an OrgSnapshot. Every call names the
// IAM action it needs, so a denial or missing credentials ends in one clear message (docs/adopting.md lists them all).
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import {
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
  PolicyType,
} from "@aws-sdk/client-organizations";
import { CloudTrailClient, DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { GuardDutyClient, ListOrganizationAdminAccountsCommand as ListGuardDutyAdminsCommand } from "@aws-sdk/client-guardduty";
import { ListOrganizationAdminAccountsCommand as ListSecurityHubAdminsCommand, SecurityHubClient } from "@aws-sdk/client-securityhub";
import {
  ConfigServiceClient,
  DescribeConfigurationAggregatorsCommand,
  DescribeConfigurationAggregatorSourcesStatusCommand,
  DescribeConfigurationRecordersCommand,
} from "@aws-sdk/client-config-service";
import { AccessAnalyzerClient, ListAnalyzersCommand } from "@aws-sdk/client-accessanalyzer";
import { ListInstancesCommand, SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AccountClient, GetAlternateContactCommand } from "@aws-sdk/client-account";
import type { AwsCredentialIdentityProvider } from "@aws-sdk/types";
import type { LiveAccount, LiveOrganizationalUnit, LivePolicy, OrgSnapshot, Tags } from "./snapshot";

/** Discover cannot read the organization: no credentials, a denied action, or not the management account. Exit 2. */
export class DiscoverAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiscoverAccessError";
  }
}

/** Where and as whom to read. */
export interface ReadOptions {
  /** Named profile of the shared config files; otherwise the standard chain (environment, SSO, instance role). */
  readonly profile?: string;
  /** The home Region. */
  readonly region: string;
  /** Regions to read GuardDuty, Security Hub, Config and Access Analyzer in; the home Region is always read. */
  readonly regions?: readonly string[];
  /** For tests: builds each SDK client (specs mock the instances, not every client of the process). */
  readonly clients?: ClientFactory;
}

/** What each SDK client is built with. */
export interface ClientConfig {
  readonly region: string;
  readonly credentials: AwsCredentialIdentityProvider;
}

/** Builds one SDK client; the default is `new Ctor(config)`. */
export type ClientFactory = <C>(Ctor: new (config: ClientConfig) => C, config: ClientConfig) => C;

/** Every read-only IAM action discover calls: the policy docs/adopting.md prints. */
export const READ_ACTIONS = [
  "sts:GetCallerIdentity",
  "organizations:DescribeOrganization",
  "organizations:ListRoots",
  "organizations:ListOrganizationalUnitsForParent",
  "organizations:ListAccountsForParent",
  "organizations:ListTagsForResource",
  "organizations:ListAWSServiceAccessForOrganization",
  "organizations:ListDelegatedAdministrators",
  "organizations:ListDelegatedServicesForAccount",
  "organizations:ListPolicies",
  "organizations:ListTargetsForPolicy",
  "cloudtrail:DescribeTrails",
  "guardduty:ListOrganizationAdminAccounts",
  "securityhub:ListOrganizationAdminAccounts",
  "config:DescribeConfigurationRecorders",
  "config:DescribeConfigurationAggregators",
  "config:DescribeConfigurationAggregatorSourcesStatus",
  "access-analyzer:ListAnalyzers",
  "sso:ListInstances",
  "account:GetAlternateContact",
] as const;
type Action = (typeof READ_ACTIONS)[number];

// Error names the SDK gives a denial, an unusable identity or missing credentials.
const DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "AuthorizationErrorException", "AccessDeniedForDependencyException"]);
const BAD_IDENTITY = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
]);

/** Runs one SDK call; maps denials and credential failures to a DiscoverAccessError naming the action. */
async function call<T>(action: Action, where: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const name = (err as Error).name;
    const message = (err as Error).message;
    if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
      throw new DiscoverAccessError(
        `no AWS credentials: ${message}. Sign in (aws sso login), export credentials or pass --profile; discover needs the management account's read-only access`,
      );
    }
    if (DENIED.has(name)) {
      throw new DiscoverAccessError(
        `${action} was denied${where ? ` in ${where}` : ""}: ${message}. Grant the read-only actions listed in docs/adopting.md to the identity discover runs as`,
      );
    }
    if (BAD_IDENTITY.has(name)) throw new DiscoverAccessError(`${action}: the credentials are not usable (${name}: ${message})`);
    if (name === "AWSOrganizationsNotInUseException") {
      throw new DiscoverAccessError(`${action}: this account is not in an organization; nothing to adopt (create a new one with orgstrap and no importId)`);
    }
    throw err;
  }
}

/** Follows NextToken until the last page. */
async function pages<P extends { NextToken?: string }, T>(fetch: (token?: string) => Promise<P>, items: (page: P) => readonly T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(items(page) ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

// Organizations and the Account API are global services served from us-east-1 in the aws partition.
const GLOBAL_REGION = "us-east-1";

/** Reads the organization the credentials' management account runs. Read-only: every call is a Describe/List/Get. */
export async function readOrganization(opts: ReadOptions): Promise<OrgSnapshot> {
  const credentials = fromNodeProviderChain(opts.profile ? { profile: opts.profile } : {});
  const regions = [opts.region, ...(opts.regions ?? []).filter((r) => r !== opts.region)];
  const base = { credentials };
  const make: ClientFactory = opts.clients ?? ((Ctor, config) => new Ctor(config));
  const sts = make(STSClient, { ...base, region: opts.region });
  const org = make(OrganizationsClient, { ...base, region: GLOBAL_REGION });

  const caller = await call("sts:GetCallerIdentity", "", () => sts.send(new GetCallerIdentityCommand({})));
  const callerAccountId = caller.Account ?? "";
  const described = (await call("organizations:DescribeOrganization", "", () => org.send(new DescribeOrganizationCommand({})))).Organization;
  if (!described?.Id) throw new DiscoverAccessError("organizations:DescribeOrganization returned no organization");
  const organization = {
    id: described.Id,
    arn: described.Arn ?? "",
    featureSet: described.FeatureSet ?? "",
    managementAccountId: described.MasterAccountId ?? "",
    managementAccountEmail: described.MasterAccountEmail ?? "",
  };
  if (callerAccountId !== organization.managementAccountId) {
    throw new DiscoverAccessError(
      `discover runs as account ${callerAccountId}, a member of ${organization.id}; use the management account's credentials (${organization.managementAccountId}): orgstrap deploys from it and only it can list the whole organization`,
    );
  }

  const roots = await call("organizations:ListRoots", "", () =>
    pages(
      (NextToken) => org.send(new ListRootsCommand({ NextToken })),
      (p) => p.Roots,
    ),
  );
  const rootRaw = roots[0];
  if (!rootRaw?.Id) throw new DiscoverAccessError("organizations:ListRoots returned no root");
  const root = {
    id: rootRaw.Id,
    name: rootRaw.Name ?? "Root",
    enabledPolicyTypes: (rootRaw.PolicyTypes ?? [])
      .filter((t) => t.Status === "ENABLED")
      .map((t) => t.Type ?? "")
      .sort(),
  };

  const tagsOf = async (id: string): Promise<Tags> => {
    const tags = await call("organizations:ListTagsForResource", "", () =>
      pages(
        (NextToken) => org.send(new ListTagsForResourceCommand({ ResourceId: id, NextToken })),
        (p) => p.Tags,
      ),
    );
    return Object.fromEntries(tags.map((t) => [t.Key ?? "", t.Value ?? ""]));
  };

  // The tree, breadth first from the root: every parent is listed before its children.
  const organizationalUnits: LiveOrganizationalUnit[] = [];
  const accounts: LiveAccount[] = [];
  const queue = [root.id];
  while (queue.length > 0) {
    const parentId = queue.shift() as string;
    const ous = await call("organizations:ListOrganizationalUnitsForParent", "", () =>
      pages(
        (NextToken) => org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken })),
        (p) => p.OrganizationalUnits,
      ),
    );
    for (const ou of ous) {
      organizationalUnits.push({ id: ou.Id ?? "", name: ou.Name ?? "", parentId, tags: await tagsOf(ou.Id ?? "") });
      queue.push(ou.Id ?? "");
    }
    const members = await call("organizations:ListAccountsForParent", "", () =>
      pages(
        (NextToken) => org.send(new ListAccountsForParentCommand({ ParentId: parentId, NextToken })),
        (p) => p.Accounts,
      ),
    );
    for (const a of members) {
      if (a.Id === organization.managementAccountId) continue;
      accounts.push({
        id: a.Id ?? "",
        name: a.Name ?? "",
        email: a.Email ?? "",
        status: a.Status ?? "",
        joinedMethod: a.JoinedMethod ?? "",
        parentId,
        tags: await tagsOf(a.Id ?? ""),
      });
    }
  }

  const trustedServices = (
    await call("organizations:ListAWSServiceAccessForOrganization", "", () =>
      pages(
        (NextToken) => org.send(new ListAWSServiceAccessForOrganizationCommand({ NextToken })),
        (p) => p.EnabledServicePrincipals,
      ),
    )
  )
    .map((s) => s.ServicePrincipal ?? "")
    .sort();

  const admins = await call("organizations:ListDelegatedAdministrators", "", () =>
    pages(
      (NextToken) => org.send(new ListDelegatedAdministratorsCommand({ NextToken })),
      (p) => p.DelegatedAdministrators,
    ),
  );
  const delegatedAdministrators: Record<string, string[]> = {};
  for (const admin of admins) {
    const services = await call("organizations:ListDelegatedServicesForAccount", "", () =>
      pages(
        (NextToken) => org.send(new ListDelegatedServicesForAccountCommand({ AccountId: admin.Id, NextToken })),
        (p) => p.DelegatedServices,
      ),
    );
    for (const s of services) (delegatedAdministrators[s.ServicePrincipal ?? ""] ??= []).push(admin.Id ?? "");
  }

  // Policies of the types enabled on the root; a type that is not enabled has none attached.
  const policies: LivePolicy[] = [];
  for (const type of root.enabledPolicyTypes) {
    const listed = await call("organizations:ListPolicies", "", () =>
      pages(
        (NextToken) => org.send(new ListPoliciesCommand({ Filter: type as PolicyType, NextToken })),
        (p) => p.Policies,
      ),
    );
    for (const p of listed) {
      const targets = await call("organizations:ListTargetsForPolicy", "", () =>
        pages(
          (NextToken) => org.send(new ListTargetsForPolicyCommand({ PolicyId: p.Id, NextToken })),
          (page) => page.Targets,
        ),
      );
      policies.push({ id: p.Id ?? "", name: p.Name ?? "", type, awsManaged: p.AwsManaged ?? false, targetIds: targets.map((t) => t.TargetId ?? "") });
    }
  }

  // CloudTrail: the home Region's view includes multi-Region and organization trails from every Region (shadow trails).
  const trailList =
    (
      await call("cloudtrail:DescribeTrails", opts.region, () =>
        make(CloudTrailClient, { ...base, region: opts.region }).send(new DescribeTrailsCommand({ includeShadowTrails: true })),
      )
    ).trailList ?? [];
  const trails = trailList.map((t) => ({
    name: t.Name ?? "",
    arn: t.TrailARN ?? "",
    homeRegion: t.HomeRegion ?? "",
    isOrganizationTrail: t.IsOrganizationTrail ?? false,
    isMultiRegionTrail: t.IsMultiRegionTrail ?? false,
    s3BucketName: t.S3BucketName ?? "",
  }));

  const guardDutyAdmins = [];
  const securityHubAdmins = [];
  const configRecorders = [];
  const configAggregators = [];
  const accessAnalyzers = [];
  for (const region of regions) {
    const gd = make(GuardDutyClient, { ...base, region });
    for (const a of await call("guardduty:ListOrganizationAdminAccounts", region, () =>
      pages(
        (NextToken) => gd.send(new ListGuardDutyAdminsCommand({ NextToken })),
        (p) => p.AdminAccounts,
      ),
    )) {
      if (a.AdminStatus === "ENABLED") guardDutyAdmins.push({ accountId: a.AdminAccountId ?? "", region });
    }
    const sh = make(SecurityHubClient, { ...base, region });
    for (const a of await call("securityhub:ListOrganizationAdminAccounts", region, () =>
      pages(
        (NextToken) => sh.send(new ListSecurityHubAdminsCommand({ NextToken })),
        (p) => p.AdminAccounts,
      ),
    )) {
      if (a.Status === "ENABLED") securityHubAdmins.push({ accountId: a.AccountId ?? "", region });
    }
    const cfg = make(ConfigServiceClient, { ...base, region });
    const recorders =
      (await call("config:DescribeConfigurationRecorders", region, () => cfg.send(new DescribeConfigurationRecordersCommand({})))).ConfigurationRecorders ?? [];
    for (const r of recorders) configRecorders.push({ accountId: organization.managementAccountId, region, name: r.name ?? "" });
    const aggregators = await call("config:DescribeConfigurationAggregators", region, () =>
      pages(
        (NextToken) => cfg.send(new DescribeConfigurationAggregatorsCommand({ NextToken })),
        (p) => p.ConfigurationAggregators,
      ),
    );
    for (const agg of aggregators) {
      const organizationWide = agg.OrganizationAggregationSource !== undefined;
      configAggregators.push({ name: agg.ConfigurationAggregatorName ?? "", region, organizationWide });
      if (!organizationWide) continue;
      // An organization aggregator's sources are the member accounts and Regions that deliver Config data: they record.
      const sources = await call("config:DescribeConfigurationAggregatorSourcesStatus", region, () =>
        pages(
          (NextToken) =>
            cfg.send(new DescribeConfigurationAggregatorSourcesStatusCommand({ ConfigurationAggregatorName: agg.ConfigurationAggregatorName, NextToken })),
          (p) => p.AggregatedSourceStatusList,
        ),
      );
      for (const s of sources) {
        if (s.SourceType !== "ACCOUNT" || s.LastUpdateStatus !== "SUCCEEDED" || !s.SourceId || s.SourceId === organization.managementAccountId) continue;
        configRecorders.push({ accountId: s.SourceId, region: s.AwsRegion ?? region, name: "" });
      }
    }
    const aa = make(AccessAnalyzerClient, { ...base, region });
    for (const a of await call("access-analyzer:ListAnalyzers", region, () =>
      pages(
        (nextToken) => aa.send(new ListAnalyzersCommand({ nextToken })).then((p) => ({ ...p, NextToken: p.nextToken })),
        (p) => p.analyzers,
      ),
    )) {
      accessAnalyzers.push({ name: a.name ?? "", region, type: a.type ?? "" });
    }
  }

  const sso = make(SSOAdminClient, { ...base, region: opts.region });
  const instances = await call("sso:ListInstances", opts.region, () =>
    pages(
      (NextToken) => sso.send(new ListInstancesCommand({ NextToken })),
      (p) => p.Instances,
    ),
  );
  const identityCenterInstances = instances.map((i) => ({ instanceArn: i.InstanceArn ?? "", ownerAccountId: i.OwnerAccountId ?? "" }));

  let securityContact: OrgSnapshot["securityContact"];
  try {
    const contact = (
      await call("account:GetAlternateContact", "", () =>
        make(AccountClient, { ...base, region: GLOBAL_REGION }).send(new GetAlternateContactCommand({ AlternateContactType: "SECURITY" })),
      )
    ).AlternateContact;
    if (contact)
      securityContact = { name: contact.Name ?? "", title: contact.Title ?? "", email: contact.EmailAddress ?? "", phone: contact.PhoneNumber ?? "" };
  } catch (err) {
    // No SECURITY contact set: AWS answers ResourceNotFoundException.
    if ((err as Error).name !== "ResourceNotFoundException") throw err;
  }

  return {
    callerAccountId,
    homeRegion: opts.region,
    regions,
    organization,
    root,
    organizationalUnits,
    accounts,
    trustedServices,
    delegatedAdministrators,
    policies,
    trails,
    guardDutyAdmins,
    securityHubAdmins,
    configRecorders: dedupeRecorders(configRecorders),
    configAggregators,
    accessAnalyzers,
    identityCenterInstances,
    securityContact,
  };
}

function dedupeRecorders<T extends { accountId: string; region: string; name: string }>(list: T[]): T[] {
  const seen = new Map<string, T>();
  for (const r of list) if (!seen.has(`${r.accountId}/${r.region}`)) seen.set(`${r.accountId}/${r.region}`, r);
  return [...seen.values()];
}
