import { useEffect, useLayoutEffect, useRef, type ComponentProps } from 'react';
import { TextField } from './text-field';

type DebouncedTextFieldProps = Omit<ComponentProps<typeof TextField>, 'value' | 'defaultValue' | 'onChange' | 'ref'> & {
  /** The settled value (e.g. from the URL). A change from outside replaces what is typed. */
  value: string;
  /** Called once typing has paused for `delayMs`, with the text typed. */
  onSettle: (value: string) => void;
  delayMs?: number;
};

/**
 * A text filter that leaves typing to the browser: the input is uncontrolled, so a keystroke renders
 * nothing in React (not the page, not its table), and the page hears of it once typing pauses.
 */
export function DebouncedTextField({ value, onSettle, delayMs = 250, ...props }: DebouncedTextFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef<number | undefined>(undefined);
  // The last value reported or received: the echo of our own report is not a change from outside.
  const known = useRef(value);
  const settle = useRef(onSettle);
  useEffect(() => {
    settle.current = onSettle;
  }, [onSettle]);
  // In the same commit as the rest of the page (a layout effect): a passive one could leave the old
  // text on screen for a frame beside rows that already match the new value.
  useLayoutEffect(() => {
    if (value === known.current) return;
    // A reset or the back button: what was typed (and not yet reported) gives way.
    known.current = value;
    window.clearTimeout(timer.current);
    if (input.current) input.current.value = value;
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  return (
    <TextField
      {...props}
      ref={input}
      defaultValue={value}
      onChange={(event) => {
        const next = event.target.value;
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => {
          known.current = next;
          settle.current(next);
        }, delayMs);
      }}
    />
  );
}
