import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DnsValidatedCertificate } from ".";

type Json = Record<string, Record<string, Record<string, Record<string, unknown>>>>;

function synth(build: (stack: TerraformStack) => void): Json {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new AwsProvider(stack, "aws", { region: "ap-southeast-1" });
  build(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

test("DNS validation: a record per validation option in the zone, and the validated ARN", () => {
  let arn = "";
  const json = synth((stack) => {
    arn = new DnsValidatedCertificate(stack, "cert", { domainName: "api.dev.example.com", zoneId: "Z123" }).arn;
  });
  const cert = Object.values(json.resource.aws_acm_certificate)[0];
  expect(cert).toMatchObject({ domain_name: "api.dev.example.com", validation_method: "DNS", lifecycle: { create_before_destroy: true } });
  const record = Object.values(json.resource.aws_route53_record)[0];
  expect(record.zone_id).toBe("Z123");
  expect(String(record.for_each)).toMatch(/domain_validation_options/);
  expect(Object.keys(json.resource.aws_acm_certificate_validation)).toHaveLength(1);
  expect(arn).toMatch(/TOKEN/); // the validation's certificate_arn, not the pending certificate's
});

test("issued in another region through the given provider (CloudFront needs us-east-1)", () => {
  const json = synth((stack) => {
    const useast1 = new AwsProvider(stack, "use1", { region: "us-east-1", alias: "us-east-1" });
    new DnsValidatedCertificate(stack, "cert", { domainName: "media.example.com", zoneId: "Z123", provider: useast1 });
  });
  expect(Object.values(json.resource.aws_acm_certificate)[0].provider).toBe("aws.us-east-1");
  expect(Object.values(json.resource.aws_acm_certificate_validation)[0].provider).toBe("aws.us-east-1");
});

test("a trailing dot is refused with the prop named", () => {
  expect(() => synth((stack) => new DnsValidatedCertificate(stack, "cert", { domainName: "api.example.com.", zoneId: "Z1" }))).toThrow(/domainName/);
});
