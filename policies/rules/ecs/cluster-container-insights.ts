import { blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const clusterContainerInsights: Rule = {
  id: "LS-ECS-005",
  title: "ECS cluster has Container Insights",
  level: "warning",
  checkov: ["CKV_AWS_65"],
  trivy: ["AVD-AWS-0034"],
  resourceTypes: ["aws_ecs_cluster"],
  rationale: "Per-task CPU, memory and restart metrics are what shows a crash loop before users do.",
  fix: "Add setting { name = \"containerInsights\", value = \"enabled\" } (or \"enhanced\").",
  check(cluster) {
    const on = blocks(cluster.attributes.setting).some((s) => s.name === "containerInsights" && ["enabled", "enhanced"].includes(String(s.value)));
    return on ? [] : [{ message: "containerInsights is not enabled" }];
  },
};
