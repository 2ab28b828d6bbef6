/**
 * The bound on one pass. Two clocks on purpose: waiting (polls, sleeps) is measured on the pass's
 * Clock, which tests and the benchmark simulate; a call that hangs is cut off in real time, by the
 * abort signal every AWS call and store call of the pass carries.
 */
import { setMaxListeners } from "node:events";
import type { Clock } from "../channels/lifecycle";

export class DeadlineExceeded extends Error {
  constructor(what: string, budgetMs: number) {
    super(`${what}: the pass's ${Math.round(budgetMs / 100) / 10} s deadline passed first`);
    this.name = "DeadlineExceeded";
  }
}

export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt: number;

  constructor(
    private readonly clock: Clock,
    readonly budgetMs: number,
  ) {
    this.startedAt = clock.now();
    // Every concurrent call of the pass listens on the one signal.
    setMaxListeners(0, this.controller.signal);
    this.timer = setTimeout(() => this.controller.abort(new DeadlineExceeded("aborted", budgetMs)), budgetMs);
    this.timer.unref();
  }

  /** Aborts, in real time, when the budget is spent: give it to every call that may hang. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Time left on the pass's clock (0 once the real-time bound has fired), ms. */
  remaining(): number {
    if (this.controller.signal.aborted) return 0;
    return Math.max(0, this.startedAt + this.budgetMs - this.clock.now());
  }

  /** Clock time spent so far, ms. */
  elapsed(): number {
    return this.clock.now() - this.startedAt;
  }

  /** Rejects with DeadlineExceeded as soon as the deadline fires, whatever `work` does. */
  async race<T>(what: string, work: Promise<T>): Promise<T> {
    if (this.controller.signal.aborted) {
      work.catch(() => undefined);
      throw new DeadlineExceeded(what, this.budgetMs);
    }
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new DeadlineExceeded(what, this.budgetMs));
      this.controller.signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      return await Promise.race([work, aborted]);
    } finally {
      this.controller.signal.removeEventListener("abort", onAbort);
      work.catch(() => undefined);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
