import { block } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const geoRestriction: Rule = {
  id: "LS-CF-006",
  title: "CloudFront distribution restricts viewer countries",
  level: "info",
  checkov: ["CKV_AWS_374"],
  trivy: [],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "Mentoring content may be licensed for some countries only; informational because the product currently serves everywhere.",
  fix: "Set restrictions { geo_restriction { restriction_type = \"whitelist\", locations = [...] } } when the audience is known.",
  check(cf) {
    const type = block(block(cf.attributes.restrictions).geo_restriction).restriction_type;
    return type && type !== "none" ? [] : [{ message: "geo_restriction.restriction_type is none" }];
  },
};
