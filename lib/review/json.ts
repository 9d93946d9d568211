// A strict JSON parser that keeps positions: JSON.parse silently keeps the last of two duplicate keys and rejects
// comments without saying where; a policy review must report both, with line and column, and point findings at paths.

export interface Position {
  line: number;
  column: number;
}
export interface JsonProblem extends Position {
  kind: "duplicate-key" | "comment" | "trailing-comma" | "syntax" | "too-deep";
  message: string;
  path: string;
}

/**
 * Deepest nesting read. A valid policy nests 7 levels at most (document, Statement array, statement, Condition, operator,
 * key, value list); anything deeper is not a policy, and bounding it keeps the parser's recursion far from the stack limit.
 */
export const MAX_DEPTH = 32;
export interface ParsedJson {
  value: unknown;
  /** JSON path (`Statement[2].Action`) -> position of the value (and of keys, under `path#key`). */
  positions: Map<string, Position>;
  problems: JsonProblem[];
  /** True when the text could not be read as one JSON value at all. */
  fatal: boolean;
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const safe = /^[A-Za-z_][\w:-]*$/.test(key) ? key : JSON.stringify(key);
  return parent === "" ? safe : `${parent}.${safe}`;
}

class Fatal extends Error {}

export function parseStrictJson(text: string): ParsedJson {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const positions = new Map<string, Position>();
  const problems: JsonProblem[] = [];
  const pos = (): Position => ({ line, column: i - lineStart + 1 });
  const problem = (kind: JsonProblem["kind"], message: string, path: string, at = pos()): void => {
    problems.push({ kind, message, path, ...at });
  };
  const fail = (message: string, path: string, kind: JsonProblem["kind"] = "syntax"): never => {
    problem(kind, message, path);
    throw new Fatal(message);
  };
  const skip = (path: string): void => {
    for (;;) {
      const c = text[i];
      if (c === "\n") {
        i++;
        line++;
        lineStart = i;
      } else if (c === " " || c === "\t" || c === "\r") i++;
      else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
        problem("comment", "comments are not allowed in JSON; AWS rejects the policy", path);
        if (text[i + 1] === "/") while (i < text.length && text[i] !== "\n") i++;
        else {
          i += 2;
          while (i < text.length && !(text[i] === "*" && text[i + 1] === "/")) {
            if (text[i] === "\n") {
              line++;
              lineStart = i + 1;
            }
            i++;
          }
          i += 2;
        }
      } else return;
    }
  };
  const str = (path: string): string => {
    const start = i;
    i++;
    let out = "";
    for (;;) {
      const c = text[i];
      if (c === undefined || c === "\n") fail("unterminated string", path);
      if (c === '"') break;
      if (c === "\\") {
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (map[e] !== undefined) {
          out += map[e];
          i += 2;
        } else fail(`invalid escape \\${e}`, path);
      } else if (c < " ") fail("control character in string", path);
      else {
        out += c;
        i++;
      }
    }
    i++;
    void start;
    return out;
  };
  const value = (path: string, depth: number): unknown => {
    skip(path);
    positions.set(path, pos());
    const c = text[i];
    if ((c === "{" || c === "[") && depth >= MAX_DEPTH)
      fail(`nesting deeper than ${MAX_DEPTH} levels; a policy nests 7 at most, so this is not a policy (not read further)`, path, "too-deep");
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      // Keys seen, by lower-cased key (case-variant duplicates are reported too): one lookup per key, not a scan.
      const seen = new Map<string, { key: string; at: Position }>();
      skip(path);
      if (text[i] === "}") return (i++, obj);
      for (;;) {
        skip(path);
        if (text[i] !== '"')
          fail(
            text[i] === undefined ? "unexpected end of text in object" : `expected a property name in double quotes, found ${JSON.stringify(text[i])}`,
            path,
          );
        const at = pos();
        const key = str(path);
        const kp = childPath(path, key);
        const earlier = seen.get(key.toLowerCase());
        const prior = earlier?.key;
        if (earlier && prior === key)
          problem("duplicate-key", `duplicate key "${key}" (first at line ${earlier.at.line}); JSON.parse would silently keep only the last one`, kp, at);
        else if (earlier) problem("duplicate-key", `key "${key}" differs only in case from "${prior}" (line ${earlier.at.line})`, kp, at);
        if (!earlier) seen.set(key.toLowerCase(), { key, at });
        positions.set(`${kp}#key`, at);
        skip(path);
        if (text[i] !== ":") fail(`expected ":" after "${key}"`, kp);
        i++;
        const v = value(kp, depth + 1);
        // Last wins, like JSON.parse (the finding says so); defineProperty so that a "__proto__" key stays a plain key.
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        skip(path);
        if (text[i] === ",") {
          const comma = pos();
          i++;
          skip(path);
          if (text[i] === "}") {
            problem("trailing-comma", "trailing comma before }", path, comma);
            i++;
          } else continue;
          return obj;
        }
        if (text[i] === "}") return (i++, obj);
        fail(text[i] === undefined ? "unexpected end of text in object" : `expected "," or "}" , found ${JSON.stringify(text[i])}`, path);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      skip(path);
      if (text[i] === "]") return (i++, arr);
      for (;;) {
        arr.push(value(childPath(path, arr.length), depth + 1));
        skip(path);
        if (text[i] === ",") {
          const comma = pos();
          i++;
          skip(path);
          if (text[i] === "]") return (problem("trailing-comma", "trailing comma before ]", path, comma), i++, arr);
          continue;
        }
        if (text[i] === "]") return (i++, arr);
        fail(text[i] === undefined ? "unexpected end of text in array" : `expected "," or "]", found ${JSON.stringify(text[i])}`, path);
      }
    }
    if (c === '"') return str(path);
    const lit = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (lit) {
      i += lit[0].length;
      return lit[1] === "true" ? true : lit[1] === "false" ? false : lit[1] === "null" ? null : Number(lit[0]);
    }
    return fail(c === undefined ? "unexpected end of text" : `unexpected character ${JSON.stringify(c)}`, path);
  };
  try {
    const v = value("", 0);
    skip("");
    if (i < text.length) fail(`unexpected text after the JSON value (a policy is exactly one JSON object)`, "");
    return { value: v, positions, problems, fatal: false };
  } catch (e) {
    if (!(e instanceof Fatal)) throw e;
    return { value: undefined, positions, problems, fatal: true };
  }
}
