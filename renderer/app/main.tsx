import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { currentTransport, getApi } from '../bridge/api';
import { harnessToken } from '../bridge/harness-token';
import { App } from './App';
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
}

try {
  getApi();
  startHarnessCacheHost();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
} catch (error) {
  showFatal(error instanceof Error ? error.message : String(error));
}
