// What `pulumi destroy` (and a removal from config) does to the dev stack, as docs/accounts.md states it: only the
// organization is protected; accounts, OUs, account settings and the archive buckets with theirs are retained.
import { expect } from "chai";
import { registrations, settle, unwrap } from "../helpers/mocks";

describe("pulumi destroy on Pulumi.dev.yaml (docs/accounts.md)", function () {
  this.timeout(120000);
  const mine = () => registrations.filter((r) => r.custom && !r.name.startsWith("unit-") && !r.type.startsWith("pulumi:providers:"));

  before(async () => {
    const program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await settle();
  });

  it("protects only the organization, so a destroy stops in its preview until organization.protect is false", () => {
    expect(
      mine()
        .filter((r) => r.protect === true)
        .map((r) => `${r.type} ${r.name}`),
    ).to.deep.equal(["aws:organizations/organization:Organization org-organization"]);
  });

  it("retains exactly the accounts, the OUs, the account settings, the archive buckets and their settings, and the trail key", () => {
    const retained = [
      ...new Set(
        mine()
          .filter((r) => r.retainOnDelete === true)
          .map((r) => r.type),
      ),
    ].sort();
    expect(retained).to.deep.equal([
      "aws:account/alternativeContact:AlternativeContact",
      "aws:ebs/encryptionByDefault:EncryptionByDefault",
      "aws:iam/accountPasswordPolicy:AccountPasswordPolicy",
      "aws:kms/key:Key",
      "aws:organizations/account:Account",
      "aws:organizations/organizationalUnit:OrganizationalUnit",
      "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
      "aws:s3/bucketPolicy:BucketPolicy",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketVersioning:BucketVersioning",
    ]);
    // Every account and OU of the config, and every bucket, is among them; the only retained key is the trail's.
    for (const type of ["aws:organizations/account:Account", "aws:organizations/organizationalUnit:OrganizationalUnit", "aws:s3/bucket:Bucket"]) {
      expect(
        mine()
          .filter((r) => r.type === type && r.retainOnDelete !== true)
          .map((r) => r.name),
        type,
      ).to.deep.equal([]);
    }
    expect(
      mine()
        .filter((r) => r.type === "aws:kms/key:Key" && r.retainOnDelete === true)
        .map((r) => r.name),
    ).to.deep.equal(["log-archive-key"]);
  });

  it("closes no account: closeOnDeletion is false on every account of the example", () => {
    expect(
      mine()
        .filter((r) => r.type === "aws:organizations/account:Account")
        .map((r) => r.inputs.closeOnDeletion),
    ).to.deep.equal([false, false, false, false]);
  });
});
