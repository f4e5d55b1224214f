import { useRef } from 'react';
import { Card, CardHeader } from '../../../components/ui/card';
import { CopyButton } from '../../../components/ui/copy-button';
import { Tabs } from '../../../components/ui/tabs';

type Snippet = { id: string; label: string; language: string; intro: string; code: string };

/** Every snippet calls `GET /api/auth/me` with the token from `KEYLINE_TOKEN`: the smallest proof it works. */
export function tokenSnippets(origin: string): Snippet[] {
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

/** How to use a token from curl, a CLI, a script and CI — each snippet ready to copy. */
export function UseTokenPanel({ origin }: { origin: string }) {
  const snippets = tokenSnippets(origin);
  return (
    <section aria-labelledby="use-a-token">
      <Card>
        <CardHeader>
          <h2 id="use-a-token" className="text-base font-semibold text-zinc-900 dark:text-white">
            Use a token
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
            Send it as <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. Keep it in an
            environment variable or your CI’s secret store — never in code.
          </p>
        </CardHeader>
        <Tabs
          label="Ways to use a token"
          tabs={snippets.map((snippet) => ({ id: snippet.id, label: snippet.label, content: <SnippetPanel snippet={snippet} /> }))}
        />
      </Card>
    </section>
  );
}

function SnippetPanel({ snippet }: { snippet: Snippet }) {
  const codeRef = useRef<HTMLElement>(null);

  function selectCode() {
    const code = codeRef.current;
    const selection = window.getSelection();
    if (!code || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(code);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <p className="text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">{snippet.intro}</p>
        <div className="shrink-0">
          <CopyButton text={snippet.code} label={`Copy ${snippet.label} snippet`} onFallback={selectCode} />
        </div>
      </div>
      {/* Long lines wrap rather than scroll: nothing to scroll sideways at 360 px. */}
      <pre className="rounded-lg whitespace-pre-wrap [overflow-wrap:anywhere] bg-zinc-950 px-4 py-3 font-mono text-xs leading-relaxed text-zinc-100 dark:bg-black">
        <code ref={codeRef} data-language={snippet.language}>
          {snippet.code}
        </code>
      </pre>
    </div>
  );
}
