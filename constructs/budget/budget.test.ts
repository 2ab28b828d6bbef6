import { Testing, TerraformStack } from "cdktf";
import { CostBudget, environmentScenario } from ".";
import { architectureProjection } from "../../cost-model/architecture";
import { DEFAULT_UNIT_CATALOG } from "../../cost-model/catalogs";
import { DEFAULT_SCENARIO } from "../../cost-model/scenario-defaults";
import { loadEnvironment } from "../../config/load";

const TOPIC = "arn:aws:sns:ap-southeast-1:111111111111:livestream-dev-ops-alerts";

function synth(props: Partial<ConstructorParameters<typeof CostBudget>[2]> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, "t");
  const budget = new CostBudget(stack, "budget", { namePrefix: "livestream-dev", alertTopicArn: TOPIC, scenario: DEFAULT_SCENARIO, ...props });
  const json = JSON.parse(Testing.synth(stack));
  return { budget, resource: Object.values(json.resource.aws_budgets_budget)[0] as Record<string, unknown> & { notification: Record<string, unknown>[] } };
}

describe("CostBudget", () => {
  it("sets the monthly limit from the forecast plus headroom, alerting the ops topic", () => {
    const { budget, resource } = synth();
    const month1 = architectureProjection({ ...DEFAULT_SCENARIO, months: 1 }, DEFAULT_UNIT_CATALOG).months[0].totalUsd;
    expect(budget.forecastUsd).toBe(month1);
    expect(budget.limitUsd).toBe(Math.ceil(month1 * 1.1));
    expect(resource).toMatchObject({ name: "livestream-dev-monthly-cost", budget_type: "COST", time_unit: "MONTHLY", limit_unit: "USD", limit_amount: `${budget.limitUsd}.00` });
    expect(resource.notification).toEqual([
      expect.objectContaining({ notification_type: "FORECASTED", threshold: 100, comparison_operator: "GREATER_THAN", threshold_type: "PERCENTAGE", subscriber_sns_topic_arns: [TOPIC] }),
      expect.objectContaining({ notification_type: "ACTUAL", threshold: 80, subscriber_sns_topic_arns: [TOPIC] }),
    ]);
  });

  it("follows the chosen forecast month and a fixed limit", () => {
    expect(synth({ forecastMonth: 12 }).budget.limitUsd).toBeGreaterThan(synth().budget.limitUsd);
    expect(synth({ limitUsd: 500 }).resource.limit_amount).toBe("500.00");
  });

  it("refuses bad props naming them", () => {
    expect(() => synth({ forecastMonth: 0 })).toThrow(/forecastMonth/);
    expect(() => synth({ headroomPercent: -1 })).toThrow(/headroomPercent/);
    expect(() => synth({ limitUsd: 0 })).toThrow(/limitUsd/);
    expect(() => synth({ alertTopicArn: "" })).toThrow(/alertTopicArn/);
  });

  it("sizes the scenario from the environment config", () => {
    const dev = loadEnvironment("dev");
    const prod = loadEnvironment("prod");
    const devScenario = environmentScenario(dev, { dau: 100, monthlyGrowth: 0.1, months: 1 });
    expect(devScenario.database).toMatchObject({ instanceClass: dev.database.instanceClass, multiAz: false });
    expect(devScenario.network.natGateways).toBe(1);
    expect(devScenario.services.mentee.vcpu).toBe(0.25);
    const prodScenario = environmentScenario(prod, { dau: 10_000, monthlyGrowth: 0.1, months: 1 });
    expect(prodScenario.network.natGateways).toBe(3);
    const devLimit = synth({ scenario: devScenario }).budget.limitUsd;
    expect(devLimit).toBeLessThan(synth({ scenario: prodScenario }).budget.limitUsd);
  });
});
