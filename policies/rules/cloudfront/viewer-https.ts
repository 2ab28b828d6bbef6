import { block, blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const viewerHttps: Rule = {
  id: "LS-CF-001",
  title: "CloudFront serves viewers over HTTPS only",
  level: "error",
  checkov: ["CKV_AWS_34"],
  trivy: ["AVD-AWS-0012"],
  resourceTypes: ["aws_cloudfront_distribution"],
  rationale: "Playback URLs and signed cookies must not travel in clear text.",
  fix: "Set viewer_protocol_policy = \"redirect-to-https\" (or \"https-only\") on the default and every ordered cache behavior.",
  check(cf) {
    const behaviors = [block(cf.attributes.default_cache_behavior), ...blocks(cf.attributes.ordered_cache_behavior)];
    const bad = behaviors.filter((b) => !["redirect-to-https", "https-only"].includes(String(b.viewer_protocol_policy)));
    return bad.map((b) => ({ message: `cache behavior ${String(b.path_pattern ?? "default")} has viewer_protocol_policy '${String(b.viewer_protocol_policy)}'` }));
  },
};
