import { promises as dns } from "node:dns";
import type { LookupAddress, LookupOptions } from "node:dns";
import { BlockList, isIP } from "node:net";
import type { LookupFunction } from "node:net";

/**
 * Callback URLs come from customers, so a delivery could be aimed at the installation's own network
 * (SSRF): its database, an admin port, the cloud metadata service. Every address a delivery
 * connects to is checked, after DNS resolution and at connect time (the agent's `lookup`), so a
 * name that resolves to a public address when saved and to 127.0.0.1 later (DNS rebinding) is
 * still refused. Operators allow their own receivers with TASKFORGE_CALLBACK_ALLOWLIST.
 */

const FORBIDDEN_RANGES: readonly [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified (0.0.0.0/8)"],
  ["10.0.0.0", 8, "ipv4", "a private (10.0.0.0/8)"],
  ["100.64.0.0", 10, "ipv4", "a carrier-grade NAT (100.64.0.0/10)"],
  ["127.0.0.0", 8, "ipv4", "a loopback (127.0.0.0/8)"],
  ["169.254.0.0", 16, "ipv4", "a link-local or cloud metadata (169.254.0.0/16)"],
  ["172.16.0.0", 12, "ipv4", "a private (172.16.0.0/12)"],
  ["192.0.0.0", 24, "ipv4", "an IETF protocol (192.0.0.0/24)"],
  ["192.0.2.0", 24, "ipv4", "a documentation (192.0.2.0/24)"],
  ["192.168.0.0", 16, "ipv4", "a private (192.168.0.0/16)"],
  ["198.18.0.0", 15, "ipv4", "a benchmarking (198.18.0.0/15)"],
  ["198.51.100.0", 24, "ipv4", "a documentation (198.51.100.0/24)"],
  ["203.0.113.0", 24, "ipv4", "a documentation (203.0.113.0/24)"],
  ["224.0.0.0", 4, "ipv4", "a multicast (224.0.0.0/4)"],
  ["240.0.0.0", 4, "ipv4", "a reserved or broadcast (240.0.0.0/4)"],
  ["::", 128, "ipv6", "an unspecified (::)"],
  ["::1", 128, "ipv6", "a loopback (::1)"],
  ["::", 96, "ipv6", "an IPv4-compatible (::/96)"],
  // SIIT's IPv4-translated form (::ffff:0:a.b.c.d): not routed on the internet, but a translator
  // in the network could carry it to the embedded IPv4 address, public or not.
  ["::ffff:0:0:0", 96, "ipv6", "an IPv4-translated (::ffff:0:0:0/96)"],
  ["64:ff9b::", 96, "ipv6", "a NAT64 (64:ff9b::/96)"],
  ["64:ff9b:1::", 48, "ipv6", "a local NAT64 (64:ff9b:1::/48)"],
  ["100::", 64, "ipv6", "a discard (100::/64)"],
  ["2001::", 32, "ipv6", "a Teredo tunnel (2001::/32)"],
  ["2001:db8::", 32, "ipv6", "a documentation (2001:db8::/32)"],
  ["2002::", 16, "ipv6", "a 6to4 tunnel (2002::/16)"],
  ["fc00::", 7, "ipv6", "a unique-local, private or cloud metadata (fc00::/7)"],
  ["fe80::", 10, "ipv6", "a link-local (fe80::/10)"],
  ["ff00::", 8, "ipv6", "a multicast (ff00::/8)"],
];

// One list per range so the refusal can say which range matched. BlockList checks IPv4-mapped IPv6
// addresses (::ffff:10.0.0.1) against the IPv4 ranges too.
const forbidden = FORBIDDEN_RANGES.map(([network, prefix, family, label]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { list, label };
});

const familyOf = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/** Why an address may not receive callbacks (e.g. "a loopback (127.0.0.0/8)"), or null. */
export const forbiddenRange = (address: string): string | null => {
  if (!isIP(address)) return "not an IP address";
  const family = familyOf(address);
  return forbidden.find(({ list }) => list.check(address, family))?.label ?? null;
};

