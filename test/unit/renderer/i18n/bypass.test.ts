import { describe, expect, it } from 'vitest';
import { snippetLinter } from '../../../support/lint-snippet';

/**
 * A text that bypasses the translation layer fails the lint, which `npm test` runs first: the
 * project's own ESLint configuration, on snippets placed as a renderer component.
 */
const lint = snippetLinter();
// An existing component's path (the typed configuration knows only the project's files); its text is the snippet.
const FILE = 'renderer/features/reader/LinkList.tsx';
const formatjsRules = async (code: string): Promise<string[]> => (await lint(FILE, code)).filter((rule) => rule.startsWith('formatjs/'));

describe('a text outside the translation layer', () => {
  it.each([
    ['text in JSX', `export function A() { return <p>Nothing here</p>; }`],
    ['a label a screen reader reads', `export function A() { return <button aria-label="Close the reader" />; }`],
    ['a tooltip from a template', `export function A({ n }: { n: number }) { return <span title={\`\${n} messages\`} />; }`],
    ['a placeholder', `export function A() { return <input placeholder="Search mail" />; }`],
  ])('fails the lint: %s', async (_case, code) => {
    expect(await formatjsRules(code)).toContain('formatjs/no-literal-string-in-jsx');
  }, 60_000);

  it('fails the lint when a message’s English is not a literal the extractor can read', async () => {
    const code = `import { FormattedMessage } from 'react-intl';\nconst words = 'Hello';\nexport function A() { return <FormattedMessage id="reader.a" defaultMessage={words} />; }`;
    expect(await formatjsRules(code)).toContain('formatjs/enforce-default-message');
  }, 60_000);

  it('passes through the layer, names and numbers as values', async () => {
    const code = `import { FormattedMessage, useIntl } from 'react-intl';\nexport function A({ n }: { n: number }) {\n  const intl = useIntl();\n  return <p title={intl.formatMessage({ id: 'reader.a.title', defaultMessage: '{n, plural, one {# message} other {# messages}}' }, { n })}><FormattedMessage id="reader.a.text" defaultMessage="Nothing here" /></p>;\n}`;
    expect(await lint(FILE, code)).toEqual([]);
  }, 60_000);
});
