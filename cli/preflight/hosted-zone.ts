/** When the configuration names an existing hosted zone, it is the public zone of dns.zoneName. */
import type { PreflightCheck } from "./types";

/** Route 53 returns names fully qualified and lower-case: compare without the trailing dot. */
const normalize = (name: string) => name.toLowerCase().replace(/\.$/, "");

export const hostedZoneCheck: PreflightCheck = {
  id: "hosted-zone",
  title: "dns.existingZoneId, when set, is a public hosted zone named dns.zoneName",
  actions: ["route53:GetHostedZone"],
  async run({ config, clients }) {
    const { existingZoneId: id, zoneName } = config.dns;
    if (!id) return { status: "pass", summary: `no existing zone configured: the stack creates ${zoneName}`, data: { zoneId: null, zoneName } };
    const { GetHostedZoneCommand } = await import("@aws-sdk/client-route-53");
    let zone;
    try {
      zone = (await (await clients.route53()).send(new GetHostedZoneCommand({ Id: id }))).HostedZone;
    } catch (err) {
      if ((err as Error).name !== "NoSuchHostedZone") throw err;
      return { status: "fail", summary: `hosted zone ${id} does not exist in this account`, fix: "correct dns.existingZoneId, or remove it to let the stack create the zone", data: { zoneId: id, zoneName } };
    }
    const actual = normalize(zone?.Name ?? "");
    const data = { zoneId: id, zoneName, actualName: actual, privateZone: !!zone?.Config?.PrivateZone };
    if (actual !== normalize(zoneName)) {
      return { status: "fail", summary: `hosted zone ${id} is ${actual}, but dns.zoneName is ${zoneName}`, fix: "make dns.existingZoneId and dns.zoneName name the same zone", data };
    }
    if (zone?.Config?.PrivateZone) {
      return { status: "fail", summary: `hosted zone ${id} (${actual}) is private; the API and media names must resolve publicly`, fix: "use the public zone's id in dns.existingZoneId", data };
    }
    return { status: "pass", summary: `hosted zone ${id} is the public zone ${actual}`, data };
  },
};
