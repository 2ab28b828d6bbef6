import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "./cli";

test("rejects an unknown format with the usage exit code", () => {
  const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    expect(main(["--format", "xml"])).toBe(2);
  } finally {
    write.mockRestore();
  }
});

test("writes a SARIF 2.1.0 report of every stack and exits 0 when no error is left", () => {
  const file = join(mkdtempSync(join(tmpdir(), "policy-cli-")), "policy.sarif");
  const code = main(["--format", "sarif", "--output", file]);
  const sarif = JSON.parse(readFileSync(file, "utf8"));
  expect(sarif.version).toBe("2.1.0");
  const stacks = new Set(sarif.runs[0].results.map((r: { properties: { stack: string } }) => r.properties.stack));
  expect([...stacks].sort()).toEqual(expect.arrayContaining(["livestream-dev", "livestream-prod"]));
  const open = sarif.runs[0].results.filter((r: { level: string; suppressions?: unknown }) => r.level === "error" && !r.suppressions);
  expect(code).toBe(open.length ? 1 : 0);
});
