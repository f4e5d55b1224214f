import { render, screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { emptyTokenUsage, type TokenUsage } from '../../../contract/usage';
import { buildApiKey, testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { Sparkline, TokenSparkline } from './token-sparkline';

const zeros = (n: number) => Array.from({ length: n }, () => 0);

/** A token's usage with these calls today and yesterday. */
function usageOf(today: { success: number; denied?: number; rejected?: number }, yesterday = 0): TokenUsage {
  const usage = emptyTokenUsage(testNow);
  usage.days[29] = { ...usage.days[29]!, success: today.success, denied: today.denied ?? 0, rejected: today.rejected ?? 0 };
  usage.days[28] = { ...usage.days[28]!, success: yesterday };
  return usage;
}

describe('Sparkline', () => {
  it('says the requests, denials and rejections in words, and shows the count', () => {
    render(<Sparkline series={{ calls: [...zeros(12), 30, 12], denied: [...zeros(13), 3], rejected: [...zeros(12), 1, 0] }} />);
    const line = screen.getByRole('img', { name: '42 requests in the last 14 days, 3 denied, 1 rejected' });
    expect(line).toBeInTheDocument();
    expect(screen.getByText('42')).toBeInTheDocument();
  });

  it('is a flat line for a token nobody used', () => {
    render(<Sparkline series={{ calls: zeros(14), denied: zeros(14), rejected: zeros(14) }} />);
    expect(screen.getByRole('img', { name: 'No requests in the last 14 days' })).toBeInTheDocument();
    expect(screen.getByText('0')).toBeInTheDocument();
  });
});

describe('TokenSparkline', () => {
  const ids = ['key_busy', 'key_quiet', 'key_theirs'];

  it('fills each row in from its page’s answer, and leaves a token the answer leaves out blank', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_busy', name: 'Busy' }), buildApiKey({ id: 'key_quiet', name: 'Quiet' })];
    store.usage = { key_busy: usageOf({ success: 40, denied: 2 }, 5) };
    renderWithProviders(
      <ul>
        {ids.map((id) => (
          <li key={id} aria-label={id}>
            <TokenSparkline tokenId={id} tokenName={id} pageIds={ids} />
          </li>
        ))}
      </ul>,
    );
    expect(await screen.findByRole('img', { name: '47 requests in the last 14 days, 2 denied' })).toBeInTheDocument();
    expect(within(screen.getByRole('listitem', { name: 'key_quiet' })).getByRole('img', { name: 'No requests in the last 14 days' })).toBeInTheDocument();
    expect(within(screen.getByRole('listitem', { name: 'key_theirs' })).queryByRole('img')).not.toBeInTheDocument();
  });

  it('says the usage could not be loaded, in the same box, without a broken picture', async () => {
    store.apiKeys = [buildApiKey({ id: 'key_busy', name: 'Busy' })];
    server.use(http.get(routes.dailyUsage, () => errorResponse(500, 'api_error', 'Something went wrong.')));
    renderWithProviders(<TokenSparkline tokenId="key_busy" tokenName="Busy" pageIds={['key_busy']} />);
    expect(await screen.findByText('Usage of Busy couldn’t be loaded')).toBeInTheDocument();
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });
});
