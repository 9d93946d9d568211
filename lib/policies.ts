// The guardrail catalogue under policies/: manifest, JSON documents with {{Placeholders}}, rendering for upload.
// No Pulumi import: used by the program, by `orgstrap review` and by `orgstrap plan`.
import * as fs from "fs";
import * as path from "path";

import { logArchiveKeyAlias, PROJECT, type PolicyKind } from "./naming";
export type { PolicyKind };

/** AWS's per-type quotas for one policy type: policies attached per root, OU or account, and characters per policy. */
export interface PolicyQuota {
  /** Policies of this type attached directly to one root, OU or account, the AWS-managed full-access policy included. */
  readonly policiesPerTarget: number;
  /** Characters of one policy document as stored (orgstrap uploads it minified). */
  readonly policySizeChars: number;
}

/**
 * AWS Organizations' current quotas per policy type, the single table every check reads (config validation, plan,
 * `review --stack`, `review --max-size`). Sources: AWS What's New "aws-organizations-increased-scp-quotas"
 * (2026-05-15: SCPs 10 per target, 10,240 characters; also awslabs/landing-zone-accelerator-on-aws#1119, fixed in
 * LZA 1.16.0, and FogSecurity/aws-size#71, checked in an account); RCPs unchanged at 5 per target and 5,120
 * characters (Organizations quotas page, orgs_reference_limits). Config may lower a limit, never raise it above these.
 */
export const AWS_POLICY_QUOTAS: Readonly<Record<PolicyKind, PolicyQuota>> = {
  scp: { policiesPerTarget: 10, policySizeChars: 10240 },
  rcp: { policiesPerTarget: 5, policySizeChars: 5120 },
};

/** Values for the placeholders the policies use. */
export interface PolicyParameters {
  AllowedRegions: string[];
  ExemptPrincipalArns: string[];
  LogArchiveBucketPrefix: string;
  /** Name prefix of the AWS Config history bucket (`<prefix>-config-<log archive account id>`). */
  ConfigBucketPrefix: string;
  /** The alias of the Log Archive's trail key (`alias/...`): SCPs can name a KMS key only through its alias or tags. */
  LogArchiveKeyAlias: string;
}

const PARAMETER_NAMES: readonly (keyof PolicyParameters)[] = [
  "AllowedRegions",
  "ExemptPrincipalArns",
  "LogArchiveBucketPrefix",
  "ConfigBucketPrefix",
  "LogArchiveKeyAlias",
];
const LIST_PARAMETERS = new Set<keyof PolicyParameters>(["AllowedRegions", "ExemptPrincipalArns"]);

/** A principal as a claim names it; the evaluator derives its ARN and global keys. */
export interface ClaimPrincipal {
  kind: "root" | "assumed-root" | "role" | "user" | "service-linked-role";
  account: string;
  name?: string;
}

/** One request a claim makes about the policy. */
export interface ClaimRequest {
  principal: ClaimPrincipal;
  action: string;
  resource?: string;
  region?: string;
  context?: Record<string, string | string[] | boolean | number>;
}

/** A named scenario: "root user of a member account calling ec2:RunInstances". */
export interface Claim {
  name: string;
  request: ClaimRequest;
}

/** A family of actions the policy claims to cover, e.g. CloudTrail tampering = cloudtrail Write actions. */
export interface FamilyClaim {
  family: string;
  service: string;
  accessLevels: ("Read" | "List" | "Write" | "Tagging" | "Permissions management")[];
  /** When true, every action of the family must be denied (an open one is an error, not info). */
  complete?: boolean;
  /** The request's principal and resource for the family check; defaults to an admin role, resource "*". */
  principal?: ClaimPrincipal;
  resource?: string;
}

/** What the policy must deny and what it must leave alone (evaluated with FullAWSAccess beside it). */
export interface PolicyClaims {
  denied: Claim[];
  allowed: Claim[];
  families?: FamilyClaim[];
}

export interface CatalogPolicy {
  name: string;
  kind: PolicyKind;
  /** The AWS policy name (PascalCase of the file stem). */
  title: string;
  /** Absolute path of the JSON document. */
  file: string;
  description: string;
  parameters: (keyof PolicyParameters)[];
  /** The parsed document, placeholders intact. */
  document: unknown;
  claims: PolicyClaims;
}

