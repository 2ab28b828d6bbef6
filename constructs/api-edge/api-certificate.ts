import { Construct } from "constructs";
import { TerraformIterator, Token } from "cdktf";
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";

export interface ApiCertificateProps {
  /** Fully qualified name the certificate covers, e.g. api.dev.example.com. */
  readonly domainName: string;
  /** Hosted zone that holds the validation records. */
  readonly zoneId: string;
}

/**
 * ACM certificate for the API name, validated through DNS records in the hosted zone. Listeners
 * use `arn`, which only resolves once validation has finished, so they never get a pending cert.
 */
export class ApiCertificate extends Construct {
  /** ARN of the issued (validated) certificate. */
  readonly arn: string;

  constructor(scope: Construct, id: string, props: ApiCertificateProps) {
    super(scope, id);
    const certificate = new AcmCertificate(this, "certificate", {
      domainName: props.domainName,
      validationMethod: "DNS",
      // A replacement certificate must be issued before the listener lets go of the old one.
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
      certificateArn: certificate.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(records).pluckProperty("fqdn")),
    });
    this.arn = validation.certificateArn;
  }
}
