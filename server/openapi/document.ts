import { z } from 'zod/mini';
import {
  apiDescriptionInfo,
  apiOperations,
  apiTags,
  namedApiSchemas,
  type ApiOperation,
  type OpenApiDocument,
} from '../../src/contract/api-description';
import { errorTypeForStatus } from '../../src/contract/errors';
import { csrfHeader } from '../../src/contract/headers';

/**
 * The OpenAPI 3.1 document, generated from the route catalog (`src/contract/api-description.ts`) and
 * the zod contract: nothing here restates a field. What it adds is what the middleware does to every
 * route of a kind (authentication, CSRF, body limits, rate limits), described once below.
 */

type JsonSchema = Record<string, unknown>;
type Operation = ApiOperation;

const schemaRef = (name: string) => `#/components/schemas/${name}`;
const unsafeMethods = new Set(['post', 'put', 'patch', 'delete']);

/** `/api/users/:id` → `/api/users/{id}`, and the names of its parameters. */
export function openApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

/** An operation's capitalized id: the stem of the names of its unnamed schemas. */
const stem = (operation: Operation) => operation.operationId[0]!.toUpperCase() + operation.operationId.slice(1);

/** Every failure but these few: the statuses the middleware and the route's kind imply (see the catalog). */
function errorStatuses(operation: Operation): number[] {
  const statuses = new Set<number>(operation.errors ?? []);
  const unsafe = unsafeMethods.has(operation.method);
  const hasParams = openApiPath(operation.path).params.length > 0;
  if (operation.body || operation.query || operation.ownBadRequest) statuses.add(operation.invalidInputStatus ?? 400);
  // Any credential: a missing or bad one is 401; a bearer failure count per address gives 429.
  if (operation.auth !== 'none') statuses.add(401).add(429);
  // CSRF on every state-changing call; a token on a session-only call; a member on an admin's.
  if ((unsafe && !operation.readsNoCookie) || operation.auth === 'session' || operation.adminOnly) statuses.add(403);
  if (hasParams) statuses.add(404);
  // The body limit and the JSON check apply to every state-changing call.
  if (unsafe) statuses.add(413).add(415);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

const statusText: Record<number, string> = {
  400: 'The request is malformed: `fields` names each field and what is wrong with it.',
  401: 'No valid credential.',
  403: 'Not allowed: a token on a session-only call, a member on an admin’s, or a state-changing call without the CSRF header or from another site.',
  404: 'Not found, or not yours (the same answer, so nothing can be learned by probing).',
  409: 'Conflicts with the current state; the message says what to do.',
  413: 'The request body is too large.',
  415: 'The body is not JSON.',
  422: 'Well-formed, but breaks a rule: `fields` names each field and its message.',
  429: 'Too many requests: wait `Retry-After` seconds.',
  500: 'Something went wrong on the server; no details are given.',
};

const responseNames: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  422: 'UnprocessableContent',
  429: 'TooManyRequests',
  500: 'ServerError',
};

/** The envelope with `error.type` fixed to what the status stands for (`errorTypeForStatus`). */
function envelopeFor(status: number): JsonSchema {
  return {
    allOf: [
      { $ref: schemaRef('ErrorEnvelope') },
      { type: 'object', properties: { error: { type: 'object', properties: { type: { const: errorTypeForStatus(status) } } } } },
    ],
  };
}

function errorResponse(status: number, { challenge }: { challenge: boolean }): JsonSchema {
  const headers: JsonSchema = {};
  if (status === 429) {
    headers['Retry-After'] = { description: 'Whole seconds until the limit resets.', required: true, schema: { type: 'integer', minimum: 1 } };
  }
  if (status === 401 && challenge) {
    headers['WWW-Authenticate'] = {
      description: '`Bearer`, or `Bearer error="invalid_token"` when the token sent is malformed, unknown, expired or revoked.',
      required: true,
      schema: { type: 'string' },
    };
  }
  return {
    description: statusText[status] ?? 'Failed.',
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { 'application/json': { schema: envelopeFor(status) } },
  };
}

