import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createCertificate, type TestCertificate } from './certificate';
import { renderDovecotConfig, renderOAuth2PassdbConfig, type DovecotPorts } from './dovecot-config';
import { DovecotProcess, DovecotStartError } from './dovecot';
import { instanceLayout, MAIL_DOMAIN, userHome, type InstanceLayout } from './layout';
import { addPasswdEntry, assertValidUserName, readPasswdFile } from './passwd-file';
import { waitForGreetings } from './listener-probe';
import { findFreePorts, HOST } from './ports';
import { detectPreviewFetchItem } from './preview-probe';
import { startSmtpServers } from './smtp';
import { resolveServiceIdentity, type ServiceIdentity } from './system-users';
import type { MailUser, RunningTestServers, TestServerInfo } from './types';

export type { MailUser, RunningTestServers, SeedMessage, TestServerInfo } from './types';
export type { MessageOverrides } from './message';
export { makeMessage } from './message';
export { seedMessages } from './maildir';
export { doveadm } from './doveadm';

const PORT_ATTEMPTS = 5;
const SUBMISSION_START_TIMEOUT_MS = 15_000;
const PROBE_USER = 'porthole-probe';

async function prepareInstanceDir(identity: ServiceIdentity): Promise<InstanceLayout> {
  const layout = instanceLayout(await mkdtemp(join(tmpdir(), 'porthole-servers-')));
  // Dovecot's auth process (default_internal_user) and the mail processes (mail uid) must get in.
  await chmod(layout.dir, 0o755);
  await Promise.all([mkdir(layout.tlsDir, { mode: 0o700 }), mkdir(layout.stateDir, { mode: 0o700 })]);
  await mkdir(layout.mailRoot, { mode: 0o700 });
  if (identity.runningAsRoot) await chown(layout.mailRoot, identity.mailUid, identity.mailGid);
  await mkdir(layout.usersDir, { mode: 0o755 });
  await chmod(layout.usersDir, 0o755);
  await writeFile(layout.passwdFile, '', { mode: 0o644 });
  await chmod(layout.passwdFile, 0o644);
  return layout;
}

