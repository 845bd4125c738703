import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = join(__dirname, '..', '..');

/**
 * Lints a snippet as if it were the given file of the repository (path from its root), with the
 * project's own configuration, and returns the rules it broke. One ESLint per test file: the typed
 * configuration is loaded once, not once a case.
 */
export function snippetLinter(): (file: string, code: string) => Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  return async (file, code) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
  };
}
