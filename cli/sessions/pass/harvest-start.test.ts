import { harvestStart } from "./harvest";

const startsAt = Date.parse("2026-05-01T18:00:00Z");

test("the first attempt harvests the whole session (its channel ran from starts_at - lead)", () => {
  expect(harvestStart({ startsAt, liveAt: startsAt + 45_000 }, 1)).toBe(startsAt);
});

test("a retry of a session first seen on air late starts where it was seen, not before the encoder did", () => {
  expect(harvestStart({ startsAt, liveAt: startsAt + 7 * 60_000 }, 2)).toBe(startsAt + 7 * 60_000);
  expect(harvestStart({ startsAt }, 2)).toBe(startsAt);
  expect(harvestStart({ startsAt, liveAt: startsAt - 60_000 }, 3)).toBe(startsAt);
});
