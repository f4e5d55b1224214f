import type { Environment } from '../../../contract/policy';
import type { ApiKey } from '../../../contract/tokens';
import { EnvironmentBadge } from './environment-badge';
import { ScopeList } from './scope-list';
import { CreatedTime, ExpiryTime, LastUsedTime } from './token-time';

/** A token's settings as a definition list: environment, description, scopes and its times. */
export function TokenSettings({ token, environments, now }: { token: ApiKey; environments: readonly Environment[] | undefined; now: Date }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[auto_1fr]">
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">Environment</dt>
      <dd>
        <EnvironmentBadge id={token.environment} environments={environments} />
      </dd>
      {token.description ? (
        <>
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">Description</dt>
          <dd className="break-words text-zinc-900 dark:text-zinc-100">{token.description}</dd>
        </>
      ) : null}
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">Scopes</dt>
      <dd>
        <ScopeList scopes={token.scopes} />
      </dd>
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">Created</dt>
      <dd className="text-zinc-900 dark:text-zinc-100">
        <CreatedTime createdAt={token.createdAt} now={now} />
      </dd>
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">Last used</dt>
      <dd className="text-zinc-900 dark:text-zinc-100">
        <LastUsedTime lastUsedAt={token.lastUsedAt} now={now} />
      </dd>
      <dt className="font-medium text-zinc-600 dark:text-zinc-400">Expires</dt>
      <dd className="text-zinc-900 dark:text-zinc-100">
        <ExpiryTime token={token} now={now} />
      </dd>
    </dl>
  );
}
