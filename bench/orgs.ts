// Generated stack files for the plan benchmarks: the example stack (Pulumi.dev.yaml) with N workload accounts.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";

/**
 * Pulumi.dev.yaml's organization with `workloads` workload accounts spread over its workload OUs (prod, nonprod,
 * sandbox), written to a temporary `Pulumi.bench-<n>.yaml`; returns its path.
 */
export function writeGeneratedStack(baseFile: string, workloads: number, dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-bench-"))): string {
  const doc = YAML.parse(fs.readFileSync(baseFile, "utf8")) as { config: Record<string, unknown> };
  const accounts = doc.config["orgstrap:accounts"] as { key: string; role?: string }[];
  const ous = ["prod", "nonprod", "sandbox"];
  const generated = Array.from({ length: workloads }, (_, i) => {
    const n = String(i + 1).padStart(4, "0");
    return { key: `workload-${n}`, name: `Workload ${n}`, email: `aws-workload-${n}@example.com`, ou: ous[i % ous.length] };
  });
  doc.config["orgstrap:accounts"] = [...accounts.filter((a) => a.role === "security" || a.role === "log-archive"), ...generated];
  const file = path.join(dir, `Pulumi.bench-${workloads}.yaml`);
  fs.writeFileSync(file, YAML.stringify(doc));
  return file;
}
