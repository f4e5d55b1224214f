import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useId, useState } from 'react';
import { TextField, verbatimInputProps } from '../../../components/ui/text-field';
import { serviceAccountQueries } from '../api';

export type PickedManager = { id: string; username: string };

/** Who may manage the account's tokens: the picked people as checkboxes, and a search to add more. */
export function ManagerPicker({ value, onChange, error }: { value: PickedManager[]; onChange: (next: PickedManager[]) => void; error?: string }) {
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const candidates = useQuery(serviceAccountQueries.candidates(q));
  const pickedIds = new Set(value.map((manager) => manager.id));
  const others = (candidates.data ?? []).filter((person) => !pickedIds.has(person.id));
  const errorId = useId();

  const toggle = (person: PickedManager, on: boolean) =>
    onChange(on ? [...value, person] : value.filter((manager) => manager.id !== person.id));

  return (
    <fieldset className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">Managers</legend>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">People who may create, rotate and revoke its tokens. Admins always can.</p>
      <ul className="space-y-1">
        {value.map((manager) => (
          <li key={manager.id}>
            <PersonCheckbox person={manager} checked onChange={(on) => toggle(manager, on)} />
          </li>
        ))}
      </ul>
      <TextField
        label="Find a person"
        type="search"
        {...verbatimInputProps}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <div aria-live="polite" className="text-sm text-zinc-600 dark:text-zinc-400">
        {candidates.isPending ? 'Looking…' : null}
        {candidates.isError ? 'We couldn’t load people. Try another search.' : null}
        {candidates.isSuccess && others.length === 0 ? (q ? `Nobody else matches “${q}”.` : 'Nobody else to add.') : null}
      </div>
      {others.length > 0 ? (
        <ul className="max-h-48 space-y-1 overflow-y-auto" aria-label="People to add">
          {others.map((person) => (
            <li key={person.id}>
              <PersonCheckbox person={person} checked={false} onChange={(on) => toggle({ id: person.id, username: person.username }, on)} />
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function PersonCheckbox({ person, checked, onChange }: { person: PickedManager; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex cursor-pointer items-center gap-3 rounded-lg border border-zinc-200 px-3 py-2 text-sm has-[:checked]:border-indigo-500 has-[:checked]:bg-indigo-50 dark:border-zinc-700 dark:has-[:checked]:border-indigo-400 dark:has-[:checked]:bg-indigo-950/40">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} className="size-4 accent-indigo-600" />
      <span className="font-medium break-all text-zinc-900 dark:text-white">{person.username}</span>
    </label>
  );
}
