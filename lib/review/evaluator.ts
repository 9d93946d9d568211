// An IAM policy evaluator for SCPs and RCPs: statements, wildcards, condition operators and policy variables,
// with the organization-level rules (deny wins; an Allow at every level; management account and service-linked
// roles untouched). Each rule's AWS source is in docs/review.md ("Evaluator semantics"). Pure and synchronous so claims and benchmarks can run it many thousands of times a second.
import { FULL_ACCESS_POLICY } from "../naming";
import { rcpSupportedServices } from "./rcpServices";

export type PrincipalKind = "root" | "assumed-root" | "role" | "user" | "service-linked-role";
export interface RequestPrincipal {
  kind: PrincipalKind;
  account: string;
  name?: string;
}
export type ContextValue = string | number | boolean | (string | number | boolean)[];
export interface Request {
  principal: RequestPrincipal;
  action: string;
  resource?: string;
  region?: string;
  context?: Record<string, ContextValue>;
}
export interface OrgContext {
  orgId: string;
  managementAccount: string;
}
export const EXAMPLE_ORG: OrgContext = { orgId: "o-exm1exm1ex", managementAccount: "999900001111" };

export interface Decision {
  decision: "allowed" | "denied";
  /** Why: `explicit deny by <policy> <Sid>`, `no allow at level <n>`, `management account`, `service-linked role`. */
  reason: string;
}

export interface NamedPolicy {
  name: string;
  document: unknown;
}
export const FULL_AWS_ACCESS: NamedPolicy = {
  name: FULL_ACCESS_POLICY.scp,
  document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

const regexCache = new Map<string, RegExp>();
// ${*} and ${?} expand to these markers: a literal * or ? where * and ? are otherwise wildcards (IAM policy variables,
// "special characters").
const LITERAL_STAR = "\u0000STAR";
const LITERAL_QM = "\u0000QM";
const literalOf = (s: string): string => s.replaceAll(LITERAL_STAR, "*").replaceAll(LITERAL_QM, "?");
/** IAM wildcard match: `*` any run, `?` one character; actions compare case-insensitively. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === "*") return true;
  if (!pattern.includes("*") && !pattern.includes("?")) {
    const literal = literalOf(pattern);
    return ignoreCase ? literal.toLowerCase() === value.toLowerCase() : literal === value;
  }
  const key = (ignoreCase ? "i" : "s") + pattern;
  let re = regexCache.get(key);
  if (!re) {
    re = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".")
        .replaceAll(LITERAL_STAR, "\\*")
        .replaceAll(LITERAL_QM, "\\?")}$`,
      ignoreCase ? "is" : "s",
    );
    regexCache.set(key, re);
  }
  return re.test(value);
}

/** ARN, type and account keys IAM fills in for a principal. */
export function principalArn(p: RequestPrincipal): string {
  switch (p.kind) {
    case "root":
    case "assumed-root":
      return `arn:aws:iam::${p.account}:root`;
    case "user":
      return `arn:aws:iam::${p.account}:user/${p.name ?? "User"}`;
    case "service-linked-role":
      return `arn:aws:iam::${p.account}:role/aws-service-role/${p.name ?? "AWSServiceRole"}`;
    default:
      return `arn:aws:iam::${p.account}:role/${p.name ?? "Role"}`;
  }
}

/** The request context, keys lower-cased (IAM condition keys are case-insensitive), values as string lists. */
export function requestContext(req: Request, org: OrgContext = EXAMPLE_ORG): Map<string, string[]> {
  const ctx = new Map<string, string[]>();
  const set = (k: string, v: ContextValue | undefined): void => {
    if (v === undefined) return;
    ctx.set(k.toLowerCase(), (Array.isArray(v) ? v : [v]).map(String));
  };
  const p = req.principal;
  set("aws:PrincipalArn", principalArn(p));
  set("aws:PrincipalAccount", p.account);
  set("aws:PrincipalType", p.kind === "root" || p.kind === "assumed-root" ? "Account" : p.kind === "user" ? "User" : "AssumedRole");
  set("aws:PrincipalOrgID", org.orgId);
  set("aws:PrincipalIsAWSService", "false");
  set("aws:SecureTransport", "true");
  set("aws:ViaAWSService", "false");
  if (p.kind === "assumed-root") set("aws:AssumedRoot", "true");
  // aws:username is present only when the principal is an IAM user (IAM global condition keys, aws:username).
  if (p.kind === "user") set("aws:username", p.name ?? "User");
  set("aws:RequestedRegion", req.region ?? "us-east-1");
  const resAccount = resourceAccount(req);
  if (resAccount) set("aws:ResourceAccount", resAccount);
  for (const [k, v] of Object.entries(req.context ?? {})) {
    if (v === null) ctx.delete(k.toLowerCase());
    else set(k, v);
  }
  return ctx;
}

/**
 * The account that owns the resource: aws:ResourceAccount from the request context (keys are case-insensitive), else the
 * ARN's account field, else (no resource named) the caller's account. S3 ARNs carry no account
 * (`arn:aws:s3:::bucket`), so a bucket's owner is known only from aws:ResourceAccount: undefined means unknown.
 */
export function resourceAccount(req: Request): string | undefined {
  for (const [k, v] of Object.entries(req.context ?? {})) if (k.toLowerCase() === "aws:resourceaccount" && typeof v === "string") return v;
  if (req.resource === undefined || req.resource === "*") return req.principal.account;
  const account = req.resource.split(":")[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
}

// ---- conditions ----

const SET_PREFIX = /^(ForAnyValue:|ForAllValues:)?/;
export const CONDITION_OPERATORS = new Set([
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
]);

export interface ParsedOperator {
  set?: "any" | "all";
  base: string;
  ifExists: boolean;
}
export function parseOperator(op: string): ParsedOperator | undefined {
  const set = SET_PREFIX.exec(op)?.[1];
  let base = op.slice(set?.length ?? 0);
  const ifExists = base.endsWith("IfExists");
  if (ifExists) base = base.slice(0, -"IfExists".length);
  if (!CONDITION_OPERATORS.has(base)) return undefined;
  if (base === "Null" && (ifExists || set)) return undefined; // "Null with if exists" is an IAM error
  return { set: set === "ForAnyValue:" ? "any" : set === "ForAllValues:" ? "all" : undefined, base, ifExists };
}

const NEGATED = new Set([
  "StringNotEquals",
  "StringNotEqualsIgnoreCase",
  "StringNotLike",
  "NumericNotEquals",
  "DateNotEquals",
  "NotIpAddress",
  "ArnNotEquals",
  "ArnNotLike",
]);
const POSITIVE_OF: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  NotIpAddress: "IpAddress",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
};

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}
/** An IPv6 address (RFC 4291 text forms: `::` compression, an embedded dotted IPv4 tail) as a 128-bit number. */
function ipv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(":")) return undefined;
  let text = s;
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (tail) {
    const v4 = ipv4(tail[1]);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, -tail[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string): string[] => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...rest];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** A parsed address or CIDR: family, value, prefix length. Undefined when it is neither IPv4 nor IPv6. */
