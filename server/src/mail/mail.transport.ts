import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer (`SMTP_URL`, e.g. smtp://user:pass@host:587). */
export class SmtpTransport implements MailTransport {
  private readonly transporter: nodemailer.Transporter;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport(url);
  }

  async send(message: MailMessage): Promise<void> {
    await this.transporter.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.id}@team-billing>`,
    });
  }
}

/** Without SMTP: each message becomes an RFC 822 .eml file under DATA_DIR/mail. */
export class FileTransport implements MailTransport {
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });

  constructor(private readonly dir: string) {}

  async send(message: MailMessage): Promise<void> {
    const info = await this.builder.sendMail({
      from: message.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      messageId: `<${message.id}@team-billing>`,
    });
    await mkdir(this.dir, { recursive: true });
    // Named by message id: a retried send overwrites rather than duplicates.
    await writeFile(join(this.dir, `${message.id}.eml`), info.message as Buffer);
  }
}
