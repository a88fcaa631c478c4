// nx generator `@autopipe/tools:plugin`. CommonJS because nx require()s generator factories; it uses only the
// Tree the generator receives (no @nx/devkit import), so it also runs from a plain script or test with a file-system tree.
/* global require, module, __dirname, console */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose, see above */
'use strict';
const { readFileSync, readdirSync } = require('node:fs');
const { join, posix, relative } = require('node:path');

const KINDS = ['estimator', 'transformer', 'searcher', 'ingestor', 'deployer', 'metric'];
const FILES = join(__dirname, 'files');

/** Names derived once from the options, substituted for `__token__` in the templates. */
function names(options, tree) {
  const kind = options.kind;
  if (!KINDS.includes(kind)) throw new Error(`--kind must be one of ${KINDS.join(', ')}, got "${kind}".`);
  const name = String(options.name || '');
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`--name must be kebab-case (lower-case letters, digits, "-"), got "${name}".`);
  const words = name.split('-').filter(Boolean);
  const camel = words[0] + words.slice(1).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  const directory = (options.directory || `plugins/${kind}-${name}`).replace(/\\/g, '/').replace(/\/$/, '');
  const scope = options.scope === undefined ? '@autopipe' : options.scope;
  const inWorkspace = tree.exists('pnpm-workspace.yaml');
  const depth = directory.split('/').length;
  return {
    kind, name, camel,
    Pascal: camel[0].toUpperCase() + camel.slice(1),
    // Keys: snake_case for estimators, searchers, metrics (like logistic, random_forest); ingestors match their file extension.
    key: kind === 'transformer' ? name.replace(/-/g, '.') : name.replace(/-/g, '_'),
    package: scope ? `${scope}/${kind}-${name}` : `${kind}-${name}`,
    directory,
    base: tree.exists('tsconfig.base.json') ? posix.join(...Array(depth).fill('..'), 'tsconfig.base.json') : '@tsconfig/node20/tsconfig.json',
    coreVersion: inWorkspace ? 'workspace:*' : '^0.1.0',
  };
}

function fill(text, n) {
  return text.replace(/__(kind|name|camel|Pascal|key|package|base|coreVersion|details)__/g, (_, k) => n[k]);
}

function template(path, n) {
  return fill(readFileSync(join(FILES, path), 'utf8'), n);
}

/** Adds the package to the root tsconfig.json references, as nx sync would on the next task run. */
function addReference(tree, directory) {
  if (!tree.exists('tsconfig.json')) return;
  const ts = JSON.parse(tree.read('tsconfig.json', 'utf-8'));
  ts.references = ts.references || [];
  const path = `./${directory}`;
  if (!ts.references.some((r) => r.path === path)) ts.references.push({ path });
  tree.write('tsconfig.json', JSON.stringify(ts, null, 2) + '\n');
}

async function pluginGenerator(tree, options) {
  const n = names(options, tree);
  if (tree.exists(`${n.directory}/package.json`)) throw new Error(`${n.directory} already holds a package; choose another --name or --directory.`);
  n.details = template(`${n.kind}/details.md`, n).trim();
  const out = (path, text) => tree.write(`${n.directory}/${path}`, text);
  for (const f of readdirSync(join(FILES, 'common'))) {
    const target = f.replace(/\.template$/, '');
    out(target === 'index.ts' ? 'src/index.ts' : target, template(`common/${f}`, n));
  }
  out(`src/${n.name}.ts`, template(`${n.kind}/impl.ts.template`, n));
  out('test/contract.test.ts', template(`${n.kind}/contract.test.ts.template`, n));
  addReference(tree, n.directory);
  return () => {
    console.log(`\nCreated ${n.package} in ${n.directory} (${n.kind} "${n.key}").`);
    console.log('Next: pnpm install (links its dependencies), then');
    console.log(`  pnpm nx run ${n.package}:test`);
  };
}

/** A Tree over a directory, for using the generator without nx (tests, scripts). */
function fsTree(root) {
  const fs = require('node:fs');
  const path = require('node:path');
  return {
    root,
    exists: (p) => fs.existsSync(path.join(root, p)),
    read: (p, enc) => fs.readFileSync(path.join(root, p), enc),
    write(p, content) {
      fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
      fs.writeFileSync(path.join(root, p), content);
    },
    relative: (p) => relative(root, p),
  };
}

module.exports = pluginGenerator;
module.exports.default = pluginGenerator;
module.exports.pluginGenerator = pluginGenerator;
module.exports.fsTree = fsTree;
module.exports.KINDS = KINDS;
