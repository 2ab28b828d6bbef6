import { expandAction } from "../../engine/service-authorization";
import type { Rule } from "../../engine/types";
import { checkStatements, isWildcard, namesResources, POLICY_RESOURCE_TYPES } from "./statements";

export const sarUnscopedActionsOnStar: Rule = {
  id: "LS-IAM-003",
  title: "Actions that take no resource type are granted on `\"*\"`",
  level: "error",
  checkov: [],
  trivy: [],
  resourceTypes: POLICY_RESOURCE_TYPES,
  rationale:
    "The Service Authorization Reference lists no resource type for actions such as medialive:ListChannels or mediapackage:CreateHarvestJob: IAM only matches them against Resource \"*\", so the same action granted on an ARN is denied at run time (and denied on an ARN, is never denied).",
  fix: 'Move the action to a statement with Resource "*" (narrow it with condition keys the action supports, if any).',
  check(resource) {
    return checkStatements(resource, (statement, document) => {
      if (!namesResources(statement, document) || statement.resources.includes("*")) return [];
      return statement.actions
        .filter((entry) => !isWildcard(entry))
        .flatMap((entry) => expandAction(entry).actions.filter((a) => a.resourceTypes.length === 0).map(() => entry))
        .map((entry) => `${entry} takes no resource type, so it applies only to Resource "*"; it is ${statement.effect === "Allow" ? "granted" : "denied"} on ${statement.resources.join(", ")}`);
    });
  },
};
