import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { routes } from '../../../contract/paths';
import { defaultPolicy, policySchema } from '../../../contract/policy';
import { updatePolicyRequestSchema } from '../../../contract/policy-update';
import { errorResponse } from '../../../testing/mocks/error-response';
import { renderWithProviders } from '../../../testing/render';
import { server } from '../../../testing/server';
import { PolicyEditor } from './policy-editor';

// Whole-form flows with many keystrokes: give them room on a loaded CI machine.
describe('PolicyEditor', { timeout: 15_000 }, () => {
  it('puts the server’s 422 under the field it names and keeps what was typed', async () => {
    server.use(
      http.put(routes.policy, () =>
        errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', { 'environments.2.label': 'That label is taken.' }),
      ),
    );
    const { user } = renderWithProviders(<PolicyEditor policy={defaultPolicy} />);

    const label = screen.getByRole('textbox', { name: 'Environment 3 label' });
    await user.clear(label);
    await user.type(label, 'Live');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    expect(await screen.findByText('That label is taken.')).toBeInTheDocument();
    expect(label).toHaveAttribute('aria-invalid', 'true');
    expect(label).toHaveValue('Live');
    expect(screen.getByRole('alert')).toHaveTextContent('Fix the highlighted fields');
  });

  it('checks the form with the contract before sending, then saves once it is right', async () => {
    server.use(
      http.put(routes.policy, async ({ request }) =>
        HttpResponse.json(policySchema.parse({ ...defaultPolicy, ...updatePolicyRequestSchema.parse(await request.json()) })),
      ),
    );
    const { user } = renderWithProviders(<PolicyEditor policy={defaultPolicy} />);

    const active = screen.getByRole('textbox', { name: 'Active tokens per person' });
    await user.type(active, 'many');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Enter a number.')).toBeInTheDocument();
    expect(active).toHaveAttribute('aria-invalid', 'true');

    await user.clear(active);
    await user.type(active, '5');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Policy saved.');
    expect(active).toHaveValue('5');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('adds and removes environments, with their scope restriction', async () => {
    const { user } = renderWithProviders(<PolicyEditor policy={defaultPolicy} />);
    const count = defaultPolicy.environments.length;

    await user.click(screen.getByRole('button', { name: 'Add environment' }));
    const label = screen.getByRole('textbox', { name: `Environment ${count + 1} label` });
    await user.type(label, 'QA');
    expect(screen.getByRole('button', { name: 'Remove environment QA' })).toBeInTheDocument();

    const first = screen.getByRole('group', { name: `Scopes allowed for ${defaultPolicy.environments[0]!.label}` });
    await user.click(within(first).getByRole('checkbox', { name: 'Every scope' }));
    expect(within(first).getAllByRole('checkbox')).toHaveLength(defaultPolicy.scopes.length + 1);

    await user.click(screen.getByRole('button', { name: 'Remove environment QA' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Remove QA?' });
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('textbox', { name: `Environment ${count + 1} label` })).toHaveValue('QA');

    await user.click(screen.getByRole('button', { name: 'Remove environment QA' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove environment' }));
    expect(screen.queryByRole('textbox', { name: `Environment ${count + 1} label` })).not.toBeInTheDocument();
  });

  it('locks the id and tag of environments that tokens were made for, and says why', async () => {
    const { user } = renderWithProviders(<PolicyEditor policy={{ ...defaultPolicy, environmentsInUse: ['production'] }} />);

    const id = screen.getByRole('textbox', { name: 'Environment 3 id' });
    expect(id).toHaveAttribute('readonly');
    expect(id).toHaveAccessibleDescription('Tokens were made for Production: its id and tag are part of those tokens and can’t change.');
    expect(screen.getByRole('textbox', { name: 'Environment 3 tag' })).toHaveAttribute('readonly');
    expect(screen.getByRole('textbox', { name: 'Environment 2 id' })).not.toHaveAttribute('readonly');
    // The label is only a name: it may change.
    expect(screen.getByRole('textbox', { name: 'Environment 3 label' })).not.toHaveAttribute('readonly');

    await user.click(screen.getByRole('button', { name: 'Remove environment Production' }));
    expect(await screen.findByRole('alertdialog', { name: 'Remove Production?' })).toHaveAccessibleDescription(
      /Tokens already made for it keep working until they expire or are revoked\./,
    );
  });

  it('shows the fields as columns under one set of headers, not a label per input', () => {
    renderWithProviders(<PolicyEditor policy={defaultPolicy} />);
    // Headers for the eye only: each input is still named in full ("Environment 1 label").
    const headers = screen.getAllByText('Label', { exact: true }).find((element) => element.tagName === 'SPAN')!.parentElement!;
    expect(headers).toHaveAttribute('aria-hidden', 'true');
    expect(headers).toHaveTextContent('LabelIdTag');
    expect(screen.getByRole('textbox', { name: 'Environment 1 label' })).toHaveValue('Development');
  });

  it('on a refused save, moves focus to the first field the server names', async () => {
    server.use(
      http.put(routes.policy, () =>
        errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', {
          'environments.1.tag': 'That tag is taken.',
          maxLifetimeDays: 'Too long.',
        }),
      ),
    );
    const { user } = renderWithProviders(<PolicyEditor policy={defaultPolicy} />);
    await user.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('That tag is taken.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Environment 2 tag' })).toHaveFocus();
  });

  it('after a save, says so and leaves focus on Save', async () => {
    server.use(
      http.put(routes.policy, async ({ request }) =>
        HttpResponse.json(policySchema.parse({ ...defaultPolicy, ...updatePolicyRequestSchema.parse(await request.json()) })),
      ),
    );
    const { user } = renderWithProviders(<PolicyEditor policy={defaultPolicy} />);
    const save = screen.getByRole('button', { name: 'Save policy' });
    await user.click(save);
    expect(await screen.findByRole('status')).toHaveTextContent('Policy saved.');
    expect(screen.getByRole('button', { name: 'Save policy' })).toHaveFocus();
  });
});
