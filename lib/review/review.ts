// `orgstrap review`: files -> findings. Strict JSON, kind detection, grammar per kind, size, names, claims.
import * as fs from "fs";
import * as path from "path";
import { CatalogPolicy, examplePolicyParameters, loadPolicyCatalog, PolicyCatalogError, PolicyParameters, substitute } from "../policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, parseCidr, parseOperator, Request } from "./evaluator";
import { childPath, parseStrictJson, Position } from "./json";
import { actionAccessLevel, actionsOf, conditionKeyExists, dataDate, expandAction, rcpServices } from "./names";
import { Finding, ruleById, Severity } from "./rules";

export interface ReviewOptions { maxSize?: number }
export interface ReviewResult { findings: Finding[]; files: number; iamData: string }
export type DetectedKind = "scp" | "rcp" | "other";

const SCP_ELEMENTS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]);
const RCP_ELEMENTS = new Set(["Sid", "Effect", "Principal", "Action", "Resource", "NotResource", "Condition"]);
// Placeholders seen in public examples: <my-org-id>, [PRIVILEGED_ROLE], ${Account} (not an IAM variable: no colon), {{X}}.
const PLACEHOLDER = /<[A-Za-z0-9_.-]+>|\[[A-Z][A-Z0-9_]*\]|\$\{[A-Za-z_][\w]*\}|\{\{\w+\}\}/;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

