import { fromAccount, policyDocument } from "../iam-policy";
import { accountKeyAccess } from "./key-administration";

export interface PlatformKeyPolicyProps {
  /** Account that owns the key; its IAM policies may grant use of it. */
  readonly accountId: string;
  /** Region of the key; CloudWatch Logs is trusted only in this region. */
  readonly region: string;
}

/**
 * The platform key's policy:
 * - the account root, so IAM policies in the account decide who uses the key;
 * - CloudWatch Logs in this region, only for this account's log groups (encryption context);
 * - CloudWatch alarms and Budgets, only on behalf of this account, so they can publish to topics
 *   encrypted with the key;
 * - EventBridge Scheduler, for this account's schedules in this region.
 */
export function platformKeyPolicy(props: PlatformKeyPolicyProps): string {
  const { accountId, region } = props;
  return policyDocument([
    accountKeyAccess({ accountId, use: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"] }),
    {
      Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${accountId}:log-group:*` } },
    },
    // CloudWatch alarms and Budgets send aws:SourceAccount with the KMS requests SNS makes for them
    // (SNS Developer Guide, "Enable compatibility between event sources from AWS services and
    // encrypted topics"). EventBridge does not (EventBridge User Guide: aws:SourceAccount and
    // aws:SourceArn are not supported in a KMS key policy for its delivery), so it is not here: no
    // EventBridge rule of the platform targets the key's topics or queues, and one that does needs
    // its own statement without aws:Source* conditions.
    {
      Sid: "AlarmsAndBudgetsPublishToEncryptedTopics",
      Effect: "Allow",
      Principal: { Service: ["budgets.amazonaws.com", "cloudwatch.amazonaws.com"] },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: fromAccount(accountId),
    },
    // EventBridge Scheduler encrypts schedules with this key: the principal that creates or updates a
    // schedule and the schedule's execution role (which decrypts it at every run) use the key only for
    // this account's schedules in this region ("Encryption at rest in EventBridge Scheduler"; the
    // encryption context names the schedule). Their IAM policies must grant it too.
    {
      Sid: "EventBridgeSchedulerEncryptsThisAccountsSchedules",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${accountId}:root` },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringLike: { "kms:EncryptionContext:aws:scheduler:schedule:arn": `arn:aws:scheduler:${region}:${accountId}:schedule/*` } },
    },
  ]);
}
