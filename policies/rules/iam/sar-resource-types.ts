import { resourceMatchesArnPattern } from "../../engine/arn-patterns";
import { expandAction, sarArnPatternOf, sarService, type SarAction, type SarService } from "../../engine/service-authorization";
import type { Rule } from "../../engine/types";
import { checkStatements, isWildcard, namesResources, POLICY_RESOURCE_TYPES } from "./statements";

/** True when one of the resources can name a resource of a type the action accepts. */
function applies(action: SarAction, service: SarService, resources: readonly string[]): boolean {
  if (resources.includes("*")) return true;
  if (action.resourceTypes.length === 0) return false;
  return action.resourceTypes.some((type) => {
    const pattern = service.arnPatterns.get(type.name.toLowerCase());
    return pattern === undefined || resources.some((r) => resourceMatchesArnPattern(r, pattern, sarArnPatternOf));
  });
}

export const sarResourceTypes: Rule = {
  id: "LS-IAM-004",
  title: "Actions that take resource types are granted on an ARN of a type they accept",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: POLICY_RESOURCE_TYPES,
  rationale:
    "IAM matches an action only against ARNs of the resource types the Service Authorization Reference lists for it: s3:ListBucket on `bucket/*` or s3:GetObject on the bucket ARN grants nothing, and the workload fails at run time with AccessDenied.",
  fix: "Name the ARN of a resource type the action accepts (the SAR's ARN format for it), e.g. the bucket ARN for bucket actions and `<bucket ARN>/<prefix>*` for object actions.",
  check(resource) {
    return checkStatements(resource, (statement, document) => {
      if (!namesResources(statement, document)) return [];
      const problems: string[] = [];
      for (const entry of statement.actions) {
        const { service, actions } = expandAction(entry);
        if (!service || actions.length === 0) continue; // LS-IAM-002 reports it
        if (isWildcard(entry)) {
          if (!actions.some((a) => applies(a, service, statement.resources))) problems.push(`${entry} matches no action that applies to ${statement.resources.join(", ")}`);
          continue;
        }
        const action = actions[0];
        if (action.resourceTypes.length === 0) continue; // LS-IAM-003 reports it
        if (!applies(action, service, statement.resources)) {
          const types = action.resourceTypes.map((t) => `${t.name} (${sarService(service.prefix)!.arnPatterns.get(t.name.toLowerCase()) ?? "?"})`).join(", ");
          problems.push(`${entry} accepts ${types}; none of ${statement.resources.join(", ")} is one`);
        }
      }
      return problems;
    });
  },
};
