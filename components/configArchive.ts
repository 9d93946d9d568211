// The AWS Config archive: the S3 bucket in the Log-Archive account that every account's delivery channel writes to.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import { COMPONENT_TYPE } from "../lib/naming";
import { secureBucket, tlsOnlyStatement } from "./secureBucket";

/** Arguments for {@link ConfigArchive}. */
export interface ConfigArchiveArgs {
  /** Globally unique bucket name, e.g. `<prefix>-config-<log archive account id>`. */
  readonly bucketName: pulumi.Input<string>;
  readonly region: string;
  readonly partition: string;
  /** The organization whose accounts may deliver (`aws:SourceOrgID`), the accounts created later included. */
  readonly organizationId: pulumi.Input<string>;
  /**
   * The recorder roles of the bucket's own account (the StackSet's `<namePrefix>-config-recorder-<Region>`): AWS Config
   * delivers to a same-account bucket with the recorder's role, not the service principal, so they must not be denied.
   */
  readonly localRecorderRoleArnPattern: pulumi.Input<string>;
  /** Accounts whose principals may read the configuration history (the Security account). */
  readonly readerAccountIds: readonly pulumi.Input<string>[];
  /** Expire delivered objects after this many days; 0 keeps them forever. */
  readonly expireAfterDays: number;
}

/**
 * The Config delivery bucket, created in the Log-Archive account (construct it with that account's provider).
 *
 * It is a bucket of its own, not the trail's: AWS Config does not support delivery channels to a bucket with
 * S3 Object Lock enabled, and the trail's bucket has it.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-config-deliverychannel.html
 *
 * Objects are encrypted with SSE-S3, as in AWS Control Tower's log bucket: a cross-account KMS key would have to
 * trust the Config service principal for accounts that do not exist yet.
 */
export class ConfigArchive extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  /** The bucket policy: delivery channels are checked against it when they are created. */
  public readonly bucketPolicy: s3.BucketPolicy;

  constructor(name: string, args: ConfigArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.configArchive, name, {}, opts);
    // The configuration history of the whole organization outlives the stack (secureBucket retains it on delete).
    const archive = secureBucket(
      name,
      {
        region: args.region,
        bucketName: args.bucketName,
        lifecycleRules:
          args.expireAfterDays > 0
            ? [
                {
                  id: "expire-config-history",
                  status: "Enabled",
                  filter: {},
                  expiration: { days: args.expireAfterDays },
                  noncurrentVersionExpiration: { noncurrentDays: args.expireAfterDays },
                },
              ]
            : [],
        policy: (arn) => configBucketPolicy(args, arn),
      },
      this,
    );
    this.bucketPolicy = archive.bucketPolicy;
    this.bucketName = archive.bucketName;
    this.bucketArn = archive.bucketArn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn });
  }
}

/**
 * The bucket policy: TLS only; the AWS Config service principal may check the bucket and deliver, on behalf of
 * accounts of this organization only; nobody else may write; the Security account may read.
 *
 * Recorders in other accounts deliver as the service principal `config.amazonaws.com` (for a cross-account bucket
 * AWS Config falls back to it when the bucket does not admit the recorder's role); the Log-Archive account's own
 * recorders deliver with their role, which its identity policy allows and the deny statement exempts. `aws:SourceOrgID` admits accounts created later, which an account list
 * (`AWS:SourceAccount`, AWS Config's own example) could not; AWS Control Tower's log bucket uses the same key.
 * @see https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-policy.html
 * @see https://docs.aws.amazon.com/controltower/latest/userguide/logging-s3-audit-bucket.html
 */
function configBucketPolicy(
  args: Pick<ConfigArchiveArgs, "partition" | "organizationId" | "readerAccountIds" | "localRecorderRoleArnPattern">,
  bucketArn: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi
    .all([bucketArn, args.organizationId, pulumi.all([...args.readerAccountIds]), args.localRecorderRoleArnPattern])
    .apply(([arn, orgId, readers, localRecorders]) => {
      const fromOrg = { StringEquals: { "aws:SourceOrgID": orgId } };
      const config = { Service: "config.amazonaws.com" };
      return JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          tlsOnlyStatement(arn),
          { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: arn, Condition: fromOrg },
          { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: arn, Condition: fromOrg },
          {
            Sid: "AWSConfigBucketDelivery",
            Effect: "Allow",
            Principal: config,
            Action: "s3:PutObject",
            Resource: `${arn}/AWSLogs/*/Config/*`,
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": orgId } },
          },
          {
            Sid: "DenyWritesByNonServicePrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${arn}/*`,
            // Both must hold: the bucket's own recorder roles deliver with the role (AWS Config's same-account path).
            Condition: { Bool: { "aws:PrincipalIsAWSService": "false" }, ArnNotLike: { "aws:PrincipalArn": localRecorders } },
          },
          {
            Sid: "AllowConfigReaders",
            Effect: "Allow",
            Principal: { AWS: [...new Set(readers)].sort().map((id) => `arn:${args.partition}:iam::${id}:root`) },
            Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
            Resource: [arn, `${arn}/*`],
          },
        ],
      });
    });
}
