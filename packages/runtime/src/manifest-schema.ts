import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';

/**
 * The JSON Schema of `manifest.json`, shipped as a file (`schema/model-manifest.schema.json`) so other languages
 * and tools can validate model directories too. Schema files are found through the package's own name (`exports`
 * lists `./schema/*`), not relative to this module: bundled into the CLI, this code no longer sits next to them.
 */
export const MANIFEST_SCHEMA_URL = pathToFileURL(createRequire(import.meta.url).resolve('@autopipe/runtime/schema/model-manifest.schema.json'));

let compiled: ValidateFunction | undefined;

/**
 * The schema's validator, compiled ahead of time by Ajv's standalone code (`scripts/manifest-validator.mjs`; the
 * tests check it matches the schema): compiling at run time cost every command that loads a model ~150 ms.
 */
function validator(): ValidateFunction {
  compiled ??= createRequire(import.meta.url)('@autopipe/runtime/schema/model-manifest.validate.cjs') as ValidateFunction;
  return compiled;
}

/** `/leaderboard/0/score` → `$.leaderboard[0].score` (JSON Pointer to the JSONPath users know from jq and friends). */
export function jsonPath(pointer: string, child?: string): string {
  const parts = pointer === '' ? [] : pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return '$' + parts.map((p) => (/^[0-9]+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

function describe(e: ErrorObject): { path: string; problem: string } {
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return { path: jsonPath(e.instancePath, String(params.missingProperty)), problem: 'is missing' };
  const path = jsonPath(e.instancePath);
  if (e.keyword === 'enum') return { path, problem: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  if (e.keyword === 'type') return { path, problem: `must be ${String(params.type).split(',').join(' or ')}` };
  if (e.keyword === 'const') return { path, problem: `must be ${JSON.stringify(params.allowedValue)}` };
  if (e.keyword === 'pattern' && e.schemaPath.includes('/fileName/')) return { path, problem: 'must name a file inside the model directory (a plain name: no "/", "\\" or "..")' };
  if (e.keyword === 'pattern' && path.endsWith('Sha256')) return { path, problem: 'must be a SHA-256 digest (64 lower-case hex digits)' };
  return { path, problem: e.message ?? `fails "${e.keyword}"` };
}

/** The first way `manifest` breaks the schema, as a JSON path and a phrase; undefined when it conforms. */
export function manifestProblem(manifest: unknown): { path: string; problem: string } | undefined {
  const validate = validator();
  if (validate(manifest)) return undefined;
  const errors = validate.errors ?? [];
  // `if/then` failures come after the error that caused them; the first concrete one is the useful one.
  const first = errors.find((e) => e.keyword !== 'if') ?? errors[0];
  return first ? describe(first) : { path: '$', problem: 'does not match the manifest schema' };
}
