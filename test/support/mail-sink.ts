import { startSmtpSink, type SmtpSink } from '@app/embedded';
import { simpleParser, type ParsedMail } from 'mailparser';

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export interface TestMailSink {
  url: string;
  messages: ParsedMail[];
  /** Messages to `address` (any letter case), in arrival order. */
  to(address: string): ParsedMail[];
  /** The `token` query parameter of the first link under `path` in the last message to `address`. */
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
      const last = to(address).at(-1);
      if (last === undefined) throw new Error(`no mail to ${address}`);
      const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const match = new RegExp(`https?://[^\\s"<>]*${escaped}\\?token=([^\\s"&<>]+)`).exec(
        last.text ?? '',
      );
      if (match === null) throw new Error(`no ${path} link in the mail to ${address}`);
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
