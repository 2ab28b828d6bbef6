import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { topicEncryption } from "./topic-encryption";

describe("LS-SNS-001 topic encryption", () => {
  test("passes with a KMS key", () => expect(findingsOf(topicEncryption, (s) => void new SnsTopic(s, "t", { kmsMasterKeyId: "alias/x" }))).toEqual([]));
  test("fires without one", () => expect(findingsOf(topicEncryption, (s) => void new SnsTopic(s, "t", {}))).toHaveLength(1));
});

requireBothOutcomes([topicEncryption]);
