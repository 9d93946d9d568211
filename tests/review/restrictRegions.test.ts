// restrict-regions exempts at least the global services AWS's own Region-deny example exempts, action by action.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { wildcardMatch } from "../../lib/review/evaluator";
import { expandAction } from "../../lib/review/names";

const AWS_EXAMPLE = path.join(
  __dirname,
  "..",
  "fixtures",
  "review",
  "corpus",
  "aws-samples-scp-examples",
  "scp",
  "Region-controls",
  "Deny-access-to-AWS-based-on-the-requested-AWS-region.json",
);
const OURS = path.join(__dirname, "..", "..", "policies", "scp", "restrict-regions.json");
const notActions = (file: string): string[] => JSON.parse(fs.readFileSync(file, "utf8")).Statement.find((s: { NotAction?: string[] }) => s.NotAction).NotAction;

describe("policies/scp/restrict-regions.json against AWS's Region-deny example", () => {
  it("leaves open every action AWS's example leaves open (global services whose endpoints live in one Region)", async () => {
    const ours = notActions(OURS);
    const uncovered: string[] = [];
    for (const entry of notActions(AWS_EXAMPLE)) {
      const { matches } = await expandAction(entry);
      for (const action of matches) if (!ours.some((o) => wildcardMatch(o, action, true))) uncovered.push(`${entry} -> ${action}`);
    }
    expect(uncovered).to.deep.equal([]);
  });
});
