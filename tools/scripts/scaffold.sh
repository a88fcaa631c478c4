#!/usr/bin/env bash
# scaffold.sh <dir> <name> <description> [dep ...]  — writes the boilerplate of one workspace package.
set -euo pipefail
dir=$1; name=$2; desc=$3; shift 3
mkdir -p "$dir/src" "$dir/test"
rel=$(realpath --relative-to="$dir" .)
deps=""; refs=""
for d in "$@"; do
  deps="$deps\"@autopipe/$d\": \"workspace:*\","
  case $d in core|runtime|testkit|trees|ingest) p=packages/$d;; cli|server) p=apps/$d;; *) p=plugins/$d;; esac
  refs="$refs{\"path\": \"$(realpath --relative-to="$dir" "$p")/tsconfig.lib.json\"},"
done
deps=${deps%,}; refs=${refs%,}
[ -f "$dir/package.json" ] || cat > "$dir/package.json" <<JSON
{
  "name": "$name",
  "version": "0.1.0",
  "description": "$desc",
  "license": "MIT",
  "type": "module",
  "sideEffects": false,
  "main": "./dist/index.js",
  "types": "./dist/index.d.ts",
  "exports": {
    ".": { "types": "./dist/index.d.ts", "import": "./dist/index.js" },
    "./package.json": "./package.json"
  },
  "files": ["dist", "README.md"],
  "dependencies": { $deps },
  "devDependencies": { "vitest": "4.1.12" }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{ "extends": "$rel/tsconfig.base.json", "files": [], "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }] }
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "tsBuildInfoFile": "dist/tsconfig.lib.tsbuildinfo" },
  "include": ["src/**/*.ts"],
  "references": [$refs]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "$rel/tsconfig.base.json",
  "compilerOptions": { "outDir": "out-tsc/spec", "emitDeclarationOnly": true, "tsBuildInfoFile": "out-tsc/spec/tsconfig.spec.tsbuildinfo" },
  "include": ["src/**/*.ts", "test/**/*.ts", "vitest.config.ts"],
  "references": [$refs]
}
JSON
cat > "$dir/vitest.config.ts" <<'TS'
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // tsyringe needs legacy decorators; the spec tsconfig enables them, this makes it explicit for the transform.
  oxc: { decorator: { legacy: true } },
  test: { include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 60_000, pool: 'forks' },
});
TS
