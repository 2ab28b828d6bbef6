import { Testing } from "cdktf";
import { Observability, type ObservabilityProps } from "./index";

const TOPIC = "arn:aws:sns:ap-southeast-1:111111111111:livestream-test-ops-alerts";
const BASE: ObservabilityProps = {
  namePrefix: "livestream-test",
  region: "ap-southeast-1",
  topicArn: TOPIC,
  albArnSuffix: "app/livestream-test/0123456789abcdef",
  clusterName: "livestream-test",
  services: { mentee: "livestream-test-mentee", mentor: "livestream-test-mentor", social: "livestream-test-social" },
  dbClusterId: "livestream-test-postgres",
  dbHasReaders: true,
  queueName: "livestream-test-notifications",
  dlqName: "livestream-test-notifications-dlq",
  pipeName: "livestream-test-notifications-to-announcements",
};
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const synth = (props: Partial<ObservabilityProps> = {}): Json =>
  JSON.parse(Testing.synthScope((scope) => new Observability(scope, "observability", { ...BASE, ...props })));
const alarmsOf = (out: Json): Record<string, Json> =>
  Object.fromEntries((Object.values(out.resource.aws_cloudwatch_metric_alarm) as Json[]).map((a) => [a.alarm_name, a]));

describe("alarms", () => {
  const alarms = alarmsOf(synth());
  const GIB = 1024 ** 3;

  test.each([
    // name, namespace, metric, dimensions, stat, operator, threshold, missing data
    ["alb-elb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", { LoadBalancer: BASE.albArnSuffix }, "Sum", "GreaterThanThreshold", 10, "notBreaching"],
    ["alb-target-5xx", "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", { LoadBalancer: BASE.albArnSuffix }, "Sum", "GreaterThanThreshold", 10, "notBreaching"],
    ["alb-latency-p95", "AWS/ApplicationELB", "TargetResponseTime", { LoadBalancer: BASE.albArnSuffix }, "p95", "GreaterThanThreshold", 1, "notBreaching"],
    ["ecs-mentee-cpu", "AWS/ECS", "CPUUtilization", { ClusterName: "livestream-test", ServiceName: "livestream-test-mentee" }, "Average", "GreaterThanThreshold", 85, "missing"],
    ["ecs-social-memory", "AWS/ECS", "MemoryUtilization", { ClusterName: "livestream-test", ServiceName: "livestream-test-social" }, "Average", "GreaterThanThreshold", 85, "missing"],
    // Aurora: by role, not by instance (a failover swaps the instances' roles); lag in milliseconds.
    ["db-writer-cpu", "AWS/RDS", "CPUUtilization", { DBClusterIdentifier: "livestream-test-postgres", Role: "WRITER" }, "Average", "GreaterThanThreshold", 80, "missing"],
    ["db-writer-free-local-storage", "AWS/RDS", "FreeLocalStorage", { DBClusterIdentifier: "livestream-test-postgres", Role: "WRITER" }, "Minimum", "LessThanThreshold", 0.5 * GIB, "breaching"],
    ["db-reader-lag", "AWS/RDS", "AuroraReplicaLag", { DBClusterIdentifier: "livestream-test-postgres", Role: "READER" }, "Maximum", "GreaterThanThreshold", 5000, "breaching"],
    ["notifications-dlq-not-empty", "AWS/SQS", "ApproximateNumberOfMessagesVisible", { QueueName: "livestream-test-notifications-dlq" }, "Maximum", "GreaterThanThreshold", 0, "notBreaching"],
    ["notifications-pipe-failures", "AWS/EventBridge/Pipes", "ExecutionFailed", { PipeName: "livestream-test-notifications-to-announcements" }, "Sum", "GreaterThanThreshold", 0, "notBreaching"],
    ["notifications-oldest-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", { QueueName: "livestream-test-notifications" }, "Maximum", "GreaterThanThreshold", 300, "notBreaching"],
  ])("%s", (name, namespace, metric, dimensions, stat, operator, threshold, missing) => {
    const alarm = alarms[`livestream-test-${name}`];
    expect(alarm).toBeDefined();
    expect(alarm.namespace).toBe(namespace);
    expect(alarm.metric_name).toBe(metric);
    expect(alarm.dimensions).toEqual(dimensions);
    expect(alarm.statistic ?? alarm.extended_statistic).toBe(stat);
    expect(alarm.comparison_operator).toBe(operator);
    expect(alarm.threshold).toBe(threshold);
    expect(alarm.treat_missing_data).toBe(missing);
    expect(alarm.alarm_actions).toEqual([TOPIC]);
    expect(alarm.ok_actions).toEqual([TOPIC]);
  });

  test("CPU and memory alarms for every service, 9 platform + 6 service alarms, 15 in all", () => {
    expect(Object.keys(alarms)).toHaveLength(15);
    for (const s of ["mentee", "mentor", "social"]) {
      expect(alarms[`livestream-test-ecs-${s}-cpu`].dimensions.ServiceName).toBe(`livestream-test-${s}`);
      expect(alarms[`livestream-test-ecs-${s}-memory`].dimensions.ServiceName).toBe(`livestream-test-${s}`);
    }
  });

  test("thresholds can be overridden and are validated", () => {
    const custom = alarmsOf(synth({ thresholds: { latencyP95Seconds: 0.5, dbFreeLocalStorageGb: 2, replicaLagSeconds: 1 } }));
    expect(custom["livestream-test-alb-latency-p95"].threshold).toBe(0.5);
    expect(custom["livestream-test-db-writer-free-local-storage"].threshold).toBe(2 * GIB);
    expect(custom["livestream-test-db-reader-lag"].threshold).toBe(1000);
    expect(() => synth({ thresholds: { serviceCpuPercent: 120 } })).toThrow(/thresholds.serviceCpuPercent/);
    expect(() => synth({ thresholds: { replicaLagSeconds: 0 } })).toThrow(/thresholds.replicaLagSeconds/);
  });

  test("without a reader or a pipe there is no reader-lag or pipe alarm", () => {
    const fewer = alarmsOf(synth({ dbHasReaders: false, pipeName: undefined }));
    expect(fewer["livestream-test-db-reader-lag"]).toBeUndefined();
    expect(fewer["livestream-test-notifications-pipe-failures"]).toBeUndefined();
    expect(Object.keys(fewer)).toHaveLength(13);
  });

  test("bad props are refused naming the prop", () => {
    expect(() => synth({ services: {} })).toThrow(/services/);
    expect(() => synth({ services: { "Mentee Svc": "x" } })).toThrow(/services label/);
  });
});

