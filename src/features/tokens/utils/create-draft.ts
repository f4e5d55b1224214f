import type { CreateTokenFormValues } from './create-token-form';

/**
 * The create form's values while a create is on its way, so a session that expired under it (a 401
 * sends the person to sign in, unmounting the form) does not lose what they typed: after signing in,
 * the page they come back to opens the form with it. In memory only — never browser storage — and
 * never a secret: the form holds none. Kept from submit; given back only when that submit was
 * refused for an ended session; dropped on any other outcome, or when the flow goes away mid-request.
 */
let draft: { values: CreateTokenFormValues; interrupted: boolean } | null = null;

/** On submit: the values, until the request has an answer. */
export function keepCreateDraft(values: CreateTokenFormValues): void {
  draft = { values, interrupted: false };
}

/** The session ended (any 401 sends the person to sign in): a create on its way keeps its values for after signing in. */
export function interruptCreateDraft(): void {
  if (draft) draft.interrupted = true;
}

export function dropCreateDraft(): void {
  draft = null;
}

/** The flow went away (a test's cleanup, another page) with the request unanswered: nothing to give back. */
export function dropUnansweredCreateDraft(): void {
  if (draft && !draft.interrupted) draft = null;
}

/** The values of a create the session expired under, if any. The flow that opens them drops them (once mounted). */
export function interruptedCreateDraft(): CreateTokenFormValues | null {
  return draft?.interrupted ? draft.values : null;
}
