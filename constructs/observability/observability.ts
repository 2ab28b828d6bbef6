import { Construct } from "constructs";
import { PlatformAlarms } from "./platform-alarms";
import { PlatformDashboard } from "./platform-dashboard";
import type { ObservabilityProps } from "./props";
import { resolveThresholds } from "./thresholds";

/**
 * Alarms on the core platform (API edge, services, database, notifications) to the ops topic, and
 * the on-call dashboard. Created last: it only reads names and ids of what the other constructs built.
 */
export class Observability extends Construct {
  /** ARNs of the alarms created here. */
  readonly alarmArns: string[];
  /** Name of the CloudWatch dashboard. */
  readonly dashboardName: string;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const labels = Object.keys(props.services);
    if (labels.length === 0) {
      throw new Error("Observability: services must map at least one label to an ECS service name");
    }
    const badLabel = labels.find((l) => !/^[a-z][a-z0-9-]{0,30}$/.test(l));
    if (badLabel !== undefined) {
      throw new Error(`Observability: services label '${badLabel}' must be lower-case letters, digits or dashes (it names alarms)`);
    }
    const thresholds = resolveThresholds(props.thresholds);
    const alarms = new PlatformAlarms(this, "alarms", { ...props, thresholds });
    this.alarmArns = alarms.alarms.map((a) => a.arn);
    const dashboard = new PlatformDashboard(this, "dashboard", { ...props, alarmArns: this.alarmArns });
    this.dashboardName = dashboard.dashboardName;
  }
}
