import { expect } from "chai";
import { CostControls, CUR2_COLUMNS } from "../../components/costControls";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

/** The Data Exports `export` input as the fake cloud receives it (outputs resolved). */
type ExportInputs = { destinationConfigurations: { s3Destinations: { s3Bucket: string; s3Region: string }[] }[] };

describe("CostControls", () => {
  const home = new CostControls("unit-cost", {
    partition: "aws",
    region: "us-east-1",
    managementAccountId: "111111111111",
    budget: { name: "unit-monthly", monthlyLimitUsd: 1000, thresholdsPercent: [80, 100], emails: ["billing@example.com"] },
    costExport: { name: "unit-cur2", bucketName: "unit-cur-111111111111", expireAfterDays: 0 },
  });
  const away = new CostControls("unit-cost-eu", {
    partition: "aws",
    region: "eu-west-1",
    managementAccountId: "111111111111",
    costExport: { name: "unit-cur2-eu", bucketName: "unit-cur-eu-111111111111", expireAfterDays: 400 },
  });

  it("creates a monthly cost budget in the management account that emails at each threshold and on a forecast overrun", async () => {
    await unwrap(home.budgetName!);
    await settle();
    const budget = find("aws:budgets/budget:Budget", "unit-cost-budget");
    expect(providerName(budget)).to.equal("");
    expect(budget.inputs).to.deep.include({ name: "unit-monthly", budgetType: "COST", timeUnit: "MONTHLY", limitAmount: "1000.00", limitUnit: "USD" });
    const mail = ["billing@example.com"];
    expect(budget.inputs.notifications).to.deep.equal([
      { comparisonOperator: "GREATER_THAN", notificationType: "ACTUAL", threshold: 80, thresholdType: "PERCENTAGE", subscriberEmailAddresses: mail },
      { comparisonOperator: "GREATER_THAN", notificationType: "ACTUAL", threshold: 100, thresholdType: "PERCENTAGE", subscriberEmailAddresses: mail },
      { comparisonOperator: "GREATER_THAN", notificationType: "FORECASTED", threshold: 100, thresholdType: "PERCENTAGE", subscriberEmailAddresses: mail },
    ]);
    expect(findAll("aws:budgets/budget:Budget", "unit-cost-eu")).to.deep.equal([]);
  });

  it("exports CUR 2.0 hourly with resource ids and the primary billing view (AWS adds it on read: missing, every up replaces the export) to a private, TLS-only bucket that only Data Exports of this account may write", async () => {
    await unwrap(home.exportBucketName!);
    await settle();
    const policyReg = find("aws:s3/bucketPolicy:BucketPolicy", "unit-cost-export-bucket-policy");
    const statements = JSON.parse(policyReg.inputs.policy as string).Statement;
    expect(statements[1]).to.deep.equal({
      Sid: "EnableAWSDataExportsToWriteToS3AndCheckPolicy",
      Effect: "Allow",
      Principal: { Service: ["billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com"] },
      Action: ["s3:PutObject", "s3:GetBucketPolicy"],
      Resource: ["arn:aws:s3:::unit-cur-111111111111/*", "arn:aws:s3:::unit-cur-111111111111"],
      Condition: {
        StringLike: {
          "aws:SourceAccount": "111111111111",
          "aws:SourceArn": ["arn:aws:cur:us-east-1:111111111111:definition/*", "arn:aws:bcm-data-exports:us-east-1:111111111111:export/*"],
        },
      },
    });
    expect(statements[0].Sid).to.equal("DenyInsecureTransport");
    expect(find("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "unit-cost-export-public-access-block").inputs).to.include({
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const exp = find("aws:bcmdata/export:Export", "unit-cost-export");
    expect(providerName(exp)).to.equal("");
    expect(dependsOn(exp, policyReg)).to.equal(true);
    expect(exp.inputs.export).to.deep.equal({
      name: "unit-cur2",
      description: "orgstrap: CUR 2.0 of the whole organization",
      dataQueries: [
        {
          queryStatement: `SELECT ${CUR2_COLUMNS.join(", ")} FROM COST_AND_USAGE_REPORT`,
          tableConfigurations: {
            COST_AND_USAGE_REPORT: {
              BILLING_VIEW_ARN: "arn:aws:billing::111111111111:billingview/primary",
              TIME_GRANULARITY: "HOURLY",
              INCLUDE_RESOURCES: "TRUE",
              INCLUDE_MANUAL_DISCOUNT_COMPATIBILITY: "FALSE",
              INCLUDE_SPLIT_COST_ALLOCATION_DATA: "FALSE",
            },
          },
        },
      ],
      destinationConfigurations: [
        {
          s3Destinations: [
            {
              s3Bucket: "unit-cur-111111111111",
              s3Prefix: "cur2",
              s3Region: "us-east-1",
              s3OutputConfigurations: [{ outputType: "CUSTOM", format: "PARQUET", compression: "PARQUET", overwrite: "OVERWRITE_REPORT" }],
            },
          ],
        },
      ],
      refreshCadences: [{ frequency: "SYNCHRONOUS" }],
    });
    expect(findAll("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "unit-cost-export")).to.deep.equal([]);
  });

  it("creates the export through a us-east-1 provider when the home Region is elsewhere, with the bucket in the home Region", async () => {
    await unwrap(away.exportBucketName!);
    await settle();
    const provider = find("pulumi:providers:aws", "unit-cost-eu-us-east-1");
    expect(provider.inputs.region).to.equal("us-east-1");
    const exp = find("aws:bcmdata/export:Export", "unit-cost-eu-export");
    expect(providerName(exp)).to.equal("unit-cost-eu-us-east-1");
    expect((exp.inputs.export as ExportInputs).destinationConfigurations[0].s3Destinations[0].s3Region).to.equal("eu-west-1");
    expect(find("aws:s3/bucket:Bucket", "unit-cost-eu-export-bucket").inputs).to.include({ region: "eu-west-1", bucket: "unit-cur-eu-111111111111" });
    const lifecycle = find("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "unit-cost-eu-export-lifecycle");
    // Versioned: an overwritten report is a noncurrent version, and it expires with the rest.
    expect(lifecycle.inputs.rules).to.deep.equal([
      { id: "expire-exports", status: "Enabled", filter: {}, expiration: { days: 400 }, noncurrentVersionExpiration: { noncurrentDays: 400 } },
    ]);
    expect(dependsOn(lifecycle, find("aws:s3/bucketVersioning:BucketVersioning", "unit-cost-eu-export-versioning"))).to.equal(true);
  });

  it("hardens the export bucket like every orgstrap bucket: versioned, public access blocked, ACLs off, encrypted, all retained on delete", () => {
    const expected: [string, Record<string, unknown>][] = [
      ["aws:s3/bucket:Bucket", { forceDestroy: false }],
      [
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      ],
      ["aws:s3/bucketOwnershipControls:BucketOwnershipControls", {}],
      ["aws:s3/bucketVersioning:BucketVersioning", {}],
      ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", {}],
      ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", {}],
      ["aws:s3/bucketPolicy:BucketPolicy", {}],
    ];
    const suffix = ["bucket", "public-access-block", "ownership", "versioning", "encryption", "lifecycle", "bucket-policy"];
    expected.forEach(([type, inputs], i) => {
      const r = find(type, `unit-cost-eu-export-${suffix[i]}`);
      expect([r.retainOnDelete, r.protect ?? false], r.name).to.deep.equal([true, false]);
      expect(r.inputs, r.name).to.include(inputs);
    });
    expect(find("aws:s3/bucketVersioning:BucketVersioning", "unit-cost-eu-export-versioning").inputs.versioningConfiguration).to.deep.equal({
      status: "Enabled",
    });
    expect(find("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "unit-cost-eu-export-ownership").inputs.rule).to.deep.equal({
      objectOwnership: "BucketOwnerEnforced",
    });
    expect(
      find("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "unit-cost-eu-export-encryption").inputs.rules,
    ).to.deep.equal([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
  });
});
