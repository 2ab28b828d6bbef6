import { join } from "node:path";
import { AssetType, TerraformAsset, Token } from "cdktf";
import { Construct } from "constructs";
import { DATABASE_ROLES, DEFAULT_LOG_RETENTION_DAYS, LOG_RETENTION_DAYS, MASTER_MANIFEST, SESSIONS_PREFIX, isLogRetentionDays, isTagValue, recordingIndexerName, deadLetterQueueName } from "../../contracts";
import { isHostName } from "../../lib/host-name";
import { suppress } from "../../policies/engine/suppressions";
import { databaseUserArn, type DatabaseConnection } from "../database";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { LambdaFunctionEventInvokeConfig } from "@cdktf/provider-aws/lib/lambda-function-event-invoke-config";
import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { S3BucketNotification } from "@cdktf/provider-aws/lib/s3-bucket-notification";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { opsAlarm } from "../observability/ops-alarm";
import { projectRoot } from "../../lib/project-root";
import { bundleLambda, type LambdaBundle } from "./bundle";
import { DeadLetterQueue } from "./dead-letter-queue";
import { createIndexerRole } from "./execution-role";
import { sweepAlarms } from "./sweep-alarms";

export interface RecordingIndexerProps {
  /** Resource name prefix, e.g. `livestream-dev`. */
  readonly namePrefix: string;
  /** AWS account id: ARNs in the role and the S3 invoke permission's source account. */
  readonly accountId: string;
  /** Region: ARNs in the role and KMS via-service conditions. */
  readonly region: string;
  /** VPC the function runs in. */
  readonly vpcId: string;
  /** VPC CIDR: where the database and the interface endpoints live. */
  readonly vpcCidr: string;
  /** Private subnets (with the Secrets Manager endpoint or a NAT) for the function's interfaces. */
  readonly privateSubnetIds: string[];
  /** The database the function writes live_sessions rows to, through its writer endpoint (Database.primaryConnection). */
  readonly database: DatabaseConnection;
  /** Platform KMS key: logs, dead-letter queue, environment variables, and the secret's key. */
  readonly kmsKeyArn: string;
  /** recorded-media-bucket name (the notification source). */
  readonly recordedBucketName: string;
  /** recorded-media-bucket ARN (the invoke permission's source ARN). */
  readonly recordedBucketArn: string;
  /** CloudFront host name serving recordings, e.g. media.dev.example.com. */
  readonly mediaDomainName: string;
  /** Ops SNS topic for the alarms. @default no alarms */
  readonly alarmTopicArn?: string;
  /** Channel pool whose recording-sweep metrics (Pool dimension) the sweep alarms watch. @default no sweep alarms */
  readonly sweepPool?: string;
  /**
   * Concurrent executions reserved (and capped). New accounts (quota 10) cannot reserve any, so it is
   * off unless set; the database role's CONNECTION LIMIT bounds connections either way.
   * @default no reservation
   */
  readonly reservedConcurrency?: number;
  /** Retries of a failed asynchronous invocation (0-2) before the dead-letter queue. @default 2 */
  readonly maximumRetryAttempts?: number;
  /** Oldest event age (60-21600 s) Lambda still retries. @default 21600 */
  readonly maximumEventAgeSeconds?: number;
  /** Function timeout in seconds. @default 30 */
  readonly timeoutSeconds?: number;
  /** Function memory in MB. @default 256 */
  readonly memorySizeMb?: number;
  /** Log retention in days (a CloudWatch Logs value). @default DEFAULT_LOG_RETENTION_DAYS (30) */
  readonly logRetentionDays?: number;
  /** CIDRs the function may reach on 443 (Secrets Manager). @default [vpcCidr] (the VPC's interface endpoints) */
  readonly httpsEgressCidrs?: string[];
  /** File name of a session's master manifest, the only kind indexed. @default index.m3u8 (contracts MASTER_MANIFEST) */
  readonly masterManifestName?: string;
  /** Object key prefix that triggers the function. @default sessions/ (contracts SESSIONS_PREFIX) */
  readonly keyPrefix?: string;
}

const HANDLER_ENTRY = join("lambda", "recording-indexer", "handler.ts");

