import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the pages at phone and desktop widths, light and dark, as PNGs in .tmp/screenshots/
// to look at (not to diff). Same browser and a fresh server, like the browser tests, but no part of `npm test`.
export default defineConfig({
  ...base,
  testMatch: 'screenshots.spec.ts',
  testIgnore: [],
});
