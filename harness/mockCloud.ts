// A fake AWS for Pulumi's mock runtime: realistic ids and every computed output the program reads.
// Shared by the tests and `orgstrap plan`, so both see the same organization.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { awsRuleError, checkAwsRules } from "../lib/awsRules";
import { ORGANIZATIONS_ACCESS } from "../lib/naming";

/** The management account id the fake cloud answers with. */
export const MANAGEMENT_ACCOUNT_ID = "111111111111";
/** The organization id of a newly created organization. */
export const ORGANIZATION_ID = "o-exampleorg1";
/** The root id of the organization. */
export const ROOT_ID = "r-exm1";

// The fake cloud names each aws.Provider by the account it assumes into (`account-<12 digits>`), so a resource's provider
// reference (`<provider urn>::<provider id>`) says which account the resource lands in.
const PROVIDER_ID = /^account-(\d{12})$/;

/** The account a fake provider id (`account-<id>`) assumes into; undefined for the default provider. */
export function accountOfProviderId(providerId: string): string | undefined {
  return PROVIDER_ID.exec(providerId)?.[1];
}

/** The account a provider reference (`<provider urn>::<provider id>`) assumes into; undefined for the default provider. */
export function accountOfProvider(providerRef: string): string | undefined {
  return accountOfProviderId(providerRef.split("::").pop() ?? "");
}

/** What the program asked the engine for, read from the monitor (MockResourceArgs lacks these). */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** URN of the parent resource, "" at top level. */
  readonly parent: string;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly deleteBeforeReplace?: boolean;
  /** URNs this resource waits for: explicit dependsOn plus every resource whose outputs it reads. */
  readonly dependencies: readonly string[];
  readonly ignoreChanges: readonly string[];
  /** `<provider urn>::<provider id>`, "" for the default provider. */
  readonly provider: string;
  readonly importId: string;
  readonly deletedWith: string;
  /** Custom timeouts, e.g. `{ create: "60m" }`; only the operations set. */
  readonly customTimeouts: { readonly create?: string; readonly update?: string; readonly delete?: string };
  /** Inputs as the program passed them (unknown outputs resolved). */
  inputs: Record<string, unknown>;
  urn: string;
  id: string;
}

/** A hash-derived fake value, stable for a given logical name. */
export function fakeDigits(seed: string, length: number): string {
  const hex = crypto.createHash("sha256").update(seed).digest("hex");
  let out = "";
  for (let i = 0; out.length < length; i++) out += (parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 10).toString();
  return out;
}

function fakeHex(seed: string, length: number): string {
  return crypto.createHash("sha256").update(seed).digest("hex").slice(0, length);
}

