import type { Rule } from "../../engine/types";

export const vpcFlowLogs: Rule = {
  id: "LS-NET-002",
  title: "VPC has flow logs",
  level: "error",
  checkov: ["CKV2_AWS_11"],
  trivy: ["AVD-AWS-0178"],
  resourceTypes: ["aws_vpc"],
  rationale: "Flow logs are the record of who talked to what when investigating an incident or a surprise NAT bill.",
  fix: "Add an aws_flow_log with vpc_id = the VPC, traffic_type = \"ALL\", delivering to a CloudWatch log group with a retention (or S3).",
  check(vpc, { index }) {
    return index.pointingAt("aws_flow_log", vpc, "vpc_id").length ? [] : [{ message: "no aws_flow_log refers to this VPC" }];
  },
};
