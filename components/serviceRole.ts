// An IAM role an AWS service assumes, with AWS managed policies attached: written once for every such role.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";

/** Arguments for {@link serviceRole}. */
export interface ServiceRoleArgs {
  /** The role's name in IAM. */
  readonly roleName: pulumi.Input<string>;
  readonly description: string;
  /** The service principal that may assume the role, e.g. `config.amazonaws.com`. */
  readonly service: string;
  /** ARNs of the managed policies to attach, in order. */
  readonly managedPolicyArns: readonly pulumi.Input<string>[];
}

/** The role and its attachments: a resource that acts through the role must wait for the attachments. */
export interface ServiceRole {
  readonly role: iam.Role;
  readonly attachments: readonly iam.RolePolicyAttachment[];
}

/**
 * The role `<name>`, trusting only `args.service`, and one attachment per managed policy: `<name>-policy` for the first,
 * `<name>-policy-2`, `-3`, ... for the others. Resources are created with `opts` (parent, provider) as given.
 */
export function serviceRole(name: string, args: ServiceRoleArgs, opts: pulumi.CustomResourceOptions): ServiceRole {
  const role = new iam.Role(
    name,
    {
      name: args.roleName,
      description: args.description,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: args.service }, Action: "sts:AssumeRole" }],
      }),
    },
    opts,
  );
  const attachments = args.managedPolicyArns.map(
    (policyArn, i) => new iam.RolePolicyAttachment(i === 0 ? `${name}-policy` : `${name}-policy-${i + 1}`, { role: role.name, policyArn }, opts),
  );
  return { role, attachments };
}
