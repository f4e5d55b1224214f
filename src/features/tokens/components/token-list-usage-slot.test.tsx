import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { buildAdminApiKey, buildApiKey, testNow } from '../../../testing/factories';
import { AdminTokenTable } from './admin-token-table';
import { TokenList } from './token-list';
import { TokenUsageSlot, type TokenUsageSlotProps } from './token-list-usage-slot';

// What a page composes into the slot (the usage feature's sparkline there): here, the props it is given, in words.
function UsageProbe({ tokenName, pageIds }: TokenUsageSlotProps) {
  return <span>{`${tokenName}: one request for ${pageIds.length} rows`}</span>;
}

const tokens = Array.from({ length: 60 }, (_, i) => buildApiKey({ id: `key_${i}`, name: `Token ${i}` }));

describe('the token lists’ usage slot', { timeout: 20_000 }, () => {
  it('puts the page’s usage into each row of my list, one group per page of 50 rows', async () => {
    render(
      <MemoryRouter>
        <TokenUsageSlot value={UsageProbe}>
          <TokenList tokens={tokens} isPending={false} error={null} onRetry={() => {}} now={testNow} environments={defaultEnvironments} />
        </TokenUsageSlot>
      </MemoryRouter>,
    );
    // Text, not roles: role queries over 60 rows are slow, and the text names its row.
    expect(screen.getByText('Token 0: one request for 50 rows')).toBeInTheDocument();
    expect(await screen.findByText('Token 55: one request for 10 rows')).toBeInTheDocument();
  });

  it('puts it into each row of the admin review too', () => {
    render(
      <MemoryRouter>
        <TokenUsageSlot value={UsageProbe}>
          <AdminTokenTable
            tokens={tokens.slice(0, 3).map((token) => buildAdminApiKey(token))}
            now={testNow}
            environments={defaultEnvironments}
            selected={new Set()}
            allMatching={false}
            onToggle={() => {}}
            onToggleAllLoaded={() => {}}
            onRevoke={() => {}}
          />
        </TokenUsageSlot>
      </MemoryRouter>,
    );
    const row = screen.getByRole('row', { name: /Token 1(?!\d)/ });
    expect(within(row).getByText('Token 1: one request for 3 rows')).toBeInTheDocument();
  });

  it('leaves the rows as they were when the page composes nothing', () => {
    render(
      <MemoryRouter>
        <TokenList tokens={tokens.slice(0, 2)} isPending={false} error={null} onRetry={() => {}} now={testNow} environments={defaultEnvironments} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('row', { name: /Token 1(?!\d)/ })).toBeInTheDocument();
    expect(screen.queryByText(/one request for/)).not.toBeInTheDocument();
  });
});