/** Picks free ports and starts Dovecot, picking again when another process took a port meanwhile. */
async function startDovecotOnFreePorts(
  layout: InstanceLayout,
  identity: ServiceIdentity,
  certificate: TestCertificate,
  extra: string | undefined,
  oauth2ConfigPath: string | undefined,
): Promise<{ dovecot: DovecotProcess; ports: DovecotPorts }> {
  const instanceName = `porthole-${basename(layout.dir).replace(/^porthole-servers-/, '')}`;
  for (let attempt = 1; ; attempt += 1) {
    const [imap, imaps, pop3, pop3s, lmtp, submission] = await findFreePorts(oauth2ConfigPath ? 6 : 5);
    if (imap === undefined || imaps === undefined || pop3 === undefined || pop3s === undefined || lmtp === undefined || (oauth2ConfigPath && submission === undefined)) {
      throw new Error('test servers: could not find free ports');
    }
    const ports: DovecotPorts = { imap, imaps, pop3, pop3s, lmtp, ...(oauth2ConfigPath ? { submission } : {}) };
    const config = renderDovecotConfig({
      layout,
      instanceName,
      identity,
      ports,
      certPath: certificate.certPath,
      keyPath: certificate.keyPath,
      extra,
      oauth2ConfigPath,
    });
    await writeFile(layout.configPath, config, { mode: 0o644 });
    const dovecot = new DovecotProcess(layout, ports, certificate.certPem, instanceName);
    try {
      await dovecot.start();
      await waitForSubmission(dovecot, ports.submission, instanceName);
      return { dovecot, ports };
    } catch (error) {
      if (!(error instanceof DovecotStartError && error.addressInUse) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

/**
 * DovecotProcess waits for the greetings of IMAP, POP3 and LMTP; the submission service, when
 * configured, is waited for here (its greeting carries the instance name too).
 */
async function waitForSubmission(dovecot: DovecotProcess, port: number | undefined, instanceName: string): Promise<void> {
  if (port === undefined) return;
  const notReady = await waitForGreetings([{ name: 'SUBMISSION', port, greetingToken: instanceName }], Date.now() + SUBMISSION_START_TIMEOUT_MS, () => true);
  if (notReady.length === 0) return;
  await dovecot.stop();
  throw new DovecotStartError(`test servers: Dovecot's submission service did not answer: ${notReady.join(', ')} (is dovecot-submissiond installed?)`, false);
}

/**
 * Starts a private Dovecot (IMAP, POP3, LMTP) and SMTP submission on 127.0.0.1 in a fresh temp dir.
 * Safe to call from parallel test files: each call gets its own dir, instance name and ports.
 */
export interface StartOptions {
  /** Extra dovecot.conf text, e.g. a smaller `imap_capability` to play a server without CONDSTORE. */
  dovecotConfig?: string;
  /**
   * Also accept OAuth2 bearer tokens: IMAP and POP3 (Dovecot's oauth2 passdb) and SMTP take SASL
   * XOAUTH2 and OAUTHBEARER (SMTP: XOAUTH2) and check each token by introspection at this URL
   * (test/servers/oauth-server.ts's `introspectionUrl`). Passwords work as without it. Dovecot's
   * submission service then listens too (`oauthSubmissionPort`): SMTP logins by OAUTHBEARER.
   */
  oauth2?: { introspectionUrl: string };
}

export async function startTestServers(options: StartOptions = {}): Promise<RunningTestServers> {
  const identity = await resolveServiceIdentity();
  const layout = await prepareInstanceDir(identity);
  const removeDirOnExit = (): void => rmSync(layout.dir, { recursive: true, force: true });
  process.on('exit', removeDirOnExit);
  let dovecot: DovecotProcess | null = null;
  let closeSmtp: (() => Promise<void>) | null = null;
  const stop = async (): Promise<void> => {
    await closeSmtp?.();
    await dovecot?.stop();
    await rm(layout.dir, { recursive: true, force: true });
    process.off('exit', removeDirOnExit);
  };
  try {
    const certificate = await createCertificate(layout.tlsDir);
    const oauth2ConfigPath = options.oauth2 ? join(layout.dir, 'dovecot-oauth2.conf.ext') : undefined;
    if (oauth2ConfigPath && options.oauth2) await writeFile(oauth2ConfigPath, renderOAuth2PassdbConfig(options.oauth2.introspectionUrl), { mode: 0o644 });
    const started = await startDovecotOnFreePorts(layout, identity, certificate, options.dovecotConfig, oauth2ConfigPath);
    dovecot = started.dovecot;
    const smtp = await startSmtpServers({
      passwdFile: layout.passwdFile,
      lmtpPort: started.ports.lmtp,
      certPem: certificate.certPem,
      keyPem: certificate.keyPem,
      introspectionUrl: options.oauth2?.introspectionUrl,
    });
    closeSmtp = () => smtp.close();
    const info: TestServerInfo = {
      host: HOST,
      imap: { starttlsPort: started.ports.imap, tlsPort: started.ports.imaps },
      pop3: { stlsPort: started.ports.pop3, tlsPort: started.ports.pop3s },
      smtp: { starttlsPort: smtp.starttlsPort, tlsPort: smtp.tlsPort },
      lmtpPort: started.ports.lmtp,
      oauthSubmissionPort: started.ports.submission ?? null,
      certificate: { pem: certificate.certPem, fingerprint256: certificate.fingerprint256 },
      pop3MarksSeen: true,
      previewFetchItem: null,
      dir: layout.dir,
      configPath: layout.configPath,
      passwdFile: layout.passwdFile,
      mailUid: identity.mailUid,
      mailGid: identity.mailGid,
    };
    info.previewFetchItem = await detectPreviewFetchItem(info, await createUser(info, PROBE_USER));
    const running = started.dovecot;
    return {
      info,
      stop,
      stopDovecot: () => running.stop(),
      startDovecot: () => running.restart(),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Adds a user to the running servers, usable at once (see passwd-file.ts); a unique name when omitted.
 * Log in as `user` or `address`.
 */
export async function createUser(info: TestServerInfo, name?: string): Promise<MailUser> {
  const user = name ?? `user-${randomBytes(5).toString('hex')}`;
  assertValidUserName(user);
  if ((await readPasswdFile(info.passwdFile)).has(user)) throw new Error(`test servers: user "${user}" exists`);
  const password = randomBytes(12).toString('hex');
  await addPasswdEntry(info.passwdFile, instanceLayout(info.dir).usersDir, {
    name: user,
    password,
    uid: info.mailUid,
    gid: info.mailGid,
    home: userHome(info.dir, user),
  });
  return { user, password, address: `${user}@${MAIL_DOMAIN}` };
}
