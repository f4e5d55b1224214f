#!/usr/bin/env node
// The `keyline` command: the CLI is TypeScript, run through tsx (already a dependency of this package).
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
