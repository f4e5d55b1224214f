import { mutationOptions, queryOptions } from '@tanstack/react-query';
import {
  accountSessionListSchema,
  changePasswordResponseSchema,
  signOutOthersResponseSchema,
  type ChangePasswordRequest,
} from '../../contract/account';
import { notificationPreferencesSchema, type UpdateNotificationPreferencesRequest } from '../../contract/notification-preferences';
import { paths } from '../../contract/paths';
import { api } from '../../lib/api-client';

/** My account: where I am signed in. */
export const accountQueries = {
  all: () => ['account'] as const,
  sessions: () =>
    queryOptions({
      queryKey: [...accountQueries.all(), 'sessions'],
      queryFn: ({ signal }) => api.get(paths.accountSessions, { schema: accountSessionListSchema, signal }),
    }),
  /** Where my email notices go, and whether I get expiry reminders. */
  notifications: () =>
    queryOptions({
      queryKey: [...accountQueries.all(), 'notifications'],
      queryFn: ({ signal }) => api.get(paths.accountNotifications, { schema: notificationPreferencesSchema, signal }),
    }),
};

export const accountMutations = {
  saveNotifications: () =>
    mutationOptions({
      mutationKey: [...accountQueries.all(), 'save-notifications'],
      mutationFn: (request: UpdateNotificationPreferencesRequest) =>
        api.put(paths.accountNotifications, { body: request, schema: notificationPreferencesSchema }),
      meta: { invalidates: [accountQueries.notifications().queryKey] },
    }),
  signOutSession: () =>
    mutationOptions({
      mutationKey: [...accountQueries.all(), 'sign-out-session'],
      mutationFn: (id: string) => api.delete(paths.accountSession(id)),
      meta: { invalidates: [accountQueries.all()] },
    }),
  signOutOthers: () =>
    mutationOptions({
      mutationKey: [...accountQueries.all(), 'sign-out-others'],
      mutationFn: () => api.delete(paths.accountSessions, { schema: signOutOthersResponseSchema }),
      meta: { invalidates: [accountQueries.all()] },
    }),
  /** Its variables are both passwords: `gcTime: 0`, so they leave the cache as soon as the form does. */
  changePassword: () =>
    mutationOptions({
      mutationKey: [...accountQueries.all(), 'change-password'],
      mutationFn: (request: ChangePasswordRequest) => api.post(paths.accountPassword, { body: request, schema: changePasswordResponseSchema }),
      gcTime: 0,
      // Every other session ended: the list shrinks to this one.
      meta: { invalidates: [accountQueries.all()] },
    }),
};
