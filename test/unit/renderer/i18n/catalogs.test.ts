import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { extract } from '@formatjs/cli-lib';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { GERMAN } from '../../../../renderer/i18n/catalog-de';

/**
 * The catalogs against the code: every message the renderer's code holds (its English text) must
 * have a German translation with the same arguments, and no translation may be left over from a
 * message that is gone. A text in JSX outside the layer is ESLint's to catch (eslint.config.mjs).
 */
const root = join(import.meta.dirname, '../../../..');
const rendererDir = join(root, 'renderer');
const catalogDir = join(rendererDir, 'i18n/de');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every argument of a message: its name and kind (a plural stays a plural in every language). */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(`${element.value}:${TYPE[element.type]}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    if (element.type === TYPE.tag) argumentsOf(element.children, into);
  }
  return into;
}

let english: Map<string, string>;
const german = new Map<string, { text: string; file: string }>();
const duplicates: string[] = [];

beforeAll(async () => {
  const extracted = JSON.parse(await extract(sourceFiles(rendererDir), { throws: true })) as Record<string, { defaultMessage: string }>;
  english = new Map(Object.entries(extracted).map(([id, m]) => [id, m.defaultMessage]));
  for (const name of readdirSync(catalogDir).filter((n) => n.endsWith('.json'))) {
    const file = relative(root, join(catalogDir, name));
    for (const [id, text] of Object.entries(JSON.parse(readFileSync(join(catalogDir, name), 'utf8')) as Record<string, string>)) {
      if (german.has(id)) duplicates.push(`${id} (${german.get(id)!.file} and ${file})`);
      german.set(id, { text, file });
    }
  }
}, 120_000);

describe('the German catalog', () => {
  it('has the code’s messages (a sanity check that extraction finds them)', () => {
    expect(english.size).toBeGreaterThan(0);
  });

  it('translates every message of the code', () => {
    expect([...english.keys()].filter((id) => !german.has(id))).toEqual([]);
  });

  it('is what the app loads: every file of renderer/i18n/de/ is in catalog-de.ts', () => {
    expect(Object.keys(GERMAN).sort()).toEqual([...german.keys()].sort());
  });

  it('holds no translation of a message that is gone, and each id once', () => {
    expect([...german.keys()].filter((id) => !english.has(id))).toEqual([]);
    expect(duplicates).toEqual([]);
  });

  it('keeps each message’s arguments, plurals and tags', () => {
    const mismatched: string[] = [];
    for (const [id, text] of english) {
      const translated = german.get(id);
      if (!translated) continue;
      const wanted = [...argumentsOf(parse(text))].sort();
      const got = [...argumentsOf(parse(translated.text))].sort();
      if (wanted.join() !== got.join()) mismatched.push(`${id}: ${wanted.join(', ')} ≠ ${got.join(', ')}`);
    }
    expect(mismatched).toEqual([]);
  });

  it('says a count with a plural, never with a stand-in like “message(s)” or “Nachricht(en)”', () => {
    const standIn = /\p{L}\((?:s|es|en|n|e)\)/u;
    const texts = [...[...english].map(([id, text]) => ({ id, text })), ...[...german].map(([id, { text }]) => ({ id: `de ${id}`, text }))];
    expect(texts.filter(({ text }) => standIn.test(text)).map(({ id, text }) => `${id}: ${text}`)).toEqual([]);
  });

  it('uses the German plural forms a plural needs (one, other)', () => {
    const missing: string[] = [];
    const walk = (id: string, elements: MessageFormatElement[]): void => {
      for (const element of elements) {
        if (element.type === TYPE.plural && element.pluralType !== 'ordinal' && !(element.options.one && element.options.other) && !element.offset) missing.push(id);
        if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(id, option.value);
        if (element.type === TYPE.tag) walk(id, element.children);
      }
    };
    for (const [id, { text }] of german) walk(id, parse(text));
    expect(missing).toEqual([]);
  });
});
