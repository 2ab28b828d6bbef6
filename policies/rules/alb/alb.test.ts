import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { httpsListener } from "./https-listener";
import { tlsPolicy } from "./tls-policy";
import { dropInvalidHeaders } from "./drop-invalid-headers";
import { loadBalancerDeletionProtection } from "./deletion-protection";
import { loadBalancerAccessLogs } from "./access-logs";

const redirect = [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }];
const forward = [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:ap-southeast-1:111111111111:targetgroup/x/y" }];

describe("LS-ALB-001 HTTPS listener", () => {
  test("passes for HTTPS and for an HTTP redirect", () => {
    expect(findingsOf(httpsListener, (s) => {
      new LbListener(s, "https", { loadBalancerArn: "arn", port: 443, protocol: "HTTPS", certificateArn: "c", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultAction: forward });
      new LbListener(s, "http", { loadBalancerArn: "arn", port: 80, protocol: "HTTP", defaultAction: redirect });
    })).toEqual([]);
  });
  test("fires on an HTTP listener that forwards", () => {
    expect(findingsOf(httpsListener, (s) => void new LbListener(s, "http", { loadBalancerArn: "arn", port: 80, protocol: "HTTP", defaultAction: forward }))).toHaveLength(1);
  });
});

describe("LS-ALB-002 TLS policy", () => {
  test("passes with a TLS 1.2+ policy", () => {
    expect(findingsOf(tlsPolicy, (s) => void new LbListener(s, "https", { loadBalancerArn: "arn", port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", defaultAction: forward }))).toEqual([]);
  });
  test("fires on the provider default and on TLS 1.0 policies", () => {
    expect(findingsOf(tlsPolicy, (s) => void new LbListener(s, "https", { loadBalancerArn: "arn", port: 443, protocol: "HTTPS", defaultAction: forward }))[0].message).toMatch(/2016-08/);
    expect(findingsOf(tlsPolicy, (s) => void new LbListener(s, "https", { loadBalancerArn: "arn", port: 443, protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-0-2021-06", defaultAction: forward }))).toHaveLength(1);
  });
});

const goodLb = { internal: false, loadBalancerType: "application", subnets: ["a", "b"], dropInvalidHeaderFields: true, enableDeletionProtection: true, accessLogs: { bucket: "logs", enabled: true } };

describe("LS-ALB-003 drop invalid headers", () => {
  test("passes when set", () => expect(findingsOf(dropInvalidHeaders, (s) => void new Lb(s, "lb", goodLb))).toEqual([]));
  test("fires when unset", () => expect(findingsOf(dropInvalidHeaders, (s) => void new Lb(s, "lb", { ...goodLb, dropInvalidHeaderFields: undefined }))).toHaveLength(1));
});

describe("LS-ALB-004 deletion protection (prod)", () => {
  test("passes when on, and dev stacks are not checked", () => {
    expect(findingsOf(loadBalancerDeletionProtection, (s) => void new Lb(s, "lb", goodLb))).toEqual([]);
    expect(findingsOf(loadBalancerDeletionProtection, (s) => void new Lb(s, "lb", { ...goodLb, enableDeletionProtection: false }), "dev")).toEqual([]);
  });
  test("fires in prod when off", () => {
    expect(findingsOf(loadBalancerDeletionProtection, (s) => void new Lb(s, "lb", { ...goodLb, enableDeletionProtection: false }), "prod")).toHaveLength(1);
  });
});

describe("LS-ALB-005 access logs", () => {
  test("passes when enabled", () => expect(findingsOf(loadBalancerAccessLogs, (s) => void new Lb(s, "lb", goodLb))).toEqual([]));
  test("fires when a bucket is named but logging is not enabled", () => {
    expect(findingsOf(loadBalancerAccessLogs, (s) => void new Lb(s, "lb", { ...goodLb, accessLogs: { bucket: "logs" } }))).toHaveLength(1);
  });
});

requireBothOutcomes([httpsListener, tlsPolicy, dropInvalidHeaders, loadBalancerDeletionProtection, loadBalancerAccessLogs]);
