import { expect } from "chai";
import * as s3 from "@pulumi/aws/s3";
import { OrganizationTrail, trailArnFor } from "../../components/organizationTrail";
import { find, providerName, settle, unwrap } from "../helpers/mocks";

describe("OrganizationTrail", () => {
  it("creates a multi-Region organization trail with log file validation and KMS, in the management account", async () => {
    const policy = new s3.BucketPolicy("unit-trail-bucket-policy", { bucket: "logs", policy: "{}" });
    const trail = new OrganizationTrail("unit-trail", {
      trailName: "organization-trail",
      region: "us-east-1",
      bucketName: "logs",
      kmsKeyArn: "arn:aws:kms:us-east-1:333333333333:key/k",
      waitFor: [policy],
    });
    expect(await unwrap(trail.trailArn)).to.equal("arn:aws:cloudtrail:us-east-1:111111111111:trail/organization-trail");
    await settle();
    const reg = find("aws:cloudtrail/trail:Trail", "unit-trail-trail");
    expect(reg.inputs).to.deep.equal({
      name: "organization-trail",
      region: "us-east-1",
      s3BucketName: "logs",
      kmsKeyId: "arn:aws:kms:us-east-1:333333333333:key/k",
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
    });
    expect(providerName(reg)).to.equal("");
    // CloudTrail checks the bucket policy at create time.
    expect(reg.dependencies).to.include(find("aws:s3/bucketPolicy:BucketPolicy", "unit-trail-bucket-policy").urn);
  });

  it("names the trail's ARN before it exists", async () => {
    expect(await unwrap(trailArnFor("aws", "eu-west-1", "111111111111", "t"))).to.equal("arn:aws:cloudtrail:eu-west-1:111111111111:trail/t");
  });
});
