import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AttachmentButton } from '../../../renderer/features/reader/AttachmentButton';

// Issue 11, item 13: a right-to-left override in a file name cannot turn "…fdp.exe" into "…exe.pdf".
const attachment = (filename: string) => ({ id: 'm/1', filename, contentType: 'application/octet-stream', size: 2048, contentId: null, inline: false });

describe('the attachment button', () => {
  it('shows the safe name, bidi-isolated, with its real extension, and no bidi control anywhere', () => {
    const markup = renderToStaticMarkup(createElement(AttachmentButton, { attachment: attachment('invoice\u202Efdp.exe'), onSave: () => undefined }));
    expect(markup).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F]/);
    expect(markup).toMatch(/<bdi[^>]*>invoice_fdp\.exe<\/bdi>/);
    expect(markup).toContain('aria-label="Save attachment invoice_fdp.exe, ');
    expect(markup).toMatch(/class="attachment-type"[^>]*>EXE</);
  });

  it('shows an ordinary name as it is', () => {
    const markup = renderToStaticMarkup(createElement(AttachmentButton, { attachment: attachment('Report 2026.pdf'), onSave: () => undefined }));
    expect(markup).toMatch(/<bdi[^>]*>Report 2026\.pdf<\/bdi>/);
  });
});
