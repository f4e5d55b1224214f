import { z } from 'zod/mini';
import { envTagPattern } from './token-format';

export const scopeAccessSchema = z.enum(['read', 'write']);
export type ScopeAccess = z.infer<typeof scopeAccessSchema>;

/** One entry of the scope catalog, e.g. `write:projects`. `write:x` implies `read:x`. */
export const scopeSchema = z.object({
  id: z.string(),
  resource: z.string(),
  access: scopeAccessSchema,
  description: z.string(),
});
export type Scope = z.infer<typeof scopeSchema>;

/** An environment a token is made for; `tag` is the part of the secret after the prefix. */
export const environmentSchema = z.object({
  id: z.string(),
  label: z.string(),
  tag: z.string().check(z.regex(envTagPattern)),
});
export type Environment = z.infer<typeof environmentSchema>;

export const policySchema = z.object({
  tokenPrefix: z.string(),
  defaultLifetimeDays: z.int().check(z.positive()),
  maxLifetimeDays: z.int().check(z.positive()),
  environments: z.array(environmentSchema),
  defaultEnvironment: z.string(),
  scopes: z.array(scopeSchema),
  /** Scope ids allowed per environment id; an environment missing here allows the whole catalog. */
  allowedScopesByEnvironment: z.record(z.string(), z.array(z.string())),
  /** Most active tokens one user may hold; null means no limit. */
  maxActiveTokensPerUser: z.nullable(z.int().check(z.positive())),
  /**
   * Admins only: ids of the environments some token (any status) was made for. Their id and tag are
   * part of those tokens and secrets, so the editor does not let them change.
   */
  environmentsInUse: z.optional(z.array(z.string())),
});
export type Policy = z.infer<typeof policySchema>;

const resources = ['projects', 'workflows', 'security', 'deployments'] as const;

const resourceDescriptions: Record<(typeof resources)[number], { read: string; write: string }> = {
  projects: { read: 'See projects and their settings', write: 'Create, change and delete projects' },
  workflows: { read: 'See workflows and their runs', write: 'Create, change and run workflows' },
  security: { read: 'See security findings and settings', write: 'Change security settings and dismiss findings' },
  deployments: { read: 'See deployments and their status', write: 'Create and roll back deployments' },
};

// Pure: a bundle that never reads the default catalog (the SPA gets the policy from the API) drops it.
export const defaultScopeCatalog: Scope[] = /* @__PURE__ */ resources.flatMap((resource) =>
  (['read', 'write'] as const).map((access) => ({
    id: `${access}:${resource}`,
    resource,
    access,
    description: resourceDescriptions[resource][access],
  })),
);

export const defaultEnvironments: Environment[] = [
  { id: 'development', label: 'Development', tag: 'dev' },
  { id: 'staging', label: 'Staging', tag: 'stg' },
  { id: 'production', label: 'Production', tag: 'prod' },
];

export const defaultPolicy: Policy = {
  tokenPrefix: 'kl',
  defaultLifetimeDays: 30,
  maxLifetimeDays: 365,
  environments: defaultEnvironments,
  defaultEnvironment: 'development',
  scopes: defaultScopeCatalog,
  allowedScopesByEnvironment: {},
  maxActiveTokensPerUser: null,
};

/** Adds the `read:x` every `write:x` implies and orders the result as the catalog does. */
export function withImpliedScopes(scopes: readonly string[], catalog: readonly Scope[]): string[] {
  const wanted = new Set(scopes);
  for (const scope of scopes) {
    const [access, resource] = scope.split(':');
    if (access === 'write' && resource) wanted.add(`read:${resource}`);
  }
  const ordered = catalog.map((s) => s.id).filter((id) => wanted.has(id));
  const unknown = [...wanted].filter((id) => !catalog.some((s) => s.id === id));
  return [...ordered, ...unknown];
}
