// The rule lives in the contract, where the server's single sign-on checks `returnTo` with it too.
export { defaultSignedInPath, safeNextPath } from '../../../contract/sso';
