// What the plan says when the program registers something AWS would refuse: the fake cloud's rule, not "never answered".
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

describe("plan: a registration AWS would refuse", function () {
  this.timeout(120000);

  it("fails naming the resource and the rule the fake cloud enforced", () => {
    // In a child process: the refused registration must not reach this process's shared mock runtime.
    const script = `
      const { runProgram, resolveTarget } = require("./harness/plan/run");
      runProgram(resolveTarget({ stack: "dev" }), { programFile: ${JSON.stringify(path.join(ROOT, "tests", "fixtures", "programs", "stackSetWithoutAccess.ts"))} })
        .then(() => { console.log("planned"); process.exit(0); }, (err) => { console.log(err.message); process.exit(1); });`;
    const res = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(res.status, res.stderr).to.equal(1);
    expect(res.stdout.trim()).to.equal(
      "the fake cloud refused what AWS would refuse:\n" +
        '  AWS would reject or keep replacing aws:cloudformation/stackSet:StackSet "fixture-stack-set": AWS-CFN-1: a service-managed StackSet must depend on ' +
        "pulumi-nodejs:dynamic/cloudformation:OrganizationsAccess (StackSets' Organizations access) (docs/aws-rules.md)",
    );
  });
});