/** The fake id and state the cloud returns for a new resource: inputs echoed plus computed outputs. */
export function fakeResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
  const { type, name, inputs } = args;
  const region = (inputs.region as string | undefined) ?? "us-east-1";
  const state: Record<string, unknown> = { ...inputs };
  let id = args.id || `${name}-id`;
  const arnOf = (service: string, resource: string, account = MANAGEMENT_ACCOUNT_ID, inRegion = region) =>
    `arn:aws:${service}:${inRegion}:${account}:${resource}`;

  switch (type) {
    case "aws:organizations/organization:Organization": {
      id = args.id || ORGANIZATION_ID;
      Object.assign(state, {
        arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:organization/${id}`,
        masterAccountId: MANAGEMENT_ACCOUNT_ID,
        masterAccountArn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:account/${id}/${MANAGEMENT_ACCOUNT_ID}`,
        masterAccountEmail: "management@example.com",
        roots: [{ id: ROOT_ID, arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:root/${id}/${ROOT_ID}`, name: "Root", policyTypes: [] }],
        accounts: [],
        nonMasterAccounts: [],
      });
      break;
    }
    case "aws:organizations/organizationalUnit:OrganizationalUnit":
      id = args.id || `ou-${ROOT_ID.slice(2)}-${fakeHex(name, 8)}`;
      state.arn = `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:ou/${ORGANIZATION_ID}/${id}`;
      state.accounts = [];
      break;
    case "aws:organizations/account:Account":
      id = args.id || `2${fakeDigits(name, 11)}`;
      Object.assign(state, { arn: `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:account/${ORGANIZATION_ID}/${id}`, status: "ACTIVE", govcloudId: "" });
      break;
    case "aws:organizations/policy:Policy":
      id = args.id || `p-${fakeHex(name, 8)}`;
      state.arn = `arn:aws:organizations::${MANAGEMENT_ACCOUNT_ID}:policy/${ORGANIZATION_ID}/service_control_policy/${id}`;
      break;
    case "aws:s3/bucket:Bucket": {
      const bucket = (inputs.bucket as string | undefined) ?? `${name}-${fakeHex(name, 7)}`;
      id = bucket;
      Object.assign(state, {
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketDomainName: `${bucket}.s3.amazonaws.com`,
        bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
      });
      break;
    }
    case "aws:kms/key:Key":
      id = `${fakeHex(name, 8)}-${fakeHex(name + "1", 4)}-${fakeHex(name + "2", 4)}-${fakeHex(name + "3", 4)}-${fakeHex(name + "4", 12)}`;
      Object.assign(state, { keyId: id, arn: arnOf("kms", `key/${id}`, accountOf(args)) });
      break;
    case "aws:kms/alias:Alias":
      id = inputs.name as string;
      state.arn = arnOf("kms", String(inputs.name), accountOf(args));
      break;
    case "aws:cloudtrail/trail:Trail":
      id = inputs.name as string;
      Object.assign(state, { arn: arnOf("cloudtrail", `trail/${inputs.name}`), homeRegion: region });
      break;
    case "aws:guardduty/detector:Detector":
      id = fakeHex(name, 32);
      Object.assign(state, { accountId: accountOf(args), arn: arnOf("guardduty", `detector/${id}`, accountOf(args)) });
      break;
    case "aws:securityhub/configurationPolicy:ConfigurationPolicy":
      id = `${fakeHex(name, 8)}-${fakeHex(name, 4)}-4${fakeHex(name, 3)}-8${fakeHex(name, 3)}-${fakeHex(name, 12)}`;
      state.arn = arnOf("securityhub", `configuration-policy/${id}`, accountOf(args));
      break;
    case "aws:sns/topic:Topic":
      state.arn = arnOf("sns", String(inputs.name ?? name), accountOf(args));
      id = state.arn as string;
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      id = String(inputs.name ?? name);
      state.arn = arnOf("logs", `log-group:${id}`, accountOf(args));
      break;
    case "aws:iam/role:Role":
    case "aws:iam/group:Group":
    case "aws:iam/policy:Policy": {
      const kind = type.split(":")[2].toLowerCase();
      state.arn = `arn:aws:iam::${accountOf(args)}:${kind}/${String(inputs.name ?? name)}`;
      id = String(inputs.name ?? name);
      state.name = inputs.name ?? name;
      break;
    }
    case "aws:cloudformation/stackSet:StackSet":
      id = inputs.name as string;
      Object.assign(state, {
        arn: arnOf(
          "cloudformation",
          `stackset/${inputs.name}:${fakeHex(name, 8)}-${fakeHex(name, 4)}-4${fakeHex(name, 3)}-8${fakeHex(name, 3)}-${fakeHex(name, 12)}`,
        ),
        stackSetId: `${inputs.name}:${fakeHex(name, 8)}-${fakeHex(name, 4)}-4${fakeHex(name, 3)}-8${fakeHex(name, 3)}-${fakeHex(name, 12)}`,
      });
      break;
    case "aws:cloudformation/stackSetInstance:StackSetInstance":
      id = [
        inputs.stackSetName,
        (inputs.deploymentTargets as { organizationalUnitIds?: string[] } | undefined)?.organizationalUnitIds?.join("/") ?? inputs.accountId,
        inputs.stackSetInstanceRegion,
      ].join(",");
      break;
    case ORGANIZATIONS_ACCESS.type:
      // components/organizationsAccess.ts: one switch per organization, on once created.
      id = "stacksets-organizations-access";
      state.status = "ENABLED";
      break;
    case "aws:accessanalyzer/analyzer:Analyzer":
      id = inputs.analyzerName as string;
      state.arn = arnOf("access-analyzer", `analyzer/${inputs.analyzerName}`, accountOf(args));
      break;
    case "aws:cfg/configurationAggregator:ConfigurationAggregator":
      id = inputs.name as string;
      state.arn = arnOf("config", `config-aggregator/config-aggregator-${fakeHex(name, 8)}`, accountOf(args));
      break;
    case "aws:ssoadmin/permissionSet:PermissionSet": {
      const instance =
        String(inputs.instanceArn ?? "")
          .split("/")
          .pop() ?? "ssoins-0000000000000000";
      state.arn = `arn:aws:sso:::permissionSet/${instance}/ps-${fakeHex(name, 16)}`;
      id = `${state.arn},${inputs.instanceArn}`;
      break;
    }
    case "aws:bcmdata/export:Export": {
      const exp = (inputs.export ?? {}) as Record<string, unknown>;
      const arn = `arn:aws:bcm-data-exports:us-east-1:${accountOf(args)}:export/${String(exp.name)}-${fakeHex(name, 8)}`;
      state.export = { ...exp, exportArn: arn };
      id = arn;
      break;
    }
    case "pulumi:providers:aws": {
      // Name the provider by the account it assumes into, so children can be traced to their account.
      const roles = typeof inputs.assumeRoles === "string" ? JSON.parse(inputs.assumeRoles) : inputs.assumeRoles;
      const account = /::(\d{12}):/.exec(roles?.[0]?.roleArn ?? "")?.[1];
      id = account ? `account-${account}` : `${name}-id`; // see PROVIDER_ID
      break;
    }
    default:
      if (!("arn" in state)) state.arn = arnOf(type.split(":")[1]?.split("/")[0] ?? "mock", name, accountOf(args));
  }
  return { id, state };
}

/** Answers the few provider functions the program calls; anything else is an error, not a hang. */
export function fakeCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  switch (args.token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return { accountId: MANAGEMENT_ACCOUNT_ID, arn: `arn:aws:iam::${MANAGEMENT_ACCOUNT_ID}:user/deployer`, userId: "AIDAEXAMPLE", id: MANAGEMENT_ACCOUNT_ID };
    case "aws:index/getPartition:getPartition":
      return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
    default:
      throw new Error(`the fake cloud has no answer for ${args.token}; add it to harness/mockCloud.ts#fakeCall`);
  }
}

// The account a resource lands in: read from its provider's fake id, else the management account.
function accountOf(args: pulumi.runtime.MockResourceArgs): string {
  return accountOfProvider(args.provider ?? "") ?? MANAGEMENT_ACCOUNT_ID;
}

// The parts of the mock monitor's RegisterResource request and response read here (generated protobuf classes that
// @pulumi/pulumi does not export as types).
interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  hasProtect(): boolean;
  getProtect(): boolean;
  hasRetainondelete(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDependenciesList(): string[];
  getIgnorechangesList(): string[];
  getProvider(): string;
  getImportid(): string;
  getDeletedwith(): string;
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
}
interface RegisterResourceResponse {
  getUrn(): string;
}
type RegisterCallback = (err: unknown, res: RegisterResourceResponse | undefined) => void;
interface MockMonitor {
  registerResource(req: RegisterResourceRequest, callback: RegisterCallback): unknown;
}

/** Installs the fake cloud as Pulumi's mock runtime and records every registration and every refusal. Idempotent. */
export function installMockCloud(project: string, stack: string): { registrations: Registration[]; refusals: string[] } {
  const state = globalThis as unknown as { __orgstrapMockCloud?: { registrations: Registration[]; refusals: string[] } };
  if (state.__orgstrapMockCloud) return state.__orgstrapMockCloud;
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const reg = byUrnPending.get(`${args.type}::${args.name}`);
        // AWS's rules first: a registration AWS would reject fails here as it would in `pulumi up` (and the plan says why).
        const subject = { ...reg, type: args.type, name: args.name, inputs: args.inputs };
        const problems = checkAwsRules(subject, registrations);
        if (problems.length > 0) {
          const refusal = awsRuleError(subject, problems);
          refusals.push(refusal);
          throw new Error(refusal);
        }
        const out = fakeResource(args);
        if (reg) {
          reg.inputs = args.inputs;
          reg.id = out.id;
        }
        return out;
      },
      call: (args) => fakeCall(args),
    },
    project,
    stack,
  );
  const registrations: Registration[] = [];
  const refusals: string[] = [];
  const byUrnPending = new Map<string, Registration>();
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterResourceRequest, callback: RegisterCallback) => {
    const reg: Registration = {
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent(),
      protect: req.hasProtect() ? req.getProtect() : undefined,
      retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : undefined,
      deleteBeforeReplace: req.getDeletebeforereplace(),
      dependencies: req.getDependenciesList(),
      ignoreChanges: req.getIgnorechangesList(),
      provider: req.getProvider(),
      importId: req.getImportid(),
      deletedWith: req.getDeletedwith(),
      customTimeouts: timeoutsOf(req.getCustomtimeouts()),
      inputs: {},
      urn: "",
      id: "",
    };
    registrations.push(reg);
    byUrnPending.set(`${reg.type}::${reg.name}`, reg);
    return register(req, (err, res) => {
      if (res) reg.urn = res.getUrn();
      callback(err, res);
    });
  };
  state.__orgstrapMockCloud = { registrations, refusals };
  return state.__orgstrapMockCloud;
}

// The request's custom timeouts, without the empty strings protobuf uses for "not set".
function timeoutsOf(t: { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined): Registration["customTimeouts"] {
  if (!t) return {};
  const all = { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== ""));
}

/** Waits until every queued registration and invoke has been answered. */
export async function settle(): Promise<void> {
  // waitForRPCs is exported at runtime but marked @internal in the typings.
  await (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
}
