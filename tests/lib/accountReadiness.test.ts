import { expect } from "chai";
// The SDK warns once per process about Node 20 when a client is built; these specs build clients on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import { AwsClientStub, mockClient } from "aws-sdk-client-mock";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { waitUntilAssumable } from "../../lib/accountReadiness";

const ROLE = "arn:aws:iam::222222222222:role/OrganizationAccountAccessRole";
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name });

describe("waitUntilAssumable (a new account's access role)", () => {
  // Mocked per test and restored after it: aws-sdk-client-mock stubs the class's prototype, which other specs also stub.
  let sts: AwsClientStub<STSClient>;
  beforeEach(() => (sts = mockClient(STSClient)));
  afterEach(() => sts.restore());

  // A clock that advances only when the code sleeps, so the backoff is observable and instant.
  function fakeTime() {
    let t = 0;
    const sleeps: number[] = [];
    return { sleeps, now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
  }

  it("retries AccessDenied with a doubling, capped backoff until AssumeRole succeeds", async () => {
    sts
      .on(AssumeRoleCommand)
      .rejectsOnce(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"))
      .rejectsOnce(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"))
      .rejectsOnce(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"))
      .rejectsOnce(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"))
      .rejectsOnce(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"))
      .resolves({ Credentials: { AccessKeyId: "A", SecretAccessKey: "S", SessionToken: "T", Expiration: new Date() } });
    const time = fakeTime();
    const result = await waitUntilAssumable({
      client: new STSClient({ region: "us-east-1" }),
      accountId: "222222222222",
      roleArn: ROLE,
      sessionName: "orgstrap-readiness",
      ...time,
    });
    expect(result).to.deep.equal({ attempts: 6 });
    expect(time.sleeps).to.deep.equal([2000, 4000, 8000, 16000, 30000]);
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).to.have.length(6);
    expect(calls[0].args[0].input).to.deep.equal({ RoleArn: ROLE, RoleSessionName: "orgstrap-readiness", DurationSeconds: 900 });
  });

  it("gives up at the deadline with a message naming the account, the role, the attempts and the last error", async () => {
    sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"));
    const time = fakeTime();
    const wait = waitUntilAssumable({
      client: new STSClient({ region: "us-east-1" }),
      accountId: "222222222222",
      roleArn: ROLE,
      sessionName: "orgstrap-readiness",
      policy: { initialDelayMs: 2000, maxDelayMs: 30000, timeoutMs: 60000 },
      ...time,
    });
    let error: Error | undefined;
    await wait.catch((e: Error) => (error = e));
    // 2+4+8+16+30 = 60 s waited (the deadline); another 30 s would pass it.
    expect(time.sleeps).to.deep.equal([2000, 4000, 8000, 16000, 30000]);
    expect(error?.message).to.equal(
      `account 222222222222 is not ready: sts:AssumeRole on ${ROLE} still fails after 6 attempts over 60 s ` +
        "(last error AccessDenied: not authorized to perform sts:AssumeRole). A new account's access role can take minutes to become " +
        "assumable: run `pulumi up` again. If it keeps failing, check that the role exists in the account (config " +
        "accessRoleName) and that the credentials running `pulumi up` may assume it.",
    );
  });

  it("does not retry an error that retrying cannot fix", async () => {
    sts.on(AssumeRoleCommand).rejects(awsError("ValidationError", "1 validation error detected: Value at 'roleArn'"));
    const time = fakeTime();
    let error: Error | undefined;
    await waitUntilAssumable({ client: new STSClient({ region: "us-east-1" }), accountId: "222222222222", roleArn: ROLE, sessionName: "s", ...time }).catch(
      (e: Error) => (error = e),
    );
    expect(time.sleeps).to.deep.equal([]);
    expect(error?.message).to.equal(
      `account 222222222222: sts:AssumeRole on ${ROLE} failed and retrying cannot help (ValidationError: 1 validation error detected: Value at 'roleArn')`,
    );
  });

  it("waits at most 10 minutes by default, starting at 2 s and never more than 30 s between attempts", async () => {
    sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"));
    const time = fakeTime();
    let error: Error | undefined;
    await waitUntilAssumable({ client: new STSClient({ region: "us-east-1" }), accountId: "222222222222", roleArn: ROLE, sessionName: "s", ...time }).catch(
      (e: Error) => (error = e),
    );
    // 2+4+8+16 = 30 s, then 19 waits of 30 s: 600 s in all, the default deadline.
    expect(time.sleeps).to.deep.equal([2000, 4000, 8000, 16000, ...Array.from({ length: 19 }, () => 30000)]);
    expect(error?.message).to.include("still fails after 24 attempts over 600 s");
  });
});
