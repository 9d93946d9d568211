// No resource of the dev stack can fail a replacement on its own fixed name.
import { expect } from "chai";
import { REPLACE_RULES, replaceProblems } from "../../lib/replaceRules";
import { registrations, settle, unwrap } from "../helpers/mocks";

describe("replace-forcing inputs (lib/replaceRules.ts) over the dev stack", function () {
  // Loading the whole program can be slow on a busy machine when this spec runs first.
  this.timeout(120000);
  const mine = () => registrations.filter((r) => !r.name.startsWith("unit-"));

  before(async () => {
    const program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await settle();
  });

  it("knows every resource type the program registers", () => {
    const unknown = [
      ...new Set(
        mine()
          .filter((r) => r.custom && r.type.startsWith("aws:"))
          .map((r) => r.type),
      ),
    ].filter((t) => !REPLACE_RULES[t]);
    expect(unknown).to.deep.equal([]);
  });

  it("every fixed-identity resource either deletes before replacing, ignores the input, or only ever gets the table's literal", () => {
    const problems = mine().flatMap((r) => replaceProblems(r).map((p) => `${r.type} ${r.name}: ${p}`));
    expect(problems).to.deep.equal([]);
  });

  it("flags an analyzer whose configuration can change without deleteBeforeReplace (the unused-access age forces a replacement)", () => {
    const analyzer = {
      type: "aws:accessanalyzer/analyzer:Analyzer",
      name: "x",
      custom: true,
      inputs: { analyzerName: "a", type: "ORGANIZATION_UNUSED_ACCESS", configuration: { unusedAccess: { unusedAccessAge: 90 } } },
      ignoreChanges: [],
    };
    expect(replaceProblems(analyzer)).to.deep.equal([
      "type forces replacement and the new object would collide with the old one (same analyzerName): set deleteBeforeReplace or ignoreChanges",
      "configuration forces replacement and the new object would collide with the old one (same analyzerName): set deleteBeforeReplace or ignoreChanges",
    ]);
    expect(replaceProblems({ ...analyzer, deleteBeforeReplace: true })).to.deep.equal([]);
  });

  it("accepts a pinned literal but not another value, and never lets an account be replaced", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "b", custom: true, inputs: { bucket: "x", objectLockEnabled: true }, ignoreChanges: [] };
    expect(replaceProblems(bucket)).to.deep.equal([]);
    expect(replaceProblems({ ...bucket, inputs: { bucket: "x", objectLockEnabled: false } })).to.have.length(1);
    const account = {
      type: "aws:organizations/account:Account",
      name: "a",
      custom: true,
      inputs: { email: "a@example.com", name: "A" },
      deleteBeforeReplace: true,
      ignoreChanges: ["name"],
    };
    expect(replaceProblems(account)).to.deep.equal(["email forces replacement of this aws:organizations/account:Account: it must be in ignoreChanges"]);
  });
});
