import type { Rule } from "../../engine/types";
import { WAF_LOG_DESTINATION_PREFIX } from "../../../contracts/security";

export const webAclLogging: Rule = {
  id: "LS-WAF-002",
  title: "WAFv2 web ACL logs the requests it inspects",
  level: "error",
  checkov: ["CKV2_AWS_31"],
  trivy: [],
  resourceTypes: ["aws_wafv2_web_acl"],
  rationale: "Metrics say that requests were blocked; only the request log says which client, which rule and which path, which is what tuning a false positive or answering an incident needs.",
  fix: `Add an aws_wafv2_web_acl_logging_configuration with resource_arn = the web ACL and a log destination named ${WAF_LOG_DESTINATION_PREFIX}* (CloudWatch Logs group with a retention), redacting credential headers.`,
  check(acl, { index }) {
    return index.pointingAt("aws_wafv2_web_acl_logging_configuration", acl, "resource_arn").length > 0
      ? []
      : [{ message: "no aws_wafv2_web_acl_logging_configuration refers to this web ACL" }];
  },
};
