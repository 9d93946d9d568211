// Stack files (Pulumi.<stack>.yaml) read the way the Pulumi CLI hands them to a program.
//
// Pulumi reads stack files with go-yaml v2 (pulumi/pulumi sdk/go/common/encoding/marshal.go imports gopkg.in/yaml.v2):
// YAML 1.1, where `yes`/`no`/`on`/`off`/`y`/`n` are booleans, `0777` is octal, `1_000` is 1000 and `<<` merges a
// mapping (go-yaml v2 resolve.go). This file reads them the same way (the `yaml` package in 1.1 mode, merge keys on),
// except where go-yaml v2 itself differs from YAML 1.1: timestamps and base-60 numbers stay text, as v2 gives them to
// Pulumi. One construct is refused instead of read: a key given twice, which go-yaml v2 (not strict, as Pulumi calls it)
// resolves silently to the last value; a plan of the first would be wrong.
import * as fs from "fs";
import * as YAML from "yaml";
import { ConfigError, problem, Problem, RawConfig } from "./config";

const READ_AS_PULUMI: YAML.ParseOptions & YAML.DocumentOptions & YAML.SchemaOptions = {
  version: "1.1",
  merge: true,
  uniqueKeys: true,
  // go-yaml v2 hands timestamps to an untyped value as text, and has no base-60 numbers.
  customTags: (tags) => tags.filter((t) => !(typeof t === "object" && (t.tag === "tag:yaml.org,2002:timestamp" || t.format === "TIME"))),
};

/** What a stack file must hold, for messages. */
const SHAPE = "a stack file is a mapping with a config: key holding aws:region and the orgstrap:<key> settings";

/**
 * Reads a `Pulumi.<stack>.yaml` file into the flat raw config the Pulumi CLI would pass the program. Throws
 * {@link ConfigError} (naming the file `source`) listing every problem with the file; the caller checks that the file exists.
 */
export function readStackFile(file: string, source = file): RawConfig {
  return parseStackFile(fs.readFileSync(file, "utf8"), source);
}