/** Every problem of a catalogue, one per line: `<file>: <rule>`. */
export class PolicyCatalogError extends Error {
  constructor(public readonly problems: string[]) {
    super(`policy catalogue has ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "PolicyCatalogError";
  }
}

// From ts-node this file is lib/policies.ts (repo = ..); from a tsc outDir it is bin/lib/policies.js (repo = ../..).
export const defaultPoliciesDir: string = (() => {
  for (const up of ["..", "../.."]) {
    const dir = path.resolve(__dirname, up, "policies");
    if (fs.existsSync(path.join(dir, "manifest.json"))) return dir;
  }
  return path.resolve(__dirname, "..", "policies");
})();

const PLACEHOLDER = /\{\{(\w+)\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{(\w+)\}\}$/;

/** Placeholder names used in a document (whole-string and in-string). */
export function placeholdersOf(doc: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === "string") for (const m of v.matchAll(PLACEHOLDER)) found.add(m[1]);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        walk(k);
        walk(x);
      }
    }
  };
  walk(doc);
  return found;
}

/** Reads and checks policies/manifest.json and every document it names. */
export function loadPolicyCatalog(dir: string = defaultPoliciesDir): CatalogPolicy[] {
  const problems: string[] = [];
  const manifestFile = path.join(dir, "manifest.json");
  let manifest: unknown;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch (e) {
    throw new PolicyCatalogError([`${manifestFile}: cannot be read as JSON (${(e as Error).message})`]);
  }
  if (!Array.isArray(manifest)) throw new PolicyCatalogError([`${manifestFile}: must be a JSON array of policies`]);
  const catalog: CatalogPolicy[] = [];
  const names = new Set<string>();
  const listed = new Set<string>();
  manifest.forEach((entry: unknown, i: number) => {
    const at = `${manifestFile}: [${i}]`;
    if (!entry || typeof entry !== "object") return void problems.push(`${at} must be an object`);
    // Every field is unchecked until the checks below; an entry with a problem is pushed, and the catalogue then throws.
    const { name, kind, file, title, description, parameters, claims } = entry as Record<keyof CatalogPolicy, unknown> & {
      claims?: { denied?: unknown; allowed?: unknown };
    };
    if (typeof name !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) problems.push(`${at}.name must be a kebab-case string`);
    else if (names.has(name)) problems.push(`${at}.name ${JSON.stringify(name)} is used twice`);
    else names.add(name);
    if (kind !== "scp" && kind !== "rcp") problems.push(`${at}.kind must be "scp" or "rcp"`);
    if (typeof file !== "string") return void problems.push(`${at}.file must be a path relative to ${dir}`);
    const expectedFile = `${kind}/${name}.json`;
    if (file !== expectedFile) problems.push(`${at}.file must be ${JSON.stringify(expectedFile)} (kind folder / name)`);
    const pascal =
      typeof name === "string"
        ? name
            .split("-")
            .map((w) => w[0].toUpperCase() + w.slice(1))
            .join("")
        : "";
    if (title !== pascal) problems.push(`${at}.title must be ${JSON.stringify(pascal)} (PascalCase of the name)`);
    if (typeof description !== "string" || description.trim().length < 20)
      problems.push(`${at}.description must say what the policy denies, why, and who is exempt`);
    if (!Array.isArray(parameters) || parameters.some((p) => !PARAMETER_NAMES.includes(p))) {
      problems.push(`${at}.parameters must list names from ${PARAMETER_NAMES.join(", ")}`);
    }
    if (!claims || !Array.isArray(claims.denied) || !Array.isArray(claims.allowed) || claims.denied.length === 0 || claims.allowed.length === 0) {
      problems.push(`${at}.claims must have at least one "denied" and one "allowed" claim`);
    }
    const abs = path.join(dir, file);
    listed.add(abs);
    let document: unknown;
    try {
      document = JSON.parse(fs.readFileSync(abs, "utf8"));
    } catch (e) {
      return void problems.push(`${abs}: cannot be read as JSON (${(e as Error).message})`);
    }
    const used = placeholdersOf(document);
    for (const p of used) {
      if (!PARAMETER_NAMES.includes(p as keyof PolicyParameters)) problems.push(`${abs}: placeholder {{${p}}} is not a known parameter`);
      else if (Array.isArray(parameters) && !parameters.includes(p)) problems.push(`${abs}: placeholder {{${p}}} is not declared in the manifest's parameters`);
    }
    if (Array.isArray(parameters)) for (const p of parameters) if (!used.has(p)) problems.push(`${abs}: manifest parameter ${p} is not used in the document`);
    for (const p of placeholdersOf(claims)) {
      if (!CLAIM_PLACEHOLDERS.includes(p))
        problems.push(`${at}.claims: placeholder {{${p}}} is not one of ${CLAIM_PLACEHOLDERS.map((c) => `{{${c}}}`).join(", ")}`);
    }
    // Read as checked above: any problem in this entry makes the whole catalogue throw below.
    const checked = entry as Pick<CatalogPolicy, "name" | "kind" | "title" | "description" | "parameters" | "claims">;
    catalog.push({
      name: checked.name,
      kind: checked.kind,
      title: checked.title,
      file: abs,
      description: checked.description,
      parameters: checked.parameters ?? [],
      document,
      claims: checked.claims,
    });
  });
  // A document on disk that the manifest does not name would never be deployed or reviewed against claims.
  for (const kind of ["scp", "rcp"]) {
    const folder = path.join(dir, kind);
    if (!fs.existsSync(folder)) continue;
    for (const f of fs.readdirSync(folder).filter((f) => f.endsWith(".json"))) {
      if (!listed.has(path.join(folder, f))) problems.push(`${path.join(folder, f)}: not listed in ${manifestFile}`);
    }
  }
  if (problems.length > 0) throw new PolicyCatalogError(problems);
  return catalog;
}

