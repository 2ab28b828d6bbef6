import { codeCachePath } from "./synth-loader";

test("the code cache is keyed by the bundle's content, so a rebuilt bundle never runs a stale cache", () => {
  expect(codeCachePath("console.log(1)")).not.toBe(codeCachePath("console.log(2)"));
  expect(codeCachePath("same")).toBe(codeCachePath("same"));
  expect(codeCachePath("x")).toMatch(/synth\.[0-9a-f]{16}\.v8-cache$/);
});
