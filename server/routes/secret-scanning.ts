import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import {
  githubLeakFeedbackSchema,
  githubScanningHeaders,
  githubSecretReportSchema,
  maxLeakReportBytes,
  type GithubLeakFeedback,
} from '../../src/contract/leaks';
import type { AppDeps, AppEnv } from '../context';
import { ApiError, fromZodError } from '../errors';
import { verifyGithubSignature, type GithubScanningKeys } from '../leaks/github-keys';
import { stopLeakedSecret } from '../leaks/intake';

/** Text a report gives us to keep (the place, the source): control characters (NUL among them) never reach the database. */
const keepable = (text: string | undefined) =>
  text ? [...text].filter((char) => char >= ' ' && char !== '\u007f').join('') || null : null;

const notSignedByGithub = () =>
  new ApiError(401, 'authentication_error', `Sign the report: ${githubScanningHeaders.keyId} must name a configured GitHub key and ${githubScanningHeaders.signature} sign the exact body.`);

/**
 * GitHub's secret-scanning partner endpoint: GitHub found Keyline secrets somewhere public and reports
 * them. Nothing is read but the signature until it checks out over the raw body; then every reported
 * secret of ours is stopped at once, and GitHub hears which matches were ours (its feedback format).
 * No session and no CSRF header: the signature is the credential (see app.ts).
 */
export const secretScanningRoutes = (deps: AppDeps, keys: GithubScanningKeys) =>
  new Hono<AppEnv>().post(
    '/github',
    bodyLimit({
      maxSize: maxLeakReportBytes,
      onError: () => {
        throw new ApiError(413, 'invalid_request_error', `The report is larger than ${maxLeakReportBytes / 1024} KB: send fewer matches at a time.`);
      },
    }),
    async (c) => {
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (!verifyGithubSignature(keys, c.req.header(githubScanningHeaders.keyId), c.req.header(githubScanningHeaders.signature), body)) {
        throw notSignedByGithub();
      }
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
      } catch {
        throw new ApiError(400, 'invalid_request_error', 'The report must be a JSON array of {token, type, url, source}.');
      }
      const report = githubSecretReportSchema.safeParse(json);
      if (!report.success) throw fromZodError(report.error);
      const now = deps.clock.now();
      const feedback: GithubLeakFeedback = [];
      // One at a time: a batch is small, and each match is its own transaction (one bad row cannot undo the rest).
      for (const match of report.data) {
        const verdict = await stopLeakedSecret(
          deps,
          { secret: match.token, url: keepable(match.url), source: `github:${keepable(match.source) ?? 'unknown'}`, remember: true },
          now,
        );
        const ours = verdict === 'stopped' || verdict === 'already_dead';
        feedback.push({ token_raw: match.token, token_type: match.type, label: ours ? 'true_positive' : 'false_positive' });
      }
      c.header('Cache-Control', 'no-store');
      return c.json(githubLeakFeedbackSchema.parse(feedback), 200);
    },
  );
