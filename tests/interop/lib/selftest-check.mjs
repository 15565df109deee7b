// Assertions for selftest.sh. Usage: node lib/selftest-check.mjs MODE A.json B.json
//   workbook  EXPECTED(write-report)  ACTUAL(read-workbook)
//   blobs     UPLOADED(upload-blobs)  LISTED(list-blobs)
//   table     WRITTEN(--json of write-entity)  READ(read-table)
// Prints one line "<mode>: N checks ok" or the first failure (exit 1).
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

const [mode, fileA, fileB] = process.argv.slice(2);
const a = JSON.parse(readFileSync(fileA, 'utf8'));
const b = JSON.parse(readFileSync(fileB, 'utf8'));
let checks = 0;
const eq = (actual, expected, what) => { assert.deepEqual(actual, expected, what); checks++; };

function checkWorkbook(expected, workbook) {
  const sheet = (name) => workbook.sheets.find((s) => s.name === name) ?? assert.fail(`no sheet ${name}`);
  const cell = (s, address) => s.cells[address] ?? { value: null, type: 'null', formula: null, numFmt: null };

  // Report sheet: find the values by label, whatever the row order.
  const report = sheet('Report');
  const byLabel = {};
  for (const [address, c] of Object.entries(report.cells)) {
    if (address.startsWith('A')) byLabel[c.value] = cell(report, `B${address.slice(1)}`);
  }
  eq(byLabel['Report type'].value, expected.kind, 'Report type');
  eq(byLabel.Licence.value, expected.licence, 'Licence');
  eq(byLabel.Company.value, expected.company, 'Company');
  eq(byLabel['Template version'], { value: '1.0', type: 'string', formula: null, numFmt: null }, 'Template version');
  const bin = byLabel.BIN;
  eq(bin.type === 'number' ? String(bin.value).padStart(12, '0') : bin.value, expected.bin, 'BIN');
  const period = byLabel.Period;
  eq(period.value, period.type === 'date' ? `${expected.period}-01T00:00:00.000Z` : expected.period, 'Period');

  // Data sheets: columns are found by header text, rows by the row number write-report printed.
  const checkRows = (name, rows, fields) => {
    const s = sheet(name);
    const col = {};
    for (const [address, c] of Object.entries(s.cells)) if (/^[A-Z]+1$/.test(address)) col[c.value] = address.slice(0, -1);
    eq(s.rowCount, rows.length + 1, `${name} row count`);
    for (const row of rows) {
      for (const [header, key, read] of fields) {
        eq(read(cell(s, `${col[header]}${row.row}`)), row[key], `${name}!${col[header]}${row.row} (${header})`);
      }
    }
    const formulas = Object.entries(s.cells).filter(([, c]) => c.type === 'formula');
    return formulas;
  };
  const number = (c) => (c.type === 'number' || c.type === 'formula' ? c.value : `not a number: ${JSON.stringify(c)}`);
  const text = (c) => (c.type === 'string' ? c.value : c.type === 'null' ? null : `not text: ${JSON.stringify(c)}`);
  const source = (c) => c.value.trim().toLowerCase();
  const date = (c) => (c.type === 'date' && c.numFmt === 'yyyy-mm-dd' && c.value.endsWith('T00:00:00.000Z')
    ? c.value.slice(0, 10) : `not a date: ${JSON.stringify(c)}`);

  if (expected.kind === 'consumption') {
    const formulas = checkRows('Consumption', expected.rows, [
      ['Site', 'site', text], ['Meter', 'meter', text], ['Source', 'source', source],
      ['kWh (kilowatt-hours)', 'kwh', number], ['Cost KZT', 'cost_kzt', (c) => (c.type === 'null' ? null : number(c))],
    ]);
    eq(formulas.length, Math.min(1, expected.rows.length), 'exactly one formula cell (kWh, with cached value)');
  } else {
    const mined = checkRows('Mined', expected.mined, [
      ['Asset', 'asset', text], ['Quantity', 'quantity', number], ['Received', 'received', date],
      ['Pool', 'pool', text], ['Wallet', 'wallet', text],
    ]);
    const sold = checkRows('Sold', expected.sold, [
      ['Asset', 'asset', text], ['Quantity', 'quantity', number], ['Trade date', 'trade_date', date],
      ['Exchange', 'exchange', text], ['Trade ID', 'trade_id', text], ['Price', 'price', number], ['Currency', 'currency', text],
    ]);
    eq(mined.length + sold.length, 0, 'no formula cells in a sales report');
  }
}

function checkBlobs(uploaded, listed) {
  eq(listed.blobs.map((x) => x.name), uploaded.uploaded.map((x) => x.name).sort(), 'blob names');
  for (const up of uploaded.uploaded) {
    const blob = listed.blobs.find((x) => x.name === up.name);
    eq(blob.size, up.size, `${up.name} size`);
    eq(blob.contentMD5, up.contentMD5, `${up.name} MD5`);
    eq(blob.etag.replaceAll('"', ''), up.etag.replaceAll('"', ''), `${up.name} etag`);
    if (up.name.endsWith('.xlsx')) {
      eq(blob.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', `${up.name} content type`);
    }
  }
}

function checkTable(written, read) {
  const entity = read.entities.find((e) => e.partitionKey === written.partitionKey && e.rowKey === written.rowKey);
  assert.ok(entity, 'entity not found');
  for (const [key, value] of Object.entries(written)) {
    const typed = value && typeof value === 'object';
    eq(entity[key], typed ? value.value : value, `property ${key}`);
    if (typed) eq(entity['@types'][key], value.type, `type of ${key}`);
  }
}

try {
  ({ workbook: checkWorkbook, blobs: checkBlobs, table: checkTable })[mode](a, b);
  console.log(`${mode}: ${checks} checks ok`);
} catch (err) {
  console.error(`${mode}: check ${checks + 1} failed: ${err.message}`);
  process.exitCode = 1;
}
