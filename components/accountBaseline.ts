// Account baselines: IAM password policy, S3 account public access block, EBS encryption by default, security contact.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as account from "@pulumi/aws/account";
import * as ebs from "@pulumi/aws/ebs";
import * as iam from "@pulumi/aws/iam";
import * as s3 from "@pulumi/aws/s3";
import { COMPONENT_TYPE } from "../lib/naming";

/** One account to baseline. */
export interface BaselineTarget {
  /** Config key (or "management"), used in logical names. */
  readonly key: string;
  /** The account's id; absent for the management account (AlternateContact must then omit it). */
  readonly accountId?: pulumi.Input<string>;
  /** Provider acting inside the account; the default provider (the management account) when absent. */
  readonly provider?: Provider;
}

/** IAM password policy settings (CIS AWS Foundations Benchmark 1.8 and 1.9). */
export interface PasswordPolicy {
  readonly minimumLength: number;
  readonly reusePrevention: number;
  /** 0: passwords never expire. */
  readonly maxAgeDays: number;
}

export interface SecurityContact {
  readonly name: string;
  readonly title: string;
  readonly email: string;
  readonly phone: string;
}

/** Arguments for {@link AccountBaseline}. */
export interface AccountBaselineArgs {
  /** Every account: the management account and each account in config. */
  readonly accounts: readonly BaselineTarget[];
  /** Governed Regions: EBS encryption by default is a per-Region setting. */
  readonly regions: readonly string[];
  readonly passwordPolicy: PasswordPolicy;
  readonly securityContact: SecurityContact;
  /** The organization: alternate contacts of member accounts need trusted access for account.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/**
 * The per-account settings of the CIS AWS Foundations Benchmark and AWS's own guidance, in every account the
 * stack knows. Per account: a password policy, an S3 account-level public access block, a security alternate
 * contact, and EBS encryption by default in each governed Region: 3 + Regions resources, linear in accounts.
 * Accounts created later outside this program are not reached here (see futureAccounts.ts and docs/baseline.md).
 */
export class AccountBaseline extends pulumi.ComponentResource {
  constructor(name: string, args: AccountBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.accountBaseline, name, {}, opts);
    const policy = args.passwordPolicy;
    const contact = args.securityContact;
    // Retained on delete: removing an account from config, or destroying the stack, must never weaken the account
    // (deleting these would drop its password policy and public access block and turn EBS default encryption off).
    const keep = { parent: this, retainOnDelete: true };
    for (const target of args.accounts) {
      const inAccount = { ...keep, provider: target.provider };
      new iam.AccountPasswordPolicy(
        `${name}-${target.key}-password-policy`,
        {
          minimumPasswordLength: policy.minimumLength,
          requireLowercaseCharacters: true,
          requireUppercaseCharacters: true,
          requireNumbers: true,
          requireSymbols: true,
          allowUsersToChangePassword: true,
          passwordReusePrevention: policy.reusePrevention,
          // IAM reads an absent MaxPasswordAge as "never expires"; 0 is not a valid value.
          ...(policy.maxAgeDays > 0 ? { maxPasswordAge: policy.maxAgeDays } : {}),
          hardExpiry: false,
        },
        inAccount,
      );
      new s3.AccountPublicAccessBlock(
        `${name}-${target.key}-s3-public-access-block`,
        { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
        inAccount,
      );
      for (const region of args.regions) {
        new ebs.EncryptionByDefault(`${name}-${target.key}-ebs-encryption-${region}`, { region, enabled: true }, inAccount);
      }
      new account.AlternativeContact(
        `${name}-${target.key}-security-contact`,
        {
          // Set from the management account for members (AWS Account Management with trusted access); the management
          // account sets its own without an account id, which the API refuses for the caller's own account.
          // @see https://docs.aws.amazon.com/accounts/latest/reference/API_PutAlternateContact.html
          ...(target.accountId !== undefined ? { accountId: target.accountId } : {}),
          alternateContactType: "SECURITY",
          name: contact.name,
          title: contact.title,
          emailAddress: contact.email,
          phoneNumber: contact.phone,
        },
        { ...keep, dependsOn: target.accountId !== undefined ? [args.organization] : [] },
      );
    }
    this.registerOutputs({});
  }
}
