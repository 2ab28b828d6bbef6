/** Loading and validating a schedule against the pool: shared by plan and reconcile. */
import type { MediaLiveClient } from "@aws-sdk/client-medialive";
import { listPoolChannels, type PoolChannel } from "../channels/pool";
import { redact } from "../schedule/postgres-source";
import { assertValid, checkChannels, loadSchedule, sessionsBetween, type Session } from "../schedule";

export async function loadValidSchedule(
  medialive: MediaLiveClient,
  spec: string,
  pool: string,
  window: { from?: number; to?: number },
): Promise<{ channels: PoolChannel[]; sessions: Session[] }> {
  const [parse, channels] = await Promise.all([loadSchedule(spec, window), listPoolChannels(medialive, pool)]);
  const checked = checkChannels(parse, channels.map((c) => c.id), pool);
  const sessions = assertValid(checked, redact(spec));
  return { channels, sessions: sessionsBetween(sessions, window.from, window.to) };
}
