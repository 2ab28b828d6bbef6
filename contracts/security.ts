/** Names the security constructs write and the policy pack checks for. */
import { TAG_PREFIX } from "./tags";

/** Tag key on S3 buckets naming what they hold; the audit rules find the Terraform state bucket by it. */
export const DATA_CLASS_TAG = `${TAG_PREFIX}data-class`;
/** DATA_CLASS_TAG value of the bucket holding Terraform state (read and written through CloudTrail data events). */
export const TERRAFORM_STATE_DATA_CLASS = "terraform-state";

/** AWS WAF logs only to destinations whose name starts with this (WAF Developer Guide, "Logging web ACL traffic"). */
export const WAF_LOG_DESTINATION_PREFIX = "aws-waf-logs-";

/** CloudWatch namespace of Route 53's metrics, DNSSEC's included. */
export const ROUTE53_METRICS_NAMESPACE = "AWS/Route53";
/** Route 53 DNSSEC metrics (namespace AWS/Route53, us-east-1, dimension HostedZoneId) every signed zone alarms on. */
export const DNSSEC_ALARM_METRICS = {
  internalFailure: "DNSSECInternalFailure",
  keySigningKeysNeedingAction: "DNSSECKeySigningKeysNeedingAction",
} as const;
