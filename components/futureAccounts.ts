// Future accounts: a service-managed StackSet that gives every account of the target OUs the baseline, as they join.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as cloudformation from "@pulumi/aws/cloudformation";
import { COMPONENT_TYPE } from "../lib/naming";
import { OrganizationsAccess } from "./organizationsAccess";

/** How a rollout to the stack instances runs (StackSets' operation preferences), and how long Pulumi waits for it. */
export interface RolloutSettings {
  /** Accounts deployed at once, per Region, as a percentage of the target accounts (AWS rounds down, at least 1). */
  readonly maxConcurrentPercentage: number;
  /** Accounts that may fail, per Region, as a percentage, before CloudFormation stops the operation in that Region. */
  readonly failureTolerancePercentage: number;
  /** PARALLEL: every Region at once; SEQUENTIAL: one Region after another (for StackSet updates). */
  readonly regionConcurrency: "PARALLEL" | "SEQUENTIAL";
}

/** orgstrap's default rollout (config's futureAccounts.rollout defaults): a quarter of the accounts at a time, a tenth may fail, every Region at once. */
export const DEFAULT_ROLLOUT: RolloutSettings = { maxConcurrentPercentage: 25, failureTolerancePercentage: 10, regionConcurrency: "PARALLEL" };

/** One OU the StackSet targets: its config key (for logical names) and its id. */
export interface TargetOu {
  readonly key: string;
  readonly id: pulumi.Input<string>;
  /** Accounts in config below this OU (child OUs included): sizes the wait for its rollout. */
  readonly knownAccounts: number;
}

/** Arguments for {@link FutureAccounts}. */
export interface FutureAccountsArgs {
  /** `orgstrap:namePrefix`: the start of every physical name. */
  readonly namePrefix: string;
  /** Governed Regions, the home Region first. */
  readonly regions: readonly string[];
  /** OUs whose accounts, present and future, receive the baseline (child OUs included): one instance per OU and Region. */
  readonly targets: readonly TargetOu[];
  /** Accounts to leave out (they already have an AWS Config recorder of their own). */
  readonly excludedAccountIds: readonly pulumi.Input<string>[];
  /** The Config bucket in the Log-Archive account. */
  readonly configBucketName: pulumi.Input<string>;
  readonly recorderName: string;
  readonly snapshotDeliveryFrequency: string;
  /** The account settings every account gets (baseline.enabled); absent, the StackSet carries AWS Config only. */
  readonly accountSettings?: AccountSettings;
  readonly rollout: RolloutSettings;
  /** The organization, with trusted access for member.org.stacksets.cloudformation.amazonaws.com. */
  readonly organization: pulumi.Resource;
  /** What else the StackSet waits for: the Config bucket's policy (each delivery channel is checked against it). */
  readonly waitFor: readonly pulumi.Resource[];
}

/** The account settings the template's custom resource applies. */
export interface AccountSettings {
  readonly passwordPolicy: { readonly minimumLength: number; readonly reusePrevention: number; readonly maxAgeDays: number };
  readonly securityContact: { readonly name: string; readonly title: string; readonly email: string; readonly phone: string };
}

/**
 * The template's defaults for the account-settings parameters, passed as they are while the settings are off: the
 * provider reads every parameter back, defaults included, so one left out would show as a diff on every `up`
 * (@pulumi/aws stackSet.d.ts, `parameters`).
 */
const SETTINGS_OFF: Record<string, string> = {
  ApplyAccountSettings: "false",
  MinimumPasswordLength: "14",
  PasswordReusePrevention: "24",
  MaxPasswordAge: "90",
  SecurityContactName: "",
  SecurityContactTitle: "",
  SecurityContactEmail: "",
  SecurityContactPhone: "",
};

/**
 * The template's account-settings parameters (CloudFormation parameters are strings), every one of them set.
 * @internal exported for tests
 */
