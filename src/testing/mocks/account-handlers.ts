import { http, HttpResponse } from 'msw';
import {
  accountSessionListSchema,
  changePasswordRequestSchema,
  changePasswordResponseSchema,
  signOutOthersResponseSchema,
} from '../../contract/account';
import { routes } from '../../contract/paths';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store, testPassword } from './store';

const notFound = () => errorResponse(404, 'not_found_error', 'Not found.');

/** My account: my sessions over `store.accountSessions`, and a password change checked against `testPassword`. */
export const accountHandlers = [
  http.get(routes.accountSessions, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(accountSessionListSchema.parse({ sessions: store.accountSessions }));
  }),

  http.delete(routes.accountSession, ({ params }) => {
    if (!store.signedIn) return unauthenticated();
    const session = store.accountSessions.find((s) => s.id === params.id);
    if (!session) return notFound();
    if (session.current) return errorResponse(409, 'invalid_request_error', 'This is the session you are using. Sign out from the account menu instead.');
    store.accountSessions = store.accountSessions.filter((s) => s !== session);
    return new HttpResponse(null, { status: 204 });
  }),

  http.delete(routes.accountSessions, () => {
    if (!store.signedIn) return unauthenticated();
    const signedOut = store.accountSessions.filter((s) => !s.current).length;
    store.accountSessions = store.accountSessions.filter((s) => s.current);
    return HttpResponse.json(signOutOthersResponseSchema.parse({ signedOut }));
  }),

  http.post(routes.accountPassword, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = changePasswordRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (body.data.currentPassword !== testPassword) {
      return errorResponse(422, 'invalid_request_error', 'Your current password is not right.', { currentPassword: 'That is not your current password.' });
    }
    const signedOut = store.accountSessions.filter((s) => !s.current).length;
    store.accountSessions = store.accountSessions.filter((s) => s.current);
    return HttpResponse.json(changePasswordResponseSchema.parse({ signedOut }));
  }),
];
