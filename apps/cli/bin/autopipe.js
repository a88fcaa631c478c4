#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ and bundled into bundle/ by `nx build` (run by `npm run quickstart`).
import { existsSync } from 'node:fs';

const entry = new URL('../bundle/main.js', import.meta.url);
import(entry.href).then((m) => m.main(process.argv)).catch((e) => {
  if (!existsSync(entry)) {
    process.stderr.write('autopipe: the CLI is not built yet; run "npm run quickstart" (or "npm run build") in the repository first.\n');
  } else {
    process.stderr.write(`autopipe: internal error: ${e && e.stack ? e.stack : e}\n`);
  }
  process.exit(2);
});
