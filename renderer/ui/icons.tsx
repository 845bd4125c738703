import type { ReactNode } from 'react';

/** The × of a close button: a sign, not a word (the button's aria-label names it). */
export const CLOSE_SIGN = '×';

/** A paperclip drawn in SVG: emoji fonts are not on every machine. */
export function PaperclipIcon({ title }: { title?: string }) {
  return (
    <svg className="icon" width="14" height="14" viewBox="0 0 24 24" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {title && <title>{title}</title>}
      <path d="M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
    </svg>
  );
}

/** One toolbar icon: 16 px, drawn with the text colour, hidden from screen readers (the button's text names it). */
function ToolbarIcon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </svg>
  );
}

export const ReplyIcon = () => (
  <ToolbarIcon>
    <path d="M9 14L4 9l5-5" />
    <path d="M20 20v-7a4 4 0 0 0-4-4H4" />
  </ToolbarIcon>
);

export const ReplyAllIcon = () => (
  <ToolbarIcon>
    <path d="M7 14L2 9l5-5" />
    <path d="M12 14L7 9l5-5" />
    <path d="M22 20v-7a4 4 0 0 0-4-4H7" />
  </ToolbarIcon>
);

export const ForwardIcon = () => (
  <ToolbarIcon>
    <path d="M15 14l5-5-5-5" />
    <path d="M4 20v-7a4 4 0 0 1 4-4h12" />
  </ToolbarIcon>
);

export const EnvelopeIcon = () => (
  <ToolbarIcon>
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <path d="M3 7l9 6 9-6" />
  </ToolbarIcon>
);

export const FlagIcon = () => (
  <ToolbarIcon>
    <path d="M5 21V4" />
    <path d="M5 4h11l-2 4 2 4H5" />
  </ToolbarIcon>
);

export const TrashIcon = () => (
  <ToolbarIcon>
    <path d="M4 7h16" />
    <path d="M9 7V4h6v3" />
    <path d="M6 7l1 13h10l1-13" />
  </ToolbarIcon>
);

export const PencilIcon = () => (
  <ToolbarIcon>
    <path d="M16 3l5 5L8 21H3v-5z" />
  </ToolbarIcon>
);

export const PrinterIcon = () => (
  <ToolbarIcon>
    <path d="M6 9V3h12v6" />
    <path d="M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2" />
    <path d="M6 14h12v7H6z" />
  </ToolbarIcon>
);

/** Three dots: more actions. */
export const MoreIcon = () => (
  <ToolbarIcon>
    <circle cx="5" cy="12" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="19" cy="12" r="1" />
  </ToolbarIcon>
);
