/**
 * Where composed mail goes: a folder of .eml files (the embedded default) or an SMTP server. A
 * transport sends one complete RFC 5322 message; queueing, retries and backoff are the worker's.
 */
export interface MailTransport {
  /** Said in the start-up log: where mail goes. */
  readonly description: string;
  /** Resolves once the message is handed over (written, or accepted by the server); rejects otherwise. */
  send(message: ComposedMail): Promise<void>;
  close(): Promise<void>;
}

export interface ComposedMail {
  messageId: string;
  /** Envelope sender and recipient, bare addresses. */
  from: string;
  to: string;
  subject: string;
  /** When it was queued (its Date header). */
  date: Date;
  /** The whole message, headers and MIME body, CRLF line ends. */
  raw: Buffer;
}

/** A recipient the server refuses for good (5xx on RCPT): retrying cannot help. */
export class PermanentMailFailure extends Error {}
