import type { ReactNode } from 'react';

/** The page's one `h1`, its intro, and the document title. */
export function PageHeader({ title, description }: { title: string; description?: ReactNode }) {
  return (
    <div className="mb-8">
      <title>{`${title} · Keyline`}</title>
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">{title}</h1>
      {description ? (
        <p className="mt-2 max-w-2xl text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{description}</p>
      ) : null}
    </div>
  );
}
