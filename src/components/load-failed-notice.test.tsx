import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { createImportRetry, useImportFailed, type ImportRetry } from '../lib/retryable-import';
import { LoadFailedNotice } from './load-failed-notice';

function Fallback({ imports }: { imports: ImportRetry }) {
  const failed = useImportFailed(imports);
  return failed ? <LoadFailedNotice onRetry={imports.retry} /> : <p>Opening…</p>;
}

describe('createImportRetry', () => {
  it('keeps a failed import waiting, says so, and Retry tries again', async () => {
    const imports = createImportRetry();
    let online = false;
    const load = imports.once(async () => {
      if (!online) throw new TypeError('Failed to fetch dynamically imported module');
      return { Dialog: () => <p>The dialog</p> };
    });
    const Dialog = lazy(async () => ({ default: (await load()).Dialog }));
    render(
      <Suspense fallback={<Fallback imports={imports} />}>
        <Dialog />
      </Suspense>,
    );

    const notice = await screen.findByRole('alertdialog', { name: 'Couldn’t open — check your connection' });
    expect(screen.getByRole('button', { name: 'Retry' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    // Still offline: the notice comes back, and nothing fell through to an error boundary.
    expect(await screen.findByRole('alertdialog')).toBeInTheDocument();

    online = true;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('The dialog')).toBeInTheDocument();
    expect(notice).not.toBeInTheDocument();
  });

  it('imports once, however often it is asked for', async () => {
    const imports = createImportRetry();
    let calls = 0;
    const load = imports.once(async () => ++calls);
    await Promise.all([load(), load()]);
    expect(await load()).toBe(1);
    expect(imports.hasFailed()).toBe(false);
  });
});
