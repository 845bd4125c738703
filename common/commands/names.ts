/**
 * The commands' names alone, for the bundles that only pass commands on (the preload, the
 * harness socket's client): importing the declarations would bring zod into them, and zod alone
 * took 25 ms to load in a preload that loads in under 1 ms. The compiler keeps this list and
 * the declarations (./index.ts) equal, both ways.
 */
export const COMMAND_NAMES = [
  'app:info',
  'app:setTheme',
  'link:open',
  'remote:allowedSenders',
  'remote:allowSender',
  'remote:fetchImages',
  'transcript:get',
  'serverView:watch',
  'serverView:unwatch',
  'file:readMessage',
  'accounts:list',
  'account:add',
  'account:update',
  'account:remove',
  'account:setIdentities',
  'account:discover',
  'oauth:providers',
  'oauth:signIn',
  'oauth:cancel',
  'device:statuses',
  'device:add',
  'device:rename',
  'device:remove',
  'device:configure',
  'device:switchPreview',
  'device:switchMode',
  'device:switchCancel',
  'device:sync',
  'folder:select',
  'folder:create',
  'folder:rename',
  'folder:delete',
  'message:open',
  'message:extractParts',
  'messages:flag',
  'messages:move',
  'messages:delete',
  'messages:undo',
  'messages:searchServer',
  'message:source',
  'message:send',
  'message:unsend',
  'outbox:list',
  'send:delay',
  'send:setDelay',
  'draft:save',
  'draft:discard',
  'message:sizeLimit',
  'pop:dryRun',
  'notify:settings',
  'notify:setSettings',
  'notify:setWords',
  'app:setUnreadBadge',
  'sandbox:state',
  'sandbox:try',
  'sandbox:demonstrate',
  'sandbox:reset',
  'sandbox:setPersonality',
  'sandbox:mailTimer',
  'sandbox:sendMail',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}