export function parseCidr(text: string): { v6: boolean; value: bigint; bits: number } | undefined {
  const [net, bitsText, extra] = text.split("/");
  if (extra !== undefined || (bitsText !== undefined && !/^\d{1,3}$/.test(bitsText))) return undefined;
  const four = ipv4(net);
  if (four !== undefined) {
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    return bits > 32 ? undefined : { v6: false, value: BigInt(four), bits };
  }
  const six = ipv6(net);
  if (six === undefined) return undefined;
  const bits = bitsText === undefined ? 128 : Number(bitsText);
  return bits > 128 ? undefined : { v6: true, value: six, bits };
}

/**
 * IpAddress: the address is inside the CIDR (RFC 4632 for IPv4, RFC 4291 for IPv6). An IPv4 range never matches an IPv6
 * address and the reverse (IAM's condition operators page: IPv6 ranges must be listed for IPv6 callers).
 */
function ipMatch(cidr: string, ip: string): boolean {
  const range = parseCidr(cidr);
  const addr = parseCidr(ip);
  if (!range || !addr || range.v6 !== addr.v6) return false;
  const width = range.v6 ? 128n : 32n;
  const shift = width - BigInt(range.bits);
  return range.value >> shift === addr.value >> shift;
}

function date(s: string): number {
  return /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s);
}

