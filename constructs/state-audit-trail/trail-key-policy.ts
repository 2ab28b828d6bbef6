/**
 * Key policy of the audit trail's KMS key ("Configure AWS KMS key policies for CloudTrail",
 * CloudTrail User Guide): CloudTrail may generate data keys and describe the key only for this trail
 * (aws:SourceArn) and only with this account's trail encryption context; the account administers and
 * reads the logs through IAM (kms:Decrypt is granted to IAM principals, not to anyone outside).
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
  "kms:Decrypt",
  "kms:ReEncryptFrom",
];

export function trailKeyPolicy(accountId: string, trailArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersAndReadsLogsThroughIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ACCOUNT_ACTIONS,
        Resource: "*",
      },
      {
        Sid: "CloudTrailEncryptsThisTrailsLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": trailArn },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${accountId}:trail/*` },
        },
      },
      {
        Sid: "CloudTrailDescribesTheKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": trailArn } },
      },
    ],
  });
}
