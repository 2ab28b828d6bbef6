/**
 * Key policy of the DNSSEC key-signing KMS key ("Working with customer managed keys for DNSSEC",
 * Route 53 Developer Guide): Route 53's DNSSEC service may read the public key and sign for this
 * account's zone only, and create the grant it uses for the zone; the account administers the key
 * through IAM.
 */
import { accountKeyAccess } from "../encryption/key-administration";
import { fromAccount, policyDocument } from "../iam-policy";

export const ROUTE53_DNSSEC_SERVICE = "dnssec-route53.amazonaws.com";

export function signingKeyPolicy(accountId: string, zoneId: string): string {
  return policyDocument([
    // An asymmetric SIGN_VERIFY key: no on-demand rotation, no encryption.
    accountKeyAccess({ accountId, symmetric: false, use: ["kms:Sign", "kms:Verify"] }),
    {
      Sid: "Route53DnssecSignsThisZone",
      Effect: "Allow",
      Principal: { Service: ROUTE53_DNSSEC_SERVICE },
      Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
      Resource: "*",
      Condition: fromAccount(accountId, `arn:aws:route53:::hostedzone/${zoneId}`),
    },
    {
      Sid: "Route53DnssecCreatesItsGrant",
      Effect: "Allow",
      Principal: { Service: ROUTE53_DNSSEC_SERVICE },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ]);
}
