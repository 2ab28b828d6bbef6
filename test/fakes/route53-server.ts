/**
 * A Route 53 stand-in speaking REST-XML: GetHostedZone (GET /2013-04-01/hostedzone/{Id}).
 * Zone names come back fully qualified (with the trailing dot), as Route 53 returns them; an
 * unknown id is 404 NoSuchHostedZone.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { FakeHttpServer, readBody, type LoggedCall } from "./http";
import { element, fakeRequestId, sendXml } from "./xml";

const NS = "https://route53.amazonaws.com/doc/2013-04-01/";

export interface FakeHostedZone {
  readonly id: string;
  /** Without the trailing dot; the fake adds it. */
  readonly name: string;
  readonly privateZone?: boolean;
}

export class Route53Fake extends FakeHttpServer {
  readonly calls: LoggedCall[] = [];
  denied = false;
  zones: FakeHostedZone[] = [];

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    sendXml(res, status, `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type>${element("Code", code)}${element("Message", message)}</Error>${element("RequestId", fakeRequestId())}</ErrorResponse>`);
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await readBody(req);
    const match = /^\/2013-04-01\/hostedzone\/([^/]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const operation = req.method === "GET" && match ? "GetHostedZone" : "Unknown";
    const id = match ? decodeURIComponent(match[1]!) : undefined;
    const log = (status: number) => this.calls.push({ operation, target: id, status, at: Date.now() });
    const fail = (status: number, code: string, message: string) => {
      log(status);
      this.error(res, status, code, message);
    };
    if (operation === "Unknown") return fail(404, "UnknownOperation", `no route for ${req.method} ${req.url}`);
    if (this.denied) return fail(403, "AccessDenied", "User is not authorized to perform: route53:GetHostedZone");
    if (!/^[A-Z0-9]{1,32}$/.test(id!)) return fail(400, "InvalidInput", `Invalid hosted zone id: ${id}`);
    const zone = this.zones.find((z) => z.id === id);
    if (!zone) return fail(404, "NoSuchHostedZone", `No hosted zone found with ID: ${id}`);
    log(200);
    sendXml(
      res,
      200,
      `<GetHostedZoneResponse xmlns="${NS}"><HostedZone>${element("Id", `/hostedzone/${zone.id}`)}${element("Name", `${zone.name}.`)}${element("CallerReference", "fake")}` +
        `<Config>${element("PrivateZone", !!zone.privateZone)}</Config>${element("ResourceRecordSetCount", 2)}</HostedZone>` +
        `<DelegationSet><NameServers><NameServer>ns-1.awsdns-01.org</NameServer></NameServers></DelegationSet></GetHostedZoneResponse>`,
    );
  }
}