function validate(props: RecordingIndexerProps): void {
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => ok || problems.push(message);
  const known = (v: unknown) => !Token.isUnresolved(v);
  check(/^[a-z][a-z0-9-]{1,40}$/.test(props.namePrefix), `namePrefix '${props.namePrefix}' must be lower-case letters, digits and '-'`);
  check(!known(props.privateSubnetIds) || props.privateSubnetIds.length > 0, "privateSubnetIds must list at least one subnet");
  const concurrency = props.reservedConcurrency;
  check(concurrency === undefined || (Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 1000), `reservedConcurrency must be 1-1000 or unset, got ${concurrency}`);
  const retries = props.maximumRetryAttempts ?? 2;
  check([0, 1, 2].includes(retries), `maximumRetryAttempts must be 0, 1 or 2 (Lambda's limit), got ${retries}`);
  const age = props.maximumEventAgeSeconds ?? 21600;
  check(Number.isInteger(age) && age >= 60 && age <= 21600, `maximumEventAgeSeconds must be 60-21600, got ${age}`);
  const timeout = props.timeoutSeconds ?? 30;
  check(Number.isInteger(timeout) && timeout >= 10 && timeout <= 900, `timeoutSeconds must be 10-900 (the database connect timeout is 5 s), got ${timeout}`);
  check(isLogRetentionDays(props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS), `logRetentionDays must be one of ${LOG_RETENTION_DAYS.join(", ")}`);
  // The same rule the function applies to MEDIA_DOMAIN at start (lib/host-name.ts).
  check(!known(props.mediaDomainName) || isHostName(props.mediaDomainName), `mediaDomainName '${props.mediaDomainName}' must be a lower-case host name`);
  check(/^[A-Za-z0-9._-]+\.m3u8$/.test(props.masterManifestName ?? MASTER_MANIFEST), "masterManifestName must be a file name ending in .m3u8");
  check(/^[A-Za-z0-9._/-]+\/$/.test(props.keyPrefix ?? SESSIONS_PREFIX), "keyPrefix must end with '/'");
  check(props.sweepPool === undefined || isTagValue(props.sweepPool), `sweepPool '${props.sweepPool}' is not a valid tag value`);
  if (problems.length) throw new Error(`RecordingIndexer: ${problems.join("; ")}`);
}

/**
 * Design steps 19-20: when MediaPackage writes a session's HLS manifest to recorded-media-bucket, a
 * Lambda in the VPC records its S3 URI and CloudFront playback URL on the session's row. S3 invokes
 * it asynchronously: failures are retried a bounded number of times and then land, with Lambda's
 * error context, in an encrypted dead-letter queue (see lambda/recording-indexer/indexer.ts).
 *
 * The database must admit `securityGroupId` on its port (Database.allowFrom).
 */
export class RecordingIndexer extends Construct {
  readonly functionName: string;
  readonly functionArn: string;
  /** The function's security group: allow it into the database. */
  readonly securityGroupId: string;
  readonly roleArn: string;
  readonly deadLetterQueueArn: string;
  readonly deadLetterQueueUrl: string;
  readonly logGroupName: string;
  /** The bundled code (path, hash, size). */
  readonly bundle: LambdaBundle;

