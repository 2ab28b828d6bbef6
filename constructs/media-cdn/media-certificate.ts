import { Construct } from "constructs";
import { TerraformIterator, Token, type TerraformProvider } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface MediaCertificateProps {
  /** Name the certificate covers, e.g. media.dev.example.com. */
  readonly domainName: string;
  /** Hosted zone holding the DNS validation records. */
  readonly zoneId: string;
  /** AWS provider for us-east-1: CloudFront only accepts certificates from there. */
  readonly usEast1Provider: TerraformProvider;
}

/** ACM certificate in us-east-1 for the media name, DNS-validated in the environment's zone. */
export class MediaCertificate extends Construct {
  /** ARN of the validated certificate (resolves only after validation). */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: MediaCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, "certificate", {
      provider: props.usEast1Provider,
      domainName: props.domainName,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
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
      provider: props.usEast1Provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.arn = validation.certificateArn;
  }
}
