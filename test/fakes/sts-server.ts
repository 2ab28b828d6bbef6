/**
 * An STS stand-in speaking the AWS query protocol (form-encoded POST, XML answers): GetCallerIdentity
 * for the account the test says the credentials belong to (by the signing access key id).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, readBody, type LoggedCall } from "./http";
import { element, fakeRequestId, formParams, sendXml } from "./xml";

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";

export class StsFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  /** The account the caller's credentials belong to. */
  account = "493827161503";
  /** Accounts of particular access key ids (e.g. a named profile's); others belong to `account`. */
  readonly accountsByAccessKey = new Map<string, string>();

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const params = formParams(await readBody(req));
    const operation = params.get("Action") ?? "Unknown";
    const log = (status: number) => this.calls.push({ operation, status, at: Date.now() });
    if (req.method !== "POST" || operation !== "GetCallerIdentity" || params.get("Version") !== "2011-06-15") {
      log(400);
      return sendXml(res, 400, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>InvalidAction</Code>${element("Message", `unexpected ${operation}`)}</Error>${element("RequestId", fakeRequestId())}</ErrorResponse>`);
    }
    const accessKey = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "";
    const account = this.accountsByAccessKey.get(accessKey) ?? this.account;
    log(200);
    sendXml(
      res,
      200,
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult>${element("Arn", `arn:aws:iam::${account}:user/deployer`)}${element("UserId", "AIDAFAKEFAKEFAKE")}${element("Account", account)}</GetCallerIdentityResult>` +
        `<ResponseMetadata>${element("RequestId", fakeRequestId())}</ResponseMetadata></GetCallerIdentityResponse>`,
    );
  }
}
