// CIS AWS Foundations section 4: the organization trail also delivers to CloudWatch Logs in the management account,
// where one metric filter and alarm per CIS recommendation emails the security team.
import * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch";
import * as iam from "@pulumi/aws/iam";
import * as kms from "@pulumi/aws/kms";
import * as sns from "@pulumi/aws/sns";
import { topicKeyPolicy, topicPublishPolicy } from "./serviceTopicPolicies";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link TrailAlarms}. Constructed with the management account's (default) provider. */
export interface TrailAlarmsArgs {
  readonly partition: string;
  /** The trail's home Region: a multi-Region trail delivers every Region's events to one log group there. */
  readonly region: string;
  readonly managementAccountId: pulumi.Input<string>;
  readonly organizationId: pulumi.Input<string>;
  readonly namePrefix: string;
  /** CloudWatch Logs retention of the trail's events (the S3 archive keeps them for good). */
  readonly logRetentionDays: number;
  readonly email: string;
}

/** One CIS recommendation: its metric filter pattern, verbatim from CIS AWS Foundations Benchmark v3.0.0 section 4. */
export interface CisMetric {
  readonly cis: string;
  readonly name: string;
  readonly description: string;
  readonly pattern: string;
}

const anyEvent = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(" || ");

/**
 * The CIS v3.0.0 4.1-4.15 filter patterns (4.16 is Security Hub itself). The same patterns are what Security Hub's
 * CloudWatch.1-14 controls look for, so these alarms also pass those controls.
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CIS_METRICS: readonly CisMetric[] = [
  {
    cis: "4.1",
    name: "UnauthorizedApiCalls",
    description: "Unauthorized API calls",
    pattern:
      '{ (($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*")) && ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
  },
  {
    cis: "4.2",
    name: "ConsoleSignInWithoutMfa",
    description: "Management console sign-in without MFA",
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    cis: "4.3",
    name: "RootUsage",
    description: "Usage of the root user",
    pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  },
  {
    cis: "4.4",
    name: "IamPolicyChanges",
    description: "IAM policy changes",
    pattern: `{ ($.eventSource = iam.amazonaws.com) && (${anyEvent(["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion", "SetDefaultPolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"])}) }`,
  },
  {
    cis: "4.5",
    name: "CloudTrailChanges",
    description: "CloudTrail configuration changes",
    pattern: `{ ${anyEvent(["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"])} }`,
  },
  {
    cis: "4.6",
    name: "ConsoleAuthenticationFailures",
    description: "Management console authentication failures",
    pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  },
  {
    cis: "4.7",
    name: "CmkDisabledOrScheduledForDeletion",
    description: "Disabling or scheduled deletion of customer managed keys",
    pattern: `{ ($.eventSource = kms.amazonaws.com) && (${anyEvent(["DisableKey", "ScheduleKeyDeletion"])}) }`,
  },
  {
    cis: "4.8",
    name: "S3BucketPolicyChanges",
    description: "S3 bucket policy changes",
    pattern: `{ ($.eventSource = s3.amazonaws.com) && (${anyEvent(["PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle", "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors", "DeleteBucketLifecycle", "DeleteBucketReplication"])}) }`,
  },
  {
    cis: "4.9",
    name: "ConfigChanges",
    description: "AWS Config configuration changes",
    pattern: `{ ($.eventSource = config.amazonaws.com) && (${anyEvent(["StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel", "PutConfigurationRecorder"])}) }`,
  },
  {
    cis: "4.10",
    name: "SecurityGroupChanges",
    description: "Security group changes",
    pattern: `{ ${anyEvent(["AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup", "DeleteSecurityGroup"])} }`,
  },
  {
    cis: "4.11",
    name: "NetworkAclChanges",
    description: "Network ACL changes",
    pattern: `{ ${anyEvent(["CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"])} }`,
  },
  {
    cis: "4.12",
    name: "NetworkGatewayChanges",
    description: "Changes to network gateways",
    pattern: `{ ${anyEvent(["CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway", "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"])} }`,
  },
  {
    cis: "4.13",
    name: "RouteTableChanges",
    description: "Route table changes",
    pattern: `{ ($.eventSource = ec2.amazonaws.com) && (${anyEvent(["CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"])}) }`,
  },
  {
    cis: "4.14",
    name: "VpcChanges",
    description: "VPC changes",
    pattern: `{ ${anyEvent(["CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection", "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection", "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink", "EnableVpcClassicLink"])} }`,
  },
  {
    cis: "4.15",
    name: "OrganizationsChanges",
    description: "AWS Organizations changes",
    pattern: `{ ($.eventSource = organizations.amazonaws.com) && (${anyEvent(
      [
        "AcceptHandshake",
        "AttachPolicy",
        "CreateAccount",
        "CreateOrganizationalUnit",
        "CreatePolicy",
        "DeclineHandshake",
        "DeleteOrganization",
        "DeleteOrganizationalUnit",
        "DeletePolicy",
        "DetachPolicy",
        "DisablePolicyType",
        "EnablePolicyType",
        "InviteAccountToOrganization",
        "LeaveOrganization",
        "MoveAccount",
        "RemoveAccountFromOrganization",
        "UpdatePolicy",
        "UpdateOrganizationalUnit",
      ].map((n) => `"${n}"`),
    )}) }`,
  },
];

/** Namespace of the CIS metrics. */
export const METRIC_NAMESPACE = "orgstrap/CIS";

