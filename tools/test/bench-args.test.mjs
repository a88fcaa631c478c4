import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headerComment } from '../bench/args.mjs';

const bench = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
// Scripts with options; paired.mjs takes two files and published.mjs is a module.
const scripts = readdirSync(bench).filter((f) => f.endsWith('.mjs') && !['args.mjs', 'paired.mjs', 'published.mjs'].includes(f));

describe('bench scripts on the command line', () => {
  it('reads a header comment after the shebang, up to the first code line', () => {
    expect(headerComment('#!/usr/bin/env node\n// Speed of x.\n//\n//   node x.mjs [--n 3]\nimport a from "b";\n// not this')).toBe('Speed of x.\n\n  node x.mjs [--n 3]');
  });

  it.each(scripts)('%s: --help prints its usage and an unknown option a one-line error, never a stack trace', (script) => {
    const help = spawnSync(process.execPath, [join(bench, script), '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(help.status).toBe(0);
    expect(help.stdout.length).toBeGreaterThan(100);
    const bad = spawnSync(process.execPath, [join(bench, script), '--no-such-option'], { encoding: 'utf8', timeout: 30_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`bench ${script}: Unknown option '--no-such-option'`);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
