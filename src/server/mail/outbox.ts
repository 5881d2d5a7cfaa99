/**
 * Mail delivery: the SMTP transport (nodemailer) from `OZG_SMTP_URL`, and the worker that sends what the routes
 * wrote into the outbox. Mails are written in the transaction of the submission or event that causes them, so a
 * crash or an SMTP outage delays them but never loses them; each is sent with its outbox id as Message-ID and
 * marked sent once the SMTP server took it, so a restart does not send it again.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { DueMail, Store } from '../store.ts';

/** Operator settings for mail; without them nothing is mailed. */
export interface MailSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered; `?requireTLS=true` insists) or `smtps://…:465`. */
  smtpUrl: string;
  /** Sender, e.g. `"Online-Dienste Dithmarschen" <noreply@dithmarschen.example>`. */
  from: string;
  /** Link to the authorities' inbox in their notices, unless the catalog sets one per authority. */
  inboxUrl?: string | undefined;
}

/** Worker timings (tests shorten them). */
export interface OutboxTimings {
  /** First retry after this long; doubles with every failure up to `maxRetryMs` (default 30 s). */
  retryBaseMs?: number;
  /** Longest wait between two attempts (default 1 h). */
  maxRetryMs?: number;
  /** A mail still not taken by the SMTP server this long after it was written is given up (default 3 days). */
  giveUpAfterMs?: number;
  /** How often the worker looks for due mail besides being woken (default 5 s). */
  pollMs?: number;
}

/** A setting that cannot work: the message says which and why (for the operator, at start). */
export class MailSettingsError extends Error {
  override readonly name = 'MailSettingsError';
}

/** The address part of `From` (`Name <a@b>` or `a@b`). */
function addressOf(from: string): string | undefined {
  const match = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from) ?? /^([^<>\s]+@[^<>\s]+)$/.exec(from.trim());
  return match?.[1];
}

