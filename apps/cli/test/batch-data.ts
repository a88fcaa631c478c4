import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const WORK = ['Private', 'Self-emp', 'Gov', ''];
const EDUCATION = ['HS-grad', 'Bachelors', 'Masters', 'Some-college', 'Doctorate'];

/**
 * Writes an adult-like CSV of `rows` rows (a row id, numbers with missing cells, categoricals, `extra` numeric
 * columns, a binary `income` target) from a fixed linear congruential sequence, so every run writes the same
 * file. `bad` puts a non-number in `age` at that 0-based data row.
 */
export async function writeAdultLike(path: string, rows: number, o: { extra?: number; bad?: number } = {}): Promise<void> {
  const extra = Array.from({ length: o.extra ?? 2 }, (_, k) => `x${k}`);
  const out = createWriteStream(path);
  let seed = 7;
  const r = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  out.write(`id,age,workclass,education,hours,capital,sex,${extra.join(',')},income\n`);
  for (let i = 0; i < rows; i++) {
    const age = 17 + Math.floor(r() * 60);
    const hours = 10 + Math.floor(r() * 60);
    const capital = r() < 0.1 ? Math.floor(r() * 20000) : 0;
    const work = WORK[Math.floor(r() * 4)];
    const edu = EDUCATION[Math.floor(r() * 5)];
    const sex = r() < 0.5 ? 'Male' : 'Female';
    const xs = extra.map(() => (r() * 100).toFixed(3));
    const score = (age > 35 ? 1 : 0) + (edu === 'Masters' || edu === 'Doctorate' ? 1 : 0) + (hours > 45 ? 1 : 0) + (r() < 0.25 ? 1 : 0);
    const missing = r() < 0.02;
    const ageCell = i === o.bad ? 'old' : missing ? '' : String(age);
    const line = `${i + 1},${ageCell},${work},${edu},${hours},${capital},${sex},${xs.join(',')},${score >= 2 ? '>50K' : '<=50K'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}
