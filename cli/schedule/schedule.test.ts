/** Schedule sources: file formats, validation messages, and the live_sessions table on a real PostgreSQL. */
import { Client } from "pg";
import { migrate } from "../../db/migrate";
import { startPostgres, type PostgresServer } from "../../test/support/postgres";
import { parseScheduleText } from "./file-source";
import { readSchedulePostgres } from "./postgres-source";
import { checkChannels } from "./session";

test("CSV with quotes, optional columns and no header", async () => {
  const p = await parseScheduleText("s1,2026-05-01T10:00:00+08:00,2026-05-01T11:00:00+0800\ns2,2026-05-01T12:00Z,2026-05-01T13:00Z,1234567,\"Title, with comma\"\n", "csv", "x.csv");
  expect(p.issues).toEqual([]);
  expect(p.sessions.map((s) => [s.id, new Date(s.startsAt).toISOString(), s.channelId, s.title])).toEqual([
    ["s1", "2026-05-01T02:00:00.000Z", undefined, undefined],
    ["s2", "2026-05-01T12:00:00.000Z", "1234567", "Title, with comma"],
  ]);
});

test("JSON and YAML report every bad row by id or item, and unknown channels", async () => {
  const json = await parseScheduleText(
    JSON.stringify([{ id: "a", startsAt: "2026-05-01T10:00:00Z", endsAt: "2026-05-01T09:00:00Z" }, { startsAt: "2026-05-01", endsAt: "soon" }, { id: "c", startsAt: "2026-05-01T10:00:00Z", endsAt: "2026-05-01T11:00:00Z", channelId: "42" }]),
    "json",
    "s.json",
  );
  expect(json.issues).toHaveLength(2);
  expect(json.issues[0]).toMatch(/^s.json item 1 \(id a\): ends/);
  expect(json.issues[1]).toMatch(/^s.json item 2: id is missing; startsAt '2026-05-01' has no UTC offset.*endsAt 'soon' is not an ISO 8601/);
  expect(checkChannels(json, ["1"], "dev").issues[2]).toMatch(/id c\): unknown channel '42'/);
  const yaml = await parseScheduleText("sessions:\n  - id: y\n    startsAt: 2026-05-01T10:00:00+07:00\n    endsAt: 2026-05-01T11:00:00+07:00\n", "yaml", "s.yaml");
  expect(yaml.sessions.map((s) => new Date(s.startsAt).toISOString())).toEqual(["2026-05-01T03:00:00.000Z"]);
  await expect(parseScheduleText("{", "json", "broken.json")).rejects.toThrow(/broken.json is not valid JSON/);
});

