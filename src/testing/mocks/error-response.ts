import { HttpResponse } from 'msw';
import { errorEnvelopeSchema, type ErrorType } from '../../contract/errors';

/** The API's one error envelope, e.g. for a failure in one test: `server.use(http.get(routes.apiKeys, () => errorResponse(...), { once: true }))`. */
export function errorResponse(status: number, type: ErrorType, message: string, fields?: Record<string, string>) {
  return HttpResponse.json(errorEnvelopeSchema.parse({ error: { type, message, fields } }), { status });
}

export const unauthenticated = () => errorResponse(401, 'authentication_error', 'Sign in to continue.');

/** A request schema's issues as the envelope's `fields`, as the server maps them: field path → its first message. */
export function issueFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.')] ??= issue.message;
  return fields;
}

/** The server's one answer to a member on an admin route, whatever the ids, filters or body. */
export const adminsOnly = () => errorResponse(403, 'permission_error', 'Only workspace admins can review everyone’s tokens.');
