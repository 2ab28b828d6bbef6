/**
 * Every Secrets Manager secret the configuration references exists (and is not scheduled for
 * deletion). The ARNs are found by walking the whole parsed configuration, so secret fields added
 * to any section are checked without listing them here.
 */
import { stringLeaves } from "../../lib/string-leaves";
import type { PreflightCheck } from "./types";

const SECRET_ARN = /^arn:aws[\w-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:.+$/;

export interface SecretReference {
  readonly field: string;
  readonly arn: string;
  readonly region: string;
  readonly accountId: string;
}

export function secretReferences(config: unknown): SecretReference[] {
  return stringLeaves(config).flatMap(({ path, text }) => {
    const match = SECRET_ARN.exec(text);
    return match ? [{ field: path, arn: text, region: match[1]!, accountId: match[2]! }] : [];
  });
}

export const secretsCheck: PreflightCheck = {
  id: "secrets",
  title: "every Secrets Manager secret the configuration references exists in its region",
  actions: ["secretsmanager:DescribeSecret"],
  async run({ config, clients }) {
    const { DescribeSecretCommand } = await import("@aws-sdk/client-secrets-manager");
    const references = secretReferences(config);
    if (!references.length) return { status: "pass", summary: "the configuration references no secrets", data: { secrets: [] } };
    const results = await Promise.all(
      references.map(async (ref) => {
        try {
          const secret = await (await clients.secretsManager(ref.region)).send(new DescribeSecretCommand({ SecretId: ref.arn }));
          if (secret.DeletedDate) return { ...ref, state: "scheduled-for-deletion" as const, deletedDate: secret.DeletedDate.toISOString() };
          return { ...ref, state: "found" as const };
        } catch (err) {
          if ((err as Error).name === "ResourceNotFoundException") return { ...ref, state: "missing" as const };
          throw err;
        }
      }),
    );
    const data = { secrets: results };
    const problems = [
      ...results.filter((r) => r.state === "missing").map((r) => `${r.field} (${r.arn}) does not exist`),
      ...results.filter((r) => r.state === "scheduled-for-deletion").map((r) => `${r.field} (${r.arn}) is scheduled for deletion`),
      // The stacks read secrets through the environment's region; an ARN of another region is not found there.
      ...results.filter((r) => r.state === "found" && r.region !== config.region).map((r) => `${r.field} lives in ${r.region}, not ${config.region}`),
    ];
    if (problems.length) {
      return {
        status: "fail",
        summary: `${problems.length} of ${results.length} referenced secret(s) unusable: ${problems.join("; ")}`,
        fix: `create missing secrets in ${config.region} (docs/operations.md, section 2.1), replicate those of other regions, restore deleted ones (aws secretsmanager restore-secret), or correct the ARNs`,
        data,
      };
    }
    const foreign = results.filter((r) => r.accountId !== config.accountId);
    if (foreign.length) {
      return {
        status: "warn",
        summary: `${results.length} referenced secret(s) exist; ${foreign.map((r) => r.field).join(", ")} belong(s) to another account`,
        fix: "a secret of another account needs a resource policy and a KMS key policy that let this account read it",
        data,
      };
    }
    return { status: "pass", summary: `${results.length} referenced secret(s) exist: ${results.map((r) => r.field).join(", ")}`, data };
  },
};
