import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2";
import { fakeCall } from "../../harness/mockCloud";
import { unwrap } from "./mocks";

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

describe("test harness", () => {
  it("fails, not hangs, when the program reads an output the fake cloud does not return", async () => {
    const vpc = new ec2.Vpc("unit-harness-vpc", { cidrBlock: "10.0.0.0/16" });
    const err = await rejection(unwrap(vpc.defaultSecurityGroupId.apply((id) => id.toUpperCase())));
    expect(err.message).to.match(/Cannot read properties of undefined \(reading 'toUpperCase'\)/);
  });

  it("fails, not hangs, when an output can never resolve", async () => {
    const err = await rejection(unwrap(pulumi.output(new Promise<string>(() => undefined))));
    expect(err.message).to.equal("output never resolved after every registration settled: a mock is missing a computed output the program reads");
  });

  it("refuses provider functions the fake cloud does not know, naming them", () => {
    expect(() => fakeCall({ token: "aws:ec2/getAmi:getAmi", inputs: {} })).to.throw(
      "the fake cloud has no answer for aws:ec2/getAmi:getAmi; add it to harness/mockCloud.ts#fakeCall",
    );
  });
});
