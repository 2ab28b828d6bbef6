/** Which planned changes reach a live channel: the per-type rules, on plan documents alone. */
import { changedAttributes, parsePlanDocument } from "./plan-document";
import { streamImpacts } from "./stream-impact";
import { budgetMonthChecks } from "./budget-months";
import { budgetAfter, channelState, endpointStackState, inputSecurityGroupState, inputState, planDocument, resourceChange } from "../../test/support/terraform-plan-json";

const impactsOf = (...changes: Record<string, unknown>[]) => streamImpacts(parsePlanDocument(planDocument({ changes }), "test").changes);
const summary = (...changes: Record<string, unknown>[]) => impactsOf(...changes).map((i) => [i.address, i.reaches.via, i.reaches.ids]);

describe("aws_medialive_channel", () => {
  const before = channelState("3456789", "7654321");
  it("an update of anything but tags and start_channel stops the channel", () => {
    const changed = { ...before, input_specification: [{ codec: "HEVC", input_resolution: "HD", maximum_bitrate: "MAX_10_MBPS" }] };
    expect(summary(resourceChange({ type: "aws_medialive_channel", name: "c", actions: ["update"], before, after: changed }))).toEqual([["aws_medialive_channel.c", "channel", ["3456789"]]]);
  });
  it("tags and tags_all alone do not (TagResource); start_channel does (the provider starts or stops the channel)", () => {
    const after = { ...before, tags: { a: "b" }, tags_all: { a: "b" } };
    expect(impactsOf(resourceChange({ type: "aws_medialive_channel", name: "c", actions: ["update"], before, after }))).toEqual([]);
    expect(impactsOf(resourceChange({ type: "aws_medialive_channel", name: "c", actions: ["update"], before, after: { ...after, start_channel: true } }))[0]?.effect).toMatch(/^start_channel changes: the provider itself starts or stops the channel/);
  });
  it("a value known only after apply counts as a change", () => {
    const after = { ...before };
    delete after.role_arn;
    expect(impactsOf(resourceChange({ type: "aws_medialive_channel", name: "c", actions: ["update"], before, after, afterUnknown: { role_arn: true } }))[0]?.effect).toMatch(/^UpdateChannel \(role_arn\)/);
  });
  it("replacement in either order and deletion reach it; creation does not", () => {
    const changes = [["delete", "create"], ["create", "delete"], ["delete"]].map((actions, i) =>
      resourceChange({ type: "aws_medialive_channel", name: `c${i}`, actions, before: channelState(`100000${i}`, "1"), after: actions.length > 1 ? channelState("", "1") : null }),
    );
    expect(impactsOf(...changes, resourceChange({ type: "aws_medialive_channel", name: "new", actions: ["create"], after: channelState("", "1") })).map((i) => [i.reaches.ids[0], i.effect.split(":")[0]])).toEqual([
      ["1000000", "the channel is replaced"],
      ["1000001", "the channel is replaced"],
      ["1000002", "the channel is deleted"],
    ]);
  });
});

describe("inputs and their security group", () => {
  it("an input update other than tags reaches the input; tags alone do not", () => {
    const before = inputState("7654321", "3456789");
    expect(summary(resourceChange({ type: "aws_medialive_input", name: "i", actions: ["update"], before, after: { ...before, input_security_groups: ["7777777"] } }))).toEqual([["aws_medialive_input.i", "input", ["7654321"]]]);
    expect(impactsOf(resourceChange({ type: "aws_medialive_input", name: "i", actions: ["update"], before, after: { ...before, tags_all: { x: "y" } } }))).toEqual([]);
  });
  it("null and empty values are the same to the provider: no change", () => {
    const before = inputState("7654321", "3456789", { input_partner_ids: null, role_arn: null });
    const change = parsePlanDocument(planDocument({ changes: [resourceChange({ type: "aws_medialive_input", name: "i", actions: ["update"], before, after: { ...before, input_partner_ids: [], role_arn: "" } })] }), "t").changes[0]!;
    expect(changedAttributes(change)).toEqual([]);
  });
  it("an allow list that only grows cuts nobody off; one that loses a range does; deleting the group reaches its inputs", () => {
    const sg = (cidrs: string[]) => inputSecurityGroupState("1234567", ["7654321", "arn:aws:medialive:ap-southeast-1:111111111111:input:8765432"], cidrs);
    expect(impactsOf(resourceChange({ type: "aws_medialive_input_security_group", name: "g", actions: ["update"], before: sg(["203.0.113.0/24"]), after: sg(["203.0.113.0/24", "198.51.100.0/24"]) }))).toEqual([]);
    const narrowed = impactsOf(resourceChange({ type: "aws_medialive_input_security_group", name: "g", actions: ["update"], before: sg(["203.0.113.0/24", "198.51.100.0/24"]), after: sg(["198.51.100.0/24"]) }));
    expect(narrowed.map((i) => [i.reaches.ids, i.effect])).toEqual([[["7654321", "8765432"], "the allow list loses 203.0.113.0/24 at once (no restart): an encoder pushing from there is cut off"]]);
    expect(summary(resourceChange({ type: "aws_medialive_input_security_group", name: "g", actions: ["delete"], before: sg(["203.0.113.0/24"]) }))).toEqual([["aws_medialive_input_security_group.g", "input", ["7654321", "8765432"]]]);
  });
});

