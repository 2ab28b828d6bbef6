import { Fn } from "cdktf";
import type { TerraformStack } from "cdktf";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SqsQueuePolicy } from "@cdktf/provider-aws/lib/sqs-queue-policy";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { policyReadable } from "./policy-readable";
import { sarActionExists } from "./sar-action-exists";
import { sarConditionKeys } from "./sar-condition-keys";
import { sarResourceTypes } from "./sar-resource-types";
import { sarUnscopedActionsOnStar } from "./sar-unscoped-actions-on-star";

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Action: string | string[], Resource: string | string[], Condition?: Record<string, Record<string, string>>): Statement => ({ Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });
const trust = (Condition?: Record<string, Record<string, string>>) =>
  doc({ Effect: "Allow", Principal: { Service: "medialive.amazonaws.com" }, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });
const CHANNELS = "arn:aws:medialive:ap-southeast-1:111111111111:channel:*";

/** One identity policy holding the statements, on a role. */
const rolePolicy = (...statements: Statement[]) => (s: TerraformStack) => {
  const role = new IamRole(s, "role", { assumeRolePolicy: trust() });
  new IamRolePolicy(s, "policy", { role: role.name, policy: doc(...statements) });
};

describe("LS-IAM-002 every action exists in the SAR", () => {
  test("passes for real actions, wildcards that match some and NotAction lists", () => {
    expect(
      findingsOf(sarActionExists, rolePolicy(allow(["s3:GetObject", "s3:Get*", "kms:*", "medialive:ListChannels"], "*"), { Effect: "Deny", NotAction: ["sqs:SendMessage", "iam:*"], Resource: "*" })),
    ).toEqual([]);
  });
  test("fires on a misspelled action, an unknown prefix, a wildcard matching nothing and a bad NotAction", () => {
    const f = findingsOf(sarActionExists, rolePolicy(allow(["s3:GetObjekt", "medialiv:ListChannels", "s3:Gett*"], "*"), { Effect: "Deny", NotAction: ["sqs:SendMesage"], Resource: "*" }));
    expect(f.map((x) => x.message)).toEqual([
      "policy, statement #1: Action s3:GetObjekt: is not an action of s3",
      "policy, statement #1: Action medialiv:ListChannels: no AWS service has the prefix 'medialiv'",
      "policy, statement #1: Action s3:Gett*: matches no action of s3",
      "policy, statement #2: NotAction sqs:SendMesage: is not an action of sqs",
    ]);
  });
  test("reads trust policies, data-source documents and resource policies", () => {
    const f = findingsOf(sarActionExists, (s) => {
      new IamRole(s, "role", { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "medialive.amazonaws.com" }, Action: "sts:AssumeRoles" }) });
      new DataAwsIamPolicyDocument(s, "document", { statement: [{ actions: ["sqs:Recieve*"], resources: ["*"] }] });
      const queue = new SqsQueue(s, "queue", {});
      new SqsQueuePolicy(s, "queue-policy", { queueUrl: queue.url, policy: doc({ Effect: "Deny", Principal: "*", Action: "sqs:SendMesage", Resource: queue.arn }) });
    });
    expect(f.map((x) => x.address).sort()).toEqual(["aws_iam_role.role", "aws_sqs_queue_policy.queue-policy", "data.aws_iam_policy_document.document"]);
  });
});

