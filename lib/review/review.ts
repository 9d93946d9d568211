// `orgstrap review`: files -> findings. Strict JSON, kind detection, grammar per kind, size, names, claims.
import * as path from "path";
import { AWS_POLICY_QUOTAS, CatalogPolicy, examplePolicyParameters, loadPolicyCatalog, PolicyCatalogError, PolicyParameters, substitute } from "../policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, parseCidr, parseOperator, Request } from "./evaluator";
import { MAX_FILE_BYTES, readPolicyFile, readSmallFile, walkPaths } from "./files";
import { childPath, parseStrictJson, Position } from "./json";
import { actionAccessLevel, actionsOf, conditionKeyExists, dataDate, expandAction, rcpServices } from "./names";
import { Finding, ruleById, Severity } from "./rules";
import { hasPlaceholder, markerIndex, placeholdersIn, quoteRawPlaceholders, rawPlaceholders, renderPlaceholders, sampleValue } from "./templates";

export interface ReviewOptions {
  /** One size limit for every kind (`--max-size`); by default each kind's AWS quota (AWS_POLICY_QUOTAS). */
  maxSize?: number;
  /** Where maxSize comes from, for messages (default `--max-size`). */
  maxSizeSource?: string;
  /** `--kind`: review every policy document as this kind instead of detecting it. */
  kind?: "scp" | "rcp";
}
/** The kind the review used for a file and why, printed for every file. */
export interface FileKind {
  file: string;
  kind: DetectedKind | "unread";
  why: string;
}
export interface ReviewResult {
  findings: Finding[];
  /** Files reviewed (manifests excluded). */
  files: number;
  kinds: FileKind[];
  iamData: string;
  /** Given folders that hold no .json file: bad usage. */
  empty: string[];
  /** Files whose review threw: a bug in orgstrap, reported as REV001 (exit code 3). */
  crashed: number;
}
export type DetectedKind = "scp" | "rcp" | "other";

const SCP_ELEMENTS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const RCP_ELEMENTS = new Set(["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"]);

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const fmt = (n: number) => n.toLocaleString("en-US");

export function finding(file: string, ruleId: string, path_: string, message: string, severity?: Severity, at?: Position): Finding {
  const rule = ruleById(ruleId);
  return {
    file,
    ruleId,
    slug: rule.slug,
    severity: severity ?? rule.severity,
    path: path_,
    ...(at ? { line: at.line, column: at.column } : {}),
    message,
    rationale: rule.rationale,
  };
}

