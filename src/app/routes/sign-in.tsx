import { useQuery } from '@tanstack/react-query';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ssoErrorMessage, ssoErrorParam } from '../../contract/sso';
import { Alert } from '../../components/ui/alert';
import { Card, CardBody } from '../../components/ui/card';
import { Wordmark } from '../../components/wordmark';
import { authQueries } from '../../features/auth/api';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { SsoSignIn } from '../../features/auth/components/sso-sign-in';
import { safeNextPath } from '../../features/auth/utils/safe-next-path';
import { readSignInState } from '../../features/auth/utils/sign-in-state';
import { DemoCredentialsNote, useDemoCredentials } from '../demo';

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const navigate = useNavigate();
  const expired = readSignInState(useLocation().state);
  // Already signed in? Then this page has nothing to do. (A 401 here is expected and ignored.)
  const me = useQuery(authQueries.me());
  const demo = useDemoCredentials();
  // Off, still loading or unreachable: the password form is there either way, unless the server says there is no password sign-in.
  const sso = useQuery(authQueries.sso()).data;
  const ssoProvider = sso?.provider ?? null;
  const passwordSignIn = !ssoProvider || sso?.passwordSignIn !== false;
  // Back from the provider without being signed in: the code says why.
  const ssoError = ssoErrorMessage(searchParams.get(ssoErrorParam), ssoProvider?.name ?? 'Your sign-in provider', passwordSignIn);

  if (me.data) return <Navigate to={next} replace />;

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <title>Sign in · Keyline</title>
      <div className="w-full max-w-sm">
        <Wordmark className="mb-8" />
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-white">Sign in</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">
          Manage the tokens your tools and pipelines use to call the API.
        </p>
        {import.meta.env.MODE === 'demo' && demo ? <DemoCredentialsNote credentials={demo} /> : null}
        {ssoError ? (
          <Alert tone="error" title="You were not signed in" className="mb-4">
            {ssoError}
          </Alert>
        ) : null}
        {expired ? (
          <Alert title="Your session expired" className="mb-4">
            Sign in again to carry on where you were; what you were typing is kept.
          </Alert>
        ) : null}
        <Card>
          <CardBody className="space-y-5 p-6">
            {ssoProvider ? <SsoSignIn providerName={ssoProvider.name} returnTo={next} passwordFollows={passwordSignIn} /> : null}
            {passwordSignIn ? <SignInForm username={expired?.username} onSignedIn={() => void navigate(next, { replace: true })} /> : null}
          </CardBody>
        </Card>
      </div>
    </main>
  );
}
