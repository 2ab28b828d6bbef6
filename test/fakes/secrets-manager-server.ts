/**
 * A Secrets Manager stand-in speaking AWS JSON 1.1 (`x-amz-target: secretsmanager.<Op>`):
 * DescribeSecret by full ARN, partial ARN (without the six-character suffix) or name.
 * A secret is found only through its own region's endpoint, as in AWS: the fake compares the
 * ARN's region with the region the request was signed for. Unknown secrets answer
 * ResourceNotFoundException ("Secrets Manager can't find the specified secret.").
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readAwsJsonRequest, sendAwsJson, sendAwsJsonError } from "./aws-json";
import { FakeHttpServer, type LoggedCall } from "./http";

const CONTENT_TYPE = "application/x-amz-json-1.1";

export interface FakeSecret {
  /** Full ARN, with the six-character suffix Secrets Manager adds. */
  readonly arn: string;
  /** Epoch ms when it was scheduled for deletion. */
  readonly deletedAt?: number;
}

const ARN = /^arn:aws:secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)-[A-Za-z0-9]{6}$/;

export class SecretsManagerFake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  denied = false;
  secrets: FakeSecret[] = [];

  private find(secretId: string, region: string | undefined): FakeSecret | undefined {
    return this.secrets.find((s) => {
      const [, secretRegion, , name] = ARN.exec(s.arn)!;
      if (secretRegion !== region) return false;
      return secretId === s.arn || secretId === s.arn.slice(0, -7) || secretId === name;
    });
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readAwsJsonRequest(req, "secretsmanager");
    const operation = request?.operation ?? "Unknown";
    const secretId = String(request?.input.SecretId ?? "");
    const log = (status: number) => this.calls.push({ operation, target: secretId, status, at: Date.now() });
    const fail = (type: string, message: string) => {
      log(400);
      sendAwsJsonError(res, CONTENT_TYPE, 400, type, message);
    };
    if (!request || operation !== "DescribeSecret") return fail("InvalidRequestException", `unexpected request ${req.method} ${req.url} ${operation}`);
    if (this.denied) return fail("AccessDeniedException", "User is not authorized to perform: secretsmanager:DescribeSecret");
    if (!secretId || secretId.length > 2048) return fail("InvalidParameterException", "SecretId must be 1-2048 characters");
    const secret = this.find(secretId, request.region);
    if (!secret) return fail("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    log(200);
    sendAwsJson(res, CONTENT_TYPE, {
      ARN: secret.arn,
      Name: ARN.exec(secret.arn)![3],
      ...(secret.deletedAt ? { DeletedDate: secret.deletedAt / 1000 } : {}),
    });
  }
}
