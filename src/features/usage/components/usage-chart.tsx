import { useId } from 'react';
import { usageOutcomeLabels, usageOutcomes, type UsageDay, type UsageOutcomeName } from '../../../contract/usage';
import { cx } from '../../../lib/variants';

const dayLabel = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const numberFormat = new Intl.NumberFormat('en');
export const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

const total = (day: UsageDay) => day.success + day.denied + day.rejected;

/** Colour and a fill pattern each, so the three stay apart without colour (and in print). */
const outcomeStyle: Record<UsageOutcomeName, { fill: string; swatch: string }> = {
  success: { fill: 'fill-indigo-500 dark:fill-indigo-400', swatch: 'solid' },
  denied: { fill: 'fill-amber-500 dark:fill-amber-400', swatch: 'stripes' },
  rejected: { fill: 'fill-rose-600 dark:fill-rose-400', swatch: 'dots' },
};

/** A round top for the axis: 1, 2, 5 × 10ⁿ. */
function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * magnitude).find((top) => top >= value) ?? value;
}

const barWidth = 10;
const barGap = 4;
const height = 120;

/** Requests per day, stacked by outcome: an SVG the page owns (no chart library), with a summary for screen readers. */
export function UsageChart({ days, className }: { days: readonly UsageDay[]; className?: string }) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const top = niceMax(Math.max(0, ...days.map(total)));
  const width = days.length * (barWidth + barGap) - barGap;
  const sums = { success: 0, denied: 0, rejected: 0 };
  for (const day of days) for (const outcome of usageOutcomes) sums[outcome] += day[outcome];
  const first = days[0];
  const last = days.at(-1);
  const summary =
    first && last
      ? `Requests per day, ${formatDay(first.day)} to ${formatDay(last.day)}: ${usageOutcomes
          .map((outcome) => `${numberFormat.format(sums[outcome])} ${usageOutcomeLabels[outcome].toLowerCase()}`)
          .join(', ')}.`
      : 'No days to show.';
  const y = (value: number) => (value / top) * height;

  return (
    <figure className={cx('space-y-3', className)}>
      <Legend id={id} />
      <div className="flex gap-2">
        {/* The axis: the top value and zero, so the bars can be read without the table. */}
        <div aria-hidden="true" className="flex flex-col justify-between py-0 text-right text-xs tabular-nums text-zinc-500 dark:text-zinc-400">
          <span>{numberFormat.format(top)}</span>
          <span>0</span>
        </div>
        <svg
          role="img"
          aria-label={summary}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          className="h-32 w-full overflow-visible border-b border-l border-zinc-300 dark:border-zinc-700"
        >
          <Patterns id={id} />
          <line x1={0} x2={width} y1={height / 2} y2={height / 2} className="stroke-zinc-200 dark:stroke-zinc-800" strokeWidth={0.5} />
          {days.map((day, index) => {
            let base = height;
            return (
              <g key={day.day}>
                <title>{`${formatDay(day.day)}: ${usageOutcomes.map((o) => `${day[o]} ${usageOutcomeLabels[o].toLowerCase()}`).join(', ')}`}</title>
                {/* Hover target the height of the chart, so quiet days have a tooltip too. */}
                <rect x={index * (barWidth + barGap)} y={0} width={barWidth} height={height} className="fill-transparent" />
                {usageOutcomes.map((outcome) => {
                  const h = y(day[outcome]);
                  if (h <= 0) return null;
                  base -= h;
                  return (
                    <rect
                      key={outcome}
                      x={index * (barWidth + barGap)}
                      y={base}
                      width={barWidth}
                      height={h}
                      fill={outcome === 'success' ? undefined : `url(#${id}-${outcome})`}
                      className={outcome === 'success' ? outcomeStyle.success.fill : undefined}
                    />
                  );
                })}
              </g>
            );
          })}
        </svg>
      </div>
      {first && last ? (
        <figcaption aria-hidden="true" className="flex justify-between pl-6 text-xs text-zinc-500 dark:text-zinc-400">
          <span>{formatDay(first.day)}</span>
          <span>{formatDay(last.day)}</span>
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Stripes and dots over the outcome's colour. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-denied`} width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={4} height={4} className={outcomeStyle.denied.fill} />
        <rect width={1.5} height={4} className="fill-white/70 dark:fill-zinc-900/70" />
      </pattern>
      <pattern id={`${id}-rejected`} width={4} height={4} patternUnits="userSpaceOnUse">
        <rect width={4} height={4} className={outcomeStyle.rejected.fill} />
        <circle cx={2} cy={2} r={0.9} className="fill-white/80 dark:fill-zinc-900/80" />
      </pattern>
    </defs>
  );
}

function Legend({ id }: { id: string }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {usageOutcomes.map((outcome) => (
        <li key={outcome} className="flex items-center gap-1.5">
          <svg viewBox="0 0 12 12" className="size-3 rounded-sm">
            <Patterns id={`${id}-legend-${outcome}`} />
            <rect
              width={12}
              height={12}
              fill={outcome === 'success' ? undefined : `url(#${id}-legend-${outcome}-${outcome})`}
              className={outcome === 'success' ? outcomeStyle.success.fill : undefined}
            />
          </svg>
          {usageOutcomeLabels[outcome]}
        </li>
      ))}
    </ul>
  );
}

/** The chart's numbers as a table: the text alternative, and what a person copies from. */
export function UsageTable({ days }: { days: readonly UsageDay[] }) {
  return (
    // Scrolls on its own: focusable, so a keyboard can scroll it too.
    <div tabIndex={0} role="region" aria-label="Requests per day, as a table" className="max-h-72 overflow-auto rounded focus-visible:outline-2 focus-visible:outline-indigo-500">
      <table className="w-full text-sm tabular-nums">
        <caption className="sr-only">Requests per day</caption>
        <thead className="sticky top-0 bg-white text-left text-xs text-zinc-500 dark:bg-zinc-900 dark:text-zinc-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">Day</th>
            {usageOutcomes.map((outcome) => (
              <th key={outcome} scope="col" className="py-1 pr-3 text-right font-medium">
                {usageOutcomeLabels[outcome]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {[...days].reverse().map((day) => (
            <tr key={day.day}>
              <th scope="row" className="py-1 pr-3 text-left font-normal whitespace-nowrap text-zinc-700 dark:text-zinc-300">
                {formatDay(day.day)}
              </th>
              {usageOutcomes.map((outcome) => (
                <td key={outcome} className="py-1 pr-3 text-right text-zinc-900 dark:text-zinc-100">
                  {numberFormat.format(day[outcome])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The chart, with its numbers a click away for anyone who would rather read them (or cannot see it). */
export function UsageChartWithTable({ days }: { days: readonly UsageDay[] }) {
  return (
    <>
      <UsageChart days={days} />
      <details className="text-sm">
        <summary className="cursor-pointer rounded font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-500 dark:text-indigo-300">
          Show the numbers as a table
        </summary>
        <div className="mt-2">
          <UsageTable days={days} />
        </div>
      </details>
    </>
  );
}
