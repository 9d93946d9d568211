// Security alerts: root-user activity and high-severity GuardDuty findings of every account and Region, emailed from the Security account.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as kms from "@pulumi/aws/kms";
import * as sns from "@pulumi/aws/sns";
import { topicKeyPolicy, topicPublishPolicy } from "./serviceTopicPolicies";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link SecurityAlerts}. Construct with the Security account's provider. */
export interface SecurityAlertsArgs {
  /** `orgstrap:namePrefix`: the start of every physical name. */
  readonly namePrefix: string;
  readonly partition: string;
  /** The home Region: Security Hub's aggregation Region, where every linked Region's findings arrive. */
  readonly region: string;
  readonly securityAccountId: pulumi.Input<string>;
  readonly topicName: string;
  readonly email: string;
}

/**
 * GuardDuty finding types that report root-user activity, as Security Hub names them in ASFF `Types` (GuardDuty's `/`
 * becomes `-`). Matched by suffix, since the namespace in front has changed before.
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-iam.html#policy-iam-rootcredentialusage
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-event-formats.html
 */
export const ROOT_ACTIVITY_TYPES = ["Policy:IAMUser-RootCredentialUsage", "Policy:IAMUser-ShortTermRootCredentialUsage"];

/**
 * One encrypted SNS topic with an email subscription, and two EventBridge rules in the Security account's home Region.
 * Why there: GuardDuty is delegated to the Security account, so it holds every member's findings per Region, and Security
 * Hub's cross-Region aggregation replicates them to the home Region, whose EventBridge receives them as "Security Hub
 * Findings - Imported". Two rules cover every account and governed Region: the graph does not grow with accounts × Regions.
 * Root activity is caught through GuardDuty's RootCredentialUsage findings (from each account's CloudTrail management events).
 * The key is customer managed: the AWS managed aws/sns key's policy cannot be changed to let EventBridge use it.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
 */
export class SecurityAlerts extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: SecurityAlertsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.securityAlerts, name, {}, opts);
    const region = args.region;
    const key = new kms.Key(
      `${name}-key`,
      { region, description: "orgstrap: encrypts the security alerts topic", enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy(args) },
      { parent: this },
    );
    new kms.Alias(`${name}-key-alias`, { region, name: `alias/${args.namePrefix}-security-alerts`, targetKeyId: key.keyId }, { parent: this });
    const topic = new sns.Topic(`${name}-topic`, { region, name: args.topicName, kmsMasterKeyId: key.arn }, { parent: this });
    const policy = new sns.TopicPolicy(`${name}-topic-policy`, { region, arn: topic.arn, policy: topicPolicy(args, topic.arn) }, { parent: this });
    new sns.TopicSubscription(`${name}-email`, { region, topic: topic.arn, protocol: "email", endpoint: args.email }, { parent: this });

    const rules: [string, string, object][] = [
      ["guardduty-high", "High and critical GuardDuty findings of every account and governed Region", highSeverityPattern()],
      ["root-activity", "Root-user activity in any account of the organization (GuardDuty RootCredentialUsage)", rootActivityPattern()],
    ];
    for (const [role, description, pattern] of rules) {
      const rule = new cloudwatch.EventRule(
        `${name}-${role}`,
        { region, name: `${args.namePrefix}-${role}`, description, eventPattern: JSON.stringify(pattern) },
        // Nothing to wait for: a rule only matches events, which start to flow once Security Hub aggregates GuardDuty's
        // findings; creating it early keeps the alerts off the Security Hub chain (docs/plan.md, creation waves).
        { parent: this },
      );
      new cloudwatch.EventTarget(
        `${name}-${role}-target`,
        { region, rule: rule.name, arn: topic.arn },
        // EventBridge publishes under the topic policy and the key policy: both must be in place.
        { parent: this, dependsOn: [policy, key] },
      );
    }
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

/**
 * Matches a GuardDuty finding's first publication only. Security Hub sends "Findings - Imported" on every update of a
 * finding, and GuardDuty updates an open finding at every publishing interval (15 minutes by default) while the activity
 * goes on, raising its occurrence count; without this, one open finding would mail every interval. The count is a string
 * in the ASFF ProductFields, "1" at the first publication.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-cwe-integration-types.html
 * @see https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_cloudwatch.html
 */
export const FIRST_OCCURRENCE = { ProductFields: { "aws/guardduty/service/count": ["1"] } } as const;

function highSeverityPattern(): object {
  return {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
      findings: {
        ProductName: ["GuardDuty"],
        Severity: { Label: ["HIGH", "CRITICAL"] },
        RecordState: ["ACTIVE"],
        Workflow: { Status: ["NEW"] },
        ...FIRST_OCCURRENCE,
      },
    },
  };
}

function rootActivityPattern(): object {
  return {
    source: ["aws.securityhub"],
    "detail-type": ["Security Hub Findings - Imported"],
    detail: {
      findings: {
        ProductName: ["GuardDuty"],
        Types: ROOT_ACTIVITY_TYPES.map((t) => ({ suffix: t })),
        RecordState: ["ACTIVE"],
        Workflow: { Status: ["NEW"] },
        ...FIRST_OCCURRENCE,
      },
    },
  };
}

/**
 * The Security account administers the key; EventBridge may use it to publish to the encrypted topic.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-encryption-key-policy.html
 */
function keyPolicy(args: Pick<SecurityAlertsArgs, "partition" | "securityAccountId">): pulumi.Output<string> {
  return topicKeyPolicy(
    args.partition,
    args.securityAccountId,
    "EnableSecurityAccountAdministration",
    "AllowEventBridgeToPublishEncrypted",
    "events.amazonaws.com",
  );
}

/**
 * Only EventBridge rules of the Security account may publish.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html#eb-sns-permissions
 */
function topicPolicy(
  args: Pick<SecurityAlertsArgs, "partition" | "region" | "securityAccountId" | "namePrefix">,
  topicArn: pulumi.Input<string>,
): pulumi.Output<string> {
  const rules = pulumi.interpolate`arn:${args.partition}:events:${args.region}:${args.securityAccountId}:rule/${args.namePrefix}-*`;
  return topicPublishPolicy("AllowSecurityAccountEventBridgeRules", "events.amazonaws.com", topicArn, rules);
}
