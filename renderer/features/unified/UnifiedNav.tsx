import { FormattedMessage, useIntl } from 'react-intl';
import type { UnifiedKind } from '../../cache/unified';
import { UNIFIED_TITLES } from '../../cache/unified';

const KINDS: readonly UnifiedKind[] = ['inbox', 'unread', 'flagged'];

/** The sidebar's views over every account, above the accounts themselves. */
export function UnifiedNav({ current, onChoose }: { current: UnifiedKind | null; onChoose: (kind: UnifiedKind) => void }) {
  const intl = useIntl();
  return (
    <nav className="account unified-nav" aria-label={intl.formatMessage({ id: 'unified.everyAccount', defaultMessage: 'Every account' })}>
      <div className="account-header">
        <h2 className="account-name">
          <FormattedMessage id="unified.everyAccount" defaultMessage="Every account" />
        </h2>
      </div>
      <ul className="folder-list">
        {KINDS.map((kind) => (
          <li key={kind}>
            <button type="button" className={`folder${kind === current ? ' selected' : ''}`} aria-current={kind === current ? 'true' : undefined} onClick={() => onChoose(kind)}>
              <span className="folder-name">{intl.formatMessage(UNIFIED_TITLES[kind])}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
