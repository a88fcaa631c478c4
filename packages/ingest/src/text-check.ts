import { isUtf8 } from 'node:buffer';
import { inputError } from '@autopipe/core';

// Bytes of the first chunk inspected for control characters, and the share of them that means "binary".
const SNIFF = 4096;
const MAX_CONTROL_SHARE = 0.1;

/**
 * Checks that a text source fed chunk by chunk is UTF-8 and not binary: no NUL byte, few control characters
 * at the start, and valid UTF-8 throughout (sequences split across chunks are carried over). Failures are
 * one-line PARSE_ERRORs naming the file, the byte offset and the line, and saying what to do.
 */
export class TextChecker {
  private offset = 0;
  private line = 1;
  private tail: Buffer | null = null;

  constructor(private readonly source: string) {}

  check(chunk: Buffer): void {
    const nul = chunk.indexOf(0);
    if (nul >= 0) this.fail(chunk, nul, 'contains a NUL byte, so it looks like a binary file (or UTF-16 text), not UTF-8 text; pass a text file, re-saving it as UTF-8 if needed');
    if (this.offset === 0) this.sniffBinary(chunk);
    const data = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    const base = this.offset - (this.tail ? this.tail.length : 0);
    const complete = completeLength(data);
    if (!isUtf8(data.subarray(0, complete))) {
      const bad = firstInvalidUtf8(data.subarray(0, complete));
      this.offset = base;
      this.fail(data, bad, 'is not valid UTF-8; re-save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in > out`, or "CSV UTF-8" in a spreadsheet)');
    }
    this.tail = complete < data.length ? Buffer.from(data.subarray(complete)) : null;
    this.countLines(chunk);
    this.offset += chunk.length;
  }

  /** Call at the end of the source: a sequence cut short by the end of the file is invalid too. */
  end(): void {
    if (this.tail) {
      const t = this.tail;
      this.offset -= t.length;
      this.fail(t, 0, 'ends in the middle of a UTF-8 character; the file is truncated or not UTF-8 — re-save it as UTF-8');
    }
  }

  private sniffBinary(chunk: Buffer): void {
    const n = Math.min(chunk.length, SNIFF);
    let control = 0;
    for (let i = 0; i < n; i++) {
      const b = chunk[i];
      if ((b > 0 && b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) control++;
    }
    if (n > 0 && control / n > MAX_CONTROL_SHARE) {
      throw inputError('PARSE_ERROR', `${this.source} looks like a binary file, not text (${Math.round((100 * control) / n)}% control characters in its first ${n} bytes); pass a text file in UTF-8.`, { file: this.source, byte: 0 });
    }
  }

  private countLines(chunk: Buffer): void {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.line++;
  }

  private fail(buf: Buffer, at: number, what: string): never {
    let line = this.line;
    for (let i = buf.indexOf(0x0a); i >= 0 && i < at; i = buf.indexOf(0x0a, i + 1)) line++;
    const byte = this.offset + at;
    throw inputError('PARSE_ERROR', `${this.source} (byte ${byte}, line ${line}) ${what}.`, { file: this.source, byte, line });
  }
}

/** Length of the prefix of `buf` that does not end inside a multi-byte UTF-8 sequence. */
function completeLength(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 4 && back <= n; back++) {
    const b = buf[n - back];
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Offset of the first byte that breaks UTF-8 (only called once validation has failed). */
function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= buf.length || (buf[i + k] & 0xc0) !== 0x80) return i;
    // Overlong 3-byte forms, surrogates and code points past U+10FFFF.
    if (need === 2 && ((b === 0xe0 && buf[i + 1] < 0xa0) || (b === 0xed && buf[i + 1] >= 0xa0))) return i;
    if (need === 3 && ((b === 0xf0 && buf[i + 1] < 0x90) || (b === 0xf4 && buf[i + 1] >= 0x90))) return i;
    i += need + 1;
  }
  return buf.length;
}
