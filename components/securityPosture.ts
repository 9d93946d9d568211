// Security Hub for the whole organization: delegated to the Security account, centrally configured from the home Region.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as securityhub from "@pulumi/aws/securityhub";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link SecurityPosture}. */
export interface SecurityPostureArgs {
  /** `orgstrap:namePrefix`: the start of every physical name. */
  readonly namePrefix: string;
  /** The home Region first: findings aggregate there and the central configuration lives there. */
  readonly regions: readonly string[];
  readonly partition: string;
  readonly securityAccountId: pulumi.Input<string>;
  readonly securityProvider: Provider;
  /** Standard ids such as `cis-aws-foundations-benchmark/v/3.0.0`. */
  readonly standards: readonly string[];
  /** The organization root, which the configuration policy is associated with. */
  readonly rootId: pulumi.Input<string>;
  /** The organization: delegation needs trusted access for securityhub.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/**
 * Security Hub with the Security account as delegated administrator (designated in the home Region), central
 * configuration with one policy (the configured standards) on the root, and cross-Region finding
 * aggregation into the home Region.
 */
export class SecurityPosture extends pulumi.ComponentResource {
  public readonly configurationPolicyId: pulumi.Output<string>;

  constructor(name: string, args: SecurityPostureArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.securityPosture, name, {}, opts);
    const [home, ...linked] = args.regions;
    const inSecurity = { parent: this, provider: args.securityProvider };
    // The management account designates the administrator in the home Region only: with central configuration the same
    // administrator is set in every linked Region automatically, and it cannot be removed there while the organization
    // is centrally configured, so a per-Region designation would fail as soon as a governed Region is removed. It does
    // not need Security Hub on first, and the designation enables Security Hub in the designated account; the root's
    // policy then manages Security Hub everywhere, so no self-managed hub is created here.
    // https://docs.aws.amazon.com/securityhub/latest/userguide/start-central-configuration.html
    const admin = new securityhub.OrganizationAdminAccount(
      `${name}-admin`,
      { region: home, adminAccountId: args.securityAccountId },
      // One administrator: a new Security account is designated only once the old one is removed (lib/replaceRules.ts).
      { parent: this, dependsOn: [args.organization], deleteBeforeReplace: true },
    );
    // Central configuration needs a home Region, which is where the finding aggregator lives.
    const aggregator = new securityhub.FindingAggregator(
      `${name}-aggregator`,
      linked.length > 0 ? { region: home, linkingMode: "SPECIFIED_REGIONS", specifiedRegions: [...linked] } : { region: home, linkingMode: "NO_REGIONS" },
      { ...inSecurity, dependsOn: [admin] },
    );
    const organizationConfiguration = new securityhub.OrganizationConfiguration(
      `${name}-org-config`,
      {
        region: home,
        // With central configuration, policies decide what is enabled; the legacy auto-enable must be off.
        autoEnable: false,
        autoEnableStandards: "NONE",
        organizationConfiguration: { configurationType: "CENTRAL" },
      },
      { ...inSecurity, dependsOn: [aggregator] },
    );
    const policy = new securityhub.ConfigurationPolicy(
      `${name}-policy`,
      {
        region: home,
        name: `${args.namePrefix}-baseline`,
        description: `Security Hub on, with ${args.standards.join(", ")}`,
        configurationPolicy: {
          serviceEnabled: true,
          enabledStandardArns: args.standards.map((s) => standardArn(args.partition, home, s)),
          securityControlsConfiguration: {
            disabledControlIdentifiers: [],
            // Config.1 by default also demands AWS Config's service-linked role; orgstrap's recorders use their own role
            // (docs/baseline.md), so the control checks that recording is on, which is what CIS 3.3 asks.
            securityControlCustomParameters: [
              { securityControlId: "Config.1", parameters: [{ name: "includeConfigServiceLinkedRoleCheck", valueType: "CUSTOM", bool: { value: false } }] },
            ],
          },
        },
      },
      // Configuration policies exist only once the organization is centrally configured.
      { ...inSecurity, dependsOn: [organizationConfiguration] },
    );
    new securityhub.ConfigurationPolicyAssociation(`${name}-policy-root`, { region: home, policyId: policy.id, targetId: args.rootId }, inSecurity);
    this.configurationPolicyId = policy.id;
    this.registerOutputs({ configurationPolicyId: this.configurationPolicyId });
  }
}

/**
 * The ARN of a Security Hub standard in a Region.
 */
function standardArn(partition: string, region: string, standard: string): string {
  return `arn:${partition}:securityhub:${region}::standards/${standard}`;
}
