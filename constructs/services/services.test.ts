import { Testing } from "cdktf";
import { primeTimeSchedules, Services, type ServiceSettings, type ServicesProps } from "./index";
import { ecrRepositoryArn } from "../iam-policy";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;
type Resources = Record<string, Record<string, Record<string, Json>>>;

const svc = (name: string, extra: Partial<ServiceSettings> = {}): ServiceSettings => ({
  image: `111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/${name}-service:1.0.0`,
  cpu: 512,
  memory: 1024,
  containerPort: 8080,
  healthCheckPath: "/health",
  minTasks: 1,
  desiredTasks: 1,
  maxTasks: 4,
  primeTimeMinTasks: 3,
  primeTimeMaxTasks: 5,
  targetCpuPercent: 60,
  targetRequestsPerTarget: 1000,
  ...extra,
});

const CLUSTER_RESOURCE_ID = "cluster-ABCDEFGHIJKL01234";
const KEY = "arn:aws:kms:ap-southeast-1:111111111111:key/11111111-2222-3333-4444-555555555555";
const QUEUE = "arn:aws:sqs:ap-southeast-1:111111111111:livestream-dev-notifications";

const BASE: ServicesProps = {
  namePrefix: "livestream-dev",
  accountId: "111111111111",
  region: "ap-southeast-1",
  services: {
    mentee: svc("mentee", { maxTasks: 8, primeTimeMinTasks: 3, primeTimeMaxTasks: 5 }),
    mentor: svc("mentor", { containerPort: 8081 }),
    social: svc("social"),
  },
  capacityProvider: "FARGATE_SPOT",
  logRetentionDays: 14,
  primeTime: { timezone: "Asia/Singapore", start: "18:00", end: "20:00", leadMinutes: 15 },
  vpcId: "vpc-0123",
  vpcCidr: "10.20.0.0/16",
  privateSubnetIds: ["subnet-p1", "subnet-p2"],
  albSecurityGroupId: "sg-alb",
  albArnSuffix: "app/livestream-dev-api/abc",
  targetGroups: {
    mentee: { arn: "arn:tg:mentee", arnSuffix: "targetgroup/livestream-dev-mentee/1" },
    mentor: { arn: "arn:tg:mentor", arnSuffix: "targetgroup/livestream-dev-mentor/2" },
    social: { arn: "arn:tg:social", arnSuffix: "targetgroup/livestream-dev-social/3" },
  },
  kmsKeyArn: KEY,
  database: { writerEndpoint: "db.cluster-x.internal", readerEndpoint: "db.cluster-ro-x.internal", port: 5432, databaseName: "livestream", clusterResourceId: CLUSTER_RESOURCE_ID },
  notificationQueueArn: QUEUE,
  notificationQueueUrl: "https://sqs.ap-southeast-1.amazonaws.com/111111111111/livestream-dev-notifications",
};

function synth(overrides: Partial<ServicesProps> = {}): Resources {
  const json = Testing.synthScope((scope) => {
    new Services(scope, "services", { ...BASE, ...overrides });
  });
  return JSON.parse(json).resource as Resources;
}

const r = synth();
const find = (type: string, pred: (v: Json) => boolean) => (Object.values(r[type]) as Json[]).filter(pred);
const serviceOf = (name: string) => find("aws_ecs_service", (s) => s.name === `livestream-dev-${name}`)[0];
const containerOf = (name: string) => {
  const td = find("aws_ecs_task_definition", (t) => t.family === `livestream-dev-${name}`)[0];
  return { td, container: JSON.parse(td.container_definitions)[0] };
};
const rolePolicies = (roleSuffix: string) =>
  find("aws_iam_role_policy", (p) => {
    const roleKey = (p.role as string).match(/aws_iam_role\.([^.]+)\.name/)![1];
    return r.aws_iam_role[roleKey].name.endsWith(roleSuffix);
  });
const statementsOf = (policies: Json[]) => policies.flatMap((p) => JSON.parse(p.policy).Statement);

