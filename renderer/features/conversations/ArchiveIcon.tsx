/** A box with a lid, drawn as the toolbar icons of renderer/ui/icons.tsx are (16 px, the text colour, hidden from screen readers). */
export const ArchiveIcon = () => (
  <svg className="icon" width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <rect x="3" y="4" width="18" height="5" rx="1" />
    <path d="M5 9v10h14V9" />
    <path d="M10 13h4" />
  </svg>
);