/** One positive comparison of a request value against a policy value. */
function compare(base: string, policyValue: string, value: string): boolean {
  switch (base) {
    case "StringEquals":
      return policyValue === value;
    case "StringEqualsIgnoreCase":
      return policyValue.toLowerCase() === value.toLowerCase();
    case "StringLike":
      return wildcardMatch(policyValue, value, false);
    case "NumericEquals":
      return Number(value) === Number(policyValue);
    case "NumericLessThan":
      return Number(value) < Number(policyValue);
    case "NumericLessThanEquals":
      return Number(value) <= Number(policyValue);
    case "NumericGreaterThan":
      return Number(value) > Number(policyValue);
    case "NumericGreaterThanEquals":
      return Number(value) >= Number(policyValue);
    case "DateEquals":
      return date(value) === date(policyValue);
    case "DateLessThan":
      return date(value) < date(policyValue);
    case "DateLessThanEquals":
      return date(value) <= date(policyValue);
    case "DateGreaterThan":
      return date(value) > date(policyValue);
    case "DateGreaterThanEquals":
      return date(value) >= date(policyValue);
    case "Bool":
      return policyValue.toLowerCase() === value.toLowerCase();
    case "BinaryEquals":
      return policyValue === value;
    case "IpAddress":
      return ipMatch(policyValue, value);
    case "ArnEquals":
      return arnMatch(policyValue, value, false);
    case "ArnLike":
      return arnMatch(policyValue, value, true);
    default:
      return false;
  }
}

// ARNs compare segment by segment (6 parts); wildcards do not cross the first five colons.
function arnMatch(pattern: string, value: string, like: boolean): boolean {
  const p = pattern.split(":");
  const v = value.split(":");
  if (p.length < 6 || v.length < 6) return like ? wildcardMatch(pattern, value, false) : literalOf(pattern) === value;
  const pr = [...p.slice(0, 5), p.slice(5).join(":")];
  const vr = [...v.slice(0, 5), v.slice(5).join(":")];
  return pr.every((seg, i) => wildcardMatch(seg, vr[i], false));
}

/** Replaces IAM policy variables (`${aws:PrincipalAccount}`, `${*}`, `${?}`, `${$}`, `${key, 'default'}`). */
export function expandVariables(s: string, ctx: Map<string, string[]>): string | undefined {
  if (!s.includes("${")) return s;
  let missing = false;
  const out = s.replace(/\$\{([^}]+)\}/g, (_, inner: string) => {
    if (inner === "*") return LITERAL_STAR;
    if (inner === "?") return LITERAL_QM;
    if (inner === "$") return "$";
    const [key, dflt] = inner.split(/\s*,\s*/);
    const v = ctx.get(key.trim().toLowerCase());
    if (v && v.length === 1) return v[0];
    if (dflt !== undefined) return dflt.replace(/^'|'$/g, "");
    missing = true;
    return "";
  });
  return missing ? undefined : out;
}

export function evaluateCondition(op: string, key: string, rawValues: unknown, ctx: Map<string, string[]>): boolean {
  const parsed = parseOperator(op);
  if (!parsed) return false; // an unknown operator never matches (AWS would reject the policy)
  const values = (Array.isArray(rawValues) ? rawValues : [rawValues]).map(String);
  const present = ctx.get(key.toLowerCase());
  if (parsed.base === "Null") {
    const isNull = present === undefined || present.length === 0;
    return values.some((v) => (v.toLowerCase() === "true") === isNull);
  }
  if (present === undefined || present.length === 0) {
    if (parsed.set === "all") return true;
    if (parsed.set === "any") return false;
    if (parsed.ifExists) return true;
    return NEGATED.has(parsed.base);
  }
  const negated = NEGATED.has(parsed.base);
  const base = negated ? POSITIVE_OF[parsed.base] : parsed.base;
  const expanded = values
    .map((v) => (base.startsWith("String") || base.startsWith("Arn") ? expandVariables(v, ctx) : v))
    .filter((v): v is string => v !== undefined)
    // Wildcard operators keep the literal markers for wildcardMatch; the others compare the literal characters.
    .map((v) => (base === "StringLike" || base.startsWith("Arn") ? v : literalOf(v)));
  const matchesOne = (value: string): boolean => expanded.some((pv) => compare(base, pv, value));
  if (parsed.set === "all") return present.every((v) => (negated ? !matchesOne(v) : matchesOne(v)));
  if (parsed.set === "any") return present.some((v) => (negated ? !matchesOne(v) : matchesOne(v)));
  // A single-valued operator on a multivalued key: any value matching is a match (IAM's behaviour).
  const anyMatch = present.some(matchesOne);
  return negated ? !anyMatch : anyMatch;
}

