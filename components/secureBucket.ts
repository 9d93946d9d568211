// The hardening every orgstrap bucket gets, written once: public access blocked, ACLs disabled, versioning, default
// encryption, a TLS-only bucket policy, retained on delete. Used by the log archive, the Config archive and the cost export.
import * as pulumi from "@pulumi/pulumi";
import * as s3 from "@pulumi/aws/s3";
import type * as inputs from "@pulumi/aws/types/input";

/** Arguments for {@link secureBucket}. */
export interface SecureBucketArgs {
  readonly region: string;
  /** Globally unique bucket name. */
  readonly bucketName: pulumi.Input<string>;
  /** Default encryption: SSE-S3, or SSE-KMS with this key and an S3 Bucket Key. */
  readonly kmsKeyArn?: pulumi.Input<string>;
  /** Object Lock default retention (GOVERNANCE mode) in days; Object Lock is enabled only when this is given. */
  readonly objectLockRetentionDays?: number;
  /** Lifecycle rules; none when empty. They are applied once versioning is on. */
  readonly lifecycleRules?: readonly inputs.s3.BucketLifecycleConfigurationRule[];
  /** The bucket policy (JSON) from the bucket's ARN. It must open with the {@link tlsOnlyStatement}; anything else is refused. */
  readonly policy: (bucketArn: pulumi.Output<string>) => pulumi.Output<string>;
}

/** What {@link secureBucket} created. */
export interface SecureBucket {
  readonly bucket: s3.Bucket;
  readonly bucketName: pulumi.Output<string>;
  readonly bucketArn: pulumi.Output<string>;
  readonly versioning: s3.BucketVersioning;
  /** Services check the bucket policy when they are pointed at the bucket: they must wait for it. */
  readonly bucketPolicy: s3.BucketPolicy;
}

/** The statement every orgstrap bucket policy opens with: any request without TLS is denied. */
export function tlsOnlyStatement(bucketArn: string): Record<string, unknown> {
  return {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** The policy itself when it opens with exactly the {@link tlsOnlyStatement} of its bucket; an error naming the bucket otherwise. */
export function requireTlsOnly(policy: string, bucketArn: string): string {
  const first = (JSON.parse(policy) as { Statement?: unknown[] }).Statement?.[0];
  if (JSON.stringify(first) !== JSON.stringify(tlsOnlyStatement(bucketArn))) {
    throw new Error(`the policy of ${bucketArn} must open with the TLS-only statement (DenyInsecureTransport on the bucket and its objects)`);
  }
  return policy;
}

/**
 * A hardened bucket and its settings, named `<prefix>-bucket`, `<prefix>-public-access-block`, `<prefix>-ownership`,
 * `<prefix>-versioning`, `<prefix>-encryption`, `<prefix>-object-lock`, `<prefix>-lifecycle`, `<prefix>-bucket-policy`,
 * under `parent` (a function, not a component of its own: the resources keep the URNs they were deployed with).
 *
 * Everything is retained on delete, not protected: what the bucket holds outlives the stack, and the engine refuses to
 * delete a protected resource before it considers retainOnDelete, so protect would make every destroy fail.
 */
export function secureBucket(prefix: string, args: SecureBucketArgs, parent: pulumi.Resource): SecureBucket {
  const region = args.region;
  const keep = { parent, retainOnDelete: true };
  const locked = args.objectLockRetentionDays !== undefined;
  // No forceDestroy: S3 refuses to delete a bucket that holds objects, and these hold records.
  const bucket = new s3.Bucket(
    `${prefix}-bucket`,
    { region, bucket: args.bucketName, forceDestroy: false, ...(locked ? { objectLockEnabled: true } : {}) },
    keep,
  );
  const bucketName = bucket.bucket;
  new s3.BucketPublicAccessBlock(
    `${prefix}-public-access-block`,
    { region, bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    keep,
  );
  // ACLs disabled: the bucket owner owns every object, whoever writes it.
  new s3.BucketOwnershipControls(`${prefix}-ownership`, { region, bucket: bucketName, rule: { objectOwnership: "BucketOwnerEnforced" } }, keep);
  // An overwritten or deleted record stays as a noncurrent version. Deleting this resource would suspend versioning,
  // which S3 refuses on an Object Lock bucket (InvalidBucketState).
  const versioning = new s3.BucketVersioning(`${prefix}-versioning`, { region, bucket: bucketName, versioningConfiguration: { status: "Enabled" } }, keep);
  new s3.BucketServerSideEncryptionConfiguration(
    `${prefix}-encryption`,
    {
      region,
      bucket: bucketName,
      rules: [
        args.kmsKeyArn === undefined
          ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.kmsKeyArn }, bucketKeyEnabled: true },
      ],
    },
    keep,
  );
  if (locked) {
    new s3.BucketObjectLockConfiguration(
      `${prefix}-object-lock`,
      { region, bucket: bucketName, rule: { defaultRetention: { mode: "GOVERNANCE", days: args.objectLockRetentionDays } } },
      // Object Lock needs versioning in place.
      { ...keep, dependsOn: [versioning] },
    );
  }
  if (args.lifecycleRules && args.lifecycleRules.length > 0) {
    // Lifecycle rules on a versioned bucket must follow versioning.
    new s3.BucketLifecycleConfiguration(
      `${prefix}-lifecycle`,
      { region, bucket: bucketName, rules: [...args.lifecycleRules] },
      { ...keep, dependsOn: [versioning] },
    );
  }
  const policy = pulumi.all([args.policy(bucket.arn), bucket.arn]).apply(([text, arn]) => requireTlsOnly(text, arn));
  const bucketPolicy = new s3.BucketPolicy(`${prefix}-bucket-policy`, { region, bucket: bucketName, policy }, keep);
  return { bucket, bucketName, bucketArn: bucket.arn, versioning, bucketPolicy };
}
