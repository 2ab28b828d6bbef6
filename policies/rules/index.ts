/** The livestream policy pack: every rule, one per file under rules/<area>/. */
import type { Rule } from "../engine/types";
import { loadBalancerAccessLogs } from "./alb/access-logs";
import { loadBalancerDeletionProtection } from "./alb/deletion-protection";
import { dropInvalidHeaders } from "./alb/drop-invalid-headers";
import { httpsListener } from "./alb/https-listener";
import { tlsPolicy } from "./alb/tls-policy";
import { asyncLambdaFailureAlarm } from "./async/async-lambda-failure-alarm";
import { deadLetterQueueAlarm } from "./async/dead-letter-queue-alarm";
import { pipeSourceDeadLetterQueue } from "./async/pipe-source-dead-letter-queue";
import { scheduleDeadLetterQueue } from "./async/schedule-dead-letter-queue";
import { subscriptionDeadLetterQueue } from "./async/subscription-dead-letter-queue";
import { scheduleCustomerKey } from "./async/schedule-customer-key";
import { trailMultiRegion } from "./audit/trail-multi-region";
import { trailLogValidation } from "./audit/trail-log-validation";
import { trailCustomerKey } from "./audit/trail-customer-key";
import { stateBucketDataEvents } from "./audit/state-data-events";
import { zoneDnssec } from "./dns/zone-dnssec";
import { zoneQueryLog } from "./dns/zone-query-log";
import { dnssecAlarms } from "./dns/dnssec-alarms";
import { loadBalancerWebAcl } from "./waf/load-balancer-web-acl";
import { webAclLogging } from "./waf/web-acl-logging";
import { knownBadInputs } from "./waf/known-bad-inputs";
import { managedBaseline } from "./waf/managed-baseline";
import { clientRateLimit } from "./waf/client-rate-limit";
import { accessLogging } from "./cloudfront/access-logging";
import { geoRestriction } from "./cloudfront/geo-restriction";
import { minimumTls } from "./cloudfront/minimum-tls";
import { originAccessControl } from "./cloudfront/origin-access-control";
import { viewerHttps } from "./cloudfront/viewer-https";
import { webApplicationFirewall } from "./cloudfront/web-application-firewall";
import { clusterContainerInsights } from "./ecs/cluster-container-insights";
import { containerNotPrivileged } from "./ecs/container-not-privileged";
import { noPlaintextSecrets } from "./ecs/no-plaintext-secrets";
import { readOnlyRootFilesystem } from "./ecs/read-only-root-filesystem";
import { serviceNoPublicIp } from "./ecs/service-no-public-ip";
import { noAdminWildcard } from "./iam/no-admin-wildcard";
import { policyReadable } from "./iam/policy-readable";
import { sarActionExists } from "./iam/sar-action-exists";
import { sarConditionKeys } from "./iam/sar-condition-keys";
import { sarResourceTypes } from "./iam/sar-resource-types";
import { sarUnscopedActionsOnStar } from "./iam/sar-unscoped-actions-on-star";
import { keyRotation } from "./kms/key-rotation";
import { functionDeadLetterQueue } from "./lambda/function-dead-letter-queue";
import { functionInVpc } from "./lambda/function-in-vpc";
import { functionReservedConcurrency } from "./lambda/function-reserved-concurrency";
import { functionTracing } from "./lambda/function-tracing";
import { logGroupEncryption } from "./logs/log-group-encryption";
import { logGroupOneYearRetention } from "./logs/log-group-one-year-retention";
import { logGroupRetention } from "./logs/log-group-retention";
import { mediaLiveInputSecurityGroup } from "./network/medialive-input-security-group";
import { mediaLivePushInputRestricted } from "./network/medialive-push-input-restricted";
import { securityGroupPublicIngress } from "./network/security-group-public-ingress";
import { vpcFlowLogs } from "./network/vpc-flow-logs";
import { backupRetention } from "./rds/backup-retention";
import { databaseDeletionProtection } from "./rds/deletion-protection";
import { enhancedMonitoring } from "./rds/enhanced-monitoring";
import { forceSsl } from "./rds/force-ssl";
import { iamAuthentication } from "./rds/iam-authentication";
import { logExports } from "./rds/log-exports";
import { minorVersionUpgrade } from "./rds/minor-version-upgrade";
import { multiAz } from "./rds/multi-az";
import { notPubliclyAccessible } from "./rds/not-publicly-accessible";
import { performanceInsights } from "./rds/performance-insights";
import { storageEncryption } from "./rds/storage-encryption";
import { bucketAccessLogging } from "./s3/bucket-access-logging";
import { bucketEncryption } from "./s3/bucket-encryption";
import { bucketKmsEncryption } from "./s3/bucket-kms-encryption";
import { bucketPublicAccessBlock } from "./s3/bucket-public-access-block";
import { bucketTlsOnlyPolicy } from "./s3/bucket-tls-only-policy";
import { recordingsBucketVersioning } from "./s3/recordings-bucket-versioning";
import { topicEncryption } from "./sns/topic-encryption";
import { queueDeadLetterQueue } from "./sqs/queue-dead-letter-queue";
import { queueEncryption } from "./sqs/queue-encryption";

export const ALL_RULES: readonly Rule[] = [
  loadBalancerAccessLogs,
  loadBalancerDeletionProtection,
  dropInvalidHeaders,
  httpsListener,
  tlsPolicy,
  asyncLambdaFailureAlarm,
  deadLetterQueueAlarm,
  pipeSourceDeadLetterQueue,
  scheduleDeadLetterQueue,
  subscriptionDeadLetterQueue,
  scheduleCustomerKey,
  trailMultiRegion,
  trailLogValidation,
  trailCustomerKey,
  stateBucketDataEvents,
  zoneDnssec,
  zoneQueryLog,
  dnssecAlarms,
  loadBalancerWebAcl,
  webAclLogging,
  knownBadInputs,
  managedBaseline,
  clientRateLimit,
  accessLogging,
  geoRestriction,
  minimumTls,
  originAccessControl,
  viewerHttps,
  webApplicationFirewall,
  clusterContainerInsights,
  containerNotPrivileged,
  noPlaintextSecrets,
  readOnlyRootFilesystem,
  serviceNoPublicIp,
  noAdminWildcard,
  sarActionExists,
  sarUnscopedActionsOnStar,
  sarResourceTypes,
  sarConditionKeys,
  policyReadable,
  keyRotation,
  functionDeadLetterQueue,
  functionInVpc,
  functionReservedConcurrency,
  functionTracing,
  logGroupEncryption,
  logGroupOneYearRetention,
  logGroupRetention,
  mediaLiveInputSecurityGroup,
  mediaLivePushInputRestricted,
  securityGroupPublicIngress,
  vpcFlowLogs,
  backupRetention,
  databaseDeletionProtection,
  enhancedMonitoring,
  forceSsl,
  iamAuthentication,
  logExports,
  minorVersionUpgrade,
  multiAz,
  notPubliclyAccessible,
  performanceInsights,
  storageEncryption,
  bucketAccessLogging,
  bucketEncryption,
  bucketKmsEncryption,
  bucketPublicAccessBlock,
  bucketTlsOnlyPolicy,
  recordingsBucketVersioning,
  topicEncryption,
  queueDeadLetterQueue,
  queueEncryption,
];
