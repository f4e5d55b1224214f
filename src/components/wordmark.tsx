import { cx } from '../lib/variants';

/** The Keyline mark and name. */
export function Wordmark({ className }: { className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-2 font-semibold tracking-tight text-zinc-900 dark:text-white', className)}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" className="fill-indigo-600 dark:fill-indigo-500" />
        <circle cx="11" cy="16" r="4.5" fill="none" stroke="white" strokeWidth="2.5" />
        <path d="M15.5 16H25m-3 0v4m-3.5-4v3" fill="none" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <span className="text-lg">Keyline</span>
    </span>
  );
}
