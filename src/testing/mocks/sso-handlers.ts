import { http, HttpResponse } from 'msw';
import { routes } from '../../contract/paths';
import { ssoInfoSchema } from '../../contract/sso';

/** Single sign-on is off by default, as on a fresh server; a test that needs it on says so with `server.use(...)`. */
export const ssoHandlers = [http.get(routes.sso, () => HttpResponse.json(ssoInfoSchema.parse({ provider: null, passwordSignIn: true })))];
