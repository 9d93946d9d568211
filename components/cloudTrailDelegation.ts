// CloudTrail delegated administration: the Security account may view and manage the organization trail.
import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link CloudTrailDelegation}. */
export interface CloudTrailDelegationArgs {
  readonly securityAccountId: pulumi.Input<string>;
  /** The organization: CloudTrail refuses delegation until trusted access for cloudtrail.amazonaws.com is on. */
  readonly organization: pulumi.Resource;
}

/**
 * Registers the Security account as CloudTrail delegated administrator through CloudTrail's own
 * RegisterOrganizationDelegatedAdmin API, from the management account (only it may call it). The trail itself stays
 * owned by the management account.
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_RegisterOrganizationDelegatedAdmin.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-delegated-administrator.html
 */
export class CloudTrailDelegation extends pulumi.ComponentResource {
  public readonly delegatedAdminAccountId: pulumi.Output<string>;

  constructor(name: string, args: CloudTrailDelegationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.cloudTrailDelegation, name, {}, opts);
    const admin = new cloudtrail.OrganizationDelegatedAdminAccount(
      `${name}-admin`,
      { accountId: args.securityAccountId },
      // CloudTrailAccessNotEnabledException until the organization has trusted access for CloudTrail.
      { parent: this, dependsOn: [args.organization] },
    );
    this.delegatedAdminAccountId = admin.accountId;
    this.registerOutputs({ delegatedAdminAccountId: this.delegatedAdminAccountId });
  }
}
