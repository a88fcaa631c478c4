#!/usr/bin/env node
// `npm test`: install if needed, then lint, type-check and test every project (nx builds dependencies first).
// `npm test -- <nx args>` (e.g. `-p @autopipe/core`) runs the three targets for those projects only.
import { install, pnpm } from './pnpm.mjs';
import { ensureRedisServer } from './redis.mjs';

install();
// The distributed-trials tests need a real redis-server: install it (root + apt), or stop saying how / how to opt out.
ensureRedisServer();
// Project references follow package dependencies; nx refuses to run in CI when they are out of date.
pnpm(['exec', 'nx', 'sync']);
const only = process.argv.slice(2);
// The whole repository in one ESLint process (tools/ and examples/ included): the per-project targets start 38,
// each loading the TypeScript parser, which cost 2.7 CPU-minutes of a 2-core CI run against 21 s for one.
if (only.length === 0) pnpm(['exec', 'eslint', '.']);
pnpm(['exec', 'nx', 'run-many', '-t', ...(only.length === 0 ? [] : ['lint']), 'typecheck', 'test', '--outputStyle=static', ...only]);
// An opt-out is repeated at the end, where it cannot scroll out of sight.
ensureRedisServer();
