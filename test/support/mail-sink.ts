import { startSmtpSink, type SmtpSink } from '@app/embedded';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export interface TestMailSink {
  url: string;
  messages: ParsedMail[];
  /** Messages to `address` (any letter case), in arrival order. */
  to(address: string): ParsedMail[];
  /** The `token` query parameter of the `path` link in the last message to `address` that has one. */
  tokenFrom(address: string, path: string): string;
  clear(): void;
  stop(): Promise<void>;
}

export async function startTestMailSink(port = 0): Promise<TestMailSink> {
  const messages: ParsedMail[] = [];
  const sink: SmtpSink = await startSmtpSink(async (raw) => {
    messages.push(await simpleParser(raw));
  }, port);
  const to = (address: string): ParsedMail[] =>
    messages.filter((m) => addressesOf(m).some((a) => a.toLowerCase() === address.toLowerCase()));
  return {
    url: sink.url,
    messages,
    to,
    tokenFrom(address, path) {
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const link = new RegExp(`https?://[^\\s"<>]*${escaped}\\?token=([^\\s"&<>]+)`);
      const matches = to(address)
        .map((m) => link.exec(m.text ?? ''))
        .filter((m): m is RegExpExecArray => m !== null);
      const match = matches.at(-1);
      if (match === undefined) throw new Error(`no ${path} link in the mail to ${address}`);
      return decodeURIComponent(match[1]);
    },
    clear() {
      messages.length = 0;
    },
    stop: () => sink.stop(),
  };
}

function addressesOf(mail: ParsedMail): string[] {
  const field = mail.to;
  if (field === undefined) return [];
  const list = Array.isArray(field) ? field : [field];
  return list.flatMap((a) => a.value.map((v) => v.address ?? ''));
}
