export type TokenSnippet = { id: string; label: string; language: string; intro: string; code: string };

/** Every snippet calls `GET /api/auth/me` with the token from `KEYLINE_TOKEN`: the smallest proof it works. */
export function tokenSnippets(origin: string): TokenSnippet[] {
  const url = `${origin}/api/auth/me`;
  return [
    {
      id: 'curl',
      label: 'curl',
      language: 'shell',
      intro: 'Check who the token acts as. A 200 with your username means it works.',
      code: `curl -H "Authorization: Bearer $KEYLINE_TOKEN" ${url}`,
    },
    {
      id: 'cli',
      label: 'CLI',
      language: 'shell',
      intro:
        'Keep the token in an environment variable for your command-line tools. Reading it with `read -s` keeps it out of your shell history.',
      code: [
        '# Paste the token when asked; nothing is echoed.',
        'read -rs KEYLINE_TOKEN && export KEYLINE_TOKEN',
        '',
        '# Any tool that sends the header works, e.g. HTTPie:',
        `http ${url} "Authorization: Bearer $KEYLINE_TOKEN"`,
      ].join('\n'),
    },
    {
      id: 'node',
      label: 'Node.js',
      language: 'javascript',
      intro: 'Node 18 and later have fetch built in. Run with KEYLINE_TOKEN set in the environment.',
      code: [
        `const response = await fetch('${url}', {`,
        '  headers: { Authorization: `Bearer ${process.env.KEYLINE_TOKEN}` },',
        '});',
        'if (!response.ok) throw new Error(`Keyline answered ${response.status}`);',
        'console.log(await response.json());',
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
        'response = requests.get(',
        `    "${url}",`,
        '    headers={"Authorization": f"Bearer {os.environ[\'KEYLINE_TOKEN\']}"},',
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
      intro:
        'Save the token as a repository secret named KEYLINE_TOKEN (Settings → Secrets and variables → Actions), then expose it to the step that needs it.',
      code: [
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - name: Check the Keyline token',
        '        env:',
        '          KEYLINE_TOKEN: ${{ secrets.KEYLINE_TOKEN }}',
        `        run: curl --fail -H "Authorization: Bearer $KEYLINE_TOKEN" ${url}`,
      ].join('\n'),
    },
  ];
}
