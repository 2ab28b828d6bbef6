/**
 * Request load: users in and out of prime time and the requests per second each class sends to
 * the backend and to the CDN.
 *
 * Two modes:
 * - `implied` (the default) computes what the assumptions say: a class's requests spread over its
 *   own window, e.g. prime backend RPS = DAU x primeShare x backendRequests / (primeHours x 3600).
 *   Values are exact; callers round up where they provision.
 * - `seed` reproduces `rps-estimation.csv` exactly, including its two slips: prime-time backend RPS
 *   ignores the requests per user (ceil(DAU x share / 3600)) and prime-time CDN RPS spreads the
 *   prime users over the non-prime hours. Every value is rounded up, as the sheet does.
 */

export interface LoadAssumptions {
  /** Share of DAU active in the prime-time window (0..1). */
  readonly primeShare: number;
  /** Length of the prime-time window in hours (the seed: 18:00-20:00 = 2). */
  readonly primeHours: number;
  /** Requests one user sends to the backend (ALB + services) per day. */
  readonly backendRequestsPerUser: number;
  /** Requests one user sends to CloudFront per day (pages, manifests it counts as one). */
  readonly cdnRequestsPerUser: number;
}

export interface ClassLoad {
  /** Users active in the class's window. */
  readonly users: number;
  /** Backend requests per second over the window. */
  readonly backendRps: number;
  /** CDN requests per second over the window. */
  readonly cdnRps: number;
}

export interface MonthLoad {
  readonly prime: ClassLoad;
  readonly nonPrime: ClassLoad;
}

const HOUR = 3600;

function check(a: LoadAssumptions): void {
  if (!(a.primeShare >= 0 && a.primeShare <= 1)) throw new RangeError(`primeShare must be within 0..1, got ${a.primeShare}`);
  if (!(a.primeHours > 0 && a.primeHours < 24)) throw new RangeError(`primeHours must be within (0, 24), got ${a.primeHours}`);
}

/** Hours of the day outside the prime-time window. */
export const nonPrimeHours = (a: LoadAssumptions): number => 24 - a.primeHours;

/** What the assumptions imply for one month's DAU (exact values). */
export function impliedLoad(dau: number, a: LoadAssumptions): MonthLoad {
  check(a);
  const primeUsers = dau * a.primeShare;
  const otherUsers = dau * (1 - a.primeShare);
  const primeSeconds = a.primeHours * HOUR;
  const otherSeconds = nonPrimeHours(a) * HOUR;
  return {
    prime: {
      users: primeUsers,
      backendRps: (primeUsers * a.backendRequestsPerUser) / primeSeconds,
      cdnRps: (primeUsers * a.cdnRequestsPerUser) / primeSeconds,
    },
    nonPrime: {
      users: otherUsers,
      backendRps: (otherUsers * a.backendRequestsPerUser) / otherSeconds,
      cdnRps: (otherUsers * a.cdnRequestsPerUser) / otherSeconds,
    },
  };
}

/** The RPS sheet's own formulas (rps-estimation.csv), whole requests per second. */
export function seedLoad(dau: number, a: LoadAssumptions): MonthLoad {
  check(a);
  const primeUsers = dau * a.primeShare;
  const otherUsers = dau * (1 - a.primeShare);
  const otherSeconds = nonPrimeHours(a) * HOUR;
  return {
    prime: {
      users: primeUsers,
      backendRps: Math.ceil(primeUsers / HOUR),
      cdnRps: Math.ceil((primeUsers * a.cdnRequestsPerUser) / otherSeconds),
    },
    nonPrime: {
      users: otherUsers,
      backendRps: Math.ceil((otherUsers * a.backendRequestsPerUser) / otherSeconds),
      cdnRps: Math.ceil((otherUsers * a.cdnRequestsPerUser) / otherSeconds),
    },
  };
}


/** One row of the RPS table, in the column order of rps-estimation.csv. */
export interface RpsRow {
  readonly month: number;
  readonly npauRpsBackend: number;
  readonly npauRpsCloudfront: number;
  readonly pauRpsBackend: number;
  readonly pauRpsCloudfront: number;
}

export function rpsRow(month: number, load: MonthLoad): RpsRow {
  return {
    month,
    npauRpsBackend: load.nonPrime.backendRps,
    npauRpsCloudfront: load.nonPrime.cdnRps,
    pauRpsBackend: load.prime.backendRps,
    pauRpsCloudfront: load.prime.cdnRps,
  };
}

export interface LoadDifference {
  readonly month: number;
  readonly column: keyof Omit<RpsRow, "month">;
  readonly seed: number;
  /** What the assumptions imply, rounded up to whole RPS as the sheet rounds. */
  readonly implied: number;
  /** implied / seed. */
  readonly ratio: number;
}

/**
 * Where the sheet's RPS differs from what its assumptions imply (both rounded up), per month and
 * column. Empty when the two agree.
 */
export function loadDifferences(dauByMonth: readonly number[], a: LoadAssumptions): LoadDifference[] {
  const out: LoadDifference[] = [];
  const columns = ["npauRpsBackend", "npauRpsCloudfront", "pauRpsBackend", "pauRpsCloudfront"] as const;
  dauByMonth.forEach((dau, i) => {
    const seed = rpsRow(i + 1, seedLoad(dau, a));
    const exact = rpsRow(i + 1, impliedLoad(dau, a));
    for (const column of columns) {
      const implied = Math.ceil(exact[column]);
      if (implied !== seed[column]) out.push({ month: i + 1, column, seed: seed[column], implied, ratio: implied / seed[column] });
    }
  });
  return out;
}
