import { paths } from '../../../contract/paths';
import { ssoButtonLabel, ssoStartUrl } from '../../../contract/sso';
import { buttonVariants } from '../../../components/ui/button';

type SsoSignInProps = {
  providerName: string;
  /** Where to land once signed in: a path on this site (already checked by the page). */
  returnTo: string;
};

/**
 * "Sign in with <provider>" above the password form. A link, not a fetch: the browser itself goes
 * to the provider and comes back, so nothing of the exchange passes through the page.
 */
export function SsoSignIn({ providerName, returnTo }: SsoSignInProps) {
  return (
    <div className="space-y-5">
      <a href={ssoStartUrl(paths.ssoStart, returnTo)} className={buttonVariants({ variant: 'secondary', className: 'w-full' })}>
        {ssoButtonLabel(providerName)}
      </a>
      <p className="flex items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        or with your password
        <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
      </p>
    </div>
  );
}
