import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback for tests: it wants a user name and password (over plain text, which
 * only a test allows), records every message it accepts, parsed, and refuses one when a test says so.
 */
export async function startSmtpServer(credentials = { user: 'keyline', pass: 'mail server password' }) {
  const received: ParsedMail[] = [];
  const raw: string[] = [];
  const refused: string[] = [];
  let refusals = 0;
  let refusalCode = 451;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals--;
          refused.push(Buffer.concat(chunks).toString('utf8'));
          callback(Object.assign(new Error(refusalCode < 500 ? 'Try again later' : 'No such mailbox'), { responseCode: refusalCode }));
          return;
        }
        const message = Buffer.concat(chunks);
        raw.push(message.toString('utf8'));
        simpleParser(message).then(
          (parsed) => {
            received.push(parsed);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    raw,
    /** The messages refused, as they came. */
    refused,
    url: `smtp://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@127.0.0.1:${port}`,
    port,
    /** The next `count` messages are refused: for now (451) unless a test gives a permanent code (5xx). */
    refuseNext(count = 1, code = 451) {
      refusals = count;
      refusalCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
