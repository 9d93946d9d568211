// The AWS Organization: feature set ALL, trusted access for the services orgstrap governs, SCPs and RCPs enabled.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/aws/organizations";
import { COMPONENT_TYPE, logicalName, POLICY_TYPE } from "../lib/naming";

/** Arguments for {@link Organization}. */
export interface OrganizationArgs {
  /** Service principals given trusted access (`EnableAWSServiceAccess`). */
  readonly trustedServices: readonly string[];
  /** Keep `pulumi destroy` from deleting the organization. Defaults to `true`. */
  readonly protect?: boolean;
  /** Adopt the existing organization with this id instead of creating one. */
  readonly importId?: string;
}

/** The policy types orgstrap attaches: SCPs and RCPs. */
export const ENABLED_POLICY_TYPES = [POLICY_TYPE.scp, POLICY_TYPE.rcp] as const;

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
    this.organization = new organizations.Organization(
      logicalName.organization(name),
      {
        featureSet: "ALL", // consolidated billing alone cannot carry SCPs, RCPs or delegated administrators
        awsServiceAccessPrincipals: [...args.trustedServices].sort(),
        enabledPolicyTypes: [...ENABLED_POLICY_TYPES],
      },
      {
        parent: this,
        // Deleting the organization would detach every account from its guardrails and audit trail.
        protect: args.protect ?? true,
        import: args.importId,
        // An adopted organization predates this stack: removing it from the stack must never delete it.
        retainOnDelete: args.importId !== undefined,
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
