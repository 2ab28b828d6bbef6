import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { noAdminWildcard } from "./no-admin-wildcard";

const doc = (Action: string, Resource: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action, Resource }] });
const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });

describe("LS-IAM-001 no * on *", () => {
  test("passes for scoped statements in every policy form", () => {
    expect(findingsOf(noAdminWildcard, (s) => {
      new IamPolicy(s, "p", { policy: doc("sqs:SendMessage", "arn:aws:sqs:ap-southeast-1:111111111111:q") });
      const d = new DataAwsIamPolicyDocument(s, "d", { statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }] });
      const role = new IamRole(s, "r", { assumeRolePolicy: trust, inlinePolicy: [{ name: "i", policy: doc("logs:PutLogEvents", "*") }] });
      new IamRolePolicy(s, "rp", { role: role.name, policy: d.json });
    })).toEqual([]);
  });
  test("fires on * on * in a policy, an inline role policy and a policy document", () => {
    const f = findingsOf(noAdminWildcard, (s) => {
      new IamPolicy(s, "p", { policy: doc("*", "*") });
      new IamRole(s, "r", { assumeRolePolicy: trust, inlinePolicy: [{ name: "i", policy: doc("*", "*") }] });
      new DataAwsIamPolicyDocument(s, "d", { statement: [{ actions: ["*"], resources: ["*"] }] });
    });
    expect(f.map((x) => x.address).sort()).toEqual(["aws_iam_policy.p", "aws_iam_role.r", "data.aws_iam_policy_document.d"]);
  });
});

requireBothOutcomes([noAdminWildcard]);
