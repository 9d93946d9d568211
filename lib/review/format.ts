// `orgstrap review` output: readable text, a JSON array of findings, or SARIF 2.1.0 for code-scanning tools.
import * as path from "path";
import type { FileKind } from "./review";
import { Finding, RULES, Severity } from "./rules";

export type ReviewFormat = "text" | "json" | "sarif";
export const REVIEW_FORMATS: readonly ReviewFormat[] = ["text", "json", "sarif"];

/** What a report says besides its findings. */
export interface ReportContext {
  /** Files reviewed (policy files, or rendered policies of a stack). */
  readonly files: number;
  /** The IAM data the names were checked against. */
  readonly iamData: string;
  /** The orgstrap version, for SARIF's tool.driver. */
  readonly version: string;
  /** The kind the review used for each file and why. */
  readonly kinds?: readonly FileKind[];
}

/** Paths as the user gave them (relative stays relative, absolute stays absolute), with forward slashes. */
export function displayPath(file: string): string {
  return file.split(path.sep).join("/");
}

const KIND_LABEL: Record<FileKind["kind"], string> = { scp: "SCP", rcp: "RCP", other: "not an organization policy", unread: "not read" };
export const kindLine = (k: FileKind): string => `${KIND_LABEL[k.kind]}: ${k.why}`;

export function counts(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Per file: `file (KIND: why)`, then `file:line:col severity RULE slug message` lines; then one summary line. */
export function renderText(findings: readonly Finding[], ctx: ReportContext): string {
  const lines: string[] = [];
  const kindOf = new Map((ctx.kinds ?? []).map((k) => [displayPath(k.file), k]));
  const byFile = new Map<string, Finding[]>();
  for (const k of kindOf.keys()) byFile.set(k, []);
  for (const f of findings) {
    const file = displayPath(f.file);
    byFile.set(file, [...(byFile.get(file) ?? []), f]);
  }
  const files = [...byFile.keys()].sort();
  files.forEach((file, i) => {
    const k = kindOf.get(file);
    const fs_ = byFile.get(file) ?? [];
    // Files with findings get a blank line around their block; clean files are one line each.
    if (i > 0 && (fs_.length > 0 || (byFile.get(files[i - 1]) ?? []).length > 0)) lines.push("");
    lines.push(k ? `${file} (${kindLine(k)})` : file);
    for (const f of fs_) {
      const where = f.line !== undefined ? `${file}:${f.line}:${f.column ?? 1}` : file;
      const at = f.path ? ` [${f.path}]` : "";
      lines.push(`  ${where} ${f.severity} ${f.ruleId} ${f.slug}${at}: ${f.message}`);
    }
  });
  const c = counts(findings);
  if (lines.length > 0) lines.push("");
  lines.push(`${plural(ctx.files, "file")} reviewed: ${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} info (IAM data ${ctx.iamData})`);
  return `${lines.join("\n")}\n`;
}

/**
 * `{ files, findings }`: files is every file with the kind the review used and why; findings an array of file, ruleId,
 * severity, path (JSON path), line, column, message.
 */
export function renderJson(findings: readonly Finding[], ctx?: ReportContext): string {
  const rows = findings.map((f) => ({
    file: displayPath(f.file),
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
    message: f.message,
  }));
  const files = (ctx?.kinds ?? []).map((k) => ({ file: displayPath(k.file), kind: k.kind, why: k.why }));
  return `${JSON.stringify({ files, findings: rows }, null, 2)}\n`;
}

const SARIF_LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

/**
 * SARIF 2.1.0: one run, every rule in tool.driver.rules (so a scanner can show the rationale of any id), one result per finding.
 * @see https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
 */
export function renderSarif(findings: readonly Finding[], ctx: ReportContext): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "orgstrap review",
            version: ctx.version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.slug,
              shortDescription: { text: r.title },
              fullDescription: { text: r.rationale },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
            })),
          },
        },
        // Every file reviewed, with the kind used and why (SARIF artifact properties).
        artifacts: (ctx.kinds ?? []).map((k) => ({ location: { uri: displayPath(k.file) }, properties: { kind: k.kind, why: k.why } })),
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: SARIF_LEVEL[f.severity],
          message: { text: f.path ? `${f.path}: ${f.message}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: displayPath(f.file) },
                ...(f.line !== undefined ? { region: { startLine: f.line, startColumn: f.column ?? 1 } } : {}),
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export function renderReport(format: ReviewFormat, findings: readonly Finding[], ctx: ReportContext): string {
  if (format === "json") return renderJson(findings, ctx);
  if (format === "sarif") return renderSarif(findings, ctx);
  return renderText(findings, ctx);
}
