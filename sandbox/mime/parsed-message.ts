import { parseMime, type MimeEntity } from './mime-tree';

const trees = new WeakMap<Buffer, MimeEntity>();

/** The MIME tree of a stored message, parsed once per buffer the blob store holds. */
export function mimeTreeOf(raw: Buffer): MimeEntity {
  let tree = trees.get(raw);
  if (!tree) {
    tree = parseMime(raw);
    trees.set(raw, tree);
  }
  return tree;
}
