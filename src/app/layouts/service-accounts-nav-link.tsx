import { useQuery } from '@tanstack/react-query';
import { serviceAccountQueries } from '../../features/service-accounts/api';
import { MainNavLink } from './main-nav-link';

/**
 * A member's link to the service accounts they manage, shown once they manage one (admins always have
 * the link). Its own chunk: the service-account contract is not part of every page's first load.
 */
export function ServiceAccountsNavLink() {
  const managed = useQuery(serviceAccountQueries.list());
  if ((managed.data?.data.length ?? 0) === 0) return null;
  return (
    <li>
      <MainNavLink to="/settings/service-accounts">Service accounts</MainNavLink>
    </li>
  );
}
