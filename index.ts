// orgstrap: the wiring diagram of the landing zone. Config in, components in dependency order, outputs out.
import { loadOrgConfig } from "./lib/pulumiConfig";
import { Organization } from "./components/organization";
import { OrganizationalUnits } from "./components/organizationalUnits";
import { Accounts } from "./components/accounts";
import { Guardrails } from "./components/guardrails";
import { LogArchive } from "./components/logArchive";
import { OrganizationTrail, trailArnFor } from "./components/organizationTrail";
import { TrailAlarms } from "./components/trailAlarms";
import { ThreatDetection } from "./components/threatDetection";
import { SecurityPosture } from "./components/securityPosture";
import { ConfigArchive } from "./components/configArchive";
import { ConfigRecording, RECORDER_NAME } from "./components/configRecording";
import { DEFAULT_ROLLOUT, FutureAccounts, RECORDER_ROLE_PREFIX, stackSetReach } from "./components/futureAccounts";
import { AccessAnalyzer } from "./components/accessAnalyzer";
import { AccountBaseline } from "./components/accountBaseline";
import { RootAccess } from "./components/rootAccess";
import { CloudTrailDelegation } from "./components/cloudTrailDelegation";
import { AdminAccess } from "./components/adminAccess";
import { SecurityAlerts } from "./components/securityAlerts";
import { CostControls } from "./components/costControls";
import { MANAGEMENT_ACCOUNT } from "./lib/config";

// 0. Config: validated as a whole before any resource is registered.
const { config: cfg, catalog } = loadOrgConfig();
const securityKey = cfg.securityAccountKey;
const logArchiveKey = cfg.logArchiveAccountKey;

// 1. Organization: feature set ALL, trusted access, SCP and RCP policy types.
const org = new Organization("org", {
  trustedServices: cfg.organization.trustedServices,
  protect: cfg.organization.protect,
  importId: cfg.organization.importId,
});

// 2. OUs, parents first.
const ous = new OrganizationalUnits("ous", { rootId: org.rootId, units: cfg.organizationalUnits, protect: cfg.organization.protect });

// 3. Accounts, each with a provider into it.
const accounts = new Accounts("accounts", {
  accounts: cfg.accounts,
  ouIds: ous.idsByKey,
  homeRegion: cfg.homeRegion,
  partition: cfg.partition,
});
const securityAccountId = accounts.idsByKey[securityKey];
const logArchiveAccountId = accounts.idsByKey[logArchiveKey];

// 4. Guardrails: SCPs and RCPs on the root, OUs and accounts.
const guardrails = new Guardrails(
  "guardrails",
  {
    catalog,
    parameters: cfg.guardrails.parameters,
    attachments: cfg.guardrails.attachments,
    targetIds: { root: org.rootId, ...ous.idsByKey, ...accounts.idsByKey },
    organization: org.organization,
  },
);

// 5. Audit: the Log-Archive bucket and key (in Log Archive), then the organization trail (in management).
const trailArn = trailArnFor(cfg.partition, cfg.homeRegion, org.managementAccountId, cfg.trail.name);
const logArchive = new LogArchive(
  "log-archive",
  {
    bucketName: logArchiveAccountId.apply((id) => `${cfg.guardrails.parameters.LogArchiveBucketPrefix}${id}`),
    region: cfg.homeRegion,
    partition: cfg.partition,
    logArchiveAccountId,
    managementAccountId: org.managementAccountId,
    organizationId: org.organizationId,
    trailArn,
    readerAccountIds: [securityAccountId],
    kmsKeyDeletionWindowDays: cfg.trail.kmsKeyDeletionWindowDays,
    objectLockRetentionDays: cfg.trail.objectLockRetentionDays,
    transitionToGlacierDays: cfg.trail.transitionToGlacierDays,
    expireAfterDays: cfg.trail.expireAfterDays,
  },
  { provider: accounts.providerFor(logArchiveKey) },
);
// CIS 4.1-4.15: the trail also delivers to CloudWatch Logs in the management account, where metric alarms email the team.
const trailAlarms =
  cfg.alerts.enabled && cfg.alerts.cisAlarms && cfg.alerts.email
    ? new TrailAlarms("cis-alarms", {
        partition: cfg.partition,
        region: cfg.homeRegion,
        managementAccountId: org.managementAccountId,
        organizationId: org.organizationId,
        namePrefix: cfg.namePrefix,
        logRetentionDays: cfg.alerts.trailLogRetentionDays,
        email: cfg.alerts.email,
      })
    : undefined;
