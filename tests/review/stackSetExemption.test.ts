// The baseline StackSet works in member accounts through `stacksets-exec-*`, a role SCPs apply to: the rendered
// protect-security-services of the example stack must let it create the Config recorder, and nobody else.
import { expect } from "chai";
import { loadPolicyCatalog, renderPolicy } from "../../lib/policies";
import { evaluateOrgPolicies, FULL_AWS_ACCESS, Request } from "../../lib/review/evaluator";
import { exampleConfig } from "../helpers/stack";

describe("protect-security-services as Pulumi.dev.yaml renders it, against the baseline StackSet", () => {
  const policy = loadPolicyCatalog().find((p) => p.name === "protect-security-services")!;
  const document = JSON.parse(renderPolicy(policy, exampleConfig().guardrails.parameters));
  const decide = (role: string, action: string) => {
    const request: Request = { principal: { kind: "role", account: "222233334444", name: role }, action };
    return evaluateOrgPolicies("scp", [[FULL_AWS_ACCESS, { name: policy.title, document }]], request).decision;
  };

  for (const action of ["config:PutConfigurationRecorder", "config:PutDeliveryChannel", "config:DeleteConfigurationRecorder"]) {
    it(`lets the StackSet's execution role call ${action}, and denies an admin role`, () => {
      expect([decide("stacksets-exec-5f1b2c3d4e", action), decide("Admin", action)]).to.deep.equal(["allowed", "denied"]);
    });
  }
});
