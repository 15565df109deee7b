#!/usr/bin/env node
// Lists the blobs of a container (optionally under a prefix) with their properties and metadata.
import { runCli, requireOptions } from './lib/cli.mjs';
import { containerClient } from './lib/connection.mjs';

const usage = 'list-blobs.mjs --connection-string CS --container NAME [--prefix P]';
const options = {
  'connection-string': { type: 'string' },
  container: { type: 'string' },
  prefix: { type: 'string' },
};

await runCli({ usage, options }, async (a) => {
  requireOptions(a, 'connection-string', 'container');
  const container = containerClient(a['connection-string'], a.container);
  const blobs = [];
  for await (const b of container.listBlobsFlat({ prefix: a.prefix, includeMetadata: true })) {
    blobs.push({
      name: b.name,
      size: b.properties.contentLength,
      etag: b.properties.etag,
      ...(b.versionId ? { versionId: b.versionId } : {}),
      contentType: b.properties.contentType ?? null,
      contentMD5: b.properties.contentMD5 ? Buffer.from(b.properties.contentMD5).toString('base64') : null,
      metadata: b.metadata ?? {},
    });
  }
  return { blobs };
});
