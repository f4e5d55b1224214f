import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { DailyUsageList } from '../../../contract/usage';
import { usageQueries } from '../api';
import { compactCount, seriesOf, sparklineLabel, type SparklineSeries } from '../utils/sparkline-series';

const width = 56;
const height = 20;
/** The line keeps to the lower part; the top row holds the markers of days with denials or rejections. */
const lineTop = 7;
const baseline = height - 1.5;

/**
 * A token's last 14 days as a small line (56 × 20 px and a count, in the box the list reserves for it) (calls per day), drawn in SVG the page owns. Days with denials
 * are marked with a triangle and days with rejections with a cross above the line — shapes, not only
 * colours — and the whole is said in words ("42 requests in the last 14 days, 3 denied"). A token that
 * was not used is a flat line.
 */
export function Sparkline({ series }: { series: SparklineSeries }) {
  const label = sparklineLabel(series);
  const count = series.calls.length;
  const top = Math.max(1, ...series.calls);
  const x = (index: number) => (count <= 1 ? width / 2 : 1 + (index * (width - 2)) / (count - 1));
  const y = (value: number) => baseline - (value / top) * (baseline - lineTop);
  const points = series.calls.map((value, index) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`);
  const used = series.calls.some((value) => value > 0);
  return (
    <>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="shrink-0 overflow-visible">
        <title>{label}</title>
        {used ? (
          <>
            <polygon points={`1,${baseline} ${points.join(' ')} ${width - 1},${baseline}`} className="fill-indigo-500/15 dark:fill-indigo-400/20" />
            <polyline
              points={points.join(' ')}
              fill="none"
              strokeWidth={1.5}
              strokeLinejoin="round"
              strokeLinecap="round"
              className="stroke-indigo-600 dark:stroke-indigo-400"
            />
          </>
        ) : (
          <line x1={1} x2={width - 1} y1={baseline} y2={baseline} strokeWidth={1.5} strokeLinecap="round" className="stroke-zinc-300 dark:stroke-zinc-600" />
        )}
        {series.denied.map((value, index) =>
          value > 0 ? (
            <polygon key={`d${index}`} points={`${x(index) - 2.5},0.5 ${x(index) + 2.5},0.5 ${x(index)},4.5`} className="fill-amber-500 dark:fill-amber-400" />
          ) : null,
        )}
        {series.rejected.map((value, index) =>
          value > 0 ? (
            <path
              key={`r${index}`}
              d={`M${x(index) - 2},0.5 L${x(index) + 2},4.5 M${x(index) + 2},0.5 L${x(index) - 2},4.5`}
              strokeWidth={1.5}
              strokeLinecap="round"
              className="stroke-rose-600 dark:stroke-rose-400"
            />
          ) : null,
        )}
      </svg>
      <span aria-hidden="true" className="min-w-0 truncate text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {compactCount(series.calls)}
      </span>
    </>
  );
}

type TokenSparklineProps = {
  tokenId: string;
  tokenName: string;
  /** The rows fetched with this one: every row of a page reads the same request. */
  pageIds: readonly string[];
};

/** A row's sparkline: its series out of its page's one request, in the same box while it loads. */
export function TokenSparkline({ tokenId, tokenName, pageIds }: TokenSparklineProps) {
  const pick = useCallback((list: DailyUsageList) => seriesOf(list, tokenId), [tokenId]);
  const series = useQuery({ ...usageQueries.daily(pageIds), select: pick });
  if (series.isPending) return <span aria-hidden="true" className="h-3 w-14 animate-pulse rounded bg-zinc-100 dark:bg-zinc-800" />;
  if (series.isError) {
    return (
      <>
        <span aria-hidden="true" className="text-xs text-zinc-500 dark:text-zinc-400">–</span>
        <span className="sr-only">Usage of {tokenName} couldn’t be loaded</span>
      </>
    );
  }
  return series.data ? <Sparkline series={series.data} /> : null;
}
