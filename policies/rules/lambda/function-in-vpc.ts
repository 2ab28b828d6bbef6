import { asStrings, block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const functionInVpc: Rule = {
  id: "LS-LAMBDA-001",
  title: "Lambda function runs inside the VPC",
  level: "error",
  checkov: ["CKV_AWS_117"],
  trivy: [],
  resourceTypes: ["aws_lambda_function"],
  rationale: "Functions reach the database and internal endpoints privately and are covered by VPC flow logs and security groups.",
  fix: "Set vpc_config { subnet_ids = private subnets, security_group_ids = [a dedicated security group] }.",
  check(fn) {
    const vpc = block(fn.attributes.vpc_config);
    const subnets = vpc.subnet_ids;
    return (Array.isArray(subnets) ? asStrings(subnets).length > 0 : !!subnets) ? [] : [{ message: "vpc_config has no subnet_ids" }];
  },
};
