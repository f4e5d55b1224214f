import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LoadError } from '../../../components/load-error';
import { LoadingRegion, Skeleton } from '../../../components/ui/skeleton';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { accountMutations, accountQueries } from '../api';
import { EmailNoticesForm } from './email-notices-form';

/** My email notice preferences: fetches and saves them, `EmailNoticesForm` shows them. */
export function EmailNoticesPanel() {
  const preferences = useQuery(accountQueries.notifications());
  const save = useMutation(accountMutations.saveNotifications());
  const [saved, setSaved] = useState(false);

  if (preferences.isPending) {
    return (
      <LoadingRegion label="Loading your email notices…" className="max-w-md space-y-3">
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-6 w-3/4" />
      </LoadingRegion>
    );
  }
  if (!preferences.data) {
    return <LoadError error={preferences.error} onRetry={() => void preferences.refetch()} isRetrying={preferences.isRefetching} subject="your email notices" />;
  }
  return (
    <EmailNoticesForm
      // A fresh form for what the server holds after a save.
      key={`${preferences.data.email ?? ''}|${preferences.data.expiryEmails}`}
      preferences={preferences.data}
      isSaving={save.isPending}
      saved={saved}
      saveError={
        save.isError ? { message: errorMessage(save.error), fields: isApiError(save.error) ? save.error.fields : {} } : null
      }
      onSave={(request) => {
        setSaved(false);
        save.mutate(request, { onSuccess: () => setSaved(true) });
      }}
    />
  );
}
