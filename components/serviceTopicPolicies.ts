// The policies of an encrypted SNS topic that an AWS service publishes to (EventBridge rules, CloudWatch alarms).
// Key policy: the owning account administers the key, the publishing service may generate and decrypt data keys. No aws:Source* condition on the service statement: AWS's own
// examples for service publishers carry none, and a condition key absent from the KMS request would silently drop
// every message; the topic policy is what scopes who may publish.
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
import * as pulumi from "@pulumi/pulumi";

/** `publisher`: the service principal that publishes (events.amazonaws.com, cloudwatch.amazonaws.com). */
export function topicKeyPolicy(
  partition: string,
  ownerAccountId: pulumi.Input<string>,
  ownerSid: string,
  publisherSid: string,
  publisher: string,
): pulumi.Output<string> {
  return pulumi.output(ownerAccountId).apply((account) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: ownerSid, Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: publisherSid, Effect: "Allow", Principal: { Service: publisher }, Action: ["kms:GenerateDataKey*", "kms:Decrypt"], Resource: "*" },
      ],
    }),
  );
}

/** Only the service, acting for the named source resources (an ARN pattern such as `...:rule/orgstrap-*`), may publish. */
export function topicPublishPolicy(
  sid: string,
  publisher: string,
  topicArn: pulumi.Input<string>,
  sourceArnPattern: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi.all([topicArn, sourceArnPattern]).apply(([arn, source]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: sid,
          Effect: "Allow",
          Principal: { Service: publisher },
          Action: "sns:Publish",
          Resource: arn,
          Condition: { ArnLike: { "aws:SourceArn": source } },
        },
      ],
    }),
  );
}