/** {@link readStackFile} on the file's text; `source` names it in messages. */
export function parseStackFile(text: string, source: string): RawConfig {
  const doc = YAML.parseDocument(text, READ_AS_PULUMI);
  const lines = text.split(/\r?\n/);
  // The first syntax error only: the parser's later errors are mostly its own confusion after the first.
  if (doc.errors.length > 0) throw new ConfigError(source, [yamlProblem(doc.errors[0], lines)]);
  // A tag such as CloudFormation's `!Ref` means nothing to Pulumi, which reads the bare value: surely not what was meant.
  const tags = doc.warnings.filter((w) => w.code === "TAG_RESOLVE_FAILED");
  if (tags.length > 0)
    throw new ConfigError(
      source,
      tags.map((w) => yamlProblem(w, lines)),
    );
  let top: unknown;
  try {
    top = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // An alias bomb (`&a [*a, *a, ...]` nested) stops at 100 expansions instead of exhausting memory.
    throw new ConfigError(source, [problem("", "yaml.aliases", `the YAML cannot be read: ${(err as Error).message}`)]);
  }
  if (top === null || top === undefined) throw new ConfigError(source, [problem("", "stack-file.empty", `the file is empty; ${SHAPE}`)]);
  if (!isRecord(top)) throw new ConfigError(source, [problem("", "stack-file.not-mapping", `the file is not a mapping of keys; ${SHAPE}`)]);
  if (!("config" in top)) throw new ConfigError(source, [problem("config", "stack-file.no-config", `is missing; ${SHAPE}`)]);
  const config = top.config;
  if (config === null || config === undefined) throw new ConfigError(source, [problem("config", "stack-file.empty-config", `is empty; ${SHAPE}`)]);
  if (!isRecord(config)) throw new ConfigError(source, [problem("config", "stack-file.config-not-mapping", "must be a mapping of keys to values")]);
  // Null prototype: a key such as `__proto__` stays an ordinary key that validation reports, never the object's prototype.
  const raw: Record<string, unknown> = Object.create(null);
  const problems: Problem[] = [];
  for (const [k, v] of Object.entries(config)) {
    // Pulumi accepts both `orgstrap:key` and the legacy `orgstrap:config:key`.
    const key = k.replace(/^([^:]+):config:/, "$1:");
    const value = isRecord(v) && Object.keys(v).length === 1 && "value" in v ? v.value : v;
    problems.push(...secrets(key, value));
    raw[key] = value;
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return raw;
}

/** Every `secure:` value under `path`: Pulumi decrypts them for `pulumi up`; nothing offline can. */
function secrets(path: string, value: unknown): Problem[] {
  if (isRecord(value)) {
    if (Object.keys(value).length === 1 && typeof value.secure === "string") {
      return [
        problem(
          path,
          "stack-file.secret",
          "is a secret (secure:); secrets are not decrypted offline, so orgstrap plan and review cannot check it: plan a copy of the stack file with a stand-in value",
        ),
      ];
    }
    return Object.entries(value).flatMap(([k, v]) => secrets(`${path}.${k}`, v));
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => secrets(`${path}[${i}]`, v));
  return [];
}

/** A YAML error as a problem naming the key it sits under, the line and the text there. */
function yamlProblem(err: YAML.YAMLError | YAML.YAMLWarning, lines: readonly string[]): Problem {
  const [line, col] = err.linePos ? [err.linePos[0].line, err.linePos[0].col] : [0, 0];
  const what = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  // yaml shows the line before the error when the cause is there (an unclosed bracket, say): name the key of that line.
  const context = err.message
    .split("\n")
    .slice(1)
    .filter((l) => l.trim() !== "" && !/^\s*\^+\s*$/.test(l));
  const causeLine = err.code !== "DUPLICATE_KEY" && context.length > 1 && line > 1 ? line - 1 : line;
  const keyPath = keysAbove(lines, causeLine - 1);
  const shown = context.map((l) => JSON.stringify(l.trimEnd())).join(", ");
  if (err.code === "TAG_RESOLVE_FAILED") {
    return problem(
      keyPath,
      "yaml.unknown-tag",
      `${what.replace(/^Unresolved tag: /, "has the YAML tag ")} (line ${line}), which Pulumi ignores, reading the bare value: remove the tag`,
    );
  }
  if (err.code === "DUPLICATE_KEY") {
    return problem(
      keyPath,
      "yaml.duplicate-key",
      `is given twice (line ${line}); Pulumi reads stack files with go-yaml v2, which silently keeps the last value: remove one`,
    );
  }
  return problem(keyPath, `yaml.${err.code.toLowerCase()}`, `the YAML does not parse at line ${line}, column ${col}: ${what}${shown ? `: ${shown}` : ""}`);
}

/**
 * The keys enclosing line `index` (0-based) by indentation, the line's own key included, written as the config key
 * they name (`orgstrap:trail.name`); "" when none is found.
 */
function keysAbove(lines: readonly string[], index: number): string {
  const keys: string[] = [];
  let indent = Infinity;
  for (let i = Math.min(index, lines.length - 1); i >= 0 && indent > 0; i--) {
    const l = lines[i].replace(/\t/g, " ");
    if (l.trim() === "" || l.trim().startsWith("#")) continue;
    const m = /^(\s*)(-\s+)?(.+?):(?:\s|$)/.exec(l);
    const dash = m?.[2] ? m[1].length : -1;
    // In `- key: x` the key sits in the item's column: a sibling of the item's other keys, not their parent.
    const column = m ? m[1].length + (m[2]?.length ?? 0) : l.length - l.trimStart().length;
    if (m && column < indent) {
      keys.unshift(m[3].trim().replace(/^["']|["']$/g, ""));
      indent = dash >= 0 ? dash : column;
    } else if (dash >= 0 && dash < indent) indent = dash;
    else if (!m && i === index) indent = column;
  }
  if (keys[0] === "config") keys.shift();
  return keys.join(".");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The flat `ns:key -> string` map Pulumi hands a program (objects JSON-encoded), e.g. for `setAllConfig`. */
export function toPulumiConfigMap(raw: RawConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
