// Decoding: the flat raw config Pulumi hands a program (`ns:key` -> JSON text or value) into the object the schema reads.
import { PROJECT } from "./schema";
import { Problem, problem } from "./problems";

/** Raw config as Pulumi holds it: `orgstrap:key` / `aws:region` to a value (JSON text or already parsed). */
export type RawConfig = Readonly<Record<string, unknown>>;

/** Namespaces besides the project's that a stack of this program may set: the AWS provider's and Pulumi's own. */
const OTHER_NAMESPACES = ["aws", "pulumi"];

/** The project's own keys (namespace stripped, values decoded) and the home Region. */
export interface Decoded {
  /** A null-prototype object: a key such as `__proto__` is an ordinary (unknown) key here, never the object's prototype. */
  readonly own: Record<string, unknown>;
  /** `aws:region`, or "" when it is not usable (reported in `problems`). */
  readonly region: string;
  readonly problems: readonly Problem[];
}

export function decodeRawConfig(raw: RawConfig): Decoded {
  const problems: Problem[] = [];
  const own: Record<string, unknown> = Object.create(null);
  for (const [fullKey, value] of Object.entries(raw)) {
    const [ns, name] = splitKey(fullKey);
    if (ns === PROJECT) own[name] = decode(value);
    else if (ns === "") {
      // Pulumi refuses a key without a namespace; orgstrap names the one it meant.
      problems.push(
        problem(
          fullKey,
          "keys.no-namespace",
          `unknown config key: stack config keys are <namespace>:<key>; orgstrap's own are ${PROJECT}:<key> (${PROJECT}:${fullKey})`,
        ),
      );
    } else if (ns.toLowerCase() === PROJECT) {
      problems.push(problem(fullKey, "keys.wrong-namespace", `unknown config key: namespaces are case-sensitive; orgstrap reads ${PROJECT}:${name}`));
    } else if (!OTHER_NAMESPACES.includes(ns)) {
      problems.push(
        problem(
          fullKey,
          "keys.wrong-namespace",
          `unknown config key: orgstrap reads ${PROJECT}:<key> and the AWS provider reads aws:<key>; nothing reads namespace "${ns}"`,
        ),
      );
    }
  }
  const homeRegion = decode(raw["aws:region"]);
  if (homeRegion === undefined || homeRegion === null || homeRegion === "") {
    problems.push(problem("aws:region", "region.unset", "is not set; set it to the management account's home Region, e.g. us-east-1"));
  } else if (Array.isArray(homeRegion)) {
    problems.push(
      problem(
        "aws:region",
        "region.not-one",
        `${short(homeRegion)} is a list; aws:region is the one home Region (e.g. us-east-1): list the others in ${PROJECT}:governedRegions`,
      ),
    );
  } else if (typeof homeRegion !== "string") {
    problems.push(problem("aws:region", "region.not-text", `${short(homeRegion)} is not a Region name; set one Region such as us-east-1`));
  }
  return { own, region: typeof homeRegion === "string" ? homeRegion : "", problems };
}

function short(value: unknown): string {
  const shown = JSON.stringify(value);
  return shown && shown.length <= 80 ? shown : "the value";
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
