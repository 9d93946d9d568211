// Stack files (Pulumi.<stack>.yaml) read the way the Pulumi CLI hands them to a program.
import * as fs from "fs";
import * as YAML from "yaml";
import { ConfigError, problem, RawConfig } from "./config";

/** Reads a `Pulumi.<stack>.yaml` file into the flat raw config the Pulumi CLI would pass the program. */
export function readStackFile(file: string): RawConfig {
  let doc: unknown;
  try {
    doc = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ConfigError(file, [problem("", "yaml.syntax", (err as Error).message.split("\n")[0])]);
  }
  const config = (doc as { config?: unknown } | null)?.config;
  if (config === undefined || config === null) return {};
  if (typeof config !== "object" || Array.isArray(config)) throw new ConfigError(file, [problem("config", "stack-file.config-not-mapping", "must be a mapping of keys to values")]);
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config)) {
    // Pulumi accepts both `orgstrap:key` and the legacy `orgstrap:config:key`.
    raw[k.replace(/^([^:]+):config:/, "$1:")] = v && typeof v === "object" && "value" in v ? (v as { value: unknown }).value : v;
  }
  return raw;
}

/** The flat `ns:key -> string` map Pulumi hands a program (objects JSON-encoded), e.g. for `setAllConfig`. */
export function toPulumiConfigMap(raw: RawConfig): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

