// orgstrap: the wiring diagram of the landing zone. Config in, components in dependency order, outputs out.
import { loadOrgConfig } from "./lib/pulumiConfig";
import { Organization } from "./components/organization";
import { OrganizationalUnits } from "./components/organizationalUnits";
import { Accounts } from "./components/accounts";
import { Guardrails } from "./components/guardrails";
import { LogArchive } from "./components/logArchive";
import { OrganizationTrail, trailArnFor } from "./components/organizationTrail";
import { ThreatDetection } from "./components/threatDetection";
import { SecurityPosture } from "./components/securityPosture";

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
const trail = new OrganizationTrail(
  "audit",
  {
    trailName: cfg.trail.name,
    region: cfg.homeRegion,
    bucketName: logArchive.bucketName,
    kmsKeyArn: logArchive.keyArn,
    waitFor: [logArchive.bucketPolicy, logArchive.key, org.organization],
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
