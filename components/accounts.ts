// Member accounts, each with a provider that assumes its organization access role.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as organizations from "@pulumi/aws/organizations";
import { COMPONENT_TYPE, logicalName } from "../lib/naming";

/** One member account to create (or adopt). */
export interface AccountSpec {
  /** Stable config key, used in logical names and guardrail targets. */
  readonly key: string;
  readonly name: string;
  readonly email: string;
  /** Key of the OU the account sits in. */
  readonly ou: string;
  /** The role Organizations creates in the account; orgstrap's provider assumes it. */
  readonly accessRoleName: string;
  readonly iamUserAccessToBilling: "ALLOW" | "DENY";
  /** Close the account when it is deleted from the stack. Defaults to `false`: the account is only removed from state. */
  readonly closeOnDeletion: boolean;
  /** Adopt an existing member account by id instead of creating one. */
  readonly importId?: string;
}

/** Arguments for {@link Accounts}. */
export interface AccountsArgs {
  readonly accounts: readonly AccountSpec[];
  /** OU id by key. */
  readonly ouIds: Record<string, pulumi.Input<string>>;
  /** Region of the providers; regional resources set their own `region` input (provider v7). */
  readonly homeRegion: string;
  readonly partition: string;
}

/**
 * Member accounts, created from the management account. Each gets one `aws.Provider` that assumes its
 * access role; resources in other Regions set the `region` input, so the graph does not grow with
 * accounts × Regions.
 */
export class Accounts extends pulumi.ComponentResource {
  /** Account id by config key. */
  public readonly idsByKey: Record<string, pulumi.Output<string>> = {};
  private readonly providers: Record<string, aws.Provider> = {};

  constructor(name: string, args: AccountsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.accounts, name, {}, opts);
    for (const spec of args.accounts) {
      const account = new organizations.Account(
        logicalName.account(name, spec.key),
        {
          name: spec.name,
          email: spec.email,
          parentId: args.ouIds[spec.ou],
          roleName: spec.accessRoleName,
          iamUserAccessToBilling: spec.iamUserAccessToBilling,
          closeOnDeletion: spec.closeOnDeletion,
        },
        {
          parent: this,
          import: spec.importId,
          // An AWS account is not a disposable resource: unless config opts in to closing it, a destroy
          // or a removal from config only drops it from the stack and it stays in the organization.
          protect: !spec.closeOnDeletion,
          retainOnDelete: !spec.closeOnDeletion,
          // CreateAccount-only inputs that AWS cannot change in place (and cannot read back): a change,
          // or an imported account, must never force a replacement.
          ignoreChanges: ["roleName", "iamUserAccessToBilling"],
        },
      );
      this.idsByKey[spec.key] = account.id;
      this.providers[spec.key] = new aws.Provider(
        `${name}-${spec.key}`,
        {
          region: args.homeRegion as aws.Region,
          assumeRoles: [
            {
              roleArn: pulumi.interpolate`arn:${args.partition}:iam::${account.id}:role/${spec.accessRoleName}`,
              sessionName: "orgstrap",
            },
          ],
          // Refuse to act if the role ever resolves to another account.
          allowedAccountIds: [account.id],
        },
        { parent: this },
      );
    }
    this.registerOutputs({ idsByKey: this.idsByKey });
  }

  /** The provider that acts inside the account with this config key. */
  providerFor(key: string): aws.Provider {
    const provider = this.providers[key];
    if (!provider) throw new pulumi.ResourceError(`no account with key "${key}"; known: ${Object.keys(this.providers).join(", ")}`, this);
    return provider;
  }
}
