import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { paths, routes } from '../../../contract/paths';
import { defaultPolicy, policySchema, type Policy } from '../../../contract/policy';
import { api } from '../../../lib/api-client';
import { formatDate } from '../../../lib/relative-time';
import { testNow } from '../../../testing/factories';
import { errorResponse } from '../../../testing/mocks/error-response';
import { store } from '../../../testing/mocks/store';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { endOfDay, toDateInputValue } from '../utils/expiry-options';
import { CreateTokenFlow } from './create-token-flow';

const secretPattern = /^kl_prod_[0-9A-Za-z]{36}$/;

function renderFlow(policy: Policy = defaultPolicy) {
  return renderWithProviders(<CreateTokenFlow policy={policy} now={testNow} />);
}

async function openForm(user: ReturnType<typeof renderFlow>['user']) {
  await user.click(await screen.findByRole('button', { name: 'Create token' }));
  return screen.findByRole('dialog', { name: 'Create a token' });
}

/** The dialog's submit button; the page's own "Create token" button sits behind the modal. */
function submitButton() {
  return within(screen.getByRole('dialog')).getByRole('button', { name: 'Create token' });
}

function accessFor(resource: string) {
  return screen.getByRole('radiogroup', { name: resource });
}

// Whole-dialog flows with many keystrokes: give them room on a loaded CI machine.
const flowTimeout = { timeout: 15_000 };

