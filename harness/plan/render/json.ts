// The plan as JSON for scripts: resources (type, name, parent, account, Region, key inputs), the org tree, effective policies.
import { Plan } from "../model";
import { bannerLines } from "./text";

/** Version of the JSON document's shape; bumped on incompatible changes. */
export const PLAN_JSON_VERSION = 1;

/** The plan as a JSON document. */
export function renderJson(plan: Plan): string {
  const doc = {
    kind: "orgstrap-plan",
    version: PLAN_JSON_VERSION,
    offline: true,
    note: bannerLines(plan).join(" "),
    ...plan,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