const trail = new OrganizationTrail(
  "audit",
  {
    trailName: cfg.trail.name,
    region: cfg.homeRegion,
    bucketName: logArchive.bucketName,
    kmsKeyArn: logArchive.keyArn,
    cloudWatchLogs: trailAlarms?.trailDelivery,
    // CloudTrail checks the delivery role when the trail is created, as it checks the bucket and key policies.
    waitFor: [logArchive.bucketPolicy, logArchive.key, org.organization, ...(trailAlarms ? [trailAlarms.rolePolicy] : [])],
  },
);

// 6. Threat detection and posture, delegated to the Security account in every governed Region.
const threatDetection = cfg.guardDuty.enabled
  ? new ThreatDetection(
      "guardduty",
      {
        regions: cfg.governedRegions,
        securityAccountId,
        securityProvider: accounts.providerFor(securityKey),
        features: cfg.guardDuty.features,
        findingPublishingFrequency: cfg.guardDuty.findingPublishingFrequency,
        organization: org.organization,
      },
    )
  : undefined;
const securityPosture = cfg.securityHub.enabled
  ? new SecurityPosture(
      "securityhub",
      {
        regions: cfg.governedRegions,
        partition: cfg.partition,
        securityAccountId,
        securityProvider: accounts.providerFor(securityKey),
        standards: cfg.securityHub.standards,
        rootId: org.rootId,
        organization: org.organization,
      },
    )
  : undefined;

// 7. AWS Config: a Config bucket in Log Archive, delegation and the organization aggregator in Security, the
//    management account's recorders; member accounts record through the StackSet of section 8 (one mechanism each).
const recordsItself = (key: string) => !cfg.awsConfig.existingRecorderAccounts.includes(key);
const configArchive = cfg.awsConfig.enabled
  ? new ConfigArchive(
      "config-archive",
      {
        bucketName: logArchiveAccountId.apply((id) => `${cfg.namePrefix}-config-${id}`),
        region: cfg.homeRegion,
        partition: cfg.partition,
        organizationId: org.organizationId,
        localRecorderRoleArnPattern: logArchiveAccountId.apply((id) => `arn:${cfg.partition}:iam::${id}:role/${RECORDER_ROLE_PREFIX}*`),
        readerAccountIds: [securityAccountId],
        expireAfterDays: cfg.awsConfig.expireAfterDays,
      },
      { provider: accounts.providerFor(logArchiveKey) },
    )
  : undefined;
const configRecording = configArchive
  ? new ConfigRecording("config", {
      regions: cfg.governedRegions,
      partition: cfg.partition,
      securityAccountId,
      securityProvider: accounts.providerFor(securityKey),
      bucketName: configArchive.bucketName,
      bucketPolicy: configArchive.bucketPolicy,
      recordManagementAccount: recordsItself(MANAGEMENT_ACCOUNT),
      snapshotDeliveryFrequency: cfg.awsConfig.snapshotDeliveryFrequency,
      organization: org.organization,
    })
  : undefined;

// 8. Future accounts: a service-managed StackSet carries AWS Config recording and the account settings to every member
//    account of the target OUs, those created later outside this program included, in every governed Region.
const excludedFromStackSet = cfg.accounts.filter((a) => !recordsItself(a.key)).map((a) => a.key);
const reach = stackSetReach(cfg.organizationalUnits, cfg.accounts, cfg.futureAccounts.organizationalUnits, excludedFromStackSet);
const futureAccounts =
  configArchive && cfg.futureAccounts.enabled
    ? new FutureAccounts("future-accounts", {
        regions: cfg.governedRegions,
        targets: cfg.futureAccounts.organizationalUnits.map((k) => ({ key: k, id: ous.idsByKey[k], knownAccounts: reach.knownAccounts[k] })),
        excludedAccountIds: excludedFromStackSet.map((k) => accounts.idsByKey[k]),
        configBucketName: configArchive.bucketName,
        recorderName: RECORDER_NAME,
        snapshotDeliveryFrequency: cfg.awsConfig.snapshotDeliveryFrequency,
        accountSettings:
          cfg.baseline.enabled && cfg.baseline.securityContact
            ? { passwordPolicy: cfg.baseline.passwordPolicy, securityContact: cfg.baseline.securityContact }
            : undefined,
        rollout: DEFAULT_ROLLOUT,
        organization: org.organization,
        waitFor: [configArchive.bucketPolicy],
      })
    : undefined;

// 9. IAM Access Analyzer, delegated to the Security account: external access per Region, unused access once.
const accessAnalyzer = cfg.accessAnalyzer.enabled
  ? new AccessAnalyzer("access-analyzer", {
      regions: cfg.governedRegions,
      securityAccountId,
      securityProvider: accounts.providerFor(securityKey),
      unusedAccessAgeDays: cfg.accessAnalyzer.unusedAccessAgeDays,
      organization: org.organization,
    })
  : undefined;

