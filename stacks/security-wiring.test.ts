/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
/** The security pieces as wired in the real stacks, from the real dev and prod configuration. */
import { App, Testing } from "cdktf";
import { loadEnvironment } from "../config/load";
import { LivestreamStack } from "./livestream-stack";
import { BootstrapStack } from "./bootstrap-stack";

function synth(env: string, kind: "platform" | "bootstrap"): any {
  const app = new App({ outdir: "/tmp/unused", skipValidation: true });
  const config = loadEnvironment(env);
  const stack =
    kind === "platform" ? new LivestreamStack(app, `livestream-${env}`, { config, offline: true }) : new BootstrapStack(app, `livestream-bootstrap-${env}`, { config, offline: true });
  return JSON.parse(Testing.synth(stack));
}
const only = (map: Record<string, any> | undefined): [string, any] => {
  const entries = Object.entries(map ?? {});
  expect(entries).toHaveLength(1);
  return entries[0];
};

describe.each([
  ["dev", "count", "111111111111"],
  ["prod", "block", "222222222222"],
])("%s", (env, rateAction, account) => {
  const { resource } = synth(env, "platform");

  test(`the web ACL protects the stack's load balancer; rate limits ${rateAction}`, () => {
    const [lbName] = only(resource.aws_lb);
    const [, association] = only(resource.aws_wafv2_web_acl_association);
    expect(association.resource_arn).toBe(`\${aws_lb.${lbName}.arn}`);
    const [, acl] = only(resource.aws_wafv2_web_acl);
    const rate = acl.rule.find((r: any) => r.name === "api-rate-per-ip");
    expect(Object.keys(rate.action)).toEqual([rateAction]);
  });

  test("the reconcile schedule is encrypted with the platform key and its role may decrypt exactly that schedule", () => {
    const [, schedule] = only(resource.aws_scheduler_schedule);
    const keyName = Object.keys(resource.aws_kms_key).find((k) => k.startsWith("platform-key"));
    expect(schedule.kms_key_arn).toBe(`\${aws_kms_key.${keyName}.arn}`);
    const roleKey = schedule.target.role_arn.match(/aws_iam_role\.([^.]+)\.arn/)[1];
    const policy = (Object.values(resource.aws_iam_role_policy) as any[]).find((p) => p.role === `\${aws_iam_role.${roleKey}.name}`);
    const decrypt = JSON.parse(policy.policy).Statement.find((s: any) => s.Action.includes("kms:Decrypt"));
    expect(decrypt).toEqual({
      Sid: "DecryptThisSchedule",
      Effect: "Allow",
      Action: ["kms:Decrypt"],
      Resource: schedule.kms_key_arn,
      Condition: { StringEquals: { "kms:EncryptionContext:aws:scheduler:schedule:arn": `arn:aws:scheduler:ap-southeast-1:${account}:schedule/default/${schedule.name}` } },
    });
  });

  test("the bootstrap stack's trail records the configured state bucket", () => {
    const bootstrap = synth(env, "bootstrap");
    const [, trail] = only(bootstrap.resource.aws_cloudtrail);
    expect(trail.event_selector[0].data_resource[0].values).toEqual([`arn:aws:s3:::livestream-tfstate-${account}/`]);
    expect(bootstrap.output.state_audit_trail.value).toMatch(/^\$\{aws_cloudtrail\..+\.name\}$/);
  });
});
