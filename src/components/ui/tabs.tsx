import * as RadixTabs from '@radix-ui/react-tabs';
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

type Tab = { id: string; label: string; content: ReactNode };

type TabsProps = {
  /** Names the tab list for screen readers, e.g. "Ways to use a token". */
  label: string;
  tabs: readonly Tab[];
  defaultTab?: string;
};

/**
 * WAI-ARIA tabs with automatic activation (Radix): one tab stop for the list, arrow keys (and
 * Home/End) move between tabs and wrap, Tab moves on into the panel. Only the chosen panel is mounted.
 * A list wider than its box scrolls sideways, and fades at the edge that has more, so a cut-off
 * last tab reads as "more this way", not as a tab called "GitHub A".
 */
export function Tabs({ label, tabs, defaultTab }: TabsProps) {
  const list = useRef<HTMLDivElement>(null);
  const more = useScrollEdges(list);
  return (
    <RadixTabs.Root defaultValue={defaultTab ?? tabs[0]?.id} activationMode="automatic">
      <RadixTabs.List
        ref={list}
        aria-label={label}
        data-more-start={more.start || undefined}
        data-more-end={more.end || undefined}
        style={{ maskImage: fadeMask(more), WebkitMaskImage: fadeMask(more) }}
        className="flex gap-1 overflow-x-auto border-b border-zinc-200 px-3 [scrollbar-width:none] dark:border-zinc-800"
      >
        {tabs.map((tab) => (
          <RadixTabs.Trigger
            key={tab.id}
            value={tab.id}
            className={
              '-mb-px border-b-2 px-3 py-2.5 text-sm font-medium whitespace-nowrap transition-colors ' +
              'data-[state=inactive]:border-transparent data-[state=inactive]:text-zinc-600 dark:data-[state=inactive]:text-zinc-400 ' +
              'data-[state=inactive]:hover:border-zinc-300 data-[state=inactive]:hover:text-zinc-900 dark:data-[state=inactive]:hover:border-zinc-600 dark:data-[state=inactive]:hover:text-white ' +
              'data-[state=active]:border-indigo-600 data-[state=active]:text-indigo-700 dark:data-[state=active]:border-indigo-400 dark:data-[state=active]:text-indigo-300'
            }
          >
            {tab.label}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      {tabs.map((tab) => (
        <RadixTabs.Content key={tab.id} value={tab.id} className="rounded-b-xl p-4 sm:p-5">
          {tab.content}
        </RadixTabs.Content>
      ))}
    </RadixTabs.Root>
  );
}

type Edges = { start: boolean; end: boolean };

/** Whether a sideways-scrolling box has more content past its start and its end edge. */
function useScrollEdges(ref: RefObject<HTMLElement | null>): Edges {
  const [edges, setEdges] = useState<Edges>({ start: false, end: false });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const start = element.scrollLeft > 1;
      const end = element.scrollLeft + element.clientWidth < element.scrollWidth - 1;
      setEdges((old) => (old.start === start && old.end === end ? old : { start, end }));
    };
    measure();
    element.addEventListener('scroll', measure, { passive: true });
    // Absent in some test environments; a browser has it.
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    resize?.observe(element);
    return () => {
      element.removeEventListener('scroll', measure);
      resize?.disconnect();
    };
  }, [ref]);
  return edges;
}

function fadeMask({ start, end }: Edges): string | undefined {
  if (!start && !end) return undefined;
  return `linear-gradient(to right, ${start ? 'transparent, black 2.5rem' : 'black'}, ${end ? 'black calc(100% - 2.5rem), transparent' : 'black'})`;
}
