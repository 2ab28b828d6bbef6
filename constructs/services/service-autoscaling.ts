import { Construct } from "constructs";
import { AppautoscalingPolicy } from "@cdktf/provider-aws/lib/appautoscaling-policy";
import { AppautoscalingScheduledAction } from "@cdktf/provider-aws/lib/appautoscaling-scheduled-action";
import { AppautoscalingTarget } from "@cdktf/provider-aws/lib/appautoscaling-target";
import { primeTimeSchedules, type PrimeTimeWindow } from "./prime-time";

export interface ServiceAutoscalingProps {
  /** Name used for policies and scheduled actions. */
  readonly name: string;
  readonly clusterName: string;
  readonly serviceName: string;
  /** Task counts outside prime time. */
  readonly minTasks: number;
  readonly maxTasks: number;
  /** Task counts from just before prime time until it ends. */
  readonly primeTimeMinTasks: number;
  readonly primeTimeMaxTasks: number;
  readonly targetCpuPercent: number;
  /** ALB requests per target per minute to aim for. */
  readonly targetRequestsPerTarget: number;
  /** `<albArnSuffix>/<targetGroupArnSuffix>`, the ALBRequestCountPerTarget resource label. */
  readonly requestCountResourceLabel: string;
  readonly primeTime: PrimeTimeWindow;
}

/**
 * Target tracking on CPU and on requests per task, inside bounds that a daily schedule raises
 * before prime time and lowers after it. Scale-out is quick, scale-in slow, so bursts at the start of
 * a live session do not flap.
 */
export class ServiceAutoscaling extends Construct {
  /** Daily cron expressions of the two scheduled actions. */
  readonly schedules: { readonly scaleUp: string; readonly scaleDown: string };

  constructor(scope: Construct, id: string, props: ServiceAutoscalingProps) {
    super(scope, id);
    this.schedules = primeTimeSchedules(props.primeTime);

    const target = new AppautoscalingTarget(this, "target", {
      serviceNamespace: "ecs",
      scalableDimension: "ecs:service:DesiredCount",
      resourceId: `service/${props.clusterName}/${props.serviceName}`,
      minCapacity: props.minTasks,
      maxCapacity: props.maxTasks,
    });
    const scalable = {
      serviceNamespace: target.serviceNamespace,
      scalableDimension: target.scalableDimension,
      resourceId: target.resourceId,
    };

    const tracking = [
      { key: "cpu", metric: "ECSServiceAverageCPUUtilization", value: props.targetCpuPercent, label: undefined },
      { key: "requests", metric: "ALBRequestCountPerTarget", value: props.targetRequestsPerTarget, label: props.requestCountResourceLabel },
    ];
    // Writes to one scalable target are serialized: concurrent ones fail with ConcurrentUpdateException.
    let previous: AppautoscalingPolicy | undefined;
    for (const t of tracking) {
      previous = new AppautoscalingPolicy(this, `${t.key}-tracking`, {
        name: `${props.name}-${t.key}-tracking`,
        policyType: "TargetTrackingScaling",
        ...scalable,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: t.value,
          scaleOutCooldown: 60,
          scaleInCooldown: 300,
          predefinedMetricSpecification: { predefinedMetricType: t.metric, resourceLabel: t.label },
        },
        dependsOn: previous ? [previous] : undefined,
      });
    }

    // Prime time must never lower the off-peak bounds (e.g. a larger off-peak max).
    const scaleUp = new AppautoscalingScheduledAction(this, "prime-time-scale-up", {
      name: `${props.name}-prime-time-scale-up`,
      ...scalable,
      schedule: this.schedules.scaleUp,
      timezone: props.primeTime.timezone,
      scalableTargetAction: {
        minCapacity: String(Math.max(props.primeTimeMinTasks, props.minTasks)),
        maxCapacity: String(Math.max(props.primeTimeMaxTasks, props.maxTasks)),
      },
      dependsOn: previous ? [previous] : undefined,
    });
    new AppautoscalingScheduledAction(this, "prime-time-scale-down", {
      name: `${props.name}-prime-time-scale-down`,
      ...scalable,
      schedule: this.schedules.scaleDown,
      timezone: props.primeTime.timezone,
      scalableTargetAction: { minCapacity: String(props.minTasks), maxCapacity: String(props.maxTasks) },
      dependsOn: [scaleUp],
    });
  }
}
