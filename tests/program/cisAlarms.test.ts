// CIS 4.1-4.15 in the whole program (index.ts) on Pulumi.dev.yaml: the organization trail feeds the CIS alarms.
import { expect } from "chai";
import { MANAGEMENT_ACCOUNT_ID, ORGANIZATION_ID } from "../../harness/mockCloud";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";
import { exampleConfig } from "../helpers/stack";

type Program = typeof import("../../index");

describe("index.ts on Pulumi.dev.yaml: CIS metric alarms on the organization trail", () => {
  let program: Program;
  const cfg = exampleConfig();

  before(async () => {
    program = require("../../index");
    await unwrap(program.organizationTrailArn);
    await unwrap(program.cisAlarmsTopicArn!);
    await settle();
  });

  it("delivers the organization trail to the log group in the management account, after the delivery role's policy", () => {
    const trail = find("aws:cloudtrail/trail:Trail", "audit-trail");
    const group = `arn:aws:logs:us-east-1:${MANAGEMENT_ACCOUNT_ID}:log-group:example-organization-trail`;
    expect(trail.inputs.cloudWatchLogsGroupArn).to.equal(`${group}:*`);
    expect(trail.inputs.cloudWatchLogsRoleArn).to.equal(`arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:role/example-trail-to-cloudwatch`);
    expect(dependsOn(trail, find("aws:iam/rolePolicy:RolePolicy", "cis-alarms-delivery-policy"))).to.equal(true);
    const policy = JSON.parse(find("aws:iam/rolePolicy:RolePolicy", "cis-alarms-delivery-policy").inputs.policy as string);
    expect(policy.Statement[1].Resource).to.deep.equal([
      `${group}:log-stream:${MANAGEMENT_ACCOUNT_ID}_CloudTrail_us-east-1*`,
      `${group}:log-stream:${ORGANIZATION_ID}_*`,
    ]);
  });

  it("keeps the trail's events for alerts.trailLogRetentionDays and emails alerts.email from the management account", () => {
    expect(find("aws:cloudwatch/logGroup:LogGroup", "cis-alarms-log-group").inputs.retentionInDays).to.equal(cfg.alerts?.trailLogRetentionDays);
    const email = find("aws:sns/topicSubscription:TopicSubscription", "cis-alarms-email");
    expect([email.inputs.endpoint, providerName(email)]).to.deep.equal(["aws-security-alerts@example.com", ""]);
    const alarms = findAll("aws:cloudwatch/metricAlarm:MetricAlarm", "cis-alarms-");
    expect(alarms.map((a) => a.inputs.name))
      .to.have.length(15)
      .and.include("example-cis-4.15-OrganizationsChanges");
    expect(alarms.every((a) => providerName(a) === "" && a.inputs.region === "us-east-1")).to.equal(true);
  });
});
