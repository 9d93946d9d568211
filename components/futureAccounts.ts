// Future accounts: a service-managed StackSet that gives every account of the target OUs the baseline, as they join.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as cloudformation from "@pulumi/aws/cloudformation";
import { COMPONENT_TYPE } from "../lib/naming";

/** Arguments for {@link FutureAccounts}. */
export interface FutureAccountsArgs {
  /** Governed Regions, the home Region first: one stack instance resource per Region. */
  readonly regions: readonly string[];
  /** OU ids whose accounts, present and future, receive the baseline (child OUs included). */
  readonly organizationalUnitIds: readonly pulumi.Input<string>[];
  /** Accounts to leave out (they already have an AWS Config recorder of their own). */
  readonly excludedAccountIds: readonly pulumi.Input<string>[];
  /** The Config bucket in the Log-Archive account. */
  readonly configBucketName: pulumi.Input<string>;
  readonly recorderName: string;
  readonly snapshotDeliveryFrequency: string;
  /** The account settings every account gets (baseline.enabled); absent, the StackSet carries AWS Config only. */
  readonly accountSettings?: {
    readonly passwordPolicy: { readonly minimumLength: number; readonly reusePrevention: number; readonly maxAgeDays: number };
    readonly securityContact: { readonly name: string; readonly title: string; readonly email: string; readonly phone: string };
  };
  /**
   * What must exist first: the organization (trusted access for member.org.stacksets.cloudformation.amazonaws.com)
   * and the Config bucket's policy (each delivery channel is checked against it when it is created).
   */
  readonly waitFor: readonly pulumi.Resource[];
}

/**
 * The template's account-settings parameters (CloudFormation parameters are strings).
 * @internal exported for tests
 */
export function accountSettingsParameters(settings: FutureAccountsArgs["accountSettings"]): Record<string, string> {
  if (!settings) return { ApplyAccountSettings: "false" };
  const { passwordPolicy: p, securityContact: c } = settings;
  return {
    ApplyAccountSettings: "true",
    MinimumPasswordLength: String(p.minimumLength),
    PasswordReusePrevention: String(p.reusePrevention),
    MaxPasswordAge: String(p.maxAgeDays),
    SecurityContactName: c.name,
    SecurityContactTitle: c.title,
    SecurityContactEmail: c.email,
    SecurityContactPhone: c.phone,
  };
}

/** Name prefix of the template's per-Region recorder roles (`orgstrap-config-recorder-<Region>`). */
export const RECORDER_ROLE_PREFIX = "orgstrap-config-recorder-";

/** The StackSet's template, kept as a readable file under templates/. */
export const BASELINE_TEMPLATE_FILE = "account-baseline.yaml";

/**
 * Reads a template from templates/ (next to components/, or one level up when compiled to bin/).
 * @internal exported for tests
 */
export function readTemplate(file: string): string {
  for (const dir of [path.join(__dirname, "..", "templates"), path.join(__dirname, "..", "..", "templates")]) {
    const candidate = path.join(dir, file);
    if (fs.existsSync(candidate)) return fs.readFileSync(candidate, "utf8");
  }
  throw new Error(`templates/${file} not found next to ${__dirname}`);
}

/**
 * AWS's own fan-out engine for accounts this program does not know: a StackSet with service-managed permissions
 * in the management account, auto-deployed to every account that joins a target OU (and removed when one leaves),
 * in every governed Region. The program's graph grows with Regions (one instance resource each), never with accounts.
 *
 * It is the single mechanism for AWS Config recorders in member accounts, the ones in config included, so no
 * account ever gets a second recorder from orgstrap. StackSets never deploy to the management account, which
 * ConfigRecording covers directly.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html
 */
export class FutureAccounts extends pulumi.ComponentResource {
  public readonly stackSetName: pulumi.Output<string>;

  constructor(name: string, args: FutureAccountsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.futureAccounts, name, {}, opts);
    const [home] = args.regions;
    const inManagement = { parent: this };
    const stackSet = new cloudformation.StackSet(
      `${name}-stack-set`,
      {
        region: home,
        name: "orgstrap-account-baseline",
        description: "orgstrap: AWS Config recording and the account security settings in every account of the governed OUs",
        permissionModel: "SERVICE_MANAGED",
        callAs: "SELF",
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        // The template names its IAM roles.
        capabilities: ["CAPABILITY_NAMED_IAM"],
        templateBody: readTemplate(BASELINE_TEMPLATE_FILE),
        parameters: {
          ConfigBucketName: args.configBucketName,
          HomeRegion: home,
          SnapshotDeliveryFrequency: args.snapshotDeliveryFrequency,
          RecorderName: args.recorderName,
          ...accountSettingsParameters(args.accountSettings),
        },
        operationPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 25, regionConcurrencyType: "PARALLEL" },
        managedExecution: { active: true },
      },
      {
        ...inManagement,
        dependsOn: [...args.waitFor],
        // AWS fills in its own administration role for service-managed StackSets; never diff against it.
        ignoreChanges: ["administrationRoleArn"],
      },
    );
    const excluded = args.excludedAccountIds.length > 0;
    for (const region of args.regions) {
      new cloudformation.StackSetInstance(
        `${name}-${region}`,
        {
          region: home,
          stackSetName: stackSet.name,
          stackSetInstanceRegion: region,
          callAs: "SELF",
          deploymentTargets: {
            organizationalUnitIds: [...args.organizationalUnitIds],
            // DIFFERENCE leaves out accounts that keep their own recorder (AWS allows one per account and Region).
            ...(excluded ? { accountFilterType: "DIFFERENCE", accounts: [...args.excludedAccountIds] } : {}),
          },
          // Deleting the instance from the stack set deletes the stacks: an account leaving orgstrap keeps nothing.
          retainStack: false,
        },
        inManagement,
      );
    }
    this.stackSetName = stackSet.name;
    this.registerOutputs({ stackSetName: this.stackSetName });
  }
}
