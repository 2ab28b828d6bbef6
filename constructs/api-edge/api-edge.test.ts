import { Testing } from "cdktf";
import { ApiEdge, LIVESTREAM_PATHS, type ApiEdgeProps, type ApiRoute } from "./index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped
type Json = any;
type Resources = Record<string, Record<string, Record<string, Json>>>;

const ROUTES: ApiRoute[] = (["social", "mentee", "mentor"] as const).map((name) => ({
  name,
  ...LIVESTREAM_PATHS[name],
  port: 8080,
  healthCheckPath: "/health",
}));

const BASE: ApiEdgeProps = {
  namePrefix: "livestream-dev",
  accountId: "111111111111",
  region: "ap-southeast-1",
  zoneName: "dev.mentoring.example.com",
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.20.0.0/16",
  publicSubnetIds: ["subnet-aaaa", "subnet-bbbb"],
  routes: ROUTES,
  deletionProtection: false,
};

function synth(overrides: Partial<ApiEdgeProps> = {}): Resources {
  const json = Testing.synthScope((scope) => {
    new ApiEdge(scope, "edge", { ...BASE, ...overrides });
  });
  return JSON.parse(json).resource as Resources;
}

const only = <T>(map: Record<string, T> | undefined): T => {
  const values = Object.values(map ?? {});
  expect(values).toHaveLength(1);
  return values[0];
};
const byPort = (listeners: Record<string, Json>, port: number) => Object.values(listeners).find((l: Json) => l.port === port);

describe("ApiEdge routing", () => {
  const r = synth();
  const rules = Object.values(r.aws_lb_listener_rule) as Json[];
  const groups = r.aws_lb_target_group;
  const targetOf = (rule: Json) => {
    const ref = rule.action[0].target_group_arn as string;
    const key = Object.keys(groups).find((k) => ref === `\${aws_lb_target_group.${k}.arn}`);
    return groups[key!].name;
  };

  test("the reaction path is checked before /mentor/*, then /livestream, then /mentor", () => {
    const ordered = [...rules].sort((a, b) => a.priority - b.priority);
    expect(ordered.map((rule) => [rule.priority, rule.condition[0].path_pattern.values, targetOf(rule)])).toEqual([
      [10, ["/mentor/*/live/*/reaction*"], "livestream-dev-social"],
      [20, ["/livestream", "/livestream/*"], "livestream-dev-mentee"],
      [30, ["/mentor/*"], "livestream-dev-mentor"],
    ]);
  });

  test("rules hang off the HTTPS listener and forward", () => {
    const httpsKey = Object.keys(r.aws_lb_listener).find((k) => r.aws_lb_listener[k].port === 443);
    for (const rule of rules) {
      expect(rule.listener_arn).toBe(`\${aws_lb_listener.${httpsKey}.arn}`);
      expect(rule.action[0].type).toBe("forward");
    }
  });

  test("target groups are ip targets with an HTTP health check and a short deregistration delay", () => {
    for (const group of Object.values(groups) as Json[]) {
      expect(group).toMatchObject({ target_type: "ip", protocol: "HTTP", port: 8080, deregistration_delay: "30" });
      expect(group.health_check).toMatchObject({ enabled: true, path: "/health", protocol: "HTTP" });
    }
  });
});

