// The package entry (`exports["."]`): the CLI's program for embedding or testing. `bin/autopipe.js` runs `main`.
export { EXIT, buildProgram, main } from './main.js';
export { BUNDLED_PLUGINS } from './plugins.js';
export { loadExternalPlugins, loadPlugin, manifestOf, type ExternalPlugins, type LoadedPlugin } from './external-plugins.js';
export { readConfig, CONFIG_FILES, type AutopipeConfig } from './plugin-config.js';
