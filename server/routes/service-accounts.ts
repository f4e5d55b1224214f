import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import {
  createServiceAccountRequestSchema,
  serviceAccountMessages,
  updateServiceAccountRequestSchema,
  type ServiceAccount,
  type ServiceAccountList,
} from '../../src/contract/service-accounts';
import type { AppDeps, AppEnv } from '../context';
import { findServiceAccount, insertServiceAccount, listServiceAccounts, updateServiceAccount, type ServiceAccountWriteResult } from '../db/service-accounts';
import { invalidFields, notFound, rejectInvalid } from '../errors';
import { requireAdminTo, requireSession } from '../middleware/auth';

const requireAdmin = requireAdminTo('create and change service accounts');

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
    // Admins see all; everyone else the ones they manage (none: an empty list, not a refusal).
    .get('/', async (c) => {
      const caller = c.get('caller').user;
      const data = await listServiceAccounts(deps.db, caller.role === 'admin' ? null : caller.id, deps.clock.now());
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
    .patch('/:id', requireAdmin, zValidator('json', updateServiceAccountRequestSchema, rejectInvalid), async (c) => {
      const change = c.req.valid('json');
      if (Object.keys(change).length === 0) throw invalidFields(422, { name: 'Send a name, description, managers or permissions.' }, serviceAccountMessages.nothingToChange);
      const id = c.req.param('id');
      const result = await updateServiceAccount(deps.db, id, {
        ...change,
        description: change.description === undefined ? undefined : change.description || null,
      });
      const refused = refusal(result, change.name);
      if (refused) throw refused;
      const account = await findServiceAccount(deps.db, id, null, deps.clock.now());
      if (!account) throw notFound();
      deps.logger.info('Service account changed', { by: c.get('caller').user.id, serviceAccount: id, fields: Object.keys(change) });
      return c.json(account satisfies ServiceAccount, 200);
    });
