// Guardrails: SCPs and RCPs from policies/, rendered with the stack's parameters and attached per config.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
import { CatalogPolicy, PolicyParameters, renderPolicy } from "../lib/policies";
import { COMPONENT_TYPE, POLICY_TYPE } from "../lib/naming";

/** One policy on its targets. */
export interface GuardrailAttachment {
  readonly policy: string;
  /** `root`, OU keys and account keys. */
  readonly targets: readonly string[];
}

/** Arguments for {@link Guardrails}. */
export interface GuardrailsArgs {
  /** The policies under policies/. */
  readonly catalog: readonly CatalogPolicy[];
  /** Values for the policies' placeholders (allowed Regions, exempt roles, log bucket prefix). */
  readonly parameters: PolicyParameters;
  readonly attachments: readonly GuardrailAttachment[];
  /** Target id by key: `root`, every OU key and every account key. */
  readonly targetIds: Record<string, pulumi.Input<string>>;
  /** The organization: a policy can be created only once its policy type is enabled there. */
  readonly organization: pulumi.Resource;
}

/**
 * SCPs and RCPs in the management account, created after the organization has enabled their policy types.
 * SCPs never restrict the management account itself, nor service-linked roles.
 */
export class Guardrails extends pulumi.ComponentResource {
  /** Policy id by policy name (file stem). */
  public readonly policyIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: GuardrailsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.guardrails, name, {}, opts);
    const byName = new Map(args.catalog.map((p) => [p.name, p]));
    for (const attachment of args.attachments) {
      const policy = byName.get(attachment.policy);
      if (!policy) throw new pulumi.ResourceError(`unknown policy "${attachment.policy}"`, this);
      const created = new organizations.Policy(
        `${name}-${policy.name}`,
        {
          name: policy.title,
          description: firstSentence(policy.description),
          type: POLICY_TYPE[policy.kind],
          // Minified: AWS counts every character, whitespace included, against the size limit.
          content: renderPolicy(policy, args.parameters),
        },
        { parent: this, dependsOn: [args.organization] },
      );
      this.policyIds[policy.name] = created.id;
      for (const target of attachment.targets) {
        const targetId = args.targetIds[target];
        if (targetId === undefined) throw new pulumi.ResourceError(`unknown guardrail target "${target}"`, this);
        new organizations.PolicyAttachment(`${name}-${policy.name}-${target}`, { policyId: created.id, targetId }, { parent: this });
      }
    }
    this.registerOutputs({ policyIds: this.policyIds });
  }
}

// CreatePolicy's Description is limited to 512 characters; the manifest's first sentence says what it denies.
function firstSentence(text: string): string {
  const sentence = /^.*?[.!?](\s|$)/.exec(text)?.[0].trim() ?? text;
  return sentence.length <= 512 ? sentence : `${sentence.slice(0, 509)}...`;
}
