// Paths of the SPA's pages that other pages link to. Here rather than in the pages themselves, so that a
// link costs a string, not the linked page's code on the first load.
export const tokenPolicyPath = '/settings/token-policy';
