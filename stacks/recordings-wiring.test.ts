/** The recording indexer, the reconcile task and the migration task as wired in the real dev and prod stacks. */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import { environmentSchema } from "../config/schema";
import { LivestreamStack } from "./livestream-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

function synthEnvironment(env: string): { resource: Record<string, Record<string, Json>> } {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${env}`, { config: loadEnvironment(env), offline: true });
  return JSON.parse(Testing.synth(stack));
}

describe.each([
  ["dev", undefined],
  ["prod", 5],
])("%s stack", (env, reserved) => {
  const { resource: r } = synthEnvironment(env);
  const fn = (Object.values(r.aws_lambda_function) as Json[]).find((f) => f.function_name === `livestream-${env}-recording-indexer`);

  test(`recordingIndexer.reservedConcurrency gives ${reserved ?? "no"} reservation`, () => {
    expect(fn.reserved_concurrent_executions).toBe(reserved);
  });

  test("the indexer and the reconcile task connect through IAM to the cluster's resource id", () => {
    const policies = (Object.values(r.aws_iam_role_policy) as Json[]).map((p) => String(p.policy)).join("\n");
    expect(policies).toMatch(/arn:aws:rds-db:ap-southeast-1:\d{12}:dbuser:\$\{aws_rds_cluster\.database_cluster_\w+\.cluster_resource_id\}\/livestream_reconcile/);
    expect(policies).toMatch(/arn:aws:rds-db:ap-southeast-1:\d{12}:dbuser:\$\{aws_rds_cluster\.database_cluster_\w+\.cluster_resource_id\}\/livestream_indexer/);
  });

  test("the database admits the migration task, whose execution role alone reads the master secret among the ops tasks", () => {
    const migrateSg = Object.keys(r.aws_security_group).find((k) => r.aws_security_group[k].name === `livestream-${env}-ops-migrate-task`);
    const ingress = (Object.values(r.aws_vpc_security_group_ingress_rule) as Json[]).filter((rule) => rule.referenced_security_group_id === `\${aws_security_group.${migrateSg}.id}`);
    expect(ingress).toHaveLength(1);
    const reads = (Object.values(r.aws_iam_role_policy) as Json[]).filter((p) => String(p.policy).includes("secretsmanager:GetSecretValue")).map((p) => p.name);
    expect(reads).toContain("start-migration");
    expect(reads).not.toContain("start-task"); // the reconcile task's execution role
  });
});

test("recordingIndexer is strict and takes only a positive whole reservation", () => {
  const base = { ...loadEnvironment("dev") } as Record<string, unknown>;
  const parse = (recordingIndexer: unknown) => environmentSchema.safeParse({ ...base, recordingIndexer });
  expect(parse({ reservedConcurrency: 3 }).success).toBe(true);
  expect(parse({}).success).toBe(true);
  for (const bad of [{ reservedConcurrency: 0 }, { reservedConcurrency: 2.5 }, { reservedConcurency: 3 }]) {
    const result = parse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.slice(0, 1)).toEqual(["recordingIndexer"]);
  }
});
