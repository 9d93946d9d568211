// Templates: policies published with placeholders for values each adopter fills in. Recognised syntaxes:
//   ${NAME}, ${var.x}, ${jsonencode(...)}, ${AWS::AccountId}, ${ACCEL_LOOKUP::...}   Terraform, CloudFormation Sub, LZA
//   {{ name }}, {% ... %}, %{ ... }                                                   Mustache/Jinja/Helm, Terraform directives
//   <ORG_ID>, <my org id>, [PRIVILEGED_ROLE], $ACCOUNT_ID                              docs-style placeholders
// IAM's own policy variables (${aws:username}, ${s3:prefix}, ${aws:PrincipalTag/x, 'd'}, ${*}, ${?}, ${$}) are not
// placeholders: they resolve at request time (IAM policy elements: variables and tags).

/** `service:key` with an optional `, 'default'`: the shape of an IAM policy variable. */
const IAM_VARIABLE = /^(\*|\?|\$|[A-Za-z0-9-]+:[^:\s,{}]+(\s*,\s*'[^']*')?)$/;

/** Placeholders inside a JSON string. `${...}` is filtered through isIamVariable. */
const IN_STRING = /\$\{[^{}]*\}|\{\{[^{}]*\}\}|\{%[^%]*%\}|%\{[^{}]*\}|<[A-Za-z][A-Za-z0-9_.:/ -]*>|\[[A-Z][A-Z0-9_]*\]|\$[A-Z][A-Z0-9_]{2,}\b/g;

export function isIamVariable(placeholder: string): boolean {
  return placeholder.startsWith("${") && IAM_VARIABLE.test(placeholder.slice(2, -1).trim());
}

/** The template placeholders in one string (IAM policy variables excluded). */
export function placeholdersIn(s: string): string[] {
  return (s.match(IN_STRING) ?? []).filter((p) => !isIamVariable(p));
}

export function hasPlaceholder(s: unknown): boolean {
  return typeof s === "string" && placeholdersIn(s).length > 0;
}

/**
 * A value of the kind a placeholder stands for, guessed from its name, for sizing a template as it will be once
 * rendered: `${PARTITION}` -> aws, `<ORG_ID>` -> o-a1b2c3d4e5, `${AWS::AccountId}` -> 111122223333.
 */
export function sampleValue(placeholder: string): string {
  const name = placeholder.toLowerCase().replace(/[^a-z0-9]+/g, "_");
  const has = (re: RegExp) => re.test(name);
  if (has(/partition/)) return "aws";
  if (has(/region/)) return "us-east-1";
  // An explicit account id first: LZA's ${ACCEL_LOOKUP::ACCOUNT_ID:<account name>} names a kind, then an account.
  if (has(/account_?id|acct_?id/)) return "111122223333";
  if (has(/(^|_)(org|organi[sz]ation)(_?id)?(_|$)|orgid/)) return "o-a1b2c3d4e5";
  if (has(/(^|_)ou(_|$)|ou_?id|organi[sz]ational_?unit/)) return "ou-a1b2-c3d4e5f6";
  if (has(/root_?id/)) return "r-a1b2";
  if (has(/arn/)) return "arn:aws:iam::111122223333:role/ExampleRole";
  if (has(/vpce|endpoint/)) return "vpce-0123456789abcdef0";
  if (has(/vpc/)) return "vpc-0123456789abcdef0";
  if (has(/account|acct/)) return "111122223333";
  if (has(/cidr|(^|_)ip(_|s|$)/)) return "203.0.113.0/24";
  if (has(/bucket/)) return "example-bucket";
  if (has(/prefix/)) return "AWSAccelerator";
  if (has(/role/)) return "ExampleRole";
  return "example";
}

/** A placeholder written outside any JSON string: the text is JSON only once rendered. */
export interface RawPlaceholder {
  text: string;
  start: number;
  end: number;
}

/**
 * End of a bracketed placeholder starting at i (`${`, `{{`, `{%`, `%{`), counting nested braces and skipping quotes.
 * `budget` bounds the characters scanned over the whole file, so a file of unclosed `${` stays linear.
 */
function bracketEnd(text: string, i: number, budget: { left: number }): number | undefined {
  const open = text.slice(i, i + 2);
  if (open === "{%") {
    const end = text.indexOf("%}", i + 2);
    budget.left -= end < 0 ? text.length - i : end - i;
    return end < 0 || end > i + 4096 ? undefined : end + 2;
  }
  let depth = 0;
  let quote: string | undefined;
  // A placeholder is short; bounding the scan keeps a file of unclosed `${` linear, not quadratic.
  for (let j = i + (open === "{{" ? 0 : 1); j < Math.min(text.length, i + 4096); j++) {
    if (--budget.left < 0) return undefined;
    const c = text[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return j + 1;
  }
  return undefined;
}

/** Placeholders outside JSON strings (`"Resource": ${jsonencode(var.arns)}`), found by scanning string state. */
export function rawPlaceholders(text: string): RawPlaceholder[] {
  const out: RawPlaceholder[] = [];
  const budget = { left: 4 * text.length + 65_536 };
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"' || c === "\n") inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      continue;
    }
    let end: number | undefined;
    const two = text.slice(i, i + 2);
    if ((two === "${" || two === "{{" || two === "{%" || two === "%{") && budget.left > 0) end = bracketEnd(text, i, budget);
    else {
      const re = c === "<" ? /^<[A-Za-z][A-Za-z0-9_.:/ -]*>/ : c === "[" ? /^\[[A-Z][A-Z0-9_]*\]/ : c === "$" ? /^\$[A-Z][A-Z0-9_]{2,}\b/ : undefined;
      const m = re?.exec(text.slice(i, i + 200));
      if (m) end = i + m[0].length;
    }
    if (end !== undefined && end > i) {
      out.push({ text: text.slice(i, end), start: i, end });
      i = end - 1;
    }
  }
  return out;
}

/** Private-use marker standing for raw placeholder n (two base-4096 digits) once the text is made parseable. */
export const markerFor = (n: number): string => `\uE000${String.fromCharCode(0xe100 + Math.floor(n / 4096), 0xe100 + (n % 4096))}`;
const MARKER = /^\uE000([\uE100-\uF0FF])([\uE100-\uF0FF])$/;
export function markerIndex(s: string): number | undefined {
  const m = MARKER.exec(s);
  return m ? (m[1].charCodeAt(0) - 0xe100) * 4096 + (m[2].charCodeAt(0) - 0xe100) : undefined;
}

/**
 * The text with each raw placeholder replaced by a JSON string marker, padded with spaces (newlines kept) so that the
 * lines and columns of everything after it are unchanged where the placeholder is long enough.
 */
export function quoteRawPlaceholders(text: string, raw: RawPlaceholder[]): string {
  let out = "";
  let at = 0;
  raw.forEach((p, n) => {
    const quoted = JSON.stringify(markerFor(n));
    const pad = p.text.slice(quoted.length).replace(/[^\n]/g, " ");
    out += text.slice(at, p.start) + quoted + pad;
    at = p.end;
  });
  return out + text.slice(at);
}

/** The string with each placeholder replaced by a sample value of its kind (IAM policy variables kept). */
export function renderPlaceholders(s: string): string {
  return s.replace(IN_STRING, (m) => (isIamVariable(m) ? m : sampleValue(m)));
}
