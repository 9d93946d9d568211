// Cost controls in the management account: a monthly cost budget with email alerts, and a CUR 2.0 data export to S3.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as bcmdata from "@pulumi/aws/bcmdata";
import * as budgets from "@pulumi/aws/budgets";
import { COMPONENT_TYPE } from "../lib/naming";
import { secureBucket, tlsOnlyStatement } from "./secureBucket";

/** Arguments for {@link CostControls}. */
export interface CostControlsArgs {
  readonly partition: string;
  /** Where the export bucket lives (the home Region). */
  readonly region: string;
  readonly managementAccountId: pulumi.Input<string>;
  readonly budget?: {
    readonly name: string;
    readonly monthlyLimitUsd: number;
    readonly thresholdsPercent: readonly number[];
    readonly emails: readonly string[];
  };
  readonly costExport?: { readonly name: string; readonly bucketName: pulumi.Input<string>; readonly expireAfterDays: number };
}

/** The only Region of the BCM Data Exports API. @see https://docs.aws.amazon.com/general/latest/gr/billing.html */
export const DATA_EXPORTS_REGION = "us-east-1";

/** CUR 2.0 columns exported (a subset of COST_AND_USAGE_REPORT, enough for cost per account, service, Region and resource). */
export const CUR2_COLUMNS = [
  "bill_billing_period_start_date",
  "bill_payer_account_id",
  "line_item_usage_account_id",
  "line_item_usage_start_date",
  "line_item_line_item_type",
  "line_item_product_code",
  "line_item_usage_type",
  "line_item_operation",
  "line_item_resource_id",
  "line_item_usage_amount",
  "line_item_unblended_cost",
  "line_item_net_unblended_cost",
  "product_region_code",
  "pricing_term",
  "resource_tags",
];

/**
 * Both live in the management account: it pays for the whole organization (consolidated billing), so its budget and its
 * CUR 2.0 export cover every account. The export is created through a provider in us-east-1 (the Data Exports API's only
 * Region) unless the home Region is us-east-1; its bucket sits in the home Region and the export names that Region.
 */
export class CostControls extends pulumi.ComponentResource {
  public readonly budgetName?: pulumi.Output<string>;
  public readonly exportBucketName?: pulumi.Output<string>;
  public readonly exportArn?: pulumi.Output<string>;

  constructor(name: string, args: CostControlsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.costControls, name, {}, opts);
    if (args.budget) {
      const b = args.budget;
      const subscribers = [...b.emails];
      const budget = new budgets.Budget(
        `${name}-budget`,
        {
          name: b.name,
          budgetType: "COST",
          timeUnit: "MONTHLY",
          limitAmount: b.monthlyLimitUsd.toFixed(2),
          limitUnit: "USD",
          notifications: [
            ...b.thresholdsPercent.map((t) => ({
              comparisonOperator: "GREATER_THAN",
              notificationType: "ACTUAL",
              threshold: t,
              thresholdType: "PERCENTAGE",
              subscriberEmailAddresses: subscribers,
            })),
            {
              comparisonOperator: "GREATER_THAN",
              notificationType: "FORECASTED",
              threshold: 100,
              thresholdType: "PERCENTAGE",
              subscriberEmailAddresses: subscribers,
            },
          ],
        },
        { parent: this },
      );
      this.budgetName = budget.name;
    }
    if (args.costExport) {
      const e = args.costExport;
      const region = args.region;
      // The reports outlive the stack (secureBucket retains the bucket on delete). OVERWRITE_REPORT rewrites each
      // month's files: versioning keeps what was overwritten until it expires with the rest.
      const exportBucket = secureBucket(
        `${name}-export`,
        {
          region,
          bucketName: e.bucketName,
          lifecycleRules:
            e.expireAfterDays > 0
              ? [
                  {
                    id: "expire-exports",
                    status: "Enabled",
                    filter: {},
                    expiration: { days: e.expireAfterDays },
                    noncurrentVersionExpiration: { noncurrentDays: e.expireAfterDays },
                  },
                ]
              : [],
          policy: (arn) => exportBucketPolicy(args, arn),
        },
        this,
      );
      const name_ = exportBucket.bucketName;
      const policy = exportBucket.bucketPolicy;
      const billingProvider =
        region === DATA_EXPORTS_REGION ? undefined : new Provider(`${name}-${DATA_EXPORTS_REGION}`, { region: DATA_EXPORTS_REGION }, { parent: this });
      const exp = new bcmdata.Export(
        `${name}-export`,
        {
          export: {
            name: e.name,
            description: "orgstrap: CUR 2.0 of the whole organization",
            dataQueries: [
              {
                queryStatement: `SELECT ${CUR2_COLUMNS.join(", ")} FROM COST_AND_USAGE_REPORT`,
                tableConfigurations: {
                  COST_AND_USAGE_REPORT: {
                    // AWS adds the billing view on read; left out, the diff would replace the export on every `up`
                    // (hashicorp/terraform-provider-aws#43978, pulumi/pulumi-aws#6139).
                    BILLING_VIEW_ARN: pulumi.interpolate`arn:${args.partition}:billing::${args.managementAccountId}:billingview/primary`,
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
                    s3Bucket: name_,
                    s3Prefix: "cur2",
                    s3Region: region,
                    s3OutputConfigurations: [{ outputType: "CUSTOM", format: "PARQUET", compression: "PARQUET", overwrite: "OVERWRITE_REPORT" }],
                  },
                ],
              },
            ],
            refreshCadences: [{ frequency: "SYNCHRONOUS" }],
          },
        },
        // Data Exports checks the bucket policy when the export is created. The export's name is fixed and its query
        // forces a replacement: the old export goes first (lib/replaceRules.ts); the reports stay in the bucket.
        { parent: this, provider: billingProvider, dependsOn: [policy], deleteBeforeReplace: true },
      );
      this.exportBucketName = name_;
      this.exportArn = exp.export.apply((x) => x?.exportArn ?? "");
    }
    this.registerOutputs({ budgetName: this.budgetName, exportBucketName: this.exportBucketName, exportArn: this.exportArn });
  }
}

/**
 * TLS only; Data Exports (and the CUR service it shares the bucket check with) may write and read the policy, for exports
 * of the management account only.
 * @see https://docs.aws.amazon.com/cur/latest/userguide/dataexports-s3-bucket.html
 */
function exportBucketPolicy(args: Pick<CostControlsArgs, "partition" | "managementAccountId">, bucketArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.all([bucketArn, args.managementAccountId]).apply(([arn, account]) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        tlsOnlyStatement(arn),
        {
          Sid: "EnableAWSDataExportsToWriteToS3AndCheckPolicy",
          Effect: "Allow",
          Principal: { Service: ["billingreports.amazonaws.com", "bcm-data-exports.amazonaws.com"] },
          Action: ["s3:PutObject", "s3:GetBucketPolicy"],
          Resource: [`${arn}/*`, arn],
          Condition: {
            StringLike: {
              "aws:SourceAccount": account,
              "aws:SourceArn": [
                `arn:${args.partition}:cur:us-east-1:${account}:definition/*`,
                `arn:${args.partition}:bcm-data-exports:us-east-1:${account}:export/*`,
              ],
            },
          },
        },
      ],
    }),
  );
}
