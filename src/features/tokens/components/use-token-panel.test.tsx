import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UseTokenPanel } from './use-token-panel';

describe('UseTokenPanel', () => {
  it('moves between the snippets with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<UseTokenPanel origin="https://keyline.example" />);

    const curl = screen.getByRole('tab', { name: 'curl' });
    expect(curl).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel', { name: 'curl' })).toHaveTextContent(
      'curl --fail-with-body -H "Authorization: Bearer $KEYLINE_TOKEN" https://keyline.example/api/auth/me',
    );

    await user.click(curl);
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'CLI' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'CLI' })).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Gateway' })).toHaveFocus();
    await user.keyboard('{ArrowLeft}');
    const ci = screen.getByRole('tab', { name: 'GitHub Actions' });
    expect(ci).toHaveFocus();
    expect(screen.getByRole('tabpanel', { name: 'GitHub Actions' })).toHaveTextContent('KEYLINE_TOKEN: ${{ secrets.KEYLINE_TOKEN }}');

    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(curl).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowLeft}');
    expect(screen.getByRole('tabpanel', { name: 'Python' })).toHaveTextContent('"Authorization": f"Bearer');
    // Only the selected tab is in the Tab order.
    expect(screen.getAllByRole('tab').filter((tab) => tab.tabIndex === 0)).toHaveLength(1);
  });

  it('shows platform developers a gateway that asks this server about each bearer token, and where the answer is described', async () => {
    const user = userEvent.setup();
    render(<UseTokenPanel origin="https://keyline.example" />);

    await user.click(screen.getByRole('tab', { name: 'Gateway' }));
    const panel = screen.getByRole('tabpanel', { name: 'Gateway' });
    expect(panel).toHaveTextContent("await fetch('https://keyline.example/api/oauth/introspect'");
    expect(panel).toHaveTextContent('required_scope: scope');
    expect(panel).toHaveTextContent(/service account an admin allowed to introspect \(KEYLINE_INTROSPECT_TOKEN\)/);
    expect(screen.getByRole('button', { name: 'Copy Gateway snippet' })).toBeVisible();
    const links = screen.getAllByRole('link', { name: 'OpenAPI document' });
    expect(links.map((link) => link.getAttribute('href'))).toEqual(['/api/openapi.json', '/api/openapi.json']);
  });

  it('shows the keyline CLI’s real commands for this server, and links the OpenAPI document', async () => {
    const user = userEvent.setup();
    render(<UseTokenPanel origin="https://keyline.example" />);

    await user.click(screen.getByRole('tab', { name: 'CLI' }));
    const panel = screen.getByRole('tabpanel', { name: 'CLI' });
    expect(panel).toHaveTextContent('npx keyline login --url https://keyline.example');
    expect(panel).toHaveTextContent('npx keyline status --check --within 7d');
    expect(panel).toHaveTextContent(/approve it in the browser/);
    expect(screen.getByRole('button', { name: 'Copy CLI snippet' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'OpenAPI document' })).toHaveAttribute('href', '/api/openapi.json');
    // The shell recipe is still there, under its own name.
    await user.click(screen.getByRole('tab', { name: 'Shell' }));
    expect(screen.getByRole('tabpanel', { name: 'Shell' })).toHaveTextContent('read -rs KEYLINE_TOKEN');
  });

  it('copies a snippet and says so', async () => {
    const user = userEvent.setup();
    render(<UseTokenPanel origin="https://keyline.example" />);

    await user.click(screen.getByRole('tab', { name: 'Node.js' }));
    await user.click(screen.getByRole('button', { name: 'Copy Node.js snippet' }));

    expect(await navigator.clipboard.readText()).toContain("fetch('https://keyline.example/api/auth/me'");
    expect(screen.getByRole('status')).toHaveTextContent('Copied');
  });

  it('selects the snippet when the clipboard is not available', async () => {
    const user = userEvent.setup();
    render(<UseTokenPanel origin="https://keyline.example" />);
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });

    await user.click(screen.getByRole('button', { name: 'Copy curl snippet' }));

    expect(screen.getByRole('status')).toHaveTextContent(/text is selected/i);
    expect(window.getSelection()?.toString()).toContain('Authorization: Bearer $KEYLINE_TOKEN');
  });
});
