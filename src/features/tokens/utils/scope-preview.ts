import { withImpliedScopes, type Scope } from '../../../contract/policy';

/** "See projects and their settings" → "see projects and their settings", for use mid-sentence. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * What a token with these scopes can do, one plain-language line per scope in catalog order,
 * from the catalog's own descriptions. Writes bring the reads they imply.
 */
export function describeScopes(scopes: readonly string[], catalog: readonly Scope[]): string[] {
  const effective = new Set(withImpliedScopes(scopes, catalog));
  return catalog.filter((scope) => effective.has(scope.id)).map((scope) => lowerFirst(scope.description));
}
