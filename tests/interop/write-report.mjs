#!/usr/bin/env node
// Writes a valid miner report (consumption or sales) with exceljs, reads it back to check what
// was stored, and prints as JSON exactly what a parser should read from it.
// The data is pseudo-random but deterministic: the same --seed and --rows give the same workbook.
import ExcelJS from 'exceljs';
import { runCli, requireOptions, UsageError } from './lib/cli.mjs';

const usage = 'write-report.mjs --kind consumption|sales --out FILE.xlsx --licence L --bin B --company C'
  + ' --period YYYY-MM [--rows N] [--seed S] [--period-as-date] [--bin-as-number]';
const options = {
  kind: { type: 'string' },
  out: { type: 'string' },
  licence: { type: 'string' },
  bin: { type: 'string' },
  company: { type: 'string' },
  period: { type: 'string' },
  rows: { type: 'string', default: '20' },
  seed: { type: 'string', default: '1' },
  'period-as-date': { type: 'boolean', default: false },
  'bin-as-number': { type: 'boolean', default: false },
};

const SOURCES = ['grid', 'import', 'renewable', 'own-generation', 'off-grid'];
// Every other round of the source cycle is spelled like this, to exercise case-insensitive parsing.
const SOURCE_SPELLINGS = {
  grid: 'Grid', import: 'IMPORT', renewable: 'Renewable', 'own-generation': 'Own-Generation', 'off-grid': ' OFF-GRID ',
};
const PLACES = ['Ekibastuz', 'Pavlodar', 'Karaganda'];
const POOLS = ['F2Pool', 'AntPool', 'ViaBTC', 'Foundry USA'];
const AIFC_EXCHANGES = ['AIX', 'Astana International Exchange'];
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const DATE_FORMAT = 'yyyy-mm-dd';
// One kWh cell is a formula with a cached result, so a reader must use cached values.
const KWH_FORMULA = { formula: '1000.5+234.25', result: 1234.75 };

/** mulberry32: a tiny deterministic PRNG returning numbers in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x, decimals) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const isoDate = (d) => d.toISOString().slice(0, 10);
/** Excel's 1900-system serial of a Date (whole number for UTC midnight). */
const excelSerial = (d) => d.getTime() / 86400000 + 25569;

/** Wraps a workbook so that every value written is remembered for the read-back check. */
function recorder(workbook) {
  const written = [];
  return {
    written,
    sheet: (name) => workbook.addWorksheet(name),
    put(ws, address, value, numFmt) {
      if (value === null || value === undefined) return; // an empty cell is simply not written
      const cell = ws.getCell(address);
      cell.value = value;
      if (numFmt) cell.numFmt = numFmt;
      written.push({ sheet: ws.name, address, value });
    },
    /** Writes a header in row 1 and returns name -> column letter. */
    header(ws, names) {
      const letters = {};
      names.forEach((name, i) => {
        letters[name] = String.fromCharCode(65 + i);
        this.put(ws, `${letters[name]}1`, name);
        ws.getColumn(i + 1).width = Math.max(12, name.length + 2);
      });
      ws.getRow(1).font = { bold: true };
      return letters;
    },
  };
}

