import { Testing, TerraformStack } from "cdktf";
import { ReconcileSchedule, type ReconcileScheduleProps } from "./index";
import { reconcileSettings } from "../../cli/commands/sessions-reconcile";

const props: ReconcileScheduleProps = {
  namePrefix: "livestream-dev",
  accountId: "123456789012",
  region: "ap-southeast-1",
  pool: "dev",
  image: "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-dev-ops:1.0.0",
  clusterArn: "arn:aws:ecs:ap-southeast-1:123456789012:cluster/livestream-dev",
  vpcId: "vpc-1",
  vpcCidr: "10.20.0.0/16",
  privateSubnetIds: ["subnet-a", "subnet-b"],
  database: { host: "db.internal", port: 5432, name: "livestream", secretArn: "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:db-AbCdEf", resourceId: "db-RESOURCE0123" },
  kmsKeyArn: "arn:aws:kms:ap-southeast-1:123456789012:key/k",
  recordedBucketName: "livestream-dev-recorded-media",
  harvestRoleArn: "arn:aws:iam::123456789012:role/livestream-dev-harvest",
  alarmTopicArn: "arn:aws:sns:ap-southeast-1:123456789012:ops",
};

function synth(extra: Partial<ReconcileScheduleProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new ReconcileSchedule(stack, "reconcile", { ...props, ...extra });
  return JSON.parse(Testing.synth(stack)).resource;
}

const policy = (res: Record<string, Record<string, { name: string; policy: string }>>, name: string) =>
  JSON.parse(Object.values(res.aws_iam_role_policy).find((p) => p.name === name)!.policy).Statement as {
    Sid: string;
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
  }[];

test("EventBridge Scheduler runs the task every minute in private subnets without a public IP", () => {
  const res = synth();
  const schedule = Object.values(res.aws_scheduler_schedule)[0] as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(schedule.schedule_expression).toBe("rate(1 minute)");
  expect(schedule.target.arn).toBe(props.clusterArn);
  const ecs = schedule.target.ecs_parameters;
  expect(ecs.launch_type).toBe("FARGATE");
  expect(ecs.network_configuration).toEqual(expect.objectContaining({ subnets: ["subnet-a", "subnet-b"], assign_public_ip: false }));
  expect(schedule.target.retry_policy.maximum_retry_attempts).toBe(0);
});

test("the task runs reconcile against PostgreSQL as livestream_reconcile with IAM tokens: no secret in the task", () => {
  const res = synth({ mediaDomainName: "media.dev.example.com" });
  const task = Object.values(res.aws_ecs_task_definition)[0] as { container_definitions: string; network_mode: string };
  const [container] = JSON.parse(task.container_definitions);
  expect(container.command.slice(0, 6)).toEqual(["sessions", "reconcile", "--schedule", "postgres://", "--pool", "dev"]);
  const flag = (name: string) => container.command[container.command.indexOf(name) + 1];
  expect([flag("--lead"), flag("--grace"), flag("--deadline"), flag("--transition-timeout"), flag("--startover-window")]).toEqual(["10m", "5m", "50s", "5m", "24h"]);
  expect(container.command).toContain("--json");
  expect(container.secrets).toBeUndefined();
  expect(JSON.stringify(res)).not.toContain(props.database.secretArn);
  const env = Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
  expect(env).toMatchObject({ PGUSER: "livestream_reconcile", LIVESTREAM_DB_AUTH: "iam", LIVESTREAM_MEDIA_DOMAIN: "media.dev.example.com", LIVESTREAM_RECORDING_BUCKET: props.recordedBucketName });
  expect(policy(res, "database-and-recordings")).toEqual([
    { Sid: "ConnectAsReconcileRole", Effect: "Allow", Action: ["rds-db:connect"], Resource: "arn:aws:rds-db:ap-southeast-1:123456789012:dbuser:db-RESOURCE0123/livestream_reconcile" },
    { Sid: "SweepRecordings", Effect: "Allow", Action: ["s3:ListBucket"], Resource: "arn:aws:s3:::livestream-dev-recorded-media", Condition: { StringLike: { "s3:prefix": "sessions/*" } } },
  ]);
  expect(env.PGSSLMODE).toBe("verify-full");
  expect(env.LIVESTREAM_HARVEST_ROLE_ARN).toBe(props.harvestRoleArn);
  expect(JSON.stringify(container)).not.toMatch(/password"?\s*:\s*"[^:]/i);
  expect(task.network_mode).toBe("awsvpc");
});

