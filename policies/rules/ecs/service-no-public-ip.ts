import { block, isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const serviceNoPublicIp: Rule = {
  id: "LS-ECS-003",
  title: "ECS services do not assign public IPs to tasks",
  level: "error",
  checkov: ["CKV_AWS_333"],
  trivy: [],
  resourceTypes: ["aws_ecs_service"],
  rationale: "Tasks run in private subnets behind the ALB; a public IP would expose them directly.",
  fix: "Set network_configuration { assign_public_ip = false } and use private subnets (egress through NAT or VPC endpoints).",
  check(service) {
    return isTrue(block(service.attributes.network_configuration).assign_public_ip) ? [{ message: "assign_public_ip is true" }] : [];
  },
};
