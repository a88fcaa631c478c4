#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `nx build` (run by `npm run quickstart`).
import('../dist/main.js').then((m) => m.main(process.argv)).catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist')) {
    process.stderr.write('autopipe: the CLI is not built yet; run "npm run quickstart" (or "npm run build") in the repository first.\n');
  } else {
    process.stderr.write(`autopipe: internal error: ${e && e.stack ? e.stack : e}\n`);
  }
  process.exit(2);
});
