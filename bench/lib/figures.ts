import type { Summary } from './stats';

/** One line of the table: the client's figure, the raw baseline measured in the same run, and the target. */
export interface Figure {
  scenario: string;
  name: string;
  unit: 'msg/s' | 'ms' | 'MB' | '% CPU' | 'ratio';
  client: Summary;
  raw: Summary | null;
  /** client/raw of the medians; for times the issue's ratios are client time over raw time. */
  ratio: number | null;
  target: string;
  met: boolean | null;
  note?: string;
}

export function figure(parts: Omit<Figure, 'ratio'> & { ratio?: number | null }): Figure {
  const ratio = parts.ratio !== undefined ? parts.ratio : parts.raw ? parts.client.median / parts.raw.median : null;
  return { ...parts, ratio };
}

function formatNumber(value: number, unit: Figure['unit']): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'msg/s') return Math.round(value).toLocaleString('en-US');
  if (unit === '% CPU') return value.toFixed(2);
  if (unit === 'ratio') return value.toFixed(2);
  return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

function formatSummary(summary: Summary, unit: Figure['unit']): string {
  if (summary.runs.length === 1) return formatNumber(summary.median, unit);
  return `${formatNumber(summary.median, unit)} (${formatNumber(summary.min, unit)}–${formatNumber(summary.max, unit)})`;
}

/** The table as Markdown: median (min–max) of the runs, raw baseline beside it. */
export function markdownTable(figures: Figure[]): string {
  const lines = ['| Scenario | Figure | Porthole | Raw baseline | Ratio | Target | Met |', '|---|---|---|---|---|---|---|'];
  for (const f of figures) {
    const met = f.met === null ? '–' : f.met ? 'yes' : '**no**';
    lines.push(`| ${f.scenario} | ${f.name}${f.note ? ` (${f.note})` : ''} | ${formatSummary(f.client, f.unit)} ${f.unit} | ${f.raw ? `${formatSummary(f.raw, f.unit)} ${f.unit}` : '–'} | ${f.ratio === null ? '–' : f.ratio.toFixed(2)} | ${f.target} | ${met} |`);
  }
  return lines.join('\n');
}