class Collector {
  findings: Finding[] = [];
  constructor(private file: string, private positions: Map<string, Position>) {}
  add(ruleId: string, path: string, message: string, severity?: Severity): void {
    const rule = ruleById(ruleId);
    let pos = this.positions.get(path) ?? this.positions.get(`${path}#key`);
    // Walk up to the nearest parent with a position; stop when the path no longer shortens.
    for (let p = path, up: string; !pos && p; p = up) {
      pos = this.positions.get(p) ?? this.positions.get(`${p}#key`);
      up = p.replace(/(\.[^.[]+|\[\d+\]|\."[^"]*")$/, "");
      if (up === p) break;
    }
    this.findings.push({ file: this.file, ruleId, slug: rule.slug, severity: severity ?? rule.severity, path, ...(pos ? { line: pos.line, column: pos.column } : {}), message, rationale: rule.rationale });
  }
}

/** scp / rcp / other, from the manifest, the folder (a path segment named scp or rcp), or the content. */
export function detectKind(file: string, doc: unknown, manifestKind?: "scp" | "rcp"): { kind: DetectedKind; why: string } {
  if (!doc || typeof doc !== "object" || Array.isArray(doc) || !("Statement" in doc)) return { kind: "other", why: "no Statement: not an IAM policy document" };
  const statements = list((doc as { Statement?: unknown }).Statement).filter((s) => s && typeof s === "object") as Record<string, unknown>[];
  const hasPrincipal = statements.some((s) => "Principal" in s || "NotPrincipal" in s);
  const allDeny = statements.every((s) => s.Effect === "Deny");
  if (manifestKind) return { kind: manifestKind, why: "manifest" };
  const segments = path.dirname(file).split(path.sep).map((s) => s.toLowerCase());
  if (segments.includes("rcp")) return { kind: "rcp", why: "folder" };
  if (segments.includes("scp")) return { kind: "scp", why: "folder" };
  if (hasPrincipal && allDeny) return { kind: "rcp", why: "Principal with Deny-only statements" };
  if (hasPrincipal) return { kind: "other", why: "Allow statements with a Principal: a resource policy" };
  return { kind: "scp", why: "no Principal" };
}

/** Reviews one document's text. `catalog` gives the manifest entry when the file is a shipped policy. */
export async function reviewText(file: string, text: string, options: ReviewOptions = {}, catalog?: CatalogPolicy, kindHint?: "scp" | "rcp"): Promise<Finding[]> {
  const maxSize = options.maxSize ?? 5120;
  const parsed = parseStrictJson(text);
  const c = new Collector(file, parsed.positions);
  for (const p of parsed.problems) {
    const id = p.kind === "duplicate-key" ? "JSON002" : p.kind === "comment" ? "JSON003" : p.kind === "trailing-comma" ? "JSON004" : "JSON001";
    c.findings.push({ file, ruleId: id, slug: ruleById(id).slug, severity: "error", path: p.path, line: p.line, column: p.column, message: `line ${p.line}, column ${p.column}: ${p.message}`, rationale: ruleById(id).rationale });
  }
  if (parsed.fatal) return c.findings;
  const { kind, why } = detectKind(file, parsed.value, catalog?.kind ?? kindHint);
  if (kind === "other") {
    c.add("POL001", "", `not an organization policy (${why}); not checked as an SCP or RCP`, Array.isArray(parsed.value) || !parsed.value ? "info" : "info");
    return c.findings;
  }
  // A shipped policy is checked as rendered with the example parameters; {{X}} elsewhere marks a template.
  const doc = catalog ? (substitute(parsed.value, examplePolicyParameters(), file) as Record<string, unknown>) : (parsed.value as Record<string, unknown>);
  const placeholders = new Set<string>();
  const isPlaceholder = (s: unknown): boolean => typeof s === "string" && PLACEHOLDER.test(s);
  const scan = (v: unknown): void => {
    if (typeof v === "string") {
      const m = v.match(new RegExp(PLACEHOLDER.source, "g"));
      if (m) m.forEach((x) => placeholders.add(x));
    } else if (Array.isArray(v)) v.forEach(scan);
    else if (v && typeof v === "object") Object.entries(v).forEach(([k, x]) => (scan(k), scan(x)));
  };
  if (!catalog) scan(doc);
  if (placeholders.size > 0) c.add("POL002", "", `replace ${[...placeholders].sort().join(", ")} before use`);

  // Size: what AWS stores (minified) against the limit; the formatted file as a warning.
  const minified = JSON.stringify(doc);
  const bytes = Buffer.byteLength(minified, "utf8");
  if (minified.length > maxSize || bytes > maxSize) c.add("SIZE001", "", `minified ${kind.toUpperCase()} is ${minified.length} characters (${bytes} bytes UTF-8), over the ${maxSize} limit`);
  else if (text.length > maxSize && !catalog) c.add("SIZE002", "", `file is ${text.length} characters as written, over the ${maxSize} limit; minified it is ${minified.length} and fits`);

  // Grammar.
  const allowedTop = new Set(["Version", "Id", "Statement"]);
  for (const k of Object.keys(doc)) if (!allowedTop.has(k)) c.add("GRM002", k, `unknown top-level element "${k}" (allowed: Version, Id, Statement)`);
  if (doc.Version !== "2012-10-17") c.add("GRM001", doc.Version === undefined ? "" : "Version", doc.Version === undefined ? "Version is missing" : `Version is ${JSON.stringify(doc.Version)}, must be "2012-10-17"`);
  const stValue = doc.Statement;
  const statements: [string, unknown][] = Array.isArray(stValue) ? stValue.map((s, i) => [childPath("Statement", i), s]) : [["Statement", stValue]];
  if (Array.isArray(stValue) && stValue.length === 0) c.add("GRM002", "Statement", "Statement is an empty array");
  const sids = new Map<string, string>();
  const actionEntries: [string, string][] = [];
  const conditionKeys: [string, string][] = [];
  const elements = kind === "scp" ? SCP_ELEMENTS : RCP_ELEMENTS;
  for (const [sp, value] of statements) {
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      c.add("GRM002", sp, "a statement must be an object");
      continue;
    }
    const st = value as Record<string, unknown>;
    for (const k of Object.keys(st)) {
      if (elements.has(k)) continue;
      if (kind === "scp" && (k === "Principal" || k === "NotPrincipal")) c.add("GRM007", childPath(sp, k), `${k} is not supported in SCPs`);
      else if (kind === "rcp" && k === "NotPrincipal") c.add("RCP002", childPath(sp, k), "NotPrincipal is not supported in RCPs");
      else if (kind === "rcp" && k === "NotAction") c.add("RCP003", childPath(sp, k), "NotAction is not supported in RCPs");
      else c.add("GRM003", childPath(sp, k), `unknown element "${k}" in an ${kind.toUpperCase()} statement`);
    }
    if (st.Sid !== undefined) {
      if (typeof st.Sid !== "string" || !/^[A-Za-z0-9]*$/.test(st.Sid)) c.add("GRM008", childPath(sp, "Sid"), `Sid ${JSON.stringify(st.Sid)} must contain only ASCII letters and digits`);
      else if (sids.has(st.Sid)) c.add("GRM008", childPath(sp, "Sid"), `Sid "${st.Sid}" is already used by ${sids.get(st.Sid)}`);
      else sids.set(st.Sid, sp);
    }
    if (st.Effect !== "Allow" && st.Effect !== "Deny") c.add("GRM004", st.Effect === undefined ? sp : childPath(sp, "Effect"), st.Effect === undefined ? "Effect is missing" : `Effect is ${JSON.stringify(st.Effect)}, must be "Allow" or "Deny"`);
    else if (kind === "rcp" && st.Effect === "Allow") c.add("RCP001", childPath(sp, "Effect"), "Allow is not supported in customer RCPs (only RCPFullAWSAccess allows)");
    if (kind === "rcp" && st.Principal !== "*") c.add("RCP002", st.Principal === undefined ? sp : childPath(sp, "Principal"), st.Principal === undefined ? "Principal is missing; RCPs require \"Principal\": \"*\"" : `Principal is ${JSON.stringify(st.Principal)}; RCPs require "*"`);
    const hasA = "Action" in st, hasNA = "NotAction" in st;
    if (hasA === hasNA) c.add("GRM005", sp, hasA ? "both Action and NotAction are present; use exactly one" : "neither Action nor NotAction is present");
    for (const el of ["Action", "NotAction"]) {
      if (!(el in st)) continue;
      list(st[el]).forEach((a, i) => {
        const ap = Array.isArray(st[el]) ? childPath(childPath(sp, el), i) : childPath(sp, el);
        if (typeof a !== "string" || (a !== "*" && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(a))) {
          if (typeof a === "string" && isPlaceholder(a)) return;
          c.add("GRM005", ap, `${JSON.stringify(a)} is not "*" or "service:Action"`);
        } else actionEntries.push([ap, a]);
      });
      if (Array.isArray(st[el]) && st[el].length === 0) c.add("GRM005", childPath(sp, el), `${el} is an empty array`);
    }
    const hasR = "Resource" in st, hasNR = "NotResource" in st;
    if (hasR === hasNR) c.add("GRM006", sp, hasR ? "both Resource and NotResource are present; use exactly one" : "neither Resource nor NotResource is present");
    for (const el of ["Resource", "NotResource"]) {
      if (!(el in st)) continue;
      list(st[el]).forEach((r, i) => {
        const rp = Array.isArray(st[el]) ? childPath(childPath(sp, el), i) : childPath(sp, el);
        if (typeof r !== "string" || (r !== "*" && !r.startsWith("arn:") && !isPlaceholder(r))) c.add("GRM006", rp, `${JSON.stringify(r)} is not "*" or an ARN`);
      });
    }
    if (st.Condition !== undefined) {
      const cp = childPath(sp, "Condition");
      if (!st.Condition || typeof st.Condition !== "object" || Array.isArray(st.Condition)) c.add("GRM009", cp, "Condition must be an object of operators");
      else
        for (const [op, block] of Object.entries(st.Condition)) {
          const op_ = parseOperator(op);
          const opPath = childPath(cp, op);
          if (!op_) {
            c.add("GRM009", opPath, /^Null/.test(op) ? `${op}: Null takes neither IfExists nor ForAnyValue/ForAllValues` : `unknown condition operator "${op}"`);
            continue;
          }
          if (!block || typeof block !== "object" || Array.isArray(block)) {
            c.add("GRM009", opPath, `${op} must map condition keys to values`);
            continue;
          }
          for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
            const kp = childPath(opPath, key);
            conditionKeys.push([kp, key]);
            for (const v of list(values)) {
              const bad = badValue(op_.base, v);
              if (bad && !isPlaceholder(v)) c.add("GRM010", kp, `${op} ${key}: ${JSON.stringify(v)} ${bad}`);
            }
          }
        }
    }
  }

