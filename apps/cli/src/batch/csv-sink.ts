import { createWriteStream, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { outputRows, type OutputColumn } from './prediction-columns.js';
import { tempBeside, type PredictionSink } from './prediction-sink.js';

async function put(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * CSV, written batch by batch with csv-stringify exactly as the whole-frame output (header once). To a file:
 * a temp file beside it, renamed at the end. To stdout (`path` undefined): rows are printed as they come, so a
 * failure mid-way has already printed the rows before it (a pipe cannot be taken back).
 */
export function csvSink(path: string | undefined): PredictionSink {
  const tmp = path === undefined ? undefined : tempBeside(path);
  const file: WriteStream | undefined = tmp === undefined ? undefined : createWriteStream(tmp);
  const out: NodeJS.WritableStream = file ?? process.stdout;
  let header = true;
  let failed: Error | null = null;
  file?.on('error', (e) => (failed ??= e));
  return {
    display: path ?? 'stdout',
    async write(columns: readonly OutputColumn[]) {
      if (failed) throw failed;
      const rows = outputRows(columns);
      await put(out, stringify(header ? [columns.map((c) => c.name), ...rows] : rows));
      header = false;
    },
    async commit() {
      if (!file || !tmp || !path) return;
      file.end();
      await once(file, 'close');
      if (failed) throw failed;
      renameSync(tmp, path);
    },
    async abort() {
      if (!file || !tmp) return;
      file.destroy();
      await once(file, 'close').catch(() => undefined);
      rmSync(tmp, { force: true });
    },
  };
}
