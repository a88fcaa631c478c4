// The worker-thread entry files, named from this module at the package's top level: in dist/ and in the bundle alike
// they sit next to it (the bundle puts every chunk and entry in one directory), so one relative URL serves both.

/** Fold fits on this machine's worker threads (`--workers`). */
export const FOLD_WORKER = new URL('./fold-worker.js', import.meta.url).href;

/** Fold fits for `autopipe worker` (jobs from Redis). */
export const REMOTE_FOLD_WORKER = new URL('./remote-fold-worker.js', import.meta.url).href;