  // Names (IAM data).
  const rcpSupported = kind === "rcp" ? await rcpServices() : undefined;
  for (const [ap, a] of actionEntries) {
    if (a === "*") continue;
    const { unknownService, matches } = await expandAction(a);
    if (unknownService !== undefined) c.add("NAME002", ap, `"${a}": service prefix "${unknownService}" is not in IAM's data`);
    else if (matches.length === 0) c.add("NAME001", ap, /[*?]/.test(a) ? `"${a}" matches no known action` : `"${a}" is not a known action (retired or misspelled)`);
    else if (rcpSupported && !/[*?]/.test(a.split(":")[0]) && !rcpSupported.has(a.split(":")[0].toLowerCase())) c.add("RCP004", ap, `"${a.split(":")[0]}" does not support RCPs; this entry has no effect`);
  }
  for (const [kp, key] of conditionKeys) {
    if (isPlaceholder(key)) continue;
    if (!(await conditionKeyExists(key))) c.add("NAME003", kp, `condition key "${key}" is not a global key nor a key of its service`);
  }
  return c.findings;
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
  for (const [expect, claims] of [["denied", policy.claims.denied], ["allowed", policy.claims.allowed]] as const) {
    claims.forEach((claim, i) => {
      const d = decide(claim.request as Request);
      if (d.decision !== expect) c.add("CLAIM001", `${policy.name}.claims.${expect}[${i}]`, `${policy.name}: "${claim.name}" should be ${expect} but is ${d.decision} (${d.reason})`);
    });
  }
  for (const [i, fam] of (policy.claims.families ?? []).entries()) {
    const actions = (await actionsOf(fam.service)) ?? [];
    const open: string[] = [];
    for (const a of actions) {
      if (!(fam.accessLevels as string[]).includes(await actionAccessLevel(fam.service, a))) continue;
      const req: Request = { principal: fam.principal ?? { kind: "role", account: "111122223333", name: "Admin" }, action: `${fam.service}:${a}`, resource: fam.resource };
      if (decide(req).decision === "allowed") open.push(a);
    }
    if (open.length > 0) {
      c.add("CLAIM002", `${policy.name}.claims.families[${i}]`, `${policy.name}: family "${fam.family}" leaves ${open.length} ${fam.accessLevels.join("/")} action(s) of ${fam.service} open: ${open.join(", ")}`, fam.complete ? "error" : "info");
    }
  }
  return c.findings;
}

