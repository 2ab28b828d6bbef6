import { CloudfrontDistribution, type CloudfrontDistributionConfig } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { viewerHttps } from "./viewer-https";
import { minimumTls } from "./minimum-tls";
import { accessLogging } from "./access-logging";
import { originAccessControl } from "./origin-access-control";
import { webApplicationFirewall } from "./web-application-firewall";
import { geoRestriction } from "./geo-restriction";

/** A compliant distribution; each test breaks one thing. */
function distribution(s: TerraformStack, change: Partial<CloudfrontDistributionConfig> = {}) {
  const origin = new S3Bucket(s, "origin", {});
  const logs = new S3Bucket(s, "logs", {});
  return new CloudfrontDistribution(s, "cdn", {
    enabled: true,
    origin: [{ domainName: origin.bucketRegionalDomainName, originId: "media", originAccessControlId: "oac-123" }],
    defaultCacheBehavior: { allowedMethods: ["GET", "HEAD"], cachedMethods: ["GET", "HEAD"], targetOriginId: "media", viewerProtocolPolicy: "redirect-to-https" },
    restrictions: { geoRestriction: { restrictionType: "whitelist", locations: ["SG"] } },
    viewerCertificate: { acmCertificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
    loggingConfig: { bucket: logs.bucketDomainName },
    webAclId: "arn:aws:wafv2:us-east-1:111111111111:global/webacl/x/y",
    ...change,
  });
}

const cases: [string, Parameters<typeof findingsOf>[0], Partial<CloudfrontDistributionConfig>, RegExp][] = [
  ["viewer HTTPS", viewerHttps, { defaultCacheBehavior: { allowedMethods: ["GET"], cachedMethods: ["GET"], targetOriginId: "media", viewerProtocolPolicy: "allow-all" } }, /allow-all/],
  ["minimum TLS", minimumTls, { viewerCertificate: { cloudfrontDefaultCertificate: true } }, /TLS 1.0/],
  ["access logging", accessLogging, { loggingConfig: undefined }, /no logging_config/],
  ["web application firewall", webApplicationFirewall, { webAclId: undefined }, /web_acl_id/],
  ["geo restriction", geoRestriction, { restrictions: { geoRestriction: { restrictionType: "none" } } }, /none/],
];

describe.each(cases)("%s", (_name, rule, broken, message) => {
  test(`${rule.id} passes on a compliant distribution`, () => {
    expect(findingsOf(rule, (s) => void distribution(s))).toEqual([]);
  });
  test(`${rule.id} fires when broken`, () => {
    const f = findingsOf(rule, (s) => void distribution(s, broken));
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(message);
  });
});

describe("LS-CF-004 origin access control", () => {
  test("passes with OAC on S3 origins and ignores custom origins", () => {
    expect(findingsOf(originAccessControl, (s) => void distribution(s))).toEqual([]);
    expect(findingsOf(originAccessControl, (s) => void distribution(s, { origin: [{ domainName: "origin.example.com", originId: "media", customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] } }] }))).toEqual([]);
  });
  test("fires on an S3 origin without OAC", () => {
    const f = findingsOf(originAccessControl, (s) => void distribution(s, { origin: [{ domainName: "b.s3.ap-southeast-1.amazonaws.com", originId: "media" }] }));
    expect(f[0].message).toMatch(/no origin access control/);
  });
});

requireBothOutcomes([viewerHttps, minimumTls, accessLogging, originAccessControl, webApplicationFirewall, geoRestriction]);