describe("Services cluster and ECS services", () => {
  test("cluster has Container Insights and both Fargate capacity providers", () => {
    const cluster = Object.values(r.aws_ecs_cluster)[0];
    expect(cluster.setting).toEqual([{ name: "containerInsights", value: "enabled" }]);
    expect(Object.values(r.aws_ecs_cluster_capacity_providers)[0].capacity_providers).toEqual(["FARGATE", "FARGATE_SPOT"]);
  });

  test.each(["mentee", "mentor", "social"])("%s runs privately, rolls back failed deployments and leaves desired_count to autoscaling", (name) => {
    const s = serviceOf(name);
    expect(s.network_configuration).toEqual({ subnets: ["subnet-p1", "subnet-p2"], security_groups: [expect.any(String)], assign_public_ip: false });
    expect(s.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(s.capacity_provider_strategy).toEqual([{ capacity_provider: "FARGATE_SPOT", weight: 1 }]);
    expect(s.launch_type).toBeUndefined();
    expect(s).toMatchObject({ enable_execute_command: false, propagate_tags: "SERVICE", health_check_grace_period_seconds: 60 });
    expect(s.lifecycle.ignore_changes).toEqual(["desired_count"]);
    expect(s.load_balancer).toEqual([{ target_group_arn: `arn:tg:${name}`, container_name: name, container_port: name === "mentor" ? 8081 : 8080 }]);
    expect(s.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_ecs_cluster_capacity_providers\./)]));
  });

  test("services wait for the given dependencies (listener rules)", () => {
    const json = Testing.synthScope((scope) => {
      const { TerraformResource } = require("cdktf");
      const rule = new TerraformResource(scope, "rule", { terraformResourceType: "null_resource" });
      new Services(scope, "services", { ...BASE, dependsOn: [rule] });
    });
    const services = Object.values(JSON.parse(json).resource.aws_ecs_service) as Json[];
    for (const s of services) expect(s.depends_on).toContain("null_resource.rule");
  });
});

describe("Services task definitions", () => {
  test.each(["mentee", "mentor", "social"])("%s: hardened container, awslogs, health check", (name) => {
    const { td, container } = containerOf(name);
    expect(td).toMatchObject({ network_mode: "awsvpc", requires_compatibilities: ["FARGATE"], cpu: "512", memory: "1024" });
    expect(container).toMatchObject({ readonlyRootFilesystem: true, privileged: false, user: "1000:1000" });
    expect(container.linuxParameters.capabilities.drop).toEqual(["ALL"]);
    expect(container.healthCheck.command[1]).toContain("/health");
    expect(container.logConfiguration.logDriver).toBe("awslogs");
    expect(container.logConfiguration.options["awslogs-group"]).toMatch(/aws_cloudwatch_log_group\..+\.name/);
  });

  test("log groups are encrypted with the platform key and keep logs for the configured days", () => {
    for (const group of Object.values(r.aws_cloudwatch_log_group) as Json[]) {
      expect(group).toMatchObject({ kms_key_id: KEY, retention_in_days: 14 });
    }
    expect(Object.keys(r.aws_cloudwatch_log_group)).toHaveLength(3);
  });

  test.each([
    ["mentee", "livestream_mentee"],
    ["mentor", "livestream_mentor"],
    ["social", "livestream_social"],
  ])("%s logs in to the database as %s with an IAM token over verify-full TLS: endpoints and role, no secret", (name, role) => {
    const { container } = containerOf(name);
    expect(container.secrets).toBeUndefined();
    const env = Object.fromEntries(container.environment.map((e: Json) => [e.name, e.value]));
    expect(env).toMatchObject({
      DB_AUTH: "iam",
      DB_USER: role,
      DB_HOST: "db.cluster-x.internal",
      DB_READ_HOST: "db.cluster-ro-x.internal",
      DB_PORT: "5432",
      DB_NAME: "livestream",
      DB_SSLMODE: "verify-full",
      AWS_REGION: "ap-southeast-1",
    });
    expect(Object.keys(env).some((k) => /PASSWORD|SECRET/.test(k))).toBe(false);
  });
  test("only the mentee service is told the notification queue URL", () => {
    const has = (name: string) => containerOf(name).container.environment.some((e: Json) => e.name === "NOTIFICATION_QUEUE_URL");
    expect([has("mentee"), has("mentor"), has("social")]).toEqual([true, false, false]);
  });
});

