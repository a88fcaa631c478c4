import { describe, expect, it } from 'vitest';
import { SpacedQuotes } from '../src/spaced-quotes.js';

/** Feeds `text` in chunks of `size` bytes; returns whether a spaced quote was found. */
function found(text: string, size: number, delimiter = ','): boolean {
  const q = new SpacedQuotes(delimiter.charCodeAt(0));
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) q.check(bytes.subarray(at, at + size));
  q.end();
  return q.found;
}

describe('SpacedQuotes', () => {
  const sizes = [1, 2, 3, 5, 1000];

  it.each([
    ['a space before an opening quote', 'a,b\n1, "x"\n'],
    ['a tab before a quote at the start of a line', 'a,b\n\t"x",1\n'],
    ['a space before the first quote of the file', ' "a",b\n1,2\n'],
    ['a space after a closing quote, then a delimiter', 'a,b\n"x" ,1\n'],
    ['a space after a closing quote, then the line end', 'a,b\n1,"x"  \r\n'],
    ['a space after a closing quote, then the end of the file', 'a,b\n1,"x" '],
  ])('finds %s, however the file is cut', (_label, text) => {
    for (const size of sizes) expect(found(text, size), `chunks of ${size}`).toBe(true);
  });

  it.each([
    ['plain quoting', 'a,b\n"x, y",1\n2,"z"\n'],
    ['spaces inside quotes', 'a,b\n" x ",1\n"say ""hi"" then",2\n'],
    ['a stray quote inside a field', 'a,b\n1,12" pizza\n'],
    ['tabs around quotes in a TSV (the tab is the delimiter)', 'a\tb\n"x"\t"y"\n'],
  ])('does not flag %s', (_label, text) => {
    const delimiter = text.includes('\t') ? '\t' : ',';
    for (const size of sizes) expect(found(text, size, delimiter), `chunks of ${size}`).toBe(false);
  });
});