describe("MediaPackage channels and origin endpoint stacks", () => {
  it("a MediaPackage channel's description update is harmless; its deletion reaches the MediaLive channels sending to it", () => {
    const mp = (description: string) => ({ arn: "arn:aws:mediapackage:ap-southeast-1:111111111111:channels/x", channel_id: "livestream-dev-ch0", id: "livestream-dev-ch0", description, hls_ingest: [] });
    expect(impactsOf(resourceChange({ type: "aws_media_package_channel", name: "m", actions: ["update"], before: mp("a"), after: mp("b") }))).toEqual([]);
    expect(summary(resourceChange({ type: "aws_media_package_channel", name: "m", actions: ["delete", "create"], before: mp("a"), after: mp("a") }))).toEqual([["aws_media_package_channel.m", "mediapackage-channel", ["livestream-dev-ch0"]]]);
  });
  it("an endpoint stack updated in place keeps the endpoint; one whose template drops it, or that is replaced, does not", () => {
    const before = endpointStackState("livestream-dev-ch1");
    expect(impactsOf(resourceChange({ type: "aws_cloudformation_stack", name: "s", actions: ["update"], before, after: endpointStackState("livestream-dev-ch1", 3600) }))).toEqual([]);
    const emptied = { ...before, template_body: JSON.stringify({ Resources: { Placeholder: { Type: "AWS::CloudFormation::WaitConditionHandle" } } }) };
    expect(summary(resourceChange({ type: "aws_cloudformation_stack", name: "s", actions: ["update"], before, after: emptied }))).toEqual([["aws_cloudformation_stack.s", "mediapackage-channel", ["livestream-dev-ch1"]]]);
    const unknownTemplate = { ...before };
    delete unknownTemplate.template_body;
    expect(impactsOf(resourceChange({ type: "aws_cloudformation_stack", name: "s", actions: ["update"], before, after: unknownTemplate, afterUnknown: { template_body: true } }))).toHaveLength(1);
  });
  it("stacks without an origin endpoint are not this check's business", () => {
    const other = { ...endpointStackState("x"), template_body: JSON.stringify({ Resources: { Q: { Type: "AWS::SQS::Queue" } } }) };
    expect(impactsOf(resourceChange({ type: "aws_cloudformation_stack", name: "q", actions: ["delete"], before: other }))).toEqual([]);
  });
});

describe("budget months", () => {
  const plan = (actions: string[], firstMonth: string) => parsePlanDocument(planDocument({ changes: [resourceChange({ type: "aws_budgets_budget", name: "b", actions, before: actions.includes("create") ? null : budgetAfter(firstMonth), after: budgetAfter(firstMonth) })] }), "t").changes;
  it("reads the earliest start_time whatever order Terraform prints the set in", () => {
    expect(budgetMonthChecks(plan(["update"], "2027-11"), Date.parse("2027-11-30T23:59:59Z"))).toEqual([{ address: "aws_budgets_budget.b", firstMonth: "2027-11", currentMonth: "2027-11", ok: true }]);
    expect(budgetMonthChecks(plan(["create"], "2027-11"), Date.parse("2027-12-01T00:00:00Z"))[0]).toMatchObject({ currentMonth: "2027-12", ok: false });
  });
  it("a budget the plan leaves alone is not checked (nothing is sent to AWS)", () => {
    expect(budgetMonthChecks(plan(["no-op"], "2020-01"), Date.parse("2027-12-01T00:00:00Z"))).toEqual([]);
  });
});
