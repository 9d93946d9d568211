// Which inputs force a replacement, per resource type the program registers, and what the AWS object's identity is.
// Pulumi replaces create-before-delete by default: when a replace-forcing input outside the identity changes, the new
// object is created under the same identity (name, or the one-per-account/Region slot) while the old one still exists,
// and AWS refuses it. Such a resource needs deleteBeforeReplace, or the input must never change (ignoreChanges, or a
// literal the table pins). Pure data: no Pulumi import. Read from hashicorp/terraform-provider-aws (the provider
// @pulumi/aws 7.48.0 wraps): `ForceNew: true` (SDK v2) or `RequiresReplace()` (framework) in internal/service/<path>.
// `region` is left out: every v7 resource has it and it forces replacement; orgstrap does not move a resource between
// Regions by a config edit (docs/aws-rules.md).

/** The replacement facts of one resource type. */
export interface ReplaceRule {
  /** Inputs (top-level keys) whose change replaces the resource. */
  readonly forceNew: readonly string[];
  /**
   * Inputs that name the AWS object within its account and Region: a new value is a different object, so creating it
   * first collides with nothing. Empty for a singleton (one per account, or per account and Region). Undefined when AWS
   * names the object itself (a generated id): no collision is possible.
   */
  readonly identity?: readonly string[];
  /** Inputs accepted without deleteBeforeReplace because the program only ever passes this literal (deep-equal). */
  readonly constants?: Readonly<Record<string, unknown>>;
  /** Never replace, whatever deleteBeforeReplace says (an AWS account): every forceNew input must be ignored. */
  readonly neverReplace?: boolean;
  /** internal/service/... file of hashicorp/terraform-provider-aws the facts come from. */
  readonly source: string;
}

