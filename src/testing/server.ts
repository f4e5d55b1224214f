import { setupServer } from 'msw/node';
import { handlers } from './mocks/handlers';

/** The MSW server every web test runs against. Override per test with `server.use(...)`. */
export const server = setupServer(...handlers);
