// Admin access with MFA enforced: Identity Center permission sets and assignments, or an MFA-required IAM admin group.
import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam";
import * as ssoadmin from "@pulumi/aws/ssoadmin";
import { COMPONENT_TYPE } from "../lib/naming";

/** The Identity Center instance and the groups that receive the permission sets. */
export interface IdentityCenterSpec {
  readonly instanceArn: string;
  /** Region of the instance (Identity Center is single-Region). */
  readonly region: string;
  readonly groups: { readonly admins: string; readonly readOnly: string; readonly securityAudit: string };
}

/** Arguments for {@link AdminAccess}. */
export interface AdminAccessArgs {
  readonly partition: string;
  /** Permission sets and assignments when present; otherwise the IAM admin group in the management account. */
  readonly identityCenter?: IdentityCenterSpec;
  /** ISO 8601 session length of the permission sets. */
  readonly sessionDuration: string;
  /** Accounts (config key to id) that every group is assigned to. */
  readonly accountIds: Record<string, pulumi.Input<string>>;
  /** Name of the fallback IAM group. */
  readonly groupName: string;
  /** The organization: Identity Center assignments to member accounts need trusted access for sso.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/**
 * The three permission sets and the AWS managed policy each carries.
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/ReadOnlyAccess.html
 * @see https://docs.aws.amazon.com/aws-managed-policy/latest/reference/SecurityAudit.html
 */
export const PERMISSION_SETS = [
  { role: "admins", name: "AdministratorAccess", policy: "AdministratorAccess", description: "Full administrative access" },
  { role: "readOnly", name: "ReadOnly", policy: "ReadOnlyAccess", description: "Read-only access to every service" },
  { role: "securityAudit", name: "SecurityAudit", policy: "SecurityAudit", description: "Read access to security configuration" },
] as const;

/**
 * Actions an IAM user without MFA may still call: the NotAction list of AWS's example policy "Allows MFA-authenticated
 * IAM users to manage their own credentials on the Security credentials page", plus the user's own password change and
 * the password policy it is checked against. AWS's caveat on that example: it "does not allow users to reset a password
 * while signing in to the AWS Management Console for the first time", so without the two a new admin created with
 * "must change password at next sign-in" could never sign in. iam:ChangePassword only ever changes the caller's own
 * password (it takes no user name), and the old password is still required.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html
 */
const MFA_SELF_MANAGEMENT_ACTIONS = [
  "iam:CreateVirtualMFADevice",
  "iam:EnableMFADevice",
  "iam:GetUser",
  "iam:GetMFADevice",
  "iam:ListMFADevices",
  "iam:ListVirtualMFADevices",
  "iam:ResyncMFADevice",
  "sts:GetSessionToken",
  "iam:ChangePassword",
  "iam:GetAccountPasswordPolicy",
];

/**
 * Human admin access. With Identity Center: AdministratorAccess, ReadOnly and SecurityAudit permission sets, each assigned
 * to its group in every account. MFA is enforced by Identity Center's own authentication settings (console only: no API,
 * so no Pulumi resource, sets them; see docs/adopting.md and the README). Without Identity Center: an IAM group in the
 * management account with AdministratorAccess and a policy denying everything but MFA self-management without MFA.
 * No IAM user and no access key is ever created.
 */
export class AdminAccess extends pulumi.ComponentResource {
  /** Permission set ARN by name (Identity Center), or {}. */
  public readonly permissionSetArns: Record<string, pulumi.Output<string>> = {};
  /** The fallback group's ARN, when no Identity Center instance is configured. */
  public readonly adminGroupArn?: pulumi.Output<string>;

  constructor(name: string, args: AdminAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.adminAccess, name, {}, opts);
    const inManagement = { parent: this };
    const ic = args.identityCenter;
    if (ic) {
      for (const set of PERMISSION_SETS) {
        const slug = set.name.toLowerCase();
        const permissionSet = new ssoadmin.PermissionSet(
          `${name}-${slug}`,
          { region: ic.region, instanceArn: ic.instanceArn, name: set.name, description: set.description, sessionDuration: args.sessionDuration },
          inManagement,
        );
        const attachment = new ssoadmin.ManagedPolicyAttachment(
          `${name}-${slug}-policy`,
          {
            region: ic.region,
            instanceArn: ic.instanceArn,
            permissionSetArn: permissionSet.arn,
            managedPolicyArn: `arn:${args.partition}:iam::aws:policy/${set.policy}`,
          },
          inManagement,
        );
        for (const [key, accountId] of Object.entries(args.accountIds)) {
          new ssoadmin.AccountAssignment(
            `${name}-${slug}-${key}`,
            {
              region: ic.region,
              instanceArn: ic.instanceArn,
              permissionSetArn: permissionSet.arn,
              principalType: "GROUP",
              principalId: ic.groups[set.role],
              targetType: "AWS_ACCOUNT",
              targetId: accountId,
            },
            // Provisioning copies the permission set into the account: attach its policy first, or the account's role
            // starts without it. Member accounts need trusted access for sso.amazonaws.com.
            { ...inManagement, dependsOn: [attachment, args.organization] },
          );
        }
        this.permissionSetArns[set.name] = permissionSet.arn;
      }
    } else {
      const group = new iam.Group(`${name}-group`, { name: args.groupName, path: "/orgstrap/" }, inManagement);
      new iam.GroupPolicyAttachment(
        `${name}-group-admin`,
        { group: group.name, policyArn: `arn:${args.partition}:iam::aws:policy/AdministratorAccess` },
        inManagement,
      );
      new iam.GroupPolicy(`${name}-group-require-mfa`, { group: group.name, name: "RequireMfa", policy: JSON.stringify(requireMfaPolicy()) }, inManagement);
      this.adminGroupArn = group.arn;
    }
    this.registerOutputs({ permissionSetArns: this.permissionSetArns, adminGroupArn: this.adminGroupArn });
  }
}

/**
 * Deny every action but MFA self-management while the request carries no MFA (BoolIfExists also catches long-term access
 * keys, whose requests lack aws:MultiFactorAuthPresent). The statement of AWS's example policy, named as there.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html
 */
function requireMfaPolicy(): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyAllExceptListedIfNoMFA",
        Effect: "Deny",
        NotAction: [...MFA_SELF_MANAGEMENT_ACTIONS],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      },
    ],
  };
}