describe("LS-IAM-003 actions without a resource type are granted on *", () => {
  test("passes when the action is on *, whatever else the statement names", () => {
    expect(findingsOf(sarUnscopedActionsOnStar, rolePolicy(allow("medialive:ListChannels", "*"), allow("mediapackage:CreateHarvestJob", ["*", CHANNELS])))).toEqual([]);
  });
  test("fires on medialive:ListChannels and mediapackage:CreateHarvestJob granted (or denied) on ARNs", () => {
    const f = findingsOf(
      sarUnscopedActionsOnStar,
      rolePolicy(allow(["medialive:ListChannels", "medialive:DescribeChannel"], CHANNELS), { Effect: "Deny", Action: "mediapackage:CreateHarvestJob", Resource: "arn:aws:mediapackage:ap-southeast-1:111111111111:harvest_jobs/*" }),
    );
    expect(f.map((x) => x.message)).toEqual([
      `policy, statement #1: medialive:ListChannels takes no resource type, so it applies only to Resource "*"; it is granted on ${CHANNELS}`,
      'policy, statement #2: mediapackage:CreateHarvestJob takes no resource type, so it applies only to Resource "*"; it is denied on arn:aws:mediapackage:ap-southeast-1:111111111111:harvest_jobs/*',
    ]);
  });
  test("does not read trust policies (they name no resource)", () => {
    expect(findingsOf(sarUnscopedActionsOnStar, (s) => void new IamRole(s, "role", { assumeRolePolicy: trust() }))).toEqual([]);
  });
});

describe("LS-IAM-004 actions with resource types are granted on an ARN of a type they accept", () => {
  test("passes for bucket actions on the bucket, object actions under it, log streams under a group and references of the right type", () => {
    expect(
      findingsOf(sarResourceTypes, (s) => {
        const bucket = new S3Bucket(s, "bucket", {});
        const group = new CloudwatchLogGroup(s, "group", {});
        const queue = new SqsQueue(s, "queue", {});
        rolePolicy(
          allow(["s3:ListBucket", "s3:GetBucketLocation"], bucket.arn),
          allow(["s3:GetObject", "s3:PutObject"], `${bucket.arn}/live/*`),
          allow(["logs:CreateLogStream", "logs:PutLogEvents"], `${group.arn}:*`),
          allow("s3:Get*", `${bucket.arn}/*`),
          allow("sqs:SendMessage", queue.arn),
          allow("ec2:CreateNetworkInterface", ["arn:aws:ec2:ap-southeast-1:111111111111:subnet/subnet-1", "arn:aws:ec2:ap-southeast-1:111111111111:network-interface/*"]),
          allow("sqs:SendMessage", "${aws_cloudformation_stack.x.outputs.QueueArn}"), // unknown type: not judged
        )(s);
      }),
    ).toEqual([]);
  });
  test("fires on ListBucket on objects, GetObject on the bucket, SendMessage on a topic and a wildcard that applies to nothing", () => {
    const f = findingsOf(sarResourceTypes, (s) => {
      const bucket = new S3Bucket(s, "bucket", {});
      const topic = new SnsTopic(s, "topic", {});
      rolePolicy(allow("s3:ListBucket", `${bucket.arn}/live/*`), allow("s3:GetObject", bucket.arn), allow("sqs:SendMessage", topic.arn), allow("sqs:Get*", `${bucket.arn}/*`))(s);
    });
    expect(f.map((x) => x.message)).toEqual([
      "policy, statement #1: s3:ListBucket accepts accesspoint (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}), bucket (arn:${Partition}:s3:::${BucketName}); none of ${aws_s3_bucket.bucket.arn}/live/* is one",
      "policy, statement #2: s3:GetObject accepts accesspointobject (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}), object (arn:${Partition}:s3:::${BucketName}/${ObjectName}); none of ${aws_s3_bucket.bucket.arn} is one",
      "policy, statement #3: sqs:SendMessage accepts queue (arn:${Partition}:sqs:${Region}:${Account}:${QueueName}); none of ${aws_sns_topic.topic.arn} is one",
      "policy, statement #4: sqs:Get* matches no action that applies to ${aws_s3_bucket.bucket.arn}/*",
    ]);
  });
  test("checks Deny statements of resource policies the same way", () => {
    const f = findingsOf(sarResourceTypes, (s) => {
      const bucket = new S3Bucket(s, "bucket", {});
      new S3BucketPolicy(s, "policy", { bucket: bucket.id, policy: doc({ Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: bucket.arn }) });
    });
    expect(f.map((x) => x.address)).toEqual(["aws_s3_bucket_policy.policy"]);
  });
});

