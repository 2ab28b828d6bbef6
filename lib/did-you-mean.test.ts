import { closestMatch, didYouMean, editDistance } from "./did-you-mean";

test("edit distance counts a swap of neighbours as one edit", () => {
  expect(editDistance("network", "network")).toBe(0);
  expect(editDistance("netwrok", "network")).toBe(1);
  expect(editDistance("chanelCount", "channelCount")).toBe(1);
  expect(editDistance("kitten", "sitting")).toBe(3);
  expect(editDistance("", "abc")).toBe(3);
});

test("suggests the closest key when it is close, nothing otherwise", () => {
  const keys = ["name", "accountId", "region", "network", "media", "services"];
  expect(closestMatch("netwrok", keys)).toBe("network");
  expect(closestMatch("AccountID", keys)).toBe("accountId");
  expect(closestMatch("regoin", keys)).toBe("region");
  expect(closestMatch("vpc", keys)).toBeUndefined();
  expect(closestMatch("ap-southeast-9", ["ap-southeast-1", "ap-southeast-2", "us-east-1"])).toBe("ap-southeast-1");
});

test("on the command line, case and separators do not count and two edits are always allowed", () => {
  expect(didYouMean("Asia/Singapur", ["Asia/Seoul", "Asia/Singapore", "Europe/Berlin"])).toBe(" (did you mean 'Asia/Singapore'?)");
  expect(didYouMean("ops_sg", ["ops-sg", "default"])).toBe(" (did you mean 'ops-sg'?)");
  expect(didYouMean("dvv", ["dev", "prod"])).toBe(" (did you mean 'dev'?)");
  expect(didYouMean("staging", ["dev", "prod"])).toBe("");
});
