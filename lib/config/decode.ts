// Decoding: the flat raw config Pulumi hands a program (`ns:key` -> JSON text or value) into the object the schema reads.
import { PROJECT } from "./schema";
import { Problem, problem } from "./problems";

/** Raw config as Pulumi holds it: `orgstrap:key` / `aws:region` to a value (JSON text or already parsed). */
export type RawConfig = Readonly<Record<string, unknown>>;

/** The project's own keys (namespace stripped, values decoded) and the home Region. */
export interface Decoded {
  readonly own: Record<string, unknown>;
  /** `aws:region`, or "" when it is not usable (reported in `problems`). */
  readonly region: string;
  readonly problems: readonly Problem[];
}

export function decodeRawConfig(raw: RawConfig): Decoded {
  const problems: Problem[] = [];
  const own: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(raw)) {
    const [ns, name] = splitKey(fullKey);
    if (ns === PROJECT) own[name] = decode(value);
  }
  const homeRegion = decode(raw["aws:region"]);
  if (typeof homeRegion !== "string" || homeRegion === "") {
    problems.push(problem("aws:region", "region.unset", "is not set; set it to the management account's home Region, e.g. us-east-1"));
  }
  return { own, region: typeof homeRegion === "string" ? homeRegion : "", problems };
}

function splitKey(fullKey: string): [string, string] {
  const i = fullKey.indexOf(":");
  return i < 0 ? ["", fullKey] : [fullKey.slice(0, i), fullKey.slice(i + 1).replace(/^config:/, "")];
}

/** Pulumi passes structured values as JSON text; scalars may arrive as text too ("true", "5"). */
function decode(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (t.startsWith("{") || t.startsWith("[") || t === "true" || t === "false" || /^-?\d+$/.test(t)) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}