function writeReportSheet(rec, a) {
  const ws = rec.sheet('Report');
  const [y, m] = a.period.split('-').map(Number);
  const period = a['period-as-date'] ? new Date(Date.UTC(y, m - 1, 1)) : a.period;
  const bin = a['bin-as-number'] ? Number(a.bin) : a.bin;
  // Deliberately not in the order the template documents: the parser must find rows by label.
  const rows = [
    ['Period', period], ['Company', a.company], ['Report type', a.kind],
    ['BIN', bin], ['Template version', '1.0'], ['Licence', a.licence],
  ];
  rows.forEach(([label, value], i) => {
    rec.put(ws, `A${i + 1}`, label);
    rec.put(ws, `B${i + 1}`, value, value instanceof Date ? DATE_FORMAT : undefined);
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 34;
}

function writeConsumption(rec, n, rand) {
  const ws = rec.sheet('Consumption');
  // Non-default column order plus an extra column the parser does not know.
  const col = rec.header(ws, ['Source', 'Site', 'Comment', 'kWh (kilowatt-hours)', 'Meter', 'Cost KZT']);
  const used = new Set();
  const rows = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const source = SOURCES[i % SOURCES.length];
    const spelled = Math.floor(i / SOURCES.length) % 2 === 1 ? SOURCE_SPELLINGS[source] : source;
    const meter = (i + 1) % 7 === 0 ? null : `M-${String(i + 1).padStart(4, '0')}`;
    const place = PLACES[Math.floor(rand() * PLACES.length)];
    let number = 1 + Math.floor(rand() * 3);
    while (used.has(`${place}-${number}|${meter}|${source}`)) number++;
    const site = `${place}-${number}`;
    used.add(`${site}|${meter}|${source}`);
    const isFormula = i === Math.min(2, n - 1);
    const kwh = isFormula ? KWH_FORMULA.result : round(rand() * 250000, 3);
    const costKzt = source === 'grid' || source === 'import' ? round(kwh * (15 + rand() * 15), 2) : null;
    const comment = i === 5 ? '=SUM(1,2)' : i % 4 === 0 ? 'meter read on site' : null; // text, never a formula

    rec.put(ws, `${col.Source}${row}`, spelled);
    rec.put(ws, `${col.Site}${row}`, site);
    rec.put(ws, `${col.Comment}${row}`, comment);
    rec.put(ws, `${col['kWh (kilowatt-hours)']}${row}`, isFormula ? { ...KWH_FORMULA } : kwh, '#,##0.000');
    rec.put(ws, `${col.Meter}${row}`, meter);
    rec.put(ws, `${col['Cost KZT']}${row}`, costKzt, '#,##0.00');
    rows.push({ row, site, meter, source, kwh, cost_kzt: costKzt });
  }
  return { rows };
}

function writeSales(rec, n, rand, period) {
  const [y, m] = period.split('-').map(Number);
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const dayInPeriod = () => new Date(Date.UTC(y, m - 1, 1 + Math.floor(rand() * daysInMonth)));
  const wallet = () => 'bc1q' + Array.from({ length: 38 }, () => BECH32[Math.floor(rand() * 32)]).join('');

  const minedWs = rec.sheet('Mined');
  const mc = rec.header(minedWs, ['Asset', 'Quantity', 'Received', 'Pool', 'Wallet']);
  const mined = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const r = { row, asset: 'BTC', quantity: round(0.001 + rand() * 0.05, 8), received: dayInPeriod(), pool: POOLS[i % POOLS.length], wallet: wallet() };
    rec.put(minedWs, `${mc.Asset}${row}`, r.asset);
    rec.put(minedWs, `${mc.Quantity}${row}`, r.quantity, '0.00000000');
    rec.put(minedWs, `${mc.Received}${row}`, r.received, DATE_FORMAT);
    rec.put(minedWs, `${mc.Pool}${row}`, r.pool);
    rec.put(minedWs, `${mc.Wallet}${row}`, r.wallet);
    mined.push({ ...r, received: isoDate(r.received) });
  }

  const soldWs = rec.sheet('Sold');
  const sc = rec.header(soldWs, ['Asset', 'Quantity', 'Trade date', 'Exchange', 'Trade ID', 'Price', 'Currency']);
  const sold = [];
  for (let i = 0; i < n; i++) {
    const row = i + 2;
    const usd = round(55000 + rand() * 20000, 2);
    const kzt = i % 4 === 3; // every fourth trade is priced in tenge
    const r = {
      row,
      asset: 'BTC',
      quantity: round(0.001 + rand() * 0.03, 8),
      trade_date: dayInPeriod(),
      exchange: i === Math.min(3, n - 1) ? 'Binance' : AIFC_EXCHANGES[i % 2], // one non-AIFC trade
      trade_id: `T-${y}${String(m).padStart(2, '0')}-${String(i + 1).padStart(5, '0')}`,
      price: kzt ? round(usd * 480, 2) : usd,
      currency: kzt ? 'KZT' : 'USD',
    };
    rec.put(soldWs, `${sc.Asset}${row}`, r.asset);
    rec.put(soldWs, `${sc.Quantity}${row}`, r.quantity, '0.00000000');
    rec.put(soldWs, `${sc['Trade date']}${row}`, r.trade_date, DATE_FORMAT);
    rec.put(soldWs, `${sc.Exchange}${row}`, r.exchange);
    rec.put(soldWs, `${sc['Trade ID']}${row}`, r.trade_id);
    rec.put(soldWs, `${sc.Price}${row}`, r.price, '#,##0.00');
    rec.put(soldWs, `${sc.Currency}${row}`, r.currency);
    sold.push({ ...r, trade_date: isoDate(r.trade_date) });
  }
  return { mined, sold };
}

/** Reads the file back with exceljs and fails if any written cell does not hold what was written. */
async function verify(file, written) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  for (const { sheet, address, value } of written) {
    const actual = wb.getWorksheet(sheet).getCell(address).value;
    const same = value instanceof Date
      ? actual instanceof Date && actual.getTime() === value.getTime() && Number.isInteger(excelSerial(actual))
      : typeof value === 'object'
        ? actual?.formula === value.formula && actual?.result === value.result
        : actual === value;
    if (!same) {
      throw new Error(`read-back mismatch at ${sheet}!${address}: wrote ${JSON.stringify(value)}, read ${JSON.stringify(actual)}`);
    }
  }
}

await runCli({ usage, options }, async (a) => {
  requireOptions(a, 'kind', 'out', 'licence', 'bin', 'company', 'period');
  if (!['consumption', 'sales'].includes(a.kind)) throw new UsageError('--kind must be consumption or sales');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(a.period)) throw new UsageError('--period must be YYYY-MM');
  if (!/^\d+$/.test(a.rows)) throw new UsageError('--rows must be a whole number');
  if (!/^-?\d+$/.test(a.seed)) throw new UsageError('--seed must be an integer');
  if (a['bin-as-number'] && !/^\d+$/.test(a.bin)) throw new UsageError('--bin-as-number needs a BIN of digits');

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'interop write-report.mjs';
  workbook.created = workbook.modified = new Date(Date.UTC(2000, 0, 1)); // deterministic metadata
  const rec = recorder(workbook);
  writeReportSheet(rec, a);
  const rand = prng(Number(a.seed));
  const data = a.kind === 'consumption'
    ? writeConsumption(rec, Number(a.rows), rand)
    : writeSales(rec, Number(a.rows), rand, a.period);
  await workbook.xlsx.writeFile(a.out);
  await verify(a.out, rec.written);

  return { kind: a.kind, licence: a.licence, bin: a.bin, company: a.company, period: a.period, ...data };
});
