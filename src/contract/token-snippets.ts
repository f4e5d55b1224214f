import { tokenVariable } from './hand-off-formats';

export type TokenSnippet = { id: string; label: string; language: string; intro: string; code: string };

/**
 * Every snippet calls `GET /api/auth/me` with the token from `KEYLINE_TOKEN` (the keyline CLI's, with the token of
 * its login): the smallest proof it works.
 * Each one runs as pasted (a test runs them against the real server): it prints who the token acts as,
 * fails with a non-zero exit on any other answer, and trims the token where it reads it, since a token
 * pasted with its line break makes the header invalid and the server answers a bare 400.
 */
export function tokenSnippets(origin: string): TokenSnippet[] {
  const url = `${origin}/api/auth/me`;
  return [
    {
      id: 'curl',
      label: 'curl',
      language: 'shell',
      intro: 'Check who the token acts as. Your username means it works; any other answer makes curl fail.',
      code: `curl --fail-with-body -H "Authorization: Bearer $${tokenVariable}" ${url}`,
    },
    {
      id: 'keyline',
      label: 'CLI',
      language: 'shell',
      intro:
        'The keyline command signs a machine in without copy-paste: it shows a code, you approve it in the browser, and a token for that machine alone is stored for you. In CI and cron, `status --check` fails before the token does (exit 1 when it does not work, 2 when it ends within the window).',
      code: [
        '# In a Keyline checkout (after npm install): sign this machine in, approve the code in your browser.',
        `npx keyline login --url ${origin}`,
        'npx keyline whoami',
        '',
        `# In CI or cron (with ${tokenVariable} and KEYLINE_URL set there): fail when the token stops working or ends within a week.`,
        'npx keyline status --check --within 7d',
      ].join('\n'),
    },
    {
      id: 'shell',
      label: 'Shell',
      language: 'shell',
      intro:
        'Keep the token in an environment variable for your command-line tools. Reading it with `read -rs` keeps it out of your shell history.',
      code: [
        '# Paste the token when asked; nothing is echoed, and the line break is dropped.',
        `read -rs ${tokenVariable} && export ${tokenVariable}`,
        '',
        '# Any tool that sends the header works, e.g. HTTPie (it fails on anything but a 2xx):',
        `http --check-status --ignore-stdin GET ${url} "Authorization: Bearer $${tokenVariable}"`,
      ].join('\n'),
    },
    {
      id: 'node',
      label: 'Node.js',
      language: 'javascript',
      intro:
        'Node 18 and later have fetch built in. Save it as index.js (CommonJS or ES module alike) and run it with KEYLINE_TOKEN set in the environment.',
      code: [
        `const token = (process.env.${tokenVariable} ?? '').trim();`,
        '',
        'async function main() {',
        `  const response = await fetch('${url}', {`,
        '    headers: { Authorization: `Bearer ${token}` },',
        '  });',
        '  if (!response.ok) throw new Error(`Keyline answered ${response.status}: ${await response.text()}`);',
        '  console.log(await response.json());',
        '}',
        '',
        'main().catch((error) => {',
        '  console.error(error.message);',
        '  process.exitCode = 1;',
        '});',
      ].join('\n'),
    },
    {
      id: 'python',
      label: 'Python',
      language: 'python',
      intro: 'With the requests library (pip install requests). Run with KEYLINE_TOKEN set in the environment.',
      code: [
        'import os',
        'import requests',
        '',
        `token = os.environ["${tokenVariable}"].strip()`,
        'response = requests.get(',
        `    "${url}",`,
        '    headers={"Authorization": f"Bearer {token}"},',
        '    timeout=10,',
        ')',
        'response.raise_for_status()',
        'print(response.json())',
      ].join('\n'),
    },
    {
      id: 'ci',
      label: 'GitHub Actions',
      language: 'yaml',
      intro: `Save the token as a repository secret named ${tokenVariable} (run \`gh secret set ${tokenVariable}\` and paste it when asked, or Settings → Secrets and variables → Actions), then expose it to the step that needs it.`,
      code: [
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: Check the Keyline token',
        '        env:',
        `          ${tokenVariable}: \${{ secrets.${tokenVariable} }}`,
        // A block scalar: the command's own `: ` would end a plain YAML value.
        '        run: |',
        `          read -r token <<< "$${tokenVariable}"`,
        `          curl --fail-with-body -sS -H "Authorization: Bearer $token" ${url}`,
      ].join('\n'),
    },
  ];
}
