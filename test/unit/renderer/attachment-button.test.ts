import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInLanguage } from '../../support/render-intl';
import { AttachmentButton } from '../../../renderer/features/reader/AttachmentButton';

// Issue 11, item 13: a right-to-left override in a file name cannot turn "…fdp.exe" into "…exe.pdf".
const attachment = (filename: string) => ({ id: 'm/1', filename, contentType: 'application/octet-stream', size: 2048, contentId: null, inline: false });

describe('the attachment button', () => {
  it('shows the safe name, bidi-isolated, with its real extension, and no bidi control anywhere', () => {
    const markup = renderInLanguage(createElement(AttachmentButton, { attachment: attachment('invoice\u202Efdp.exe'), onSave: () => undefined }));
    expect(markup).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    expect(markup).toMatch(/<bdi[^>]*>invoice_fdp\.exe<\/bdi>/);
    expect(markup).toContain('aria-label="Save attachment invoice_fdp.exe, ');
    expect(markup).toMatch(/class="attachment-type"[^>]*>EXE</);
  });

  it('shows an ordinary name as it is', () => {
    const markup = renderInLanguage(createElement(AttachmentButton, { attachment: attachment('Report 2026.pdf'), onSave: () => undefined }));
    expect(markup).toMatch(/<bdi[^>]*>Report 2026\.pdf<\/bdi>/);
  });
});

// The review of issue 11: `photo\u2067gpj.exe\u2069` showed the type badge "EXE_".
describe('the type badge', () => {
  const badge = (filename: string): string => /class="attachment-type"[^>]*>([^<]*)</.exec(renderInLanguage(createElement(AttachmentButton, { attachment: attachment(filename), onSave: () => undefined })))?.[1] ?? '';

  it.each([
    ['photo\u2067gpj.exe\u2069', 'EXE'],
    ['invoice\u202Efdp.exe', 'EXE'],
    ['report.pdf\u200B', 'PDF'],
    ['setup.exe. . ', 'EXE'],
    ['setup.exe__', 'EXE'],
    ['notes.txt\u0000', 'TXT'],
  ])('%j is a %s file', (filename, type) => {
    expect(badge(filename)).toBe(type);
  });

  it('the shown name keeps the "_" marks where the invisible characters were', () => {
    const markup = renderInLanguage(createElement(AttachmentButton, { attachment: attachment('photo\u2067gpj.exe\u2069'), onSave: () => undefined }));
    expect(markup).toMatch(/<bdi[^>]*>photo_gpj\.exe_<\/bdi>/);
    expect(markup).toContain('title="A .exe file"');
  });

  it('a name without an extension has no badge', () => {
    expect(badge('README')).toBe('');
    expect(badge('.profile')).toBe('');
  });
});
