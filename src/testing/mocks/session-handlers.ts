import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { meResponseSchema, signInRequestSchema, signInResponseSchema } from '../../contract/users';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store, testPassword } from './store';

/** Sign in as the store's user with `testPassword`, sign out, and who am I. */
export const sessionHandlers = [
  http.post(routes.session, async ({ request }) => {
    const body = signInRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (body.data.username !== store.user.username || body.data.password !== testPassword) {
      return errorResponse(401, 'authentication_error', 'Incorrect username or password.');
    }
    store.signedIn = true;
    return HttpResponse.json(signInResponseSchema.parse({ user: store.user }));
  }),

  http.delete(routes.session, () => {
    store.signedIn = false;
    return new HttpResponse(null, { status: 204 });
  }),

  http.get(routes.me, () => {
    if (!store.signedIn) return unauthenticated();
    return HttpResponse.json(meResponseSchema.parse({ user: store.user, auth: { method: 'session' } }));
  }),
];
