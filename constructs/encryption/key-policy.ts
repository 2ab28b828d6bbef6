import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

export interface PlatformKeyPolicyProps {
  /** Account that owns the key; its IAM policies may grant use of it. */
  readonly accountId: string;
  /** Region of the key; CloudWatch Logs is trusted only in this region. */
  readonly region: string;
}

/**
 * Key administration and use, written out rather than `kms:*`, so the root statement reads as an
 * explicit grant that delegates to IAM. In a key policy, resource "*" means this key only.
 */
const ACCOUNT_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
];

/**
 * The platform key's policy, as a local `aws_iam_policy_document` (no AWS call):
 * - the account root, so IAM policies in the account decide who uses the key;
 * - CloudWatch Logs in this region, only for this account's log groups (encryption context);
 * - CloudWatch alarms and Budgets, only on behalf of this account, so they can publish to topics
 *   encrypted with the key.
 */
export class PlatformKeyPolicy extends Construct {
  /** The policy JSON. */
  readonly json: string;

  constructor(scope: Construct, id: string, props: PlatformKeyPolicyProps) {
    super(scope, id);
    const { accountId, region } = props;
    const doc = new DataAwsIamPolicyDocument(this, "document", {
      statement: [
        {
          sid: "AccountAdministersAndDelegatesToIam",
          effect: "Allow",
          principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${accountId}:root`] }],
          actions: ACCOUNT_ACTIONS,
          resources: ["*"],
        },
        {
          sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: [`logs.${region}.amazonaws.com`] }],
          actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          resources: ["*"],
          condition: [
            {
              test: "ArnLike",
              variable: "kms:EncryptionContext:aws:logs:arn",
              values: [`arn:aws:logs:${region}:${accountId}:log-group:*`],
            },
          ],
        },
        // CloudWatch alarms and Budgets send aws:SourceAccount with the KMS requests SNS makes for them
        // (SNS Developer Guide, "Enable compatibility between event sources from AWS services and
        // encrypted topics"). EventBridge does not (EventBridge User Guide: aws:SourceAccount and
        // aws:SourceArn are not supported in a KMS key policy for its delivery), so it is not here: no
        // EventBridge rule of the platform targets the key's topics or queues, and one that does needs
        // its own statement without aws:Source* conditions.
        {
          sid: "AlarmsAndBudgetsPublishToEncryptedTopics",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"] }],
          actions: ["kms:GenerateDataKey*", "kms:Decrypt"],
          resources: ["*"],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [accountId] }],
        },
        schedulerStatement(accountId, region),
      ],
    });
    this.json = doc.json;
  }
}

/**
 * EventBridge Scheduler encrypts schedules with this key: the principal that creates or updates a
 * schedule and the schedule's execution role (which decrypts it at every run) use the key only for
 * this account's schedules in this region ("Encryption at rest in EventBridge Scheduler"; the
 * encryption context names the schedule). Their IAM policies must grant it too.
 */
function schedulerStatement(accountId: string, region: string) {
  return {
    sid: "EventBridgeSchedulerEncryptsThisAccountsSchedules",
    effect: "Allow",
    principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${accountId}:root`] }],
    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
    resources: ["*"],
    condition: [{ test: "StringLike", variable: "kms:EncryptionContext:aws:scheduler:schedule:arn", values: [`arn:aws:scheduler:${region}:${accountId}:schedule/*`] }],
  };
}
