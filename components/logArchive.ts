// The log archive: a KMS key and a locked, encrypted S3 bucket in the Log-Archive account that receive the org trail.
import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { COMPONENT_TYPE } from "../lib/naming";
import { secureBucket, tlsOnlyStatement } from "./secureBucket";

/** Arguments for {@link LogArchive}. */
export interface LogArchiveArgs {
  /** Globally unique bucket name, e.g. `<prefix>-log-archive-<account id>`. */
  readonly bucketName: pulumi.Input<string>;
  /** The trail key's alias, e.g. `alias/<prefix>-organization-trail`: protect-security-services finds the key by it. */
  readonly keyAlias: string;
  readonly region: string;
  readonly partition: string;
  /** The Log-Archive account's id (the key's and the bucket's owner). */
  readonly logArchiveAccountId: pulumi.Input<string>;
  /** The management account, where the organization trail lives. */
  readonly managementAccountId: pulumi.Input<string>;
  readonly organizationId: pulumi.Input<string>;
  /** ARN of the organization trail that writes here (known before the trail exists). */
  readonly trailArn: pulumi.Input<string>;
  /** Accounts whose principals may read and decrypt the logs (the Security account). */
  readonly readerAccountIds: readonly pulumi.Input<string>[];
  readonly kmsKeyDeletionWindowDays: number;
  /** Object Lock default retention (GOVERNANCE mode), in days. */
  readonly objectLockRetentionDays: number;
  readonly transitionToGlacierDays: number;
  /** Expire log objects after this many days; 0 keeps them forever. */
  readonly expireAfterDays: number;
}

/**
 * The trail's KMS key and bucket, created in the Log-Archive account: construct it with that account's
 * provider. The bucket and key are retained on delete (a destroy or a removal leaves them and their settings in AWS),
 * the bucket has no `forceDestroy`, keeps every version under Object Lock, blocks public access, accepts only TLS, and
 * accepts writes only from the organization trail.
 */
export class LogArchive extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  public readonly keyArn: pulumi.Output<string>;
  /** The bucket policy: the trail must wait for it, CloudTrail checks it at create time. */
  public readonly bucketPolicy: s3.BucketPolicy;
  /** The key: its policy must let CloudTrail encrypt before the trail is created. */
  public readonly key: kms.Key;

  constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.logArchive, name, {}, opts);
    const region = args.region;
    this.key = new kms.Key(
      `${name}-key`,
      {
        region,
        description: "orgstrap: encrypts the organization CloudTrail logs",
        enableKeyRotation: true,
        deletionWindowInDays: args.kmsKeyDeletionWindowDays,
        policy: keyPolicy(args),
      },
      // The audit record outlives the stack, and losing the key makes every archived log unreadable: retained on delete
      // (not protected: the engine refuses to delete a protected resource before it considers retainOnDelete).
      { parent: this, retainOnDelete: true },
    );
    new kms.Alias(`${name}-key-alias`, { region, name: args.keyAlias, targetKeyId: this.key.keyId }, { parent: this });

    // The audit record of the whole organization: every version kept under Object Lock, encrypted with the trail's key.
    const archive = secureBucket(
      name,
      {
        region,
        bucketName: args.bucketName,
        kmsKeyArn: this.key.arn,
        objectLockRetentionDays: args.objectLockRetentionDays,
        lifecycleRules: [
          {
            id: "archive-logs",
            status: "Enabled",
            filter: {},
            transitions: [{ days: args.transitionToGlacierDays, storageClass: "GLACIER_IR" }],
            noncurrentVersionTransitions: [{ noncurrentDays: args.transitionToGlacierDays, storageClass: "GLACIER_IR" }],
            // In a versioned bucket, expiring the current version only adds a delete marker: the noncurrent version must
            // expire too, or nothing is ever deleted (S3 PutBucketVersioning's lifecycle note).
            ...(args.expireAfterDays > 0
              ? { expiration: { days: args.expireAfterDays }, noncurrentVersionExpiration: { noncurrentDays: args.expireAfterDays } }
              : {}),
          },
        ],
        policy: (arn) => bucketPolicy(args, arn),
      },
      this,
    );
    this.bucketPolicy = archive.bucketPolicy;
    this.bucketName = archive.bucketName;
    this.bucketArn = archive.bucketArn;
    this.keyArn = this.key.arn;
    this.registerOutputs({ bucketName: this.bucketName, bucketArn: this.bucketArn, keyArn: this.keyArn });
  }
}

