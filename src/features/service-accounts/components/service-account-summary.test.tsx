import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { serviceAccountSchema } from '../../../contract/service-accounts';
import { ServiceAccountSummary } from './service-account-summary';

const now = new Date('2026-03-01T12:00:00.000Z');
const account = (createdAt: string) =>
  serviceAccountSchema.parse({
    id: 'svc_ci',
    name: 'ci',
    description: null,
    managers: [],
    permissions: [],
    createdAt,
    createdBy: { id: 'usr_root', username: 'root' },
    liveTokens: 0,
  });

describe('ServiceAccountSummary', () => {
  it('a service account made a moment ago was created "just now", not "now"', () => {
    render(<ServiceAccountSummary account={account('2026-03-01T11:59:40.000Z')} now={now} />);
    expect(screen.getByText('just now')).toBeInTheDocument();
    expect(screen.getByText(/by root/)).toBeInTheDocument();
  });

  it('older ones read as time ago', () => {
    render(<ServiceAccountSummary account={account('2026-02-26T12:00:00.000Z')} now={now} />);
    expect(screen.getByText('3 days ago')).toBeInTheDocument();
  });
});
