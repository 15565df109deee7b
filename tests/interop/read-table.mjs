#!/usr/bin/env node
// Lists a table's entities (every page), optionally one partition and/or an OData filter,
// sorted by partitionKey then rowKey (ordinal).
import { odata } from '@azure/data-tables';
import { runCli, requireOptions } from './lib/cli.mjs';
import { tableClient } from './lib/connection.mjs';

const usage = 'read-table.mjs --connection-string CS --table NAME [--partition PK] [--filter ODATA]';
const options = {
  'connection-string': { type: 'string' },
  table: { type: 'string' },
  partition: { type: 'string' },
  filter: { type: 'string' },
};
const NOTE = 'Values are as @azure/data-tables returns them, made JSON: Int64 (a BigInt in the SDK) is a decimal string, '
  + 'DateTime an ISO string (millisecond precision), Binary base64, Guid its string; "@types" names the EDM type of each such property. '
  + 'Int32 and Double are both JSON numbers.';

/** SDK value -> [JSON value, EDM type name when JSON alone would hide it]. */
function toJson(value) {
  if (typeof value === 'bigint') return [value.toString(), 'Int64'];
  if (value instanceof Date) return [value.toISOString(), 'DateTime'];
  if (value instanceof Uint8Array) return [Buffer.from(value).toString('base64'), 'Binary'];
  if (value && typeof value === 'object' && 'type' in value && 'value' in value) return [value.value, value.type];
  return [value, null];
}

const ordinal = (x, y) => (x < y ? -1 : x > y ? 1 : 0);

await runCli({ usage, options }, async (a) => {
  requireOptions(a, 'connection-string', 'table');
  const filters = [];
  if (a.partition !== undefined) filters.push(odata`PartitionKey eq ${a.partition}`);
  if (a.filter) filters.push(`(${a.filter})`);
  const table = tableClient(a['connection-string'], a.table);

  const entities = [];
  const pages = table.listEntities({ queryOptions: filters.length ? { filter: filters.join(' and ') } : {} }).byPage();
  for await (const page of pages) {
    for (const entity of page) {
      const out = {};
      const types = {};
      for (const [key, value] of Object.entries(entity)) {
        const [json, type] = toJson(value);
        out[key] = json;
        if (type) types[key] = type;
      }
      if (Object.keys(types).length) out['@types'] = types;
      entities.push(out);
    }
  }
  entities.sort((x, y) => ordinal(x.partitionKey, y.partitionKey) || ordinal(x.rowKey, y.rowKey));
  return { note: NOTE, entities };
});
