import "server-only";
import { mkdir, writeFile, rename } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

// Sending a watch's email: through SMTP_URL (smtp:// or smtps://) when set, else written as an .eml file in the
// mail folder (MAIL_DIR, default .data/mail) for admins to read under Admin -> Mail, so a newcomer sees every
// message without configuring anything. The file of a delivery has a fixed name and is written by rename, so a
// delivery retried after a crash replaces its file instead of adding a second one.

export type OutgoingMail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Fixed per delivery: a receiver can recognise a message sent twice. */
  messageId: string;
  unsubscribeUrl: string;
};

export type SentMail = { via: "smtp"; statusCode: number | null; response: string } | { via: "file"; fileName: string };

export function mailDir(): string {
  return path.resolve(env().MAIL_DIR ?? path.join(process.cwd(), ".data", "mail"));
}

let smtp: { url: string; transport: Transporter } | null = null;

function smtpTransport(url: string): Transporter {
  if (smtp?.url !== url) {
    smtp?.transport.close();
    // Local test servers and many relays present self-signed certificates for STARTTLS; smtps:// verifies.
    smtp = {
      url,
      transport: nodemailer.createTransport(url, { tls: { rejectUnauthorized: url.startsWith("smtps:") } }),
    };
  }
  return smtp.transport;
}

function message(mail: OutgoingMail) {
  return {
    from: env().MAIL_FROM,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: mail.messageId,
    list: { unsubscribe: { url: mail.unsubscribeUrl, comment: "Stop these emails" } },
    headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
  };
}

export async function sendMail(mail: OutgoingMail, fileKey: string): Promise<SentMail> {
  const url = env().SMTP_URL;
  if (url) {
    const info = await smtpTransport(url).sendMail(message(mail));
    const code = /^(\d{3})/.exec(String(info.response ?? ""))?.[1];
    return { via: "smtp", statusCode: code ? Number(code) : null, response: String(info.response ?? "") };
  }
  const info = await nodemailer
    .createTransport({ streamTransport: true, buffer: true, newline: "unix" })
    .sendMail(message(mail));
  const dir = mailDir();
  await mkdir(dir, { recursive: true });
  const fileName = `${fileKey}.eml`;
  const temporary = path.join(dir, `.${fileName}.${process.pid}.tmp`);
  await writeFile(temporary, info.message as Buffer);
  await rename(temporary, path.join(dir, fileName));
  return { via: "file", fileName };
}