describe("dashboard", () => {
  const out = synth();
  const dashboard = Object.values(out.resource.aws_cloudwatch_dashboard)[0] as Json;
  const body = JSON.parse(dashboard.dashboard_body);
  const metricWidgets: Json[] = body.widgets.filter((w: Json) => w.type === "metric");
  const byTitle = (title: string) => metricWidgets.find((w) => w.properties.title === title)!.properties;
  const metricNames = (title: string) => byTitle(title).metrics.map((m: unknown[]) => m[1]);

  test("is named for the environment and its body is JSON", () => {
    expect(dashboard.dashboard_name).toBe("livestream-test-platform");
    expect(Array.isArray(body.widgets)).toBe(true);
  });

  test("has the ALB, ECS, database and queue widgets", () => {
    expect(metricWidgets.map((w) => w.properties.title)).toEqual([
      "ALB requests and 5xx",
      "ALB target response time (s)",
      "ECS CPU % by service",
      "ECS memory % by service",
      "Database CPU %",
      "Database connections",
      "Database reader lag (ms)",
      "Database free local storage (bytes)",
      "Database volume used (bytes)",
      "Notification queue depth",
      "Oldest notification age (s)",
      "Notification pipe",
    ]);
    expect(metricNames("ALB requests and 5xx")).toEqual(["RequestCount", "HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count"]);
    expect(byTitle("ALB requests and 5xx").metrics[0].slice(2, 4)).toEqual(["LoadBalancer", BASE.albArnSuffix]);
    expect(byTitle("ALB target response time (s)").metrics.map((m: Json[]) => (m[4] as Json).stat)).toEqual(["p50", "p95", "p99"]);
    expect(byTitle("ECS CPU % by service").metrics.map((m: string[]) => m[5])).toEqual(["livestream-test-mentee", "livestream-test-mentor", "livestream-test-social"]);
    expect(byTitle("Database connections").metrics.map((m: string[]) => m.slice(2, 6))).toEqual([
      ["DBClusterIdentifier", "livestream-test-postgres", "Role", "WRITER"],
      ["DBClusterIdentifier", "livestream-test-postgres", "Role", "READER"],
    ]);
    expect(byTitle("Database reader lag (ms)").metrics[0].slice(1, 6)).toEqual(["AuroraReplicaLag", "DBClusterIdentifier", "livestream-test-postgres", "Role", "READER"]);
    expect(byTitle("Database volume used (bytes)").metrics[0].slice(1, 4)).toEqual(["VolumeBytesUsed", "DBClusterIdentifier", "livestream-test-postgres"]);
    expect(byTitle("Notification queue depth").metrics.map((m: string[]) => m[3])).toEqual([
      "livestream-test-notifications",
      "livestream-test-notifications",
      "livestream-test-notifications-dlq",
    ]);
    for (const w of metricWidgets) expect(w.properties.region).toBe("ap-southeast-1");
  });

  test("without readers the database lines show the writer only and there is no lag chart", () => {
    const lone = JSON.parse((Object.values(synth({ dbHasReaders: false }).resource.aws_cloudwatch_dashboard)[0] as Json).dashboard_body);
    const titles = lone.widgets.filter((w: Json) => w.type === "metric").map((w: Json) => w.properties.title);
    expect(titles).not.toContain("Database reader lag (ms)");
    const cpu = lone.widgets.find((w: Json) => w.properties.title === "Database CPU %").properties.metrics;
    expect(cpu.map((m: string[]) => m[5])).toEqual(["WRITER"]);
  });

  test("widgets do not overlap and fit the 24-column grid", () => {
    const cells = new Set<string>();
    for (const w of body.widgets as Json[]) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          const cell = `${x},${y}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
    }
  });

  test("the alarm widget lists every alarm", () => {
    const alarmWidget = body.widgets.find((w: Json) => w.type === "alarm");
    expect(alarmWidget.properties.alarms).toHaveLength(15);
    expect(alarmWidget.properties.alarms[0]).toMatch(/^\$\{aws_cloudwatch_metric_alarm\.[^.]+\.arn\}$/);
  });
});
