import { expect } from "chai";
import { SecurityAlerts } from "../../components/securityAlerts";
import { accountProvider } from "../helpers/providers";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("SecurityAlerts", () => {
  const alerts = new SecurityAlerts(
    "unit-sa",
    {
      namePrefix: "orgstrap",
      partition: "aws",
      region: "eu-west-1",
      securityAccountId: "222222222222",
      topicName: "unit-security-alerts",
      email: "sec@example.com",
    },
    { provider: accountProvider("unit-sa-security", "222222222222") },
  );

  it("creates a topic in the Security account encrypted with a customer managed key EventBridge may use", async () => {
    const arn = await unwrap(alerts.topicArn);
    await settle();
    expect(arn).to.equal("arn:aws:sns:eu-west-1:222222222222:unit-security-alerts");
    const key = find("aws:kms/key:Key", "unit-sa-key");
    const topic = find("aws:sns/topic:Topic", "unit-sa-topic");
    expect([providerName(key), providerName(topic)]).to.deep.equal(["unit-sa-security", "unit-sa-security"]);
    expect(key.inputs).to.include({ region: "eu-west-1", enableKeyRotation: true });
    expect(topic.inputs.kmsMasterKeyId).to.match(/^arn:aws:kms:eu-west-1:222222222222:key\//);
    const statements = JSON.parse(key.inputs.policy as string).Statement;
    expect(statements[1]).to.deep.equal({
      Sid: "AllowEventBridgeToPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: "events.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
    });
    // No aws:SourceAccount on the key statement: EventBridge's KMS request may not carry it, and then no alert arrives.
    expect(statements[1]).not.to.have.property("Condition");
  });

  it("lets only the Security account's orgstrap rules publish, and subscribes the security email", async () => {
    await settle();
    const policy = JSON.parse(find("aws:sns/topicPolicy:TopicPolicy", "unit-sa-topic-policy").inputs.policy as string);
    expect(policy.Statement).to.deep.equal([
      {
        Sid: "AllowSecurityAccountEventBridgeRules",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sns:Publish",
        Resource: "arn:aws:sns:eu-west-1:222222222222:unit-security-alerts",
        Condition: { ArnLike: { "aws:SourceArn": "arn:aws:events:eu-west-1:222222222222:rule/orgstrap-*" } },
      },
    ]);
    expect(find("aws:sns/topicSubscription:TopicSubscription", "unit-sa-email").inputs).to.include({
      protocol: "email",
      endpoint: "sec@example.com",
      region: "eu-west-1",
    });
  });

  it("routes high and critical GuardDuty findings and root activity of every account and Region from Security Hub's aggregated feed", async () => {
    await settle();
    const rules = findAll("aws:cloudwatch/eventRule:EventRule", "unit-sa-");
    expect(rules.map((r) => [r.inputs.name, r.inputs.region, providerName(r)])).to.deep.equal([
      ["orgstrap-guardduty-high", "eu-west-1", "unit-sa-security"],
      ["orgstrap-root-activity", "eu-west-1", "unit-sa-security"],
    ]);
    expect(JSON.parse(rules[0].inputs.eventPattern as string)).to.deep.equal({
      source: ["aws.securityhub"],
      "detail-type": ["Security Hub Findings - Imported"],
      detail: {
        findings: {
          ProductName: ["GuardDuty"],
          Severity: { Label: ["HIGH", "CRITICAL"] },
          RecordState: ["ACTIVE"],
          Workflow: { Status: ["NEW"] },
          // One mail per new finding: GuardDuty's updates of an open finding (every 15 minutes) carry a higher count.
          ProductFields: { "aws/guardduty/service/count": ["1"] },
        },
      },
    });
    expect(JSON.parse(rules[1].inputs.eventPattern as string).detail.findings.ProductFields).to.deep.equal({ "aws/guardduty/service/count": ["1"] });
    expect(JSON.parse(rules[1].inputs.eventPattern as string).detail.findings.Types).to.deep.equal([
      { suffix: "Policy:IAMUser-RootCredentialUsage" },
      { suffix: "Policy:IAMUser-ShortTermRootCredentialUsage" },
    ]);
    // A rule waits for nothing (it only matches events); the targets wait for the topic and key policies.
    for (const rule of rules) expect(rule.dependencies).to.deep.equal([]);
    for (const role of ["guardduty-high", "root-activity"]) {
      const target = find("aws:cloudwatch/eventTarget:EventTarget", `unit-sa-${role}-target`);
      expect(target.inputs).to.include({ rule: `orgstrap-${role}`, arn: await unwrap(alerts.topicArn) });
      expect(dependsOn(target, find("aws:sns/topicPolicy:TopicPolicy", "unit-sa-topic-policy"))).to.equal(true);
      expect(dependsOn(target, find("aws:kms/key:Key", "unit-sa-key"))).to.equal(true);
    }
  });
});
