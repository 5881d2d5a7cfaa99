/**
 * A real SMTP server in the test process (`smtp-server`, from the nodemailer project) that keeps every mail it
 * accepted, parsed, so tests read what a mailbox would get.
 */
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  /** The envelope's recipients. */
  to: string[];
  /** Whether the mail came over TLS (STARTTLS or smtps). */
  secure: boolean;
  /** The login used, if any. */
  user: string | undefined;
  mail: ParsedMail;
}

export interface MailSink {
  port: number;
  url: string;
  received: Received[];
  /** Resolves when at least `count` mails arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** A free loopback port (nothing listens on it when this resolves). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the sink on `port` (default: a free one). Plain SMTP without STARTTLS unless `options` say otherwise;
 * `received` may be shared between sinks started one after the other on the same port.
 */
export async function startSmtp(
  options: { port?: number; received?: Received[]; server?: Partial<SMTPServerOptions> } = {},
): Promise<MailSink> {
  const received = options.received ?? [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    ...options.server,
    onData(stream, session, done) {
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: typeof session.user === 'string' ? session.user : undefined,
            mail,
          });
          done();
        },
        (error: Error) => done(error),
      );
    },
  });
  const port = options.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > until) {
          throw new Error(`expected ${count} mails within ${timeoutMs} ms, got ${received.length}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
