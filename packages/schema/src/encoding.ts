// Shared by server and browser client, so only web-platform globals (TextEncoder, btoa, atob),
// never Node's Buffer.

const encoder = new TextEncoder();

/**
 * The length `text` has once encoded as UTF-8, counted without encoding it: size limits run on every
 * task of a bulk create, and encoding allocated a copy of each. An unpaired surrogate counts as the
 * 3 bytes of the U+FFFD it is encoded as.
 */
export const utf8ByteLength = (text: string): number => {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      bytes += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2; // two UTF-16 units, four bytes
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
};

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export const encodeBase64Utf8 = (text: string): string => {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
};

/**
 * Returns null instead of throwing because callers decode untrusted tokens. Accepts the
 * base64url alphabet and missing padding, and turns spaces back into `+` because a token pasted
 * into a query string unencoded arrives with `+` decoded as a space.
 */
export const decodeBase64Utf8 = (encoded: string): string | null => {
  const normalized = encoded.trim().replace(/ /g, "+").replace(/-/g, "+").replace(/_/g, "/");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normalized)) return null;
  const unpadded = normalized.replace(/=+$/, "");
  if (unpadded.length % 4 === 1) return null;
  const padded = unpadded + "=".repeat((4 - (unpadded.length % 4)) % 4);
  try {
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};
