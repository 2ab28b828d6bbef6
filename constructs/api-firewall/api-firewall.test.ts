/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { Testing } from "cdktf";
import { LIVESTREAM_PATHS } from "../api-edge/routes";
import { ApiFirewall, pathPatternsRegex, type ApiFirewallProps } from "./index";

type Resources = Record<string, Record<string, any>>;

const BASE: ApiFirewallProps = {
  namePrefix: "livestream-dev",
  accountId: "111111111111",
  region: "ap-southeast-1",
  loadBalancerArn: "arn:aws:elasticloadbalancing:ap-southeast-1:111111111111:loadbalancer/app/api/1",
  reactionPathPatterns: LIVESTREAM_PATHS.social.pathPatterns,
  kmsKeyArn: "arn:aws:kms:ap-southeast-1:111111111111:key/k",
  alarmTopicArn: "arn:aws:sns:ap-southeast-1:111111111111:ops",
  rateLimitPerIp: 1100,
  reactionRateLimitPerIp: 750,
  blockedRequestsAlarmThreshold: 70,
};

function synth(overrides: Partial<ApiFirewallProps> = {}): Resources {
  return JSON.parse(Testing.synthScope((scope) => void new ApiFirewall(scope, "fw", { ...BASE, ...overrides }))).resource;
}
const only = (map: Record<string, any> | undefined): any => {
  const values = Object.values(map ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};

describe("ApiFirewall", () => {
  const r = synth();
  const acl = only(r.aws_wafv2_web_acl);
  const rule = (name: string) => acl.rule.find((x: any) => x.name === name);

  test("a regional web ACL on the load balancer: reputation, the two rate limits, anonymous IPs, known bad inputs, common rules", () => {
    expect(acl).toMatchObject({ name: "livestream-dev-api", scope: "REGIONAL", default_action: { allow: {} } });
    expect(acl.rule.map((x: any) => [x.priority, x.name])).toEqual([
      [0, "ip-reputation"],
      [1, "reaction-rate-per-ip"],
      [2, "api-rate-per-ip"],
      [3, "anonymous-ip"],
      [4, "known-bad-inputs"],
      [5, "common-rule-set"],
    ]);
    expect(only(r.aws_wafv2_web_acl_association)).toEqual(expect.objectContaining({ resource_arn: BASE.loadBalancerArn, web_acl_arn: expect.stringMatching(/^\$\{aws_wafv2_web_acl\..+\.arn\}$/) }));
  });

  test("the anonymous-IP list only counts and known bad inputs always block, whatever managedRulesAction says", () => {
    const counting = synth({ managedRulesAction: "count" });
    const ruleIn = (res: Resources, name: string) => only(res.aws_wafv2_web_acl).rule.find((x: any) => x.name === name);
    expect(rule("anonymous-ip").override_action).toEqual({ count: {} });
    expect(ruleIn(counting, "known-bad-inputs").override_action).toEqual({ none: {} });
    expect(ruleIn(counting, "common-rule-set").override_action).toEqual({ count: {} });
    expect(ruleIn(counting, "ip-reputation").override_action).toEqual({ count: {} });
    expect(rule("common-rule-set").override_action).toEqual({ none: {} });
  });

  test("per-IP limits as given (1,100 on everything, 750 on the reaction path), per 5-minute window by default", () => {
    expect(rule("api-rate-per-ip")).toMatchObject({ action: { block: {} }, statement: { rate_based_statement: { limit: 1100, aggregate_key_type: "IP", evaluation_window_sec: 300 } } });
    expect(rule("api-rate-per-ip").statement.rate_based_statement.scope_down_statement).toBeUndefined();
    const reaction = rule("reaction-rate-per-ip").statement.rate_based_statement;
    expect(reaction.limit).toBe(750);
    expect(reaction.scope_down_statement.regex_match_statement).toEqual({
      regex_string: "^/mentor/.*/live/.*/reaction.*$",
      field_to_match: { uri_path: {} },
      text_transformation: [{ priority: 0, type: "NONE" }],
    });
    expect(only(synth({ rateLimitAction: "count" }).aws_wafv2_web_acl).rule.find((x: any) => x.name === "api-rate-per-ip").action).toEqual({ count: {} });
  });

  test("the reaction scope matches what the ALB routes to the social service, and nothing the mentor service gets", () => {
    const re = new RegExp(pathPatternsRegex(LIVESTREAM_PATHS.social.pathPatterns));
    expect(re.test("/mentor/42/live/7/reaction")).toBe(true);
    expect(re.test("/mentor/42/live/7/reactions/comments")).toBe(true);
    expect(re.test("/mentor/42/live/7")).toBe(false);
    expect(re.test("/mentor/42/profile")).toBe(false);
    expect(pathPatternsRegex(["/a?c", "/x.y*"])).toBe("^(?:/a.c|/x\\.y.*)$");
  });

  test("every request is logged to an encrypted aws-waf-logs- group the log delivery service may write, credentials redacted", () => {
    const group = only(r.aws_cloudwatch_log_group);
    expect(group).toMatchObject({ name: "aws-waf-logs-livestream-dev-api", retention_in_days: 90, kms_key_id: BASE.kmsKeyArn });
    const policy = JSON.parse(only(r.aws_cloudwatch_log_resource_policy).policy_document);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..+\.arn\}:log-stream:\*$/),
        Condition: { StringEquals: { "aws:SourceAccount": "111111111111" }, ArnLike: { "aws:SourceArn": "arn:aws:logs:ap-southeast-1:111111111111:*" } },
      }),
    ]);
    const logging = only(r.aws_wafv2_web_acl_logging_configuration);
    expect(logging.redacted_fields).toEqual([{ single_header: { name: "authorization" } }, { single_header: { name: "cookie" } }]);
    expect(logging.depends_on).toEqual([expect.stringMatching(/^aws_cloudwatch_log_resource_policy\./)]);
  });

  test("alarms: blocked spike over the threshold, and any rate-limited client (counted requests in count mode)", () => {
    const alarms = Object.values(r.aws_cloudwatch_metric_alarm) as any[];
    const byName = (name: string) => alarms.find((a) => a.alarm_name === name);
    expect(byName("livestream-dev-api-waf-blocked-spike")).toMatchObject({
      namespace: "AWS/WAFV2",
      metric_name: "BlockedRequests",
      dimensions: { WebACL: "livestream-dev-api", Region: "ap-southeast-1", Rule: "ALL" },
      threshold: 70,
      alarm_actions: [BASE.alarmTopicArn],
    });
    expect(byName("livestream-dev-api-waf-reaction-rate-limited")).toMatchObject({ metric_name: "BlockedRequests", dimensions: { Rule: "reaction-rate-per-ip" }, threshold: 0 });
    const counting = Object.values(synth({ rateLimitAction: "count" }).aws_cloudwatch_metric_alarm) as any[];
    expect(counting.find((a) => a.alarm_name === "livestream-dev-api-waf-api-rate-limited").metric_name).toBe("CountedRequests");
  });

  test("invalid props are refused together, each named", () => {
    expect(() => synth({ rateLimitPerIp: 500, reactionRateLimitPerIp: 600, evaluationWindowSeconds: 30, reactionPathPatterns: [] })).toThrow(
      /reactionRateLimitPerIp \(600\) must be below rateLimitPerIp \(500\); evaluationWindowSeconds must be 60, 120, 300 or 600, got 30; reactionPathPatterns must list/,
    );
    expect(() => synth({ rateLimitPerIp: 5 })).toThrow(/rateLimitPerIp must be a whole number from 10/);
  });
});
