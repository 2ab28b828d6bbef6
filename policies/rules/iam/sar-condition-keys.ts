import { conditionKeyExists, isGlobalConditionKey } from "../../engine/service-authorization";
import type { Rule } from "../../engine/types";
import { checkStatements, POLICY_RESOURCE_TYPES } from "./statements";

/** Service prefix of a condition key, or undefined for global (`aws:`) and identity-provider keys. */
function keyService(key: string): string | undefined {
  if (isGlobalConditionKey(key)) return undefined;
  const prefix = key.split(":")[0].toLowerCase();
  return prefix === "aws" || prefix.includes(".") || key.split(":").length < 2 ? undefined : prefix;
}

export const sarConditionKeys: Rule = {
  id: "LS-IAM-005",
  title: "Every condition key exists globally (aws:) or for a service the statement's actions belong to",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: POLICY_RESOURCE_TYPES,
  rationale:
    "A condition on a key no request carries never matches: an Allow conditioned on it grants nothing and a Deny conditioned on it never denies. IAM accepts the policy either way.",
  fix: "Use a key from the IAM User Guide's global condition keys or the Service Authorization Reference's condition keys of the service whose actions the statement names.",
  check(resource) {
    return checkStatements(resource, (statement) => {
      const problems: string[] = [];
      const services = new Set(statement.actions.map((a) => a.split(":")[0].toLowerCase()));
      for (const key of statement.conditionKeys) {
        if (!conditionKeyExists(key)) {
          problems.push(`condition key ${key} is neither a global key nor a key of its service`);
          continue;
        }
        const service = keyService(key);
        // A service key is only in requests to that service (a statement with NotAction or "*" may reach it).
        if (service && statement.notActions.length === 0 && !services.has("*") && !services.has(service)) {
          problems.push(`condition key ${key} is only set on ${service} requests, but the statement's actions are ${statement.actions.join(", ")}`);
        }
      }
      return problems;
    });
  },
};
