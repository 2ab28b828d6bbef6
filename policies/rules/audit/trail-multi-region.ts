import { isTrue } from "../../engine/attributes";
import type { Rule } from "../../engine/types";

export const trailMultiRegion: Rule = {
  id: "LS-AUDIT-001",
  title: "CloudTrail trail records every region",
  level: "error",
  checkov: ["CKV_AWS_67"],
  trivy: ["AVD-AWS-0014"],
  resourceTypes: ["aws_cloudtrail"],
  rationale: "Activity in a region the platform does not use (an attacker's favourite) goes unrecorded by a single-region trail, and data events in other regions are missed.",
  fix: "Set is_multi_region_trail = true (and include_global_service_events = true).",
  check(trail) {
    return isTrue(trail.attributes.is_multi_region_trail) ? [] : [{ message: "is_multi_region_trail is not true" }];
  },
};
