/**
 * Signs in at the test provider the way a browser would, with fetch and a cookie jar: follows the
 * authorization request through the provider's own login and consent pages until it redirects to
 * the relying party. Answers that redirect (the callback URL with code, state and iss).
 */
export async function signInAtProvider(authorizationUrl: string, login: string, { consent = true } = {}): Promise<URL> {
  const jar = new Map<string, string>();
  const providerOrigin = new URL(authorizationUrl).origin;
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };

  let url = authorizationUrl;
  for (let step = 0; step < 12; step += 1) {
    const res = await send(url);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('Location') ?? '', url);
      if (next.origin !== providerOrigin) return next;
      url = next.toString();
      continue;
    }
    // One of the provider's pages: post its form as a person would.
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`Unexpected page from the provider (${res.status}): ${page.slice(0, 300)}`);
    if (prompt === 'consent' && !consent) {
      // The page's "Cancel" link: the provider answers access_denied.
      url = new URL(`${action}/abort`, url).toString();
      continue;
    }
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt });
    const posted = await send(new URL(action, url).toString(), {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    url = new URL(posted.headers.get('Location') ?? '', url).toString();
  }
  throw new Error('The provider never redirected back.');
}
