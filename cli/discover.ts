// `orgstrap discover`: reads a live organization (read-only) and writes the stack file that adopts it, with a report of
// what needs a human decision. Thin: argv -> lib/discover (read, then a pure snapshot -> stack file) -> file and report.
import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Option } from "commander";
import type { CliIo } from "./main";
import type { OrgSnapshot } from "../lib/discover/snapshot";
import type { ReadOptions } from "../lib/discover/read";
import type { AdoptionChange } from "../lib/adoption";

interface DiscoverOptions {
  stack: string;
  out?: string;
  profile?: string;
  region?: string;
  regions?: string;
  securityAccount?: string;
  logArchiveAccount?: string;
  namePrefix?: string;
  force?: boolean;
  format: "text" | "json";
}

/** Exit codes: 0 stack file written; 1 the organization needs a choice first (nothing written); 2 bad usage, no credentials or access. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** What discover needs from outside, replaceable in specs. */
export interface DiscoverDeps {
  readonly read: (opts: ReadOptions) => Promise<OrgSnapshot>;
  readonly now: () => Date;
}

/** The `discover` subcommand, for cli/main.ts. */
export function discoverCommand(io: CliIo, done: (exitCode: number) => void, deps?: Partial<DiscoverDeps>): Command {
  return new Command("discover")
    .description("Read an existing AWS organization (read-only) and write the stack file that adopts it: Pulumi.<stack>.yaml and a report")
    .requiredOption("--stack <name>", "write Pulumi.<name>.yaml in the project directory")
    .option("--out <file>", "write the stack file here instead")
    .option("--force", "overwrite an existing stack file")
    .option("--profile <name>", "AWS named profile (default: the standard credential chain: environment, SSO, instance role)")
    .option("--region <region>", "home Region: the trail and management-account resources (default: AWS_REGION)")
    .option("--regions <list>", "comma-separated Regions to govern and read GuardDuty, Security Hub, Config and Access Analyzer in (default: the home Region)")
    .option("--security-account <id>", "the Security account (default: the account named Security or Audit)")
    .option("--log-archive-account <id>", "the Log Archive account (default: the account named Log Archive)")
    .option("--name-prefix <prefix>", "orgstrap:namePrefix (default: orgstrap)")
    .addOption(new Option("--format <format>", "report format").choices(["text", "json"]).default("text"))
    .showHelpAfterError()
    .exitOverride((err: CommanderError) => {
      throw err.exitCode === 0 ? err : new CommanderError(EXIT.usage, err.code, err.message);
    })
    .action(async (opts: DiscoverOptions) => {
      done(await discover(opts, io, deps));
    });
}

/** Reads the organization, writes the stack file and prints the report; returns the exit code. */
export async function discover(opts: DiscoverOptions, io: CliIo, deps: Partial<DiscoverDeps> = {}): Promise<number> {
  const { readOrganization, DiscoverAccessError } = await import("../lib/discover/read");
  const { discoverStack, renderReport } = await import("../lib/discover/stack");
  const { ConfigError, parseOrgConfig } = await import("../lib/config");
  const { loadPolicyCatalog } = await import("../lib/policies");
  const { readStackFile } = await import("../lib/stackFile");
  const { adoptionSteps, describeChange } = await import("../lib/adoption");
  const { PROJECT_DIR } = await import("../lib/projectDir");
  const read = deps.read ?? readOrganization;
  const now = deps.now ?? (() => new Date());

  const usage = (message: string): number => {
    io.stderr(`orgstrap discover: ${message}\n`);
    return EXIT.usage;
  };
  if (!/^[\w.-]+$/.test(opts.stack)) return usage(`--stack ${JSON.stringify(opts.stack)}: a stack name is letters, digits, '_', '.' and '-'`);
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) return usage("no home Region: pass --region (or set AWS_REGION)");
  const regions = opts.regions
    ? opts.regions
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean)
    : [];
  const file = path.resolve(opts.out ?? path.join(PROJECT_DIR, `Pulumi.${opts.stack}.yaml`));
  if (fs.existsSync(file) && !opts.force) return usage(`${file} exists; discover never overwrites a stack file unless --force is given`);

  let snapshot: OrgSnapshot;
  try {
    snapshot = await read({ profile: opts.profile, region, regions });
  } catch (err) {
    if (err instanceof DiscoverAccessError) return usage(err.message);
    throw err;
  }
  const catalog = loadPolicyCatalog();
  const result = discoverStack(snapshot, catalog, {
    securityAccountId: opts.securityAccount,
    logArchiveAccountId: opts.logArchiveAccount,
    namePrefix: opts.namePrefix,
    discoveredAt: now().toISOString(),
  });
  let changes: readonly AdoptionChange[] = [];
  if (result.problems.length === 0) {
    // What is written must be what `pulumi up` accepts: the file is validated exactly as the program will read it,
    // before it replaces anything.
    const draft = `${file}.discover-${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(draft, result.yaml);
      const cfg = parseOrgConfig(readStackFile(draft), catalog, path.basename(file));
      fs.renameSync(draft, file);
      changes = adoptionSteps(cfg)?.changes ?? [];
    } catch (err) {
      fs.rmSync(draft, { force: true });
      if (err instanceof ConfigError) {
        io.stderr(`orgstrap discover: the stack file it would write is invalid (a discover bug; nothing written):\n${err.message}\n`);
        return EXIT.problems;
      }
      throw err;
    }
  }
  const written = result.problems.length === 0 ? file : undefined;
  if (opts.format === "json") {
    io.stdout(
      `${JSON.stringify({ organizationId: snapshot.organization.id, file: written ?? null, problems: result.problems, findings: result.findings, changes }, null, 2)}\n`,
    );
  } else {
    io.stdout(renderReport(result));
    // What the landing zone changes on the adopted resources in step 2 (orgstrap plan shows it with the rest).
    if (written && changes.length > 0) {
      io.stdout(`Step 2 changes on the adopted resources (${changes.length}):\n${changes.map((c) => `  - ${describeChange(c)}`).join("\n")}\n`);
    }
    if (written) {
      io.stdout(
        `Wrote ${written}: it adopts ${snapshot.organization.id}. Next: \`orgstrap plan --config ${path.relative(process.cwd(), written) || written}\`, then \`pulumi up\` (step 1, import only); ` +
          "then set orgstrap:adoption.step to converge and `pulumi up` again (docs/adopting.md).\n",
      );
    }
  }
  return written ? EXIT.ok : EXIT.problems;
}
