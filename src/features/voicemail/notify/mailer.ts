import { readFileSync } from 'node:fs';
import nodemailer, { type Transporter } from 'nodemailer';
import type { VoicemailMessage } from '../settings/voicemail-schema.js';

export interface MailContext {
  message: VoicemailMessage;
  mailboxName: string;
  mailboxExtension: string;
  audioPath: string;
  attachAudio: boolean;
  timeZone: string;
}

/** The notification: who called, when, how long, what they said (as transcribed). */
export function composeNotification(ctx: MailContext): { subject: string; text: string } {
  const m = ctx.message;
  const caller = m.caller_name && m.caller_number ? `${m.caller_name} <${m.caller_number}>` : m.caller_name ?? m.caller_number ?? 'an unknown caller';
  const when = new Intl.DateTimeFormat('en-GB', { timeZone: ctx.timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(m.received_at));
  const seconds = Math.round(m.duration_seconds);
  const duration = seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
  const transcription = m.transcription_status === 'done' ? (m.transcription || '(no words recognised)') : 'not available';
  return {
    subject: `New voicemail from ${caller} (${duration})`,
    text: [
      `Mailbox: ${ctx.mailboxName} (${ctx.mailboxExtension})`,
      `From: ${caller}`,
      `Received: ${when} (${ctx.timeZone})`,
      `Duration: ${duration}`,
      '',
      // A telephone-band recogniser gets many words wrong (docs/benchmarks.md): never presented as what was said.
      'Transcription (automatic draft, may contain errors; listen to the message to be sure):',
      transcription,
      '',
      ctx.attachAudio ? 'The recording is attached.' : 'Listen to it in the portal or by dialling *97.',
    ].join('\n'),
  };
}

/** SMTP from SMTP_URL (smtp://user:pass@host:port or smtps://…). */
export class Mailer {
  private readonly transport: Transporter | undefined;
  constructor(url: string | undefined, private readonly from: string) {
    this.transport = url ? nodemailer.createTransport(url) : undefined;
  }
  get configured(): boolean { return !!this.transport; }

  async send(to: string, ctx: MailContext): Promise<void> {
    if (!this.transport) throw new Error('SMTP is not configured (SMTP_URL)');
    const { subject, text } = composeNotification(ctx);
    await this.transport.sendMail({
      from: this.from, to, subject, text,
      attachments: ctx.attachAudio
        ? [{ filename: `voicemail-${ctx.message.id}.wav`, content: readFileSync(ctx.audioPath), contentType: 'audio/wav' }]
        : [],
    });
  }
  close(): void { this.transport?.close(); }
}
