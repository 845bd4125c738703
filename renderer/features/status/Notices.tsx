import type { Notice } from '../../../common/contract';

/** Errors from background work (sync, replay), each dismissable; the newest first. */
export function Notices({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: string) => void }) {
  if (notices.length === 0) return null;
  return (
    <section className="notices" aria-label="Notifications">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'}>
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => onDismiss(notice.id)} aria-label="Dismiss notification">
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
