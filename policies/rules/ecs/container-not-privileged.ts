import type { Rule } from "../../engine/types";
import { containers } from "./container-definitions";

export const containerNotPrivileged: Rule = {
  id: "LS-ECS-001",
  title: "ECS containers do not run privileged",
  level: "error",
  checkov: ["CKV_AWS_334"],
  trivy: [],
  resourceTypes: ["aws_ecs_task_definition"],
  rationale: "A privileged container has root on its host; the services need no kernel capabilities.",
  fix: "Remove privileged (or set it to false) in every container definition.",
  check(task) {
    const list = containers(task);
    if (!Array.isArray(list)) return [list];
    return list.filter((c) => c.privileged === true).map((c) => ({ message: `container '${String(c.name)}' sets privileged = true` }));
  },
};
