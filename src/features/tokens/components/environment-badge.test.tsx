import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultEnvironments } from '../../../contract/policy';
import { EnvironmentBadge } from './environment-badge';

describe('EnvironmentBadge', () => {
  it('shows the policy’s label, never the id, and waits for the policy rather than show the id', () => {
    const { rerender } = render(<EnvironmentBadge id="staging" environments={undefined} />);
    expect(screen.queryByText('staging')).not.toBeInTheDocument();
    expect(screen.getByText('Loading environment…')).toBeInTheDocument();

    rerender(<EnvironmentBadge id="staging" environments={defaultEnvironments} />);
    expect(screen.getByText('Staging')).toBeInTheDocument();
  });

  it('marks the most sensitive environment with a dot, wherever it is shown', () => {
    render(<EnvironmentBadge id="production" environments={defaultEnvironments} />);
    const badge = screen.getByText('Production');
    expect(badge.querySelector('[aria-hidden="true"]')).toBeInTheDocument();
  });
});
