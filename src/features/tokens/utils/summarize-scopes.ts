/** The first `visible` scopes to show, and the rest behind a "+N". */
export function summarizeScopes(scopes: readonly string[], visible = 3): { shown: string[]; hidden: string[] } {
  return { shown: scopes.slice(0, visible), hidden: scopes.slice(visible) };
}
