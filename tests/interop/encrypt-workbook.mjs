#!/usr/bin/env node
// Encrypts a workbook with a password using xlsx-populate (ECMA-376 encryption, as Excel's
// "Encrypt with Password" does). Used to make samples/broken/encrypted-workbook.xlsx.
import { readFile, writeFile } from 'node:fs/promises';
import XlsxPopulate from 'xlsx-populate';
import { runCli, requireOptions } from './lib/cli.mjs';

await runCli({
  usage: 'encrypt-workbook.mjs --in FILE.xlsx --out ENCRYPTED.xlsx [--password P]',
  options: { in: { type: 'string' }, out: { type: 'string' }, password: { type: 'string', default: 'secret' } },
}, async (values) => {
  requireOptions(values, 'in', 'out');
  const workbook = await XlsxPopulate.fromDataAsync(await readFile(values.in));
  const encrypted = await workbook.outputAsync({ password: values.password });
  await writeFile(values.out, encrypted);
  return { in: values.in, out: values.out, size: encrypted.length };
});
