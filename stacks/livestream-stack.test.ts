/**
 * What LivestreamStack wires, from the real dev and prod configuration: every area is there under
 * the construct ids that are its resources' Terraform addresses, the areas reach each other where
 * the design says (database access, the tasks in the services' cluster, the indexer's playback
 * host), and the outputs operators read. The areas' own behaviour is tested with their constructs.
 */
import { App, TerraformResource, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import { LivestreamStack } from "./livestream-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

function synthEnvironment(env: string): { stack: LivestreamStack; json: Json } {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${env}`, { config: loadEnvironment(env), offline: true });
  return { stack, json: JSON.parse(Testing.synth(stack)) };
}

/** Construct ids directly under the stack, by area. Renaming one renames (replaces) every resource under it. */
const AREAS = {
  foundation: ["aws", "aws-us-east-1", "platform-key", "ops-alerts"],
  network: ["network"],
  data: ["messaging", "database"],
  api: ["api-edge", "services"],
  media: ["media-buckets", "media-package", "media-channel-pool", "media-cdn", "media-bucket-policies"],
  operations: ["recording-indexer", "cost-budget", "reconcile-schedule", "migration-task"],
  edgeSecurity: ["api-firewall", "zone-security"],
  observability: ["observability"],
};
const OUTPUTS = [
  "api_url",
  "cdn_signing_key_id",
  "channel_ids",
  "database_secret_arn",
  "dnssec_alarm_topic_arn",
  "dnssec_ds_record",
  "harvest_role_arn",
  "ingest_pipelines",
  "input_ids",
  "media_domain_name",
  "migration_security_group_id",
  "migration_task_family",
  "name_servers",
  "ops_topic_arn",
  "recorded_bucket",
];

describe.each([
  ["dev", { deletionProtection: false, capacityProvider: "FARGATE_SPOT", serviceLogDays: 14, channels: 1, databaseInstances: ["db.serverless"] }],
  ["prod", { deletionProtection: true, capacityProvider: "FARGATE", serviceLogDays: 90, channels: 4, databaseInstances: ["db.r6g.large", "db.r6g.large"] }],
])("%s stack", (env, expected) => {
  const { stack, json } = synthEnvironment(env);
  const r: Record<string, Record<string, Json>> = json.resource;
  const values = (type: string): Json[] => Object.values(r[type] ?? {});
  const keyOf = (type: string, match: (v: Json) => boolean): string => {
    const keys = Object.keys(r[type] ?? {}).filter((k) => match(r[type][k]));
    expect([type, keys.length]).toEqual([type, 1]);
    return keys[0];
  };
  const ref = (type: string, key: string, attribute: string) => `\${${type}.${key}.${attribute}}`;
  const securityGroup = (name: string) => keyOf("aws_security_group", (g) => g.name === name);

  test("every area is built, under the construct ids its Terraform addresses come from", () => {
    const outputs = new Set(OUTPUTS);
    const ids = stack.node.children.map((c) => c.node.id).filter((id) => id !== "backend" && !outputs.has(id));
    expect(ids.sort()).toEqual(Object.values(AREAS).flat().sort());
    // Each holds resources (the providers are resources' configuration, not resources).
    for (const id of Object.values(AREAS).flat().filter((i) => !i.startsWith("aws"))) {
      expect([id, stack.node.findChild(id).node.findAll().some(TerraformResource.isTerraformResource)]).toEqual([id, true]);
    }
  });

  test("the database admits exactly the services, the recording indexer, the reconcile task and the migration task, on PostgreSQL's port", () => {
    const database = securityGroup(`livestream-${env}-postgres`);
    const ingress = values("aws_vpc_security_group_ingress_rule").filter((rule) => rule.security_group_id === ref("aws_security_group", database, "id"));
    const clients = [`livestream-${env}-services`, `livestream-${env}-recording-indexer`, `livestream-${env}-ops-reconcile-task`, `livestream-${env}-ops-migrate-task`];
    expect(ingress.map((rule) => rule.referenced_security_group_id).sort()).toEqual(clients.map((name) => ref("aws_security_group", securityGroup(name), "id")).sort());
    for (const rule of ingress) expect([rule.from_port, rule.to_port, rule.ip_protocol]).toEqual([5432, 5432, "tcp"]);
  });

  test("the indexer and the reconcile task reach the writer endpoint; the migration task alone reads the master secret", () => {
    const cluster = keyOf("aws_rds_cluster", () => true);
    const [indexer] = values("aws_lambda_function");
    expect(indexer.environment.variables.PGHOST).toBe(ref("aws_rds_cluster", cluster, "endpoint"));
    const tasks = values("aws_ecs_task_definition").map((td) => ({ family: td.family, container: JSON.parse(td.container_definitions)[0] }));
    const readsSecret = tasks.filter((t) => (t.container.secrets ?? []).some((s: Json) => s.valueFrom.includes(`aws_rds_cluster.${cluster}.master_user_secret`)));
    expect(readsSecret.map((t) => t.family)).toEqual([`livestream-${env}-ops-migrate`]);
    const reconcile = tasks.find((t) => t.family === `livestream-${env}-ops-reconcile`)!;
    expect(reconcile.container.environment).toContainEqual({ name: "PGHOST", value: ref("aws_rds_cluster", cluster, "endpoint") });
    // No secret reaches a service's execution role either.
    const secretReaders = values("aws_iam_role_policy").filter((p) => String(p.policy).includes("secretsmanager:GetSecretValue"));
    expect(secretReaders.map((p) => p.name)).toEqual(["start-migration"]);
  });

  test("each API service logs in as its own role with IAM tokens, writes through the writer endpoint and reads through the reader endpoint", () => {
    const cluster = keyOf("aws_rds_cluster", () => true);
    const tasks = values("aws_ecs_task_definition").map((td) => ({ family: td.family, role: td.task_role_arn, container: JSON.parse(td.container_definitions)[0] }));
    for (const service of ["mentee", "mentor", "social"]) {
      const task = tasks.find((t) => t.family === `livestream-${env}-${service}`)!;
      const environment = Object.fromEntries(task.container.environment.map((e: Json) => [e.name, e.value]));
      expect(environment).toMatchObject({
        DB_AUTH: "iam",
        DB_USER: `livestream_${service}`,
        DB_HOST: ref("aws_rds_cluster", cluster, "endpoint"),
        DB_READ_HOST: ref("aws_rds_cluster", cluster, "reader_endpoint"),
        DB_PORT: "5432",
        DB_SSLMODE: "verify-full",
      });
      expect(task.container.secrets).toBeUndefined();
      // Its task role, and no other, may sign tokens for that role.
      const roleKey = /aws_iam_role\.([^.]+)\.arn/.exec(task.role)![1];
      const grants = values("aws_iam_role_policy")
        .filter((p) => String(p.policy).includes("rds-db:connect") && String(p.policy).includes(`/livestream_${service}"`))
        .map((p) => p.role);
      expect(grants).toEqual([ref("aws_iam_role", roleKey, "name")]);
      expect(values("aws_iam_role_policy").find((p) => p.role === ref("aws_iam_role", roleKey, "name") && String(p.policy).includes("rds-db:connect"))!.policy).toContain(
        `dbuser:\${aws_rds_cluster.${cluster}.cluster_resource_id}/livestream_${service}`,
      );
    }
  });

  test("the reconcile schedule runs its task in the services' cluster; the indexer and the task build playback URLs on the CDN's name", () => {
    const cluster = keyOf("aws_ecs_cluster", () => true);
    const [schedule] = values("aws_scheduler_schedule");
    expect(schedule.target.arn).toBe(ref("aws_ecs_cluster", cluster, "arn"));
    const mediaName = keyOf("aws_route53_record", (rec) => String(rec.name).startsWith("media.") && rec.type === "A");
    const [indexer] = values("aws_lambda_function");
    expect(indexer.environment.variables.MEDIA_DOMAIN).toBe(r.aws_route53_record[mediaName].name);
  });

  test("the media buckets take writes only from the channel pool's and the harvest role, reads only from the distribution", () => {
    const role = (name: string) => ref("aws_iam_role", keyOf("aws_iam_role", (x) => x.name === name), "arn");
    const [distribution] = Object.keys(r.aws_cloudfront_distribution);
    const policy = (bucketPrefix: string) => {
      const bucket = keyOf("aws_s3_bucket", (b) => String(b.bucket).startsWith(bucketPrefix));
      return JSON.parse(values("aws_s3_bucket_policy").find((p) => p.bucket === ref("aws_s3_bucket", bucket, "id")).policy).Statement as Json[];
    };
    for (const [bucket, writer] of [
      [`livestream-${env}-hls-`, `livestream-${env}-medialive`],
      [`livestream-${env}-recorded-media-`, `livestream-${env}-mediapackage-harvest`],
    ]) {
      const statements = policy(bucket);
      expect(statements.find((s) => s.Sid === "DenyWritesExceptMediaRoles").Condition.ArnNotEquals["aws:PrincipalArn"]).toEqual([role(writer)]);
      expect(statements.find((s) => s.Sid === "AllowCloudFrontOacRead").Condition.StringEquals["AWS:SourceArn"]).toBe(ref("aws_cloudfront_distribution", distribution, "arn"));
    }
  });

  test(`the environment's settings reach the constructs: deletion protection ${expected.deletionProtection}, ${expected.capacityProvider}, ${expected.serviceLogDays}-day service logs, ${expected.channels} channel(s)`, () => {
    expect(values("aws_lb").map((a) => a.enable_deletion_protection)).toEqual([expected.deletionProtection]);
    expect(values("aws_rds_cluster").map((db) => db.deletion_protection)).toEqual([expected.deletionProtection]);
    expect(values("aws_db_instance")).toEqual([]);
    for (const s of values("aws_ecs_service")) {
      expect(s.capacity_provider_strategy[0].capacity_provider).toBe(expected.capacityProvider);
      // ECS rejects a target group no load balancer uses yet: the services wait for the listener rules.
      expect(s.depends_on.filter((d: string) => d.startsWith("aws_lb_listener_rule."))).toHaveLength(3);
    }
    const serviceLogs = values("aws_cloudwatch_log_group").filter((g) => /^\/ecs\/livestream-[a-z]+-(mentee|mentor|social)$/.test(g.name));
    expect(serviceLogs.map((g) => g.retention_in_days)).toEqual([expected.serviceLogDays, expected.serviceLogDays, expected.serviceLogDays]);
    expect(values("aws_medialive_channel")).toHaveLength(expected.channels);
    expect(values("aws_rds_cluster_instance").map((i) => i.instance_class)).toEqual(expected.databaseInstances);
  });

  test("outputs: what operators and the apps read after apply", () => {
    expect(Object.keys(json.output).sort()).toEqual(OUTPUTS);
    expect(json.output.api_url.value).toBe(`https://api.${loadEnvironment(env).dns.zoneName}`);
    expect(json.output.ingest_pipelines.value).toBe(1);
    expect(json.output.channel_ids.value).toHaveLength(expected.channels);
    expect(json.output.migration_task_family.value).toBe(`livestream-${env}-ops-migrate`);
    expect(json.output.dnssec_ds_record.value).toMatch(/^\$\{aws_route53_key_signing_key\.[^.]+\.ds_record\}$/);
  });
});

test("an adopted zone is not signed here: no zone security, a warning, and the DS output says why", () => {
  const config = loadEnvironment("dev");
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, "livestream-dev", { config: { ...config, dns: { ...config.dns, existingZoneId: "Z0123456789ABC" } }, offline: true });
  const json = JSON.parse(Testing.synth(stack));
  expect(stack.node.tryFindChild("zone-security")).toBeUndefined();
  expect(json.resource.aws_route53_zone).toBeUndefined();
  expect(json.output.dnssec_ds_record.value).toMatch(/^not managed here: dns.existingZoneId Z0123456789ABC is adopted/);
  expect(json.output.dnssec_alarm_topic_arn).toBeUndefined();
  expect(stack.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([expect.stringMatching(/^not managed here/)]);
});