/**
 * The log group and the role CloudTrail delivers with (pass {@link trailDelivery} to the trail, which must wait for
 * {@link rolePolicy}), one metric filter and alarm per CIS recommendation, and an encrypted SNS topic emailing the
 * security team. All in the management account: CloudTrail delivers only to a log group in the trail's own account.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 */
export class TrailAlarms extends pulumi.ComponentResource {
  /** What the trail needs: the log group ARN (with the `:*` CloudTrail expects) and the delivery role. */
  public readonly trailDelivery: { logGroupArn: pulumi.Output<string>; roleArn: pulumi.Output<string> };
  /** CloudTrail validates the role when the trail is created or updated: the trail must depend on this. */
  public readonly rolePolicy: iam.RolePolicy;
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: TrailAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.trailAlarms, name, {}, opts);
    const region = args.region;
    const logGroup = new cloudwatch.LogGroup(
      `${name}-log-group`,
      { region, name: `${args.namePrefix}-organization-trail`, retentionInDays: args.logRetentionDays },
      { parent: this },
    );
    const role = new iam.Role(
      `${name}-delivery-role`,
      {
        name: `${args.namePrefix}-trail-to-cloudwatch`,
        description: "orgstrap: lets CloudTrail deliver the organization trail to CloudWatch Logs",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
      },
      { parent: this },
    );
    this.rolePolicy = new iam.RolePolicy(
      `${name}-delivery-policy`,
      { role: role.name, name: "DeliverOrganizationTrail", policy: deliveryPolicy(args, logGroup.arn) },
      { parent: this },
    );

    const key = new kms.Key(
      `${name}-key`,
      { region, description: "orgstrap: encrypts the CIS alarm topic", enableKeyRotation: true, deletionWindowInDays: 30, policy: keyPolicy(args) },
      { parent: this },
    );
    const topic = new sns.Topic(`${name}-topic`, { region, name: `${args.namePrefix}-cis-alarms`, kmsMasterKeyId: key.arn }, { parent: this });
    const topicPolicy = new sns.TopicPolicy(`${name}-topic-policy`, { region, arn: topic.arn, policy: alarmTopicPolicy(args, topic.arn) }, { parent: this });
    new sns.TopicSubscription(`${name}-email`, { region, topic: topic.arn, protocol: "email", endpoint: args.email }, { parent: this });

    for (const metric of CIS_METRICS) {
      const id = `${name}-cis-${metric.cis.replace(".", "-")}`;
      const filter = new cloudwatch.LogMetricFilter(
        id,
        {
          region,
          name: `cis-${metric.cis}-${metric.name}`,
          logGroupName: logGroup.name,
          pattern: metric.pattern,
          metricTransformation: { name: metric.name, namespace: METRIC_NAMESPACE, value: "1" },
        },
        { parent: this },
      );
      new cloudwatch.MetricAlarm(
        `${id}-alarm`,
        {
          region,
          name: `${args.namePrefix}-cis-${metric.cis}-${metric.name}`,
          alarmDescription: `CIS ${metric.cis}: ${metric.description} in any account of the organization`,
          namespace: METRIC_NAMESPACE,
          metricName: metric.name,
          statistic: "Sum",
          period: 300,
          evaluationPeriods: 1,
          threshold: 1,
          comparisonOperator: "GreaterThanOrEqualToThreshold",
          treatMissingData: "notBreaching",
          alarmActions: [topic.arn],
        },
        // The alarm publishes under the topic and key policies; the metric exists once the filter does.
        { parent: this, dependsOn: [filter, topicPolicy, key] },
      );
    }
    this.trailDelivery = { logGroupArn: pulumi.interpolate`${logGroup.arn}:*`, roleArn: role.arn };
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

/**
 * CreateLogStream and PutLogEvents on the trail's own streams: `<management>_CloudTrail_<region>*` for the management
 * account's events and `<org id>_*` for the members' (organization trails need both).
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-required-policy-for-cloudwatch-logs.html
 */
function deliveryPolicy(
  args: Pick<TrailAlarmsArgs, "region" | "managementAccountId" | "organizationId">,
  logGroupArn: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.all([args.managementAccountId, args.organizationId, logGroupArn]).apply(([account, orgId, arn]) => {
    const streams = [`${arn}:log-stream:${account}_CloudTrail_${args.region}*`, `${arn}:log-stream:${orgId}_*`];
    return JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "CreateTrailLogStreams", Effect: "Allow", Action: "logs:CreateLogStream", Resource: streams },
        { Sid: "PutTrailLogEvents", Effect: "Allow", Action: "logs:PutLogEvents", Resource: streams },
      ],
    });
  });
}

/**
 * The management account administers the key; CloudWatch alarms may use it to publish to the encrypted topic.
 */
function keyPolicy(args: Pick<TrailAlarmsArgs, "partition" | "managementAccountId">): pulumi.Output<string> {
  return topicKeyPolicy(
    args.partition,
    args.managementAccountId,
    "EnableManagementAccountAdministration",
    "AllowCloudWatchAlarmsToPublishEncrypted",
    "cloudwatch.amazonaws.com",
  );
}

/**
 * Only this account's orgstrap CIS alarms may publish.
 */
function alarmTopicPolicy(
  args: Pick<TrailAlarmsArgs, "partition" | "region" | "managementAccountId" | "namePrefix">,
  topicArn: pulumi.Input<string>,
): pulumi.Output<string> {
  const alarms = pulumi.interpolate`arn:${args.partition}:cloudwatch:${args.region}:${args.managementAccountId}:alarm:${args.namePrefix}-cis-*`;
  return topicPublishPolicy("AllowOrgstrapCisAlarms", "cloudwatch.amazonaws.com", topicArn, alarms);
}
