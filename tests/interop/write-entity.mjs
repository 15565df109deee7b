#!/usr/bin/env node
// Upserts (replace) one entity into a table, creating the table if it does not exist.
// --json is the entity as @azure/data-tables takes it: {"partitionKey","rowKey",...}; a typed value
// can be written as {"value":"9007199254740993","type":"Int64"} (also Guid, DateTime, Double, ...).
import { runCli, requireOptions, UsageError } from './lib/cli.mjs';
import { tableClient } from './lib/connection.mjs';

const usage = "write-entity.mjs --connection-string CS --table NAME --json '{\"partitionKey\":\"p\",\"rowKey\":\"r\",...}'";
const options = {
  'connection-string': { type: 'string' },
  table: { type: 'string' },
  json: { type: 'string' },
};

await runCli({ usage, options }, async (a) => {
  requireOptions(a, 'connection-string', 'table', 'json');
  let entity;
  try {
    entity = JSON.parse(a.json);
  } catch (err) {
    throw new UsageError(`--json is not valid JSON: ${err.message}`);
  }
  if (typeof entity?.partitionKey !== 'string' || typeof entity?.rowKey !== 'string') {
    throw new UsageError('--json needs string partitionKey and rowKey');
  }
  const table = tableClient(a['connection-string'], a.table);
  await table.createTable(); // the SDK ignores "table already exists"
  const response = await table.upsertEntity(entity, 'Replace');
  return { table: a.table, partitionKey: entity.partitionKey, rowKey: entity.rowKey, etag: response.etag };
});
