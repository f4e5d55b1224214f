import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DebouncedTextField } from './debounced-text-field';

describe('DebouncedTextField', () => {
  it('shows every keystroke and reports the text once typing pauses', async () => {
    const onSettle = vi.fn();
    const user = userEvent.setup();
    render(<DebouncedTextField label="Token name" value="" onSettle={onSettle} delayMs={50} />);
    const field = screen.getByRole('textbox', { name: 'Token name' });

    await user.type(field, 'deploy');
    expect(field).toHaveValue('deploy');
    await waitFor(() => expect(onSettle).toHaveBeenCalledWith('deploy'));
    expect(onSettle).toHaveBeenCalledTimes(1);
  });

  it('takes a value changed from outside (a reset, the back button) over what was typed', async () => {
    const onSettle = vi.fn();
    const user = userEvent.setup();
    const { rerender } = render(<DebouncedTextField label="Owner" value="maria" onSettle={onSettle} delayMs={50} />);
    const field = screen.getByRole('textbox', { name: 'Owner' });
    await user.type(field, 'x');
    await waitFor(() => expect(onSettle).toHaveBeenCalledWith('mariax'));

    // The echo of its own report changes nothing; a different value replaces the text.
    rerender(<DebouncedTextField label="Owner" value="mariax" onSettle={onSettle} delayMs={50} />);
    expect(field).toHaveValue('mariax');
    rerender(<DebouncedTextField label="Owner" value="" onSettle={onSettle} delayMs={50} />);
    expect(field).toHaveValue('');
  });
});