/** The schema for one of the catalog's request or response schemas: a reference to its component. */
function componentNames() {
  const registry = z.registry<{ id: string }>();
  const requests = new Set<string>();
  const responses = new Set<string>();
  const name = (schema: z.core.$ZodType, fallback: string, use: Set<string>) => {
    if (!registry.has(schema)) registry.add(schema, { id: fallback });
    const id = registry.get(schema)!.id;
    use.add(id);
    return id;
  };
  for (const [id, schema] of Object.entries(namedApiSchemas)) registry.add(schema, { id });
  // Every failure's body.
  responses.add('ErrorEnvelope');
  const names = new Map<Operation, { body?: string; success?: string; ownBadRequest?: string }>();
  for (const operation of apiOperations) {
    names.set(operation, {
      body: operation.body && name(operation.body, `${stem(operation)}Request`, requests),
      success: operation.success.schema && name(operation.success.schema, `${stem(operation)}Response`, responses),
      ownBadRequest: operation.ownBadRequest && name(operation.ownBadRequest, `${stem(operation)}Failure`, responses),
    });
  }
  return { registry, requests, responses, names };
}

/** zod writes `z.int()`'s safe-integer bounds on every integer: true, and noise for a reader. */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
}

function referencedNames(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) referencedNames(item, into);
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(schemaRef(''))) into.add(value.slice(schemaRef('').length));
      else referencedNames(value, into);
    }
  }
  return into;
}

/**
 * Every named schema, as a client sends it (requests: before defaults and coercion) or as the server
 * answers it (responses). One read either way for a schema both use, or the build fails and says which.
 */
function componentSchemas({ registry, requests, responses }: ReturnType<typeof componentNames>): Record<string, JsonSchema> {
  const convert = (io: 'input' | 'output') => {
    const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', io, uri: schemaRef, unrepresentable: 'any', override: tidy });
    return Object.fromEntries(
      Object.entries(schemas).map(([id, { $schema: _schema, $id: _id, ...schema }]) => [id, schema as JsonSchema]),
    );
  };
  const inputs = convert('input');
  const outputs = convert('output');
  const reached = (roots: Set<string>, all: Record<string, JsonSchema>) => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      for (const next of referencedNames(all[id])) visit(next);
    };
    roots.forEach(visit);
    return seen;
  };
  const asInput = reached(requests, inputs);
  const asOutput = reached(responses, outputs);
  const components: Record<string, JsonSchema> = {};
  for (const id of [...new Set([...asInput, ...asOutput])].sort()) {
    const input = inputs[id]!;
    const output = outputs[id]!;
    if (asInput.has(id) && asOutput.has(id) && JSON.stringify(input) !== JSON.stringify(output)) {
      throw new Error(`The schema ${id} reads differently in requests and responses: give each use a schema of its own.`);
    }
    components[id] = asInput.has(id) ? input : output;
  }
  return components;
}

