import { accountHandlers } from './account-handlers';
import { notificationPreferenceHandlers } from './notification-preference-handlers';
import { adminHandlers } from './admin-handlers';
import { apiKeyHandlers } from './api-key-handlers';
import { deviceHandlers } from './device-handlers';
import { leakHandlers } from './leak-handlers';
import { lifecycleHandlers } from './lifecycle-handlers';
import { memberHandlers } from './member-handlers';
import { policyHandlers } from './policy-handlers';
import { serviceAccountHandlers } from './service-account-handlers';
import { sessionHandlers } from './session-handlers';
import { webhookHandlers } from './webhook-handlers';
import { ssoHandlers } from './sso-handlers';
import { usageHandlers } from './usage-handlers';

/**
 * The happy path of the whole API over the in-memory store, for the tests' server and the demo's
 * worker alike. A test that needs a failure adds it with `server.use(...)`.
 */
export const handlers = [...sessionHandlers, ...apiKeyHandlers, ...lifecycleHandlers, ...adminHandlers, ...policyHandlers, ...memberHandlers, ...deviceHandlers, ...accountHandlers, ...leakHandlers, ...webhookHandlers, ...ssoHandlers, ...usageHandlers, ...serviceAccountHandlers, ...notificationPreferenceHandlers];
