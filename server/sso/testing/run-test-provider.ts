import { startTestProvider } from './test-provider';

// The browser tests' OpenID provider in its own process, on the loopback port Playwright gives it.
const port = Number(process.env.TEST_OIDC_PORT);
const redirectUri = process.env.TEST_OIDC_REDIRECT_URI;
const clientId = process.env.KEYLINE_OIDC_CLIENT_ID;
const clientSecret = process.env.KEYLINE_OIDC_CLIENT_SECRET;
if (!Number.isInteger(port) || !redirectUri || !clientId || !clientSecret) {
  throw new Error('Set TEST_OIDC_PORT, TEST_OIDC_REDIRECT_URI, KEYLINE_OIDC_CLIENT_ID and KEYLINE_OIDC_CLIENT_SECRET.');
}
const provider = await startTestProvider({ port, clientId, clientSecret, redirectUris: [redirectUri] });
console.info(`Test OpenID provider at ${provider.issuer}`);
const stop = () => void provider.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
