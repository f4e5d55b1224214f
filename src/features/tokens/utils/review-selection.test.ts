import { describe, expect, it } from 'vitest';
import { buildApiKey } from '../../../testing/factories';
import { emptySelection, selectionIn, selectLoaded, toggleToken } from './review-selection';

const maria = { id: 'usr_maria', username: 'maria' };
const omar = { id: 'usr_omar', username: 'omar' };
const laptop = buildApiKey({ owner: maria });
const ci = buildApiKey({ owner: omar });
const gone = buildApiKey({ owner: omar, status: 'revoked' });

describe('review selection', () => {
  it('ticks and unticks a row with its owner', () => {
    const ticked = toggleToken(emptySelection('view'), laptop);
    expect([...ticked.ids]).toEqual([laptop.id]);
    expect([...ticked.owners.values()]).toEqual([maria.id]);
    const unticked = toggleToken(ticked, laptop);
    expect(unticked.ids.size).toBe(0);
    expect(unticked.owners.size).toBe(0);
  });

  it('gives up "every match" once a row is ticked by hand', () => {
    const all = { ...selectLoaded('view', [laptop, ci], true), allMatching: true };
    expect(toggleToken(all, ci).allMatching).toBe(false);
  });

  it('selects the loaded rows that can still be revoked, or none', () => {
    expect([...selectLoaded('view', [laptop, ci, gone], true).ids]).toEqual([laptop.id, ci.id]);
    expect(selectLoaded('view', [laptop, ci, gone], false).ids.size).toBe(0);
  });

  it('belongs to one view: another view starts empty', () => {
    const ticked = toggleToken(emptySelection('a'), laptop);
    expect(selectionIn(ticked, 'a')).toBe(ticked);
    expect(selectionIn(ticked, 'b')).toEqual(emptySelection('b'));
  });
});
