import { describe, expect, it } from 'vitest';
import { snippetLinter } from '../support/lint-snippet';

const brokenRules = snippetLinter();

describe('the lint rule that enforces the process layering', () => {
  it.each([
    ['renderer/app/use-command.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/app/use-command.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['renderer/app/use-command.ts', "import { PortholeCore } from '../../main/core/porthole-core';\nexport const x = PortholeCore;\n"],
    ['common/errors.ts', "import { join } from 'path';\nexport const x = join;\n"],
    ['common/errors.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/sync/uid-set.ts', "import { DeviceCache } from '../../renderer/cache-host/schema';\nexport const x = DeviceCache;\n"],
  ])('rejects %s importing what its layer must not', async (file, code) => {
    expect(await brokenRules(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);

  it('allows the renderer to import common, and types from main', async () => {
    const code = "import { COMMAND_NAMES } from '../../common/contract';\nimport type { PortholeCore } from '../../main/core/porthole-core';\nexport const x: Array<PortholeCore | string> = [...COMMAND_NAMES];\n";
    expect(await brokenRules('renderer/app/use-command.ts', code)).toEqual([]);
  }, 60_000);
});
