import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { Route53HostedZoneDnssec } from "@cdktf/provider-aws/lib/route53-hosted-zone-dnssec";
import { Route53KeySigningKey } from "@cdktf/provider-aws/lib/route53-key-signing-key";
import { DNSSEC_ALARM_METRICS, ROUTE53_METRICS_NAMESPACE } from "../../contracts/security";
import { DEFAULT_KEY_DELETION_WINDOW_DAYS, deletionWindowProblem, PlatformKey } from "../encryption";
import { DEFAULT_LOG_RETENTION_DAYS } from "../../contracts";
import { OpsAlerts, opsAlarm } from "../observability";
import { ZoneQueryLog } from "./query-log";
import { signingKeyPolicy } from "./signing-key-policy";

export { ROUTE53_DNSSEC_SERVICE } from "./signing-key-policy";

export interface HostedZoneSecurityProps {
  /** Prefix of every resource name, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  readonly accountId: string;
  /** The public hosted zone the stack created (an adopted zone is signed by whoever owns it). */
  readonly zoneId: string;
  readonly zoneName: string;
  /** Provider aliased to us-east-1: DNSSEC keys, query log groups and Route 53 metrics must be there. */
  readonly usEast1Provider: TerraformProvider;
  /** Who gets the DNSSEC alarms by e-mail: a us-east-1 topic of its own, as alarms only notify topics in their region. */
  readonly alarmEmails: string[];
  /** Days DNS query logs are kept. @default 30 */
  readonly queryLogRetentionDays?: number;
  /** Days a deleted KMS key waits (7-30): the window to undo the mistake before the zone stops resolving. @default 30 */
  readonly keyDeletionWindowDays?: number;
}

/**
 * DNSSEC signing and DNS query logging for a public hosted zone, with their us-east-1 pieces: the
 * key-signing KMS key (ECC_NIST_P256, SIGN_VERIFY), a symmetric key for the query log group and the
 * alert topic, that topic, and alarms on DNSSEC internal failures and key-signing keys that need
 * action. Signing is safe before the parent zone has the DS record (resolvers treat the zone as
 * unsigned until then); once the DS record is published, removing signing without removing the DS
 * record first takes the zone off the internet (docs/operations.md §2.4, "DNSSEC: hand the DS record to the parent").
 */
export class HostedZoneSecurity extends Construct {
  /** The DS record to add to the parent zone (or at the registrar), once signing is on. */
  readonly dsRecord: string;
  readonly queryLogGroupName: string;
  /** ARN of the us-east-1 alert topic. */
  readonly alertTopicArn: string;

  constructor(scope: Construct, id: string, props: HostedZoneSecurityProps) {
    super(scope, id);
    const retentionDays = props.queryLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS;
    const deletionWindowDays = props.keyDeletionWindowDays ?? DEFAULT_KEY_DELETION_WINDOW_DAYS;
    validate(props, deletionWindowDays);
    const provider = props.usEast1Provider;

    // Symmetric key for the us-east-1 log group and topic (the platform key lives in the platform's region).
    const edgeKey = new PlatformKey(this, "edge-key", { namePrefix: `${props.namePrefix}-edge`, accountId: props.accountId, region: "us-east-1", provider, deletionWindowDays });
    const alerts = new OpsAlerts(this, "alerts", { namePrefix: `${props.namePrefix}-edge`, kmsKeyArn: edgeKey.arn, accountId: props.accountId, emails: props.alarmEmails, provider });
    this.alertTopicArn = alerts.topicArn;

    // No automatic rotation: KMS rotates symmetric keys only. Rotating a KSK is the manual Route 53
    // procedure (second key and KSK, DS record swap at the parent; docs/operations.md).
    const signingKey = new KmsKey(this, "signing-key", {
      provider,
      description: `${props.namePrefix}: DNSSEC key-signing key of ${props.zoneName} (Route 53)`,
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      deletionWindowInDays: deletionWindowDays,
      policy: signingKeyPolicy(props.accountId, props.zoneId),
    });
    new KmsAlias(this, "signing-key-alias", { provider, name: `alias/${props.namePrefix}-dnssec`, targetKeyId: signingKey.keyId });

    const ksk = new Route53KeySigningKey(this, "key-signing-key", {
      provider,
      hostedZoneId: props.zoneId,
      keyManagementServiceArn: signingKey.arn,
      name: `${props.namePrefix.replace(/[^A-Za-z0-9]/g, "_")}_ksk_1`,
    });
    // Signing starts once the key-signing key is active.
    new Route53HostedZoneDnssec(this, "signing", { provider, hostedZoneId: props.zoneId, signingStatus: "SIGNING", dependsOn: [ksk] });
    this.dsRecord = ksk.dsRecord;

    const queryLog = new ZoneQueryLog(this, "query-log", {
      namePrefix: props.namePrefix,
      accountId: props.accountId,
      zoneId: props.zoneId,
      zoneName: props.zoneName,
      usEast1Provider: provider,
      kmsKeyArn: edgeKey.arn,
      retentionDays,
    });
    this.queryLogGroupName = queryLog.logGroupName;

    const alarm = (alarmId: string, metricName: string, description: string) =>
      opsAlarm(this, alarmId, {
        provider,
        topicArn: alerts.topicArn,
        alarmName: `${props.namePrefix}-${alarmId}`,
        description,
        namespace: ROUTE53_METRICS_NAMESPACE,
        metricName,
        dimensions: { HostedZoneId: props.zoneId },
        statistic: "Maximum",
        periodSeconds: 300,
        threshold: 0,
        treatMissingData: "notBreaching",
      });
    alarm(
      "dnssec-internal-failure",
      DNSSEC_ALARM_METRICS.internalFailure,
      `Route 53 reports an internal DNSSEC failure for ${props.zoneName}: signing may stop. Check 'aws route53 get-dnssec --hosted-zone-id ${props.zoneId}' and the key alias/${props.namePrefix}-dnssec in us-east-1.`,
    );
    alarm(
      "dnssec-ksk-needs-action",
      DNSSEC_ALARM_METRICS.keySigningKeysNeedingAction,
      `A DNSSEC key-signing key of ${props.zoneName} needs action (KMS key disabled, deleted or its policy changed). Within days the zone stops validating; see docs/operations.md section 2.4 ("DNSSEC: hand the DS record to the parent") and section 6 (the DNSSEC row).`,
    );
  }
}

function validate(props: HostedZoneSecurityProps, deletionWindowDays: number): void {
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9-]*$/.test(props.namePrefix)) problems.push(`namePrefix '${props.namePrefix}' must be lower-case letters, digits and dashes`);
  if (!/^\d{12}$/.test(props.accountId)) problems.push(`accountId '${props.accountId}' must be a 12-digit AWS account id`);
  if (props.alarmEmails.length === 0) problems.push("alarmEmails must list at least one address, otherwise DNSSEC alarms reach nobody");
  const window = deletionWindowProblem("keyDeletionWindowDays", deletionWindowDays);
  if (window) problems.push(window);
  if (problems.length) throw new Error(`HostedZoneSecurity: ${problems.join("; ")}`);
}
