import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { PageHeader } from '../components/page-header';
import { Button, buttonVariants } from '../components/ui/button';
import { isApiError } from '../lib/api-client';
import { NotFoundRoute } from './routes/not-found';

/**
 * A route's `errorElement`: a calm message and a way out. Never shows the error itself
 * (no stack traces) — only an API error's message, which is written for people.
 */
export function RouteError({ standalone = false }: { standalone?: boolean }) {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;

  const content = notFound ? (
    <NotFoundRoute />
  ) : (
    <div>
      <PageHeader
        title="Something went wrong"
        description={
          isApiError(error)
            ? error.message
            : 'This page ran into a problem and couldn’t be shown. Trying again usually helps.'
        }
      />
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => window.location.reload()}>Try again</Button>
        <Link to="/" className={buttonVariants({ variant: 'secondary' })}>
          Go to home
        </Link>
      </div>
    </div>
  );

  if (!standalone) return content;
  return <main className="mx-auto max-w-xl px-4 py-16 sm:py-24">{content}</main>;
}