describe('CreateTokenFlow: the form', flowTimeout, () => {
  it('keeps Create disabled until there is a name and a scope, and explains a long name', async () => {
    const { user } = renderFlow();
    const dialog = await openForm(user);
    // It opens at the first thing to fill in, not at its scroll area or Close.
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveFocus();
    const submit = within(dialog).getByRole('button', { name: 'Create token' });

    // Least privilege: nothing is chosen up front.
    for (const resource of ['Projects', 'Workflows', 'Security', 'Deployments']) {
      expect(within(accessFor(resource)).getByRole('radio', { name: 'None' })).toBeChecked();
    }
    expect(submit).toBeDisabled();
    expect(within(dialog).getByText('Still needed: a name and at least one scope.')).toBeInTheDocument();
    // Nothing is wrong yet: a field's message waits until the user has been there.
    expect(screen.getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-invalid');
    expect(within(dialog).queryByText('Choose at least one scope.')).not.toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Laptop scripts');
    expect(submit).toBeDisabled();
    await user.click(within(accessFor('Projects')).getByRole('radio', { name: 'Read' }));
    expect(submit).toBeEnabled();

    const name = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.click(name);
    await user.paste('x'.repeat(101));
    expect(name).toHaveAccessibleDescription('A name has at most 100 characters.');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(submit).toBeDisabled();
  });

  it('defaults to the policy’s environment and lifetime', async () => {
    const { user } = renderFlow();
    await openForm(user);
    expect(screen.getByRole('radio', { name: /development/i })).toBeChecked();
    expect(within(screen.getByRole('radiogroup', { name: 'Expiration' })).getByRole('radio', { name: '30 days' })).toBeChecked();
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent('It will expire on Apr 14, 2026 (in 30 days).');
  });

  it('hides lifetimes the workspace policy does not allow, and says why', async () => {
    server.use(http.get(routes.policy, () => HttpResponse.json({ ...defaultPolicy, maxLifetimeDays: 60 })));
    const policy = await api.get(paths.policy, { schema: policySchema });
    const { user } = renderFlow(policy);
    await openForm(user);

    const expiration = screen.getByRole('radiogroup', { name: 'Expiration' });
    expect(within(expiration).getByRole('radio', { name: '60 days' })).toBeInTheDocument();
    expect(within(expiration).queryByRole('radio', { name: '90 days' })).not.toBeInTheDocument();
    expect(screen.getByText('Your workspace allows tokens to live at most 60 days.')).toBeInTheDocument();

    await user.click(within(expiration).getByRole('radio', { name: 'Custom date' }));
    const date = screen.getByLabelText('Expires at the end of');
    expect(date).toHaveAttribute('min', '2026-03-16');
    expect(date).toHaveAttribute('max', '2026-05-14');
  });

  it('sends a custom date as the end of that day and refuses one past the maximum', async () => {
    // The live clock here: the mock API checks the date against the real time, as the server does.
    const { user } = renderWithProviders(<CreateTokenFlow policy={{ ...defaultPolicy, maxLifetimeDays: 60 }} />);
    const inDays = (days: number) => toDateInputValue(new Date(Date.now() + days * 86_400_000));
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Quarter report');
    await user.click(screen.getByRole('button', { name: 'Read-only' }));
    await user.click(screen.getByRole('radio', { name: 'Custom date' }));

    const date = screen.getByLabelText('Expires at the end of');
    fireEvent.change(date, { target: { value: inDays(75) } });
    // The form checks a change in a microtask (its resolver is async), not in the event itself.
    await waitFor(() => expect(date).toHaveAccessibleDescription(/at most 60 days\. Pick .+ or earlier\./));
    expect(submitButton()).toBeDisabled();
    // The summary names no expiry the field refuses (it used to show the capped last day beside the error).
    expect(screen.getByRole('region', { name: 'Summary' })).not.toHaveTextContent(/It will expire on/);

    const chosen = inDays(10);
    const expected = formatDate(endOfDay(chosen)!);
    fireEvent.change(date, { target: { value: chosen } });
    expect(screen.getByRole('region', { name: 'Summary' })).toHaveTextContent(`It will expire on ${expected} (in 10 days).`);
    await user.click(submitButton());
    const reveal = await screen.findByRole('dialog', { name: 'Copy your new token' });
    expect(within(reveal).getByText(expected)).toBeInTheDocument();
  });

  it('moves between access levels with the arrow keys', async () => {
    const { user } = renderFlow();
    await openForm(user);
    const projects = accessFor('Projects');
    await user.click(within(projects).getByRole('radio', { name: 'Read' }));
    await user.keyboard('{ArrowRight}');
    expect(within(projects).getByRole('radio', { name: 'Write' })).toBeChecked();
    expect(within(projects).getByRole('radio', { name: 'Write' })).toHaveFocus();
  });

  it('applies presets as per-resource choices and warns about full access', async () => {
    const { user } = renderFlow();
    await openForm(user);

    await user.click(screen.getByRole('button', { name: 'Deploy from CI' }));
    expect(screen.getByRole('button', { name: 'Deploy from CI' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(accessFor('Projects')).getByRole('radio', { name: 'Read' })).toBeChecked();
    expect(within(accessFor('Workflows')).getByRole('radio', { name: 'Read' })).toBeChecked();
    expect(within(accessFor('Security')).getByRole('radio', { name: 'None' })).toBeChecked();
    expect(within(accessFor('Deployments')).getByRole('radio', { name: 'Write' })).toBeChecked();
    expect(screen.queryByText(/rarely needed/i)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Full access' }));
    for (const resource of ['Projects', 'Workflows', 'Security', 'Deployments']) {
      expect(within(accessFor(resource)).getByRole('radio', { name: 'Write' })).toBeChecked();
    }
    expect(screen.getByText(/^Full access is rarely needed: if this token leaks/)).toBeInTheDocument();
  });

  it('keeps the clicked preset pressed when a capped environment makes two presets select the same', async () => {
    // Production allows only what Deploy from CI selects: Full access comes to the same scopes.
    const policy = {
      ...defaultPolicy,
      allowedScopesByEnvironment: { production: ['read:projects', 'read:workflows', 'read:deployments', 'write:deployments'] },
    };
    const { user } = renderFlow(policy);
    await openForm(user);
    await user.click(screen.getByRole('radio', { name: /production/i }));

    await user.click(screen.getByRole('button', { name: 'Full access' }));
    expect(screen.getByRole('button', { name: 'Full access' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Deploy from CI' })).toHaveAttribute('aria-pressed', 'false');

    await user.click(screen.getByRole('button', { name: 'Deploy from CI' }));
    expect(screen.getByRole('button', { name: 'Deploy from CI' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: 'Full access' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('previews in plain words what the token can do, write including read', async () => {
    const { user } = renderFlow();
    await openForm(user);
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(summary).toHaveTextContent('Choose at least one scope');

    await user.click(within(accessFor('Deployments')).getByRole('radio', { name: 'Write' }));
    const abilities = within(summary).getAllByRole('listitem').map((item) => item.textContent);
    expect(abilities).toEqual(['see deployments and their status', 'create and roll back deployments']);
    expect(summary).toHaveTextContent('This token will be able to:');
  });

  it('shows what the chosen environment does not allow, with the reason, instead of hiding it', async () => {
    const policy = { ...defaultPolicy, allowedScopesByEnvironment: { production: ['read:projects', 'read:deployments'] } };
    const { user } = renderFlow(policy);
    await openForm(user);
    await user.click(within(accessFor('Projects')).getByRole('radio', { name: 'Write' }));

    await user.click(screen.getByRole('radio', { name: /production/i }));
    const security = accessFor('Security');
    expect(security).toHaveAccessibleDescription('Security isn’t allowed for Production.');
    for (const level of ['Read', 'Write']) expect(within(security).getByRole('radio', { name: level })).toBeDisabled();
    // Every row keeps the same three cells, the ones not allowed disabled.
    expect(within(accessFor('Projects')).getByRole('radio', { name: 'Write' })).toBeDisabled();
    // The write it had falls back to the read that is still allowed.
    expect(within(accessFor('Projects')).getByRole('radio', { name: 'Read' })).toBeChecked();
    expect(accessFor('Projects')).toHaveAccessibleDescription(/see projects/i);
  });

  it('shows the API’s duplicate-name message under the name and keeps what was typed', async () => {
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'laptop cli');
    await user.type(screen.getByRole('textbox', { name: /description/i }), 'Second laptop');
    await user.click(within(accessFor('Projects')).getByRole('radio', { name: 'Read' }));
    await user.click(submitButton());

    const name = screen.getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(name).toHaveAccessibleDescription('You already have an active token named “laptop cli”.'));
    expect(name).toHaveValue('laptop cli');
    expect(name).toHaveFocus();
    expect(screen.getByRole('textbox', { name: /description/i })).toHaveValue('Second laptop');
    expect(within(accessFor('Projects')).getByRole('radio', { name: 'Read' })).toBeChecked();

    // Editing the name clears the server's objection to it.
    await user.type(name, ' 2');
    expect(name).not.toHaveAccessibleDescription(/already have/);
  });

  it('puts API messages for fields it has no input for in the dialog', async () => {
    server.use(
      http.post(routes.apiKeys, () =>
        errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { owner: 'You can’t create tokens for someone else.' }),
      ),
    );
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CI');
    await user.click(within(accessFor('Projects')).getByRole('radio', { name: 'Read' }));
    await user.click(submitButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('You can’t create tokens for someone else.');
  });

  it('shows the API’s scope and expiry messages beside those choices', async () => {
    server.use(
      http.post(routes.apiKeys, () =>
        errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', {
          scopes: '“write:projects” is not allowed for Development tokens.',
          expiresInDays: 'Tokens may live at most 30 days.',
        }),
      ),
    );
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CI');
    await user.click(within(accessFor('Projects')).getByRole('radio', { name: 'Write' }));
    await user.click(submitButton());

    expect(await screen.findByText('“write:projects” is not allowed for Development tokens.')).toBeInTheDocument();
    expect(screen.getByText('Tokens may live at most 30 days.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps the input on a network error and creates the token on retry', async () => {
    server.use(http.post(routes.apiKeys, () => HttpResponse.error(), { once: true }));
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Production deploy 2');
    await user.click(screen.getByRole('radio', { name: /production/i }));
    await user.click(screen.getByRole('button', { name: 'Deploy from CI' }));
    await user.click(submitButton());

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t reach Keyline.');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Production deploy 2');
    expect(screen.getByRole('radio', { name: /production/i })).toBeChecked();
    expect(within(accessFor('Deployments')).getByRole('radio', { name: 'Write' })).toBeChecked();

    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('dialog', { name: 'Copy your new token' })).toBeInTheDocument();
    expect((screen.getByLabelText('Token secret') as HTMLTextAreaElement).value).toMatch(secretPattern);
  });

  it('says until when a rate limit lasts and holds Create and Try again until then', async () => {
    server.use(
      http.post(routes.apiKeys, () =>
        HttpResponse.json(
          { error: { type: 'rate_limit_error', message: 'Slow down.' } },
          { status: 429, headers: { 'Retry-After': '30' } },
        ),
      ),
    );
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CI');
    await user.click(screen.getByRole('button', { name: 'Read-only' }));
    await user.click(submitButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/Too many attempts\. You can try again at \d{1,2}:\d{2} [AP]M\. Everything you entered is still here\./);
    expect(within(alert).getByRole('button', { name: /^Try again in (30|29) s$/ })).toHaveAttribute('aria-disabled', 'true');
    expect(submitButton()).toHaveAttribute('aria-disabled', 'true');
  });

  it('shows a pending state while creating', async () => {
    let release: () => void = () => {};
    server.use(
      http.post(routes.apiKeys, () => new Promise<Response>((resolve) => {
        release = () => resolve(HttpResponse.json({ error: { type: 'api_error', message: 'Boom.' } }, { status: 500 }));
      })),
    );
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CI');
    await user.click(screen.getByRole('button', { name: 'Read-only' }));
    await user.click(submitButton());

    const pending = await screen.findByRole('button', { name: 'Creating…' });
    expect(pending).toHaveAttribute('aria-busy', 'true');
    release();
    expect(await screen.findByRole('alert')).toHaveTextContent('Boom.');
    expect(submitButton()).not.toHaveAttribute('aria-busy');
  });

  it('forgets the form when the dialog is dismissed', async () => {
    const { user } = renderFlow();
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Draft');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await openForm(user);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('');
  });
});

describe('CreateTokenFlow: reveal once', flowTimeout, () => {
  async function createToken() {
    const rendered = renderFlow();
    const { user } = rendered;
    await openForm(user);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'GitHub deploy');
    await user.click(screen.getByRole('radio', { name: /production/i }));
    await user.click(screen.getByRole('button', { name: 'Deploy from CI' }));
    await user.click(submitButton());
    const dialog = await screen.findByRole('dialog', { name: 'Copy your new token' });
    const field = screen.getByLabelText('Token secret');
    const secret = (field as HTMLTextAreaElement).value;
    return { ...rendered, dialog, field, secret };
  }

  it('shows the secret once with a summary of the token', async () => {
    const { dialog, field, secret } = await createToken();
    expect(secret).toMatch(secretPattern);
    expect(within(dialog).getByText('This is the only time it is shown.')).toBeInTheDocument();
    expect(field).toHaveAttribute('readonly');
    expect(field).toHaveAttribute('autocomplete', 'off');
    expect(field).toHaveAttribute('spellcheck', 'false');
    expect(field).toHaveAttribute('data-1p-ignore');
    expect(field).toHaveAttribute('data-lpignore', 'true');
    expect(field).toHaveAttribute('data-form-type', 'other');
    expect(within(dialog).getByText('GitHub deploy')).toBeInTheDocument();
    expect(within(dialog).getByText('Production')).toBeInTheDocument();
    expect(within(dialog).getByText('write:deployments')).toBeInTheDocument();
    expect(within(dialog).getByText('read:deployments')).toBeInTheDocument();
    // The store, like the server, keeps the token but not its secret.
    expect(JSON.stringify(store.apiKeys)).not.toContain(secret);
    expect(store.apiKeys.at(-1)?.hint).toBe(`kl_prod_…${secret.slice(-4)}`);
  });

  it('switches the field between hand-off formats', async () => {
    const { user, field, secret } = await createToken();
    const format = screen.getByRole('radiogroup', { name: 'Format' });
    await user.click(within(format).getByRole('radio', { name: 'Shell' }));
    expect(field).toHaveValue(`export KEYLINE_TOKEN=${secret}`);
    await user.click(within(format).getByRole('radio', { name: '.env' }));
    expect(field).toHaveValue(`KEYLINE_TOKEN=${secret}`);
    await user.click(within(format).getByRole('radio', { name: 'GitHub Actions' }));
    expect(field).toHaveValue('gh secret set KEYLINE_TOKEN');
    await user.click(within(format).getByRole('radio', { name: 'Raw' }));
    expect(field).toHaveValue(secret);
  });

  it('copies the chosen format and announces it', async () => {
    const { user, secret } = await createToken();
    await user.click(within(screen.getByRole('radiogroup', { name: 'Format' })).getByRole('radio', { name: 'Shell' }));
    await user.click(screen.getByRole('button', { name: 'Copy' }));

    const status = await screen.findByText('Copied');
    expect(status.closest('[aria-live="polite"]')).not.toBeNull();
    await expect(navigator.clipboard.readText()).resolves.toBe(`export KEYLINE_TOKEN=${secret}`);
  });

  it('selects the text and says how to copy when the clipboard refuses', async () => {
    const { user, field, secret } = await createToken();
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new DOMException('Denied', 'NotAllowedError')) },
    });
    await user.click(screen.getByRole('button', { name: 'Copy' }));

    expect(await screen.findByText(/Press Ctrl\+C \(⌘C on Mac\) to copy\./)).toBeInTheDocument();
    const textarea = field as HTMLTextAreaElement;
    expect(textarea).toHaveFocus();
    expect(textarea.value.slice(textarea.selectionStart, textarea.selectionEnd)).toBe(secret);
  });

  it('asks before Escape discards the secret, and “Keep it open” keeps it', async () => {
    const { user, field, secret } = await createToken();
    await user.click(field);
    await user.keyboard('{Escape}');

    const confirm = await screen.findByRole('alert');
    expect(confirm).toHaveTextContent('Discard this token’s secret?');
    expect(confirm).toHaveTextContent('You won’t be able to see it again.');
    const keep = within(confirm).getByRole('button', { name: 'Keep it open' });
    expect(keep).toHaveFocus();
    await user.click(keep);

    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Token secret')).toHaveValue(secret);
  });

  it('asks before the close button discards it, and “Discard” does', async () => {
    const { user, secret } = await createToken();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Discard' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(secret);
  });

  it('closes on “I have stored it” and leaves the secret nowhere', async () => {
    const { user, secret, queryClient } = await createToken();
    await user.click(screen.getByRole('button', { name: 'I have stored it' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(secret);
    expect(screen.getByRole('button', { name: 'Create token' })).toHaveFocus();
    await waitFor(() => expect(queryClient.getMutationCache().getAll()).toHaveLength(0));
    const cached = JSON.stringify(queryClient.getQueryCache().getAll().map((query) => query.state.data));
    expect(cached).not.toContain(secret);
  });
});
