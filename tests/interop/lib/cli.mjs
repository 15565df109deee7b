// Shared plumbing for the interop scripts: argument parsing, JSON on stdout, errors on stderr.
// Exit codes: 0 success, 1 failure, 2 bad arguments.
import { parseArgs } from 'node:util';

export class UsageError extends Error {}

/** Throws a UsageError unless every named option was given. */
export function requireOptions(values, ...names) {
  const missing = names.filter((n) => values[n] === undefined || values[n] === '');
  if (missing.length) throw new UsageError(`missing --${missing.join(', --')}`);
}

/**
 * Parses the arguments, runs main(values, positionals) and prints what it returns as JSON.
 * Never calls process.exit, so a large stdout is flushed completely before the process ends.
 */
export async function runCli({ usage, options = {}, allowPositionals = false }, main) {
  try {
    let parsed;
    try {
      parsed = parseArgs({ options, allowPositionals, strict: true });
    } catch (err) {
      throw new UsageError(err.message);
    }
    const result = await main(parsed.values, parsed.positionals);
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\nusage: ${usage}\n`);
      process.exitCode = 2;
    } else {
      const detail = err?.statusCode ? ` (HTTP ${err.statusCode}${err.code ? `, ${err.code}` : ''})` : '';
      process.stderr.write(`error: ${err?.message ?? err}${detail}\n`);
      process.exitCode = 1;
    }
  }
}