// ---- statements ----

const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);

export interface StatementMatch {
  effect: "Allow" | "Deny";
  sid?: string;
  index: number;
}

/** The statements of a document that apply to the request. */
export function matchingStatements(document: unknown, req: Request, ctx: Map<string, string[]>): StatementMatch[] {
  const doc = document as { Statement?: unknown };
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
  const out: StatementMatch[] = [];
  const resource = req.resource ?? "*";
  statements.forEach((value: unknown, index: number) => {
    if (!value || typeof value !== "object") return;
    const st = value as Record<string, unknown>;
    if (st.Action !== undefined && !asList(st.Action).some((a) => wildcardMatch(a, req.action, true))) return;
    if (st.NotAction !== undefined && asList(st.NotAction).some((a) => wildcardMatch(a, req.action, true))) return;
    const resMatch = (patterns: string[]): boolean =>
      patterns.some((p) => {
        const e = expandVariables(p, ctx);
        if (e === undefined) return false;
        return e === "*" || (resource !== "*" && arnMatch(e, resource, true));
      });
    if (st.Resource !== undefined && !resMatch(asList(st.Resource))) return;
    if (st.NotResource !== undefined && resMatch(asList(st.NotResource))) return;
    if (st.Condition && typeof st.Condition === "object") {
      for (const [op, block] of Object.entries(st.Condition as Record<string, unknown>)) {
        if (!block || typeof block !== "object") return;
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) if (!evaluateCondition(op, key, values, ctx)) return;
      }
    }
    if (st.Effect === "Allow" || st.Effect === "Deny") out.push({ effect: st.Effect, sid: typeof st.Sid === "string" ? st.Sid : undefined, index });
  });
  return out;
}

/**
 * SCPs (kind "scp") or RCPs (kind "rcp") attached along the path root -> OUs -> account.
 * Each level is the list of policies attached there; for RCPs, RCPFullAWSAccess is always present and added here.
 */
export function evaluateOrgPolicies(
  kind: "scp" | "rcp",
  levels: NamedPolicy[][],
  req: Request,
  org: OrgContext = EXAMPLE_ORG,
  ctx?: Map<string, string[]>,
): Decision {
  // GetCallerIdentity needs no permission: "an explicit deny ... you can still perform this operation" (STS API reference).
  if (req.action.toLowerCase() === "sts:getcalleridentity")
    return { decision: "allowed", reason: "sts:GetCallerIdentity needs no permission; no policy can deny it" };
  const service = req.action.split(":")[0].toLowerCase();
  if (kind === "rcp" && !rcpSupportedServices().has(service))
    return { decision: "allowed", reason: `RCPs do not apply to ${service} (not a service that supports RCPs)` };
  // SCPs follow the caller's account, RCPs the resource's; an unknown resource account (an S3 ARN without
  // aws:ResourceAccount) is not assumed to be the management account.
  const account = kind === "scp" ? req.principal.account : resourceAccount(req);
  if (account === org.managementAccount) return { decision: "allowed", reason: "management account: organization policies never apply" };
  if (req.principal.kind === "service-linked-role") return { decision: "allowed", reason: "service-linked role: organization policies never apply" };
  const context = ctx ?? requestContext(req, org);
  let allowedEverywhere = true;
  let firstMissing = -1;
  for (let level = 0; level < levels.length; level++) {
    let allowed = kind === "rcp"; // RCPFullAWSAccess cannot be detached
    for (const policy of levels[level]) {
      for (const m of matchingStatements(policy.document, req, context)) {
        if (m.effect === "Deny") return { decision: "denied", reason: `explicit deny by ${policy.name}${m.sid ? ` (${m.sid})` : ` Statement[${m.index}]`}` };
        allowed = true;
      }
    }
    if (!allowed && allowedEverywhere) {
      allowedEverywhere = false;
      firstMissing = level;
    }
  }
  if (!allowedEverywhere) return { decision: "denied", reason: `no SCP allows it at level ${firstMissing} (implicit deny)` };
  return { decision: "allowed", reason: "allowed at every level, no explicit deny" };
}
