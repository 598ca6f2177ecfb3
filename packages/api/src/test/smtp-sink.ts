import type { AddressInfo } from "node:net";

import { SMTPServer } from "smtp-server";

export type Mail = { from: string; to: string[]; raw: string };

/**
 * A real SMTP server (the operator's relay in production) on loopback, keeping what it receives.
 * With `refuse`, it answers every recipient with a permanent error, as a relay that will not
 * deliver.
 */
export const startSmtp = async (options: { refuse?: boolean } = {}) => {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(address, _session, callback) {
      if (options.refuse)
        callback(
          Object.assign(new Error(`550 No such mailbox ${address.address}`), { responseCode: 550 }),
        );
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((r) => server.close(r)),
  };
};

// Quoted-printable (how long lines travel in mail) back to text.
export const decodeQuotedPrintable = (text: string) =>
  text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
