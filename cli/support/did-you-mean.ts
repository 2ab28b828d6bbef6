/** "did you mean ...?" for a misspelt name: the closest known name within a small edit distance. */

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const fold = (s: string) => s.toLowerCase().replace(/[-_ ]/g, "");

/** The known name closest to `name` (case, '-', '_' and spaces ignored), or undefined when none is close. */
export function closest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(fold(name), fold(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(fold(name).length / 3)) ? best : undefined;
}

/** " (did you mean 'x'?)" or "". */
export function didYouMean(name: string, known: readonly string[]): string {
  const match = closest(name, known);
  return match ? ` (did you mean '${match}'?)` : "";
}
