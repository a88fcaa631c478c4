import { inputError, type DeployerDefinition } from '@autopipe/core';
import { openRegistry, validateName, validateStage, verifyModelDir, type ModelRegistry } from '@autopipe/registry';

const KEY = 'registry';

function stringOption(options: Readonly<Record<string, unknown>>, name: string, required: boolean): string | undefined {
  const v = options[name];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.length === 0) {
    throw inputError('INVALID_ARGUMENT', `Deployer "${KEY}" needs the option "${name}" as a non-empty string${required ? '' : ' when given'}.`, { option: name });
  }
  return v;
}

/** The version of `name` already holding this exact model (same weights, same save time), if any. */
async function existingVersion(reg: ModelRegistry, name: string, sha: string, trainedAt: string): Promise<number | undefined> {
  const versions = await reg.show(name).then((d) => d.versions, (e: unknown) => {
    if ((e as { code?: string }).code === 'MODEL_NOT_FOUND') return [];
    throw e;
  });
  return versions.find((v) => v.weightsSha256 === sha && v.trainedAt === trainedAt)?.version;
}

/**
 * Pushes a model directory into the model registry (`@autopipe/registry`: SQLite by default, PostgreSQL with a
 * `postgres://` URL) and returns `name@version`. Deploying a model the name already holds returns that version
 * instead of registering a copy, so a retried deployment does not create versions. `stage` promotes the version.
 */
export const registry: DeployerDefinition = {
  kind: 'deployer',
  key: KEY,
  description: 'registry: pushes a model directory into the model registry as the next version of a name (options: name, registry, artifacts, stage, description)',
  async deploy(modelDir, options, ctx) {
    const name = validateName(stringOption(options, 'name', true)!);
    const location = stringOption(options, 'registry', false);
    const artifacts = stringOption(options, 'artifacts', false);
    const description = stringOption(options, 'description', false);
    const stage = options.stage === undefined ? undefined : validateStage(stringOption(options, 'stage', false)!);
    const summary = verifyModelDir(modelDir);
    // With a host at hand, also load the model: the full manifest schema and the plugins it needs, so the registry
    // never holds a version the server cannot serve.
    ctx.open?.(modelDir);
    const reg = await openRegistry(location, { artifacts });
    try {
      const existing = await existingVersion(reg, name, summary.weightsSha256, summary.createdAt);
      const version = existing ?? (await reg.push(modelDir, name, description === undefined ? {} : { description })).version;
      const promoted = stage === undefined ? undefined : await reg.promote(name, version, stage);
      return {
        location: `${name}@${version}`,
        details: {
          name, version, created: existing === undefined, registry: reg.root, backend: reg.backend,
          ...(promoted ? { stage: promoted.stage, archived: promoted.archived } : {}),
        },
      };
    } finally {
      await reg.close();
    }
  },
};
