/** ApiEdge and Services as wired in the real stacks, from the real dev and prod configuration. */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../../config/load";
import { LivestreamStack } from "../../stacks/livestream-stack";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;

function synthEnvironment(env: string): Record<string, Record<string, Json>> {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const stack = new LivestreamStack(app, `livestream-${env}`, { config: loadEnvironment(env), offline: true });
  return JSON.parse(Testing.synth(stack)).resource;
}

describe.each([
  ["dev", false, "FARGATE_SPOT"],
  ["prod", true, "FARGATE"],
])("%s stack", (env, deletionProtection, capacityProvider) => {
  const r = synthEnvironment(env);

  test(`ALB deletion protection is ${deletionProtection}`, () => {
    const albs = Object.values(r.aws_lb) as Json[];
    expect(albs.map((a) => a.enable_deletion_protection)).toEqual([deletionProtection]);
  });

  test(`services run on ${capacityProvider} and wait for the listener rules`, () => {
    for (const s of Object.values(r.aws_ecs_service) as Json[]) {
      expect(s.capacity_provider_strategy[0].capacity_provider).toBe(capacityProvider);
      expect(s.depends_on.filter((d: string) => d.startsWith("aws_lb_listener_rule."))).toHaveLength(3);
    }
  });

  test("the database admits the services' security group on its port", () => {
    const servicesSg = Object.keys(r.aws_security_group).find((k) => r.aws_security_group[k].name === `livestream-${env}-services`);
    const fromServices = (Object.values(r.aws_vpc_security_group_ingress_rule) as Json[]).filter(
      (rule) => rule.referenced_security_group_id === `\${aws_security_group.${servicesSg}.id}`,
    );
    expect(fromServices).toHaveLength(1);
    expect(fromServices[0]).toMatchObject({ from_port: 5432, to_port: 5432 });
  });

  test("tasks read the RDS-managed master secret", () => {
    for (const td of Object.values(r.aws_ecs_task_definition) as Json[]) {
      const [container] = JSON.parse(td.container_definitions);
      // The reconcile task logs in with IAM tokens as livestream_reconcile: no secret at all.
      if (String(td.family).endsWith("-ops-reconcile")) {
        expect(container.secrets).toBeUndefined();
        continue;
      }
      expect(container.secrets[0].valueFrom).toMatch(/^\$\{.*aws_db_instance\.database_primary_\w+\.master_user_secret.*secret_arn.*\}:username::$/);
    }
  });
});
