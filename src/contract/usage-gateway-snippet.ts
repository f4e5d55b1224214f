import { routes } from './paths';
import type { TokenSnippet } from './token-snippets';

/** The environment variable the gateway reads its own credential from: a token of a service account allowed to introspect. */
export const gatewayCredentialVariable = 'KEYLINE_INTROSPECT_TOKEN';

/**
 * For platform developers: a gateway in front of their API that asks Keyline (RFC 7662 introspection)
 * about each request's bearer token — 401 when it is not active, 403 when it lacks the scope, otherwise
 * the request goes on to the API. Plain Node (18+), no dependency. The "Use a token" panel shows it and a
 * test runs this very text as a process in front of a small API.
 */
export function gatewaySnippet(origin: string): TokenSnippet {
  return {
    id: 'gateway',
    label: 'Gateway',
    language: 'javascript',
    intro: `For platform developers: put a check in front of your API that asks Keyline about each bearer token. It authenticates with a token of a service account an admin allowed to introspect (${gatewayCredentialVariable}), answers 401 or 403 itself and passes the rest on to UPSTREAM_URL. Save it as gateway.mjs and run node gateway.mjs.`,
    code: [
      "import http from 'node:http';",
      '',
      '// Asks Keyline whether the request’s bearer token is active and holds `scope`: 401, 403 or next().',
      'const requireScope = (scope) => async (req, res, next) => {',
      "  const token = /^Bearer (\\S+)$/i.exec(req.headers.authorization ?? '')?.[1];",
      "  if (!token) return res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();",
      `  const reply = await fetch('${origin}${routes.introspect}', {`,
      "    method: 'POST',",
      `    headers: { Authorization: \`Bearer \${process.env.${gatewayCredentialVariable}}\` },`,
      '    body: new URLSearchParams({ token, required_scope: scope }),',
      '  }).catch(() => null);',
      '  if (!reply?.ok) return res.writeHead(503).end(); // Keyline unreachable, or refusing this gateway’s own token',
      '  const answer = await reply.json();',
      "  if (!answer.active) return res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();",
      '  if (!answer.required_scope_granted) return res.writeHead(403).end();',
      '  next();',
      '};',
      '',
      "const guard = requireScope('read:projects');",
      "const upstream = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:3000';",
      'http',
      '  .createServer((req, res) =>',
      '    guard(req, res, () => {',
      '      const forward = http.request(new URL(req.url, upstream), { method: req.method, headers: req.headers }, (response) => {',
      '        res.writeHead(response.statusCode, response.headers);',
      '        response.pipe(res);',
      '      });',
      "      forward.on('error', () => res.writeHead(502).end());",
      '      req.pipe(forward);',
      '    }),',
      '  )',
      '  .listen(Number(process.env.PORT ?? 8080));',
    ].join('\n'),
  };
}
