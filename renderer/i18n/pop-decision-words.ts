import type { IntlShape } from 'react-intl';
import type { PopRetention } from '../../common/model/account';
import type { PopDecision } from '../../common/model/pop-retention';
import { intl as currentIntl } from './intl';
import { retentionTitle } from './retention-words';

/** A day as the server panel writes it ("3 Dec", "3. Dez."), in the language shown. */
function day(time: number, intl: IntlShape): string {
  return intl.formatDate(time, { day: 'numeric', month: 'short' });
}

/**
 * The setting by which this device deleted a message from the server, in force then (recorded
 * with the deletion), never today's: "its setting: Delete from the server right after downloading".
 */
export function deletionRuleText(deletedUnder: PopRetention | null | undefined, intl: IntlShape = currentIntl()): string {
  return deletedUnder
    ? intl.formatMessage({ id: 'popDecision.rule', defaultMessage: 'its setting: {setting}' }, { setting: retentionTitle(deletedUnder, intl) })
    : intl.formatMessage({ id: 'popDecision.rule.notRecorded', defaultMessage: 'its setting then was not recorded' });
}

/**
 * This device's decision about one maildrop message (common/model/pop-retention.ts popDecision),
 * in the language shown, for the server panel: "downloaded 3 Dec; will be deleted on the check
 * after 17 Dec". `intl`: a component's own layer, or the one of the language shown now.
 */
export function popDecisionText(decision: PopDecision, intl: IntlShape = currentIntl()): string {
  switch (decision.kind) {
    case 'not-downloaded':
      return intl.formatMessage({ id: 'popDecision.notDownloaded', defaultMessage: 'not downloaded yet: the next check downloads it' });
    case 'deleted-by-this-device':
      return intl.formatMessage(
        { id: 'popDecision.deletedByThisDevice', defaultMessage: 'deleted from the server by this device on {day} ({rule})' },
        { day: day(decision.deletedAt, intl), rule: deletionRuleText(decision.deletedUnder, intl) },
      );
    case 'deleted-elsewhere':
      return intl.formatMessage({ id: 'popDecision.deletedElsewhere', defaultMessage: 'gone from the server since {day} (deleted elsewhere)' }, { day: day(decision.goneAt, intl) });
    case 'headers-only':
      return intl.formatMessage({ id: 'popDecision.headersOnly', defaultMessage: 'only the header is here; kept on the server until the whole message is downloaded' });
    case 'not-stored':
      return intl.formatMessage({ id: 'popDecision.notStored', defaultMessage: 'could not be stored here; kept on the server and not downloaded again' });
    case 'kept':
      return decision.untilDeletedHere
        ? intl.formatMessage({ id: 'popDecision.keptUntilDeletedHere', defaultMessage: 'downloaded {day}; kept on the server until you delete it here' }, { day: day(decision.downloadedAt, intl) })
        : intl.formatMessage({ id: 'popDecision.kept', defaultMessage: 'downloaded {day}; kept on the server' }, { day: day(decision.downloadedAt, intl) });
    case 'deleted-at-next-check':
      return decision.deletedHere
        ? intl.formatMessage({ id: 'popDecision.deletedHereNextCheck', defaultMessage: 'downloaded {day}; deleted here, so the next check deletes it from the server' }, { day: day(decision.downloadedAt, intl) })
        : intl.formatMessage({ id: 'popDecision.nextCheck', defaultMessage: 'downloaded {day}; the next check deletes it from the server' }, { day: day(decision.downloadedAt, intl) });
    case 'deleted-after':
      return intl.formatMessage(
        { id: 'popDecision.checkAfter', defaultMessage: 'downloaded {day}; will be deleted on the check after {due}' },
        { day: day(decision.downloadedAt, intl), due: day(decision.dueAt, intl) },
      );
    default: {
      const unknownDecision: never = decision;
      throw new Error(`Unknown POP decision ${JSON.stringify(unknownDecision)}`);
    }
  }
}