describe("Services IAM", () => {
  const connect = (service: string) => ({
    Sid: "ConnectAsServiceRole",
    Effect: "Allow",
    Action: ["rds-db:connect"],
    Resource: `arn:aws:rds-db:ap-southeast-1:111111111111:dbuser:${CLUSTER_RESOURCE_ID}/livestream_${service}`,
  });

  test("each task role may connect to the database as its own role only; only the mentee's may send to the notification queue", () => {
    expect(statementsOf(rolePolicies("mentee-task"))).toEqual([
      connect("mentee"),
      { Sid: "SendNotifications", Effect: "Allow", Action: ["sqs:SendMessage"], Resource: QUEUE },
      { Sid: "EncryptNotifications", Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: KEY },
    ]);
    expect(statementsOf(rolePolicies("mentor-task"))).toEqual([connect("mentor")]);
    expect(statementsOf(rolePolicies("social-task"))).toEqual([connect("social")]);
    const sqsGrants = statementsOf(Object.values(r.aws_iam_role_policy)).filter((s: Json) => s.Action.some((a: string) => a.startsWith("sqs:")));
    expect(sqsGrants).toHaveLength(1);
    const connects = statementsOf(Object.values(r.aws_iam_role_policy)).filter((s: Json) => s.Action.includes("rds-db:connect"));
    expect(connects).toHaveLength(3);
  });

  test("notificationSenders can move the grant", () => {
    const other = synth({ notificationSenders: ["social"] });
    const statements = (Object.values(other.aws_iam_role_policy) as Json[]).filter((p) => JSON.parse(p.policy).Statement.some((s: Json) => s.Action.includes("sqs:SendMessage")));
    expect(statements).toHaveLength(1);
    expect(statements[0].role).toMatch(/social_task-role/);
  });

  test("execution role writes its own log group and pulls its own ECR repository, and reads no secret", () => {
    const statements = statementsOf(rolePolicies("mentee-execution"));
    const bySid = Object.fromEntries(statements.map((s: Json) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual(["EcrLogin", "PullImage", "WriteServiceLogs"]);
    const actions = statementsOf(Object.values(r.aws_iam_role_policy)).flatMap((s: Json) => s.Action);
    expect(actions.filter((a: string) => a.startsWith("secretsmanager:") || a === "kms:Decrypt")).toEqual(["kms:Decrypt"]); // the mentee's queue key only
    expect(bySid.PullImage.Resource).toBe("arn:aws:ecr:ap-southeast-1:111111111111:repository/mentee-service");
    expect(bySid.WriteServiceLogs.Resource).toMatch(/aws_cloudwatch_log_group\.services_mentee_logs.+\.arn\}:log-stream:\*$/);
    // The only wildcard resource is ECR login, which has no resource-level permissions.
    const wildcard = statementsOf(Object.values(r.aws_iam_role_policy)).filter((s: Json) => s.Resource === "*");
    expect(wildcard.flatMap((s: Json) => s.Action)).toEqual(["ecr:GetAuthorizationToken", "ecr:GetAuthorizationToken", "ecr:GetAuthorizationToken"]);
  });

  test("roles trust ECS tasks of this account only", () => {
    for (const role of Object.values(r.aws_iam_role) as Json[]) {
      const trust = JSON.parse(role.assume_role_policy).Statement[0];
      expect(trust.Principal).toEqual({ Service: "ecs-tasks.amazonaws.com" });
      expect(trust.Condition.StringEquals["aws:SourceAccount"]).toBe("111111111111");
    }
  });

  test("ECR repository ARNs are parsed from image references", () => {
    expect(ecrRepositoryArn("111111111111.dkr.ecr.ap-southeast-1.amazonaws.com/team/mentee:1.2.3")).toBe(
      "arn:aws:ecr:ap-southeast-1:111111111111:repository/team/mentee",
    );
    expect(ecrRepositoryArn("public.ecr.aws/nginx/nginx:latest")).toBeUndefined();
  });
});

describe("Services security group", () => {
  test("admits only the ALB on container ports; egress 443 anywhere and PostgreSQL inside the VPC", () => {
    const ingress = Object.values(r.aws_vpc_security_group_ingress_rule) as Json[];
    expect(ingress.map((i) => [i.from_port, i.referenced_security_group_id, i.cidr_ipv4])).toEqual([
      [8080, "sg-alb", undefined],
      [8081, "sg-alb", undefined],
    ]);
    const egress = (Object.values(r.aws_vpc_security_group_egress_rule) as Json[]).map((e) => [e.from_port, e.to_port, e.cidr_ipv4]);
    expect(egress.sort()).toEqual([
      [443, 443, "0.0.0.0/0"],
      [5432, 5432, "10.20.0.0/16"],
    ]);
  });
});

describe("Services autoscaling", () => {
  const policies = Object.values(r.aws_appautoscaling_policy) as Json[];
  const actions = Object.values(r.aws_appautoscaling_scheduled_action) as Json[];

  test("bounds come from config", () => {
    const target = find("aws_appautoscaling_target", (t) => /aws_ecs_service\.services_mentee_service_\w+\.name\}$/.test(t.resource_id))[0];
    expect(target).toMatchObject({ min_capacity: 1, max_capacity: 8, scalable_dimension: "ecs:service:DesiredCount" });
  });

  test("target tracking on CPU and on ALB requests per target with the ALB/target-group label", () => {
    const mentee = policies.filter((p) => p.name.startsWith("livestream-dev-mentee-"));
    const specs = mentee.map((p) => p.target_tracking_scaling_policy_configuration);
    expect(specs.map((s) => s.predefined_metric_specification.predefined_metric_type).sort()).toEqual([
      "ALBRequestCountPerTarget",
      "ECSServiceAverageCPUUtilization",
    ]);
    const requests = specs.find((s) => s.predefined_metric_specification.predefined_metric_type === "ALBRequestCountPerTarget");
    expect(requests.predefined_metric_specification.resource_label).toBe("app/livestream-dev-api/abc/targetgroup/livestream-dev-mentee/1");
    expect(requests.target_value).toBe(1000);
    expect(specs.find((s) => s.predefined_metric_specification.predefined_metric_type.startsWith("ECS")).target_value).toBe(60);
  });

  test("prime time: raised at 17:45 and lowered at 20:00 Singapore time", () => {
    const mentee = actions.filter((a) => a.name.startsWith("livestream-dev-mentee-"));
    const up = mentee.find((a) => a.name.endsWith("scale-up"));
    const down = mentee.find((a) => a.name.endsWith("scale-down"));
    expect(up).toMatchObject({ schedule: "cron(45 17 * * ? *)", timezone: "Asia/Singapore", scalable_target_action: { min_capacity: "3", max_capacity: "8" } });
    expect(down).toMatchObject({ schedule: "cron(0 20 * * ? *)", timezone: "Asia/Singapore", scalable_target_action: { min_capacity: "1", max_capacity: "8" } });
    expect(actions).toHaveLength(6);
  });

  test("prime-time max comes from primeTimeMaxTasks when it is above the off-peak max", () => {
    const social = actions.find((a) => a.name === "livestream-dev-social-prime-time-scale-up");
    expect(social.scalable_target_action).toEqual({ min_capacity: "3", max_capacity: "5" });
  });

  test("schedule arithmetic wraps across midnight and rejects bad windows", () => {
    expect(primeTimeSchedules({ timezone: "UTC", start: "00:10", end: "01:00", leadMinutes: 30 })).toEqual({
      scaleUp: "cron(40 23 * * ? *)",
      scaleDown: "cron(0 1 * * ? *)",
    });
    expect(() => primeTimeSchedules({ timezone: "UTC", start: "20:00", end: "18:00", leadMinutes: 0 })).toThrow(/props\.primeTime must end after it starts/);
    expect(() => primeTimeSchedules({ timezone: "UTC", start: "7pm", end: "20:00", leadMinutes: 0 })).toThrow(/props\.primeTime\.start '7pm'/);
  });
});

describe("Services prop validation", () => {
  const build = (overrides: Partial<ServicesProps>) => () => synth(overrides);
  test.each<[string, Partial<ServicesProps>, RegExp]>([
    ["one private subnet", { privateSubnetIds: ["subnet-p1"] }, /props\.privateSubnetIds needs subnets in at least 2 AZs/],
    ["unknown sender", { notificationSenders: ["billing" as never] }, /props\.notificationSenders entry 'billing'/],
    ["bad prefix", { namePrefix: "Livestream" }, /props\.namePrefix 'Livestream'/],
    ["missing target group", { targetGroups: { ...BASE.targetGroups, social: undefined as never } }, /props\.targetGroups\.social is missing/],
    ["inverted prime time", { primeTime: { ...BASE.primeTime, start: "21:00" } }, /props\.primeTime must end after it starts/],
    ["negative grace", { healthCheckGracePeriodSeconds: -1 }, /props\.healthCheckGracePeriodSeconds/],
  ])("%s throws", (_label, overrides, message) => {
    expect(build(overrides)).toThrow(message);
  });
});