describe("strict dates (luxon)", () => {
  const bad = async (startsAt: string, endsAt = "2026-05-01T19:00:00+08:00") =>
    (await parseScheduleText(JSON.stringify([{ id: "a", startsAt, endsAt }]), "json", "s.json")).issues[0] ?? "";

  test("dates that do not exist in the calendar are refused, not moved", async () => {
    expect(await bad("2026-02-30T18:00:00+08:00", "2026-02-30T19:00:00+08:00")).toMatch(/2026-02-30 is not a calendar date \(February 2026 has 28 days\)/);
    expect(await bad("2028-02-29T18:00:00+08:00", "2028-02-29T19:00:00+08:00")).toBe(""); // a leap year has it
    expect(await bad("2026-13-01T18:00:00+08:00")).toMatch(/there is no month 13/);
    expect(await bad("2026-05-01T24:00:00+08:00")).toMatch(/hour 24 does not exist/);
    expect(await bad("2026-05-01T18:00:60+08:00")).toMatch(/not a valid date-time/);
    expect(await bad("2026-05-01T18:00:00+25:00")).toMatch(/UTC offset \+25:00 does not exist/);
    expect(await bad("2026-05-01T18:00:00")).toMatch(/has no UTC offset/);
    expect(await bad("1 May 2026 18:00 SGT")).toMatch(/not an ISO 8601 date-time with offset/);
  });

  test("offsets are kept for display; +0800, +08 and a space separator are ISO 8601 too", async () => {
    const p = await parseScheduleText(
      JSON.stringify([
        { id: "a", startsAt: "2026-05-01 18:00+0800", endsAt: "2026-05-01T19:00+08" },
        { id: "b", startsAt: "2026-05-01T12:00:00Z", endsAt: "2026-05-01T13:00:00Z" },
      ]),
      "json",
      "s.json",
    );
    expect(p.issues).toEqual([]);
    expect(p.sessions.map((s) => [s.id, new Date(s.startsAt).toISOString(), s.offsetMinutes])).toEqual([
      ["a", "2026-05-01T10:00:00.000Z", 480],
      ["b", "2026-05-01T12:00:00.000Z", 0],
    ]);
  });

  test("a session longer than the maximum (default 8h) is refused; the maximum is configurable", async () => {
    const yearLong = JSON.stringify([{ id: "y", startsAt: "2026-05-01T18:00:00+08:00", endsAt: "2027-05-01T18:00:00+08:00" }]);
    expect((await parseScheduleText(yearLong, "json", "s.json")).issues[0]).toMatch(/lasts 365d, longer than the longest session accepted \(8h\)/);
    const nine = JSON.stringify([{ id: "n", startsAt: "2026-05-01T09:00:00+08:00", endsAt: "2026-05-01T18:00:00+08:00" }]);
    expect((await parseScheduleText(nine, "json", "s.json")).issues).toHaveLength(1);
    expect((await parseScheduleText(nine, "json", "s.json", { maxSessionMs: 10 * 3_600_000 })).issues).toEqual([]);
  });

  test("sessions in the small hours of their own offset get a warning, not an error", async () => {
    const p = await parseScheduleText(
      JSON.stringify([
        { id: "night", startsAt: "2026-05-01T03:00:00+08:00", endsAt: "2026-05-01T04:00:00+08:00" },
        { id: "late", startsAt: "2026-05-01T23:30:00+08:00", endsAt: "2026-05-02T00:30:00+08:00" },
        { id: "prime", startsAt: "2026-05-01T18:00:00+08:00", endsAt: "2026-05-01T20:00:00+08:00" },
        // 18:00 in Singapore written in UTC: 10:00Z is a sensible hour in UTC too.
        { id: "utc", startsAt: "2026-05-01T10:00:00Z", endsAt: "2026-05-01T11:00:00Z" },
      ]),
      "json",
      "s.json",
    );
    expect(p.issues).toEqual([]);
    expect(p.warnings).toEqual([
      expect.stringMatching(/^s.json item 1 \(id night\): runs 2026-05-01 03:00-04:00 \(UTC\+08:00\), partly between 00:00 and 06:00 local time/),
      expect.stringMatching(/^s.json item 2 \(id late\): runs 2026-05-01 23:30-00:30/),
    ]);
  });
});

describe("CSV (csv-parse)", () => {
  test("quoted newlines, quotes, BOM, comments; line numbers are where each record starts", async () => {
    const text = '\uFEFF# exported 2026-04-30\nid,startsAt,endsAt,title\n\na,2026-05-01T18:00+08:00,2026-05-01T19:00+08:00,"Intro,\nwith ""quotes"""\nb,2026-05-01T18:00+08:00,2026-05-01T17:00+08:00,\n';
    const p = await parseScheduleText(text, "csv", "x.csv");
    expect(p.sessions.map((s) => [s.id, s.title])).toEqual([["a", 'Intro,\nwith "quotes"']]);
    expect(p.issues).toEqual([expect.stringMatching(/^x.csv line 6 \(id b\): ends/)]);
  });

  test("the header is found by column names, in any order, snake_case too; ';' and tab delimit", async () => {
    const semicolon = await parseScheduleText("title;ends_at;starts_at;id\nHello, world;2026-05-01T19:00Z;2026-05-01T18:00Z;s1\n", "csv", "x.csv");
    expect(semicolon.issues).toEqual([]);
    expect(semicolon.sessions.map((s) => [s.id, s.title, new Date(s.endsAt).toISOString()])).toEqual([["s1", "Hello, world", "2026-05-01T19:00:00.000Z"]]);
    const tab = await parseScheduleText("ids\tstartsAt\tendsAt\n", "csv", "x.tsv").catch((e: Error) => e.message);
    expect(tab).toMatch(/unknown column 'ids' \(did you mean 'id'\?\)/);
    const tabbed = await parseScheduleText("ID\tStartsAt\tEndsAt\nt1\t2026-05-01T18:00Z\t2026-05-01T19:00Z\n", "csv", "x.tsv");
    expect(tabbed.sessions.map((s) => s.id)).toEqual(["t1"]);
    const positional = await parseScheduleText("p1,2026-05-01T18:00Z,2026-05-01T19:00Z,1234567,Title\n", "csv", "x.csv");
    expect(positional.sessions.map((s) => [s.id, s.channelId, s.title])).toEqual([["p1", "1234567", "Title"]]);
  });

  test("unknown columns stop the file with a suggestion; extra cells are reported per row", async () => {
    await expect(parseScheduleText("id,startAt,endsAt,room\na,2026-05-01T18:00Z,2026-05-01T19:00Z,x\n", "csv", "x.csv")).rejects.toThrow(
      /x.csv line 1: bad header: unknown column 'startAt' \(did you mean 'startsAt'\?\); unknown column 'room'; required column 'startsAt' is missing/,
    );
    const extra = await parseScheduleText("a,2026-05-01T18:00Z,2026-05-01T19:00Z,,Title, with comma\n", "csv", "x.csv");
    expect(extra.issues).toEqual([expect.stringMatching(/x.csv line 1 \(id a\): unexpected cell 6 'with comma'.*quote a value holding a delimiter/)]);
    await expect(parseScheduleText('a,"2026-05-01T18:00Z\n', "csv", "x.csv")).rejects.toThrow(/x.csv is not valid CSV: Quote Not Closed/);
  });

  test("an empty or header-only CSV is refused like an empty JSON or YAML file", async () => {
    for (const [text, format, message] of [
      ["", "csv", /x is empty/],
      ["\uFEFF\n\n", "csv", /x is empty/],
      ["# only a comment\n", "csv", /x is empty/],
      ["id,startsAt,endsAt\n", "csv", /x has a header but no sessions/],
      ["", "json", /x is empty/],
      ["", "yaml", /x is empty/],
      ["# nothing\n", "yaml", /x is empty/],
    ] as const) {
      await expect(parseScheduleText(text, format, "x")).rejects.toMatchObject({ name: "UsageError", message: expect.stringMatching(message) });
    }
    // An intended empty schedule is explicit.
    expect((await parseScheduleText("[]", "json", "x")).sessions).toEqual([]);
  });
});

