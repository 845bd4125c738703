import { Fragment, useMemo } from 'react';
import { highlightPieces } from './highlight';
import './search.css';

/** A text with the searched words in <mark>s; React escapes every piece, so no markup gets through. */
export function Highlighted({ text, terms }: { text: string; terms: readonly string[] | undefined }) {
  const pieces = useMemo(() => (terms?.length ? highlightPieces(text, terms) : null), [text, terms]);
  if (!pieces) return <>{text}</>;
  return (
    <>
      {pieces.map(([piece, marked], i) =>
        marked ? (
          <mark key={i} className="search-hit">
            {piece}
          </mark>
        ) : (
          <Fragment key={i}>{piece}</Fragment>
        ),
      )}
    </>
  );
}