test("the CLI accepts the command line the task runs, whatever lead and grace the environment sets", () => {
  for (const [lead, grace] of [[undefined, undefined], ["59m", "30m"], ["3h", "1h"]]) {
    const task = Object.values(synth({ lead, grace }).aws_ecs_task_definition)[0] as { container_definitions: string };
    const command: string[] = JSON.parse(task.container_definitions)[0].command;
    // Flags as the CLI's parser hands them to the command: --transition-timeout -> transitionTimeout.
    const options: Record<string, string | boolean> = {};
    for (let i = 2; i < command.length; i++) {
      const key = command[i]!.replace(/^--/, "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      const value = command[i + 1];
      const takesValue = value !== undefined && !value.startsWith("--");
      options[key] = takesValue ? value : true;
      if (takesValue) i++;
    }
    const { settings } = reconcileSettings(options as unknown as Parameters<typeof reconcileSettings>[0]);
    expect(settings.horizonMs).toBeGreaterThanOrEqual(settings.leadMs + 10 * 60_000);
  }
});

test("least privilege: scheduler may only run this task family on this cluster and pass its two roles", () => {
  const statements = policy(synth(), "run-reconcile-task");
  expect(statements[0]).toEqual(
    expect.objectContaining({
      Action: ["ecs:RunTask"],
      Resource: "arn:aws:ecs:ap-southeast-1:123456789012:task-definition/livestream-dev-ops-reconcile:*",
      Condition: { ArnEquals: { "ecs:cluster": props.clusterArn } },
    }),
  );
  expect(statements[1]!.Action).toEqual(["iam:PassRole"]);
  expect(statements[1]!.Resource).toHaveLength(2);
});

test("least privilege: the execution role pulls from the ops image's repository only", () => {
  const pull = policy(synth(), "start-task").filter((s) => s.Action.some((a) => a.startsWith("ecr:")));
  expect(pull.map((s) => s.Resource)).toEqual(["*", "arn:aws:ecr:ap-southeast-1:123456789012:repository/livestream-dev-ops"]);
  expect(pull[0]!.Action).toEqual(["ecr:GetAuthorizationToken"]);
});

test("least privilege: the task role grants exactly what a pass calls, each action on the resource type the SAR gives it", () => {
  const statements = policy(synth(), "reconcile-channels");
  const grant = (action: string) => statements.filter((s) => s.Action.includes(action)).map((s) => ({ resource: s.Resource, condition: s.Condition }));
  const pool = { StringEquals: { "aws:ResourceTag/livestream:pool": "dev" } };
  // Actions without a resource type in the Service Authorization Reference: "*" or they are denied.
  for (const action of ["medialive:ListChannels", "mediapackage:CreateHarvestJob", "mediapackage:ListOriginEndpoints"]) {
    expect(grant(action)).toEqual([{ resource: "*", condition: undefined }]);
  }
  // `channel` and `input` take aws:ResourceTag: this pool's only.
  for (const action of ["medialive:DescribeChannel", "medialive:StartChannel", "medialive:StopChannel"]) {
    expect(grant(action)).toEqual([{ resource: "arn:aws:medialive:ap-southeast-1:123456789012:channel:*", condition: pool }]);
  }
  for (const action of ["medialive:DescribeInput", "medialive:UpdateInput"]) {
    expect(grant(action)).toEqual([{ resource: "arn:aws:medialive:ap-southeast-1:123456789012:input:*", condition: pool }]);
  }
  expect(grant("mediapackage:DescribeHarvestJob")).toEqual([{ resource: "arn:aws:mediapackage:ap-southeast-1:123456789012:harvest_jobs/*", condition: undefined }]);
  expect(grant("cloudwatch:PutMetricData")).toEqual([{ resource: "*", condition: { StringEquals: { "cloudwatch:namespace": "Livestream/Ops" } } }]);
  expect(grant("iam:PassRole")).toEqual([{ resource: props.harvestRoleArn, condition: { StringEquals: { "iam:PassedToService": "mediapackage.amazonaws.com" } } }]);
  // Nothing else: no ListHarvestJobs (jobs are followed by their stored ids), no wildcards.
  expect(statements.flatMap((s) => s.Action).sort()).toEqual([
    "cloudwatch:PutMetricData",
    "iam:PassRole",
    "medialive:DescribeChannel",
    "medialive:DescribeInput",
    "medialive:ListChannels",
    "medialive:StartChannel",
    "medialive:StopChannel",
    "medialive:UpdateInput",
    "mediapackage:CreateHarvestJob",
    "mediapackage:DescribeHarvestJob",
    "mediapackage:ListOriginEndpoints",
  ]);
  for (const s of statements) expect(s.Action.some((a) => a.endsWith(":*") || a === "*")).toBe(false);
});

test("the failover alarm fires when the healthy pool is smaller than the next hour needs", () => {
  const alarms = Object.values(synth().aws_cloudwatch_metric_alarm) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const shortfall = alarms.find((a) => a.alarm_name === "livestream-dev-ops-reconcile-channel-shortfall");
  expect(shortfall).toEqual(
    expect.objectContaining({
      namespace: "Livestream/Ops",
      metric_name: "ChannelShortfallNextHour",
      dimensions: { Pool: "dev" },
      statistic: "Maximum",
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      period: 60,
      treat_missing_data: "notBreaching",
    }),
  );
  expect(shortfall.alarm_actions).toEqual([props.alarmTopicArn]);
});

test("an alarm fires when the loop stops reporting (missing data breaches)", () => {
  const alarms = Object.values(synth().aws_cloudwatch_metric_alarm) as any[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  const silent = alarms.find((a) => a.alarm_name === "livestream-dev-ops-reconcile-stopped-reporting");
  expect(silent).toEqual(
    expect.objectContaining({ namespace: "Livestream/Ops", metric_name: "ChannelsRunning", dimensions: { Pool: "dev" }, treat_missing_data: "breaching", comparison_operator: "LessThanThreshold", threshold: 1 }),
  );
  expect(silent.alarm_actions).toEqual([props.alarmTopicArn]);
});

test("the task security group allows nothing inbound and PostgreSQL only inside the VPC", () => {
  const sg = Object.values(synth().aws_security_group)[0] as { ingress?: unknown[]; egress: { from_port: number; cidr_blocks: string[] }[] };
  expect(sg.ingress ?? []).toEqual([]);
  expect(sg.egress.find((e) => e.from_port === 5432)?.cidr_blocks).toEqual(["10.20.0.0/16"]);
});

test("invalid props throw naming the prop", () => {
  expect(() => synth({ privateSubnetIds: [] })).toThrow(/privateSubnetIds/);
  expect(() => synth({ passDeadline: "58s" })).toThrow(/passDeadline '58s' must be at least 5s and leave 5s of the scheduleExpression 'rate\(1 minute\)' period/);
  expect(() => synth({ passDeadline: "58s", scheduleExpression: "rate(2 minutes)" })).not.toThrow();
  // Every problem at once.
  expect(() => synth({ transitionTimeout: "five", startoverWindowHours: 0, privateSubnetIds: [] })).toThrow(/transitionTimeout 'five'.*startoverWindowHours must be 1-336.*privateSubnetIds/);
});

test("paused: the schedule is disabled and its alarms keep evaluating without paging", () => {
  const running = synth();
  expect(Object.values(running.aws_scheduler_schedule as Record<string, { state: string }>)[0].state).toBe("ENABLED");
  expect(Object.values(running.aws_cloudwatch_metric_alarm as Record<string, { actions_enabled: boolean }>).every((a) => a.actions_enabled)).toBe(true);

  const paused = synth({ paused: true });
  expect(Object.values(paused.aws_scheduler_schedule as Record<string, { state: string }>)[0].state).toBe("DISABLED");
  expect(Object.values(paused.aws_cloudwatch_metric_alarm as Record<string, { actions_enabled: boolean }>).map((a) => a.actions_enabled)).toEqual([false, false, false]);
});
