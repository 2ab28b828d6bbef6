import type { TerraformStack } from "cdktf";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Wafv2WebAcl, type Wafv2WebAclRule } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { loadBalancerWebAcl } from "./load-balancer-web-acl";
import { webAclLogging } from "./web-acl-logging";
import { knownBadInputs } from "./known-bad-inputs";
import { managedBaseline } from "./managed-baseline";
import { clientRateLimit } from "./client-rate-limit";

const visibility = (name: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
const group = (name: string, priority: number, override: "none" | "count" = "none", extra: object = {}): Wafv2WebAclRule => ({
  name,
  priority,
  overrideAction: override === "count" ? { count: {} } : { none: {} },
  statement: { managed_rule_group_statement: { name, vendor_name: "AWS", ...extra } },
  visibilityConfig: visibility(name),
});
const rate = (priority: number, action: "block" | "count", scopeDown?: object): Wafv2WebAclRule => ({
  name: `rate-${priority}`,
  priority,
  action: action === "block" ? { block: {} } : { count: {} },
  statement: { rate_based_statement: { limit: 1100, aggregate_key_type: "IP", ...(scopeDown ? { scope_down_statement: scopeDown } : {}) } },
  visibilityConfig: visibility(`rate-${priority}`),
});
const BASELINE = [group("AWSManagedRulesAmazonIpReputationList", 0), group("AWSManagedRulesKnownBadInputsRuleSet", 1), group("AWSManagedRulesCommonRuleSet", 2), rate(3, "block")];
const acl = (s: TerraformStack, rules: Wafv2WebAclRule[] = BASELINE, id = "acl") =>
  new Wafv2WebAcl(s, id, { name: id, scope: "REGIONAL", defaultAction: { allow: {} }, rule: rules, visibilityConfig: visibility(id) });
const lb = (s: TerraformStack, internal = false) => new Lb(s, "lb", { internal, loadBalancerType: "application", subnets: ["a", "b"] });

describe("LS-WAF-001 web ACL on the internet-facing ALB", () => {
  test("passes when a web ACL is associated, and for internal load balancers", () => {
    expect(findingsOf(loadBalancerWebAcl, (s) => void new Wafv2WebAclAssociation(s, "assoc", { resourceArn: lb(s).arn, webAclArn: acl(s).arn }))).toEqual([]);
    expect(findingsOf(loadBalancerWebAcl, (s) => void lb(s, true))).toEqual([]);
  });
  test("fires on an internet-facing ALB without one", () => {
    expect(findingsOf(loadBalancerWebAcl, (s) => void lb(s))[0].message).toMatch(/no aws_wafv2_web_acl_association/);
  });
});

describe("LS-WAF-002 request logging", () => {
  test("passes with a logging configuration", () => {
    expect(findingsOf(webAclLogging, (s) => void new Wafv2WebAclLoggingConfiguration(s, "log", { resourceArn: acl(s).arn, logDestinationConfigs: ["arn:aws:logs:ap-southeast-1:111111111111:log-group:aws-waf-logs-x"] }))).toEqual([]);
  });
  test("fires without one", () => expect(findingsOf(webAclLogging, (s) => void acl(s))).toHaveLength(1));
});

describe("LS-WAF-003 known bad inputs", () => {
  test("passes when the group blocks", () => expect(findingsOf(knownBadInputs, (s) => void acl(s))).toEqual([]));
  test("fires when missing, counting, or with Log4JRCE overridden to count", () => {
    expect(findingsOf(knownBadInputs, (s) => void acl(s, [BASELINE[0]]))[0].message).toMatch(/no rule runs the managed rule group AWSManagedRulesKnownBadInputsRuleSet/);
    expect(findingsOf(knownBadInputs, (s) => void acl(s, [group("AWSManagedRulesKnownBadInputsRuleSet", 0, "count")]))[0].message).toMatch(/overridden to count/);
    const relaxed = group("AWSManagedRulesKnownBadInputsRuleSet", 0, "none", { rule_action_override: [{ name: "Log4JRCE_HEADER", action_to_use: { count: {} } }] });
    expect(findingsOf(knownBadInputs, (s) => void acl(s, [relaxed]))[0].message).toMatch(/relaxes Log4JRCE_HEADER/);
  });
});

describe("LS-WAF-004 managed baseline", () => {
  test("passes with the common rule set and the IP reputation list, counting or blocking", () => {
    expect(findingsOf(managedBaseline, (s) => void acl(s, [group("AWSManagedRulesCommonRuleSet", 0, "count"), group("AWSManagedRulesAmazonIpReputationList", 1)]))).toEqual([]);
  });
  test("fires naming what is missing", () => {
    expect(findingsOf(managedBaseline, (s) => void acl(s, [BASELINE[1]]))[0].message).toBe("no rule runs AWSManagedRulesCommonRuleSet, AWSManagedRulesAmazonIpReputationList");
  });
});

describe("LS-WAF-005 per-IP rate limit", () => {
  test("passes with a blocking per-IP limit in prod and a counting one in dev", () => {
    expect(findingsOf(clientRateLimit, (s) => void acl(s))).toEqual([]);
    expect(findingsOf(clientRateLimit, (s) => void acl(s, [rate(0, "count")]), "dev")).toEqual([]);
  });
  test("fires without a limit on every request, and on a counting limit in prod", () => {
    const pathOnly = rate(0, "block", { byte_match_statement: { search_string: "/reaction", positional_constraint: "CONTAINS", field_to_match: { uri_path: {} }, text_transformation: [{ priority: 0, type: "NONE" }] } });
    expect(findingsOf(clientRateLimit, (s) => void acl(s, [pathOnly]))[0].message).toMatch(/covers every request/);
    expect(findingsOf(clientRateLimit, (s) => void acl(s, [rate(0, "count")]), "prod")[0].message).toMatch(/only counts; prod must block/);
  });
});

requireBothOutcomes([loadBalancerWebAcl, webAclLogging, knownBadInputs, managedBaseline, clientRateLimit]);