/** Every resource type the program registers (tests/lib/replaceRules.test.ts keeps the list complete). */
export const REPLACE_RULES: Readonly<Record<string, ReplaceRule>> = {
  "aws:accessanalyzer/analyzer:Analyzer": {
    forceNew: ["analyzerName", "type", "configuration"],
    identity: ["analyzerName"],
    source: "accessanalyzer/analyzer.go",
  },
  "aws:account/alternativeContact:AlternativeContact": {
    forceNew: ["accountId", "alternateContactType"],
    identity: ["accountId", "alternateContactType"],
    source: "account/alternate_contact.go",
  },
  "aws:bcmdata/export:Export": {
    forceNew: ["export"],
    identity: [],
    source: "bcmdataexports/export.go (data_query.table_configurations: RequiresReplace; the export's name is unique per account)",
  },
  "aws:budgets/budget:Budget": { forceNew: ["accountId", "name", "namePrefix"], identity: ["name", "namePrefix"], source: "budgets/budget.go" },
  "aws:cfg/configurationAggregator:ConfigurationAggregator": { forceNew: ["name"], identity: ["name"], source: "configservice/configuration_aggregator.go" },
  "aws:cfg/deliveryChannel:DeliveryChannel": {
    forceNew: ["name"],
    identity: [],
    source: "configservice/delivery_channel.go (one delivery channel per account and Region)",
  },
  "aws:cfg/recorder:Recorder": {
    forceNew: ["name"],
    identity: [],
    source: "configservice/configuration_recorder.go (one customer-managed recorder per account and Region)",
  },
  "aws:cfg/recorderStatus:RecorderStatus": { forceNew: ["name"], identity: ["name"], source: "configservice/configuration_recorder_status.go" },
  "aws:cloudformation/stackSet:StackSet": {
    forceNew: ["name", "autoDeployment"],
    identity: ["name"],
    constants: { autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false } },
    source: "cloudformation/stack_set.go",
  },
  "aws:cloudformation/stackSetInstance:StackSetInstance": {
    forceNew: ["stackSetName", "accountId", "deploymentTargets", "callAs", "stackSetInstanceRegion"],
    identity: ["stackSetName", "accountId", "deploymentTargets", "stackSetInstanceRegion"],
    constants: { callAs: "SELF" },
    source: "cloudformation/stack_set_instance.go",
  },
  "aws:cloudtrail/organizationDelegatedAdminAccount:OrganizationDelegatedAdminAccount": {
    forceNew: ["accountId"],
    identity: ["accountId"],
    source: "cloudtrail/organization_delegated_admin_account.go (CloudTrail allows several delegated administrators)",
  },
  "aws:cloudtrail/trail:Trail": { forceNew: ["name"], identity: ["name"], source: "cloudtrail/trail.go" },
  "aws:cloudwatch/eventRule:EventRule": {
    forceNew: ["name", "namePrefix", "eventBusName"],
    identity: ["name", "namePrefix", "eventBusName"],
    source: "events/rule.go",
  },
  "aws:cloudwatch/eventTarget:EventTarget": {
    forceNew: ["rule", "targetId", "eventBusName"],
    identity: ["rule", "targetId", "eventBusName"],
    source: "events/target.go (target_id defaults to a unique id)",
  },
  "aws:cloudwatch/logGroup:LogGroup": { forceNew: ["name", "namePrefix", "logGroupClass"], identity: ["name", "namePrefix"], source: "logs/group.go" },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": { forceNew: ["name", "logGroupName"], identity: ["name", "logGroupName"], source: "logs/metric_filter.go" },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { forceNew: ["name"], identity: ["name"], source: "cloudwatch/metric_alarm.go" },
  "aws:ebs/encryptionByDefault:EncryptionByDefault": { forceNew: [], identity: [], source: "ec2/ebs_encryption_by_default.go" },
  "aws:guardduty/detector:Detector": { forceNew: [], identity: [], source: "guardduty/detector.go" },
  "aws:guardduty/detectorFeature:DetectorFeature": {
    forceNew: ["detectorId", "name"],
    identity: ["detectorId", "name"],
    source: "guardduty/detector_feature.go",
  },
  "aws:guardduty/organizationAdminAccount:OrganizationAdminAccount": {
    forceNew: ["adminAccountId"],
    identity: [],
    source: "guardduty/organization_admin_account.go (one delegated administrator per Region)",
  },
  "aws:guardduty/organizationConfiguration:OrganizationConfiguration": {
    forceNew: ["detectorId"],
    identity: ["detectorId"],
    source: "guardduty/organization_configuration.go",
  },
  "aws:guardduty/organizationConfigurationFeature:OrganizationConfigurationFeature": {
    forceNew: ["detectorId", "name"],
    identity: ["detectorId", "name"],
    source: "guardduty/organization_configuration_feature.go",
  },
  "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": { forceNew: [], identity: [], source: "iam/account_password_policy.go" },
  "aws:iam/group:Group": { forceNew: [], identity: ["name"], source: "iam/group.go (UpdateGroup renames)" },
  "aws:iam/groupPolicy:GroupPolicy": { forceNew: ["group", "name", "namePrefix"], identity: ["group", "name", "namePrefix"], source: "iam/group_policy.go" },
  "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": {
    forceNew: ["group", "policyArn"],
    identity: ["group", "policyArn"],
    source: "iam/group_policy_attachment.go",
  },
  "aws:iam/organizationsFeatures:OrganizationsFeatures": { forceNew: [], identity: [], source: "iam/organizations_features.go" },
  "aws:iam/role:Role": { forceNew: ["name", "namePrefix", "path"], identity: ["name", "namePrefix"], source: "iam/role.go" },
  "aws:iam/rolePolicy:RolePolicy": { forceNew: ["role", "name", "namePrefix"], identity: ["role", "name", "namePrefix"], source: "iam/role_policy.go" },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    forceNew: ["role", "policyArn"],
    identity: ["role", "policyArn"],
    source: "iam/role_policy_attachment.go",
  },
  "aws:kms/alias:Alias": { forceNew: ["name", "namePrefix"], identity: ["name", "namePrefix"], source: "kms/alias.go" },
  "aws:kms/key:Key": {
    forceNew: ["customKeyStoreId", "xksKeyId", "keyUsage", "customerMasterKeySpec", "multiRegion"],
    source: "kms/key.go (AWS generates the key id)",
  },
  "aws:organizations/account:Account": {
    forceNew: ["email", "name", "roleName", "iamUserAccessToBilling"],
    identity: ["email"],
    neverReplace: true,
    source: "organizations/account.go",
  },
  "aws:organizations/delegatedAdministrator:DelegatedAdministrator": {
    forceNew: ["accountId", "servicePrincipal"],
    identity: ["servicePrincipal"],
    source: "organizations/delegated_administrator.go (Access Analyzer and AWS Config take one delegated administrator per service)",
  },
  "aws:organizations/organization:Organization": {
    forceNew: ["featureSet"],
    identity: [],
    constants: { featureSet: "ALL" },
    source: "organizations/organization.go (CustomizeDiff: featureSet ALL -> CONSOLIDATED_BILLING forces a new organization)",
  },
  "aws:organizations/organizationalUnit:OrganizationalUnit": {
    forceNew: ["parentId"],
    identity: ["name", "parentId"],
    source: "organizations/organizational_unit.go (no API moves an OU)",
  },
  "aws:organizations/policy:Policy": { forceNew: ["type"], identity: ["name", "type"], source: "organizations/policy.go" },
  "aws:organizations/policyAttachment:PolicyAttachment": {
    forceNew: ["policyId", "targetId"],
    identity: ["policyId", "targetId"],
    source: "organizations/policy_attachment.go",
  },
  "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock": {
    forceNew: ["accountId"],
    identity: ["accountId"],
    source: "s3control/account_public_access_block.go",
  },
  "aws:s3/bucket:Bucket": {
    forceNew: ["bucket", "bucketPrefix", "objectLockEnabled"],
    identity: ["bucket", "bucketPrefix"],
    constants: { objectLockEnabled: true },
    source: "s3/bucket.go (bucket names are global)",
  },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
    forceNew: ["bucket", "expectedBucketOwner"],
    identity: ["bucket"],
    source: "s3/bucket_lifecycle_configuration.go",
  },
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": {
    forceNew: ["bucket", "expectedBucketOwner"],
    identity: ["bucket"],
    source: "s3/bucket_object_lock_configuration.go",
  },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { forceNew: ["bucket"], identity: ["bucket"], source: "s3/bucket_ownership_controls.go" },
  "aws:s3/bucketPolicy:BucketPolicy": { forceNew: ["bucket"], identity: ["bucket"], source: "s3/bucket_policy.go" },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { forceNew: ["bucket"], identity: ["bucket"], source: "s3/bucket_public_access_block.go" },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
    forceNew: ["bucket", "expectedBucketOwner"],
    identity: ["bucket"],
    source: "s3/bucket_server_side_encryption_configuration.go",
  },
  "aws:s3/bucketVersioning:BucketVersioning": { forceNew: ["bucket", "expectedBucketOwner"], identity: ["bucket"], source: "s3/bucket_versioning.go" },
  "aws:securityhub/configurationPolicy:ConfigurationPolicy": { forceNew: [], identity: ["name"], source: "securityhub/configuration_policy.go" },
  "aws:securityhub/configurationPolicyAssociation:ConfigurationPolicyAssociation": {
    forceNew: ["targetId"],
    identity: ["targetId"],
    source: "securityhub/configuration_policy_association.go",
  },
  "aws:securityhub/findingAggregator:FindingAggregator": { forceNew: [], identity: [], source: "securityhub/finding_aggregator.go" },
  "aws:securityhub/organizationAdminAccount:OrganizationAdminAccount": {
    forceNew: ["adminAccountId"],
    identity: [],
    source: "securityhub/organization_admin_account.go (one delegated administrator)",
  },
  "aws:securityhub/organizationConfiguration:OrganizationConfiguration": { forceNew: [], identity: [], source: "securityhub/organization_configuration.go" },
  "aws:sns/topic:Topic": { forceNew: ["name", "namePrefix", "fifoTopic"], identity: ["name", "namePrefix"], source: "sns/topic.go" },
  "aws:sns/topicPolicy:TopicPolicy": { forceNew: ["arn"], identity: ["arn"], source: "sns/topic_policy.go" },
  "aws:sns/topicSubscription:TopicSubscription": {
    forceNew: ["topic", "protocol", "endpoint"],
    identity: ["topic", "protocol", "endpoint"],
    source: "sns/topic_subscription.go",
  },
  "aws:ssoadmin/accountAssignment:AccountAssignment": {
    forceNew: ["instanceArn", "permissionSetArn", "principalId", "principalType", "targetId", "targetType"],
    identity: ["instanceArn", "permissionSetArn", "principalId", "principalType", "targetId", "targetType"],
    source: "ssoadmin/account_assignment.go",
  },
  "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment": {
    forceNew: ["instanceArn", "permissionSetArn", "managedPolicyArn"],
    identity: ["instanceArn", "permissionSetArn", "managedPolicyArn"],
    source: "ssoadmin/managed_policy_attachment.go",
  },
  "aws:ssoadmin/permissionSet:PermissionSet": { forceNew: ["instanceArn", "name"], identity: ["instanceArn", "name"], source: "ssoadmin/permission_set.go" },
};

