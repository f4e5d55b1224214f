import type { Transporter } from 'nodemailer';
import type { NodemailerError } from 'nodemailer/lib/errors';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; messageId: string };

/** `permanent`: the server refused this message for good (a 5xx); trying again would get the same answer. */
export type EmailSendResult = { sent: true } | { sent: false; permanent: boolean; error: string };

export type EmailTransport = { send(email: OutgoingEmail): Promise<EmailSendResult>; close(): void };

/**
 * Sends through the SMTP server of `KEYLINE_SMTP_URL` (`smtp://user:pass@host:587`: STARTTLS when the
 * server offers it; `smtps://…:465`: TLS from the start). Nothing of the URL, the addresses or the
 * server's answer text is ever logged or returned: only the reply code or the kind of failure.
 */
export function createEmailTransport(options: { url: string; from: string; timeoutMs: number }): EmailTransport {
  // nodemailer is loaded with the first message, not at start: ~90 ms of module evaluation that every
  // start paid, with or without email, before the database could open.
  let transport: Promise<Transporter> | null = null;
  const transporter = () =>
    (transport ??= import('nodemailer').then(({ createTransport }) =>
      createTransport(
        {
          url: options.url,
          connectionTimeout: options.timeoutMs,
          greetingTimeout: options.timeoutMs,
          socketTimeout: options.timeoutMs,
          // Its log would carry addresses and the server's answers: never written.
          logger: false,
          debug: false,
        },
        { from: options.from },
      ),
    ));
  return {
    async send(email) {
      try {
        await (await transporter()).sendMail({
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: email.messageId,
          // Notices are machine-sent: auto-responders should not answer them.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { sent: true };
      } catch (caught) {
        const error = caught as NodemailerError;
        if (typeof error.responseCode === 'number') {
          return {
            sent: false,
            // A refused password is the operator's to fix, not the message's fault: keep it until the retries run out.
            permanent: error.permanent === true && error.code !== 'EAUTH',
            error: `The mail server refused it (${error.responseCode}${error.command ? ` to ${error.command.split(' ')[0]}` : ''})`,
          };
        }
        return { sent: false, permanent: false, error: `Could not reach the mail server (${error.code ?? 'error'})` };
      }
    },
    close: () => void transport?.then((opened) => opened.close(), () => undefined),
  };
}
