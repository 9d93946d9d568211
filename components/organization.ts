// The AWS Organization: feature set ALL, trusted access for the services orgstrap governs, SCPs and RCPs enabled.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
import { importInputs, LiveOrganizationInputs, ORGSTRAP_POLICY_TYPES } from "../lib/adoption";
import { COMPONENT_TYPE, logicalName } from "../lib/naming";

/** Arguments for {@link Organization}. */
export interface OrganizationArgs {
  /** Service principals given trusted access (`EnableAWSServiceAccess`). */
  readonly trustedServices: readonly string[];
  /** Make `pulumi destroy` refuse to run (the engine will not delete a protected resource). Defaults to `true`. */
  readonly protect?: boolean;
  /** Adopt the existing organization with this id instead of creating one. */
  readonly importId?: string;
  /** Policy types kept enabled beside SCPs and RCPs (an adopted organization's tag or backup policies). */
  readonly extraPolicyTypes?: readonly string[];
  /**
   * The adopted organization's recorded live values. With `importStep`, they are the inputs: Pulumi imports only when
   * the inputs equal the live resource (lib/adoption.ts).
   */
  readonly live?: LiveOrganizationInputs;
  readonly importStep?: boolean;
}

/** The policy types orgstrap attaches: SCPs and RCPs. */
export const ENABLED_POLICY_TYPES = ORGSTRAP_POLICY_TYPES;

/**
 * The organization itself, in the management account (the account whose credentials run `pulumi up`).
 * Trusted service access is enabled here, so every delegated-admin designation must depend on this resource.
 */
export class Organization extends pulumi.ComponentResource {
  /** The organization resource: depend on it where AWS needs trusted access or a policy type first. */
  public readonly organization: organizations.Organization;
  /** Organization id (o-…). */
  public readonly organizationId: pulumi.Output<string>;
  /** Root id (r-…), the parent of top-level OUs and a guardrail target. */
  public readonly rootId: pulumi.Output<string>;
  /** The management account's id. */
  public readonly managementAccountId: pulumi.Output<string>;

  constructor(name: string, args: OrganizationArgs, opts?: pulumi.ComponentResourceOptions) {
    super(COMPONENT_TYPE.organization, name, {}, opts);
    const protect = args.protect ?? true;
    this.organization = new organizations.Organization(
      logicalName.organization(name),
      args.importStep && args.live
        ? importInputs.organization(args.live)
        : {
            featureSet: "ALL", // consolidated billing alone cannot carry SCPs, RCPs or delegated administrators
            awsServiceAccessPrincipals: [...args.trustedServices].sort(),
            enabledPolicyTypes: [...ENABLED_POLICY_TYPES, ...(args.extraPolicyTypes ?? [])],
          },
      {
        parent: this,
        // Protected (the default), `pulumi destroy` stops in its preview and changes nothing. Unprotected, a destroy
        // leaves the organization in AWS: orgstrap never deletes an organization (its accounts stay members anyway).
        // Never both: the engine refuses to delete a protected resource before it considers retainOnDelete.
        protect,
        retainOnDelete: !protect,
        import: args.importId,
      },
    );
    this.organizationId = this.organization.id;
    this.rootId = this.organization.roots.apply((roots) => {
      if (!roots?.length) throw new Error("the organization reported no root");
      return roots[0].id;
    });
    this.managementAccountId = this.organization.masterAccountId;
    this.registerOutputs({ organizationId: this.organizationId, rootId: this.rootId, managementAccountId: this.managementAccountId });
  }
}
