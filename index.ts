// orgstrap: the wiring diagram of the landing zone. Config in, components in dependency order, outputs out.
import * as awsProviderConfig from "@pulumi/aws/config";
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
import { FutureAccounts, stackSetReach } from "./components/futureAccounts";
import { AccessAnalyzer } from "./components/accessAnalyzer";
import { AccountBaseline } from "./components/accountBaseline";
import { RootAccess } from "./components/rootAccess";
import { CloudTrailDelegation } from "./components/cloudTrailDelegation";
import { AdminAccess } from "./components/adminAccess";
import { SecurityAlerts } from "./components/securityAlerts";
import { CostControls } from "./components/costControls";
import { INSTANCE, MANAGEMENT_KEY, recorderRolePrefix } from "./lib/naming";
import { withLiveAccounts, withLiveOus } from "./lib/adoption";

// 0. Config: validated as a whole before any resource is registered.
const { config: cfg, catalog } = loadOrgConfig();
const securityKey = cfg.securityAccountKey;
const logArchiveKey = cfg.logArchiveAccountKey;

// 1. Organization: feature set ALL, trusted access, SCP and RCP policy types.
const org = new Organization(INSTANCE.organization, {
  trustedServices: cfg.organization.trustedServices,
  protect: cfg.organization.protect,
  importId: cfg.organization.importId,
  extraPolicyTypes: cfg.organization.extraPolicyTypes,
});

// 2. OUs, parents first. (A discovered stack's first `pulumi up` runs adopt.ts instead of this file: docs/adopting.md.)
const ous = new OrganizationalUnits(INSTANCE.organizationalUnits, { rootId: org.rootId, units: withLiveOus(cfg, cfg.organizationalUnits) });

// 3. Accounts; an account something is deployed into gets a provider, behind a step that waits for its access role.
const accounts = new Accounts(INSTANCE.accounts, {
  accounts: withLiveAccounts(cfg, cfg.accounts),
  ouIds: ous.idsByKey,
  homeRegion: cfg.homeRegion,
  partition: cfg.partition,
  deployerProfile: awsProviderConfig.profile,
});
const securityAccountId = accounts.idsByKey[securityKey];
const logArchiveAccountId = accounts.idsByKey[logArchiveKey];

// 4. Guardrails: SCPs and RCPs on the root, OUs and accounts.
const guardrails = new Guardrails(INSTANCE.guardrails, {
  catalog,
  parameters: cfg.guardrails.parameters,
  attachments: cfg.guardrails.attachments,
  targetIds: { root: org.rootId, ...ous.idsByKey, ...accounts.idsByKey },
  organization: org.organization,
});

