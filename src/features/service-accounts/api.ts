import { mutationOptions, queryOptions } from '@tanstack/react-query';
import { paths } from '../../contract/paths';
import {
  serviceAccountListSchema,
  serviceAccountSchema,
  type CreateServiceAccountRequest,
  type ServiceAccountStatus,
  type UpdateServiceAccountRequest,
} from '../../contract/service-accounts';
import { api } from '../../lib/api-client';

/** Every service-account query under one root: the list, one account, and the people who may manage them. */
export const serviceAccountQueries = {
  all: () => ['service-accounts'] as const,
  /** Active ones unless asked for the deactivated ones (the navigation reads the active list). */
  list: (status: ServiceAccountStatus = 'active') =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'list', status],
      queryFn: ({ signal }) =>
        api.get(paths.serviceAccounts, { query: status === 'active' ? {} : { status }, schema: serviceAccountListSchema, signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'detail', id],
      queryFn: ({ signal }) => api.get(paths.serviceAccount(id), { schema: serviceAccountSchema, signal }),
    }),
  /** What deactivating would stop: its live tokens with their last use (admins). */
  deactivationPreview: (id: string) =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'deactivation', id],
      queryFn: async ({ signal }) => {
        // Only the deactivate dialog needs it: the preview's schema (with the people contract) loads with it.
        const { serviceAccountDeactivationPreviewSchema } = await import('../../contract/service-account-deactivation');
        return api.get(paths.serviceAccountDeactivation(id), { schema: serviceAccountDeactivationPreviewSchema, signal });
      },
      // Always what is live now: a preview from earlier could hide a token made since.
      staleTime: 0,
      gcTime: 0,
    }),
  /**
   * The people an admin can pick as managers: those who can sign in (active or invited), found by
   * part of their username. The managers editor is admins' only, so the people list is theirs to read.
   */
  candidates: (q: string) =>
    queryOptions({
      queryKey: [...serviceAccountQueries.all(), 'candidates', q],
      queryFn: async ({ signal }) => {
        // The navigation reads this module's list on every page: the people schema comes only with the picker.
        const { memberListSchema } = await import('../../contract/members');
        const page = await api.get(paths.users, { query: { q: q || undefined, limit: 20 }, schema: memberListSchema, signal });
        return page.members.filter((person) => person.status !== 'deactivated');
      },
      staleTime: 30_000,
    }),
};

export const serviceAccountMutations = {
  create: () =>
    mutationOptions({
      mutationKey: [...serviceAccountQueries.all(), 'create'],
      mutationFn: (request: CreateServiceAccountRequest) => api.post(paths.serviceAccounts, { body: request, schema: serviceAccountSchema }),
      meta: { invalidates: [serviceAccountQueries.all()] },
    }),
  update: () =>
    mutationOptions({
      mutationKey: [...serviceAccountQueries.all(), 'update'],
      mutationFn: ({ id, ...change }: UpdateServiceAccountRequest & { id: string }) =>
        api.patch(paths.serviceAccount(id), { body: change, schema: serviceAccountSchema }),
      meta: { invalidates: [serviceAccountQueries.all()] },
    }),
  /** Deactivating revokes its live tokens (its page, the admin review, usage): everything cached is refetched, as for a person. */
  setStatus: () =>
    mutationOptions({
      mutationKey: [...serviceAccountQueries.all(), 'status'],
      mutationFn: ({ id, status }: { id: string; status: ServiceAccountStatus }) =>
        api.patch(paths.serviceAccount(id), { body: { status }, schema: serviceAccountSchema }),
      meta: { invalidates: [[]] },
    }),
};