/** Substitutes placeholders: a whole-string list placeholder inside an array is spliced; others as text. */
export function substitute(doc: unknown, params: PolicyParameters, where = "policy"): unknown {
  const value = (name: string): string | string[] => {
    if (!PARAMETER_NAMES.includes(name as keyof PolicyParameters)) throw new Error(`${where}: unknown placeholder {{${name}}}`);
    const v = params[name as keyof PolicyParameters];
    if (v === undefined || v === null) throw new Error(`${where}: no value for placeholder {{${name}}}`);
    if (Array.isArray(v) && v.length === 0) throw new Error(`${where}: list placeholder {{${name}}} is empty`);
    if (typeof v === "string" && v === "") throw new Error(`${where}: placeholder {{${name}}} is empty`);
    return v;
  };
  const text = (s: string): string =>
    s.replace(PLACEHOLDER, (_, name: string) => {
      const v = value(name);
      if (Array.isArray(v)) throw new Error(`${where}: list placeholder {{${name}}} must be a whole string inside an array`);
      return v;
    });
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      const whole = WHOLE_PLACEHOLDER.exec(v);
      if (whole && LIST_PARAMETERS.has(whole[1] as keyof PolicyParameters)) {
        throw new Error(`${where}: list placeholder {{${whole[1]}}} must be inside an array`);
      }
      return text(v);
    }
    if (Array.isArray(v)) {
      return v.flatMap((x) => {
        const whole = typeof x === "string" ? WHOLE_PLACEHOLDER.exec(x) : null;
        if (whole && LIST_PARAMETERS.has(whole[1] as keyof PolicyParameters)) return [...(value(whole[1]) as string[])];
        return [walk(x)];
      });
    }
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc);
}

/** The policy as uploaded: placeholders substituted, minified (AWS counts whitespace against the size quota). */
export function renderPolicy(policy: CatalogPolicy, params: PolicyParameters): string {
  return JSON.stringify(substitute(policy.document, params, policy.file));
}

/** Example values, used to review the raw files and to prove the claims (a wildcard exemption included). */
export function examplePolicyParameters(): PolicyParameters {
  return {
    AllowedRegions: ["us-east-1", "eu-west-1"],
    ExemptPrincipalArns: ["arn:aws:iam::*:role/OrgstrapDeployer", "arn:aws:iam::*:role/BreakGlass", "arn:aws:iam::*:role/stacksets-exec-*"],
    // The names a stack with the default namePrefix (the project name) gets, as lib/config/context.ts derives them.
    LogArchiveBucketPrefix: `${PROJECT}-log-archive-`,
    ConfigBucketPrefix: `${PROJECT}-config-`,
    LogArchiveKeyAlias: logArchiveKeyAlias(PROJECT),
  };
}