test("JSON and YAML fields are strict: unknown fields and top-level keys are errors with a suggestion", async () => {
  const p = await parseScheduleText(JSON.stringify([{ id: "a", startAt: "2026-05-01T18:00Z", endsAt: "2026-05-01T19:00Z", channel: "1" }, "nonsense"]), "json", "s.json");
  expect(p.issues).toEqual([
    expect.stringMatching(/^s.json item 1 \(id a\): unknown field 'startAt' \(did you mean 'startsAt'\?\); unknown field 'channel' \(did you mean 'channelId'\?\); startsAt is missing/),
    expect.stringMatching(/^s.json item 2: is not an object/),
  ]);
  await expect(parseScheduleText("session:\n  - id: a\n", "yaml", "s.yaml")).rejects.toThrow(/unknown top-level field\(s\) 'session' \(did you mean 'sessions'\?\)/);
});

describe("PostgreSQL schedule source (real server)", () => {
  let pg: PostgresServer;
  let url: string;
  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase("schedule_test");
    const client = new Client({ connectionString: url });
    await client.connect();
    await migrate(client);
    await client.query(
      `INSERT INTO live_sessions (id, mentor_id, channel_id, title, starts_at, ends_at, status) VALUES
        ('s1', 'm1', NULL, 'Intro', '2026-05-01T10:00:00+08:00', '2026-05-01T11:00:00+08:00', 'scheduled'),
        ('s2', 'm2', '1234567', '', '2026-05-01T11:00:00+08:00', '2026-05-01T12:00:00+08:00', 'scheduled'),
        ('gone', 'm3', NULL, '', '2026-05-01T10:00:00+08:00', '2026-05-01T11:00:00+08:00', 'cancelled'),
        ('old', 'm4', NULL, '', '2026-04-01T10:00:00+08:00', '2026-04-01T11:00:00+08:00', 'recorded')`.replace("'recorded')", "'ended')"),
    );
    await client.end();
  });
  afterAll(async () => {
    await pg?.stop();
  });

  test("reads live_sessions in the window, leaves cancelled sessions out, keeps channel ids", async () => {
    const p = await readSchedulePostgres(url, { from: Date.parse("2026-05-01T00:00:00Z") });
    expect(p.issues).toEqual([]);
    expect(p.sessions.map((s) => [s.id, new Date(s.startsAt).toISOString(), s.channelId ?? null, s.origin])).toEqual([
      ["s1", "2026-05-01T02:00:00.000Z", null, "live_sessions id s1"],
      ["s2", "2026-05-01T03:00:00.000Z", "1234567", "live_sessions id s2"],
    ]);
    expect((await readSchedulePostgres(url)).sessions.map((s) => s.id)).toEqual(["old", "s1", "s2"]);
  });

  test("a database without the table is a usage error; an unreachable one a remote error", async () => {
    await expect(readSchedulePostgres(pg.connectionString)).rejects.toMatchObject({ name: "UsageError", message: expect.stringMatching(/no live_sessions table/) });
    await expect(readSchedulePostgres(`postgresql://app:secret@127.0.0.1:1/x`)).rejects.toMatchObject({ name: "RemoteError", message: expect.stringMatching(/app:\*\*\*@/) });
  });
});
