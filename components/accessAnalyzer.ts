// IAM Access Analyzer for the organization: delegated to the Security account, external access per Region, unused access once.
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider";
import * as accessanalyzer from "@pulumi/aws/accessanalyzer";
import * as organizations from "@pulumi/aws/organizations";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link AccessAnalyzer}. */
export interface AccessAnalyzerArgs {
  /** `orgstrap:namePrefix`: the start of every physical name. */
  readonly namePrefix: string;
  /** Governed Regions, the home Region first (where the unused-access analyzer lives). */
  readonly regions: readonly string[];
  readonly securityAccountId: pulumi.Input<string>;
  readonly securityProvider: Provider;
  /** Days without use after which unused access is reported (1-365). */
  readonly unusedAccessAgeDays: number;
  /** The organization: delegation needs trusted access for access-analyzer.amazonaws.com. */
  readonly organization: pulumi.Resource;
}

/**
 * The Security account as IAM Access Analyzer's delegated administrator, with an organization analyzer for
 * external access in every governed Region (resource analysis is regional) and one organization analyzer for
 * unused access in the home Region: unused-access findings do not depend on the Region, and AWS charges per IAM
 * role and user analyzed per month per analyzer, so a second one would double the bill for the same findings.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-delegated-administrator-add.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-create-unused.html
 */
export class AccessAnalyzer extends pulumi.ComponentResource {
  /** ARN of the external-access analyzer per Region. */
  public readonly externalAccessAnalyzerArns: Record<string, pulumi.Output<string>> = {};
  public readonly unusedAccessAnalyzerArn: pulumi.Output<string>;

  constructor(name: string, args: AccessAnalyzerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.accessAnalyzer, name, {}, opts);
    const [home] = args.regions;
    const delegation = new organizations.DelegatedAdministrator(
      `${name}-admin`,
      { accountId: args.securityAccountId, servicePrincipal: "access-analyzer.amazonaws.com" },
      // Registration needs trusted access for access-analyzer.amazonaws.com, which the organization enables. One delegated
      // administrator per service: a new one can only be registered once the old one is gone (lib/replaceRules.ts).
      { parent: this, dependsOn: [args.organization], deleteBeforeReplace: true },
    );
    // Organization analyzers can be created in the Security account only once it is the delegated administrator.
    // Analyzer names are fixed and `type` and `configuration` (the unused-access age) force a replacement: the old analyzer
    // must go first, or the new one collides with its name (lib/replaceRules.ts). Findings are recomputed.
    const inSecurity = { parent: this, provider: args.securityProvider, dependsOn: [delegation], deleteBeforeReplace: true };
    for (const region of args.regions) {
      const analyzer = new accessanalyzer.Analyzer(
        `${name}-external-${region}`,
        { region, analyzerName: `${args.namePrefix}-organization`, type: "ORGANIZATION" },
        inSecurity,
      );
      this.externalAccessAnalyzerArns[region] = analyzer.arn;
    }
    const unused = new accessanalyzer.Analyzer(
      `${name}-unused`,
      {
        region: home,
        analyzerName: `${args.namePrefix}-organization-unused-access`,
        type: "ORGANIZATION_UNUSED_ACCESS",
        configuration: { unusedAccess: { unusedAccessAge: args.unusedAccessAgeDays } },
      },
      inSecurity,
    );
    this.unusedAccessAnalyzerArn = unused.arn;
    this.registerOutputs({ externalAccessAnalyzerArns: this.externalAccessAnalyzerArns, unusedAccessAnalyzerArn: this.unusedAccessAnalyzerArn });
  }
}
