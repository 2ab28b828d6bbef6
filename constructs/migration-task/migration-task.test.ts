import { Testing, TerraformStack } from "cdktf";
import { MigrationTask, type MigrationTaskProps } from "./index";

const SECRET = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:rds!db-AbCdEf";
const props: MigrationTaskProps = {
  namePrefix: "livestream-dev",
  accountId: "123456789012",
  region: "ap-southeast-1",
  image: "123456789012.dkr.ecr.ap-southeast-1.amazonaws.com/livestream-dev-ops:1.0.0",
  vpcId: "vpc-1",
  vpcCidr: "10.20.0.0/16",
  database: { host: "db.internal", port: 5432, name: "livestream", secretArn: SECRET, resourceId: "db-R" },
  kmsKeyArn: "arn:aws:kms:ap-southeast-1:123456789012:key/k",
};

function synth(extra: Partial<MigrationTaskProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  new MigrationTask(stack, "migrate", { ...props, ...extra });
  return JSON.parse(Testing.synth(stack)).resource;
}

test("runs ops db migrate with the master secret injected by ECS, over verified TLS", () => {
  const res = synth();
  const task = Object.values(res.aws_ecs_task_definition)[0] as { family: string; container_definitions: string; task_role_arn?: string };
  expect(task.family).toBe("livestream-dev-ops-migrate");
  expect(task.task_role_arn).toBeUndefined(); // it calls no AWS API
  const [container] = JSON.parse(task.container_definitions);
  expect(container.command).toEqual(["db", "migrate", "--database-url", "postgres://"]);
  expect(container.secrets).toEqual([
    { name: "PGUSER", valueFrom: `${SECRET}:username::` },
    { name: "PGPASSWORD", valueFrom: `${SECRET}:password::` },
  ]);
  expect(Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]))).toMatchObject({ PGHOST: "db.internal", PGSSLMODE: "verify-full" });
  expect(container.readonlyRootFilesystem).toBe(true);
});

test("nothing schedules it, and only its execution role reads the master secret", () => {
  const res = synth();
  expect(res.aws_scheduler_schedule).toBeUndefined();
  const statements = JSON.parse((Object.values(res.aws_iam_role_policy)[0] as { policy: string }).policy).Statement;
  expect(statements.find((s: { Sid: string }) => s.Sid === "MasterSecret")).toMatchObject({ Action: ["secretsmanager:GetSecretValue"], Resource: SECRET });
  // Image pulls from the ops repository only, not from every repository of the account.
  expect(statements.find((s: { Sid: string }) => s.Sid === "PullImage").Resource).toBe("arn:aws:ecr:ap-southeast-1:123456789012:repository/livestream-dev-ops");
  const sg = Object.values(res.aws_security_group)[0] as { egress: { from_port: number; cidr_blocks: string[] }[]; ingress?: unknown[] };
  expect(sg.ingress ?? []).toEqual([]);
  expect(sg.egress.find((e) => e.from_port === 5432)?.cidr_blocks).toEqual(["10.20.0.0/16"]);
});
