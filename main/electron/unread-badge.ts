import { app, nativeImage, type BrowserWindow } from 'electron';
import { badgeLabel, badgePng } from './badge-image';

/**
 * The unread count on the app's icon: `app.setBadgeCount` on macOS (the dock) and Linux (docks
 * that speak the Unity LauncherEntry API); on Windows an overlay icon on the taskbar button, drawn
 * here (badge-image.ts), with the count as its accessible description. 0 clears it. The window is
 * asked each time: on Windows the overlay belongs to a window, and a new one gets the last count.
 */
export function unreadBadge(platform: NodeJS.Platform, window: () => BrowserWindow | null): { set(count: number): void; windowOpened(): void } {
  let shown = 0;
  const apply = (): void => {
    if (platform !== 'win32') {
      app.setBadgeCount(shown);
      return;
    }
    const target = window();
    if (!target || target.isDestroyed()) return;
    if (shown === 0) target.setOverlayIcon(null, '');
    else target.setOverlayIcon(nativeImage.createFromBuffer(badgePng(shown), { scaleFactor: 2 }), `${badgeLabel(shown)} unread`);
  };
  return {
    set(count) {
      if (count === shown) return;
      shown = count;
      apply();
    },
    windowOpened() {
      // Only Windows ties the count to a window; a count of 0 has nothing to show there.
      if (platform === 'win32' && shown > 0) apply();
    },
  };
}
