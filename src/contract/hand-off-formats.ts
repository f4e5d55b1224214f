/** The environment variable every hand-off format uses; the CLI and SDKs read it. */
export const tokenVariable = 'KEYLINE_TOKEN';

export type HandOffFormatId = 'raw' | 'shell' | 'dotenv' | 'github';

export type HandOffFormat = {
  id: HandOffFormatId;
  label: string;
  /** Where this shape goes, in a few words. */
  hint: string;
  format: (secret: string) => string;
};

export const handOffFormats: readonly HandOffFormat[] = [
  { id: 'raw', label: 'Raw', hint: 'The token alone, for a password manager or a secret store.', format: (secret) => secret },
  {
    id: 'shell',
    label: 'Shell',
    hint: 'Paste into a terminal to use the token in this session.',
    format: (secret) => `export ${tokenVariable}=${secret}`,
  },
  { id: 'dotenv', label: '.env', hint: 'A line for a .env file that is never committed.', format: (secret) => `${tokenVariable}=${secret}` },
  {
    id: 'github',
    label: 'GitHub Actions',
    hint: 'Run in your repository to store it as an Actions secret. gh asks for the value and reads it hidden: paste the token there (copy it as Raw), so it stays out of your shell history and the process list.',
    // No secret in the command: an argument lands in the shell history and shows in the process list.
    format: () => `gh secret set ${tokenVariable}`,
  },
];

export function formatSecret(secret: string, id: HandOffFormatId): string {
  return (handOffFormats.find((f) => f.id === id) ?? handOffFormats[0]!).format(secret);
}
