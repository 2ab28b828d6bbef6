import { blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { containers } from "./container-definitions";

const SECRET_NAME = /(SECRET|PASSW(OR)?D|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|CONNECTION_?STRING|DATABASE_URL)/i;
/** Values that point at a secret rather than hold one. */
const POINTER = /^(arn:aws[\w-]*:(secretsmanager|ssm|kms):|\$\{aws_(secretsmanager_secret|ssm_parameter|kms_key)[\w.]*\.(arn|id|name)\}$)/;
const POINTER_NAME = /_(ARN|ID|NAME)$/i;

export const noPlaintextSecrets: Rule = {
  id: "LS-ECS-004",
  title: "ECS task definitions pass secrets through `secrets`, not plain environment variables",
  level: "error",
  checkov: [],
  trivy: ["AVD-AWS-0036"],
  resourceTypes: ["aws_ecs_task_definition"],
  rationale: "Environment values are readable by anyone who can describe the task definition; `secrets` are fetched at start from Secrets Manager.",
  fix: "Move the value to Secrets Manager and reference it in the container's `secrets` list ({ name, valueFrom = secret ARN }).",
  check(task) {
    const list = containers(task);
    if (!Array.isArray(list)) return [];
    const out = [];
    for (const c of list) {
      for (const env of blocks(c.environment)) {
        const name = String(env.name ?? "");
        const value = String(env.value ?? "");
        if (SECRET_NAME.test(name) && !POINTER_NAME.test(name) && value !== "" && !POINTER.test(value)) {
          out.push({ message: `container '${String(c.name)}' sets ${name} in plain environment variables` });
        }
      }
    }
    return out;
  },
};
