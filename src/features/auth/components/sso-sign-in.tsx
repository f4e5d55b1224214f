import { paths } from '../../../contract/paths';
import { ssoButtonLabel, ssoStartUrl } from '../../../contract/sso';
import { buttonVariants } from '../../../components/ui/button';

type SsoSignInProps = {
  providerName: string;
  /** Where to land once signed in: a path on this site (already checked by the page). */
  returnTo: string;
  /** A password form follows (password sign-in is on): say so between the two. */
  passwordFollows?: boolean;
};

/**
 * "Sign in with <provider>", above the password form or alone when password sign-in is off. A link,
 * not a fetch: the browser itself goes to the provider and comes back, so nothing of the exchange
 * passes through the page.
 */
export function SsoSignIn({ providerName, returnTo, passwordFollows = true }: SsoSignInProps) {
  return (
    <div className="space-y-5">
      <a
        href={ssoStartUrl(paths.ssoStart, returnTo)}
        className={buttonVariants({ variant: passwordFollows ? 'secondary' : 'primary', className: 'w-full' })}
      >
        {ssoButtonLabel(providerName)}
      </a>
      {passwordFollows ? (
        <p className="flex items-center gap-3 text-xs text-zinc-600 dark:text-zinc-400">
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          or with your password
          <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
        </p>
      ) : null}
    </div>
  );
}
