// A dynamic resource whose deletion releases a Region's GuardDuty organization (lib/guardDutyHandover.ts). It depends on
// the delegation and the organization configuration, so Pulumi deletes it first: the release then runs before the
// administrator is removed, whether GuardDuty is turned off, a Region is dropped or the Security account changes.
import * as pulumi from "@pulumi/pulumi";
import { GuardDutyClient } from "@aws-sdk/client-guardduty";
import { fromIni, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { GuardDutyFeature, releaseGuardDutyOrganization } from "../lib/guardDutyHandover";

/** Inputs of {@link GuardDutyHandover}. */
export interface GuardDutyHandoverArgs {
  readonly region: string;
  /** The delegated administrator's detector in this Region. */
  readonly detectorId: pulumi.Input<string>;
  /** The Security account's access role: GuardDuty's organization APIs answer the administrator only. */
  readonly securityRoleArn: pulumi.Input<string>;
  /** Every protection plan orgstrap manages, each set to NONE on release. */
  readonly features: readonly GuardDutyFeature[];
  /** The AWS profile `pulumi up` runs with (`aws:profile`), when one is set. */
  readonly profile?: string;
}

interface HandoverInputs {
  readonly region: string;
  readonly detectorId: string;
  readonly securityRoleArn: string;
  readonly features: GuardDutyFeature[];
  readonly profile?: string;
}

// Creating and updating change nothing in AWS (the GuardDuty resources do that); only a delete acts.
const handoverProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: HandoverInputs) {
    return { id: `${inputs.region}-${inputs.detectorId}`, outs: inputs };
  },
  async update(_id: string, _olds: HandoverInputs, news: HandoverInputs) {
    return { outs: news };
  },
  async delete(_id: string, props: HandoverInputs) {
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: props.securityRoleArn, RoleSessionName: "orgstrap-guardduty-handover" },
      clientConfig: { region: props.region },
      ...(props.profile ? { masterCredentials: fromIni({ profile: props.profile }) } : {}),
    });
    await releaseGuardDutyOrganization({
      client: new GuardDutyClient({ region: props.region, credentials }),
      detectorId: props.detectorId,
      features: props.features,
    });
  },
};

/** Releases GuardDuty's organization in one Region when deleted; nothing while it exists. Runs from the management account. */
export class GuardDutyHandover extends pulumi.dynamic.Resource {
  constructor(name: string, args: GuardDutyHandoverArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      handoverProvider,
      name,
      { region: args.region, detectorId: args.detectorId, securityRoleArn: args.securityRoleArn, features: args.features, profile: args.profile },
      opts,
      "orgstrap",
      "GuardDutyHandover",
    );
  }
}
