/* eslint-disable @typescript-eslint/no-explicit-any -- synthesized Terraform JSON is untyped */
import { TerraformStack, Testing } from "cdktf";
import { Network, type NetworkProps } from "./index";
import { statementsOf } from "../iam-policy/testing";

type Blocks = Record<string, Record<string, Record<string, any>>>;

const DEV: NetworkProps = {
  namePrefix: "livestream-dev",
  region: "ap-southeast-1",
  accountId: "111111111111",
  cidr: "10.20.0.0/16",
  kmsKeyArn: "arn:aws:kms:ap-southeast-1:111111111111:key/0000",
  azCount: 2,
  natGateways: "single",
  flowLogRetentionDays: 14,
};
const PROD: NetworkProps = { ...DEV, namePrefix: "livestream-prod", cidr: "10.30.0.0/16", azCount: 3, natGateways: "per-az", flowLogRetentionDays: 90 };

function synth(props: NetworkProps): { resource: Blocks } {
  return JSON.parse(Testing.synthScope((scope) => void new Network(scope, "network", props)));
}

/** `${aws_x.key.attr}` -> key */
const keyOf = (ref: string, type: string): string => {
  const m = new RegExp(`^\\$\\{${type}\\.([^.]+)\\.[a-z_]+\\}$`).exec(ref);
  if (!m) throw new Error(`${ref} is not a reference to ${type}`);
  return m[1];
};
const entries = (r: Blocks, type: string) => Object.entries(r[type] ?? {});
const subnetsOf = (r: Blocks, tier: string) => entries(r, "aws_subnet").filter(([, s]) => s.tags["livestream:subnet-tier"] === tier);
const tableOfSubnet = (r: Blocks, subnetKey: string) => {
  const assoc = entries(r, "aws_route_table_association").filter(([, a]) => keyOf(a.subnet_id, "aws_subnet") === subnetKey);
  expect(assoc).toHaveLength(1);
  return keyOf(assoc[0][1].route_table_id, "aws_route_table");
};
const routesOfTable = (r: Blocks, tableKey: string) => entries(r, "aws_route").filter(([, rt]) => keyOf(rt.route_table_id, "aws_route_table") === tableKey).map(([, rt]) => rt);

