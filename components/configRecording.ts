// AWS Config for the organization: delegated to the Security account, aggregated there, and recording in the management account.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as cfg from "@pulumi/aws/cfg";
import * as organizations from "@pulumi/aws/organizations";
import { COMPONENT_TYPE } from "../lib/naming";
import { serviceRole } from "./serviceRole";

/** Arguments for {@link ConfigRecording}. */
export interface ConfigRecordingArgs {
  /** `orgstrap:namePrefix`: the start of every physical name. */
  readonly namePrefix: string;
  /** Governed Regions, the home Region first: the aggregator lives there and global resource types are recorded there only. */
  readonly regions: readonly string[];
  readonly partition: string;
  readonly securityAccountId: pulumi.Input<string>;
  readonly securityProvider: Provider;
  /** The Config bucket in the Log-Archive account. */
  readonly bucketName: pulumi.Input<string>;
  /** The bucket's policy: a delivery channel is refused until Config may write there. */
  readonly bucketPolicy: pulumi.Resource;
  /** Record in the management account (StackSets never reach it). False when it already has its own recorder. */
  readonly recordManagementAccount: boolean;
  readonly snapshotDeliveryFrequency: string;
  /** The organization: delegation needs trusted access for config.amazonaws.com and config-multiaccountsetup.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/** Name of every recorder and delivery channel orgstrap creates (the StackSet template uses the same). */
export const RECORDER_NAME = "orgstrap";

/**
 * Service principals delegated to the Security account: the aggregator needs config.amazonaws.com; organization
 * Config rules and conformance packs need config-multiaccountsetup.amazonaws.com.
 * @see https://docs.aws.amazon.com/config/latest/developerguide/aggregated-register-delegated-administrator.html
 */
export const CONFIG_SERVICE_PRINCIPALS = ["config.amazonaws.com", "config-multiaccountsetup.amazonaws.com"] as const;

/**
 * AWS Config, organization side: the Security account is delegated administrator and holds an organization
 * aggregator over every governed Region; the management account records in every governed Region, delivering to
 * the Config bucket. Member accounts get their recorder from the baseline StackSet (see futureAccounts.ts), the
 * single mechanism for them, so the two never create a second recorder in one account and Region.
 */
export class ConfigRecording extends pulumi.ComponentResource {
  public readonly aggregatorArn: pulumi.Output<string>;
  /** The delegations, for what must wait for them. */
  public readonly delegations: organizations.DelegatedAdministrator[];

  constructor(name: string, args: ConfigRecordingArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.configRecording, name, {}, opts);
    const [home] = args.regions;
    const inManagement = { parent: this };
    const inSecurity = { parent: this, provider: args.securityProvider };

    this.delegations = CONFIG_SERVICE_PRINCIPALS.map(
      (servicePrincipal) =>
        new organizations.DelegatedAdministrator(
          `${name}-admin-${servicePrincipal.split(".")[0]}`,
          { accountId: args.securityAccountId, servicePrincipal },
          // Registration needs trusted access for the service, which the organization enables. A new administrator is
          // registered only once the old one is gone (lib/replaceRules.ts).
          { ...inManagement, dependsOn: [args.organization], deleteBeforeReplace: true },
        ),
    );

    // The aggregator reads the organization through a role that Config assumes.
    // @see https://docs.aws.amazon.com/config/latest/developerguide/set-up-aggregator-cli.html
    const { role: aggregatorRole, attachments: aggregatorPolicies } = serviceRole(
      `${name}-aggregator-role`,
      {
        roleName: `${args.namePrefix}-config-aggregator`,
        description: "orgstrap: lets AWS Config read the organization for the organization aggregator",
        service: "config.amazonaws.com",
        managedPolicyArns: [`arn:${args.partition}:iam::aws:policy/service-role/AWSConfigRoleForOrganizations`],
      },
      inSecurity,
    );
    const aggregator = new cfg.ConfigurationAggregator(
      `${name}-aggregator`,
      {
        region: home,
        name: `${args.namePrefix}-organization`,
        organizationAggregationSource: { roleArn: aggregatorRole.arn, regions: [...args.regions] },
      },
      // As delegated administrator, Config checks ListDelegatedAdministrators; the role needs its policy first.
      { ...inSecurity, dependsOn: [...this.delegations, ...aggregatorPolicies] },
    );
    this.aggregatorArn = aggregator.arn;

    if (args.recordManagementAccount) {
      const { role: recorderRole, attachments: recorderPolicies } = serviceRole(
        `${name}-recorder-role`,
        {
          roleName: `${args.namePrefix}-config-recorder`,
          description: "orgstrap: the AWS Config recorder's role in the management account",
          service: "config.amazonaws.com",
          managedPolicyArns: [`arn:${args.partition}:iam::aws:policy/service-role/AWS_ConfigRole`],
        },
        inManagement,
      );
      for (const region of args.regions) {
        const recorder = new cfg.Recorder(
          `${name}-recorder-${region}`,
          {
            region,
            name: RECORDER_NAME,
            roleArn: recorderRole.arn,
            // Global resource types (IAM) are the same in every Region: recording them in the home Region only avoids
            // duplicate configuration items (AWS Config's guidance; CIS Config.1 checks the home Region).
            // @see https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: region === home },
          },
          // The recorder uses the role's permissions as soon as it starts. One recorder per account and Region, and its
          // name forces a replacement: the old one goes first (lib/replaceRules.ts).
          { ...inManagement, dependsOn: [...recorderPolicies], deleteBeforeReplace: true },
        );
        const channel = new cfg.DeliveryChannel(
          `${name}-channel-${region}`,
          {
            region,
            name: RECORDER_NAME,
            s3BucketName: args.bucketName,
            snapshotDeliveryProperties: { deliveryFrequency: args.snapshotDeliveryFrequency },
          },
          // A delivery channel needs a recorder, and Config checks the bucket policy when it is created.
          // One channel per account and Region, as for the recorder.
          { ...inManagement, dependsOn: [recorder, args.bucketPolicy], deleteBeforeReplace: true },
        );
        new cfg.RecorderStatus(
          `${name}-recorder-status-${region}`,
          { region, name: recorder.name, isEnabled: true },
          // Recording can start only once a delivery channel exists.
          { ...inManagement, dependsOn: [channel] },
        );
      }
    }
    this.registerOutputs({ aggregatorArn: this.aggregatorArn });
  }
}
