/** Loads a schedule from a file path or a postgres:// URL. */
import { readScheduleFile } from "./file-source";
import { readSchedulePostgres, type PostgresWindow } from "./postgres-source";
import { isPostgresUrl } from "../support/postgres-url";
import type { ScheduleParse, ScheduleRules } from "./session";

export { assertValid, checkChannels, sessionsBetween, type Session, type ScheduleParse, type ScheduleRules } from "./session";

export async function loadSchedule(spec: string, window: PostgresWindow = {}, rules: ScheduleRules = {}): Promise<ScheduleParse> {
  return isPostgresUrl(spec) ? readSchedulePostgres(spec, window, rules) : readScheduleFile(spec, rules);
}
