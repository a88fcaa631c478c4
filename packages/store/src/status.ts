import { hostname } from 'node:os';
import type { RunInfo, RunStatus } from './types.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The status to show: a `running` run whose process is gone from this host was killed (SIGKILL, a crash, power loss)
 * and is `interrupted`. A run owned by another host is taken at its word.
 */
export function effectiveStatus(run: Pick<RunInfo, 'status' | 'host' | 'pid'>): RunStatus {
  if (run.status !== 'running' || run.pid === null || run.host !== hostname()) return run.status;
  return alive(run.pid) ? 'running' : 'interrupted';
}