// ---- claims in terms of the parameters ----

/**
 * Placeholders a claim may use, so that it is proven against each stack's own parameters rather than example names:
 * `{{ExemptRole}}` and `{{AllowedRegion}}` turn one claim into one per exempt role / allowed Region; `{{OutsideRegion}}`
 * is a Region the stack does not allow; the others are the policy parameters of the same name.
 */
export const CLAIM_PLACEHOLDERS: readonly string[] = [
  "ExemptRole",
  "AllowedRegion",
  "OutsideRegion",
  "LogArchiveBucketPrefix",
  "ConfigBucketPrefix",
  "LogArchiveKeyAlias",
];

/** A claim made concrete for one set of parameters; `exemptRole` is set when the principal is an exempt role. */
export interface ConcreteClaim extends Claim {
  /** The manifest claim it comes from (its index in denied / allowed). */
  index: number;
  exemptRole?: string;
}

/** Regions tried, in order, for `{{OutsideRegion}}`: the first one the stack does not allow. */
const OUTSIDE_REGION_CANDIDATES = ["ap-southeast-2", "sa-east-1", "ca-central-1", "eu-north-1", "us-west-2"];

/** The role-name patterns of the exempt principal ARNs (`arn:aws:iam::*:role/X` -> `X`). */
export function exemptRolePatterns(params: PolicyParameters): string[] {
  return params.ExemptPrincipalArns.map((arn) => /:role\/(.+)$/.exec(arn)?.[1]).filter((n): n is string => n !== undefined);
}

/** A role name that a pattern matches: each `*` becomes "claim" and each `?` "x" (`stacksets-exec-*` -> `stacksets-exec-claim`). */
export function concreteRoleName(pattern: string): string {
  return pattern.replace(/\*/g, "claim").replace(/\?/g, "x");
}

/** Expands one manifest claim into the concrete claims it stands for under `params`. */
export function expandClaim(claim: Claim, index: number, params: PolicyParameters): ConcreteClaim[] {
  const text = JSON.stringify(claim);
  const outside = OUTSIDE_REGION_CANDIDATES.find((r) => !params.AllowedRegions.includes(r)) ?? "ap-southeast-2";
  const fixed = (t: string): string =>
    t
      .replace(/\{\{OutsideRegion\}\}/g, outside)
      .replace(/\{\{LogArchiveBucketPrefix\}\}/g, params.LogArchiveBucketPrefix)
      .replace(/\{\{ConfigBucketPrefix\}\}/g, params.ConfigBucketPrefix)
      .replace(/\{\{LogArchiveKeyAlias\}\}/g, params.LogArchiveKeyAlias);
  let variants: { text: string; exemptRole?: string }[] = [{ text: fixed(text) }];
  if (text.includes("{{ExemptRole}}")) {
    variants = variants.flatMap((v) =>
      exemptRolePatterns(params).map((p) => ({ text: v.text.replace(/\{\{ExemptRole\}\}/g, concreteRoleName(p)), exemptRole: concreteRoleName(p) })),
    );
  }
  if (text.includes("{{AllowedRegion}}")) {
    variants = variants.flatMap((v) => params.AllowedRegions.map((r) => ({ ...v, text: v.text.replace(/\{\{AllowedRegion\}\}/g, r) })));
  }
  return variants.map((v) => {
    const c = JSON.parse(v.text) as Claim;
    const isExempt = v.exemptRole !== undefined && claim.request.principal.name === "{{ExemptRole}}";
    return { ...c, index, ...(isExempt ? { exemptRole: v.exemptRole } : {}) };
  });
}

/** Every concrete claim of a policy under `params`, denied and allowed. */
export function concreteClaims(policy: CatalogPolicy, params: PolicyParameters): { denied: ConcreteClaim[]; allowed: ConcreteClaim[] } {
  return {
    denied: policy.claims.denied.flatMap((c, i) => expandClaim(c, i, params)),
    allowed: policy.claims.allowed.flatMap((c, i) => expandClaim(c, i, params)),
  };
}
