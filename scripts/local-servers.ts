/**
 * `npm run local-servers`: the test suite's private Dovecot (IMAP + POP3) and SMTP server on
 * 127.0.0.1, with two users and a few messages, for trying Porthole without a real account.
 * Everything lives in a temporary folder and is gone when you stop it (Ctrl+C).
 */
import { createUser, makeMessage, seedMessages, startTestServers } from '../test/servers';

async function main(): Promise<void> {
  const servers = await startTestServers();
  const { info } = servers;
  const you = await createUser(info, 'you');
  const friend = await createUser(info, 'friend');
  await seedMessages(
    info,
    you,
    'INBOX',
    ['Welcome to Porthole', 'Lunch on Friday?', 'The photos from the trip'].map((subject, i) => ({
      raw: makeMessage({ from: `Friend <${friend.address}>`, to: `You <${you.address}>`, subject, date: new Date(Date.now() - (3 - i) * 3_600_000) }),
    })),
  );
  const account = (user: typeof you): string =>
    [
      `  address   ${user.address}`,
      `  user      ${user.user}      password  ${user.password}`,
      `  IMAP      127.0.0.1 port ${info.imap.tlsPort} (TLS) or ${info.imap.starttlsPort} (STARTTLS or none)`,
      `  POP3      127.0.0.1 port ${info.pop3.tlsPort} (TLS) or ${info.pop3.stlsPort} (STARTTLS or none)`,
      `  SMTP      127.0.0.1 port ${info.smtp.tlsPort} (TLS) or ${info.smtp.starttlsPort} (STARTTLS or none)`,
    ].join('\n');
  console.log(`Local mail servers are running (data in ${info.dir}).\n`);
  console.log(`Account 1:\n${account(you)}\n\nAccount 2:\n${account(friend)}\n`);
  console.log(`The certificate is self-signed; when Porthole shows it, its SHA-256 fingerprint is\n  ${info.certificate.fingerprint256}\n`);
  console.log('Press Ctrl+C to stop them (the mailboxes are deleted).');
  const stop = (): void => {
    void servers.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Could not start the local servers: ${error instanceof Error ? error.message : String(error)}`);
  console.error('They need Dovecot: sudo apt-get install dovecot-imapd dovecot-pop3d dovecot-lmtpd');
  process.exit(1);
});
