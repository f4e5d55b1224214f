import { formatWait } from '../../lib/retry-countdown';
import { cx } from '../../lib/variants';
import { Button } from './button';

type RetryButtonProps = {
  onClick: () => void;
  /** Seconds a rate limit still asks us to wait: the button is disabled and counts them down. */
  waitSeconds: number;
  isPending?: boolean;
  label?: string;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary';
  size?: 'sm' | 'md';
  className?: string;
};

/** "Try again", or, while a rate limit lasts, a disabled "Try again in 42 s" — never a button that will fail. */
export function RetryButton({
  onClick,
  waitSeconds,
  isPending = false,
  label = 'Try again',
  pendingLabel = 'Trying again…',
  variant = 'secondary',
  size = 'sm',
  className,
}: RetryButtonProps) {
  const waiting = waitSeconds > 0;
  const unavailable = waiting || isPending;
  return (
    // aria-disabled, not disabled: a focused button that becomes disabled drops focus to <body>.
    <Button
      variant={variant}
      size={size}
      className={cx('aria-disabled:cursor-not-allowed aria-disabled:opacity-60', className)}
      aria-disabled={unavailable || undefined}
      onClick={() => {
        if (!unavailable) onClick();
      }}
    >
      {isPending ? pendingLabel : waiting ? `${label} in ${formatWait(waitSeconds)}` : label}
    </Button>
  );
}
