// Shared by server and browser client, so only web-platform globals (TextEncoder, btoa, atob),
// never Node's Buffer.

const encoder = new TextEncoder();

export const utf8ByteLength = (text: string): number => encoder.encode(text).length;

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
