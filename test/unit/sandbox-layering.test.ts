import { describe, expect, it } from 'vitest';
import { snippetLinter } from '../support/lint-snippet';

const brokenRules = snippetLinter();

describe('the lint rules that keep the sandbox server a package of its own, and node-lib shared by both', () => {
  it.each([
    ['sandbox/users.ts', "import { PortholeCore } from '../main/core/porthole-core';\nexport const x = PortholeCore;\n"],
    ['sandbox/store/flags.ts', "import { DeviceCache } from '../../renderer/cache-host/schema';\nexport const x = DeviceCache;\n"],
    ['sandbox/users.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['main/core/sandbox-host.ts', "import { MailStore } from '../../sandbox/store/mail-store';\nexport const x = MailStore;\n"],
    ['main/web/cli.ts', "import { startSandboxServer } from '../../sandbox/sandbox-server';\nexport const x = startSandboxServer;\n"],
    ['node-lib/durable-file.ts', "import { PortholeCore } from '../main/core/porthole-core';\nexport const x = PortholeCore;\n"],
    ['node-lib/text-decoding.ts', "import { startSandboxServer } from '../sandbox';\nexport const x = startSandboxServer;\n"],
  ])('rejects %s importing what its layer must not', async (file, code) => {
    expect(await brokenRules(file, code)).toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);

  it('allows main to import the sandbox through its entry point, and the sandbox to import common', async () => {
    const fromMain = "import { startSandboxServer } from '../../sandbox';\nexport const x = startSandboxServer;\n";
    expect(await brokenRules('main/core/sandbox-host.ts', fromMain)).toEqual([]);
    const fromSandbox = "import type { SandboxPersonality } from '../common/model/sandbox';\nexport const x: SandboxPersonality | null = null;\n";
    expect(await brokenRules('sandbox/personality.ts', fromSandbox)).toEqual([]);
    // Both may use the Node-side code they share.
    const fromEither = "import { decodeCharset } from '../node-lib/text-decoding';\nexport const x = decodeCharset;\n";
    expect(await brokenRules('sandbox/users.ts', fromEither)).not.toContain('@typescript-eslint/no-restricted-imports');
    expect(await brokenRules('main/mime/parse-message.ts', fromEither.replace('../node-lib', '../../node-lib'))).not.toContain('@typescript-eslint/no-restricted-imports');
  }, 60_000);
});
