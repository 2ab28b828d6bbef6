import type { Rule } from "../../engine/types";
import { containers } from "./container-definitions";

export const readOnlyRootFilesystem: Rule = {
  id: "LS-ECS-002",
  title: "ECS containers mount their root filesystem read-only where possible",
  level: "warning",
  checkov: ["CKV_AWS_336"],
  trivy: [],
  resourceTypes: ["aws_ecs_task_definition"],
  rationale: "A read-only root stops an intruder from persisting tools in the image; a warning because some runtimes need a writable /tmp volume first.",
  fix: "Set readonlyRootFilesystem = true and mount a task volume for scratch paths such as /tmp.",
  check(task) {
    const list = containers(task);
    if (!Array.isArray(list)) return [];
    return list.filter((c) => c.readonlyRootFilesystem !== true).map((c) => ({ message: `container '${String(c.name)}' has a writable root filesystem` }));
  },
};
