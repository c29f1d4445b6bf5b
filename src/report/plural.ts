// "1 link", "2 links": the one word-count helper every view uses (no imports: cheap to load).
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
