import { createContext, Suspense, useContext, useMemo, useRef, type ComponentType } from 'react';
import { apiKeyPageSize, type ApiKey } from '../../../contract/tokens';

export type TokenUsageSlotProps = {
  tokenId: string;
  tokenName: string;
  /** The ids of the rows fetched with this one: one usage request serves them all. */
  pageIds: readonly string[];
};

/**
 * What a page shows of each row's recent use (the usage feature's sparkline), composed by the page: the
 * token lists only leave it room. Without a provider the rows show nothing there.
 */
export const TokenUsageSlot = createContext<ComponentType<TokenUsageSlotProps> | null>(null);

/**
 * The slot's content for one row in a box of a fixed size, reserved while the content's code and data
 * load, so the row never moves when it fills in; nothing when the page composed none.
 */
export function RowUsage({ token, pageIds }: { token: ApiKey; pageIds: readonly string[] | undefined }) {
  const Usage = useContext(TokenUsageSlot);
  if (!Usage || !pageIds) return null;
  return (
    <span className="mt-1 flex h-5 w-24 items-center gap-1.5">
      <Suspense fallback={null}>
        <Usage tokenId={token.id} tokenName={token.name} pageIds={pageIds} />
      </Suspense>
    </span>
  );
}

/**
 * The rows' ids in groups of a page (in list order), by id: one usage request per group. A group keeps
 * its array while its ids stay the same, so "Load more" leaves the memoized rows above it alone.
 */
export function useUsagePages(tokens: readonly ApiKey[] | undefined): ReadonlyMap<string, readonly string[]> {
  const previous = useRef(new Map<string, readonly string[]>());
  return useMemo(() => {
    const kept = new Map<string, readonly string[]>();
    const byId = new Map<string, readonly string[]>();
    const ids = (tokens ?? []).map((token) => token.id);
    for (let start = 0; start < ids.length; start += apiKeyPageSize.default) {
      const fresh = ids.slice(start, start + apiKeyPageSize.default);
      const key = fresh.join(',');
      const group = previous.current.get(key) ?? fresh;
      kept.set(key, group);
      for (const id of group) byId.set(id, group);
    }
    previous.current = kept;
    return byId;
  }, [tokens]);
}
