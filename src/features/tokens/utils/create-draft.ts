import type { CreateTokenFormValues } from './create-token-form';

/**
 * The create form's values while a create is on its way, so a session that expired under it (a 401
 * sends the person to sign in, unmounting the form) does not lose what they typed: after signing in,
 * the page they come back to opens the form with it. In memory only — never browser storage — and
 * never a secret: the form holds none. Kept from submit until the flow closes or the token exists.
 */
let draft: CreateTokenFormValues | null = null;

export function keepCreateDraft(values: CreateTokenFormValues): void {
  draft = values;
}

export function dropCreateDraft(): void {
  draft = null;
}

/** The draft left by an interrupted create, if any. The flow that opens it drops it (once mounted, not while rendering). */
export function peekCreateDraft(): CreateTokenFormValues | null {
  return draft;
}
