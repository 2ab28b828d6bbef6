import { EcsTaskDefinition } from "@cdktf/provider-aws/lib/ecs-task-definition";
import { EcsService } from "@cdktf/provider-aws/lib/ecs-service";
import { EcsCluster } from "@cdktf/provider-aws/lib/ecs-cluster";
import type { TerraformStack } from "cdktf";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { containerNotPrivileged } from "./container-not-privileged";
import { readOnlyRootFilesystem } from "./read-only-root-filesystem";
import { serviceNoPublicIp } from "./service-no-public-ip";
import { noPlaintextSecrets } from "./no-plaintext-secrets";
import { clusterContainerInsights } from "./cluster-container-insights";

const task = (s: TerraformStack, container: Record<string, unknown>) =>
  new EcsTaskDefinition(s, "task", { family: "app", containerDefinitions: JSON.stringify([{ name: "app", image: "img", essential: true, ...container }]) });

describe("LS-ECS-001 not privileged", () => {
  test("passes for an ordinary container", () => expect(findingsOf(containerNotPrivileged, (s) => void task(s, {}))).toEqual([]));
  test("fires on a privileged container", () => expect(findingsOf(containerNotPrivileged, (s) => void task(s, { privileged: true }))).toHaveLength(1));
  test("fires when container definitions cannot be read", () => {
    expect(findingsOf(containerNotPrivileged, (s) => void new EcsTaskDefinition(s, "task", { family: "app", containerDefinitions: "${jsonencode([])}" }))[0].message).toMatch(/not literal JSON/);
  });
});

describe("LS-ECS-002 read-only root filesystem", () => {
  test("passes when read-only", () => expect(findingsOf(readOnlyRootFilesystem, (s) => void task(s, { readonlyRootFilesystem: true }))).toEqual([]));
  test("fires when writable", () => expect(findingsOf(readOnlyRootFilesystem, (s) => void task(s, {}))).toHaveLength(1));
});

describe("LS-ECS-003 no public IP", () => {
  const service = (s: TerraformStack, assignPublicIp: boolean) =>
    new EcsService(s, "svc", { name: "svc", networkConfiguration: { subnets: ["a"], assignPublicIp } });
  test("passes without a public IP", () => expect(findingsOf(serviceNoPublicIp, (s) => void service(s, false))).toEqual([]));
  test("fires with one", () => expect(findingsOf(serviceNoPublicIp, (s) => void service(s, true))).toHaveLength(1));
});

describe("LS-ECS-004 no plaintext secrets", () => {
  test("passes with secrets through `secrets` and ARNs in the environment", () => {
    expect(findingsOf(noPlaintextSecrets, (s) => void task(s, {
      environment: [{ name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:db" }, { name: "LOG_LEVEL", value: "info" }],
      secrets: [{ name: "DB_PASSWORD", valueFrom: "arn:aws:secretsmanager:ap-southeast-1:111111111111:secret:db" }],
    }))).toEqual([]);
  });
  test("fires on a password in the environment", () => {
    expect(findingsOf(noPlaintextSecrets, (s) => void task(s, { environment: [{ name: "DB_PASSWORD", value: "hunter22" }] }))[0].message).toMatch(/DB_PASSWORD/);
  });
});

describe("LS-ECS-005 container insights", () => {
  test("passes when enabled", () => expect(findingsOf(clusterContainerInsights, (s) => void new EcsCluster(s, "c", { name: "c", setting: [{ name: "containerInsights", value: "enabled" }] }))).toEqual([]));
  test("fires when absent", () => expect(findingsOf(clusterContainerInsights, (s) => void new EcsCluster(s, "c", { name: "c" }))).toHaveLength(1));
});

requireBothOutcomes([containerNotPrivileged, readOnlyRootFilesystem, serviceNoPublicIp, noPlaintextSecrets, clusterContainerInsights]);
