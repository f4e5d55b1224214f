import { lazy, Suspense } from 'react';
import { createImportRetry } from '../../../lib/retryable-import';
import { SparklinePending } from './sparkline-frame';

// The sparkline, its query and the usage contract load after the list is on screen, not with the page:
// a row shows its reserved box until they arrive (and keeps it, quietly, if they can't).
const sparklineImport = createImportRetry();
const loadTokenSparkline = sparklineImport.once(() => import('./token-sparkline'));
const TokenSparkline = lazy(async () => ({ default: (await loadTokenSparkline()).TokenSparkline }));

type LazyTokenSparklineProps = { tokenId: string; tokenName: string; pageIds: readonly string[] };

/** A row's 14-day sparkline, for the token lists' usage slot. */
export function LazyTokenSparkline(props: LazyTokenSparklineProps) {
  return (
    <Suspense fallback={<SparklinePending />}>
      <TokenSparkline {...props} />
    </Suspense>
  );
}
