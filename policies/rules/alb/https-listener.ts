import { block, blocks } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { LISTENERS } from "./support";

export const httpsListener: Rule = {
  id: "LS-ALB-001",
  title: "ALB listeners serve HTTPS (plain HTTP only redirects to HTTPS)",
  level: "error",
  checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
  trivy: ["AVD-AWS-0054"],
  resourceTypes: LISTENERS,
  rationale: "API calls carry session tokens; port 80 may exist only to send clients to 443.",
  fix: "Use protocol = \"HTTPS\" with a certificate_arn, or for port 80 a default_action { type = \"redirect\", redirect { protocol = \"HTTPS\", port = \"443\", status_code = \"HTTP_301\" } }.",
  check(listener) {
    const protocol = String(listener.attributes.protocol ?? "HTTP");
    if (protocol !== "HTTP") return [];
    const actions = blocks(listener.attributes.default_action);
    const redirects = actions.length > 0 && actions.every((a) => a.type === "redirect" && block(a.redirect).protocol === "HTTPS");
    return redirects ? [] : [{ message: "an HTTP listener forwards traffic instead of redirecting to HTTPS" }];
  },
};
