import { loadEnvironment } from "./load";
import { describeReservedValues, findReservedValues } from "./reserved-values";

const fields = (config: unknown) => findReservedValues(config).map((v) => `${v.field}=${v.value}`);

test("every placeholder of the committed dev example is named, field by field", () => {
  expect(fields(loadEnvironment("dev"))).toEqual([
    "accountId=111111111111",
    "dns.zoneName=dev.mentoring.example.com",
    "services.mentee.image=111111111111",
    "services.mentor.image=111111111111",
    "services.social.image=111111111111",
    "alarms.email=example.com",
    "state.bucket=111111111111",
    "media.inputAllowedCidrs.0=203.0.113.0/24",
    "media.corsAllowedOrigins.0=app.dev.mentoring.example.com",
    "reconcile.image=111111111111",
    "reconcile.image=sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "imagePipeline.githubRepository=example-org",
  ]);
});

test("and of the committed prod example", () => {
  expect(fields(loadEnvironment("prod"))).toEqual([
    "accountId=222222222222",
    "dns.zoneName=mentoring.example.com",
    "services.mentee.image=222222222222",
    "services.mentor.image=222222222222",
    "services.social.image=222222222222",
    "alarms.email=example.com",
    "state.bucket=222222222222",
    "media.inputAllowedCidrs.0=203.0.113.0/24",
    "media.inputAllowedCidrs.1=198.51.100.0/24",
    "media.corsAllowedOrigins.0=app.mentoring.example.com",
    "media.corsAllowedOrigins.1=mentoring.example.com",
    "reconcile.image=222222222222",
    "reconcile.image=sha256:0000000000000000000000000000000000000000000000000000000000000000",
    "imagePipeline.githubRepository=example-org",
  ]);
});

test("documentation addresses: inside an RFC 5737 block only", () => {
  const cidrs = ["192.0.2.0/24", "192.0.2.15", "198.51.100.128/25", "203.0.113.7/32", "192.0.0.0/16", "203.0.112.0/23", "203.0.113.0/16", "10.0.2.0/24", "1203.0.113.0"];
  expect(fields({ cidrs })).toEqual(["cidrs.0=192.0.2.0/24", "cidrs.1=192.0.2.15", "cidrs.2=198.51.100.128/25", "cidrs.3=203.0.113.7/32"]);
});

test("example domains and reserved names, wherever they appear; look-alikes pass", () => {
  const config = {
    zone: "live.example.org",
    mail: "ops@Example.NET",
    url: "https://player.example.com/live",
    local: "api.test",
    fine: ["example.community", "myexample.com", "mentoring.app", "db.t4g.micro", "Asia/Singapore"],
  };
  expect(fields(config)).toEqual(["zone=live.example.org", "mail=Example.NET", "url=player.example.com", "local=api.test"]);
  expect(describeReservedValues(findReservedValues({ mail: "ops@example.net" }))).toEqual(["mail: example.net (example.net is reserved for documentation (RFC 2606): mail to it is never delivered)"]);
});

test("placeholder account ids, also inside ARNs and image URIs; real-looking ids pass", () => {
  const config = {
    a: "123456789012",
    b: "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:fcm-AbCdEf",
    c: "000000000000.dkr.ecr.ap-southeast-1.amazonaws.com/ops:1.0.0",
    d: "493827161503",
    e: "arn:aws:secretsmanager:ap-southeast-1:493827161503:secret:fcm-AbCdEf",
    f: "1234567890123",
  };
  expect(fields(config)).toEqual(["a=123456789012", "b=111122223333", "c=000000000000"]);
});
