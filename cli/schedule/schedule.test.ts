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
