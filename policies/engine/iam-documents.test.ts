import { resourceMatchesArnPattern } from "./arn-patterns";
import { policyDocumentsOf } from "./iam-documents";
import { conditionKeyExists, expandAction, loadedServiceCount, sarArnPatternOf } from "./service-authorization";
import type { SynthesizedResource } from "./types";

const resource = (type: string, attributes: Record<string, unknown>, kind: "resource" | "data" = "resource"): SynthesizedResource => ({
  kind,
  type,
  name: "x",
  address: `${kind === "data" ? "data." : ""}${type}.x`,
  path: "test/x",
  attributes,
});

describe("policy documents of a resource", () => {
  test("reads JSON policies, trust policies and inline policies; leaves data-source references to the data source", () => {
    const role = policyDocumentsOf(
      resource("aws_iam_role", {
        assume_role_policy: JSON.stringify({ Statement: { Effect: "Allow", Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "1" } } } }),
        inline_policy: [{ name: "a", policy: JSON.stringify({ Statement: [{ Sid: "S", Effect: "Deny", NotAction: ["s3:*"], NotResource: "arn:aws:s3:::b" }] }) }, { name: "b", policy: "${data.aws_iam_policy_document.d.json}" }],
      }),
    );
    expect(role.unreadable).toEqual([]);
    expect(role.documents.map((d) => [d.attribute, d.kind, d.statements.map((s) => [s.label, s.effect, s.actions, s.notActions, s.notResources, s.conditionKeys])])).toEqual([
      ["assume_role_policy", "trust", [["#1", "Allow", ["sts:AssumeRole"], [], [], ["aws:SourceAccount"]]]],
      ["inline_policy[0].policy", "identity", [["S", "Deny", [], ["s3:*"], ["arn:aws:s3:::b"], []]]],
    ]);
  });
  test("reports what it cannot read instead of guessing", () => {
    const r = policyDocumentsOf(resource("aws_s3_bucket_policy", { policy: '${jsonencode({"Statement" = []})}' }));
    expect(r.documents).toEqual([]);
    expect(r.unreadable.map((u) => u.attribute)).toEqual(["policy"]);
  });
  test("reads data-source statements and literal source documents", () => {
    const r = policyDocumentsOf(
      resource("aws_iam_policy_document", { statement: [{ actions: ["s3:GetObject"], resources: ["*"], condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }] }], source_policy_documents: [JSON.stringify({ Statement: [] })] }, "data"),
    );
    expect(r.documents.map((d) => d.attribute)).toEqual(["statement", "source_policy_documents[0]"]);
    expect(r.documents[0].statements[0].conditionKeys).toEqual(["aws:SecureTransport"]);
  });
});

describe("the Service Authorization Reference", () => {
  test("loads only the services asked about", () => {
    const before = loadedServiceCount();
    expect(expandAction("medialive:ListChannels").actions.map((a) => [a.name, a.resourceTypes.length])).toEqual([["ListChannels", 0]]);
    expect(expandAction("MediaLive:listchannels").actions).toHaveLength(1); // IAM action names are case-insensitive
    expect(loadedServiceCount()).toBe(before + 1);
    expect(expandAction("nosuchservice:Get").service).toBeUndefined();
  });
  test("condition keys: global, tag prefixes, service templates and identity-provider keys", () => {
    for (const key of ["aws:SourceAccount", "AWS:SourceArn", "aws:ResourceTag/livestream:pool", "kms:EncryptionContext:aws:logs:arn", "s3:prefix", "accounts.google.com:aud", "saml:sub"]) {
      expect([key, conditionKeyExists(key)]).toEqual([key, true]);
    }
    for (const key of ["aws:SourceAcount", "s3:prefixes", "medialive:Whatever", "nokey"]) expect([key, conditionKeyExists(key)]).toEqual([key, false]);
  });
});

describe("a policy Resource against a SAR ARN pattern", () => {
  const bucket = sarArnPatternOf("s3", "bucket")!;
  const object = sarArnPatternOf("s3", "object")!;
  const logStream = sarArnPatternOf("logs", "log-stream")!;
  const match = (resourceText: string, pattern: string) => resourceMatchesArnPattern(resourceText, pattern, sarArnPatternOf);
  test("literal ARNs and wildcards", () => {
    expect(match("arn:aws:s3:::b", bucket)).toBe(true);
    expect(match("arn:aws:s3:::b", object)).toBe(false);
    expect(match("arn:aws:s3:::b/*", object)).toBe(true);
    expect(match("arn:aws:s3:::b/*", bucket)).toBe(false);
    expect(match("arn:aws:s3:::*", bucket)).toBe(true);
    expect(match("arn:aws:s3:::b?", bucket)).toBe(true);
    expect(match("arn:aws:logs:ap-southeast-1:1:log-group:/aws/x:*", logStream)).toBe(true);
    expect(match("arn:aws:logs:ap-southeast-1:1:log-group:/aws/x", logStream)).toBe(false);
    expect(match("*", object)).toBe(true);
  });
  test("Terraform references take their resource type's ARN shape", () => {
    expect(match("${aws_s3_bucket.b.arn}", bucket)).toBe(true);
    expect(match("${aws_s3_bucket.b.arn}", object)).toBe(false);
    expect(match("${aws_s3_bucket.b.arn}/live/*", object)).toBe(true);
    expect(match("${aws_cloudwatch_log_group.g.arn}:*", logStream)).toBe(true);
    expect(match("${aws_sns_topic.t.arn}", sarArnPatternOf("sqs", "queue")!)).toBe(false); // the service field differs
    expect(match("${aws_sns_topic.t.arn}", sarArnPatternOf("kms", "key")!)).toBe(false);
    expect(match("arn:aws:s3:::${aws_s3_bucket.b.id}/*", object)).toBe(true);
    expect(match("${aws_cloudformation_stack.s.outputs.EndpointArn}", bucket)).toBe(true); // unknown: not judged
  });
});