export function accountSettingsParameters(settings: AccountSettings | undefined): Record<string, string> {
  if (!settings) return { ...SETTINGS_OFF };
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

/**
 * Minutes one stack instance takes to create: two IAM roles, the recorder and delivery channel, a Lambda function and
 * its custom resource. A conservative figure for the estimate below, not a measurement.
 */
export const STACK_INSTANCE_MINUTES = 5;

/**
 * How long StackSets takes to deploy to `accounts` accounts of one Region with these settings: AWS deploys
 * floor(accounts x maxConcurrentPercentage / 100) accounts at a time (at least 1), so the rollout is that many
 * batches of one stack each. Regions run side by side (one stack instance resource per OU and Region; the StackSet's
 * managed execution runs non-conflicting operations concurrently). AWS may throttle large batches: a lower bound.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-concepts.html#stackset-ops-options
 */
export function rolloutMinutes(accounts: number, rollout: RolloutSettings): number {
  if (accounts <= 0) return STACK_INSTANCE_MINUTES;
  const atOnce = Math.max(1, Math.floor((accounts * rollout.maxConcurrentPercentage) / 100));
  return Math.ceil(accounts / atOnce) * STACK_INSTANCE_MINUTES;
}

/**
 * How long Pulumi waits for one instance's operation: three times the estimate for the accounts known today, and never
 * less than the provider's default of 30 minutes (hashicorp/terraform-provider-aws stack_set_instance.go).
 * @internal exported for tests
 */
export function instanceTimeoutMinutes(accounts: number, rollout: RolloutSettings): number {
  return Math.max(30, 3 * rolloutMinutes(accounts, rollout));
}

/**
 * Which accounts in config the StackSet reaches (in a target OU or below it, and not excluded), and how many each
 * target OU holds: the baseline's owner per account (StackSet or Pulumi) and the size of each rollout follow from it.
 * @internal exported for tests
 */
export function stackSetReach(
  ous: readonly { readonly key: string; readonly parent?: string }[],
  accounts: readonly { readonly key: string; readonly ou: string }[],
  targetOuKeys: readonly string[],
  excludedAccountKeys: readonly string[],
): { readonly reached: ReadonlySet<string>; readonly knownAccounts: Readonly<Record<string, number>> } {
  const parentOf = new Map(ous.map((o) => [o.key, o.parent]));
  const targetOf = (ou: string): string | undefined => {
    // The nearest targeted OU at or above the account's OU (config refuses cycles; the bound keeps a bad tree finite).
    for (let k: string | undefined = ou, hops = 0; k !== undefined && hops <= ous.length; k = parentOf.get(k), hops++) {
      if (targetOuKeys.includes(k)) return k;
    }
    return undefined;
  };
  const reached = new Set<string>();
  const knownAccounts: Record<string, number> = Object.fromEntries(targetOuKeys.map((k) => [k, 0]));
  for (const a of accounts) {
    const target = targetOf(a.ou);
    if (target === undefined || excludedAccountKeys.includes(a.key)) continue;
    reached.add(a.key);
    knownAccounts[target]++;
  }
  return { reached, knownAccounts };
}

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
 * AWS's own fan-out engine for every member account, those this program does not know included: a StackSet with
 * service-managed permissions in the management account, auto-deployed to every account that joins a target OU (and
 * removed when one leaves), in every governed Region. The program's graph grows with target OUs and Regions (one
 * instance resource per pair), never with accounts.
 *
 * It is the single owner of AWS Config recording and of the account settings in the member accounts it reaches, the
 * ones in config included, so no setting is applied twice. StackSets never deploy to the management account, which
 * ConfigRecording and AccountBaseline cover directly.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeploymentTargets.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html
 */
export class FutureAccounts extends pulumi.ComponentResource {
  public readonly stackSetName: pulumi.Output<string>;

