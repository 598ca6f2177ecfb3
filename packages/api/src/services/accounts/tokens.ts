import { createHash, randomBytes } from "node:crypto";

/** Random link tokens (invitations): 192 bits, stored as a SHA-256 only. */
export const generateToken = (): string => randomBytes(24).toString("base64url");

export const hashToken = (token: string): string =>
  createHash("sha256").update(token).digest("hex");
