import type { Mode } from '../../../common/model/account';
import type { SwitchResult } from '../../../common/model/switch';
import { modeName } from '../../app/format';

/** What the switch did, in the same numbers as its preview. */
export function SwitchResultView({ result, to }: { result: SwitchResult; to: Mode }) {
  return (
    <section className="switch-result" role="status" aria-label="What the switch did">
      <h4>Switched to {modeName(to)}</h4>
      <dl className="facts words">
        <dt>Matched to the server</dt>
        <dd data-testid="result-matched">{result.matched}</dd>
        <dt>Uploaded</dt>
        <dd data-testid="result-uploaded">{result.uploaded}</dd>
        <dt>Read/flag states pushed</dt>
        <dd data-testid="result-states">{result.statesPushed}</dd>
        <dt>Downloaded</dt>
        <dd data-testid="result-downloaded">{result.downloaded}</dd>
        <dt>Folders copied down</dt>
        <dd data-testid="result-folders">{result.copiedFolders}</dd>
        <dt>Kept local</dt>
        <dd data-testid="result-kept-local">{result.keptLocal}</dd>
      </dl>
    </section>
  );
}
