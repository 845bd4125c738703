import { StrictMode, type ReactNode } from 'react';
import { RawIntlProvider } from 'react-intl';
import { createRoot, type Root } from 'react-dom/client';
import { currentTransport, getApi, onTokenRefused } from '../bridge/api';
import { harnessToken, watchHarnessToken } from '../bridge/harness-token';
import { App } from './App';
import { followThemeSetting } from './theme';
import { followDocumentLanguage, useCurrentIntl } from '../i18n/intl';
import { announceUserActivity } from '../cache/user-activity';
import './styles.css';

/** In the harness, this page also opens the cache host (Electron has its own hidden window). */
function startHarnessCacheHost(): void {
  const token = harnessToken();
  if (currentTransport() !== 'web' || !token) return;
  const frame = document.createElement('iframe');
  frame.src = `cache-host.html#token=${encodeURIComponent(token)}`;
  frame.hidden = true;
  frame.title = 'Cache host';
  frame.setAttribute('aria-hidden', 'true');
  document.body.appendChild(frame);
}

function showFatal(message: string): void {
  const root = document.getElementById('root')!;
  root.textContent = message;
  root.className = 'pad error-text';
  root.setAttribute('role', 'alert');
}

/**
 * The harness's address changes with each run (its token). A new address opened in this tab
 * starts the page again on it; an old one the core refuses says so, instead of showing the
 * last run's state as if it were live.
 */
function followHarnessRuns(root: Root): void {
  const token = harnessToken();
  if (currentTransport() !== 'web' || !token) return;
  watchHarnessToken(token, () => window.location.reload());
  onTokenRefused(() => {
    root.unmount();
    showFatal('Porthole was restarted: open the new address it printed.');
  });
}

/** The translation layer for the whole tree, in the language chosen now. */
function Translated({ children }: { children: ReactNode }) {
  return <RawIntlProvider value={useCurrentIntl()}>{children}</RawIntlProvider>;
}

// Before the first paint: a dark window must not flash white.
followThemeSetting(document.documentElement);
followDocumentLanguage(document.documentElement);

try {
  getApi();
  startHarnessCacheHost();
  announceUserActivity(window);
  const root = createRoot(document.getElementById('root')!);
  followHarnessRuns(root);
  root.render(
    <StrictMode>
      <Translated>
        <App />
      </Translated>
    </StrictMode>,
  );
} catch (error) {
  showFatal(error instanceof Error ? error.message : String(error));
}