/** The part of a registration the check reads. */
export interface ReplaceSubject {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly inputs: Record<string, unknown>;
  readonly deleteBeforeReplace?: boolean;
  readonly ignoreChanges: readonly string[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Why this registration would fail a replacement (an empty list when it cannot): for every replace-forcing input
 * outside the identity that the program sets, deleteBeforeReplace, ignoreChanges or the table's literal is required;
 * an account takes ignoreChanges only.
 */
export function replaceProblems(reg: ReplaceSubject): string[] {
  if (!reg.custom || reg.type.startsWith("pulumi:") || reg.type.startsWith("pulumi-nodejs:")) return [];
  const rule = REPLACE_RULES[reg.type];
  if (!rule) return [`${reg.type} has no entry in lib/replaceRules.ts: add its replace-forcing inputs from the provider's source`];
  const problems: string[] = [];
  for (const input of rule.forceNew) {
    if (!(input in reg.inputs) || reg.ignoreChanges.includes(input)) continue;
    if (rule.neverReplace) {
      problems.push(`${input} forces replacement of this ${reg.type}: it must be in ignoreChanges`);
      continue;
    }
    if (rule.identity === undefined || rule.identity.includes(input) || reg.deleteBeforeReplace) continue;
    if (rule.constants && input in rule.constants && same(rule.constants[input], reg.inputs[input])) continue;
    problems.push(
      `${input} forces replacement and the new object would collide with the old one (${rule.identity.length ? `same ${rule.identity.join("/")}` : "one per account and Region"}): set deleteBeforeReplace or ignoreChanges`,
    );
  }
  return problems;
}