// 10. Account baselines from Pulumi: the management account, which StackSets never reach, and any account in config the
//     StackSet of section 8 does not reach (none unless it is off or leaves the account out): one owner per setting.
if (cfg.baseline.enabled && cfg.baseline.securityContact) {
  const fromStackSet = (key: string) => futureAccounts !== undefined && reach.reached.has(key);
  new AccountBaseline("baseline", {
    accounts: [
      { key: MANAGEMENT_ACCOUNT },
      ...cfg.accounts
        .filter((a) => !fromStackSet(a.key))
        .map((a) => ({ key: a.key, accountId: accounts.idsByKey[a.key], provider: accounts.providerFor(a.key) })),
    ],
    regions: cfg.governedRegions,
    passwordPolicy: cfg.baseline.passwordPolicy,
    securityContact: cfg.baseline.securityContact,
    organization: org.organization,
  });
}

// 11. Central root access management: no root credentials in member accounts, root sessions on demand.
const rootAccess = cfg.rootAccess.enabled ? new RootAccess("root-access", { organization: org.organization }) : undefined;

// 12. CloudTrail delegated administration to the Security account.
if (cfg.trail.delegateToSecurity) new CloudTrailDelegation("cloudtrail-delegation", { securityAccountId, organization: org.organization });

// 13. Admin access with MFA enforced: Identity Center permission sets on every account, or an MFA-required IAM admin group.
const ic = cfg.adminAccess.identityCenter;
const adminAccess = cfg.adminAccess.enabled
  ? new AdminAccess("admin-access", {
      partition: cfg.partition,
      identityCenter: ic ? { instanceArn: ic.instanceArn, region: ic.region ?? cfg.homeRegion, groups: ic.groups } : undefined,
      sessionDuration: cfg.adminAccess.sessionDuration,
      accountIds: accounts.idsByKey,
      groupName: `${cfg.namePrefix}-admins`,
      organization: org.organization,
    })
  : undefined;

// 14. Security alerts: root activity and high-severity GuardDuty findings, emailed from the Security account.
const securityAlerts =
  cfg.alerts.enabled && cfg.alerts.email && threatDetection && securityPosture
    ? new SecurityAlerts(
        "security-alerts",
        {
          partition: cfg.partition,
          region: cfg.homeRegion,
          securityAccountId,
          topicName: `${cfg.namePrefix}-security-alerts`,
          email: cfg.alerts.email,
        },
        { provider: accounts.providerFor(securityKey) },
      )
    : undefined;

// 15. Cost: a monthly budget and a CUR 2.0 export, in the management account (it pays for the organization).
const budget = cfg.budget;
const costControls =
  (budget.enabled && budget.monthlyLimitUsd && budget.emails) || cfg.costExport.enabled
    ? new CostControls("cost", {
        partition: cfg.partition,
        region: cfg.homeRegion,
        managementAccountId: org.managementAccountId,
        budget:
          budget.enabled && budget.monthlyLimitUsd && budget.emails
            ? { name: `${cfg.namePrefix}-monthly`, monthlyLimitUsd: budget.monthlyLimitUsd, thresholdsPercent: budget.thresholdsPercent, emails: budget.emails }
            : undefined,
        costExport: cfg.costExport.enabled
          ? { name: `${cfg.namePrefix}-cur2`, bucketName: org.managementAccountId.apply((id) => `${cfg.namePrefix}-cur-${id}`), expireAfterDays: cfg.costExport.expireAfterDays }
          : undefined,
      })
    : undefined;

// Outputs
export const organizationId = org.organizationId;
export const rootId = org.rootId;
export const organizationalUnitIds = ous.idsByKey;
export const accountIds = accounts.idsByKey;
export const policyIds = guardrails.policyIds;
export const logArchiveBucketName = logArchive.bucketName;
export const trailKeyArn = logArchive.keyArn;
export const organizationTrailArn = trail.trailArn;
export const guardDutyDetectorIds = threatDetection?.detectorIds;
export const securityHubConfigurationPolicyId = securityPosture?.configurationPolicyId;
export const configBucketName = configArchive?.bucketName;
export const configAggregatorArn = configRecording?.aggregatorArn;
export const baselineStackSetName = futureAccounts?.stackSetName;
export const accessAnalyzerArns = accessAnalyzer ? { ...accessAnalyzer.externalAccessAnalyzerArns, unused: accessAnalyzer.unusedAccessAnalyzerArn } : undefined;
export const rootAccessFeatures = rootAccess?.enabledFeatures;
export const permissionSetArns = adminAccess?.permissionSetArns;
export const adminGroupArn = adminAccess?.adminGroupArn;
export const securityAlertsTopicArn = securityAlerts?.topicArn;
export const cisAlarmsTopicArn = trailAlarms?.topicArn;
export const budgetName = costControls?.budgetName;
export const costExportBucketName = costControls?.exportBucketName;
