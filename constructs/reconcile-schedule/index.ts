import { Construct } from "constructs";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { SchedulerSchedule } from "@cdktf/provider-aws/lib/scheduler-schedule";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { opsAlarm } from "../observability/ops-alarm";
import { scheduleDecryptStatement } from "../encryption/schedule-decrypt";
import { suppress } from "../../policies/engine/suppressions";
import { reconcileDatabaseEnvironment, reconcileDatabaseStatements } from "./database-access";
import { isLogRetentionDays, isTagValue, MAX_STARTOVER_WINDOW_HOURS, OPS_METRICS, POOL_DIMENSION, RDS_CA_BUNDLE_PATH } from "../../contracts";
import { RECONCILE_SCHEDULE_DEFAULTS, type ReconcileScheduleProps } from "./props";
import { durationMs } from "../../lib/duration";
import { ratePeriodMs } from "../../lib/rate-expression";

export { RECONCILE_SCHEDULE_DEFAULTS, type ReconcileScheduleProps } from "./props";
import { ecsTasksTrustPolicy, fromAccount, imagePullStatements, policyDocument, serviceTrustPolicy } from "../iam-policy";
import { reconcileTaskStatements } from "./policies";


/** Time the task needs around the pass: Fargate start-up, image pull, node start. */
const TASK_OVERHEAD_MS = 5_000;

/**
 * Runs `ops sessions reconcile` against the live_sessions table every minute: an ECS Fargate task
 * started by EventBridge Scheduler in private subnets, with roles that allow exactly the calls a
 * pass makes, an alarm when the loop stops publishing its per-pass metrics, one when passes keep
 * reporting errors, and the failover alarm: fewer healthy channels than the next hour needs.
 */
export class ReconcileSchedule extends Construct {
  readonly taskDefinitionArn: string;
  readonly taskRoleArn: string;
  readonly executionRoleArn: string;
  readonly schedulerRoleArn: string;
  /** Security group of the task; the database must admit it on its port. */
  readonly securityGroupId: string;
  readonly logGroupName: string;
  readonly scheduleName: string;
  readonly alarmName: string;
  /** The failover alarm: fewer healthy channels than the next hour needs. */
  readonly shortfallAlarmName: string;

