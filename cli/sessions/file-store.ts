/**
 * A schedule file as a session store. A file has no database, so a pass from a file remembers
 * nothing of earlier passes. What it guarantees instead:
 *
 * - a session with a channelId in the file runs on that channel (unless it is not in the pool:
 *   then it is reported on that session, or unhealthy: then another channel, said so);
 * - the other sessions are assigned by one deterministic rule over the WHOLE file (not a window
 *   that slides), so each keeps its channel from pass to pass while the file and the pool's
 *   healthy channels stay the same. Editing the file, or a channel failing, can move any session
 *   without a channelId, including one on air: pin channels in the file, or use postgres://.
 * - no per-session stream keys: nobody could read them back, so the inputs keep their keys (read
 *   them with `aws medialive describe-input`). Transitions are timed from the pass that first saw
 *   them, a failed start counts only within the pass that saw it, and there is no lock between two
 *   file passes (run one at a time, with the loop paused).
 */
import type { Session } from "../schedule/session";
import { MemoryDatabase, MemoryStore } from "./memory-store";
import { planSessions } from "./planner";
import type { LoadWindow, StoredSession } from "./store";

export class FileSessionStore extends MemoryStore {
  override readonly remembers = false;
  override readonly publishesIngest = false;
  private seeded = false;

  constructor(
    private readonly fileSessions: readonly Session[],
    source: string,
  ) {
    super(new MemoryDatabase(), source);
  }

  override async loadSessions(window: LoadWindow): Promise<StoredSession[]> {
    if (!this.seeded) {
      this.seeded = true;
      const plan = planSessions(this.fileSessions, window.usableChannelIds.map((id) => ({ id })), { leadMs: window.leadMs, graceMs: window.graceMs });
      const channelOf = new Map(plan.assignments.map((a) => [a.session.id, a.channelId]));
      for (const s of this.fileSessions) {
        const placed = channelOf.get(s.id);
        // A channel the file names but the plan could not use stays a request: the pass reports it.
        this.db.putSession({
          id: s.id,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          title: s.title,
          origin: s.origin,
          channelId: placed ?? s.channelId,
          channelAssignedAt: placed ? 0 : undefined,
        });
      }
    }
    return super.loadSessions(window);
  }
}