/** What the operator allows despite the ranges above: host names, addresses and CIDR ranges. */
export type TargetPolicy = {
  hosts: ReadonlySet<string>;
  /** `*.example.com` entries, stored as `.example.com`. */
  hostSuffixes: readonly string[];
  ranges: BlockList;
};

/**
 * Parses allowlist entries: `hooks.internal`, `*.corp.example`, `10.1.2.3`, `10.0.0.0/8`, `::1`,
 * `fd00::/8`. A malformed entry is an error naming it, not something silently ignored.
 */
export const parseAllowlist = (entries: readonly string[]): TargetPolicy => {
  const hosts = new Set<string>();
  const hostSuffixes: string[] = [];
  const ranges = new BlockList();
  for (const raw of entries) {
    const entry = raw
      .trim()
      .toLowerCase()
      .replace(/^\[(.*)\]$/, "$1");
    if (!entry) continue;
    const [network = "", prefixText] = entry.split("/");
    if (isIP(network)) {
      const family = familyOf(network);
      const max = family === "ipv6" ? 128 : 32;
      const prefix = prefixText === undefined ? max : Number(prefixText);
      if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max) {
        throw new Error(`callback allowlist entry "${raw}": the prefix must be 0 to ${max}`);
      }
      ranges.addSubnet(network, prefix, family);
    } else if (
      /^(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(entry)
    ) {
      if (entry.startsWith("*.")) hostSuffixes.push(entry.slice(1));
      else hosts.add(entry);
    } else {
      throw new Error(
        `callback allowlist entry "${raw}" is neither a host name, an IP address nor a CIDR range`,
      );
    }
  }
  return { hosts, hostSuffixes, ranges };
};

export const EMPTY_POLICY: TargetPolicy = parseAllowlist([]);

/** A connection the guard refused to open; its message says why and how to allow it. */
export class CallbackTargetRefusedError extends Error {
  readonly code = "ECALLBACKREFUSED";
  constructor(message: string) {
    super(message);
    this.name = "CallbackTargetRefusedError";
  }
}

const hostAllowed = (policy: TargetPolicy, hostname: string) => {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  return policy.hosts.has(host) || policy.hostSuffixes.some((suffix) => host.endsWith(suffix));
};

/** The refusal for connecting to `address` (which `hostname` resolved to), or null when allowed. */
export const refusalFor = (
  policy: TargetPolicy,
  hostname: string,
  address: string,
): CallbackTargetRefusedError | null => {
  if (hostAllowed(policy, hostname)) return null;
  if (isIP(address) && policy.ranges.check(address, familyOf(address))) return null;
  const range = forbiddenRange(address);
  if (!range) return null;
  const what =
    hostname === address ? `${address} is` : `${hostname} resolves to ${address}, which is`;
  return new CallbackTargetRefusedError(
    `refused to connect: ${what} ${range} address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST`,
  );
};

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) =>
  dns.lookup(hostname, { all: true, verbatim: true });

type LookupCallback = Parameters<LookupFunction>[2];

/**
 * A `lookup` for http(s).Agent: resolves the name, refuses the connection when any answer is
 * forbidden, and hands the checked answers to the socket, which connects to exactly those.
 */
export const guardedLookup =
  (policy: TargetPolicy, resolve: Resolver = systemResolver): LookupFunction =>
  (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    const fail = (error: Error) => (callback as (error: Error) => void)(error);
    resolve(hostname).then((answers) => {
      const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
      const candidates = wanted ? answers.filter((a) => a.family === wanted) : answers;
      const first = candidates[0];
      if (!first) {
        return fail(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }));
      }
      for (const answer of candidates) {
        const refusal = refusalFor(policy, hostname, answer.address);
        if (refusal) return fail(refusal);
      }
      if (options.all) callback(null, candidates);
      else callback(null, first.address, first.family);
    }, fail);
  };
