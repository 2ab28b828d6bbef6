/**
 * "Did you mean ...?" for a misspelt name (a configuration key or value, a flag value, an AWS
 * profile): the closest candidate by edit distance (optimal string alignment: insertions, deletions,
 * substitutions and swaps of two neighbouring letters each cost 1, so `netwrok` is one edit from
 * `network`), compared without case. Shared by config/ and the ops CLI.
 */

/** Edit distance between a and b (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The candidate whose normalized form is closest to the normalized input, within `limit` edits; ties go to the earlier one. */
function closestWithin(input: string, candidates: readonly string[], normalize: (s: string) => string, limit: number): string | undefined {
  const needle = normalize(input);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(needle, normalize(candidate));
    if (distance <= limit && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

const lowerCase = (s: string) => s.toLowerCase();

/**
 * The candidate closest to `input`, when it is close enough to be a typo: at most one edit per
 * three characters of the input (at least one), or `maxDistance`. Ties go to the earlier candidate.
 */
export function closestMatch(input: string, candidates: readonly string[], maxDistance?: number): string | undefined {
  return closestWithin(input, candidates, lowerCase, maxDistance ?? Math.max(1, Math.floor(input.length / 3)));
}

/** Case, '-', '_' and spaces do not count: `Asia/Singapur` and `asia_singapore` are names typed by hand. */
const folded = (s: string) => s.toLowerCase().replace(/[-_ ]/g, "");

/**
 * " (did you mean 'x'?)" for a name typed on the command line, or "" when nothing is close: case,
 * '-', '_' and spaces ignored, within two edits or one per three characters.
 */
export function didYouMean(name: string, known: readonly string[]): string {
  const match = closestWithin(name, known, folded, Math.max(2, Math.floor(folded(name).length / 3)));
  return match ? ` (did you mean '${match}'?)` : "";
}
