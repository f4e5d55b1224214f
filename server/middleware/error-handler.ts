import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorTypeForStatus } from '../../src/contract/errors';
import { ApiError, notFound } from '../errors';
import { errorForLog, type Logger } from '../runtime';
import { answeringRoute } from './request-log';

/**
 * `app.onError`: every failure leaves as the one error envelope. An `ApiError` says what it is; a
 * Hono `HTTPException` below 500 gets the type its status stands for; anything else is a logged 500.
 */
export const answerError =
  (logger: Logger): ErrorHandler =>
  (error, c) => {
    if (error instanceof ApiError) return c.json(error.toEnvelope(), error.status, error.headers);
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      return c.json(new ApiError(status, errorTypeForStatus(status), error.message || 'Bad request.').toEnvelope(), status);
    }
    // The route pattern and the error's class and code only: never the path (ids), bodies, headers or
    // cookies, nor the error itself, whose message and properties may carry SQL and request values.
    logger.error('Unhandled error', { method: c.req.method, route: answeringRoute(c), ...errorForLog(error) });
    return c.json(new ApiError(500, 'api_error', 'Something went wrong on our side. Try again.').toEnvelope(), 500);
  };

/** `app.notFound`: an unknown path is a 404 in the envelope. */
export const answerNotFound: NotFoundHandler = (c) => c.json(notFound().toEnvelope(), 404);