// 5. Audit: the Log-Archive bucket and key (in Log Archive), then the organization trail (in management).
const trailArn = trailArnFor(cfg.partition, cfg.homeRegion, org.managementAccountId, cfg.trail.name);
const logArchive = new LogArchive(
  INSTANCE.logArchive,
  {
    bucketName: logArchiveAccountId.apply((id) => `${cfg.guardrails.parameters.LogArchiveBucketPrefix}${id}`),
    keyAlias: cfg.guardrails.parameters.LogArchiveKeyAlias,
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
const trailAlarms = cfg.alerts?.cisAlarms
  ? new TrailAlarms(INSTANCE.trailAlarms, {
      partition: cfg.partition,
      region: cfg.homeRegion,
      managementAccountId: org.managementAccountId,
      organizationId: org.organizationId,
      namePrefix: cfg.namePrefix,
      logRetentionDays: cfg.alerts.trailLogRetentionDays,
      email: cfg.alerts.email,
    })
  : undefined;
const trail = new OrganizationTrail(INSTANCE.organizationTrail, {
  trailName: cfg.trail.name,
  region: cfg.homeRegion,
  bucketName: logArchive.bucketName,
  kmsKeyArn: logArchive.keyArn,
  cloudWatchLogs: trailAlarms?.trailDelivery,
  // CloudTrail checks the delivery role when the trail is created, as it checks the bucket and key policies.
  waitFor: [logArchive.bucketPolicy, logArchive.key, org.organization, ...(trailAlarms ? [trailAlarms.rolePolicy] : [])],
});

// 6. Threat detection and posture, delegated to the Security account in every governed Region.
const threatDetection = cfg.guardDuty
  ? new ThreatDetection(INSTANCE.threatDetection, {
      regions: cfg.governedRegions,
      securityAccountId,
      securityProvider: accounts.providerFor(securityKey),
      securityRoleArn: accounts.accessRoleArnFor(securityKey),
      deployerProfile: awsProviderConfig.profile,
      features: cfg.guardDuty.features,
      findingPublishingFrequency: cfg.guardDuty.findingPublishingFrequency,
      organization: org.organization,
    })
  : undefined;
const securityPosture = cfg.securityHub
  ? new SecurityPosture(INSTANCE.securityPosture, {
      namePrefix: cfg.namePrefix,
      regions: cfg.governedRegions,
      partition: cfg.partition,
      securityAccountId,
      securityProvider: accounts.providerFor(securityKey),
      standards: cfg.securityHub.standards,
      rootId: org.rootId,
      organization: org.organization,
    })
  : undefined;

// 7. AWS Config: a Config bucket in Log Archive, delegation and the organization aggregator in Security, the
//    management account's recorders; member accounts record through the StackSet of section 8 (one mechanism each).
const awsConfig = cfg.awsConfig;
const recordsItself = (key: string) => !awsConfig?.existingRecorderAccounts.includes(key);
const configArchive = awsConfig
  ? new ConfigArchive(
      INSTANCE.configArchive,
      {
        bucketName: logArchiveAccountId.apply((id) => `${cfg.guardrails.parameters.ConfigBucketPrefix}${id}`),
        region: cfg.homeRegion,
        partition: cfg.partition,
        organizationId: org.organizationId,
        localRecorderRoleArnPattern: logArchiveAccountId.apply((id) => `arn:${cfg.partition}:iam::${id}:role/${recorderRolePrefix(cfg.namePrefix)}*`),
        readerAccountIds: [securityAccountId],
        expireAfterDays: awsConfig.expireAfterDays,
      },
      { provider: accounts.providerFor(logArchiveKey) },
    )
  : undefined;
const configRecording =
  configArchive && awsConfig
    ? new ConfigRecording(INSTANCE.configRecording, {
        namePrefix: cfg.namePrefix,
        regions: cfg.governedRegions,
        partition: cfg.partition,
        securityAccountId,
        securityProvider: accounts.providerFor(securityKey),
        bucketName: configArchive.bucketName,
        bucketPolicy: configArchive.bucketPolicy,
        recordManagementAccount: recordsItself(MANAGEMENT_KEY),
        snapshotDeliveryFrequency: awsConfig.snapshotDeliveryFrequency,
        organization: org.organization,
      })
    : undefined;

// 8. Future accounts: a service-managed StackSet carries AWS Config recording and the account settings to every member
//    account of the target OUs, those created later outside this program included, in every governed Region.
const excludedFromStackSet = cfg.accounts.filter((a) => !recordsItself(a.key)).map((a) => a.key);
const reach = stackSetReach(cfg.organizationalUnits, cfg.accounts, cfg.futureAccounts?.organizationalUnits ?? [], excludedFromStackSet);
const futureAccounts =
  configArchive && awsConfig && cfg.futureAccounts
    ? new FutureAccounts(INSTANCE.futureAccounts, {
        namePrefix: cfg.namePrefix,
        regions: cfg.governedRegions,
        targets: cfg.futureAccounts.organizationalUnits.map((k) => ({ key: k, id: ous.idsByKey[k], knownAccounts: reach.knownAccounts[k] })),
        excludedAccountIds: excludedFromStackSet.map((k) => accounts.idsByKey[k]),
        configBucketName: configArchive.bucketName,
        recorderName: RECORDER_NAME,
        snapshotDeliveryFrequency: awsConfig.snapshotDeliveryFrequency,
        accountSettings: cfg.baseline,
        rollout: cfg.futureAccounts.rollout,
        organization: org.organization,
        waitFor: [configArchive.bucketPolicy],
      })
    : undefined;

// 9. IAM Access Analyzer, delegated to the Security account: external access per Region, unused access once.
const accessAnalyzer = cfg.accessAnalyzer
  ? new AccessAnalyzer(INSTANCE.accessAnalyzer, {
      namePrefix: cfg.namePrefix,
      regions: cfg.governedRegions,
      securityAccountId,
      securityProvider: accounts.providerFor(securityKey),
      unusedAccessAgeDays: cfg.accessAnalyzer.unusedAccessAgeDays,
      organization: org.organization,
    })
  : undefined;

// 10. Account baselines from Pulumi: the management account, which StackSets never reach, and any account in config the
//     StackSet of section 8 does not reach (none unless it is off or leaves the account out): one owner per setting.
if (cfg.baseline) {
  const fromStackSet = (key: string) => futureAccounts !== undefined && reach.reached.has(key);
  new AccountBaseline(INSTANCE.accountBaseline, {
    accounts: [
      { key: MANAGEMENT_KEY },
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
const rootAccess = cfg.rootAccess ? new RootAccess(INSTANCE.rootAccess, { organization: org.organization }) : undefined;

// 12. CloudTrail delegated administration to the Security account.
if (cfg.trail.delegateToSecurity) new CloudTrailDelegation(INSTANCE.cloudTrailDelegation, { securityAccountId, organization: org.organization });

// 13. Admin access with MFA enforced: Identity Center permission sets on every account, or an MFA-required IAM admin group.
const ic = cfg.adminAccess?.identityCenter;
const adminAccess = cfg.adminAccess
  ? new AdminAccess(INSTANCE.adminAccess, {
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
  cfg.alerts && threatDetection && securityPosture
    ? new SecurityAlerts(
        INSTANCE.securityAlerts,
        {
          namePrefix: cfg.namePrefix,
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
  budget || cfg.costExport
    ? new CostControls(INSTANCE.costControls, {
        partition: cfg.partition,
        region: cfg.homeRegion,
        managementAccountId: org.managementAccountId,
        budget: budget && { name: `${cfg.namePrefix}-monthly`, ...budget },
        costExport: cfg.costExport
          ? {
              name: `${cfg.namePrefix}-cur2`,
              bucketName: org.managementAccountId.apply((id) => `${cfg.namePrefix}-cur-${id}`),
              expireAfterDays: cfg.costExport.expireAfterDays,
            }
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
