import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { inviteCodePattern } from '../../contract/members';
import { Alert } from '../../components/ui/alert';
import { Card, CardBody } from '../../components/ui/card';
import { LoadingRegion, Skeleton } from '../../components/ui/skeleton';
import { Wordmark } from '../../components/wordmark';
import { authQueries } from '../../features/auth/api';
import { SsoSignIn } from '../../features/auth/components/sso-sign-in';
import { defaultSignedInPath } from '../../features/auth/utils/safe-next-path';
import { memberQueries } from '../../features/members/api';
import { AcceptInviteForm } from '../../features/members/components/accept-invite-form';
import { isApiError } from '../../lib/api-client';

/** `/invite/<code>`: an invite or password-reset link. Outside the signed-in shell; success signs in. */
export function InviteRoute() {
  const code = useParams().code ?? '';
  const wellFormed = inviteCodePattern.test(code);
  const invite = useQuery({ ...memberQueries.invite(code), enabled: wellFormed });
  const navigate = useNavigate();
  // With password sign-in off there is no password to choose: the provider's first sign-in links the person instead.
  const sso = useQuery(authQueries.sso()).data;
  const providerOnly = sso?.provider && sso.passwordSignIn === false ? sso.provider : null;

  const invalid = !wellFormed || (isApiError(invite.error) && invite.error.status === 404);
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <title>{invite.data?.purpose === 'password_reset' ? 'Set a new password · Keyline' : 'Join · Keyline'}</title>
      <div className="w-full max-w-sm">
        <Wordmark className="mb-8" />
        {invalid ? (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">This link doesn’t work any more</h1>
            <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Links work once and for 7 days, and a newer link replaces an older one. Ask an admin of your workspace for a new one.
            </p>
          </>
        ) : invite.isError ? (
          <Alert tone="error" title="Couldn’t open this link">
            {isApiError(invite.error) ? invite.error.message : 'Something went wrong.'} Reload the page to try again.
          </Alert>
        ) : !invite.data ? (
          <LoadingRegion label="Opening your link…">
            <Skeleton className="h-8 w-2/3" />
            <Skeleton className="mt-6 h-56 w-full" />
          </LoadingRegion>
        ) : (
          <>
            <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">
              {invite.data.purpose === 'invite' ? `Welcome, ${invite.data.username}` : `New password for ${invite.data.username}`}
            </h1>
            <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
              {providerOnly
                ? `This workspace signs in through ${providerOnly.name}: there is no password to choose. Sign in there as ${invite.data.username}${invite.data.purpose === 'invite' ? ' to finish joining' : ''}.`
                : invite.data.purpose === 'invite'
                  ? 'Choose a password to finish joining. You are signed in right after.'
                  : 'Choose a new password. Every other session of yours is signed out.'}
            </p>
            <Card>
              <CardBody className="p-6">
                {providerOnly ? (
                  <SsoSignIn providerName={providerOnly.name} returnTo={defaultSignedInPath} passwordFollows={false} />
                ) : (
                  <AcceptInviteForm code={code} invite={invite.data} onAccepted={() => void navigate(defaultSignedInPath, { replace: true })} />
                )}
              </CardBody>
            </Card>
          </>
        )}
      </div>
    </main>
  );
}
