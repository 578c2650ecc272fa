import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope, as the client gave it in MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first mail `matches` accepts, waiting for it up to `ms`. */
  waitFor(matches: (mail: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process (smtp-server), plain text on 127.0.0.1, that keeps every
 * message it accepts. `port` 0 takes a free one; giving the port of a closed one brings it back.
 */
export async function startSmtpServer(port = 0, received: ReceivedMail[] = [], options: { acceptAfterMs?: number } = {}): Promise<TestSmtpServer> {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        // A slow server: the message is received, the answer to it comes later.
        if (options.acceptAfterMs) await new Promise((r) => setTimeout(r, options.acceptAfterMs));
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw: raw.toString('utf8'),
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    received,
    async waitFor(matches, ms = 10_000) {
      const end = Date.now() + ms;
      for (;;) {
        const found = received.find(matches);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no such mail arrived in ${ms} ms; ${received.length} arrived: ${received.map((m) => m.parsed.subject).join(', ')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
