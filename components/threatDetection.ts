// GuardDuty for the whole organization: delegated to the Security account and auto-enabled for every member, per Region.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as guardduty from "@pulumi/aws/guardduty";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link ThreatDetection}. */
export interface ThreatDetectionArgs {
  /** Regions to govern; GuardDuty is regional, so everything below is repeated per Region. */
  readonly regions: readonly string[];
  readonly securityAccountId: pulumi.Input<string>;
  /** Provider acting in the Security account. */
  readonly securityProvider: Provider;
  /** Provider acting in the management account; the default provider when absent. */
  readonly managementProvider?: Provider;
  /** Protection plans enabled for every member (GuardDuty feature names). */
  readonly features: readonly string[];
  readonly findingPublishingFrequency: string;
  /** The organization: delegation needs trusted access for guardduty.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

// Agent management for Runtime Monitoring: without it GuardDuty sees no runtime events.
const RUNTIME_AGENTS = ["EKS_ADDON_MANAGEMENT", "ECS_FARGATE_AGENT_MANAGEMENT", "EC2_AGENT_MANAGEMENT"];

/** GuardDuty with the Security account as delegated administrator, in every governed Region. */
export class ThreatDetection extends pulumi.ComponentResource {
  /** The Security account's detector id per Region. */
  public readonly detectorIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: ThreatDetectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.threatDetection, name, {}, opts);
    const inSecurity = { parent: this, provider: args.securityProvider };
    for (const region of args.regions) {
      // Our own detector in the admin account, created first: designation would otherwise enable
      // GuardDuty there with a detector this stack does not own, and this one would then fail to create.
      const detector = new guardduty.Detector(
        `${name}-detector-${region}`,
        { region, enable: true, findingPublishingFrequency: args.findingPublishingFrequency },
        inSecurity,
      );
      const admin = new guardduty.OrganizationAdminAccount(
        `${name}-admin-${region}`,
        { region, adminAccountId: args.securityAccountId },
        // One administrator per Region: a new Security account is designated only once the old one is removed.
        { parent: this, provider: args.managementProvider, dependsOn: [args.organization, detector], deleteBeforeReplace: true },
      );
      const configuration = new guardduty.OrganizationConfiguration(
        `${name}-org-config-${region}`,
        { region, detectorId: detector.id, autoEnableOrganizationMembers: "ALL" },
        // Only the delegated administrator may set the organization configuration.
        { ...inSecurity, dependsOn: [admin] },
      );
      for (const feature of args.features) {
        new guardduty.OrganizationConfigurationFeature(
          `${name}-${feature.toLowerCase().replace(/_/g, "-")}-${region}`,
          {
            region,
            detectorId: detector.id,
            name: feature,
            autoEnable: "ALL",
            additionalConfigurations: feature === "RUNTIME_MONITORING" ? RUNTIME_AGENTS.map((n) => ({ name: n, autoEnable: "ALL" })) : undefined,
          },
          { ...inSecurity, dependsOn: [configuration] },
        );
      }
      this.detectorIds[region] = detector.id;
    }
    this.registerOutputs({ detectorIds: this.detectorIds });
  }
}
