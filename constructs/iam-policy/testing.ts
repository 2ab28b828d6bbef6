/** For tests: the statements of a synthesized policy attribute, as AWS will read them. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- synthesized policies are untyped JSON
export type SynthesizedStatement = Record<string, any>;

/** The statements of a policy attribute (literal JSON, as policyDocument writes it). */
export function statementsOf(policy: unknown): SynthesizedStatement[] {
  if (typeof policy !== "string") throw new Error(`expected a policy JSON string, got ${JSON.stringify(policy)}`);
  const document = JSON.parse(policy) as { Version?: string; Statement?: SynthesizedStatement[] };
  if (document.Version !== "2012-10-17" || !Array.isArray(document.Statement)) throw new Error(`not a policy document: ${policy.slice(0, 80)}`);
  return document.Statement;
}

/** The statement with this Sid; throws when there is none. */
export function statementWithSid(policy: unknown, sid: string): SynthesizedStatement {
  const found = statementsOf(policy).find((s) => s.Sid === sid);
  if (!found) throw new Error(`no statement ${sid} in ${String(policy).slice(0, 120)}...`);
  return found;
}
