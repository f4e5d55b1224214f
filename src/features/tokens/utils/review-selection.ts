import type { ApiKey } from '../../../contract/tokens';

/**
 * The admin review's selection: ticked rows (with their owners, for "of how many people"), or every
 * token matching the view. It belongs to one view, named by `key`: change the filters and it is gone.
 */
export type ReviewSelection = {
  key: string;
  ids: ReadonlySet<string>;
  owners: ReadonlyMap<string, string>;
  allMatching: boolean;
};

export const emptySelection = (key: string): ReviewSelection => ({ key, ids: new Set(), owners: new Map(), allMatching: false });

/** A revoked token has nothing left to revoke: it is never selected. */
export const isSelectable = (token: ApiKey) => token.status !== 'revoked';

/** The selection as it stands in `key`'s view: empty if it was made in another one. */
export const selectionIn = (selection: ReviewSelection, key: string): ReviewSelection =>
  selection.key === key ? selection : emptySelection(key);

/** Ticks or unticks one row; "every match" gives way to the rows ticked. */
export function toggleToken(selection: ReviewSelection, token: ApiKey): ReviewSelection {
  const ids = new Set(selection.ids);
  const owners = new Map(selection.owners);
  if (ids.has(token.id)) {
    ids.delete(token.id);
    owners.delete(token.id);
  } else {
    ids.add(token.id);
    owners.set(token.id, token.owner.id);
  }
  return { key: selection.key, ids, owners, allMatching: false };
}

/** Every loaded row that can be revoked, or none. */
export function selectLoaded(key: string, tokens: readonly ApiKey[], select: boolean): ReviewSelection {
  const candidates = select ? tokens.filter(isSelectable) : [];
  return {
    key,
    ids: new Set(candidates.map((token) => token.id)),
    owners: new Map(candidates.map((token) => [token.id, token.owner.id])),
    allMatching: false,
  };
}
