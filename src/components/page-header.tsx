import type { ReactNode } from 'react';

/**
 * The page's one `h1`, its intro, and the document title. `action` (the page's main button) sits
 * beside the heading from `sm` up and below it on a phone.
 */
export function PageHeader({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  const heading = (
    <div className={action ? undefined : 'mb-8'}>
      <title>{`${title} · Keyline`}</title>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">{title}</h1>
      {description ? (
        <p className="mt-2 max-w-2xl text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</p>
      ) : null}
    </div>
  );
  if (!action) return heading;
  return (
    <div className="mb-8 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
      {heading}
      <div className="shrink-0">{action}</div>
    </div>
  );
}

/** The "+" of a create button. */
export function PlusIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M10 4v12M4 10h12" strokeLinecap="round" />
    </svg>
  );
}
