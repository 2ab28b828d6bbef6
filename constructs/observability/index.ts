export { OpsAlerts, type OpsAlertsProps, DEFAULT_OPS_PUBLISHERS } from "./ops-alerts";
export { opsAlarm, type OpsAlarmProps, type TreatMissingData, type ComparisonOperator } from "./ops-alarm";
export { Observability } from "./observability";
export type { MonitoredPlatform, ObservabilityProps } from "./props";
export { DEFAULT_THRESHOLDS, type AlarmThresholds } from "./thresholds";