function walk(p: string, out: string[]): void {
  const st = fs.statSync(p);
  if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e), out);
  else if (p.endsWith(".json")) out.push(p);
}

/** Reviews files and folders; a folder with manifest.json is a policy catalogue (kinds, parameters, claims). */
export async function reviewPaths(paths: string[], options: ReviewOptions = {}): Promise<ReviewResult> {
  const files: string[] = [];
  for (const p of paths) walk(path.resolve(p), files);
  const catalogs = new Map<string, CatalogPolicy>();
  const findings: Finding[] = [];
  const catalogDirs = new Set(files.map((f) => [path.dirname(f), path.dirname(path.dirname(f))]).flat().filter((d) => fs.existsSync(path.join(d, "manifest.json")) && isCatalogManifest(path.join(d, "manifest.json"))));
  for (const dir of catalogDirs) {
    try {
      for (const p of loadPolicyCatalog(dir)) catalogs.set(p.file, p);
    } catch (e) {
      if (!(e instanceof PolicyCatalogError)) throw e;
      for (const problem of e.problems) findings.push({ file: path.join(dir, "manifest.json"), ruleId: "CLAIM001", slug: "claim-not-proven", severity: "error", path: "", message: problem, rationale: ruleById("CLAIM001").rationale });
    }
  }
  const corpusKinds = corpusManifestKinds(paths);
  for (const file of files) {
    if (catalogDirs.has(path.dirname(file)) && path.basename(file) === "manifest.json") continue;
    if (corpusKinds.manifests.has(file)) continue;
    const catalog = catalogs.get(file);
    const declared = corpusKinds.kinds.get(file);
    if (declared && declared !== "scp" && declared !== "rcp") {
      const rule = ruleById("POL001");
      findings.push({ file, ruleId: "POL001", slug: rule.slug, severity: rule.severity, path: "", message: `not an organization policy (MANIFEST.json says "${declared}"); not checked as an SCP or RCP`, rationale: rule.rationale });
      continue;
    }
    findings.push(...(await reviewText(file, fs.readFileSync(file, "utf8"), options, catalog, declared as "scp" | "rcp" | undefined)));
    if (catalog) findings.push(...(await proveClaims(catalog)));
  }
  return { findings: sortFindings(findings), files: files.length, iamData: await dataDate() };
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
      if (!manifests.has(file) && fs.existsSync(file)) {
        try {
          const entries = JSON.parse(fs.readFileSync(file, "utf8"));
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
  try {
    const m = JSON.parse(fs.readFileSync(file, "utf8"));
    return Array.isArray(m) && m.every((e) => e && typeof e === "object" && "claims" in e);
  } catch {
    return false;
  }
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
