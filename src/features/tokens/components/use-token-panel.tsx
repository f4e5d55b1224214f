import { useRef, type ReactNode } from 'react';
import { Card, CardHeader } from '../../../components/ui/card';
import { CopyButton } from '../../../components/ui/copy-button';
import { Tabs } from '../../../components/ui/tabs';
import { paths } from '../../../contract/paths';
import { tokenSnippets, type TokenSnippet } from '../../../contract/token-snippets';
import { gatewaySnippet } from '../../../contract/usage-gateway-snippet';

const linkClass =
  'font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 dark:text-indigo-300 dark:hover:text-indigo-200';

/**
 * How to use a token from curl, the keyline CLI, a shell, a script and CI — each snippet ready to copy —
 * and, for platform developers, how to check the tokens their own API receives (a gateway).
 */
export function UseTokenPanel({ origin }: { origin: string }) {
  const snippets = [...tokenSnippets(origin), gatewaySnippet(origin)];
  return (
    <section aria-labelledby="use-a-token">
      <Card>
        <CardHeader>
          <h2 id="use-a-token" className="text-base font-semibold text-zinc-900 dark:text-white">
            Use a token
          </h2>
          <p className="mt-1 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
            Send it as <code className="font-mono text-xs">Authorization: Bearer &lt;token&gt;</code>. Keep it in an
            environment variable or your CI’s secret store — never in code. Every call is described in the{' '}
            <a href={paths.openApi} className={linkClass}>
              OpenAPI document
            </a>
            .
          </p>
        </CardHeader>
        <Tabs
          label="Ways to use a token"
          tabs={snippets.map((snippet) => ({
            id: snippet.id,
            label: snippet.label,
            content: (
              <SnippetPanel
                snippet={snippet}
                more={
                  snippet.id === 'gateway' ? (
                    <>
                      What Keyline answers (<code className="font-mono text-xs">active</code>,{' '}
                      <code className="font-mono text-xs">required_scope_granted</code>, the owner and expiry) is described under
                      “Introspect a token” in the{' '}
                      <a href={paths.openApi} className={linkClass}>
                        OpenAPI document
                      </a>
                      .
                    </>
                  ) : null
                }
              />
            ),
          }))}
        />
      </Card>
    </section>
  );
}

function SnippetPanel({ snippet, more }: { snippet: TokenSnippet; more?: ReactNode }) {
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
        <div className="space-y-2 text-sm leading-relaxed text-zinc-600 dark:text-zinc-400">
          <p>{snippet.intro}</p>
          {more ? <p>{more}</p> : null}
        </div>
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
