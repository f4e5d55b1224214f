import { useSyncExternalStore } from 'react';

/**
 * Code split off the first load (a dialog, a page) can fail to arrive: the network dropped, the server
 * restarted. A failed `import()` must not reach an error boundary — that replaces the whole page with
 * "Something went wrong". Instead its promise waits: the failure is reported here, the UI says
 * "Couldn't open — check your connection" with Retry, and Retry tries the import again. The page the
 * person was on stays as it was (a pending lazy route keeps the current page; a pending dialog keeps
 * the page behind it).
 */
export type ImportRetry = {
  /** The import, once: its promise settles only with the module, however many attempts that takes. */
  once: <T>(load: () => Promise<T>) => () => Promise<T>;
  /** Tries every failed import again. */
  retry: () => void;
  subscribe: (listener: () => void) => () => void;
  /** True while at least one import has failed and waits for Retry. */
  hasFailed: () => boolean;
};

export function createImportRetry(): ImportRetry {
  const waiting = new Set<() => void>();
  const listeners = new Set<() => void>();
  const emit = () => {
    for (const listener of listeners) listener();
  };

  function settle<T>(load: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve) => {
      const attempt = () => {
        load().then(
          (value) => resolve(value),
          () => {
            waiting.add(attempt);
            emit();
          },
        );
      };
      attempt();
    });
  }

  return {
    once: (load) => {
      let promise: ReturnType<typeof load> | undefined;
      return () => (promise ??= settle(load));
    },
    retry: () => {
      const attempts = [...waiting];
      waiting.clear();
      emit();
      for (const attempt of attempts) attempt();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hasFailed: () => waiting.size > 0,
  };
}

export function useImportFailed(imports: ImportRetry): boolean {
  return useSyncExternalStore(imports.subscribe, imports.hasFailed);
}