  constructor(scope: Construct, id: string, props: RecordingIndexerProps) {
    super(scope, id);
    validate(props);
    const name = recordingIndexerName(props.namePrefix);
    const dlqName = deadLetterQueueName(name);
    const port = props.database.port;

    const securityGroup = new SecurityGroup(this, "security-group", {
      name,
      description: "Recording indexer Lambda: PostgreSQL and HTTPS inside the VPC only",
      vpcId: props.vpcId,
      tags: { Name: name },
    });
    // No ingress: nothing calls the function over the network. Egress is listed rule by rule.
    new VpcSecurityGroupEgressRule(this, "egress-postgres", {
      securityGroupId: securityGroup.id,
      description: "PostgreSQL primary",
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrIpv4: props.vpcCidr,
    });
    (props.httpsEgressCidrs ?? [props.vpcCidr]).forEach((cidr, i) => {
      new VpcSecurityGroupEgressRule(this, `egress-https-${i}`, {
        securityGroupId: securityGroup.id,
        description: "HTTPS to AWS APIs (the SQS endpoint: parking failed events)",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      });
    });

    const logGroup = new CloudwatchLogGroup(this, "log-group", {
      name: `/aws/lambda/${name}`,
      retentionInDays: props.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
      kmsKeyId: props.kmsKeyArn,
    });
    const deadLetters = new DeadLetterQueue(this, "dead-letter-queue", { name: dlqName, kmsKeyArn: props.kmsKeyArn });

    const { role, policy } = createIndexerRole(this, {
      roleName: name,
      region: props.region,
      accountId: props.accountId,
      logGroupArn: logGroup.arn,
      vpcId: props.vpcId,
      databaseUserArn: databaseUserArn(props.region, props.accountId, props.database.resourceId, DATABASE_ROLES.indexer),
      kmsKeyArn: props.kmsKeyArn,
      deadLetterQueueArn: deadLetters.arn,
    });

    // Bundled at synth (cached by content hash). The pinned AWS SDK client goes into the bundle
    // rather than relying on the runtime's copy, so what was tested is what runs.
    this.bundle = bundleLambda({ entry: HANDLER_ENTRY, name: "recording-indexer", projectRoot: projectRoot() });
    const code = new TerraformAsset(this, "code", { path: this.bundle.zipPath, type: AssetType.FILE, assetHash: this.bundle.digest.slice(0, 32) });

    const fn = new LambdaFunction(this, "function", {
      functionName: name,
      description: "Writes recording S3 URIs and playback URLs onto live_sessions rows",
      role: role.arn,
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      filename: code.path,
      sourceCodeHash: this.bundle.sourceCodeHash,
      memorySize: props.memorySizeMb ?? 256,
      timeout: props.timeoutSeconds ?? 30,
      reservedConcurrentExecutions: props.reservedConcurrency,
      tracingConfig: { mode: "Active" },
      vpcConfig: { subnetIds: props.privateSubnetIds, securityGroupIds: [securityGroup.id] },
      kmsKeyArn: props.kmsKeyArn,
      environment: {
        variables: {
          PGHOST: props.database.host,
          PGPORT: String(port),
          PGDATABASE: props.database.name,
          PGUSER: DATABASE_ROLES.indexer,
          PGSSLMODE: "verify-full",
          // IAM database authentication: a token per connection, no secret to read or rotate.
          LIVESTREAM_DB_AUTH: "iam",
          // The Node.js 20+ runtimes no longer load Amazon's CA bundle (RDS included) by default.
          NODE_EXTRA_CA_CERTS: "/var/runtime/ca-cert.pem",
          MEDIA_DOMAIN: props.mediaDomainName,
          MASTER_MANIFEST: props.masterManifestName ?? MASTER_MANIFEST,
          DEAD_LETTER_QUEUE_URL: deadLetters.url,
        },
      },
      // The log group exists (with retention and KMS) before Lambda would create one without them.
      dependsOn: [logGroup, policy],
    });
    if (props.reservedConcurrency === undefined) {
      suppress(
        fn,
        "LS-LAMBDA-003",
        `reserved concurrency is configuration (recordingIndexer.reservedConcurrency), off by default: an account with the new-account quota of 10 cannot reserve any (CreateFunction fails); the ${DATABASE_ROLES.indexer} role's CONNECTION LIMIT 10 caps database connections instead`,
      );
    }

    new LambdaFunctionEventInvokeConfig(this, "async-invocation", {
      functionName: fn.functionName,
      maximumRetryAttempts: props.maximumRetryAttempts ?? 2,
      maximumEventAgeInSeconds: props.maximumEventAgeSeconds ?? 21600,
      destinationConfig: { onFailure: { destination: deadLetters.arn } },
    });

    const permission = new LambdaPermission(this, "allow-recorded-bucket", {
      statementId: "AllowRecordedMediaBucket",
      action: "lambda:InvokeFunction",
      functionName: fn.functionName,
      principal: "s3.amazonaws.com",
      sourceArn: props.recordedBucketArn,
      sourceAccount: props.accountId,
    });
    // Note: a bucket has exactly one notification configuration; this resource owns it.
    new S3BucketNotification(this, "recorded-bucket-notification", {
      bucket: props.recordedBucketName,
      lambdaFunction: [
        { id: "index-session-manifests", lambdaFunctionArn: fn.arn, events: ["s3:ObjectCreated:*"], filterPrefix: props.keyPrefix ?? SESSIONS_PREFIX, filterSuffix: ".m3u8" },
      ],
      dependsOn: [permission],
    });

    if (props.alarmTopicArn) {
      const fnDims = { FunctionName: name };
      opsAlarm(this, "errors-alarm", {
        topicArn: props.alarmTopicArn,
        alarmName: `${name}-errors`,
        description: "The recording indexer failed transiently (database down or busy, deadline). Lambda retries; events that still fail end in the DLQ (ops recordings replay).",
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions: fnDims,
        statistic: "Sum",
        threshold: 0,
        treatMissingData: "notBreaching",
      });
      opsAlarm(this, "dead-letters-alarm", {
        topicArn: props.alarmTopicArn,
        alarmName: `${name}-dlq-not-empty`,
        description: `Recording events wait in ${dlqName} (retries exhausted, or parked as permanent failures with their reason): their sessions have no playback URL. Fix the cause, then ops recordings replay.`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: dlqName },
        statistic: "Maximum",
        threshold: 0,
        treatMissingData: "notBreaching",
      });
      opsAlarm(this, "lost-events-alarm", {
        topicArn: props.alarmTopicArn,
        alarmName: `${name}-destination-delivery-failures`,
        description: "Lambda could not put failed recording events into the DLQ (check its KMS key policy and the role): those events are lost.",
        namespace: "AWS/Lambda",
        metricName: "DestinationDeliveryFailures",
        dimensions: fnDims,
        statistic: "Sum",
        threshold: 0,
        treatMissingData: "notBreaching",
      });
    }

    if (props.alarmTopicArn && props.sweepPool) sweepAlarms(this, { topicArn: props.alarmTopicArn, namePrefix: name, pool: props.sweepPool });

    this.functionName = fn.functionName;
    this.functionArn = fn.arn;
    this.securityGroupId = securityGroup.id;
    this.roleArn = role.arn;
    this.deadLetterQueueArn = deadLetters.arn;
    this.deadLetterQueueUrl = deadLetters.url;
    this.logGroupName = logGroup.name;
  }
}
