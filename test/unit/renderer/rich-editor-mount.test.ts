import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { RichEditor } from '../../../renderer/features/composer/RichEditor';
import { renderInLanguage } from '../../support/render-intl';

/**
 * The editor is made once the component has mounted (TipTap may also destroy one made earlier):
 * before that, the field says it is loading instead of failing (a null editor took the whole window
 * down). A render without mounting (the server renderer) is that first render.
 */
describe('the rich editor before its editor exists', () => {
  it('renders a loading field, not an error', () => {
    const markup = renderInLanguage(createElement(RichEditor, { initialHtml: '<p>Hello</p>', onChange: () => undefined, autoFocus: true, signature: '<p>Ann</p>' }));
    expect(markup).toContain('Loading the editor…');
  });
});
