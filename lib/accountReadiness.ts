// Waiting until a new account's access role can be assumed. CreateAccount returns before the role Organizations creates
// in the account (and the services behind it) are usable: for seconds to minutes sts:AssumeRole fails with AccessDenied
// (pulumi/pulumi-aws#673, hashicorp/terraform-provider-aws#6566, org-formation/org-formation-cli#192). Retried with a
// bounded exponential backoff; past the deadline the error says what was tried and what to check. No Pulumi import.
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";

/** How long and how often to retry. */
export interface ReadinessPolicy {
  /** First wait between attempts, in ms; doubled after each failure up to {@link maxDelayMs}. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Give up once this much time has passed since the first attempt, in ms. */
  readonly timeoutMs: number;
}

/** 2 s, doubling to 30 s, for at most 10 minutes: AWS documents no bound; reports of minutes are common. */
const DEFAULT_READINESS: ReadinessPolicy = { initialDelayMs: 2_000, maxDelayMs: 30_000, timeoutMs: 600_000 };

/** Errors that retrying cannot fix: a malformed request. Everything else (AccessDenied first) may be propagation. */
const NOT_RETRYABLE = new Set(["ValidationError", "MalformedPolicyDocument", "PackedPolicyTooLarge"]);

/** What a wait needs; `now` and `sleep` are injectable so tests run without real time. */
export interface ReadinessRequest {
  readonly client: Pick<STSClient, "send">;
  readonly accountId: string;
  readonly roleArn: string;
  readonly sessionName: string;
  readonly policy?: ReadinessPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** The outcome: how many attempts it took. */
export interface ReadinessResult {
  readonly attempts: number;
}

const errorText = (e: unknown): string => {
  const err = e as { name?: string; message?: string };
  return `${err.name ?? "Error"}: ${err.message ?? String(e)}`;
};

/**
 * Retries sts:AssumeRole on the role until it succeeds, a non-retryable error comes back, or the deadline passes.
 * Throws an Error naming the account, the role, the attempts, the time waited and the last error.
 */
export async function waitUntilAssumable(req: ReadinessRequest): Promise<ReadinessResult> {
  const policy = req.policy ?? DEFAULT_READINESS;
  const sleep = req.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = req.now ?? Date.now;
  const start = now();
  let delay = policy.initialDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await req.client.send(new AssumeRoleCommand({ RoleArn: req.roleArn, RoleSessionName: req.sessionName, DurationSeconds: 900 }));
      return { attempts: attempt };
    } catch (e) {
      const name = (e as { name?: string }).name ?? "";
      if (NOT_RETRYABLE.has(name)) {
        throw new Error(`account ${req.accountId}: sts:AssumeRole on ${req.roleArn} failed and retrying cannot help (${errorText(e)})`, { cause: e });
      }
      const waited = now() - start;
      if (waited + delay > policy.timeoutMs) {
        throw new Error(
          `account ${req.accountId} is not ready: sts:AssumeRole on ${req.roleArn} still fails after ${attempt} attempts over ` +
            `${Math.round(waited / 1000)} s (last error ${errorText(e)}). A new account's access role can take minutes to become ` +
            `assumable: run \`pulumi up\` again. If it keeps failing, check that the role exists in the account (config ` +
            `accessRoleName) and that the credentials running \`pulumi up\` may assume it.`,
          { cause: e },
        );
      }
      await sleep(delay);
      delay = Math.min(delay * 2, policy.maxDelayMs);
    }
  }
}