/** Checks the settings and builds the transport; throws {@link MailSettingsError} with a readable reason. */
export function createTransport(settings: MailSettings): { transport: Transporter; domain: string } {
  let url: URL;
  try {
    url = new URL(settings.smtpUrl);
  } catch {
    throw new MailSettingsError('OZG_SMTP_URL is no URL; expected smtp://host:port or smtps://host:port.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailSettingsError(`OZG_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new MailSettingsError('OZG_SMTP_URL names no host.');
  const address = addressOf(settings.from);
  if (!address) {
    throw new MailSettingsError(
      'OZG_MAIL_FROM must be set to the sender address when OZG_SMTP_URL is set, e.g. "Online-Dienste <noreply@example.de>".',
    );
  }
  if (settings.inboxUrl !== undefined && !/^https?:\/\/[^/]/.test(settings.inboxUrl)) {
    throw new MailSettingsError('OZG_INBOX_URL must be an http:// or https:// address.');
  }
  const transport = nodemailer.createTransport(settings.smtpUrl, {
    from: settings.from,
    // A stalled server must not hold a worker for long: the mail is tried again later.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return { transport, domain: address.split('@')[1]! };
}

/**
 * Whether the SMTP server refused the mail for good (the recipient or the message, with a 5xx reply). Everything
 * else (no connection, timeouts, 4xx, a login refused until the operator fixes it) may work later.
 */
export function isPermanent(error: unknown): boolean {
  const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
  return (
    typeof responseCode === 'number' &&
    responseCode >= 500 &&
    responseCode < 600 &&
    (code === 'EENVELOPE' || code === 'EMESSAGE')
  );
}

/** What the log and the outbox row keep of a failure: the SMTP code and reply, no address. */
function describe(error: unknown): string {
  const { code, responseCode, response, message } = (error ?? {}) as Record<string, unknown>;
  return [code, responseCode, typeof response === 'string' ? response : message]
    .filter((part) => part !== undefined && part !== '')
    .join(' ')
    .slice(0, 500);
}

/** Sends the outbox's due mails, one worker per process; several processes may share one database. */
export class OutboxWorker {
  readonly #store: Store;
  readonly #transport: Transporter;
  readonly #domain: string;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #retryBaseMs: number;
  readonly #maxRetryMs: number;
  readonly #giveUpAfterMs: number;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  /** The first round after start tries every pending mail at once, whatever its schedule. */
  #fresh = true;

  constructor(
    store: Store,
    transport: { transport: Transporter; domain: string },
    log: FastifyBaseLogger,
    now: () => Date,
    timings: OutboxTimings = {},
  ) {
    this.#store = store;
    this.#transport = transport.transport;
    this.#domain = transport.domain;
    this.#log = log;
    this.#now = now;
    this.#retryBaseMs = timings.retryBaseMs ?? 30_000;
    this.#maxRetryMs = timings.maxRetryMs ?? 3_600_000;
    this.#giveUpAfterMs = timings.giveUpAfterMs ?? 3 * 24 * 3_600_000;
    this.#pollMs = timings.pollMs ?? 5_000;
  }

  /**
   * Starts sending: every mail left pending from before the restart at once (the operator may have just fixed what
   * kept it back), then whenever woken or polled.
   */
  start(): void {
    this.wake();
  }

  /** Looks for due mail now (called after a transaction wrote some). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    clearTimeout(this.#timer);
    this.#running = this.#run().finally(() => {
      this.#running = undefined;
      if (this.#stopped) return;
      if (this.#again) {
        this.#again = false;
        this.wake();
      } else {
        this.#timer = setTimeout(() => this.wake(), this.#pollMs);
        this.#timer.unref();
      }
    });
  }

  /** Settles when the current round of sending has finished (tests). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Stops the worker after the mail being sent; pending mail stays for the next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
    this.#transport.close();
  }

  async #run(): Promise<void> {
    try {
      for (;;) {
        const fresh = this.#fresh;
        this.#fresh = false;
        // One server per database (the data directory's lock): a lease found at start is one of a process that
        // ended while sending (a crash, kill -9). Its mails go out now, not when the lease runs out.
        if (fresh) await this.#store.releaseMails();
        const now = this.#now();
        const dueBy = fresh ? new Date(now.getTime() + this.#maxRetryMs) : now;
        const batch = await this.#store.claimDueMails(now, fresh ? 100 : 20, 120_000, dueBy);
        for (const [i, mail] of batch.entries()) {
          if (this.#stopped) {
            // Not tried: free at once for the next start (or another instance), not only when the lease ends.
            await this.#store.releaseMails(batch.slice(i).map((m) => m.id));
            return;
          }
          await this.#send(mail);
        }
        if (fresh || batch.length < 20 || this.#stopped) return;
      }
    } catch (error) {
      this.#log.error({ err: error }, 'mail outbox: reading the outbox failed');
    }
  }

  async #send(mail: DueMail): Promise<void> {
    try {
      await this.#transport.sendMail({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: `<${mail.id}@${this.#domain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const reason = describe(error);
      const attempts = mail.attempts + 1;
      const age = this.#now().getTime() - new Date(mail.created_at).getTime();
      const permanent = isPermanent(error) || age >= this.#giveUpAfterMs;
      if (permanent) {
        this.#log.error(
          { outboxId: mail.id, attempts, reason },
          'mail could not be delivered and is given up; the caseworker sees it at the application',
        );
        await this.#store.mailFailed(mail.id, reason, undefined);
      } else {
        const wait = Math.min(this.#maxRetryMs, this.#retryBaseMs * 2 ** (attempts - 1));
        this.#log.warn(
          { outboxId: mail.id, attempts, reason, retryInMs: wait },
          'mail not sent yet; will retry',
        );
        await this.#store.mailFailed(mail.id, reason, new Date(this.#now().getTime() + wait));
      }
      return;
    }
    await this.#store.mailSent(mail.id, this.#now());
    this.#log.info({ outboxId: mail.id }, 'mail sent');
  }
}
