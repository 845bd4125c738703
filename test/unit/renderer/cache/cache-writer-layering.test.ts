import { describe, expect, it } from 'vitest';
import { snippetLinter } from '../../../support/lint-snippet';

const brokenRules = snippetLinter();

describe('the lint rule that keeps the cache writer out of the UI', () => {
  it.each([
    ['renderer/app/App.tsx', "import { applyOps } from '../cache-host/apply-ops';\nexport const x = applyOps;\n"],
    ['renderer/features/reader/Reader.tsx', "import type { DeviceCache } from '../../cache-host/schema';\nexport type X = DeviceCache;\n"],
    ['renderer/cache/hooks.ts', "import { DeviceCache } from '../cache-host/schema';\nexport const x = DeviceCache;\n"],
    ['renderer/cache/read-db.ts', "import { CacheHostHandler } from '../cache-host/host-handler';\nexport const x = CacheHostHandler;\n"],
  ])('rejects %s importing the cache host', async (file, code) => {
    expect(await brokenRules(file, code)).toContain('no-restricted-imports');
  }, 60_000);

  it('lets the cache host import its writer and the shared schema, and the UI read-db', async () => {
    const host = "import { runQuery } from './queries';\nimport { SCHEMA_VERSIONS } from '../cache/schema-versions';\nexport const x = [runQuery, SCHEMA_VERSIONS];\n";
    expect(await brokenRules('renderer/cache-host/host-handler.ts', host)).not.toContain('no-restricted-imports');
    const ui = "import { readDb } from '../../cache/read-db';\nexport const x = readDb;\n";
    expect(await brokenRules('renderer/features/reader/Reader.tsx', ui)).not.toContain('no-restricted-imports');
  }, 60_000);
});
