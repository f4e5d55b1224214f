import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { buttonVariants } from '../../components/ui/button';

export function NotFoundRoute() {
  return (
    <div>
      <p className="mb-2 text-sm font-semibold text-indigo-700 tabular-nums dark:text-indigo-300">404</p>
      <PageHeader
        title="Page not found"
        description="There’s nothing at this address. It may have moved, or the link may be mistyped."
      />
      <Link to="/" className={buttonVariants()}>
        Go to home
      </Link>
    </div>
  );
}
