import { describe, expect, it } from 'vitest';
import { fixtureDir } from './helpers.js';

const fx = fixtureDir();

describe('csv bytes and streaming', () => {
  it('invalid UTF-8 is one PARSE_ERROR line naming the file, byte and line, saying to re-save as UTF-8', async () => {
    const latin1 = Buffer.concat([Buffer.from('name,city\n1,Z'), Buffer.from([0xfc]), Buffer.from('rich\n')]);
    const { error, path } = await fx.fail(latin1);
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.message).toBe(`${path} (byte 13, line 2) is not valid UTF-8; re-save it as UTF-8 (e.g. \`iconv -f latin1 -t utf-8 in > out\`, or "CSV UTF-8" in a spreadsheet).`);
  });

  it('binary garbage and UTF-16 text are refused as binary', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const bin = await fx.fail(png);
    expect(bin.error.code).toBe('PARSE_ERROR');
    expect(bin.error.message).toContain(bin.path);
    expect(bin.error.message).not.toContain('\n');
    const utf16 = await fx.fail(Buffer.from('\uFEFFa,b\n1,2\n', 'utf16le'));
    expect(utf16.error.message).toContain('NUL byte');
    expect(utf16.error.message).toContain('UTF-16');
  });

  it('keeps multi-byte text across 1 MB read chunks', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `${i},naïve café ${i % 7} 😀,${i % 3 === 0 ? 'ü' : 'ß'}`);
    const f = await fx.read(['i,t,c', ...rows].join('\n'));
    expect(f.nrow).toBe(40_000);
    expect(f.strings('t')[39_999]).toBe('naïve café 1 😀');
    expect(f.typeOf('c')).toBe('categorical');
  });

  it('a column that turns non-numeric late keeps the original text of its early rows', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i % 5},${i === 2999 ? 'n/a-ish' : i % 2 === 0 ? '1.50' : '007'}`);
    const f = await fx.read(['k,v', ...rows].join('\n'));
    expect(f.typeOf('v')).toBe('categorical');
    expect(f.strings('v').slice(0, 3)).toEqual(['1.50', '007', '1.50']);
    expect(f.strings('v')[2999]).toBe('n/a-ish');
    expect(f.typeOf('k')).toBe('numeric');
  });

  it('infers datetime (normalized) and high-cardinality columns', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/03/2024 10:${String(i % 60).padStart(2, '0')},city${i % 120},${i % 2 ? 'a' : 'b'}`);
    const f = await fx.read(['when,city,k', ...rows].join('\n'));
    expect(f.typeOf('when')).toBe('datetime');
    expect(f.strings('when')[0]).toBe('2024-03-01T10:00:00');
    expect(f.typeOf('city')).toBe('high_cardinality');
    expect(f.typeOf('k')).toBe('categorical');
  });

  it('a datetime override converts, and a bad cell names its line', async () => {
    const f = await fx.read('d,x\n2024-01-31,1\n2024-02-01,2\n', { types: { d: 'datetime' } });
    expect(f.strings('d')).toEqual(['2024-01-31', '2024-02-01']);
    const { error } = await fx.fail('d,x\n2024-01-31,1\n\nlater,2\n', { types: { d: 'datetime' } });
    expect(error.message).toContain('row 2 (line 4) holds "later"');
  });
});
