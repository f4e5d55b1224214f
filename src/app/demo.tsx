import { createContext, use } from 'react';

export type DemoCredentials = { username: string; password: string };

/** Set only in `npm run demo` (MSW in the browser): the sign-in page shows these. */
export const DemoContext = createContext<DemoCredentials | null>(null);

export function useDemoCredentials(): DemoCredentials | null {
  return use(DemoContext);
}

/** Says plainly that nothing here is real or kept. */
export function DemoRibbon() {
  return (
    <aside aria-label="Demo mode" className="bg-indigo-700 px-4 py-1.5 text-center text-xs font-medium text-white">
      Demo — data lives in your browser tab and is gone when you reload.
    </aside>
  );
}

/** The demo account, on the sign-in page. */
export function DemoCredentialsNote({ credentials }: { credentials: DemoCredentials }) {
  return (
    <div className="mb-6 rounded-xl border border-indigo-200 bg-indigo-50 px-4 py-3 text-sm text-indigo-950 dark:border-indigo-900 dark:bg-indigo-950/60 dark:text-indigo-100">
      <p className="font-semibold">Demo account</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <dt>Username</dt>
        <dd>
          <code className="font-mono">{credentials.username}</code>
        </dd>
        <dt>Password</dt>
        <dd>
          <code className="font-mono break-all">{credentials.password}</code>
        </dd>
      </dl>
    </div>
  );
}
