import { http, HttpResponse } from 'msw';
import { checkApiKeyRequest } from '../../contract/api-key-rules';
import {
  approveDeviceRequestSchema,
  approveDeviceResponseSchema,
  denyDeviceRequestSchema,
  deviceLookupRequestSchema,
  deviceRequestSchema,
  deviceTokenName,
  formatUserCode,
  normalizeUserCode,
  type DeviceRequest,
} from '../../contract/device';
import { routes } from '../../contract/paths';
import { buildApiKey } from '../factories';
import { errorResponse, issueFields, unauthenticated } from './error-response';
import { store } from './store';

/** The one user code the mocks know, with the pending request it belongs to until decided. */
export const mockUserCode = 'WDJBMJHT';

export function mockDeviceRequest(): DeviceRequest {
  const now = Date.now();
  return deviceRequestSchema.parse({
    id: 'dev_1',
    userCode: formatUserCode(mockUserCode),
    clientName: 'keyline CLI 1.0.0',
    hostname: 'build-01',
    ip: '203.0.113.9',
    userAgent: 'keyline-cli/1.0.0',
    createdAt: new Date(now - 30_000).toISOString(),
    expiresAt: new Date(now + 570_000).toISOString(),
    environment: 'staging',
    scopes: ['read:projects'],
    expiresInDays: 30,
    tokenName: deviceTokenName('build-01'),
  });
}

const codeNotValid = () =>
  errorResponse(404, 'not_found_error', 'This code isn’t valid: check it against your terminal. Codes work once and for 10 minutes.');

// Decided once per store: `resetStore()` (after every test) makes a new token list, which makes the request pending again.
const decidedStores = new WeakSet<object>();
const decide = () => decidedStores.add(store.apiKeys);

const isPending = (userCode: string, id?: unknown) =>
  !decidedStores.has(store.apiKeys) && normalizeUserCode(userCode) === mockUserCode && (id === undefined || id === 'dev_1');

export const deviceHandlers = [
  http.post(routes.deviceLookup, async ({ request }) => {
    if (!store.signedIn) return unauthenticated();
    const body = deviceLookupRequestSchema.safeParse(await request.json());
    if (!body.success || !isPending(body.data.userCode)) return codeNotValid();
    return HttpResponse.json(mockDeviceRequest());
  }),
  http.post(routes.deviceApprove, async ({ request, params }) => {
    if (!store.signedIn) return unauthenticated();
    const body = approveDeviceRequestSchema.safeParse(await request.json());
    if (!body.success) return errorResponse(400, 'invalid_request_error', 'Check the highlighted fields.', issueFields(body.error.issues));
    if (!isPending(body.data.userCode, params.id)) return codeNotValid();
    const rules = checkApiKeyRequest({ ...body.data, name: deviceTokenName('build-01') }, store.policy, new Date());
    if (!rules.ok) return errorResponse(422, 'invalid_request_error', 'Check the highlighted fields.', rules.fields);
    decide();
    const apiKey = buildApiKey({
      name: deviceTokenName('build-01'),
      environment: rules.value.environment.id,
      scopes: rules.value.scopes,
      expiresAt: rules.value.expiresAt.toISOString(),
      lastUsedAt: null,
      owner: { id: store.user.id, username: store.user.username },
    });
    store.apiKeys.push(apiKey);
    return HttpResponse.json(approveDeviceResponseSchema.parse({ apiKey }));
  }),
  http.post(routes.deviceDeny, async ({ request, params }) => {
    if (!store.signedIn) return unauthenticated();
    const body = denyDeviceRequestSchema.safeParse(await request.json());
    if (!body.success || !isPending(body.data.userCode, params.id)) return codeNotValid();
    decide();
    return new HttpResponse(null, { status: 204 });
  }),
];
