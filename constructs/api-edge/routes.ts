/** One path-based route on the HTTPS listener: a target group and the listener rule that feeds it. */
export interface ApiRoute {
  /** Short name of the backend (e.g. "mentee"); names the target group. */
  readonly name: string;
  /** Listener rule priority; lower numbers are evaluated first. Must be unique, 1-50000. */
  readonly priority: number;
  /** ALB path patterns (`*` and `?` wildcards), 1-5 of them, each starting with "/". */
  readonly pathPatterns: readonly string[];
  /** Container port the targets listen on. */
  readonly port: number;
  /** Path of the HTTP health check the ALB sends to each target. */
  readonly healthCheckPath: string;
}

/**
 * The design's routing. The reaction path is more specific than `/mentor/*` and ALB evaluates rules
 * by priority only, so it must come first or the mentor service would swallow reactions.
 */
export const LIVESTREAM_PATHS = {
  social: { priority: 10, pathPatterns: ["/mentor/*/live/*/reaction*"] },
  mentee: { priority: 20, pathPatterns: ["/livestream", "/livestream/*"] },
  mentor: { priority: 30, pathPatterns: ["/mentor/*"] },
} as const satisfies Record<string, Pick<ApiRoute, "priority" | "pathPatterns">>;

/** Throws with a message naming the offending `routes` entry when the routes cannot be deployed. */
export function validateRoutes(routes: readonly ApiRoute[]): void {
  if (routes.length === 0) throw new Error("ApiEdge: props.routes must contain at least one route");
  const names = new Set<string>();
  const priorities = new Map<number, string>();
  for (const [i, r] of routes.entries()) {
    const where = `ApiEdge: props.routes[${i}] (${r.name})`;
    if (!/^[a-z][a-z0-9-]{0,11}$/.test(r.name)) throw new Error(`${where}.name must be 1-12 lower-case letters, digits or dashes`);
    if (names.has(r.name)) throw new Error(`${where}.name is used by another route`);
    names.add(r.name);
    if (!Number.isInteger(r.priority) || r.priority < 1 || r.priority > 50000) {
      throw new Error(`${where}.priority must be an integer from 1 to 50000, got ${r.priority}`);
    }
    const clash = priorities.get(r.priority);
    if (clash) throw new Error(`${where}.priority ${r.priority} is already used by route ${clash}`);
    priorities.set(r.priority, r.name);
    if (r.pathPatterns.length < 1 || r.pathPatterns.length > 5) {
      throw new Error(`${where}.pathPatterns must hold 1-5 patterns (an ALB rule limit), got ${r.pathPatterns.length}`);
    }
    const bad = r.pathPatterns.find((p) => !p.startsWith("/") || p.length > 128);
    if (bad !== undefined) throw new Error(`${where}.pathPatterns entry '${bad}' must start with "/" and be at most 128 characters`);
    if (!Number.isInteger(r.port) || r.port < 1 || r.port > 65535) throw new Error(`${where}.port must be 1-65535, got ${r.port}`);
    if (!r.healthCheckPath.startsWith("/")) throw new Error(`${where}.healthCheckPath must start with "/", got '${r.healthCheckPath}'`);
  }
}
