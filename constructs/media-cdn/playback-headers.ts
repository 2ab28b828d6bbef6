import { Construct } from "constructs";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";

export interface PlaybackHeadersProps {
  readonly namePrefix: string;
  /** Web player origins allowed to fetch media cross-origin (https://...). */
  readonly corsAllowedOrigins: string[];
}

/**
 * CORS for web players and security headers on every media response. Credentials are allowed
 * because signed cookies ride on cross-origin requests; that is why origins are listed, never "*".
 */
export class PlaybackHeaders extends Construct {
  readonly policyId: string;

  constructor(scope: Construct, id: string, props: PlaybackHeadersProps) {
    super(scope, id);
    if (props.corsAllowedOrigins.length === 0) throw new Error("PlaybackHeaders: corsAllowedOrigins must list at least one https origin");
    const bad = props.corsAllowedOrigins.filter((o) => o === "*" || !o.startsWith("https://"));
    if (bad.length) throw new Error(`PlaybackHeaders: corsAllowedOrigins must be https origins, not ${bad.join(", ")} (credentials forbid "*")`);

    const policy = new CloudfrontResponseHeadersPolicy(this, "policy", {
      name: `${props.namePrefix}-media-playback`,
      comment: "CORS for web players and security headers for media",
      corsConfig: {
        accessControlAllowCredentials: true,
        accessControlAllowHeaders: { items: ["Range", "Origin", "Accept"] },
        accessControlAllowMethods: { items: ["GET", "HEAD", "OPTIONS"] },
        accessControlAllowOrigins: { items: props.corsAllowedOrigins },
        accessControlExposeHeaders: { items: ["Content-Length", "Content-Range", "ETag"] },
        accessControlMaxAgeSec: 600,
        originOverride: true,
      },
      securityHeadersConfig: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: "DENY", override: true },
        referrerPolicy: { referrerPolicy: "strict-origin-when-cross-origin", override: true },
        strictTransportSecurity: { accessControlMaxAgeSec: 63072000, includeSubdomains: true, override: true },
      },
    });
    this.policyId = policy.id;
  }
}
