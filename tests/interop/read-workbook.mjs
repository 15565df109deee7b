#!/usr/bin/env node
// Reads any .xlsx with exceljs (independently of the system under test) and prints every sheet's
// layout (print set-up included) and non-empty cells as plain JSON. Formula cells report their cached result as the value.
import ExcelJS from 'exceljs';
import { runCli, UsageError } from './lib/cli.mjs';

const usage = 'read-workbook.mjs FILE.xlsx';
const V = ExcelJS.ValueType;

/** Cached/plain value -> JSON value (dates as ISO strings, rich text concatenated, errors as text). */
function plain(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  if (value.richText) return value.richText.map((run) => run.text).join('');
  if (value.error) return value.error;
  if (value.text !== undefined) return plain(value.text); // hyperlink
  if ('result' in value) return plain(value.result); // formula
  return null; // a formula without a cached result
}

function describeCell(cell) {
  const isFormula = cell.type === V.Formula;
  const type = {
    [V.Number]: 'number', [V.String]: 'string', [V.SharedString]: 'string', [V.Hyperlink]: 'string',
    [V.Date]: 'date', [V.Boolean]: 'boolean', [V.Formula]: 'formula', [V.RichText]: 'richText', [V.Error]: 'error',
  }[cell.type] ?? 'null'; // Null, and the non-master cells of a merged range
  return {
    value: cell.type === V.Merge ? null : plain(cell.value),
    type,
    formula: isFormula ? cell.formula ?? null : null,
    numFmt: cell.numFmt ?? null,
  };
}

function frozen(ws) {
  const view = (ws.views ?? []).find((v) => v.state === 'frozen');
  return view ? { xSplit: view.xSplit ?? 0, ySplit: view.ySplit ?? 0 } : null;
}

function autoFilter(ws) {
  const f = ws.autoFilter;
  if (!f) return null;
  if (typeof f === 'string') return f;
  const ref = (p) => (typeof p === 'string' ? p : `${colName(p.column)}${p.row}`);
  return `${ref(f.from)}:${ref(f.to)}`;
}

function colName(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** How the sheet prints: orientation, paper, scaling to pages, the rows repeated on each page, the footer codes. */
function print(ws) {
  const p = ws.pageSetup ?? {};
  return {
    orientation: p.orientation ?? null,
    paperSize: p.paperSize ?? null,
    fitToPage: p.fitToPage ?? false,
    fitToWidth: p.fitToWidth ?? null,
    fitToHeight: p.fitToHeight ?? null,
    printTitlesRow: p.printTitlesRow ?? null,
    oddFooter: ws.headerFooter?.oddFooter ?? null,
  };
}

function describeSheet(ws) {
  const cells = {};
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => { cells[cell.address] = describeCell(cell); });
  });
  const columns = (ws.columns ?? [])
    .filter((c) => c.width !== undefined)
    .map((c) => ({ index: c.number, width: c.width }));
  return {
    name: ws.name,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    frozen: frozen(ws),
    autoFilter: autoFilter(ws),
    print: print(ws),
    columns,
    cells,
  };
}

await runCli({ usage, allowPositionals: true }, async (_, positionals) => {
  if (positionals.length !== 1) throw new UsageError('expected exactly one FILE.xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(positionals[0]);
  return { sheets: workbook.worksheets.map(describeSheet) };
});
