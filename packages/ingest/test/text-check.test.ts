import { describe, expect, it } from 'vitest';
import { AutopipeError } from '@autopipe/core';
import { TextChecker } from '../src/text-check.js';

function run(chunks: Buffer[]): AutopipeError | null {
  const c = new TextChecker('data.csv');
  try {
    for (const ch of chunks) c.check(ch);
    c.end();
    return null;
  } catch (e) {
    return e as AutopipeError;
  }
}

describe('TextChecker', () => {
  it('accepts UTF-8 split anywhere across chunks', () => {
    const bytes = Buffer.from('a,b\né,😀\nü,中\n');
    for (let cut = 1; cut < bytes.length; cut++) expect(run([bytes.subarray(0, cut), bytes.subarray(cut)]), `cut ${cut}`).toBeNull();
  });

  it('invalid UTF-8 names the file, byte and line, and says to re-save as UTF-8', () => {
    const latin1 = Buffer.concat([Buffer.from('name,city\nx,M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]);
    const e = run([latin1.subarray(0, 5), latin1.subarray(5)])!;
    expect(e.code).toBe('PARSE_ERROR');
    expect(e.message).toBe('data.csv (byte 13, line 2) is not valid UTF-8; re-save it as UTF-8 (e.g. `iconv -f latin1 -t utf-8 in > out`, or "CSV UTF-8" in a spreadsheet).');
  });

  it('a file cut inside a character is reported at the end', () => {
    const e = run([Buffer.from([0x61, 0x0a, 0xe4, 0xb8])])!;
    expect(e.message).toContain('(byte 2, line 2)');
    expect(e.message).toContain('middle of a UTF-8 character');
  });

  it('NUL bytes and control-character soup are binary', () => {
    const nul = run([Buffer.from('a,b\n1,2\n'), Buffer.from([0x31, 0x00, 0x32])])!;
    expect(nul.message).toContain('data.csv (byte 9, line 3) contains a NUL byte');
    const soup = Buffer.alloc(200);
    for (let i = 0; i < soup.length; i++) soup[i] = (i * 7) % 31 + 1;
    const bin = run([soup])!;
    expect(bin.code).toBe('PARSE_ERROR');
    expect(bin.message).toMatch(/^data\.csv looks like a binary file/);
  });
});
