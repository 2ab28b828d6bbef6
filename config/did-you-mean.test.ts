import { closestMatch, editDistance } from "./did-you-mean";

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
