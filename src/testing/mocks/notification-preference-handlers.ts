import { http, HttpResponse } from 'msw';
import {
  noticeAddressOf,
  notificationPreferencesSchema,
  updateNotificationPreferencesRequestSchema,
} from '../../contract/notification-preferences';
import { routes } from '../../contract/paths';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

const current = () =>
  notificationPreferencesSchema.parse({
    ...store.notificationPreferences,
    address: noticeAddressOf({ username: store.user.username, email: store.notificationPreferences.email }),
  });

/** My email notice preferences over `store.notificationPreferences`, checked with the contract's schema. */
export const notificationPreferenceHandlers = [
  http.get(routes.accountNotifications, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(current());
  }),

  http.put(routes.accountNotifications, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = updateNotificationPreferencesRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    store.notificationPreferences = { ...store.notificationPreferences, ...body.data };
    return HttpResponse.json(current());
  }),
];
