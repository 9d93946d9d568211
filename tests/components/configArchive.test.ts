import { expect } from "chai";
import { ConfigArchive } from "../../components/configArchive";
import { accountProvider } from "../helpers/providers";
import { find, findAll, providerName, registrations, settle, unwrap } from "../helpers/mocks";

describe("ConfigArchive", () => {
  const provider = accountProvider("unit-ca-provider", "333333333333");
  const archive = new ConfigArchive(
    "unit-ca",
    {
      bucketName: "example-config-333333333333",
      region: "us-east-1",
      partition: "aws",
      organizationId: "o-exampleorg1",
      localRecorderRoleArnPattern: "arn:aws:iam::333333333333:role/orgstrap-config-recorder-*",
      readerAccountIds: ["222222222222"],
      expireAfterDays: 0,
    },
    { provider },
  );
  const expiring = new ConfigArchive(
    "unit-cax",
    {
      bucketName: "x-config-333333333333",
      region: "us-east-1",
      partition: "aws",
      organizationId: "o-exampleorg1",
      localRecorderRoleArnPattern: "arn:aws:iam::333333333333:role/orgstrap-config-recorder-*",
      readerAccountIds: [],
      expireAfterDays: 730,
    },
    { provider },
  );

  it("creates every resource in the Log-Archive account, and no lifecycle rule when objects are kept forever", async () => {
    await unwrap(archive.bucketName);
    await settle();
    const children = registrations.filter((r) => r.custom && r.name.startsWith("unit-ca-") && r.type !== "pulumi:providers:aws");
    expect(children.map((r) => r.type).sort()).to.deep.equal([
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]);
    for (const child of children) expect(providerName(child), child.name).to.equal("unit-ca-provider");
  });

  it("keeps the bucket: retained on delete with its settings, no force-destroy, no Object Lock (AWS Config cannot deliver there), versioned, private, encrypted", async () => {
    await settle();
    const bucket = find("aws:s3/bucket:Bucket", "unit-ca-bucket");
    expect(bucket.inputs).to.deep.equal({ region: "us-east-1", bucket: "example-config-333333333333", forceDestroy: false });
    expect([bucket.protect, bucket.retainOnDelete]).to.deep.equal([undefined, true]);
    const settings = registrations.filter((r) => r.type.startsWith("aws:s3/") && r.name.startsWith("unit-ca-"));
    expect(settings.filter((r) => r.retainOnDelete !== true).map((r) => r.name)).to.deep.equal([]);
    expect(find("aws:s3/bucketVersioning:BucketVersioning", "unit-ca-versioning").inputs.versioningConfiguration).to.deep.equal({ status: "Enabled" });
    expect(find("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "unit-ca-public-access-block").inputs).to.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    expect(find("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "unit-ca-encryption").inputs.rules).to.deep.equal([
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
    ]);
  });

  it("expires current and noncurrent versions after the configured days, once versioning is on", async () => {
    await unwrap(expiring.bucketName);
    await settle();
    const lifecycle = find("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "unit-cax-lifecycle");
    expect(lifecycle.inputs.rules).to.deep.equal([
      { id: "expire-config-history", status: "Enabled", filter: {}, expiration: { days: 730 }, noncurrentVersionExpiration: { noncurrentDays: 730 } },
    ]);
    expect(lifecycle.dependencies).to.include(find("aws:s3/bucketVersioning:BucketVersioning", "unit-cax-versioning").urn);
    expect(findAll("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "unit-ca-")).to.have.length(0);
  });

  it("lets AWS Config check and deliver for this organization's accounts only (future ones included), over TLS, and the Security account read", async () => {
    await settle();
    const policy = JSON.parse(find("aws:s3/bucketPolicy:BucketPolicy", "unit-ca-bucket-policy").inputs.policy as string);
    const arn = "arn:aws:s3:::example-config-333333333333";
    const config = { Service: "config.amazonaws.com" };
    const org = { StringEquals: { "aws:SourceOrgID": "o-exampleorg1" } };
    expect(policy.Statement).to.deep.equal([
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [arn, `${arn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
      { Sid: "AWSConfigBucketPermissionsCheck", Effect: "Allow", Principal: config, Action: "s3:GetBucketAcl", Resource: arn, Condition: org },
      { Sid: "AWSConfigBucketExistenceCheck", Effect: "Allow", Principal: config, Action: "s3:ListBucket", Resource: arn, Condition: org },
      {
        Sid: "AWSConfigBucketDelivery",
        Effect: "Allow",
        Principal: config,
        Action: "s3:PutObject",
        Resource: `${arn}/AWSLogs/*/Config/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceOrgID": "o-exampleorg1" } },
      },
      {
        Sid: "DenyWritesByNonServicePrincipals",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:PutObject",
        Resource: `${arn}/*`,
        // The Log-Archive account's own recorders deliver with their role (AWS Config's same-account path).
        Condition: {
          Bool: { "aws:PrincipalIsAWSService": "false" },
          ArnNotLike: { "aws:PrincipalArn": "arn:aws:iam::333333333333:role/orgstrap-config-recorder-*" },
        },
      },
      {
        Sid: "AllowConfigReaders",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
        Action: ["s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation"],
        Resource: [arn, `${arn}/*`],
      },
    ]);
  });
});
