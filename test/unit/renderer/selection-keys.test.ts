import { describe, expect, it } from 'vitest';
import { mostHave } from '../../../renderer/app/use-device-view';
import { draggedIds, ownDraggedIds } from '../../../renderer/features/folder-list/FolderList';
import { bindingName } from '../../../renderer/ui/keyboard-shortcuts';
import { message } from '../factories';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('the keys of a selection', () => {
  it('names Ctrl+A and Cmd+A alike, Shift with named keys, and printable keys as typed', () => {
    expect(bindingName(key('a', { ctrlKey: true }))).toBe('Mod+a');
    expect(bindingName(key('A', { metaKey: true, shiftKey: true }))).toBe('Mod+a');
    expect(bindingName(key('ArrowDown', { shiftKey: true }))).toBe('Shift+ArrowDown');
    expect(bindingName(key('J', { shiftKey: true }))).toBe('J');
    expect(bindingName(key('#', { shiftKey: true }))).toBe('#');
    expect(bindingName(key('Escape'))).toBe('Escape');
    expect(bindingName(key('Shift', { shiftKey: true }))).toBe('Shift');
  });

  it('leaves Alt combinations and Ctrl with named keys to the page', () => {
    expect(bindingName(key('j', { altKey: true }))).toBeNull();
    expect(bindingName(key('ArrowDown', { ctrlKey: true }))).toBeNull();
  });

  it('u and s go by the majority of the selection: all read unless most already are', () => {
    const read = message({ id: 'r', seen: 1 });
    const unread = message({ id: 'u', seen: 0 });
    const isRead = (m: { seen: number }) => m.seen === 1;
    expect(mostHave([read, read, unread], isRead)).toBe(true);
    expect(mostHave([read, unread], isRead)).toBe(false);
    expect(mostHave([unread, undefined, undefined], isRead)).toBe(false);
    expect(mostHave([], isRead)).toBe(false);
  });
});

describe('a drop on a folder', () => {
  it('takes a JSON list of ids and nothing else', () => {
    expect(draggedIds('["a","b"]')).toEqual(['a', 'b']);
    expect(draggedIds('')).toBeNull();
    expect(draggedIds('[]')).toBeNull();
    expect(draggedIds('{"a":1}')).toBeNull();
    expect(draggedIds('[1,2]')).toBeNull();
    expect(draggedIds('["a"')).toBeNull();
  });
});

describe('a drag of messages onto a folder', () => {
  it('moves only the messages of the folder’s own cache: ids repeat across accounts, the keys name the cache', () => {
    const keys = ['work-db\nserver:INBOX#1', 'home-db\nserver:INBOX#1', 'work-db\nserver:INBOX#7'];
    expect(ownDraggedIds(keys, 'work-db')).toEqual({ own: ['server:INBOX#1', 'server:INBOX#7'], foreign: 1 });
    expect(ownDraggedIds(keys, 'home-db')).toEqual({ own: ['server:INBOX#1'], foreign: 2 });
    // A cache whose name starts another's is not taken for it.
    expect(ownDraggedIds(['work-db-2\nserver:INBOX#1'], 'work-db')).toEqual({ own: [], foreign: 1 });
  });
});
