import { Testing } from "cdktf";
import { evaluateJson } from "../../policies/engine/evaluate";
import { sarResourceTypes } from "../../policies/rules/iam/sar-resource-types";
import { sarUnscopedActionsOnStar } from "../../policies/rules/iam/sar-unscoped-actions-on-star";
import { statementsOf } from "../iam-policy/testing";
import { MediaLiveRole } from "./medialive-role";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const json: Json = JSON.parse(
  Testing.synthScope(
    (scope) =>
      void new MediaLiveRole(scope, "role", {
        roleName: "livestream-test-medialive",
        accountId: "111111111111",
        region: "ap-southeast-1",
        hlsBucketArn: "arn:aws:s3:::livestream-test-hls-111111111111",
        mediaPackageChannelArns: ["arn:aws:mediapackage:ap-southeast-1:111111111111:channels/abc"],
      }),
  ),
);
const [role] = Object.values(json.resource.aws_iam_role) as Json[];
const statements = statementsOf((Object.values(json.resource.aws_iam_role_policy)[0] as Json).policy);

describe("MediaLiveRole", () => {
  test("MediaLive may assume it unconditionally: it documents no source account or ARN on AssumeRole", () => {
    expect(statementsOf(role.assume_role_policy)).toEqual([{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "medialive.amazonaws.com" } }]);
  });

  test("it has every CloudWatch Logs action MediaLive documents for its trusted entity, DescribeLogGroups on *", () => {
    const logs = statements.flatMap((s) => s.Action).filter((a: string) => a.startsWith("logs:"));
    expect(logs.sort()).toEqual(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:PutMetricFilter", "logs:PutRetentionPolicy"]);
    expect(statements.find((s) => s.Action.includes("logs:DescribeLogGroups"))!.Resource).toEqual(["*"]);
  });

  test("it lists hls-bucket without a prefix condition, as the documented policy does", () => {
    const list = statements.find((s) => s.Action.includes("s3:ListBucket"))!;
    expect(list.Resource).toEqual(["arn:aws:s3:::livestream-test-hls-111111111111"]);
    expect(list.Condition).toBeUndefined();
  });

  test("every action is granted on a resource the Service Authorization Reference lets it apply to", () => {
    const report = evaluateJson(json, "test", "prod", [sarUnscopedActionsOnStar, sarResourceTypes], []);
    expect(report.findings.map((f) => f.message)).toEqual([]);
  });
});