describe("ApiEdge load balancer", () => {
  const r = synth();

  test("HTTPS listener uses the TLS 1.3/1.2 policy, the validated certificate and a JSON 404 default", () => {
    const https = byPort(r.aws_lb_listener, 443);
    expect(https.protocol).toBe("HTTPS");
    expect(https.ssl_policy).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
    expect(https.certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\..+\.certificate_arn\}$/);
    expect(https.default_action[0]).toMatchObject({
      type: "fixed-response",
      fixed_response: { status_code: "404", content_type: "application/json" },
    });
  });

  test("HTTP listener only redirects to HTTPS with a 301", () => {
    const http = byPort(r.aws_lb_listener, 80);
    expect(http.protocol).toBe("HTTP");
    expect(http.default_action).toEqual([{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }]);
  });

  test("internet-facing ALB in the public subnets drops invalid headers and logs to S3", () => {
    const alb = only(r.aws_lb);
    expect(alb).toMatchObject({
      internal: false,
      load_balancer_type: "application",
      subnets: ["subnet-aaaa", "subnet-bbbb"],
      drop_invalid_header_fields: true,
      enable_deletion_protection: false,
    });
    expect(alb.access_logs).toMatchObject({ enabled: true, prefix: "alb" });
    expect(alb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
  });

  test("deletion protection is on by default and can be turned off for dev", () => {
    expect(only(synth({ deletionProtection: undefined }).aws_lb).enable_deletion_protection).toBe(true);
    expect(only(synth({ deletionProtection: false }).aws_lb).enable_deletion_protection).toBe(false);
  });

  test("security group: only 80/443 from the internet, egress only to the VPC on target ports", () => {
    const ingress = Object.values(r.aws_vpc_security_group_ingress_rule) as Json[];
    expect(ingress.map((i) => [i.from_port, i.to_port, i.cidr_ipv4]).sort()).toEqual([
      [443, 443, "0.0.0.0/0"],
      [80, 80, "0.0.0.0/0"],
    ]);
    const egress = only(r.aws_vpc_security_group_egress_rule);
    expect(egress).toMatchObject({ cidr_ipv4: "10.20.0.0/16", from_port: 8080, to_port: 8080, ip_protocol: "tcp" });
    const sg = only(r.aws_security_group);
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
  });

  test("dual-stack adds ::/0 ingress and an AAAA alias", () => {
    const d = synth({ ipAddressType: "dualstack" });
    expect(only(d.aws_lb).ip_address_type).toBe("dualstack");
    const v6 = (Object.values(d.aws_vpc_security_group_ingress_rule) as Json[]).filter((i) => i.cidr_ipv6 === "::/0");
    expect(v6.map((i) => i.from_port).sort()).toEqual([443, 80]);
    const aliases = (Object.values(d.aws_route53_record) as Json[]).filter((rec) => rec.alias);
    expect(aliases.map((a) => a.type).sort()).toEqual(["A", "AAAA"]);
  });
});

describe("ApiEdge DNS and certificate", () => {
  test("new zone, DNS-validated certificate through iterated validation records, alias to the ALB", () => {
    const r = synth();
    expect(only(r.aws_route53_zone).name).toBe("dev.mentoring.example.com");
    const cert = only(r.aws_acm_certificate);
    expect(cert).toMatchObject({ domain_name: "api.dev.mentoring.example.com", validation_method: "DNS" });
    const records = Object.values(r.aws_route53_record) as Json[];
    const validation = records.find((rec) => rec.for_each);
    expect(validation.for_each).toMatch(/domain_validation_options/);
    expect(only(r.aws_acm_certificate_validation).validation_record_fqdns).toMatch(/fqdn/);
    const alias = records.find((rec) => rec.alias);
    expect(alias).toMatchObject({ name: "api.dev.mentoring.example.com", type: "A" });
    expect(alias.alias.name).toMatch(/^\$\{aws_lb\..+\.dns_name\}$/);
  });

  test("an existing zone is used by id, without a new zone or a lookup", () => {
    const json = Testing.synthScope((scope) => {
      new ApiEdge(scope, "edge", { ...BASE, existingZoneId: "Z0123456789ABC" });
    });
    const parsed = JSON.parse(json);
    expect(parsed.resource.aws_route53_zone).toBeUndefined();
    expect(parsed.data).toBeUndefined();
    for (const rec of Object.values(parsed.resource.aws_route53_record) as Json[]) expect(rec.zone_id).toBe("Z0123456789ABC");
  });
});

