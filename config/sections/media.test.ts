import { readFileSync } from "node:fs";
import { join } from "node:path";
import { mediaSchema, topRenditionGbPerHour } from "./media";

const shipped = (env: string) => JSON.parse(readFileSync(join(__dirname, "..", "environments", `${env}.json`), "utf8")).media;
const base = () => ({ ...shipped("dev") });
const messages = (raw: unknown) => {
  const r = mediaSchema.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("media config", () => {
  test("shipped environments: dev 1 and prod 4 single-pipeline channels (a mobile mentor pushes once)", () => {
    const dev = mediaSchema.parse(shipped("dev"));
    const prod = mediaSchema.parse(shipped("prod"));
    expect([dev.channelCount, dev.channelClass]).toEqual([1, "SINGLE_PIPELINE"]);
    expect([prod.channelCount, prod.channelClass]).toEqual([4, "SINGLE_PIPELINE"]);
    expect(prod.startoverWindowHours).toBe(24);
  });

  test("defaults: HD ladder of ~1.4 GB per viewer hour, 24 h startover, 3-day live segments", () => {
    const m = mediaSchema.parse(base());
    expect(m.ladder.renditions.map((r) => r.height)).toEqual([720, 540, 360]);
    expect(topRenditionGbPerHour(m.ladder)).toBeCloseTo(1.4076, 3);
    expect(m.recordedTransitionDays).toBe(30);
    expect(m.priceClass).toBe("PriceClass_200");
  });

  test("more channels than the account's quota are refused with what to do; a raised quota allows them", () => {
    expect(messages({ ...base(), channelCount: 6 })).toEqual([
      "channelCount: 6 channels exceed media.channelQuota (5): raise the account's MediaLive Channels quota (Service Quotas L-D1AFAF75) with AWS, then set media.channelQuota",
    ]);
    expect(messages({ ...base(), channelCount: 6, channelQuota: 10 })).toEqual([]);
  });

  test("ingest CIDRs are required, and 0.0.0.0/0 needs an explicit acknowledgement", () => {
    const { inputAllowedCidrs: _omit, ...rest } = base();
    void _omit;
    expect(messages(rest)[0]).toMatch(/^inputAllowedCidrs/);
    expect(messages({ ...base(), inputAllowedCidrs: [] })[0]).toMatch(/list the CIDRs/);
    expect(messages({ ...base(), inputAllowedCidrs: ["0.0.0.0/0"] })[0]).toMatch(/allowWorldIngest/);
    expect(messages({ ...base(), inputAllowedCidrs: ["0.0.0.0/0"], allowWorldIngest: true })).toEqual([]);
  });

  test("a private key or an http CORS origin is refused", () => {
    expect(messages({ ...base(), cdnPublicKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" })[0]).toMatch(/^cdnPublicKeyPem/);
    expect(messages({ ...base(), corsAllowedOrigins: ["http://app.example.com"] })[0]).toMatch(/^corsAllowedOrigins/);
  });
});
