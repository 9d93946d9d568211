import { expect } from "chai";
import { CIS_METRICS, TrailAlarms } from "../../components/trailAlarms";
import { dependsOn, find, findAll, providerName, settle, unwrap } from "../helpers/mocks";

describe("TrailAlarms", () => {
  let alarms: TrailAlarms;
  before(async () => {
    alarms = new TrailAlarms("unit-cis", {
      partition: "aws",
      region: "eu-west-1",
      managementAccountId: "111111111111",
      organizationId: "o-exampleorg1",
      namePrefix: "acme",
      logRetentionDays: 400,
      email: "alerts@example.com",
    });
    await unwrap(alarms.topicArn);
    await settle();
  });

  it("gives the trail a log group in the management account's home Region and a role CloudTrail assumes", async () => {
    const group = find("aws:cloudwatch/logGroup:LogGroup", "unit-cis-log-group");
    expect(group.inputs).to.deep.equal({ region: "eu-west-1", name: "acme-organization-trail", retentionInDays: 400 });
    expect(providerName(group)).to.equal("");
    expect(await unwrap(alarms.trailDelivery.logGroupArn)).to.equal("arn:aws:logs:eu-west-1:111111111111:log-group:acme-organization-trail:*");
    expect(await unwrap(alarms.trailDelivery.roleArn)).to.equal("arn:aws:iam::111111111111:role/acme-trail-to-cloudwatch");
    const role = find("aws:iam/role:Role", "unit-cis-delivery-role");
    expect(JSON.parse(role.inputs.assumeRolePolicy as string).Statement).to.deep.equal([
      { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
  });

  it("lets the role write only the organization trail's own log streams (management and member accounts)", () => {
    const policy = JSON.parse(find("aws:iam/rolePolicy:RolePolicy", "unit-cis-delivery-policy").inputs.policy as string);
    const group = "arn:aws:logs:eu-west-1:111111111111:log-group:acme-organization-trail";
    const streams = [`${group}:log-stream:111111111111_CloudTrail_eu-west-1*`, `${group}:log-stream:o-exampleorg1_*`];
    expect(policy.Statement).to.deep.equal([
      { Sid: "CreateTrailLogStreams", Effect: "Allow", Action: "logs:CreateLogStream", Resource: streams },
      { Sid: "PutTrailLogEvents", Effect: "Allow", Action: "logs:PutLogEvents", Resource: streams },
    ]);
  });

  it("creates one filter and one alarm per CIS v3.0.0 recommendation 4.1-4.15, with CIS's exact patterns", () => {
    expect(CIS_METRICS.map((m) => m.cis)).to.deep.equal([
      "4.1",
      "4.2",
      "4.3",
      "4.4",
      "4.5",
      "4.6",
      "4.7",
      "4.8",
      "4.9",
      "4.10",
      "4.11",
      "4.12",
      "4.13",
      "4.14",
      "4.15",
    ]);
    const filters = findAll("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-");
    const alarmRegs = findAll("aws:cloudwatch/metricAlarm:MetricAlarm", "unit-cis-cis-");
    expect(filters).to.have.length(15);
    expect(alarmRegs).to.have.length(15);
    const root = find("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-4-3");
    expect(root.inputs).to.deep.equal({
      region: "eu-west-1",
      name: "cis-4.3-RootUsage",
      logGroupName: "acme-organization-trail",
      pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
      metricTransformation: { name: "RootUsage", namespace: "orgstrap/CIS", value: "1" },
    });
    expect(find("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-4-5").inputs.pattern).to.equal(
      "{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }",
    );
    expect(find("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-4-7").inputs.pattern).to.equal(
      "{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }",
    );
    expect(find("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-4-15").inputs.pattern).to.match(
      /^\{ \(\$\.eventSource = organizations\.amazonaws\.com\) && \(\(\$\.eventName = "AcceptHandshake"\) \|\| .*\(\$\.eventName = "UpdateOrganizationalUnit"\)\) \}$/,
    );
  });

  it("alarms on one event in five minutes, publish to the encrypted topic, and wait for the filter and both policies", async () => {
    const topicArn = await unwrap(alarms.topicArn);
    const alarm = find("aws:cloudwatch/metricAlarm:MetricAlarm", "unit-cis-cis-4-3-alarm");
    expect(alarm.inputs).to.deep.equal({
      region: "eu-west-1",
      name: "acme-cis-4.3-RootUsage",
      alarmDescription: "CIS 4.3: Usage of the root user in any account of the organization",
      namespace: "orgstrap/CIS",
      metricName: "RootUsage",
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [topicArn],
    });
    expect(dependsOn(alarm, find("aws:cloudwatch/logMetricFilter:LogMetricFilter", "unit-cis-cis-4-3"))).to.equal(true);
    expect(dependsOn(alarm, find("aws:sns/topicPolicy:TopicPolicy", "unit-cis-topic-policy"))).to.equal(true);
    expect(dependsOn(alarm, find("aws:kms/key:Key", "unit-cis-key"))).to.equal(true);
  });

  it("encrypts the topic with a key CloudWatch may use, lets only orgstrap's CIS alarms publish, and emails the security team", async () => {
    const topic = find("aws:sns/topic:Topic", "unit-cis-topic");
    expect(topic.inputs.name).to.equal("acme-cis-alarms");
    expect(topic.inputs.kmsMasterKeyId).to.match(/^arn:aws:kms:eu-west-1:111111111111:key\//);
    const key = JSON.parse(find("aws:kms/key:Key", "unit-cis-key").inputs.policy as string);
    expect(key.Statement[1]).to.deep.equal({
      Sid: "AllowCloudWatchAlarmsToPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
    });
    const topicPolicy = JSON.parse(find("aws:sns/topicPolicy:TopicPolicy", "unit-cis-topic-policy").inputs.policy as string);
    expect(topicPolicy.Statement[0].Condition).to.deep.equal({
      ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:111111111111:alarm:acme-cis-*" },
    });
    expect(find("aws:sns/topicSubscription:TopicSubscription", "unit-cis-email").inputs).to.deep.include({ protocol: "email", endpoint: "alerts@example.com" });
  });
});