/**
 * The key policy: the Log-Archive account administers the key; CloudTrail may encrypt for the organization
 * trail only; readers in the named accounts may decrypt CloudTrail logs.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
 */
function keyPolicy(
  args: Pick<LogArchiveArgs, "partition" | "logArchiveAccountId" | "managementAccountId" | "trailArn" | "readerAccountIds">,
): pulumi.Output<string> {
  return pulumi
    .all([args.logArchiveAccountId, args.managementAccountId, args.trailArn, pulumi.all([...args.readerAccountIds])])
    .apply(([owner, management, trailArn, readers]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "EnableLogArchiveAccountAdministration",
            Effect: "Allow",
            Principal: { AWS: `arn:${args.partition}:iam::${owner}:root` },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "AllowCloudTrailEncrypt",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
            Condition: {
              StringEquals: { "aws:SourceArn": trailArn },
              StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${args.partition}:cloudtrail:*:${management}:trail/*` },
            },
          },
          {
            Sid: "AllowCloudTrailDescribeKey",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:DescribeKey",
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
          },
          {
            Sid: "AllowLogReadersDecrypt",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
            Resource: "*",
            Condition: {
              StringEquals: { "kms:CallerAccount": [...new Set([owner, ...readers])].sort() },
              StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:${args.partition}:cloudtrail:*:${management}:trail/*` },
            },
          },
          {
            // The bucket uses an S3 Bucket Key, so whoever creates or updates the trail (the management account) needs
            // kms:Decrypt on the key, or CreateTrail fails with InsufficientEncryptionPolicyException.
            // https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html
            Sid: "AllowTrailOwnerDecryptForBucketKey",
            Effect: "Allow",
            Principal: { AWS: `arn:${args.partition}:iam::${management}:root` },
            Action: "kms:Decrypt",
            Resource: "*",
          },
        ],
      }),
    );
}

/**
 * The bucket policy: TLS only; CloudTrail may check the ACL and write the organization's logs, for this
 * trail only; nobody else may write, and the Security account may read.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
 */
function bucketPolicy(
  args: Pick<LogArchiveArgs, "partition" | "managementAccountId" | "organizationId" | "trailArn" | "readerAccountIds">,
  bucketArn: pulumi.Input<string>,
): pulumi.Output<string> {
  return pulumi
    .all([bucketArn, args.managementAccountId, args.organizationId, args.trailArn, pulumi.all([...args.readerAccountIds])])
    .apply(([arn, management, orgId, trailArn, readers]) =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          tlsOnlyStatement(arn),
          {
            Sid: "AWSCloudTrailAclCheck",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:GetBucketAcl",
            Resource: arn,
            Condition: { StringEquals: { "aws:SourceArn": trailArn } },
          },
          {
            Sid: "AWSCloudTrailWrite",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "s3:PutObject",
            // An organization trail writes the management account's logs under its account id and every
            // member's under the organization id.
            Resource: [`${arn}/AWSLogs/${management}/*`, `${arn}/AWSLogs/${orgId}/*`],
            Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } },
          },
          {
            Sid: "DenyWritesByNonServicePrincipals",
            Effect: "Deny",
            Principal: "*",
            Action: "s3:PutObject",
            Resource: `${arn}/*`,
            Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } },
          },
          {
            Sid: "AllowLogReaders",
            Effect: "Allow",
            Principal: { AWS: [...new Set(readers)].sort().map((id) => `arn:${args.partition}:iam::${id}:root`) },
            Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
            Resource: [arn, `${arn}/*`],
          },
        ],
      }),
    );
}
