// The organization CloudTrail trail, in the management account, writing to the Log-Archive bucket.
import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link OrganizationTrail}. */
export interface OrganizationTrailArgs {
  readonly trailName: string;
  readonly region: string;
  /** The Log-Archive bucket (owned by another account). */
  readonly bucketName: pulumi.Input<string>;
  /** The Log-Archive KMS key the trail encrypts with. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Also deliver to this CloudWatch Logs group (in the management account) with this role; see TrailAlarms. */
  readonly cloudWatchLogs?: { readonly logGroupArn: pulumi.Input<string>; readonly roleArn: pulumi.Input<string> };
  /**
   * What must exist before the trail: CloudTrail checks the bucket policy and the key policy when the trail
   * is created, and an organization trail needs trusted access for cloudtrail.amazonaws.com.
   */
  readonly waitFor: readonly pulumi.Resource[];
}

/**
 * One multi-Region organization trail with log file validation and KMS encryption, created in the
 * management account (only it, or a CloudTrail delegated admin, can create organization trails).
 */
export class OrganizationTrail extends pulumi.ComponentResource {
  public readonly trailArn: pulumi.Output<string>;

  constructor(name: string, args: OrganizationTrailArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.organizationTrail, name, {}, opts);
    const trail = new cloudtrail.Trail(
      `${name}-trail`,
      {
        name: args.trailName,
        region: args.region,
        s3BucketName: args.bucketName,
        kmsKeyId: args.kmsKeyArn,
        isOrganizationTrail: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        enableLogFileValidation: true,
        enableLogging: true,
        ...(args.cloudWatchLogs ? { cloudWatchLogsGroupArn: args.cloudWatchLogs.logGroupArn, cloudWatchLogsRoleArn: args.cloudWatchLogs.roleArn } : {}),
      },
      { parent: this, dependsOn: [...args.waitFor] },
    );
    this.trailArn = trail.arn;
    this.registerOutputs({ trailArn: this.trailArn });
  }
}

/** The trail's ARN, known before the trail exists, so the bucket and key policies can name it. */
export function trailArnFor(partition: string, region: string, managementAccountId: pulumi.Input<string>, trailName: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:${partition}:cloudtrail:${region}:${managementAccountId}:trail/${trailName}`;
}
