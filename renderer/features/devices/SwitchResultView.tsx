import { FormattedMessage, useIntl } from 'react-intl';
import type { Mode } from '../../../common/model/account';
import type { SwitchResult } from '../../../common/model/switch';
import { modeName } from '../../app/format';

/** What the switch did, in the same numbers as its preview. */
export function SwitchResultView({ result, to }: { result: SwitchResult; to: Mode }) {
  const intl = useIntl();
  return (
    <section className="switch-result" role="status" aria-label={intl.formatMessage({ id: 'devices.switchResult.label', defaultMessage: 'What the switch did' })}>
      <h4>
        <FormattedMessage id="devices.switchResult.title" defaultMessage="Switched to {mode}" values={{ mode: modeName(to) }} />
      </h4>
      <dl className="facts words">
        <dt>
          <FormattedMessage id="devices.switchResult.matched" defaultMessage="Matched to the server" />
        </dt>
        <dd data-testid="result-matched">{result.matched}</dd>
        <dt>
          <FormattedMessage id="devices.switchResult.uploaded" defaultMessage="Uploaded" />
        </dt>
        <dd data-testid="result-uploaded">{result.uploaded}</dd>
        <dt>
          <FormattedMessage id="devices.switchResult.statesPushed" defaultMessage="Read/flag states pushed" />
        </dt>
        <dd data-testid="result-states">{result.statesPushed}</dd>
        <dt>
          <FormattedMessage id="devices.switchResult.downloaded" defaultMessage="Downloaded" />
        </dt>
        <dd data-testid="result-downloaded">{result.downloaded}</dd>
        <dt>
          <FormattedMessage id="devices.switchResult.copiedFolders" defaultMessage="Folders copied down" />
        </dt>
        <dd data-testid="result-folders">{result.copiedFolders}</dd>
        <dt>
          <FormattedMessage id="devices.switchResult.keptLocal" defaultMessage="Kept local" />
        </dt>
        <dd data-testid="result-kept-local">{result.keptLocal}</dd>
      </dl>
    </section>
  );
}
