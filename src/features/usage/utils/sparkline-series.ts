import { sparklineDays, type DailyUsageList } from '../../../contract/usage';

/** One token's last `sparklineDays` days: calls per day, and of those the denials and rejections. */
export type SparklineSeries = { calls: readonly number[]; denied: readonly number[]; rejected: readonly number[] };

const numberFormat = new Intl.NumberFormat('en');
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A token's series in a page's answer; undefined when the answer leaves the token out (not the caller's to see). */
export function seriesOf(list: DailyUsageList, id: string): SparklineSeries | undefined {
  const calls = list.data[id];
  if (!calls) return undefined;
  const none = calls.map(() => 0);
  return { calls, denied: list.denied[id] ?? none, rejected: list.rejected[id] ?? none };
}

/** What the sparkline says in words: "42 requests in the last 14 days, 3 denied". */
export function sparklineLabel(series: SparklineSeries): string {
  const calls = sum(series.calls);
  const period = `in the last ${sparklineDays} days`;
  if (calls === 0) return `No requests ${period}`;
  const parts = [`${numberFormat.format(calls)} ${calls === 1 ? 'request' : 'requests'} ${period}`];
  const denied = sum(series.denied);
  const rejected = sum(series.rejected);
  if (denied > 0) parts.push(`${numberFormat.format(denied)} denied`);
  if (rejected > 0) parts.push(`${numberFormat.format(rejected)} rejected`);
  return parts.join(', ');
}

/** The visible count beside the line: short enough for its fixed box (1,234 · 12.3K · 1.2M). */
export const compactCount = (calls: readonly number[]) =>
  new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 }).format(sum(calls));
