// Member accounts, each with a provider that assumes its organization access role.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import type { Region } from "@pulumi/aws/types/enums";
import * as organizations from "@pulumi/aws/organizations";
import { AccountReadiness } from "./accountReadiness";
import { importInputs, LiveAccountInputs } from "../lib/adoption";
import { COMPONENT_TYPE, logicalName } from "../lib/naming";

/**
 * The Account inputs that force a replacement (hashicorp/terraform-provider-aws organizations/account.go: ForceNew),
 * all ignored after creation.
 */
export const ACCOUNT_CREATE_ONLY_INPUTS = ["email", "name", "roleName", "iamUserAccessToBilling"] as const;

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
  /** The adopted account's recorded live values: the import step's inputs; its tags are kept afterwards. */
  readonly live?: LiveAccountInputs;
}

/** Arguments for {@link Accounts}. */
export interface AccountsArgs {
  readonly accounts: readonly AccountSpec[];
  /** OU id by key. */
  readonly ouIds: Record<string, pulumi.Input<string>>;
  /** Region of the providers; regional resources set their own `region` input (provider v7). */
  readonly homeRegion: string;
  readonly partition: string;
  /** The AWS profile `pulumi up` runs with (`aws:profile`), for the readiness step's own STS calls. */
  readonly deployerProfile?: string;
  /**
   * The import step of an adoption: register only accounts with an importId, with their live values (nothing deploys
   * into the accounts in that step, so `providerFor` is not called and no provider or readiness step exists).
   */
  readonly importStep?: boolean;
}

/**
 * Member accounts, created from the management account. An account something is deployed into gets one `Provider`
 * that assumes its access role, behind an {@link AccountReadiness} step; resources in other Regions set the `region`
 * input, so the graph does not grow with accounts × Regions.
 */
export class Accounts extends pulumi.ComponentResource {
  /** Account id by config key. */
  public readonly idsByKey: Record<string, pulumi.Output<string>> = {};
  private readonly providers: Record<string, Provider> = {};
  private readonly accessRoles: Record<string, { accountId: pulumi.Output<string>; roleArn: pulumi.Output<string> }> = {};

  constructor(
    private readonly name: string,
    private readonly args: AccountsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super(COMPONENT_TYPE.accounts, name, {}, opts);
    for (const spec of args.accounts) {
      if (args.importStep && !spec.importId) continue;
      const account = new organizations.Account(
        logicalName.account(name, spec.key),
        args.importStep && spec.live
          ? importInputs.account(spec.live)
          : {
              name: spec.name,
              email: spec.email,
              parentId: args.ouIds[spec.ou],
              roleName: spec.accessRoleName,
              iamUserAccessToBilling: spec.iamUserAccessToBilling,
              closeOnDeletion: spec.closeOnDeletion,
              // Tags are not orgstrap's: an adopted account keeps the ones it had.
              ...(spec.live?.tags && Object.keys(spec.live.tags).length ? { tags: { ...spec.live.tags } } : {}),
            },
        {
          parent: this,
          import: spec.importId,
          // An AWS account is not a disposable resource: unless config opts in to closing it, a destroy or a removal
          // from config only drops it from the stack and it stays in the organization. Retained, not protected: the
          // engine refuses to delete a protected resource before it considers retainOnDelete, so protect would make
          // that removal (and `pulumi destroy`) fail.
          retainOnDelete: !spec.closeOnDeletion,
          // Every input that forces a replacement (lib/replaceRules.ts): a replacement would create a second account
          // and close or drop the first. email and name change through the Account Management API instead
          // (docs/accounts.md); roleName and iamUserAccessToBilling are CreateAccount-only and cannot be read back.
          ignoreChanges: [...ACCOUNT_CREATE_ONLY_INPUTS],
        },
      );
      this.idsByKey[spec.key] = account.id;
      this.accessRoles[spec.key] = { accountId: account.id, roleArn: pulumi.interpolate`arn:${args.partition}:iam::${account.id}:role/${spec.accessRoleName}` };
    }
    this.registerOutputs({ idsByKey: this.idsByKey });
  }

  /** The ARN of the access role of the account with this config key (what orgstrap assumes to act inside it). */
  accessRoleArnFor(key: string): pulumi.Output<string> {
    const access = this.accessRoles[key];
    if (!access) throw new pulumi.ResourceError(`no account with key "${key}"; known: ${Object.keys(this.accessRoles).join(", ")}`, this);
    return access.roleArn;
  }

  /**
   * The provider that acts inside the account with this config key, behind a readiness step that waits until the
   * account's access role can be assumed. Both are created on the first call only, so an account nothing is deployed
   * into costs no provider and no readiness step (the StackSet gives plain accounts their baseline).
   */
  providerFor(key: string): Provider {
    const existing = this.providers[key];
    if (existing) return existing;
    const access = this.accessRoles[key];
    if (!access) throw new pulumi.ResourceError(`no account with key "${key}"; known: ${Object.keys(this.accessRoles).join(", ")}`, this);
    const ready = new AccountReadiness(
      `${this.name}-${key}-ready`,
      { accountId: access.accountId, roleArn: access.roleArn, region: this.args.homeRegion, profile: this.args.deployerProfile },
      { parent: this },
    );
    // The role ARN and account id come out of the readiness step: the provider, and so everything in the account, waits.
    const provider = new Provider(
      `${this.name}-${key}`,
      {
        region: this.args.homeRegion as Region,
        assumeRoles: [{ roleArn: ready.roleArn, sessionName: "orgstrap" }],
        // Refuse to act if the role ever resolves to another account.
        allowedAccountIds: [ready.accountId],
      },
      { parent: this },
    );
    this.providers[key] = provider;
    return provider;
  }
}
