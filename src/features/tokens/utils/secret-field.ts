/** For any field that holds a secret: no autofill, autocorrect or spellcheck, and password managers keep out. */
export const secretFieldAttributes = {
  autoComplete: 'off',
  autoCorrect: 'off',
  autoCapitalize: 'off',
  spellCheck: false,
  'data-1p-ignore': '',
  'data-lpignore': 'true',
  'data-form-type': 'other',
} as const;
