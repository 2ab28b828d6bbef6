/**
 * Key policy of the audit trail's KMS key ("Configure AWS KMS key policies for CloudTrail",
 * CloudTrail User Guide): CloudTrail may generate data keys and describe the key only for this trail
 * (aws:SourceArn) and only with this account's trail encryption context; the account administers and
 * reads the logs through IAM (kms:Decrypt is granted to IAM principals, not to anyone outside).
 */
import { accountKeyAccess } from "../encryption/key-administration";
import { policyDocument } from "../iam-policy";

export function trailKeyPolicy(accountId: string, trailArn: string): string {
  return policyDocument([
    accountKeyAccess({ accountId, sid: "AccountAdministersAndReadsLogsThroughIam", use: ["kms:Decrypt", "kms:ReEncryptFrom"] }),
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
  ]);
}
