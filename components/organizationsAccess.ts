// StackSets' trusted access with AWS Organizations: CloudFormation's own switch, which @pulumi/aws 7.48 has no resource for.
import * as pulumi from "@pulumi/pulumi";
import type { CloudFormationClient } from "@aws-sdk/client-cloudformation";

import { ORGANIZATIONS_ACCESS } from "../lib/naming";

/** The dynamic resource's type, so plans and the fake cloud can tell it apart from other dynamic resources. */
export const ORGANIZATIONS_ACCESS_TYPE = ORGANIZATIONS_ACCESS.type;
/** One switch per organization: its id in state. */
export const ORGANIZATIONS_ACCESS_ID = "stacksets-organizations-access";

/** What the resource takes. */
export interface OrganizationsAccessInputs {
  /** The Region whose CloudFormation endpoint is called (the home Region, where the StackSets live). */
  readonly region: string;
}

/** What the resource keeps in state. */
export interface OrganizationsAccessOutputs extends OrganizationsAccessInputs {
  /** DescribeOrganizationsAccess's answer after the last create, update or read: ENABLED once this resource exists. */
  readonly status: string;
}

/**
 * The SDK, loaded when the provider runs (in the engine's dynamic-provider host), not when the program registers the
 * resource: `orgstrap plan` and the tests never pay for loading it.
 */
async function sdk(): Promise<typeof import("@aws-sdk/client-cloudformation")> {
  return import("@aws-sdk/client-cloudformation");
}

/** StackSets' Organizations access as DescribeOrganizationsAccess reports it (ENABLED, DISABLED, DISABLED_PERMANENTLY). */
async function describeAccess(client: CloudFormationClient): Promise<string | undefined> {
  const { DescribeOrganizationsAccessCommand } = await sdk();
  return (await client.send(new DescribeOrganizationsAccessCommand({ CallAs: "SELF" }))).Status;
}

/**
 * Turns StackSets' Organizations access on unless it already is, then checks that it is: the same call is safe on an
 * organization where Control Tower, the console or an earlier stack turned it on. Returns the status read back.
 * @internal exported for tests
 */
export async function ensureOrganizationsAccess(region: string): Promise<string> {
  const { ActivateOrganizationsAccessCommand, CloudFormationClient } = await sdk();
  const client = new CloudFormationClient({ region });
  if ((await describeAccess(client)) === "ENABLED") return "ENABLED";
  await client.send(new ActivateOrganizationsAccessCommand({}));
  const after = await describeAccess(client);
  if (after !== "ENABLED") {
    throw new Error(
      `CloudFormation ActivateOrganizationsAccess in ${region} left StackSets' Organizations access ${after ?? "unknown"}, not ENABLED; ` +
        "service-managed StackSets cannot be created until it is (run it from the management account)",
    );
  }
  return "ENABLED";
}

/**
 * The provider: create and update activate (idempotently), read reports the status, delete leaves access on.
 * Deactivating would break every service-managed StackSet of the organization, Control Tower's and other tools' included,
 * so removing this resource from the stack only forgets it.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ActivateOrganizationsAccess.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeOrganizationsAccess.html
 * @internal exported for tests
 */
export const organizationsAccessProvider: pulumi.dynamic.ResourceProvider<OrganizationsAccessInputs, OrganizationsAccessOutputs> = {
  async create(inputs) {
    const status = await ensureOrganizationsAccess(inputs.region);
    return { id: ORGANIZATIONS_ACCESS_ID, outs: { region: inputs.region, status } };
  },
  async read(id, props) {
    const region = props?.region ?? process.env.AWS_REGION;
    if (!region) throw new Error("reading StackSets' Organizations access needs a Region: set AWS_REGION to the home Region");
    const { CloudFormationClient } = await sdk();
    const status = await describeAccess(new CloudFormationClient({ region }));
    return { id, props: { region, status: status ?? "DISABLED" } };
  },
  async diff(_id, olds, news) {
    // The switch is organization-wide: a new Region only changes the endpoint; a refresh that found access off
    // (someone deactivated it) is the one difference worth an update.
    return { changes: olds.status !== "ENABLED" || olds.region !== news.region, replaces: [], deleteBeforeReplace: false };
  },
  async update(_id, _olds, news) {
    const status = await ensureOrganizationsAccess(news.region);
    return { outs: { region: news.region, status } };
  },
  async delete() {
    // Left on on purpose (see above).
  },
};

/**
 * StackSets' trusted access with AWS Organizations (`ActivateOrganizationsAccess`), which creates the
 * AWSServiceRoleForCloudFormationStackSetsOrgAdmin service-linked role in the management account. Without it,
 * creating a SERVICE_MANAGED StackSet fails with "You must enable organizations access to operate a service managed
 * stack set", even when Organizations already trusts member.org.stacksets.cloudformation.amazonaws.com.
 * Runs with the credentials of the deployment (the management account), like the default aws provider.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-activate-trusted-access.html
 */
export class OrganizationsAccess extends pulumi.dynamic.Resource {
  /** ENABLED once created. */
  declare public readonly status: pulumi.Output<string>;

  constructor(name: string, args: OrganizationsAccessInputs, opts?: pulumi.CustomResourceOptions) {
    super(organizationsAccessProvider, name, { region: args.region, status: undefined }, opts, ORGANIZATIONS_ACCESS.module, ORGANIZATIONS_ACCESS.kind);
  }
}
