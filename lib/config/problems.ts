// A config problem is data: where (the key path), what kind (a stable code that callers filter on), and the message.
import { z } from "zod";
import { PROJECT, stackSchema } from "./schema";

/** One problem with a stack's config. `path` names the key (`orgstrap:accounts[1].email`, `aws:region`). */
export interface Problem {
  readonly path: string;
  /** Stable identifier of the rule broken, e.g. `schema.invalid_type` or `guardrails.policies-per-target`. */
  readonly code: string;
  readonly message: string;
}

export const problem = (path: string, code: string, message: string): Problem => ({ path, code, message });

/** The line shown to the user: `path: message`. */
export const formatProblem = (p: Problem): string => (p.path ? `${p.path}: ${p.message}` : p.message);

/** Every problem found in a stack's config; the message lists them all. */
export class ConfigError extends Error {
  /** The problems as shown, one line each. */
  readonly problems: readonly string[];
  constructor(
    readonly source: string,
    readonly details: readonly Problem[],
  ) {
    const problems = details.map(formatProblem);
    super(`Invalid stack config (${source}): ${problems.length} problem${problems.length === 1 ? "" : "s"}\n` + problems.map((p) => `  - ${p}`).join("\n"));
    this.problems = problems;
    this.name = "ConfigError";
  }
}

/** A zod issue path as messages write it: `accounts[1].email`. */
export const issuePath = (path: readonly PropertyKey[]): string =>
  path
    .map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`))
    .join("")
    .replace(/^\./, "");

/** A zod issue as a problem naming the key, the value and the rule. */
export function fromZodIssue(issue: z.core.$ZodIssue, root: Record<string, unknown>): Problem {
  const path = issuePath(issue.path);
  const at = `${PROJECT}:${path}`;
  const code = `schema.${issue.code}`;
  if (issue.code === "unrecognized_keys") {
    return issue.path.length === 0
      ? problem(
          issue.keys.map((k) => `${PROJECT}:${k}`).join(", "),
          code,
          `unknown config key${issue.keys.length > 1 ? "s" : ""}; known keys: ${Object.keys(stackSchema.shape).join(", ")}`,
        )
      : problem(at, code, `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => JSON.stringify(k)).join(", ")}`);
  }
  const value = issue.path.reduce<unknown>((v, p) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), root);
  if (value === undefined && issue.code === "invalid_type")
    return problem(at, "schema.required", `is required (${issue.message.replace(/^Invalid input: /, "")})`);
  if (typeof value === "number" && !Number.isFinite(value)) {
    return problem(at, "schema.non-finite", `${value} is not a finite number: YAML's .inf, -.inf and .nan are not values AWS accepts`);
  }
  const shown = JSON.stringify(value);
  const message = issue.message.replace(/^Invalid input: /, "").replace(/^Invalid option: expected one of /, "must be one of ");
  return problem(at, code, `${shown && shown.length <= 80 ? shown : "value"} ${message}`);
}
