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
    expect(screen.queryByRole('textbox', { name: `Environment ${count + 1} label` })).not.toBeInTheDocument();
  });
});