function queryParameters(query: z.core.$ZodObject): JsonSchema[] {
  const schema = z.toJSONSchema(query, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any', override: tidy }) as JsonSchema;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

const security: Record<ApiOperation['auth'], Array<Record<string, string[]>>> = {
  none: [],
  session: [{ sessionCookie: [] }],
  bearer: [{ bearerToken: [] }],
  either: [{ sessionCookie: [] }, { bearerToken: [] }],
};

function operationObject(operation: Operation, names: { body?: string; success?: string; ownBadRequest?: string }, usedResponses: Set<number>) {
  const { params } = openApiPath(operation.path);
  const unsafe = unsafeMethods.has(operation.method);
  const parameters: JsonSchema[] = [
    ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
    ...(operation.query ? queryParameters(operation.query) : []),
    // A bearer call is exempt from the CSRF header; every other state-changing call needs it.
    ...(unsafe && operation.auth !== 'bearer' && !operation.readsNoCookie ? [{ $ref: '#/components/parameters/CsrfHeader' }] : []),
  ];

  const successHeaders: JsonSchema = {};
  if (operation.signsIn) {
    successHeaders['Set-Cookie'] = { description: 'The session cookie (HttpOnly, SameSite=Lax).', schema: { type: 'string' } };
  }
  if (operation.secret) {
    successHeaders['Cache-Control'] = { description: 'Never stored by any cache.', schema: { type: 'string', const: 'no-store' } };
  }
  if (operation.success.status === 302) {
    successHeaders.Location = { description: 'Where the browser goes next.', required: true, schema: { type: 'string' } };
  }
  if (operation.cacheable) {
    successHeaders.ETag = { description: 'Send it back as `If-None-Match` to revalidate.', schema: { type: 'string' } };
    successHeaders['Cache-Control'] = { description: 'How long any cache may keep it before revalidating.', schema: { type: 'string' } };
  }
  const responses: Record<string, JsonSchema> = {
    ...(operation.cacheable ? { 304: { description: 'Not modified since the `ETag` sent as `If-None-Match`.' } } : {}),
    [operation.success.status]: {
      description: operation.success.description,
      ...(Object.keys(successHeaders).length > 0 ? { headers: successHeaders } : {}),
      ...(names.success ? { content: { 'application/json': { schema: { $ref: schemaRef(names.success) } } } } : {}),
    },
  };
  for (const status of errorStatuses(operation)) {
    if (status === 400 && names.ownBadRequest) {
      // Both shapes: the RFC's for the states of the flow, the envelope for a malformed request.
      responses[status] = {
        description: `${statusText[400]} Or a state of the flow in RFC 8628’s shape.`,
        content: { 'application/json': { schema: { anyOf: [{ $ref: schemaRef(names.ownBadRequest) }, envelopeFor(400)] } } },
      };
    } else if (status === 401 && operation.auth === 'none') {
      // Wrong credentials in the body (sign-in): no authentication scheme to challenge with.
      responses[status] = { ...errorResponse(401, { challenge: false }), description: 'The credentials given are not right.' };
    } else {
      usedResponses.add(status);
      responses[status] = { $ref: `#/components/responses/${responseNames[status]}` };
    }
  }

  return {
    operationId: operation.operationId,
    summary: operation.summary,
    ...(operation.description || operation.adminOnly
      ? { description: [operation.description, operation.adminOnly ? 'Workspace admins only.' : undefined].filter(Boolean).join(' ') }
      : {}),
    tags: [operation.tag],
    security: security[operation.auth],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(names.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: schemaRef(names.body) } } } } } : {}),
    responses,
  };
}

export function buildOpenApiDocument({ sessionCookieName }: { sessionCookieName: string }): OpenApiDocument {
  const named = componentNames();
  const usedResponses = new Set<number>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of apiOperations) {
    const { path } = openApiPath(operation.path);
    paths[path] ??= {};
    if (paths[path][operation.method]) throw new Error(`${operation.method.toUpperCase()} ${operation.path} is in the catalog twice.`);
    paths[path][operation.method] = operationObject(operation, named.names.get(operation)!, usedResponses);
  }
  const responses = Object.fromEntries(
    [...usedResponses].sort((a, b) => a - b).map((status) => [responseNames[status], errorResponse(status, { challenge: status === 401 })]),
  );

  return {
    openapi: '3.1.1',
    info: { ...apiDescriptionInfo },
    servers: [{ url: '/', description: 'This Keyline server.' }],
    tags: Object.entries(apiTags).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: componentSchemas(named),
      responses,
      parameters: {
        CsrfHeader: {
          name: csrfHeader.name,
          in: 'header',
          required: true,
          description: 'Sent by Keyline’s own clients on every state-changing call without a bearer token: a cross-site form cannot set it.',
          schema: { type: 'string', const: csrfHeader.value },
        },
      },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: sessionCookieName,
          description: `Set by signing in. A state-changing call with it also needs the \`${csrfHeader.name}: ${csrfHeader.value}\` header.`,
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal access token: `Authorization: Bearer <token>`. An `x-api-key` header is not accepted.',
        },
      },
    },
  };
}
