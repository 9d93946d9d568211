// The key policy of an SNS topic that an AWS service publishes to: the owning account administers the key, the
// publishing service may generate and decrypt data keys. No aws:Source* condition on the service statement: AWS's own
// examples for service publishers carry none, and a condition key absent from the KMS request would silently drop
// every message; the topic policy is what scopes who may publish.
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
import * as pulumi from "@pulumi/pulumi";

/** `publisher`: the service principal that publishes (events.amazonaws.com, cloudwatch.amazonaws.com). */
export function topicKeyPolicy(partition: string, ownerAccountId: pulumi.Input<string>, ownerSid: string, publisherSid: string, publisher: string): pulumi.Output<string> {
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
