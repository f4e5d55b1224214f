import { z } from 'zod/mini';
import { tokenCheckRequestSchema } from './lifecycle';

// Leaked-token intake: GitHub's secret-scanning partner format and "revoke a leaked token" for anyone
// holding one. See docs/decisions/011-leaked-token-intake.md.

/** The headers GitHub signs a partner report with: which of its keys, and the base64 DER ECDSA signature of the raw body. */
export const githubScanningHeaders = {
  keyId: 'Github-Public-Key-Identifier',
  signature: 'Github-Public-Key-Signature',
} as const;

/** The most matches one report may carry: each costs a digest and a lookup. GitHub sends small batches. */
export const maxLeakReportBatch = 500;
/** The largest report body read (before its signature is checked): the batch cap at ~1 kB per match. */
export const maxLeakReportBytes = 512 * 1024;

/** One match in GitHub's report: the secret, GitHub's name for its type, where it was found, and what kind of place. */
export const githubSecretMatchSchema = z.object({
  token: z.string().check(z.maxLength(1024)),
  type: z.string().check(z.maxLength(200)),
  url: z.optional(z.string().check(z.maxLength(2048))),
  source: z.optional(z.string().check(z.maxLength(200))),
});
export type GithubSecretMatch = z.infer<typeof githubSecretMatchSchema>;

export const githubSecretReportSchema = z.array(githubSecretMatchSchema).check(
  z.minLength(1, 'Send at least one match.'),
  z.maxLength(maxLeakReportBatch, `Send at most ${maxLeakReportBatch} matches at a time.`),
);

/** Per match, in the report's order: whether it is one of ours (revoked now, or already dead) or not. */
export const githubLeakLabels = ['true_positive', 'false_positive'] as const;
export const githubLeakFeedbackSchema = z.array(
  z.object({ token_raw: z.string(), token_type: z.string(), label: z.enum(githubLeakLabels) }),
);
export type GithubLeakFeedback = z.infer<typeof githubLeakFeedbackSchema>;

/** `POST /api/revoke-leaked`: the secret in the body, never a URL; the same rules as a pasted token. */
export const revokeLeakedRequestSchema = tokenCheckRequestSchema;
export type RevokeLeakedRequest = z.infer<typeof revokeLeakedRequestSchema>;

/**
 * The one answer to every well-formed report, whatever the token was (live, unknown, not a token,
 * already revoked): it tells nobody anything about the token.
 */
export const revokeLeakedAnswer = {
  message: 'Thank you. If this is a live Keyline token, it has been revoked and stops working at once.',
} as const;
export const revokeLeakedResponseSchema = z.object({ message: z.string() });
