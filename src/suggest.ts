// "Did you mean ...?" for unknown commands, flags and manifest keys.

// The candidate nearest to `word`, if it is near enough to be a plausible typo. With
// `ignoreCase` (manifest keys), `Source` is as near to `source` as `source` itself.
export function closest(
  word: string,
  candidates: readonly string[],
  options: { ignoreCase?: boolean } = {},
): string | undefined {
  const fold = options.ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(fold(word), fold(c));
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

// Levenshtein distance between two words.
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
