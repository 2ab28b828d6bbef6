import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { findingsOf, requireBothOutcomes } from "../../testing";
import { keyRotation } from "./key-rotation";

describe("LS-KMS-001 key rotation", () => {
  test("passes with rotation, and skips asymmetric keys", () => {
    expect(findingsOf(keyRotation, (s) => {
      new KmsKey(s, "k", { enableKeyRotation: true });
      new KmsKey(s, "sign", { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" });
    })).toEqual([]);
  });
  test("fires without rotation", () => expect(findingsOf(keyRotation, (s) => void new KmsKey(s, "k", {}))).toHaveLength(1));
});

requireBothOutcomes([keyRotation]);