class Collector {
  findings: Finding[] = [];
  constructor(
    private file: string,
    private positions: Map<string, Position>,
  ) {}
  add(ruleId: string, path: string, message: string, severity?: Severity): void {
    let pos = this.positions.get(path) ?? this.positions.get(`${path}#key`);
    // Walk up to the nearest parent with a position; stop when the path no longer shortens.
    for (let p = path, up: string; !pos && p; p = up) {
      pos = this.positions.get(p) ?? this.positions.get(`${p}#key`);
      up = p.replace(/(\.[^.[]+|\[\d+\]|\."[^"]*")$/, "");
      if (up === p) break;
    }
    this.findings.push(finding(this.file, ruleId, path, message, severity, pos));
  }
}

const describePrincipal = (v: unknown): string => JSON.stringify(v).slice(0, 80);

/**
 * scp / rcp / other, and why: --kind, a MANIFEST.json or policies/manifest.json, a folder named scp or rcp, then the
 * content. By content: no statement with a Principal is an SCP; Principal "*" on every statement that has one (RCPs
 * allow nothing else) is an RCP, whatever its effects (an Allow in it is a defect, RCP001, not a sign of another kind);
 * a statement naming principals other than "*", or NotPrincipal, makes a resource policy, which is not reviewed.
 */
export function detectKind(file: string, doc: unknown, declared?: { kind: "scp" | "rcp"; why: string }): { kind: DetectedKind; why: string } {
  if (!isRecord(doc) || !("Statement" in doc)) return { kind: "other", why: "no Statement: not an IAM policy document" };
  if (declared) return { kind: declared.kind, why: declared.why };
  const segments = path
    .dirname(file)
    .split(/[\\/]/)
    .map((s) => s.toLowerCase());
  if (segments.includes("rcp")) return { kind: "rcp", why: "in a folder named rcp" };
  if (segments.includes("scp")) return { kind: "scp", why: "in a folder named scp" };
  const statements = list(doc.Statement)
    .map((s, i): [number, unknown] => [i, s])
    .filter((e): e is [number, Record<string, unknown>] => isRecord(e[1]));
  const withPrincipal = statements.filter(([, s]) => "Principal" in s || "NotPrincipal" in s);
  if (withPrincipal.length === 0) return { kind: "scp", why: "no statement has a Principal" };
  const named = withPrincipal.find(([, s]) => "NotPrincipal" in s || s.Principal !== "*");
  if (named) {
    const [i, s] = named;
    const what = "NotPrincipal" in s ? `NotPrincipal ${describePrincipal(s.NotPrincipal)}` : `Principal ${describePrincipal(s.Principal)}`;
    return { kind: "other", why: `Statement[${i}] has ${what}, which neither an SCP (no Principal) nor an RCP (Principal "*") allows: a resource policy` };
  }
  if (withPrincipal.length === statements.length) return { kind: "rcp", why: 'every statement has Principal "*"' };
  return { kind: "rcp", why: `${withPrincipal.length} of ${statements.length} statements have Principal "*" and none names another principal` };
}

/** Reviews one document's text. `catalog` gives the manifest entry when the file is a shipped policy. */
export async function reviewText(
  file: string,
  text: string,
  options: ReviewOptions = {},
  catalog?: CatalogPolicy,
  declared?: { kind: "scp" | "rcp"; why: string },
): Promise<Finding[]> {
  return (await reviewDocument(file, text, options, catalog, declared)).findings;
}

/** A template's placeholders and the sample values it was sized with, for messages. */
function samplesNote(placeholders: Iterable<string>): string {
  const shown = [...new Set(placeholders)].sort().map((p) => `${p} as ${JSON.stringify(sampleValue(p))}`);
  return shown.length > 8 ? `${shown.slice(0, 8).join(", ")} and ${shown.length - 8} more` : shown.join(", ");
}

export async function reviewDocument(
  file: string,
  text: string,
  options: ReviewOptions = {},
  catalog?: CatalogPolicy,
  declared?: { kind: "scp" | "rcp"; why: string },
): Promise<{ findings: Finding[]; kind: DetectedKind; why: string }> {
  // Placeholders outside strings (`"Resource": ${jsonencode(var.arns)}`) make a template that is JSON only once rendered:
  // they are read as strings here, so everything else in the file is still checked.
  const raw = catalog ? [] : rawPlaceholders(text);
  const parsed = parseStrictJson(raw.length > 0 ? quoteRawPlaceholders(text, raw) : text);
  const c = new Collector(file, parsed.positions);
  const rawNames = raw.map((r) => r.text.replace(/\s+/g, " "));
  if (raw.length > 0) {
    const first = raw[0];
    const line = text.slice(0, first.start).split("\n").length;
    const shown = rawNames.length > 4 ? `${rawNames.slice(0, 4).join(", ")} and ${rawNames.length - 4} more` : rawNames.join(", ");
    c.findings.push(
      finding(
        file,
        "POL003",
        "",
        `a template that is JSON only once rendered: ${rawNames.length === 1 ? "placeholder" : `${rawNames.length} placeholders`} outside quotes (${shown}, first on line ${line}); checked with each read as a value`,
        undefined,
        { line, column: first.start - text.lastIndexOf("\n", first.start - 1) },
      ),
    );
  }
  for (const p of parsed.problems) {
    const id =
      p.kind === "duplicate-key"
        ? "JSON002"
        : p.kind === "comment"
          ? "JSON003"
          : p.kind === "trailing-comma"
            ? "JSON004"
            : p.kind === "too-deep"
              ? "JSON005"
              : "JSON001";
    c.findings.push(finding(file, id, p.path, `line ${p.line}, column ${p.column}: ${p.message}`, undefined, p));
  }
  if (parsed.fatal)
    return {
      findings: c.findings,
      kind: "other",
      why: parsed.problems.some((p) => p.kind === "too-deep") ? "nested too deep to be a policy" : "not valid JSON",
    };
  // Raw placeholders come back as their markers; put the placeholder text back so every check sees it as a placeholder.
  const unmark = (v: unknown): unknown => {
    if (typeof v === "string") {
      const n = markerIndex(v);
      return n === undefined ? v : raw[n].text;
    }
    if (Array.isArray(v)) return v.map(unmark);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unmark(x)]));
    return v;
  };
  const value = raw.length > 0 ? unmark(parsed.value) : parsed.value;
  const { kind, why } = detectKind(
    file,
    value,
    options.kind ? { kind: options.kind, why: "--kind" } : catalog ? { kind: catalog.kind, why: "policies/manifest.json" } : declared,
  );
  if (kind === "other") {
    c.add("POL001", "", `not an organization policy (${why}); not checked as an SCP or RCP`);
    return { findings: c.findings, kind, why };
  }
  // A shipped policy is checked as rendered with the example parameters; elsewhere placeholders mark a template.
  const doc = (catalog ? substitute(value, examplePolicyParameters(), file) : value) as Record<string, unknown>;
  const placeholders: string[] = [...rawNames];
  const scan = (v: unknown): void => {
    if (typeof v === "string") placeholders.push(...placeholdersIn(v));
    else if (Array.isArray(v)) v.forEach(scan);
    else if (isRecord(v)) Object.entries(v).forEach(([k, x]) => (scan(k), scan(x)));
  };
  if (!catalog) scan(doc);
  const isTemplate = placeholders.length > 0;
  if (isTemplate) c.add("POL002", "", `replace ${[...new Set(placeholders)].sort().join(", ")} before use; sized with ${samplesNote(placeholders)}`);

  // Size: what AWS stores (minified, placeholders rendered) against the kind's quota; the file as written as a warning.
  const rawTexts = new Set(raw.map((r) => r.text));
  const render = (v: unknown): unknown => {
    if (typeof v === "string") return rawTexts.has(v) ? sampleValue(v) : renderPlaceholders(v);
    if (Array.isArray(v)) return v.map(render);
    if (isRecord(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [renderPlaceholders(k), render(x)]));
    return v;
  };
  const rendered = isTemplate ? render(doc) : doc;
  const minified = JSON.stringify(rendered);
  const bytes = Buffer.byteLength(minified, "utf8");
  const quota = AWS_POLICY_QUOTAS[kind].policySizeChars;
  const maxSize = options.maxSize ?? quota;
  const limitText =
    options.maxSize !== undefined
      ? `the ${fmt(maxSize)} limit (${options.maxSizeSource ?? "--max-size"})`
      : `the ${fmt(maxSize)}-character limit for ${kind.toUpperCase()}s`;
  const asTemplate = isTemplate ? ", with each placeholder replaced by a sample value of its kind (POL002)" : "";
  const asWritten = isTemplate ? renderPlaceholders(text).length : text.length;
  if (minified.length > maxSize || bytes > maxSize)
    c.add(
      "SIZE001",
      "",
      `minified, the ${kind.toUpperCase()} is ${fmt(minified.length)} characters (${fmt(bytes)} bytes UTF-8)${asTemplate}, over ${limitText}`,
    );
  else if (asWritten > maxSize && !catalog)
    c.add(
      "SIZE002",
      "",
      `the file is ${fmt(asWritten)} characters as written${asTemplate}, over ${limitText}; minified it is ${fmt(minified.length)} and fits`,
    );

  // Grammar.
  const allowedTop = new Set(["Version", "Id", "Statement"]);
  for (const k of Object.keys(doc)) if (!allowedTop.has(k)) c.add("GRM002", k, `unknown top-level element "${k}" (allowed: Version, Id, Statement)`);
  if (doc.Version !== "2012-10-17" && !hasPlaceholder(doc.Version))
    c.add(
      "GRM001",
      doc.Version === undefined ? "" : "Version",
      doc.Version === undefined ? "Version is missing" : `Version is ${JSON.stringify(doc.Version)}, must be "2012-10-17"`,
    );
  const stValue = doc.Statement;
  const statements: [string, unknown][] = Array.isArray(stValue) ? stValue.map((s, i) => [childPath("Statement", i), s]) : [["Statement", stValue]];
  if (Array.isArray(stValue) && stValue.length === 0) c.add("GRM002", "Statement", "Statement is an empty array");
  const sids = new Map<string, string>();
  const actionEntries: [string, string][] = [];
  const conditionKeys: [string, string][] = [];
  const elements = kind === "scp" ? SCP_ELEMENTS : RCP_ELEMENTS;
  for (const [sp, st] of statements) {
    if (!isRecord(st)) {
      if (!hasPlaceholder(st)) c.add("GRM002", sp, "a statement must be an object");
      continue;
    }
    for (const k of Object.keys(st)) {
      if (elements.has(k)) continue;
      if (kind === "scp" && (k === "Principal" || k === "NotPrincipal")) c.add("GRM007", childPath(sp, k), `${k} is not supported in SCPs`);
      else if (kind === "rcp" && k === "NotPrincipal") c.add("RCP002", childPath(sp, k), "NotPrincipal is not supported in RCPs");
      else if (kind === "rcp" && k === "NotAction") c.add("RCP003", childPath(sp, k), "NotAction is not supported in RCPs");
      else if (!hasPlaceholder(k)) c.add("GRM003", childPath(sp, k), `unknown element "${k}" in an ${kind.toUpperCase()} statement`);
    }
    if (st.Sid !== undefined && !hasPlaceholder(st.Sid)) {
      if (typeof st.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(st.Sid))
        c.add("GRM008", childPath(sp, "Sid"), `Sid ${JSON.stringify(st.Sid)} must contain only ASCII letters and digits`);
      else if (sids.has(st.Sid)) c.add("GRM008", childPath(sp, "Sid"), `Sid "${st.Sid}" is already used by ${sids.get(st.Sid)}`);
      else sids.set(st.Sid, sp);
    }
    if (st.Effect !== "Allow" && st.Effect !== "Deny") {
      if (!hasPlaceholder(st.Effect))
        c.add(
          "GRM004",
          st.Effect === undefined ? sp : childPath(sp, "Effect"),
          st.Effect === undefined ? "Effect is missing" : `Effect is ${JSON.stringify(st.Effect)}, must be "Allow" or "Deny"`,
        );
    } else if (kind === "rcp" && st.Effect === "Allow")
      c.add("RCP001", childPath(sp, "Effect"), "Allow is not supported in customer RCPs (only RCPFullAWSAccess allows)");
    if (kind === "rcp" && st.Principal !== "*" && !hasPlaceholder(st.Principal))
      c.add(
        "RCP002",
        st.Principal === undefined ? sp : childPath(sp, "Principal"),
        st.Principal === undefined ? 'Principal is missing; RCPs require "Principal": "*"' : `Principal is ${JSON.stringify(st.Principal)}; RCPs require "*"`,
      );
    const hasA = "Action" in st,
      hasNA = "NotAction" in st;
    if (hasA === hasNA) c.add("GRM005", sp, hasA ? "both Action and NotAction are present; use exactly one" : "neither Action nor NotAction is present");
    for (const el of ["Action", "NotAction"]) {
      if (!(el in st)) continue;
      const v = st[el];
      list(v).forEach((a, i) => {
        const ap = Array.isArray(v) ? childPath(childPath(sp, el), i) : childPath(sp, el);
        if (hasPlaceholder(a)) return;
        if (typeof a !== "string" || (a !== "*" && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?-]+$/.test(a)))
          c.add("GRM005", ap, `${JSON.stringify(a)} is not "*" or "service:Action"`);
        else actionEntries.push([ap, a]);
      });
      if (Array.isArray(v) && v.length === 0) c.add("GRM005", childPath(sp, el), `${el} is an empty array`);
    }
    const hasR = "Resource" in st,
      hasNR = "NotResource" in st;
    if (hasR === hasNR)
      c.add("GRM006", sp, hasR ? "both Resource and NotResource are present; use exactly one" : "neither Resource nor NotResource is present");
    for (const el of ["Resource", "NotResource"]) {
      if (!(el in st)) continue;
      const v = st[el];
      list(v).forEach((r, i) => {
        const rp = Array.isArray(v) ? childPath(childPath(sp, el), i) : childPath(sp, el);
        if (typeof r !== "string" || (r !== "*" && !r.startsWith("arn:") && !hasPlaceholder(r)))
          c.add("GRM006", rp, `${JSON.stringify(r)} is not "*" or an ARN`);
      });
    }
    if (st.Condition !== undefined) {
      const cp = childPath(sp, "Condition");
      if (!isRecord(st.Condition)) {
        if (!hasPlaceholder(st.Condition)) c.add("GRM009", cp, "Condition must be an object of operators");
      } else
        for (const [op, block] of Object.entries(st.Condition)) {
          if (hasPlaceholder(op)) continue;
          const op_ = parseOperator(op);
          const opPath = childPath(cp, op);
          if (!op_) {
            c.add(
              "GRM009",
              opPath,
              /^Null/.test(op) ? `${op}: Null takes neither IfExists nor ForAnyValue/ForAllValues` : `unknown condition operator "${op}"`,
            );
            continue;
          }
          if (!isRecord(block)) {
            if (!hasPlaceholder(block)) c.add("GRM009", opPath, `${op} must map condition keys to values`);
            continue;
          }
          for (const [key, values] of Object.entries(block)) {
            const kp = childPath(opPath, key);
            conditionKeys.push([kp, key]);
            for (const v of list(values)) {
              const bad = badValue(op_.base, v);
              if (bad && !hasPlaceholder(v)) c.add("GRM010", kp, `${op} ${key}: ${JSON.stringify(v)} ${bad}`);
            }
          }
        }
    }
  }

  // Names (IAM data). An unknown service prefix or action is one finding per name, with every place it is used.
  const rcpSupported = kind === "rcp" ? await rcpServices() : undefined;
  const unknownServices = new Map<string, string[]>();
  const noRcpServices = new Map<string, string[]>();
  const unknownActions = new Map<string, [string, string][]>();
  for (const [ap, a] of actionEntries) {
    if (a === "*") continue;
    const { unknownService, matches } = await expandAction(a);
    if (unknownService !== undefined) {
      const key = unknownService.toLowerCase();
      unknownServices.set(key, [...(unknownServices.get(key) ?? []), ap]);
    } else if (matches.length === 0) {
      const key = a.toLowerCase();
      unknownActions.set(key, [...(unknownActions.get(key) ?? []), [ap, a]]);
    } else if (rcpSupported && !/[*?]/.test(a.split(":")[0]) && !rcpSupported.has(a.split(":")[0].toLowerCase())) {
      const key = a.split(":")[0].toLowerCase();
      noRcpServices.set(key, [...(noRcpServices.get(key) ?? []), ap]);
    }
  }
  const places = (ps: string[]): string =>
    `${ps.length === 1 ? "1 entry" : `${ps.length} entries`} (${ps.length > 5 ? `${ps.slice(0, 5).join(", ")} and ${ps.length - 5} more` : ps.join(", ")})`;
  for (const [prefix, ps] of noRcpServices) c.add("RCP004", ps[0], `"${prefix}" does not support RCPs, so these entries have no effect: ${places(ps)}`);
  // The same unknown action written several times is one finding, with every place.
  for (const uses of unknownActions.values()) {
    const [ap, a] = uses[0];
    const what = /[*?]/.test(a) ? `"${a}" matches no known action` : `"${a}" is not a known action (retired or misspelled)`;
    c.add("NAME001", ap, uses.length === 1 ? what : `${what}: ${places(uses.map((u) => u[0]))}`);
  }
  for (const [prefix, ps] of unknownServices) c.add("NAME002", ps[0], `service prefix "${prefix}" is not in IAM's data (retired or misspelled): ${places(ps)}`);
  for (const [kp, key] of conditionKeys) {
    if (hasPlaceholder(key) || isFederationKey(key)) continue;
    if (!(await conditionKeyExists(key)))
      c.add("NAME003", kp, `condition key "${key}" is not a global key, a key of its service, nor an OIDC/SAML federation key`);
  }
  return { findings: c.findings, kind, why };
}