describe("ApiEdge access-log bucket", () => {
  const r = synth();
  const policy = JSON.parse(only(r.aws_s3_bucket_policy).policy);

  test("blocks public access, enforces ownership, encrypts with SSE-S3 and expires logs", () => {
    expect(only(r.aws_s3_bucket_public_access_block)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(only(r.aws_s3_bucket_ownership_controls).rule.object_ownership).toBe("BucketOwnerEnforced");
    expect(only(r.aws_s3_bucket_server_side_encryption_configuration).rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    expect(only(r.aws_s3_bucket_lifecycle_configuration).rule[0].expiration[0].days).toBe(90);
  });

  test("denies plain HTTP and lets only ELB log delivery write under the account's prefix", () => {
    const deny = policy.Statement.find((s: Json) => s.Effect === "Deny");
    expect(deny.Condition).toEqual({ Bool: { "aws:SecureTransport": "false" } });
    const allows = policy.Statement.filter((s: Json) => s.Effect === "Allow");
    expect(allows.map((s: Json) => s.Principal)).toEqual(
      expect.arrayContaining([{ AWS: "arn:aws:iam::114774131450:root" }, { Service: "logdelivery.elasticloadbalancing.amazonaws.com" }]),
    );
    for (const s of allows) {
      expect(s.Action).toBe("s3:PutObject");
      expect(s.Resource).toMatch(/\/alb\/AWSLogs\/111111111111\/\*$/);
    }
  });

  test("a region without a known ELB account relies on the service principal only", () => {
    const other = JSON.parse(only(synth({ region: "ap-southeast-7" }).aws_s3_bucket_policy).policy);
    const principals = other.Statement.filter((s: Json) => s.Effect === "Allow").map((s: Json) => s.Principal);
    expect(principals).toEqual([{ Service: "logdelivery.elasticloadbalancing.amazonaws.com" }]);
  });
});

describe("ApiEdge prop validation", () => {
  const build = (overrides: Partial<ApiEdgeProps>) => () =>
    Testing.synthScope((scope) => {
      new ApiEdge(scope, "edge", { ...BASE, ...overrides });
    });

  test.each<[string, Partial<ApiEdgeProps>, RegExp]>([
    ["duplicate priority", { routes: [ROUTES[0], { ...ROUTES[1], priority: 10 }] }, /routes\[1\].*priority 10 is already used by route social/],
    ["duplicate name", { routes: [ROUTES[0], { ...ROUTES[1], name: "social" }] }, /routes\[1\].*name is used by another route/],
    ["no routes", { routes: [] }, /props\.routes must contain at least one route/],
    ["relative path", { routes: [{ ...ROUTES[0], pathPatterns: ["livestream/*"] }] }, /pathPatterns entry 'livestream\/\*' must start with "\/"/],
    ["too many paths", { routes: [{ ...ROUTES[0], pathPatterns: ["/a", "/b", "/c", "/d", "/e", "/f"] }] }, /pathPatterns must hold 1-5/],
    ["bad zone id", { existingZoneId: "zone-1" }, /props\.existingZoneId 'zone-1'/],
    ["one subnet", { publicSubnetIds: ["subnet-aaaa"] }, /props\.publicSubnetIds needs subnets in at least 2 AZs/],
    ["long prefix", { namePrefix: "livestream-a-very-long-environment" }, /props\.namePrefix .* 32 characters/],
  ])("%s throws", (_label, overrides, message) => {
    expect(build(overrides)).toThrow(message);
  });

  test("targetGroup() names the known routes when asked for an unknown one", () => {
    Testing.synthScope((scope) => {
      const edge = new ApiEdge(scope, "edge", BASE);
      expect(edge.targetGroup("mentee").port).toBe(8080);
      expect(() => edge.targetGroup("nope")).toThrow(/no route named 'nope' \(routes: social, mentee, mentor\)/);
    });
  });
});
