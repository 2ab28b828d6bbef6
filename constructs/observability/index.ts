export { OpsAlerts, type OpsAlertsProps, DEFAULT_OPS_PUBLISHERS } from "./ops-alerts";
export { opsAlarm, type OpsAlarmProps, type TreatMissingData, type ComparisonOperator } from "./ops-alarm";
export { Observability, type ObservabilityProps } from "./observability";
export { DEFAULT_THRESHOLDS, type AlarmThresholds } from "./thresholds";
