// Central root access management: member accounts hold no root credentials; privileged root tasks go through sts:AssumeRoot.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link RootAccess}. */
export interface RootAccessArgs {
  /** The organization: both features need trusted access for iam.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/**
 * The two features of centralized root access, enabled from the management account:
 * - RootCredentialsManagement: the management account can delete member accounts' root credentials, and accounts
 *   created afterwards have none;
 * - RootSessions: the management account opens short, task-scoped root sessions in a member (`sts:AssumeRoot`).
 * The deny-root-user SCP exempts exactly those sessions (they carry `aws:AssumedRoot`), so the two agree.
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOrganizationsRootCredentialsManagement.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_EnableOrganizationsRootSessions.html
 */
export const ROOT_ACCESS_FEATURES = ["RootCredentialsManagement", "RootSessions"] as const;

/** Central root access management for the organization's member accounts. */
export class RootAccess extends pulumi.ComponentResource {
  public readonly enabledFeatures: pulumi.Output<string[]>;

  constructor(name: string, args: RootAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.rootAccess, name, {}, opts);
    const features = new iam.OrganizationsFeatures(
      `${name}-features`,
      { enabledFeatures: [...ROOT_ACCESS_FEATURES] },
      // Enabling either feature needs trusted access for iam.amazonaws.com, which the organization enables.
      { parent: this, dependsOn: [args.organization] },
    );
    this.enabledFeatures = features.enabledFeatures;
    this.registerOutputs({ enabledFeatures: this.enabledFeatures });
  }
}
