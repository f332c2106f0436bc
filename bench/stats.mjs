/** Small statistics and formatting helpers for the benchmark. */

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

export const median = (values) => percentile(values, 0.5);

/** `12.3 ms [11.9–13.0]`: the median of several runs and their range. */
export function spread(values, format = ms) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return 'n/a';
  if (finite.length === 1) return format(finite[0]);
  return `${format(median(finite))} [${format(Math.min(...finite))}–${format(Math.max(...finite))}]`;
}

export function ms(value) {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

export function mb(bytes) {
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

/** A Markdown table from a header row and rows of cells. */
export function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
