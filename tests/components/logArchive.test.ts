import { expect } from "chai";
import { LogArchive } from "../../components/logArchive";
import { accountProvider } from "../helpers/providers";
import { find, providerName, registrations, settle, unwrap } from "../helpers/mocks";

const TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail";

describe("LogArchive", () => {
  const provider = accountProvider("unit-la-provider", "333333333333");
  const archive = new LogArchive(
    "unit-la",
    {
      bucketName: "example-log-archive-333333333333",
      keyAlias: "alias/example-organization-trail",
      region: "us-east-1",
      partition: "aws",
      logArchiveAccountId: "333333333333",
      managementAccountId: "111111111111",
      organizationId: "o-exampleorg1",
      trailArn: TRAIL,
      readerAccountIds: ["222222222222"],
      kmsKeyDeletionWindowDays: 30,
      objectLockRetentionDays: 365,
      transitionToGlacierDays: 90,
      expireAfterDays: 0,
    },
    { provider },
  );

  it("creates every resource in the Log-Archive account, through its provider", async () => {
    await unwrap(archive.bucketName);
    await settle();
    const children = registrations.filter((r) => r.custom && r.name.startsWith("unit-la-") && r.type !== "pulumi:providers:aws");
    expect(children.map((r) => r.type).sort()).to.deep.equal([
      "aws:kms/alias:Alias",
      "aws:kms/key:Key",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]);
    for (const child of children) expect(providerName(child), child.name).to.equal("unit-la-provider");
  });

  it("locks the bucket: retained with every setting (versioning too: S3 refuses to suspend it under Object Lock), no force-destroy, Object Lock, public access blocked, KMS by default", async () => {
    await settle();
    const bucket = find("aws:s3/bucket:Bucket", "unit-la-bucket");
    expect(bucket.inputs).to.include({ bucket: "example-log-archive-333333333333", objectLockEnabled: true, forceDestroy: false });
    expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([undefined, true]);
    const versioning = find("aws:s3/bucketVersioning:BucketVersioning", "unit-la-versioning");
    expect(versioning.inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
    const settings = registrations.filter((r) => r.type.startsWith("aws:s3/") && r.name.startsWith("unit-la-"));
    expect(settings.filter((r) => r.retainOnDelete !== true).map((r) => r.name)).to.deep.equal([]);
    expect(settings.map((r) => r.type.split(":")[2]).sort()).to.deep.equal([
      "Bucket",
      "BucketLifecycleConfiguration",
      "BucketObjectLockConfiguration",
      "BucketOwnershipControls",
      "BucketPolicy",
      "BucketPublicAccessBlock",
      "BucketServerSideEncryptionConfiguration",
      "BucketVersioning",
    ]);
    expect(find("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "unit-la-public-access-block").inputs).to.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const lock = find("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "unit-la-object-lock");
    expect(lock.inputs.rule).to.deep.equal({ defaultRetention: { mode: "GOVERNANCE", days: 365 } });
    const keyArn = await unwrap(archive.keyArn);
    expect(find("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "unit-la-encryption").inputs.rules).to.deep.equal([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true },
    ]);
    expect(keyArn).to.match(/^arn:aws:kms:us-east-1:333333333333:key\//);
  });

  it("lets only TLS in, only this organization trail write, and the Security account read", async () => {
    await settle();
    const policy = JSON.parse(find("aws:s3/bucketPolicy:BucketPolicy", "unit-la-bucket-policy").inputs.policy as string);
    const arn = "arn:aws:s3:::example-log-archive-333333333333";
    expect(policy.Statement).to.deep.equal([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      {
        Sid: "AWSCloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: arn,
        Condition: { StringEquals: { "aws:SourceArn": TRAIL } },
      },
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: [`${arn}/AWSLogs/111111111111/*`, `${arn}/AWSLogs/o-exampleorg1/*`],
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL } },
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
        Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
        Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
        Resource: [arn, `${arn}/*`],
      },
    ]);
  });

  it("lets CloudTrail encrypt for this trail only, and readers decrypt, through the key policy", async () => {
    await settle();
    const key = find("aws:kms/key:Key", "unit-la-key");
    expect(key.inputs).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
    expect([key.protect, key.retainOnDelete]).to.deep.equal([undefined, true]);
    const statements = JSON.parse(key.inputs.policy as string).Statement;
    expect(statements.map((s: { Sid: string }) => s.Sid)).to.deep.equal([
      "EnableLogArchiveAccountAdministration",
      "AllowCloudTrailEncrypt",
      "AllowCloudTrailDescribeKey",
      "AllowLogReadersDecrypt",
      "AllowTrailOwnerDecryptForBucketKey",
    ]);
    expect(statements[1].Condition).to.deep.equal({
      StringEquals: { "aws:SourceArn": TRAIL },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
    });
    expect(statements[3].Condition.StringEquals).to.deep.equal({ "kms:CallerAccount": ["222222222222", "333333333333"] });
    // S3 Bucket Key on the bucket: creating the trail needs kms:Decrypt for the management account.
    expect(statements[4]).to.deep.equal({
      Sid: "AllowTrailOwnerDecryptForBucketKey",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:root" },
      Action: "kms:Decrypt",
      Resource: "*",
    });
  });

  it("expires noncurrent versions with current ones (the bucket is versioned), after the Glacier transition", async () => {
    const expiring = new LogArchive(
      "unit-lx",
      {
        bucketName: "example-log-archive-expiring",
        keyAlias: "alias/example-organization-trail",
        region: "us-east-1",
        partition: "aws",
        logArchiveAccountId: "333333333333",
        managementAccountId: "111111111111",
        organizationId: "o-exampleorg1",
        trailArn: TRAIL,
        readerAccountIds: ["222222222222"],
        kmsKeyDeletionWindowDays: 30,
        objectLockRetentionDays: 365,
        transitionToGlacierDays: 90,
        expireAfterDays: 400,
      },
      { provider },
    );
    await unwrap(expiring.bucketName);
    await settle();
    expect(find("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "unit-lx-lifecycle").inputs.rules).to.deep.equal([
      {
        id: "archive-logs",
        status: "Enabled",
        filter: {},
        transitions: [{ days: 90, storageClass: "GLACIER_IR" }],
        noncurrentVersionTransitions: [{ noncurrentDays: 90, storageClass: "GLACIER_IR" }],
        expiration: { days: 400 },
        noncurrentVersionExpiration: { noncurrentDays: 400 },
      },
    ]);
  });
});
