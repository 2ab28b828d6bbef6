/** What the SAR rules share: every statement of every readable policy document on a resource. */
import { policyDocumentsOf, POLICY_RESOURCE_TYPES, type IamDocument, type IamStatement } from "../../engine/iam-documents";
import type { SynthesizedResource, Violation } from "../../engine/types";

export { POLICY_RESOURCE_TYPES };

/** Runs `check` on each statement of each readable document of the resource; collects violations. */
export function checkStatements(resource: SynthesizedResource, check: (statement: IamStatement, document: IamDocument) => string[]): Violation[] {
  const out: Violation[] = [];
  for (const document of policyDocumentsOf(resource).documents) {
    for (const statement of document.statements) {
      for (const problem of check(statement, document)) out.push({ message: `${document.attribute}, statement ${statement.label}: ${problem}` });
    }
  }
  return out;
}

/** True when the statement's Resource list is what the resource checks read (not a trust policy, no NotResource). */
export function namesResources(statement: IamStatement, document: IamDocument): boolean {
  return document.kind !== "trust" && statement.notResources.length === 0 && statement.resources.length > 0;
}

export const isWildcard = (action: string) => /[*?]/.test(action);
