import { asNumber } from "../../engine/attributes";
import type { Rule } from "../../engine/types";
import { AURORA_INSTANCE, DB_INSTANCE } from "./support";

export const enhancedMonitoring: Rule = {
  id: "LS-RDS-008",
  title: "RDS has enhanced monitoring",
  level: "warning",
  checkov: ["CKV_AWS_118"],
  trivy: [],
  resourceTypes: [DB_INSTANCE, AURORA_INSTANCE],
  rationale: "OS-level metrics (memory, swap, per-process CPU) explain failovers and stalls that CloudWatch's host metrics hide.",
  fix: "Set monitoring_interval = 60 (or less) and monitoring_role_arn = a role trusting monitoring.rds.amazonaws.com with AmazonRDSEnhancedMonitoringRole, on each instance.",
  check(db) {
    const interval = asNumber(db.attributes.monitoring_interval) ?? 0;
    return interval > 0 && db.attributes.monitoring_role_arn ? [] : [{ message: `monitoring_interval is ${interval} or monitoring_role_arn is missing` }];
  },
};
