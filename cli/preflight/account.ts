/** The credentials belong to the account the environment deploys to (STS GetCallerIdentity). */
import type { PreflightCheck } from "./types";

export const accountCheck: PreflightCheck = {
  id: "account",
  title: "the credentials are for the environment's accountId",
  actions: ["sts:GetCallerIdentity"],
  async run({ config, configFile, clients }) {
    const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
    const identity = await (await clients.sts()).send(new GetCallerIdentityCommand({}));
    const data = { expected: config.accountId, actual: identity.Account, caller: identity.Arn };
    if (identity.Account === config.accountId) return { status: "pass", summary: `credentials are for account ${identity.Account} (${identity.Arn})`, data };
    return {
      status: "fail",
      summary: `credentials are for account ${identity.Account} (${identity.Arn}), but environment '${config.name}' deploys to ${config.accountId}`,
      fix: `use credentials of account ${config.accountId} (--profile), or correct accountId in ${configFile ?? `config/environments/${config.name}.json`}`,
      data,
    };
  },
};
