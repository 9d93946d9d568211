// A readiness step between a new account and anything deployed into it: a dynamic resource that waits, from the
// management account, until the account's access role can be assumed (lib/accountReadiness.ts).
import * as pulumi from "@pulumi/pulumi";
import { STSClient } from "@aws-sdk/client-sts";
import { waitUntilAssumable } from "../lib/accountReadiness";

/** Inputs of {@link AccountReadiness}. */
export interface AccountReadinessArgs {
  readonly accountId: pulumi.Input<string>;
  /** The access role orgstrap's provider assumes in the account. */
  readonly roleArn: pulumi.Input<string>;
  /** Region of the STS endpoint (the home Region). */
  readonly region: string;
  /** The AWS profile `pulumi up` runs with (`aws:profile`), when one is set. */
  readonly profile?: string;
}

interface ReadinessInputs {
  readonly accountId: string;
  readonly roleArn: string;
  readonly region: string;
  readonly profile?: string;
}

// Waiting is the whole of create and update; deleting waits for nothing. Module-level and stateless: Pulumi serializes
// a dynamic provider once per object, so every account shares one serialized provider.
const readinessProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: ReadinessInputs) {
    const client = new STSClient({ region: inputs.region, ...(inputs.profile ? { profile: inputs.profile } : {}) });
    await waitUntilAssumable({ client, accountId: inputs.accountId, roleArn: inputs.roleArn, sessionName: "orgstrap-readiness" });
    return { id: inputs.accountId, outs: inputs };
  },
  async update(_id: string, _olds: ReadinessInputs, news: ReadinessInputs) {
    const client = new STSClient({ region: news.region, ...(news.profile ? { profile: news.profile } : {}) });
    await waitUntilAssumable({ client, accountId: news.accountId, roleArn: news.roleArn, sessionName: "orgstrap-readiness" });
    return { outs: news };
  },
};

/**
 * Resolves once the account's access role can be assumed; its `roleArn` output feeds the provider into the account, so
 * nothing in the account is created before the role works. Runs in the management account (the deployer's credentials).
 */
export class AccountReadiness extends pulumi.dynamic.Resource {
  /** The account id, once its access role is assumable. */
  declare public readonly accountId: pulumi.Output<string>;
  /** The access role ARN, once assumable. */
  declare public readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: AccountReadinessArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      readinessProvider,
      name,
      { accountId: args.accountId, roleArn: args.roleArn, region: args.region, profile: args.profile },
      opts,
      "orgstrap",
      "AccountReadiness",
    );
  }
}
