/**
 * The caller's address as the node:http entry determined it (the socket's, or a trusted proxy's
 * `x-forwarded-for`), handed to Next.js routes such as sign-in. The entry sets it on every request,
 * replacing any value a client sent.
 */
export const CLIENT_ADDRESS_HEADER = "x-taskforge-client-address";