/**
 * Keys of identity providers (IAM User Guide, "Available keys for OIDC federation" and "... for SAML-based federation"):
 * `saml:*` (saml:aud, saml:sub, saml:iss, saml:namequalifier, attribute keys such as saml:edupersonaffiliation or
 * saml:urn:oid:...), and OIDC keys named after the provider's URL, whose host has a dot where a service prefix never
 * has one: token.actions.githubusercontent.com:sub, accounts.google.com:aud, cognito-identity.amazonaws.com:amr,
 * oidc.eks.<region>.amazonaws.com/id/<id>:sub, graph.facebook.com:id, www.amazon.com:user_id, any custom issuer.
 */
export function isFederationKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (lower.startsWith("saml:") && lower.length > 5) return true;
  const m = /^([a-z0-9-]+(\.[a-z0-9-]+)+)(:\d+)?(\/[^:]*)?:([A-Za-z0-9_.:-]+)$/i.exec(key);
  return !!m;
}

function badValue(base: string, v: unknown): string | undefined {
  const s = typeof v === "boolean" || typeof v === "number" ? String(v) : v;
  if (typeof s !== "string") return "is not a string, number or boolean";
  if (s.includes("${")) return undefined; // policy variables resolve at request time
  if (base === "Bool" || base === "Null") return /^(true|false)$/i.test(s) ? undefined : "is not true or false";
  if (base.startsWith("Numeric")) return /^-?\d+(\.\d+)?$/.test(s) ? undefined : "is not a number";
  if (base.startsWith("Date")) return /^\d+$/.test(s) || !Number.isNaN(Date.parse(s)) ? undefined : "is not an ISO 8601 date or epoch seconds";
  if (base === "IpAddress" || base === "NotIpAddress") return parseCidr(s) ? undefined : "is not an IPv4 or IPv6 address or CIDR";
  return undefined;
}

