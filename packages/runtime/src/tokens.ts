/** DI tokens owned by the runtime (core's tokens cover the plugin kinds and the logger). */
export const RUNTIME_TOKENS = {
  /** The container itself, so registries can collect every provision of a kind. */
  Container: Symbol.for('autopipe.runtime.Container'),
} as const;
