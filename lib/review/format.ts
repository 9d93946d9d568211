// `orgstrap review` output: readable text, a JSON array of findings, or SARIF 2.1.0 for code-scanning tools.
import * as path from "path";
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
}

/** Paths as a reader types them: relative to the working directory, forward slashes. */
export function displayPath(file: string, cwd = process.cwd()): string {
  const rel = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return rel.split(path.sep).join("/");
}

export function counts(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `file:line:col severity RULE slug message`, grouped by file, then one summary line. */
export function renderText(findings: readonly Finding[], ctx: ReportContext): string {
  const lines: string[] = [];
  let current: string | undefined;
  for (const f of findings) {
    const file = displayPath(f.file);
    if (file !== current) {
      if (current !== undefined) lines.push("");
      lines.push(file);
      current = file;
    }
    const where = f.line !== undefined ? `${file}:${f.line}:${f.column ?? 1}` : file;
    const at = f.path ? ` [${f.path}]` : "";
    lines.push(`  ${where} ${f.severity} ${f.ruleId} ${f.slug}${at}: ${f.message}`);
  }
  const c = counts(findings);
  if (lines.length > 0) lines.push("");
  lines.push(`${plural(ctx.files, "file")} reviewed: ${plural(c.error, "error")}, ${plural(c.warning, "warning")}, ${c.info} info (IAM data ${ctx.iamData})`);
  return `${lines.join("\n")}\n`;
}

/** An array of findings: file, ruleId, severity, path (JSON path), line, column, message. */
export function renderJson(findings: readonly Finding[]): string {
  const rows = findings.map((f) => ({
    file: displayPath(f.file),
    ruleId: f.ruleId,
    severity: f.severity,
    path: f.path,
    ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
    message: f.message,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
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
  if (format === "json") return renderJson(findings);
  if (format === "sarif") return renderSarif(findings, ctx);
  return renderText(findings, ctx);
}
