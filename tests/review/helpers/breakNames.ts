// Preloaded (node -r) by cli.test.ts to make the review throw on every action name: how a bug in orgstrap review
// looks from outside (exit code 3, REV001 per file, no stack trace). Never loaded by the product.
import * as names from "../../../lib/review/names";

(names as { expandAction: unknown }).expandAction = async (entry: string) => {
  throw new Error(`simulated defect while expanding ${entry}`);
};