  constructor(name: string, args: FutureAccountsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.futureAccounts, name, {}, opts);
    const [home] = args.regions;
    const inManagement = { parent: this };
    // AWS refuses a service-managed StackSet until CloudFormation's own Organizations access is activated.
    const access = new OrganizationsAccess(`${name}-organizations-access`, { region: home }, { parent: this, dependsOn: [args.organization] });
    const { maxConcurrentPercentage, failureTolerancePercentage, regionConcurrency } = args.rollout;
    const allKnown = args.targets.reduce((n, t) => n + t.knownAccounts, 0);
    const stackSet = new cloudformation.StackSet(
      `${name}-stack-set`,
      {
        region: home,
        name: `${args.namePrefix}-account-baseline`,
        description: "orgstrap: AWS Config recording and the account security settings in every account of the governed OUs",
        permissionModel: "SERVICE_MANAGED",
        callAs: "SELF",
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
        // The template names its IAM roles.
        capabilities: ["CAPABILITY_NAMED_IAM"],
        templateBody: readTemplate(BASELINE_TEMPLATE_FILE),
        // Every parameter of the template, so the provider's read-back matches and a second `up` shows no diff.
        parameters: {
          ConfigBucketName: args.configBucketName,
          HomeRegion: home,
          SnapshotDeliveryFrequency: args.snapshotDeliveryFrequency,
          RecorderName: args.recorderName,
          NamePrefix: args.namePrefix,
          ...accountSettingsParameters(args.accountSettings),
        },
        // Used by UpdateStackSet (a template or parameter change) only; @pulumi/aws 7.48 has no concurrencyMode here, so
        // AWS's STRICT_FAILURE_TOLERANCE caps the accounts at once to the failure tolerance + 1.
        operationPreferences: { failureTolerancePercentage, maxConcurrentPercentage, regionConcurrencyType: regionConcurrency },
        // Non-conflicting operations (one per OU and Region below) run concurrently; conflicting ones queue, not fail.
        managedExecution: { active: true },
      },
      {
        ...inManagement,
        dependsOn: [access, args.organization, ...args.waitFor],
        // AWS fills in its own administration role for service-managed StackSets; never diff against it.
        ignoreChanges: ["administrationRoleArn"],
        customTimeouts: minutes(instanceTimeoutMinutes(allKnown, args.rollout), ["update"]),
      },
    );
    const excluded = args.excludedAccountIds.length > 0;
    // One instance per OU and Region: deployment targets force replacement, so adding or removing an OU replaces only
    // that OU's instances, never the stacks of accounts that stay targeted.
    for (const target of args.targets) {
      for (const region of args.regions) {
        new cloudformation.StackSetInstance(
          `${name}-${target.key}-${region}`,
          {
            stackSetName: stackSet.name,
            stackSetInstanceRegion: region,
            callAs: "SELF",
            deploymentTargets: {
              organizationalUnitIds: [target.id],
              // DIFFERENCE leaves out accounts that keep their own recorder (AWS allows one per account and Region).
              ...(excluded ? { accountFilterType: "DIFFERENCE", accounts: [...args.excludedAccountIds] } : {}),
            },
            // CreateStackInstances does not use the StackSet's preferences: without these it runs one account at a time
            // and stops at the first failure. SOFT keeps the concurrency whatever the failures (STRICT caps it to the
            // failure tolerance + 1).
            operationPreferences: { maxConcurrentPercentage, failureTolerancePercentage, concurrencyMode: "SOFT_FAILURE_TOLERANCE" },
            // Deleting the instance from the stack set deletes the stacks: an account leaving orgstrap keeps nothing.
            retainStack: false,
          },
          { ...inManagement, customTimeouts: minutes(instanceTimeoutMinutes(target.knownAccounts, args.rollout), ["create", "update", "delete"]) },
        );
      }
    }
    this.stackSetName = stackSet.name;
    this.registerOutputs({ stackSetName: this.stackSetName });
  }
}

/** Pulumi custom timeouts of `n` minutes for the given operations. */
function minutes(n: number, ops: readonly ("create" | "update" | "delete")[]): pulumi.CustomTimeouts {
  return Object.fromEntries(ops.map((op) => [op, `${n}m`]));
}
