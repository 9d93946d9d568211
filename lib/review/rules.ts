// The rule catalogue: one row per rule, stable ids. The checks (review.ts, stack.ts) refer to these ids.
export type Severity = "error" | "warning" | "info";
export interface Rule {
  id: string;
  slug: string;
  severity: Severity;
  title: string;
  rationale: string;
}

export const RULES: readonly Rule[] = [
  {
    id: "JSON001",
    slug: "invalid-json",
    severity: "error",
    title: "The file is not valid JSON",
    rationale: "AWS rejects a policy that is not exactly one JSON object; nothing else can be checked.",
  },
  {
    id: "JSON002",
    slug: "duplicate-key",
    severity: "error",
    title: "Duplicate key",
    rationale:
      "JSON parsers keep only one of two duplicate keys (JSON.parse keeps the last), so half of what the author wrote is silently ignored; Access Analyzer reports it as an error.",
  },
  { id: "JSON003", slug: "comment", severity: "error", title: "Comment in JSON", rationale: "Comments are not JSON; CreatePolicy rejects the document." },
  {
    id: "JSON004",
    slug: "trailing-comma",
    severity: "error",
    title: "Trailing comma",
    rationale: "Trailing commas are not JSON; CreatePolicy rejects the document.",
  },
  {
    id: "JSON005",
    slug: "too-deep",
    severity: "error",
    title: "Nested deeper than any policy",
    rationale:
      "A policy nests 7 levels at most (document, Statement, statement, Condition, operator, key, values); the review stops reading at 32 levels so that no input can exhaust its stack.",
  },
  {
    id: "ENC001",
    slug: "encoding",
    severity: "error",
    title: "Not UTF-8",
    rationale:
      "Policies are UTF-8 text; a UTF-16 file or invalid UTF-8 bytes reach AWS as garbage characters. The file is decoded as well as possible and still checked.",
  },
  {
    id: "ENC002",
    slug: "byte-order-mark",
    severity: "warning",
    title: "UTF-8 byte order mark",
    rationale:
      "RFC 8259 (8.1) forbids a BOM at the start of JSON text; tools that read the file as text pass it on as a character. The rest of the file is checked without it.",
  },
  {
    id: "IO001",
    slug: "unreadable",
    severity: "error",
    title: "Path cannot be read",
    rationale:
      "A symbolic link loop, a dangling link or a file without read permission cannot be reviewed; it is reported and every other file is still reviewed.",
  },
  {
    id: "SIZE003",
    slug: "file-too-large",
    severity: "error",
    title: "File far larger than any policy",
    rationale:
      "The largest organization policy is 10,240 characters (an SCP); files over 1 MiB are not read, so a stray large file cannot exhaust time or memory.",
  },
  {
    id: "REV001",
    slug: "internal-error",
    severity: "error",
    title: "The review failed on this file",
    rationale: "A bug in orgstrap review, not in the file: the other files are still reviewed, and the run exits 3 so the failure is never taken for findings.",
  },
  {
    id: "POL001",
    slug: "not-an-organization-policy",
    severity: "info",
    title: "Not an SCP or RCP",
    rationale:
      'Resource policies (a statement naming principals other than "*", or NotPrincipal), manifests and other JSON are not organization policies; checking them against SCP/RCP grammar would only produce noise.',
  },
  {
    id: "POL002",
    slug: "template",
    severity: "info",
    title: "Template with placeholders",
    rationale:
      "Examples ship with placeholders (${PARTITION}, ${AWS::AccountId}, <ORG_ID>, {{x}}, [ROLE]) that must be replaced before upload; nothing inside a placeholder is checked, and the size is measured with each placeholder replaced by a sample value of the kind it stands for (aws, 111122223333, o-a1b2c3d4e5, ...).",
  },
  {
    id: "POL003",
    slug: "unrendered-template",
    severity: "info",
    title: "Template that is JSON only once rendered",
    rationale:
      "A placeholder outside quotes (Terraform ${jsonencode(...)}, LZA ${ACCEL_LOOKUP::...}, {{ list }}) makes the file JSON only after rendering; it is not a JSON error. Each such placeholder is read as a value so the rest of the file is still checked.",
  },
  {
    id: "GRM001",
    slug: "version",
    severity: "error",
    title: 'Version must be "2012-10-17"',
    rationale: "Organization policies require Version 2012-10-17; without it policy variables are not expanded and AWS rejects SCPs.",
  },
  {
    id: "GRM002",
    slug: "document-shape",
    severity: "error",
    title: "Top-level shape",
    rationale: "A policy is one object with Version, an optional Id and exactly one Statement (an object or an array of objects).",
  },
  {
    id: "GRM003",
    slug: "statement-element",
    severity: "error",
    title: "Unknown or unsupported statement element",
    rationale: "Each statement may only use the elements the policy type supports; AWS rejects unknown elements.",
  },
  { id: "GRM004", slug: "effect", severity: "error", title: "Effect must be Allow or Deny", rationale: "Effect is required and case-sensitive." },
  {
    id: "GRM005",
    slug: "action-element",
    severity: "error",
    title: 'Exactly one of Action/NotAction, each "service:action"',
    rationale:
      'A statement needs exactly one of Action or NotAction; each entry is "*" or a service prefix and an action name (wildcards allowed anywhere since 2025-09).',
  },
  {
    id: "GRM006",
    slug: "resource-element",
    severity: "error",
    title: "Exactly one of Resource/NotResource",
    rationale: 'A statement needs exactly one of Resource or NotResource, each "*" or an ARN.',
  },
  {
    id: "GRM007",
    slug: "principal-in-scp",
    severity: "error",
    title: "Principal/NotPrincipal in an SCP",
    rationale: "SCPs apply to the principals of the accounts they are attached to and do not support Principal or NotPrincipal; AWS rejects them.",
  },
  {
    id: "GRM008",
    slug: "sid",
    severity: "error",
    title: "Sid must be unique and alphanumeric",
    rationale: "IAM requires unique Sids within a policy, made of ASCII letters and digits only.",
  },
  {
    id: "GRM009",
    slug: "condition-operator",
    severity: "error",
    title: "Unknown condition operator",
    rationale: "An unknown operator makes AWS reject the policy; Null cannot take IfExists or a set qualifier.",
  },
  {
    id: "GRM010",
    slug: "condition-value",
    severity: "error",
    title: "Condition value of the wrong type",
    rationale:
      "Bool and Null take true/false, Numeric* numbers, Date* ISO 8601 or epoch dates, IpAddress CIDRs; a mistyped value never matches, so the guardrail silently does nothing.",
  },
  {
    id: "RCP001",
    slug: "rcp-effect",
    severity: "error",
    title: "RCPs are Deny-only",
    rationale: "Allow is only supported in the AWS-managed RCPFullAWSAccess; customer RCPs must deny.",
  },
  {
    id: "RCP002",
    slug: "rcp-principal",
    severity: "error",
    title: 'RCPs need Principal "*" and no NotPrincipal',
    rationale: 'An RCP restricts access to resources from any principal; AWS requires Principal "*" and rejects NotPrincipal (narrow with conditions instead).',
  },
  { id: "RCP003", slug: "rcp-notaction", severity: "error", title: "RCPs do not support NotAction", rationale: "RCP syntax has no NotAction; AWS rejects it." },
  {
    id: "RCP004",
    slug: "rcp-service",
    severity: "warning",
    title: "Service not supported by RCPs",
    rationale:
      "Only some services honour RCPs; actions of other services are ignored, so the statement protects nothing there. Reported once per service per file, with the count and the places.",
  },
  {
    id: "SIZE001",
    slug: "size-minified",
    severity: "error",
    title: "Minified policy exceeds the size limit",
    rationale:
      "AWS counts every character against the policy type's quota (10,240 for SCPs since 2026-05-15, 5,120 for RCPs); orgstrap uploads the minified JSON, so that is what must fit.",
  },
  {
    id: "SIZE002",
    slug: "size-formatted",
    severity: "warning",
    title: "Formatted file exceeds the size limit",
    rationale:
      "The file as written is over the limit and fits only minified. The console's editor removes whitespace outside quotes before saving, but the SDKs, the CLI (--content file://) and CloudFormation send the text as given, so AWS rejects it there unless it is minified first (orgstrap minifies).",
  },
  {
    id: "NAME001",
    slug: "unknown-action",
    severity: "error",
    title: "Action matches no known action",
    rationale:
      "A misspelled or retired action makes a Deny silently ineffective (or an Allow useless); every action and wildcard must match at least one action in IAM's published data. Reported once per name per file, with the count and the places.",
  },
  {
    id: "NAME002",
    slug: "unknown-service",
    severity: "error",
    title: "Unknown service prefix",
    rationale:
      "A service prefix that IAM does not know (retired or misspelled) matches nothing; reported once per prefix per file, with the count and the places.",
  },
  {
    id: "NAME003",
    slug: "unknown-condition-key",
    severity: "error",
    title: "Unknown condition key",
    rationale:
      "A condition on a key that never exists is never present: positive operators never match and negated ones always do, which silently changes what the guardrail does. Keys of identity providers are valid (IAM's available keys for OIDC and SAML federation): saml:*, and <provider URL>:<claim> such as token.actions.githubusercontent.com:sub, accounts.google.com:aud, cognito-identity.amazonaws.com:amr.",
  },
  {
    id: "CLAIM001",
    slug: "claim-not-proven",
    severity: "error",
    title: "Claim does not hold",
    rationale:
      "Each shipped policy declares requests it must deny and requests it must leave allowed; the evaluator proves each one with FullAWSAccess beside the policy.",
  },
  {
    id: "CLAIM002",
    slug: "family-open",
    severity: "info",
    title: "Actions of a claimed family left open",
    rationale:
      "A claimed family (e.g. CloudTrail tampering = cloudtrail Write actions) lists which actions the policy does not deny, so a reviewer can decide; an error when the claim says complete.",
  },
  {
    id: "ORG001",
    slug: "policies-per-target",
    severity: "error",
    title: "Too many policies on a target",
    rationale:
      "AWS limits the policies of each type attached to the root, an OU or an account (10 SCPs since 2026-05-15, 5 RCPs, the AWS-managed FullAWSAccess / RCPFullAWSAccess included); a stack may set a lower guardrails.limits.policiesPerTarget.",
  },
];

export const RULE_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id; an id missing from RULES is a bug in the checks, not in the input. */
export function ruleById(id: string): Rule {
  const rule = RULE_BY_ID.get(id);
  if (!rule) throw new Error(`review rule ${id} is not in lib/review/rules.ts`);
  return rule;
}

export interface Finding {
  file: string;
  ruleId: string;
  slug: string;
  severity: Severity;
  /** JSON path like Statement[2].Action ("" for the whole document). */
  path: string;
  line?: number;
  column?: number;
  message: string;
  rationale: string;
}
