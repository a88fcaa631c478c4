// Command-line parsing shared by the bench scripts: node's parseArgs, plus `--help` (prints the script's header
// comment, which is its usage) and a one-line error instead of parseArgs' stack trace for an unknown or malformed option.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The leading `//` comment block of a script (after the shebang), without the comment markers. */
export function headerComment(text) {
  const lines = text.split('\n');
  let i = lines[0]?.startsWith('#!') ? 1 : 0;
  const out = [];
  for (; i < lines.length && lines[i].startsWith('//'); i++) out.push(lines[i].replace(/^\/\/ ?/, ''));
  return out.join('\n');
}

/**
 * parseArgs(config) for the script at `scriptUrl` (its import.meta.url). `--help` / `-h` print the header comment and
 * exit 0; a parse error prints "bench <script>: <reason>" and exits 2.
 */
export function benchArgs(scriptUrl, config) {
  const file = fileURLToPath(scriptUrl);
  const name = basename(file);
  const argv = config.args ?? process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${headerComment(readFileSync(file, 'utf8'))}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ ...config, args: argv });
  } catch (err) {
    process.stderr.write(`bench ${name}: ${err.message.split('\n')[0]}\nRun "node tools/bench/${name} --help" for its options.\n`);
    process.exit(2);
  }
}