/** Proves a shipped policy's claims with the evaluator (the policy beside FullAWSAccess or RCPFullAWSAccess). */
export async function proveClaims(policy: CatalogPolicy, params: PolicyParameters = examplePolicyParameters()): Promise<Finding[]> {
  const positions = new Map<string, Position>();
  const c = new Collector(path.join(path.dirname(path.dirname(policy.file)), "manifest.json"), positions);
  const doc = substitute(policy.document, params, policy.file);
  const levels = policy.kind === "scp" ? [[FULL_AWS_ACCESS, { name: policy.title, document: doc }]] : [[{ name: policy.title, document: doc }]];
  const decide = (req: Request) => evaluateOrgPolicies(policy.kind, levels, req);
  for (const [expect, claims] of [
    ["denied", policy.claims.denied],
    ["allowed", policy.claims.allowed],
  ] as const) {
    claims.forEach((claim, i) => {
      const d = decide(claim.request as Request);
      if (d.decision !== expect)
        c.add("CLAIM001", `${policy.name}.claims.${expect}[${i}]`, `${policy.name}: "${claim.name}" should be ${expect} but is ${d.decision} (${d.reason})`);
    });
  }
  for (const [i, fam] of (policy.claims.families ?? []).entries()) {
    const actions = (await actionsOf(fam.service)) ?? [];
    const open: string[] = [];
    for (const a of actions) {
      if (!(fam.accessLevels as string[]).includes(await actionAccessLevel(fam.service, a))) continue;
      const req: Request = {
        principal: fam.principal ?? { kind: "role", account: "111122223333", name: "Admin" },
        action: `${fam.service}:${a}`,
        resource: fam.resource,
      };
      if (decide(req).decision === "allowed") open.push(a);
    }
    if (open.length > 0) {
      c.add(
        "CLAIM002",
        `${policy.name}.claims.families[${i}]`,
        `${policy.name}: family "${fam.family}" leaves ${open.length} ${fam.accessLevels.join("/")} action(s) of ${fam.service} open: ${open.join(", ")}`,
        fam.complete ? "error" : "info",
      );
    }
  }
  return c.findings;
}