  constructor(scope: Construct, id: string, props: ReconcileScheduleProps) {
    super(scope, id);
    const d = RECONCILE_SCHEDULE_DEFAULTS;
    const scheduleExpression = props.scheduleExpression ?? d.scheduleExpression;
    const paused = props.paused ?? d.paused;
    const passDeadline = props.passDeadline ?? d.passDeadline;
    const transitionTimeout = props.transitionTimeout ?? d.transitionTimeout;
    const startoverWindowHours = props.startoverWindowHours ?? d.startoverWindowHours;
    const lead = props.lead ?? d.lead;
    const grace = props.grace ?? d.grace;
    const logRetentionDays = props.logRetentionDays ?? d.logRetentionDays;
    const problems: string[] = [];
    for (const [name, value] of Object.entries({ passDeadline, transitionTimeout, lead, grace })) {
      if (durationMs(value) === undefined) problems.push(`${name} '${value}' is not a duration such as 50s or 5m`);
    }
    const period = ratePeriodMs(scheduleExpression);
    const deadlineMs = durationMs(passDeadline);
    if (deadlineMs !== undefined && (deadlineMs < 5_000 || (period !== undefined && deadlineMs + TASK_OVERHEAD_MS > period))) {
      problems.push(`passDeadline '${passDeadline}' must be at least 5s and leave ${TASK_OVERHEAD_MS / 1000}s of the scheduleExpression '${scheduleExpression}' period for the task to start, so passes do not pile up`);
    }
    if (!Number.isInteger(startoverWindowHours) || startoverWindowHours < 1 || startoverWindowHours > MAX_STARTOVER_WINDOW_HOURS) problems.push(`startoverWindowHours must be 1-${MAX_STARTOVER_WINDOW_HOURS}, got ${startoverWindowHours}`);
    if (!props.privateSubnetIds.length) problems.push("privateSubnetIds must name at least one subnet");
    if (!isLogRetentionDays(logRetentionDays)) problems.push(`logRetentionDays ${logRetentionDays} is not a CloudWatch Logs retention`);
    if (!isTagValue(props.pool)) problems.push(`pool '${props.pool}' is not a valid tag value`);
    if (problems.length) throw new Error(`ReconcileSchedule: ${problems.join("; ")}`);
    const namespace = props.metricsNamespace ?? d.metricsNamespace;
    const name = `${props.namePrefix}-ops-reconcile`;
    const family = name;
    const taskDefinitionFamilyArn = `arn:aws:ecs:${props.region}:${props.accountId}:task-definition/${family}:*`;

    const logGroup = new CloudwatchLogGroup(this, "logs", {
      name: `/ecs/${name}`,
      retentionInDays: logRetentionDays,
      kmsKeyId: props.kmsKeyArn,
    });

    const executionRole = new IamRole(this, "execution-role", {
      name: `${name}-execution`,
      assumeRolePolicy: ecsTasksTrustPolicy(props.accountId, props.region),
    });
    new IamRolePolicy(this, "execution-policy", {
      role: executionRole.name,
      name: "start-task",
      policy: policyDocument([
        { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
        ...imagePullStatements(props.image),
      ]),
    });

    const taskRole = new IamRole(this, "task-role", {
      name: `${name}-task`,
      assumeRolePolicy: ecsTasksTrustPolicy(props.accountId, props.region),
    });
    new IamRolePolicy(this, "task-policy", {
      role: taskRole.name,
      name: "reconcile-channels",
      policy: policyDocument(
        reconcileTaskStatements({ accountId: props.accountId, region: props.region, pool: props.pool, harvestRoleArn: props.harvestRoleArn, metricsNamespace: namespace }),
      ),
    });

    new IamRolePolicy(this, "task-database-policy", {
      role: taskRole.name,
      name: "database-and-recordings",
      policy: policyDocument(reconcileDatabaseStatements({ region: props.region, accountId: props.accountId, databaseResourceId: props.database.resourceId, recordedBucketName: props.recordedBucketName })),
    });

    const sg = new SecurityGroup(this, "security-group", {
      name: `${name}-task`,
      description: "ops reconcile task: HTTPS to AWS APIs, PostgreSQL inside the VPC; nothing inbound",
      vpcId: props.vpcId,
      egress: [
        { description: "AWS APIs (MediaLive, MediaPackage, CloudWatch, ECR, logs)", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
        { description: "PostgreSQL in the VPC", protocol: "tcp", fromPort: props.database.port, toPort: props.database.port, cidrBlocks: [props.vpcCidr] },
      ],
    });

    const command = [
      "sessions",
      "reconcile",
      "--schedule",
      "postgres://",
      "--pool",
      props.pool,
      "--lead",
      lead,
      "--grace",
      grace,
      "--deadline",
      passDeadline,
      "--transition-timeout",
      transitionTimeout,
      "--startover-window",
      `${startoverWindowHours}h`,
      "--metrics-namespace",
      namespace,
      "--json",
    ];
    const container = {
      name: "reconcile",
      image: props.image,
      essential: true,
      command,
      readonlyRootFilesystem: true,
      user: "1000",
      environment: [
        { name: "AWS_REGION", value: props.region },
        { name: "LIVESTREAM_RECORDING_BUCKET", value: props.recordedBucketName },
        { name: "LIVESTREAM_HARVEST_ROLE_ARN", value: props.harvestRoleArn },
        { name: "PGHOST", value: props.database.host },
        { name: "PGPORT", value: String(props.database.port) },
        { name: "PGDATABASE", value: props.database.name },
        // TLS to RDS, verified against the RDS CA bundle shipped in the image.
        { name: "PGSSLMODE", value: "verify-full" },
        { name: "NODE_EXTRA_CA_CERTS", value: props.caBundlePath ?? RDS_CA_BUNDLE_PATH },
        ...reconcileDatabaseEnvironment(props.mediaDomainName),
      ],
      logConfiguration: {
        logDriver: "awslogs",
        options: { "awslogs-group": logGroup.name, "awslogs-region": props.region, "awslogs-stream-prefix": "reconcile" },
      },
    };
    const taskDefinition = new EcsTaskDefinition(this, "task", {
      family,
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(props.cpu ?? d.cpu),
      memory: String(props.memory ?? d.memory),
      runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: props.cpuArchitecture ?? d.cpuArchitecture },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: JSON.stringify([container]),
    });

    const schedulerRole = new IamRole(this, "scheduler-role", {
      name: `${name}-scheduler`,
      assumeRolePolicy: serviceTrustPolicy("scheduler.amazonaws.com", fromAccount(props.accountId)),
    });
    new IamRolePolicy(this, "scheduler-policy", {
      role: schedulerRole.name,
      name: "run-reconcile-task",
      policy: policyDocument([
        {
          Sid: "RunReconcileTask",
          Effect: "Allow",
          Action: ["ecs:RunTask"],
          Resource: taskDefinitionFamilyArn,
          Condition: { ArnEquals: { "ecs:cluster": props.clusterArn } },
        },
        {
          Sid: "PassTaskRoles",
          Effect: "Allow",
          Action: ["iam:PassRole"],
          Resource: [executionRole.arn, taskRole.arn],
          Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
        },
        scheduleDecryptStatement({ kmsKeyArn: props.kmsKeyArn, region: props.region, accountId: props.accountId, scheduleName: name }),
      ]),
    });

    const schedule = new SchedulerSchedule(this, "schedule", {
      name,
      description: `Every minute: ops sessions reconcile for pool ${props.pool}`,
      scheduleExpression,
      state: paused ? "DISABLED" : "ENABLED",
      flexibleTimeWindow: { mode: "OFF" },
      kmsKeyArn: props.kmsKeyArn, // the platform key; the role above may decrypt this schedule only
      target: {
        arn: props.clusterArn,
        roleArn: schedulerRole.arn,
        ecsParameters: {
          // Unversioned: each run picks the newest revision, so a deploy needs no schedule change.
          taskDefinitionArn: taskDefinition.arnWithoutRevision,
          launchType: "FARGATE",
          taskCount: 1,
          networkConfiguration: { subnets: props.privateSubnetIds, securityGroups: [sg.id], assignPublicIp: false },
        },
        // A missed minute is covered by the next pass: no retries that would pile up.
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 60 },
      },
    });

    suppress(
      schedule,
      "LS-ASYNC-004",
      "no DLQ on purpose: a failed minute is redone by the next invocation (each pass is idempotent and stateless), a DLQ would only pile up ~1,440 stale events a day during an outage, and the stopped-reporting alarm below pages on persistent failure",
    );

    const alarm = opsAlarm(this, "stopped-reporting", {
      topicArn: props.alarmTopicArn,
      actionsEnabled: !paused,
      alarmName: `${name}-stopped-reporting`,
      description: `ops sessions reconcile for pool ${props.pool} published no pass metrics for 10 minutes: channels are not started or stopped. Check the schedule ${name} and the task logs /ecs/${name}.`,
      namespace,
      metricName: OPS_METRICS.channelsRunning,
      dimensions: { [POOL_DIMENSION]: props.pool },
      statistic: "SampleCount",
      periodSeconds: 300,
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: "LessThanThreshold",
      treatMissingData: "breaching",
    });
    opsAlarm(this, "pass-errors", {
      topicArn: props.alarmTopicArn,
      actionsEnabled: !paused,
      alarmName: `${name}-errors`,
      description: `ops sessions reconcile for pool ${props.pool} reported errors in every pass for 15 minutes (late starts, failed channels needed on air, throttling, sessions without a channel, failed harvests). See the task logs /ecs/${name}.`,
      namespace,
      metricName: OPS_METRICS.errors,
      dimensions: { [POOL_DIMENSION]: props.pool },
      statistic: "Minimum",
      periodSeconds: 300,
      evaluationPeriods: 3,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
    });

    // Failover: sessions move off failed channels only while healthy spares remain.
    const shortfall = opsAlarm(this, "channel-shortfall", {
      topicArn: props.alarmTopicArn,
      actionsEnabled: !paused,
      alarmName: `${name}-channel-shortfall`,
      description: `Pool ${props.pool} has fewer healthy channels than the sessions of the next hour need: sessions are or will be without a channel (status no_channel). ops channels list shows failed channels; pool_channels.unhealthy_reason says why; see docs/operations.md §6, 'Not enough healthy channels'.`,
      namespace,
      metricName: OPS_METRICS.channelShortfallNextHour,
      dimensions: { [POOL_DIMENSION]: props.pool },
      statistic: "Maximum",
      periodSeconds: 60,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      // Silence is the stopped-reporting alarm's business.
      treatMissingData: "notBreaching",
    });

    this.taskDefinitionArn = taskDefinition.arn;
    this.taskRoleArn = taskRole.arn;
    this.executionRoleArn = executionRole.arn;
    this.schedulerRoleArn = schedulerRole.arn;
    this.securityGroupId = sg.id;
    this.logGroupName = logGroup.name;
    this.scheduleName = schedule.name;
    this.alarmName = alarm.alarmName;
    this.shortfallAlarmName = shortfall.alarmName;
  }
}