describe("LS-IAM-005 condition keys exist for the statement's service or globally", () => {
  test("passes for global keys, tag keys, service keys of the statement's actions and KMS encryption context keys", () => {
    expect(
      findingsOf(sarConditionKeys, (s) => {
        new IamRole(s, "trusting-role", { assumeRolePolicy: trust({ StringEquals: { "aws:SourceAccount": "111111111111", "sts:ExternalId": "x" } }) });
        // Any OIDC provider's token claims (the SAR lists only some of GitHub's).
        new IamRole(s, "github-role", {
          assumeRolePolicy: doc({
            Effect: "Allow",
            Principal: { Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:o/r:ref:refs/heads/main" } },
          }),
        });
        new KmsKey(s, "key", {
          policy: doc({ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Action: "kms:Decrypt*", Resource: "*", Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*" } } }),
        });
        rolePolicy(
          allow("s3:ListBucket", "arn:aws:s3:::b", { StringLike: { "s3:prefix": "live/*" } }),
          allow("medialive:StartChannel", CHANNELS, { StringEquals: { "aws:ResourceTag/livestream:pool": "dev", "aws:PrincipalTag/team": "ops" } }),
          allow("iam:PassRole", "arn:aws:iam::111111111111:role/r", { StringEquals: { "iam:PassedToService": "mediapackage.amazonaws.com" } }),
        )(s);
      }),
    ).toEqual([]);
  });
  test("fires on a misspelled global key, an unknown service key and a key of another service", () => {
    const f = findingsOf(sarConditionKeys, (s) => {
      const topic = new SnsTopic(s, "topic", {});
      new SnsTopicPolicy(s, "topic-policy", {
        arn: topic.arn,
        policy: doc({ Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: topic.arn, Condition: { StringEquals: { "aws:SourceAcount": "1" } } }),
      });
      rolePolicy(allow("s3:ListBucket", "arn:aws:s3:::b", { StringLike: { "s3:prefx": "live/*" } }), allow("sqs:SendMessage", "*", { StringLike: { "s3:prefix": "live/*" } }))(s);
      new IamRole(s, "github-role", {
        assumeRolePolicy: doc({
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: { StringEquals: { "token.actions.githubusercontent.com:audience": "sts.amazonaws.com" } },
        }),
      });
    });
    expect(f.map((x) => `${x.address}: ${x.message}`).sort()).toEqual([
      "aws_iam_role.github-role: assume_role_policy, statement #1: condition key token.actions.githubusercontent.com:audience is neither a global key nor a key of its service",
      "aws_iam_role_policy.policy: policy, statement #1: condition key s3:prefx is neither a global key nor a key of its service",
      "aws_iam_role_policy.policy: policy, statement #2: condition key s3:prefix is only set on s3 requests, but the statement's actions are sqs:SendMessage",
      "aws_sns_topic_policy.topic-policy: policy, statement #1: condition key aws:SourceAcount is neither a global key nor a key of its service",
    ]);
  });
});

describe("LS-IAM-006 policy documents are readable", () => {
  test("passes for JSON strings with references and for data-source documents", () => {
    expect(
      findingsOf(policyReadable, (s) => {
        const d = new DataAwsIamPolicyDocument(s, "d", { statement: [{ actions: ["s3:GetObject"], resources: ["*"] }] });
        new IamPolicy(s, "p", { policy: d.json });
        rolePolicy(allow("s3:GetObject", "${aws_s3_bucket.b.arn}/*"))(s);
      }),
    ).toEqual([]);
  });
  test("warns about a policy written as a Terraform expression", () => {
    const f = findingsOf(policyReadable, (s) => void new IamPolicy(s, "p", { policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [allow("s3:GetObject", "*")] }) }));
    expect(f).toHaveLength(1);
    expect(f[0].level).toBe("warning");
    expect(f[0].message).toMatch(/^policy is not literal JSON \(\$\{jsonencode/);
  });
});

requireBothOutcomes([policyReadable, sarActionExists, sarConditionKeys, sarResourceTypes, sarUnscopedActionsOnStar]);
