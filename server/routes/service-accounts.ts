import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { recentUseDays } from '../../src/contract/members';
import {
  createServiceAccountRequestSchema,
  serviceAccountListQuerySchema,
  serviceAccountMessages,
  updateServiceAccountRequestSchema,
  type ServiceAccount,
  type ServiceAccountList,
} from '../../src/contract/service-accounts';
import type { ServiceAccountDeactivationPreview } from '../../src/contract/service-account-deactivation';
import type { AppDeps, AppEnv } from '../context';
import { listLiveTokens } from '../db/members';
import {
  findServiceAccount,
  insertServiceAccount,
  listServiceAccounts,
  setServiceAccountStatus,
  updateServiceAccount,
  type ServiceAccountWriteResult,
} from '../db/service-accounts';
import { invalidFields, notFound, rejectInvalid } from '../errors';
import { requireAdminTo, requireSession } from '../middleware/auth';

const requireAdmin = requireAdminTo('create, change and deactivate service accounts');
const dayMs = 24 * 60 * 60 * 1000;

/** The write's refusals as the one error envelope; null when it went through. */
function refusal(result: ServiceAccountWriteResult, name: string | undefined) {
  if (result.ok) return null;
  if (result.reason === 'not_found') return notFound();
  if (result.reason === 'name_taken') return invalidFields(422, { name: serviceAccountMessages.nameTaken(name ?? '') });
  return invalidFields(422, { managerIds: serviceAccountMessages.notAPerson });
}

export const serviceAccountRoutes = (deps: AppDeps) =>
  new Hono<AppEnv>()
    // A session, not a token: a leaked token must never be able to hand itself a service account's rights.
    .use(requireSession(deps))
    // Admins see all; everyone else the ones they manage (none: an empty list, not a refusal). Active ones unless asked.
    .get('/', zValidator('query', serviceAccountListQuerySchema, rejectInvalid), async (c) => {
      const caller = c.get('caller').user;
      const { status } = c.req.valid('query');
      const data = await listServiceAccounts(deps.db, caller.role === 'admin' ? null : caller.id, deps.clock.now(), status);
      return c.json({ data } satisfies ServiceAccountList, 200);
    })
    .post('/', requireAdmin, zValidator('json', createServiceAccountRequestSchema, rejectInvalid), async (c) => {
      const request = c.req.valid('json');
      const admin = c.get('caller').user;
      const now = deps.clock.now();
      const result = await insertServiceAccount(deps.db, {
        name: request.name,
        description: request.description || null,
        managerIds: request.managerIds ?? [],
        permissions: request.permissions ?? [],
        createdBy: admin.id,
        now,
      });
      const refused = refusal(result, request.name);
      if (refused || !result.ok) throw refused ?? notFound();
      const account = await findServiceAccount(deps.db, result.id, null, now);
      if (!account) throw notFound();
      deps.logger.info('Service account created', { by: admin.id, serviceAccount: account.id });
      return c.json(account satisfies ServiceAccount, 201);
    })
    // What isn't the caller's answers as if it did not exist: nothing to learn by probing.
    .get('/:id', async (c) => {
      const caller = c.get('caller').user;
      const account = await findServiceAccount(deps.db, c.req.param('id'), caller.role === 'admin' ? null : caller.id, deps.clock.now());
      if (!account) throw notFound();
      return c.json(account satisfies ServiceAccount, 200);
    })
    // What deactivating stops: its live tokens with their last use, the offboarding preview's list.
    .get('/:id/deactivation', requireAdmin, async (c) => {
      const now = deps.clock.now();
      const account = await findServiceAccount(deps.db, c.req.param('id'), null, now);
      if (!account) throw notFound();
      const tokens = await listLiveTokens(deps.db, account.id, now);
      const recentSince = now.getTime() - recentUseDays * dayMs;
      const recentlyUsed = tokens.filter((token) => token.lastUsedAt !== null && Date.parse(token.lastUsedAt) >= recentSince).length;
      return c.json({ serviceAccount: account, tokens, recentlyUsed } satisfies ServiceAccountDeactivationPreview, 200);
    })
    .patch('/:id', requireAdmin, zValidator('json', updateServiceAccountRequestSchema, rejectInvalid), async (c) => {
      const change = c.req.valid('json');
      if (Object.keys(change).length === 0) throw invalidFields(422, { name: 'Send a name, description, managers or permissions.' }, serviceAccountMessages.nothingToChange);
      const id = c.req.param('id');
      const admin = c.get('caller').user;
      const { status, ...details } = change;
      if (Object.keys(details).length > 0) {
        const result = await updateServiceAccount(deps.db, id, {
          ...details,
          description: details.description === undefined ? undefined : details.description || null,
        });
        const refused = refusal(result, details.name);
        if (refused) throw refused;
      }
      if (status !== undefined) {
        const result = await setServiceAccountStatus(deps.db, id, status, admin.id, deps.clock.now());
        if (!result.ok) throw notFound();
        if (status === 'deactivated') deps.logger.info('Service account deactivated', { by: admin.id, serviceAccount: id, revokedTokens: result.revokedTokens });
      }
      const account = await findServiceAccount(deps.db, id, null, deps.clock.now());
      if (!account) throw notFound();
      deps.logger.info('Service account changed', { by: admin.id, serviceAccount: id, fields: Object.keys(change) });
      return c.json(account satisfies ServiceAccount, 200);
    });
