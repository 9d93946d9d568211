// The validated config the program reads: defaults resolved, switched-off concerns absent (index.ts reads
// `cfg.alerts && ...`), values that are required while a concern is on narrowed to present.
import { CheckContext } from "./context";
import { DEFAULT_TRUSTED_SERVICES, StackInput } from "./schema";

/** A concern's settings while it is enabled; `undefined` while it is off. */
function whenEnabled<T extends { enabled: boolean }>({ enabled, ...settings }: T): Omit<T, "enabled"> | undefined {
  return enabled ? settings : undefined;
}

/** Builds the program's config from a context whose checks found no problem. */
export function resolveConfig(ctx: CheckContext) {
  const { input } = ctx;
  const role = (r: StackInput["accounts"][number]["role"]): string => input.accounts.find((a) => a.role === r)?.key ?? "";
  const { securityContact, ...baseline } = input.baseline;
  const { email, ...alerts } = input.alerts;
  const { monthlyLimitUsd, emails, ...budget } = input.budget;
  return {
    namePrefix: input.namePrefix,
    partition: input.partition,
    /** `aws:region`: where the management-account resources and the trail live. */
    homeRegion: ctx.region,
    /** Regions where GuardDuty, Security Hub and Config are governed; the home Region comes first. */
    governedRegions: [ctx.region, ...ctx.governedRegions.filter((r) => r !== ctx.region)],
    organization: { ...input.organization, trustedServices: [...new Set([...DEFAULT_TRUSTED_SERVICES, ...input.organization.extraTrustedServices])] },
    /** OUs in creation order: every parent before its children. */
    organizationalUnits: ctx.orderedOus,
    accounts: input.accounts,
    securityAccountKey: role("security"),
    logArchiveAccountKey: role("log-archive"),
    guardrails: {
      limits: input.guardrails.limits,
      exemptPrincipalArns: ctx.parameters.ExemptPrincipalArns,
      attachments: ctx.attachments,
      /** Values rendered into the policy templates. */
      parameters: ctx.parameters,
    },
    trail: input.trail,
    guardDuty: whenEnabled(input.guardDuty),
    securityHub: whenEnabled(input.securityHub),
    awsConfig: whenEnabled(input.awsConfig),
    accessAnalyzer: whenEnabled(input.accessAnalyzer),
    baseline: whenEnabled(baseline) && securityContact ? { passwordPolicy: baseline.passwordPolicy, securityContact } : undefined,
    rootAccess: whenEnabled(input.rootAccess),
    /** The OU keys the baseline StackSet targets, resolved (top-level OUs when config names none), and its rollout. */
    futureAccounts: input.futureAccounts.enabled ? { organizationalUnits: ctx.futureOus, rollout: input.futureAccounts.rollout } : undefined,
    /** Identity Center permission sets, or the MFA-enforced IAM admin group (identityCenter absent). */
    adminAccess: whenEnabled(input.adminAccess),
    alerts: alerts.enabled && email ? { email, cisAlarms: alerts.cisAlarms, trailLogRetentionDays: alerts.trailLogRetentionDays } : undefined,
    budget: budget.enabled && monthlyLimitUsd && emails ? { thresholdsPercent: budget.thresholdsPercent, monthlyLimitUsd, emails } : undefined,
    costExport: whenEnabled(input.costExport),
    /** An adopted organization's recorded live values and the step its next `pulumi up` runs (lib/adoption.ts). */
    adoption: input.adoption,
  };
}

/** The validated configuration of one stack. */
export type OrgConfig = ReturnType<typeof resolveConfig>;
export type { AttachmentConfig } from "./context";