/**
 * Reviews files and folders; a folder with manifest.json is a policy catalogue (kinds, parameters, claims). Never throws
 * for a file: one that cannot be read is IO001 and the others are still reviewed; a bug while reviewing one is REV001.
 */
export async function reviewPaths(paths: string[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const walked = walkPaths(paths);
  const findings: Finding[] = [];
  const kinds: FileKind[] = [];
  for (const u of walked.unreadable) {
    findings.push(finding(u.file, "IO001", "", `cannot be read: ${u.reason}; the other files are still reviewed`));
    kinds.push({ file: u.file, kind: "unread", why: u.reason });
  }
  const catalogs = new Map<string, CatalogPolicy>();
  const catalogDirs = new Set(
    walked.files.flatMap((f) => [path.dirname(f.abs), path.dirname(path.dirname(f.abs))]).filter((d) => isCatalogManifest(path.join(d, "manifest.json"))),
  );
  for (const dir of catalogDirs) {
    try {
      for (const p of loadPolicyCatalog(dir)) catalogs.set(p.file, p);
    } catch (e) {
      // A manifest.json of claims that is not a catalogue orgstrap can load is reported, and its policies reviewed as plain files.
      const shown = walked.files.find((f) => f.abs === path.join(dir, "manifest.json"))?.file ?? path.join(dir, "manifest.json");
      const problems =
        e instanceof PolicyCatalogError ? e.problems : [`not a policy catalogue orgstrap can read: ${e instanceof Error ? e.message : String(e)}`];
      for (const problem of problems) findings.push(finding(shown, "CLAIM001", "", problem));
    }
  }
  const corpusKinds = corpusManifestKinds(paths);
  let reviewed = 0;
  let crashed = 0;
  for (const { file, abs } of walked.files) {
    // Manifests describe the policies; they are not policies and not counted as reviewed files.
    if (catalogDirs.has(path.dirname(abs)) && path.basename(abs) === "manifest.json") continue;
    if (corpusKinds.manifests.has(abs)) continue;
    reviewed++;
    try {
      const catalog = catalogs.get(abs);
      const declared = corpusKinds.kinds.get(abs);
      if (declared && declared !== "scp" && declared !== "rcp") {
        const why = `MANIFEST.json says "${declared}"`;
        findings.push(finding(file, "POL001", "", `not an organization policy (${why}); not checked as an SCP or RCP`));
        kinds.push({ file, kind: "other", why });
        continue;
      }
      const read = readPolicyFile(abs);
      if (!read.ok) {
        if (read.tooLarge)
          findings.push(
            finding(
              file,
              "SIZE003",
              "",
              `the file is ${fmt(read.size ?? 0)} bytes, over the ${fmt(MAX_FILE_BYTES)} this review reads; no organization policy is larger than 10,240 characters (not read)`,
            ),
          );
        else findings.push(finding(file, "IO001", "", `cannot be read: ${read.reason}; the other files are still reviewed`));
        kinds.push({ file, kind: "unread", why: read.tooLarge ? "too large to be a policy" : read.reason });
        continue;
      }
      if (read.encoding) findings.push(finding(file, read.encoding.severity === "error" ? "ENC001" : "ENC002", "", read.encoding.message));
      const result = await reviewDocument(
        file,
        read.text,
        options,
        catalog,
        declared ? { kind: declared as "scp" | "rcp", why: `MANIFEST.json says "${declared}"` } : undefined,
      );
      findings.push(...result.findings.map((f) => (f.file === file ? f : { ...f, file })));
      kinds.push({ file, kind: result.kind, why: result.why });
      // Claims live in the catalogue's manifest.json, shown beside the policy's path as the user gave it.
      const manifest = path.join(path.dirname(path.dirname(file)), "manifest.json");
      if (catalog) findings.push(...(await proveClaims(catalog)).map((f) => ({ ...f, file: manifest })));
    } catch (err) {
      crashed++;
      findings.push(finding(file, "REV001", "", `orgstrap review failed on this file (a bug; please report it): ${(err as Error)?.message ?? String(err)}`));
      kinds.push({ file, kind: "unread", why: "review failed" });
    }
  }
  return {
    findings: sortFindings(findings),
    files: reviewed,
    kinds: kinds.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    iamData: await dataDate(),
    empty: walked.empty,
    crashed,
  };
}

/**
 * A collection of examples may carry a MANIFEST.json (as ../shared/corpus does) naming each file's kind: `[{ file, kind }]`,
 * `file` relative to the manifest. Found in the reviewed folders and their ancestors; the declared kind wins over detection.
 */
function corpusManifestKinds(paths: string[]): { kinds: Map<string, string>; manifests: Set<string> } {
  const kinds = new Map<string, string>();
  const manifests = new Set<string>();
  for (const p of paths) {
    for (let dir = path.resolve(p); ; dir = path.dirname(dir)) {
      const file = path.join(dir, "MANIFEST.json");
      const text = manifests.has(file) ? undefined : readSmallFile(file);
      if (text !== undefined) {
        try {
          const entries = JSON.parse(text);
          if (Array.isArray(entries)) {
            manifests.add(file);
            for (const e of entries) if (e && typeof e.file === "string" && typeof e.kind === "string") kinds.set(path.join(dir, e.file), e.kind);
          }
        } catch {
          // Not a manifest of ours: review it as any other JSON file.
        }
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return { kinds, manifests };
}

function isCatalogManifest(file: string): boolean {
  const text = readSmallFile(file);
  if (text === undefined) return false;
  try {
    const m = JSON.parse(text);
    return Array.isArray(m) && m.every((e) => e && typeof e === "object" && "claims" in e);
  } catch {
    return false;
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0,
  );
}
