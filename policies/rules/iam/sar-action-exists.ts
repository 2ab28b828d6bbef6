import { expandAction } from "../../engine/service-authorization";
import type { Rule } from "../../engine/types";
import { checkStatements, POLICY_RESOURCE_TYPES } from "./statements";

export const sarActionExists: Rule = {
  id: "LS-IAM-002",
  title: "Every IAM action (Action and NotAction, wildcards included) exists in AWS's Service Authorization Reference",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: POLICY_RESOURCE_TYPES,
  rationale:
    "IAM accepts a policy naming an action that does not exist and silently grants (or denies) nothing: a typo or a retired action shows up only as AccessDenied at run time, or as a Deny that never applies.",
  fix: "Spell the action as the Service Authorization Reference lists it for the service (`<prefix>:<Action>`), or widen/fix the wildcard so it matches at least one action.",
  check(resource) {
    return checkStatements(resource, (statement) => {
      const problems: string[] = [];
      for (const [element, entries] of [["Action", statement.actions], ["NotAction", statement.notActions]] as const) {
        for (const entry of entries) {
          if (entry === "*") continue;
          const { service, actions } = expandAction(entry);
          if (!service) problems.push(`${element} ${entry}: no AWS service has the prefix '${entry.split(":")[0]}'`);
          else if (actions.length === 0) problems.push(`${element} ${entry}: ${/[*?]/.test(entry) ? "matches no action" : "is not an action"} of ${service.prefix}`);
        }
      }
      return problems;
    });
  },
};
