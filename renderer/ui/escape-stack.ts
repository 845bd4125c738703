/**
 * Who Escape closes: the innermost open layer (a dialog, or a confirmation inside one), and only
 * that one. Layers register in the order they open; one keydown listener calls the newest.
 * Escape counts inside a text field too: closing a dialog is what a user means by it there.
 * Layers register in effects, children before parents: a confirmation must open after its
 * dialog (as every one does, on a click), or it would sit under it.
 */
type Closer = () => void;

const layers: Array<{ close: Closer }> = [];
let listening = false;

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
  const top = layers[layers.length - 1];
  if (!top) return;
  event.preventDefault();
  event.stopPropagation();
  top.close();
}

/** Registers a layer that Escape closes while it is the newest one; returns its removal. */
export function pushEscapeLayer(close: Closer, target: Pick<Window, 'addEventListener'> = window): () => void {
  const layer = { close };
  layers.push(layer);
  if (!listening) {
    // Capture: the dialog closes before anything under it (a list, the app's shortcuts) sees the key.
    target.addEventListener('keydown', onKeyDown as EventListener, true);
    listening = true;
  }
  return () => {
    const index = layers.indexOf(layer);
    if (index >= 0) layers.splice(index, 1);
  };
}

