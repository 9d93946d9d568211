// GuardDuty for the whole organization: delegated to the Security account and auto-enabled for every member, per Region.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as guardduty from "@pulumi/aws/guardduty";
import { COMPONENT_TYPE } from "../lib/naming";
import { DEFAULT_GUARDDUTY_FEATURES } from "../lib/config";
import { GuardDutyFeature } from "../lib/guardDutyHandover";
import { GuardDutyHandover } from "./guardDutyHandover";

/** Arguments for {@link ThreatDetection}. */
export interface ThreatDetectionArgs {
  /** Regions to govern; GuardDuty is regional, so everything below is repeated per Region. */
  readonly regions: readonly string[];
  readonly securityAccountId: pulumi.Input<string>;
  /** Provider acting in the Security account. */
  readonly securityProvider: Provider;
  /** Protection plans enabled for every member and the Security account (GuardDuty feature names); the rest are off. */
  readonly features: readonly string[];
  /** The Security account's access role, which the handover assumes to release the organization before a removal. */
  readonly securityRoleArn: pulumi.Input<string>;
  /** The AWS profile `pulumi up` runs with (`aws:profile`), when one is set. */
  readonly deployerProfile?: string;
  readonly findingPublishingFrequency: string;
  /** The organization: delegation needs trusted access for guardduty.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

// Agent management for Runtime Monitoring: without it GuardDuty sees no runtime events.
const RUNTIME_AGENTS = ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"];

/**
 * Every protection plan orgstrap manages (every value config accepts), with its additional configurations. Each is set
 * explicitly, ALL or NONE: deleting an organization configuration feature disables nothing
 * (organizationConfigurationFeature.d.ts), so a plan dropped from config must be turned off, not forgotten.
 * EKS_RUNTIME_MONITORING is absent: RUNTIME_MONITORING covers EKS and the two cannot both be set.
 */
export const MANAGED_FEATURES: readonly GuardDutyFeature[] = DEFAULT_GUARDDUTY_FEATURES.map((name) =>
  name === "RUNTIME_MONITORING" ? { name, additional: RUNTIME_AGENTS } : { name },
);

/** GuardDuty with the Security account as delegated administrator, in every governed Region. */
export class ThreatDetection extends pulumi.ComponentResource {
  /** The Security account's detector id per Region. */
  public readonly detectorIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.threatDetection, name, {}, opts);
    const inSecurity = { parent: this, provider: args.securityProvider };
    const enabled = new Set(args.features);
    for (const region of args.regions) {
      // Our own detector in the admin account, created first: designation would otherwise enable
      // GuardDuty there with a detector this stack does not own, and this one would then fail to create.
      const detector = new guardduty.Detector(
        `${name}-detector-${region}`,
        { region, enable: true, findingPublishingFrequency: args.findingPublishingFrequency },
        inSecurity,
      );
      // The administrator's own detector is no member of the organization: it gets the same plans, set here.
      for (const feature of MANAGED_FEATURES) {
        const on = enabled.has(feature.name);
        new guardduty.DetectorFeature(
          `${name}-detector-${slug(feature.name)}-${region}`,
          {
            region,
            detectorId: detector.id,
            name: feature.name,
            status: on ? "ENABLED" : "DISABLED",
            additionalConfigurations: feature.additional?.map((n) => ({ name: n, status: on ? "ENABLED" : "DISABLED" })),
          },
          inSecurity,
        );
      }
      const admin = new guardduty.OrganizationAdminAccount(
        `${name}-admin-${region}`,
        { region, adminAccountId: args.securityAccountId },
        // One administrator per Region: a new Security account is designated only once the old one is removed.
        { parent: this, dependsOn: [args.organization, detector], deleteBeforeReplace: true },
      );
      const configuration = new guardduty.OrganizationConfiguration(
        `${name}-org-config-${region}`,
        { region, detectorId: detector.id, autoEnableOrganizationMembers: "ALL" },
        // Only the delegated administrator may set the organization configuration.
        { ...inSecurity, dependsOn: [admin] },
      );
      for (const feature of MANAGED_FEATURES) {
        const autoEnable = enabled.has(feature.name) ? "ALL" : "NONE";
        new guardduty.OrganizationConfigurationFeature(
          `${name}-${slug(feature.name)}-${region}`,
          {
            region,
            detectorId: detector.id,
            name: feature.name,
            autoEnable,
            additionalConfigurations: feature.additional?.map((n) => ({ name: n, autoEnable })),
          },
          { ...inSecurity, dependsOn: [configuration] },
        );
      }
      // Deleted before the delegation and the configuration it depends on: sets auto-enable to NONE and releases the
      // members, the steps AWS requires before the administrator is removed.
      new GuardDutyHandover(
        `${name}-handover-${region}`,
        { region, detectorId: detector.id, securityRoleArn: args.securityRoleArn, features: MANAGED_FEATURES, profile: args.deployerProfile },
        { parent: this, dependsOn: [admin, configuration] },
      );
      this.detectorIds[region] = detector.id;
    }
    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}

const slug = (feature: string): string => feature.toLowerCase().replace(/_/g, "-");
