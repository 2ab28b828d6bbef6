import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { SecurityGroupRule } from "@cdktf/provider-aws/lib/security-group-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { securityGroupPublicIngress } from "./security-group-public-ingress";
import { vpcFlowLogs } from "./vpc-flow-logs";
import { mediaLiveInputSecurityGroup } from "./medialive-input-security-group";
import { mediaLivePushInputRestricted } from "./medialive-push-input-restricted";

const albGroup = (s: TerraformStack) => {
  const sg = new SecurityGroup(s, "alb-sg", { vpcId: "vpc-1" });
  new Lb(s, "alb", { securityGroups: [sg.id], subnets: ["a", "b"] });
  return sg;
};
const world = (s: TerraformStack, sg: SecurityGroup, port: number, id = `p${port}`) =>
  new VpcSecurityGroupIngressRule(s, id, { securityGroupId: sg.id, cidrIpv4: "0.0.0.0/0", fromPort: port, toPort: port, ipProtocol: "tcp" });

describe("LS-NET-001 security group public ingress", () => {
  test("passes for the ALB group on 443 and 80, and for group-to-group rules", () => {
    expect(findingsOf(securityGroupPublicIngress, (s) => {
      const sg = albGroup(s);
      world(s, sg, 443);
      world(s, sg, 80);
      const app = new SecurityGroup(s, "app", { vpcId: "vpc-1" });
      new VpcSecurityGroupIngressRule(s, "from-alb", { securityGroupId: app.id, referencedSecurityGroupId: sg.id, fromPort: 8080, toPort: 8080, ipProtocol: "tcp" });
    })).toEqual([]);
  });
  test("fires on the ALB group on another port, and on any other group open to the world", () => {
    expect(findingsOf(securityGroupPublicIngress, (s) => void world(s, albGroup(s), 22))).toHaveLength(1);
    expect(findingsOf(securityGroupPublicIngress, (s) => void world(s, new SecurityGroup(s, "app", { vpcId: "vpc-1" }), 443))).toHaveLength(1);
    expect(findingsOf(securityGroupPublicIngress, (s) => {
      const sg = new SecurityGroup(s, "legacy", { vpcId: "vpc-1", ingress: [{ fromPort: 0, toPort: 0, protocol: "-1", ipv6CidrBlocks: ["::/0"] }] });
      new SecurityGroupRule(s, "rule", { type: "ingress", securityGroupId: sg.id, fromPort: 5432, toPort: 5432, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] });
    }).map((f) => f.message)).toEqual([
      expect.stringMatching(/inline ingress rule allows ::\/0 on all ports/),
      expect.stringMatching(/allows 0.0.0.0\/0 on tcp 5432/),
    ]);
  });
});

describe("LS-NET-002 VPC flow logs", () => {
  test("passes with a flow log", () => expect(findingsOf(vpcFlowLogs, (s) => {
    const vpc = new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" });
    new FlowLog(s, "fl", { vpcId: vpc.id, trafficType: "ALL", logDestination: "arn" });
  })).toEqual([]));
  test("fires without one", () => expect(findingsOf(vpcFlowLogs, (s) => void new Vpc(s, "vpc", { cidrBlock: "10.0.0.0/16" }))).toHaveLength(1));
});

describe("LS-NET-003 MediaLive input security group", () => {
  test("passes for known CIDRs", () => expect(findingsOf(mediaLiveInputSecurityGroup, (s) => void new MedialiveInputSecurityGroup(s, "g", { whitelistRules: [{ cidr: "203.0.113.0/24" }] }))).toEqual([]));
  test("fires when open to the world", () => expect(findingsOf(mediaLiveInputSecurityGroup, (s) => void new MedialiveInputSecurityGroup(s, "g", { whitelistRules: [{ cidr: "0.0.0.0/0" }] }))).toHaveLength(1));
});

describe("LS-NET-004 MediaLive push input restricted", () => {
  test("passes with an input security group", () => expect(findingsOf(mediaLivePushInputRestricted, (s) => {
    const g = new MedialiveInputSecurityGroup(s, "g", { whitelistRules: [{ cidr: "203.0.113.0/24" }] });
    new MedialiveInput(s, "in", { name: "in", type: "RTMP_PUSH", inputSecurityGroups: [g.id] });
  })).toEqual([]));
  test("fires without one", () => expect(findingsOf(mediaLivePushInputRestricted, (s) => void new MedialiveInput(s, "in", { name: "in", type: "RTMP_PUSH" }))).toHaveLength(1));
});

requireBothOutcomes([securityGroupPublicIngress, vpcFlowLogs, mediaLiveInputSecurityGroup, mediaLivePushInputRestricted]);
