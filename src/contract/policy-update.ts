import { z } from 'zod/mini';

// Its own module: only the policy editor (a chunk loaded on demand), the server and the mocks need it,
// and the admin review's first load should not carry the editor's validation.

const lifetime = (what: string) =>
  z
    .number({ error: `Enter the ${what} in days.` })
    .check(z.int('Use a whole number of days.'), z.minimum(1, 'At least 1 day.'), z.maximum(3650, 'At most 3650 days (10 years).'));

/**
 * Body of `PUT /api/policy`: the editable part of the policy (the prefix and the scope catalog are
 * server configuration). Scope ids are checked against the catalog by the server.
 */
export const updatePolicyRequestSchema = z
  .strictObject({
    defaultLifetimeDays: lifetime('default lifetime'),
    maxLifetimeDays: lifetime('maximum lifetime'),
    environments: z
      .array(
        z.object({
          id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,31}$/, 'Use 1–32 lowercase letters, digits or dashes, starting with a letter.')),
          label: z.string().check(z.trim(), z.minLength(1, 'Enter a label.'), z.maxLength(40, 'A label has at most 40 characters.')),
          tag: z.string().check(z.regex(/^[a-z0-9]{2,8}$/, 'Use 2–8 lowercase letters or digits.')),
        }),
      )
      .check(z.minLength(1, 'Keep at least one environment.'), z.maxLength(20, 'At most 20 environments.')),
    defaultEnvironment: z.string().check(z.minLength(1, 'Choose the default environment.')),
    allowedScopesByEnvironment: z.record(z.string(), z.array(z.string()).check(z.maxLength(64, 'At most 64 scopes.'))),
    maxActiveTokensPerUser: z.nullable(
      z.number().check(z.int('Use a whole number.'), z.minimum(1, 'At least 1, or no limit.'), z.maximum(10_000, 'At most 10000.')),
    ),
  })
  .check(z.superRefine((policy, ctx) => {
    if (policy.defaultLifetimeDays > policy.maxLifetimeDays) {
      ctx.addIssue({ code: 'custom', path: ['defaultLifetimeDays'], message: 'The default cannot be longer than the maximum.' });
    }
    const ids = new Set<string>();
    const tags = new Set<string>();
    policy.environments.forEach((environment, index) => {
      if (ids.has(environment.id)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'id'], message: 'Each environment needs its own id.' });
      if (tags.has(environment.tag)) ctx.addIssue({ code: 'custom', path: ['environments', index, 'tag'], message: 'Each environment needs its own tag.' });
      ids.add(environment.id);
      tags.add(environment.tag);
    });
    if (!ids.has(policy.defaultEnvironment)) {
      ctx.addIssue({ code: 'custom', path: ['defaultEnvironment'], message: 'Choose one of the environments.' });
    }
    for (const environmentId of Object.keys(policy.allowedScopesByEnvironment)) {
      if (!ids.has(environmentId)) {
        ctx.addIssue({ code: 'custom', path: ['allowedScopesByEnvironment', environmentId], message: 'No such environment.' });
      }
    }
  }));
export type UpdatePolicyRequest = z.infer<typeof updatePolicyRequestSchema>;
