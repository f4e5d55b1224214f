import * as RadixTabs from '@radix-ui/react-tabs';
import type { ReactNode } from 'react';

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
 */
export function Tabs({ label, tabs, defaultTab }: TabsProps) {
  return (
    <RadixTabs.Root defaultValue={defaultTab ?? tabs[0]?.id} activationMode="automatic">
      <RadixTabs.List
        aria-label={label}
        className="flex gap-1 overflow-x-auto border-b border-zinc-200 px-3 dark:border-zinc-800"
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
