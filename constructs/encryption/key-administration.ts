import type { PolicyStatement } from "../iam-policy";

/**
 * Key administration written out rather than `kms:*`, so the account statement of a key policy reads
 * as an explicit grant that delegates to IAM ("Default key policy", AWS KMS Developer Guide: allows
 * access to the AWS account and enables IAM policies). In a key policy, resource "*" means this key.
 */
export const KEY_ADMINISTRATION_ACTIONS = [
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
] as const;

export interface AccountKeyAccessProps {
  /** The account whose IAM policies decide who administers and uses the key. */
  readonly accountId: string;
  /** Cryptographic operations IAM principals of the account may be granted, e.g. kms:Decrypt. */
  readonly use: readonly string[];
  /** Symmetric keys rotate on demand; asymmetric (signing) keys cannot. @default true */
  readonly symmetric?: boolean;
  /** @default "AccountAdministersAndDelegatesToIam" */
  readonly sid?: string;
}

/** The account-root statement every key policy of the platform starts with: administration and `use`, through IAM. */
export function accountKeyAccess(props: AccountKeyAccessProps): PolicyStatement {
  return {
    Sid: props.sid ?? "AccountAdministersAndDelegatesToIam",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${props.accountId}:root` },
    Action: [...KEY_ADMINISTRATION_ACTIONS, ...((props.symmetric ?? true) ? ["kms:RotateKeyOnDemand"] : []), ...props.use],
    Resource: "*",
  };
}
