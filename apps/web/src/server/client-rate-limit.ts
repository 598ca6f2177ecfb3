// A request-rate limit per client address for every route, signed in or not (API keys also have
// their own limit, shared by all processes, in @taskforge/api). In memory: it protects this
// process from one client's flood, before any other work is done for the request.

export type ClientRateLimit = { perSecond: number; burst: number };

type Bucket = { tokens: number; at: number };

export const createClientRateLimiter = ({ perSecond, burst }: ClientRateLimit) => {
  const buckets = new Map<string, Bucket>();
  let sweptAt = Date.now();
  // Full buckets carry no information: they are dropped, so the map holds only active clients.
  const sweep = (now: number) => {
    if (now - sweptAt < 10_000) return;
    sweptAt = now;
    for (const [client, bucket] of buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1000) * perSecond >= burst) buckets.delete(client);
    }
  };
  /** Takes a token for `client`: 0 when allowed, else the seconds to wait before retrying. */
  return (client: string): number => {
    if (perSecond <= 0) return 0;
    const now = Date.now();
    sweep(now);
    const bucket = buckets.get(client) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.set(client, bucket);
    if (bucket.tokens < 1) return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    bucket.tokens -= 1;
    return 0;
  };
};
