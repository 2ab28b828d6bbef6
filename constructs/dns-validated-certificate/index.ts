import { Construct } from "constructs";
import { TerraformIterator, Token, type TerraformProvider } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface DnsValidatedCertificateProps {
  /** Fully qualified name the certificate covers, e.g. api.dev.example.com. */
  readonly domainName: string;
  /** Hosted zone that holds the validation records. */
  readonly zoneId: string;
  /**
   * Provider (region) the certificate is issued in; CloudFront accepts only us-east-1 certificates.
   * @default the stack's default provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * An ACM certificate validated through DNS records in a Route 53 zone. `arn` resolves only once
 * validation has finished, so a listener or distribution never gets a pending certificate.
 */
export class DnsValidatedCertificate extends Construct {
  /** ARN of the issued (validated) certificate. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    if (!props.domainName || props.domainName.endsWith(".")) {
      throw new Error(`DnsValidatedCertificate ${this.node.path}: domainName must be a fully qualified name without a trailing dot, got '${props.domainName}'`);
    }
    const certificate = new AcmCertificate(this, "certificate", {
      provider: props.provider,
      domainName: props.domainName,
      validationMethod: "DNS",
      // A replacement must be issued before its user lets go of the old one.
      lifecycle: { createBeforeDestroy: true },
    });

    // One record per validation option, keyed by domain name (known at plan time).
    const options = TerraformIterator.fromComplexList(certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: props.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });

    const validation = new AcmCertificateValidation(this, "validation", {
      provider: props.provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.arn = validation.certificateArn;
  }
}
