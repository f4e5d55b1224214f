import { useQuery, type QueryClient } from '@tanstack/react-query';
import { PageHeader } from '../../components/page-header';
import { accountQueries } from '../../features/account/api';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';
import { authQueries } from '../../features/auth/api';
import { EmailNoticesPanel } from '../../features/account/components/email-notices-panel';
import { SessionsPanel } from '../../features/account/components/sessions-panel';
import { useNow } from '../../lib/use-now';
import { useSignedInUser } from '../layouts/app-layout';

export const accountSecurityLoader = (queryClient: QueryClient) => (): null => {
  void queryClient.prefetchQuery(accountQueries.sessions());
  void queryClient.prefetchQuery(accountQueries.notifications());
  return null;
};

const sectionTitle = 'text-base font-semibold text-zinc-900 dark:text-white';

/** My account → Security: my password, where I am signed in, and the email notices about my tokens. */
export function AccountSecurityRoute() {
  const user = useSignedInUser();
  const now = useNow();
  // With password sign-in off, people sign in through the provider alone: there is no password here to change.
  const sso = useQuery(authQueries.sso()).data;
  const passwordSignIn = !sso?.provider || sso.passwordSignIn;
  return (
    <>
      <PageHeader
        title="Security"
        description={
          passwordSignIn
            ? 'Your password, the places you are signed in, and where Keyline emails you about your tokens. Changing your password signs out every other session.'
            : `The places you are signed in and where Keyline emails you about your tokens. You sign in through ${sso?.provider?.name ?? 'your provider'}, so your password is managed there.`
        }
      />
      <div className="space-y-10">
        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" className={sectionTitle}>
            Where you’re signed in
          </h2>
          <p className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-400">
            {passwordSignIn ? 'Sign out of any session you don’t recognise, then change your password.' : 'Sign out of any session you don’t recognise.'}
          </p>
          <SessionsPanel now={now} />
        </section>
        {passwordSignIn ? (
          <section aria-labelledby="password-heading" className="border-t border-zinc-200 pt-8 dark:border-zinc-800">
            <h2 id="password-heading" className={`${sectionTitle} mb-4`}>
              Change password
            </h2>
            <ChangePasswordForm username={user.username} />
          </section>
        ) : null}
        <section aria-labelledby="email-notices-heading" className="border-t border-zinc-200 pt-8 dark:border-zinc-800">
          <h2 id="email-notices-heading" className={sectionTitle}>
            Email notices
          </h2>
          <p className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-400">Where Keyline tells you about your tokens.</p>
          <EmailNoticesPanel />
        </section>
      </div>
    </>
  );
}
