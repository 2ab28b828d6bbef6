import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { evaluateStack } from "./engine/evaluate";
import { suppress } from "./engine/suppressions";
import { keyRotation } from "./rules/kms/key-rotation";
import { testStack } from "./testing";
import { main } from "./cli";

/** Runs the policy CLI with stderr captured. */
function policy(argv: string[], collect?: Parameters<typeof main>[1]): { code: number; stderr: string } {
  let stderr = "";
  const write = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
  try {
    return { code: main(argv, collect), stderr };
  } finally {
    write.mockRestore();
    out.mockRestore();
  }
}

/** The report of a stack holding one KMS key, rotated or not. */
function keyReport(rotation: boolean, suppressed = false) {
  const stack = testStack("keys");
  const key = new KmsKey(stack, "k", { enableKeyRotation: rotation });
  if (suppressed) suppress(key, keyRotation.id, "test: an exception written down");
  return () => [evaluateStack(stack, { rules: [keyRotation], tier: "prod" })];
}

test("rejects an unknown format with the usage exit code", () => {
  expect(policy(["--format", "xml"]).code).toBe(2);
});

test("an --output that cannot be written exits 2 before synthesizing, naming the folder; no stack trace", () => {
  const neverSynth = () => {
    throw new Error("synthesized although the report could not be written");
  };
  expect(policy(["--output", "/nonexistent/x.json"], neverSynth)).toEqual({ code: 2, stderr: "policy: --output /nonexistent/x.json: the folder /nonexistent does not exist\n" });
  const folder = mkdtempSync(join(tmpdir(), "policy-out-"));
  expect(policy(["--output", folder], neverSynth)).toEqual({ code: 2, stderr: `policy: --output ${folder}: ${folder} is a folder; name a file\n` });
});

test("writes a SARIF 2.1.0 report of every stack, and the committed stacks leave no error: exit 0", () => {
  const file = join(mkdtempSync(join(tmpdir(), "policy-cli-")), "policy.sarif");
  const { code } = policy(["--format", "sarif", "--output", file]);
  const sarif = JSON.parse(readFileSync(file, "utf8"));
  expect(sarif.version).toBe("2.1.0");
  const stacks = new Set(sarif.runs[0].results.map((r: { properties: { stack: string } }) => r.properties.stack));
  expect([...stacks].sort()).toEqual(expect.arrayContaining(["livestream-dev", "livestream-prod"]));
  const open = sarif.runs[0].results.filter((r: { level: string; suppressions?: unknown }) => r.level === "error" && !r.suppressions);
  expect(open).toEqual([]);
  expect(code).toBe(0);
});

test("an unsuppressed error exits 1 and says so; the same finding suppressed exits 0; a stale suppression exits 1", () => {
  const failing = policy(["--format", "json"], keyReport(false));
  expect(failing).toEqual({ code: 1, stderr: "policy: 1 unsuppressed error(s)\n" });
  expect(policy(["--format", "json"], keyReport(false, true)).code).toBe(0);
  expect(policy(["--format", "json"], keyReport(true)).code).toBe(0);
  const stale = policy(["--format", "json"], keyReport(true, true));
  expect(stale).toEqual({ code: 1, stderr: expect.stringContaining("1 stale suppression(s)") });
});
