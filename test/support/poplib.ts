import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailUser, TestServerInfo } from '../servers';

export interface PoplibView {
  count: number;
  /** [UIDL, Subject] of every message in the maildrop, in message-number order. */
  messages: Array<{ uidl: string; subject: string }>;
}

const SCRIPT = String.raw`
import json, os, poplib, ssl, email, email.header
args = json.loads(os.environ["POPLIB_ARGS"])
context = ssl.create_default_context(cafile=args["cafile"])
context.check_hostname = False
box = poplib.POP3_SSL(args["host"], args["port"], context=context)
box.user(args["user"])
box.pass_(args["password"])
count, _ = box.stat()
messages = []
for line in box.uidl()[1]:
    number, uidl = line.decode().split(" ", 1)
    header = b"\r\n".join(box.top(int(number), 0)[1])
    subject = str(email.header.make_header(email.header.decode_header(email.message_from_bytes(header).get("Subject", ""))))
    messages.append({"uidl": uidl, "subject": subject})
box.quit()
print(json.dumps({"count": count, "messages": messages}))
`;

/**
 * What another POP client sees: Python's poplib (not our code) over TLS, listing the maildrop.
 * TOP only, so it changes nothing (Dovecot marks \Seen on RETR, not on TOP).
 */
export async function poplibView(servers: TestServerInfo, user: MailUser): Promise<PoplibView> {
  const cafile = join(servers.dir, 'poplib-ca.pem');
  await writeFile(cafile, servers.certificate.pem);
  const env = { ...process.env, POPLIB_ARGS: JSON.stringify({ host: servers.host, port: servers.pop3.tlsPort, user: user.user, password: user.password, cafile }) };
  return new Promise((resolve, reject) => {
    execFile('python3', ['-c', SCRIPT], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`poplib failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as PoplibView);
    });
  });
}
