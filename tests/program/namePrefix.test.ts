// Every physical name goes through orgstrap:namePrefix. The dev stack (prefix `example`) names nothing `orgstrap-`;
// a stack with the default prefix keeps exactly the names deployed stacks already have, so none of them is renamed.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { orgstrapProcess } from "../helpers/cli";
import { registrations, settle, unwrap } from "../helpers/mocks";
import { EXAMPLE_STACK_FILE, exampleConfig } from "../helpers/stack";

/** Every string under `value` that contains `orgstrap-`, as `path = string`. */
function orgstrapStrings(value: unknown, at: string): string[] {
  if (typeof value === "string") {
    // Policy documents arrive as JSON text: look inside, so a name in a Condition is found under its own path.
    if (value.startsWith("{")) {
      try {
        return orgstrapStrings(JSON.parse(value), at);
      } catch {
        // not JSON: a plain string
      }
    }
    return value.includes("orgstrap-") ? [`${at} = ${value}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => orgstrapStrings(v, `${at}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => orgstrapStrings(v, `${at}.${k}`));
  return [];
}

describe("orgstrap:namePrefix names every physical resource", function () {
  this.timeout(120_000);

  it("on Pulumi.dev.yaml (prefix example), no input of any registered resource names anything orgstrap-", async () => {
    expect(exampleConfig().namePrefix).to.equal("example");
    const program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await settle();
    // Component specs registered in the same process name their resources unit-* (as tests/program/index.test.ts).
    const ofProgram = registrations.filter((r) => !r.name.startsWith("unit-"));
    expect(ofProgram.length).to.be.greaterThan(100);
    // A dynamic resource's `__provider` is its serialized provider code (STS session names such as
    // orgstrap-readiness name the tool in CloudTrail, not a resource), so it is not a name input.
    const found = ofProgram.flatMap((r) => {
      const { __provider: _code, ...inputs } = r.inputs as Record<string, unknown>;
      return orgstrapStrings(inputs, `${r.type} ${r.name}`);
    });
    expect(found).to.deep.equal([]);
  });

  it("with the default prefix keeps every name exactly as before (tests/fixtures/default-prefix-names.txt; UPDATE_PINS=1)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orgstrap-default-prefix-"));
    const file = path.join(dir, "Pulumi.default.yaml");
    const stack = fs.readFileSync(EXAMPLE_STACK_FILE, "utf8");
    expect(stack).to.match(/^ {2}orgstrap:namePrefix: example\n/m);
    fs.writeFileSync(file, stack.replace(/^ {2}orgstrap:namePrefix: example\n/m, ""));
    const run = orgstrapProcess("plan", "--config", file, "--format", "json");
    expect(run.status, run.stderr).to.equal(0);
    const plan = JSON.parse(run.stdout) as { resources: { type: string; name: string; inputs: unknown }[]; policies: { name: string; content: string }[] };
    const actual = [
      ...plan.resources.flatMap((r) => orgstrapStrings(r.inputs, `${r.type} ${r.name}`)),
      ...plan.policies.flatMap((p) => orgstrapStrings(p.content, `policy ${p.name}`)),
    ];
    const pins = path.join(__dirname, "..", "fixtures", "default-prefix-names.txt");
    if (process.env.UPDATE_PINS) fs.writeFileSync(pins, actual.join("\n") + "\n");
    expect(actual).to.deep.equal(fs.readFileSync(pins, "utf8").trimEnd().split("\n"));
    expect(actual).to.include("aws:cloudformation/stackSet:StackSet future-accounts-stack-set.name = orgstrap-account-baseline");
  });
});
