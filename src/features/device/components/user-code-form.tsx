import { useState, type FormEvent } from 'react';
import { normalizeUserCode } from '../../../contract/device';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/text-field';

type UserCodeFormProps = {
  /** What the field starts with (a code from the link that did not work, to correct). */
  initialCode?: string;
  /** A well-formed code, normalised. */
  onSubmit: (code: string) => void;
  /** The server's word on the last code, e.g. "This code isn’t valid". */
  error?: string;
};

/** "Enter the code shown in your terminal": case, dashes and spaces do not matter. */
export function UserCodeForm({ initialCode = '', onSubmit, error }: UserCodeFormProps) {
  const [problem, setProblem] = useState<string | undefined>();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normalizeUserCode(String(new FormData(event.currentTarget).get('code') ?? ''));
    if (!code) {
      setProblem('Enter the 8 letters shown in your terminal, like WDJB-MJHT.');
      event.currentTarget.querySelector<HTMLInputElement>('[name="code"]')?.focus();
      return;
    }
    setProblem(undefined);
    onSubmit(code);
  }

  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-3 sm:flex-row sm:items-start">
      <TextField
        label="Code from your terminal"
        name="code"
        defaultValue={initialCode}
        placeholder="WDJB-MJHT"
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        error={problem ?? error}
        className="sm:w-64"
        inputMode="text"
        autoFocus
      />
      <Button type="submit" className="sm:mt-7">
        Continue
      </Button>
    </form>
  );
}