describe.each([
  ["dev", DEV, ["ap-southeast-1a", "ap-southeast-1b"], 1],
  ["prod", PROD, ["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"], 3],
])("Network (%s)", (_name, props, azs, natCount) => {
  const { resource: r } = synth(props);

  test("VPC has DNS support and host names (needed by private endpoint DNS)", () => {
    const vpc = Object.values(r.aws_vpc);
    expect(vpc).toHaveLength(1);
    expect(vpc[0]).toMatchObject({ cidr_block: props.cidr, enable_dns_support: true, enable_dns_hostnames: true });
  });

  test.each(["public", "private", "isolated"])("one %s subnet per AZ, addressed by cidrsubnet", (tier) => {
    const subnets = subnetsOf(r, tier).map(([, s]) => s);
    expect(subnets.map((s) => s.availability_zone).sort()).toEqual(azs);
    for (const s of subnets) {
      expect(s.cidr_block).toMatch(new RegExp(`^\\$\\{cidrsubnet\\("${props.cidr.replace(/\./g, "\\.")}", 4, \\d+\\)\\}$`));
      expect(s.map_public_ip_on_launch).toBe(false);
    }
  });

  test("no two subnets share an address slot", () => {
    const blocks = Object.values(r.aws_subnet).map((s) => s.cidr_block);
    expect(new Set(blocks).size).toBe(azs.length * 3);
  });

  test(`${natCount} NAT gateway(s), each in a public subnet with an elastic IP`, () => {
    const nats = entries(r, "aws_nat_gateway");
    expect(nats).toHaveLength(natCount);
    expect(Object.keys(r.aws_eip)).toHaveLength(natCount);
    const publicKeys = subnetsOf(r, "public").map(([k]) => k);
    for (const [, nat] of nats) expect(publicKeys).toContain(keyOf(nat.subnet_id, "aws_subnet"));
  });

  test("public subnets route to the internet gateway", () => {
    for (const [key] of subnetsOf(r, "public")) {
      const routes = routesOfTable(r, tableOfSubnet(r, key));
      expect(routes).toHaveLength(1);
      expect(routes[0].destination_cidr_block).toBe("0.0.0.0/0");
      keyOf(routes[0].gateway_id, "aws_internet_gateway");
    }
  });

  test("private subnets route out through a NAT gateway (the one in their own AZ when per-AZ)", () => {
    for (const [key, subnet] of subnetsOf(r, "private")) {
      const routes = routesOfTable(r, tableOfSubnet(r, key));
      expect(routes).toHaveLength(1);
      expect(routes[0].destination_cidr_block).toBe("0.0.0.0/0");
      const nat = r.aws_nat_gateway[keyOf(routes[0].nat_gateway_id, "aws_nat_gateway")];
      const natAz = r.aws_subnet[keyOf(nat.subnet_id, "aws_subnet")].availability_zone;
      expect(natAz).toBe(props.natGateways === "per-az" ? subnet.availability_zone : azs[0]);
    }
  });

  test("isolated subnets have no route at all beyond local (no 0.0.0.0/0, no inline routes)", () => {
    for (const [key] of subnetsOf(r, "isolated")) {
      const table = tableOfSubnet(r, key);
      expect(routesOfTable(r, table)).toEqual([]);
      expect(r.aws_route_table[table].route).toBeUndefined();
    }
  });

  test("S3 gateway endpoint serves the private and isolated route tables", () => {
    const s3 = Object.values(r.aws_vpc_endpoint).filter((e) => e.vpc_endpoint_type === "Gateway");
    expect(s3).toHaveLength(1);
    expect(s3[0].service_name).toBe("com.amazonaws.ap-southeast-1.s3");
    const expected = [...subnetsOf(r, "private"), ...subnetsOf(r, "isolated")].map(([k]) => `\${aws_route_table.${tableOfSubnet(r, k)}.id}`);
    expect([...s3[0].route_table_ids].sort()).toEqual([...new Set(expected)].sort());
  });

  test("interface endpoints for ECR, Logs, Secrets Manager and SQS sit in the private subnets with private DNS", () => {
    const interfaces = Object.values(r.aws_vpc_endpoint).filter((e) => e.vpc_endpoint_type === "Interface");
    expect(interfaces.map((e) => e.service_name).sort()).toEqual(
      ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sqs"].map((s) => `com.amazonaws.ap-southeast-1.${s}`),
    );
    const privateIds = subnetsOf(r, "private").map(([k]) => `\${aws_subnet.${k}.id}`).sort();
    for (const e of interfaces) {
      expect(e.private_dns_enabled).toBe(true);
      expect([...e.subnet_ids].sort()).toEqual(privateIds);
      expect(e.security_group_ids).toHaveLength(1);
    }
  });

  test("the endpoint security group accepts only HTTPS from the VPC and has no egress", () => {
    const rules = Object.values(r.aws_vpc_security_group_ingress_rule);
    expect(rules).toEqual([expect.objectContaining({ ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: props.cidr })]);
    expect(r.aws_vpc_security_group_egress_rule).toBeUndefined();
    const sg = Object.values(r.aws_security_group);
    expect(sg).toHaveLength(1);
    expect(sg[0].ingress).toBeUndefined();
    expect(sg[0].egress).toBeUndefined();
  });

  test("the default security group is managed with no rules", () => {
    const dsg = Object.values(r.aws_default_security_group);
    expect(dsg).toHaveLength(1);
    expect(dsg[0].ingress).toEqual([]);
    expect(dsg[0].egress).toEqual([]);
  });

  test("flow logs capture ALL traffic into an encrypted log group with the configured retention", () => {
    const flow = Object.values(r.aws_flow_log);
    expect(flow).toHaveLength(1);
    expect(flow[0]).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    const group = r.aws_cloudwatch_log_group[keyOf(flow[0].log_destination, "aws_cloudwatch_log_group")];
    expect(group.kms_key_id).toBe(props.kmsKeyArn);
    expect(group.retention_in_days).toBe(props.flowLogRetentionDays);
  });

  test("the flow-log role has AWS's documented actions, writes only to its own log group and trusts only this account's flow logs", () => {
    const [role] = Object.values(r.aws_iam_role);
    const write = statementsOf(Object.values(r.aws_iam_role_policy)[0].policy);
    // Every action of AWS's documented flow-logs role policy; DescribeLogGroups (no resource type) on "*".
    expect(write.flatMap((st) => st.Action).sort()).toEqual([
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:DescribeLogGroups",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]);
    for (const st of write) {
      const star = st.Action.includes("logs:DescribeLogGroups");
      expect(st.Action.length === 1 || !star).toBe(true);
      for (const res of st.Resource) expect(res).toMatch(star ? /^\*$/ : /^\$\{aws_cloudwatch_log_group\.[^.]+\.arn\}(:\*)?$/);
    }
    const [trust] = statementsOf(role.assume_role_policy);
    expect(trust.Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
    expect(trust.Condition.StringEquals).toEqual({ "aws:SourceAccount": "111111111111" });
    expect(trust.Condition.ArnLike).toEqual({ "aws:SourceArn": ["arn:aws:ec2:ap-southeast-1:111111111111:vpc-flow-log/*"] });
  });
});

describe("Network attributes", () => {
  test("expose ids per tier in AZ order and the literal CIDR", () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, "s");
    const n = new Network(stack, "network", PROD);
    expect(n.availabilityZones).toEqual(["ap-southeast-1a", "ap-southeast-1b", "ap-southeast-1c"]);
    expect(n.vpcCidr).toBe("10.30.0.0/16");
    for (const ids of [n.publicSubnetIds, n.privateSubnetIds, n.isolatedSubnetIds, n.privateRouteTableIds]) expect(ids).toHaveLength(3);
    expect(n.isolatedRouteTableIds).toHaveLength(1);
  });

  test("explicit availability zones are used as given", () => {
    const { resource } = synth({ ...DEV, availabilityZones: ["ap-southeast-1b", "ap-southeast-1c"] });
    const azs = Object.values(resource.aws_subnet).map((s) => s.availability_zone);
    expect([...new Set(azs)].sort()).toEqual(["ap-southeast-1b", "ap-southeast-1c"]);
  });
});

describe("Network props", () => {
  test.each([
    [{ azCount: 1 }, /azCount must be 2 to 4/],
    [{ azCount: 5 }, /azCount must be 2 to 4/],
    [{ availabilityZones: ["ap-southeast-1a"] }, /availabilityZones lists 1 zones but azCount is 2/],
    [{ availabilityZones: ["ap-southeast-1a", "ap-southeast-1a"] }, /repeats a zone/],
    [{ availabilityZones: ["us-east-1a", "ap-southeast-1b"] }, /us-east-1a are not zones of region ap-southeast-1/],
    [{ cidr: "10.20.0.0" }, /cidr '10.20.0.0' must be a literal IPv4 block/],
    [{ cidr: "10.20.0.0/12" }, /cidr/],
    [{ cidr: "10.20.0.0/26" }, /cidr/],
    [{ subnetNewBits: 3 }, /subnetNewBits 3 must be at least 4/],
    [{ cidr: "10.20.0.0/24", subnetNewBits: 5 }, /subnetNewBits 5 .* \/28 or larger/],
    [{ natGateways: "none" }, /natGateways must be "single" or "per-az"/],
    [{ flowLogRetentionDays: 15 }, /flowLogRetentionDays 15 is not a CloudWatch Logs retention/],
    [{ interfaceEndpoints: ["s3"] }, /interfaceEndpoints has invalid entries \(s3\)/],
  ])("%o is rejected", (overrides, message) => {
    expect(() => synth({ ...DEV, ...(overrides as Partial<NetworkProps>) })).toThrow(message);
  });
});
