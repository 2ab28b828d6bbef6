/**
 * Key policy of the DNSSEC key-signing KMS key ("Working with customer managed keys for DNSSEC",
 * Route 53 Developer Guide): Route 53's DNSSEC service may read the public key and sign for this
 * account's zone only, and create the grant it uses for the zone; the account administers the key
 * through IAM. Written as literal JSON (not a data source) so it can name the zone being created.
 */

/** Administration and signing for the account's IAM principals; no kms:* wildcard. */
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
  "kms:Sign",
  "kms:Verify",
];

export const ROUTE53_DNSSEC_SERVICE = "dnssec-route53.amazonaws.com";

export function signingKeyPolicy(accountId: string, zoneId: string): string {
  const zoneArn = `arn:aws:route53:::hostedzone/${zoneId}`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministersAndDelegatesToIam",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: ACCOUNT_ACTIONS,
        Resource: "*",
      },
      {
        Sid: "Route53DnssecSignsThisZone",
        Effect: "Allow",
        Principal: { Service: ROUTE53_DNSSEC_SERVICE },
        Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": zoneArn } },
      },
      {
        Sid: "Route53DnssecCreatesItsGrant",
        Effect: "Allow",
        Principal: { Service: ROUTE53_DNSSEC_SERVICE },
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  });
}
