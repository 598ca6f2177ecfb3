import type { LookupAddress } from "node:dns";

import { describe, expect, it } from "vitest";

import { forbiddenRange, guardedLookup, parseAllowlist, refusalFor } from "./ssrf";
import type { Resolver } from "./ssrf";

// No sockets here: addresses outside loopback are never connected to from tests. The guard's
// behaviour on real connections is covered in delivery-ssrf.test.ts, over loopback only.

describe("forbidden address ranges", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "metadata"],
    ["100.100.100.200", "carrier-grade NAT"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "metadata"],
    ["fc00::1", "unique-local"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::a00:1", "NAT64"],
    ["::ffff:0:7f00:1", "IPv4-translated"],
    ["::ffff:0:808:808", "IPv4-translated"],
  ])("refuses %s (%s)", (address, kind) => {
    expect(forbiddenRange(address)).toContain(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.32.0.1",
    "192.169.0.1",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (address) => {
    expect(forbiddenRange(address)).toBeNull();
  });
});

describe("allowlist", () => {
  const policy = parseAllowlist([
    "10.0.0.0/8",
    "127.0.0.1",
    "hooks.internal",
    "*.corp.example",
    " ",
    "[::1]",
  ]);

  it("allows listed ranges, addresses and host names, and nothing more", () => {
    expect(refusalFor(policy, "10.9.8.7", "10.9.8.7")).toBeNull();
    expect(refusalFor(policy, "127.0.0.1", "127.0.0.1")).toBeNull();
    expect(refusalFor(policy, "::1", "::1")).toBeNull();
    expect(refusalFor(policy, "hooks.internal", "192.168.0.5")).toBeNull();
    expect(refusalFor(policy, "a.b.corp.example", "172.20.0.1")).toBeNull();
    expect(refusalFor(policy, "127.0.0.2", "127.0.0.2")?.message).toBe(
      "refused to connect: 127.0.0.2 is a loopback (127.0.0.0/8) address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST",
    );
    expect(refusalFor(policy, "corp.example", "172.20.0.1")).not.toBeNull();
    expect(refusalFor(policy, "evil.example", "169.254.169.254")?.message).toContain(
      "evil.example resolves to 169.254.169.254, which is a link-local or cloud metadata",
    );
  });

  it("rejects malformed entries by name", () => {
    expect(() => parseAllowlist(["10.0.0.0/33"])).toThrow(
      '"10.0.0.0/33": the prefix must be 0 to 32',
    );
    expect(() => parseAllowlist(["http://x/"])).toThrow(
      'callback allowlist entry "http://x/" is neither a host name, an IP address nor a CIDR range',
    );
  });
});

const lookupWith = (policy: ReturnType<typeof parseAllowlist>, answers: LookupAddress[]) => {
  const resolve: Resolver = () => Promise.resolve(answers);
  const lookup = guardedLookup(policy, resolve);
  return (all: boolean) =>
    new Promise<{ error: Error | null; address: unknown; family?: number }>((done) =>
      lookup("callbacks.example", { all }, (error, address, family) =>
        done({ error, address, ...(family !== undefined ? { family } : {}) }),
      ),
    );
};

describe("connect-time DNS check", () => {
  it("passes public answers to the socket", async () => {
    const lookup = lookupWith(parseAllowlist([]), [
      { address: "93.184.216.34", family: 4 },
      { address: "2606:2800:220:1::1", family: 6 },
    ]);
    expect(await lookup(false)).toEqual({ error: null, address: "93.184.216.34", family: 4 });
    expect((await lookup(true)).address).toHaveLength(2);
  });

  it("refuses the connection when any answer is private or metadata", async () => {
    const lookup = lookupWith(parseAllowlist([]), [
      { address: "93.184.216.34", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ]);
    const { error } = await lookup(true);
    expect(error?.message).toContain("callbacks.example resolves to 169.254.169.254");
    expect((error as { code?: string }).code).toBe("ECALLBACKREFUSED");
  });

  it("honours the allowlist for resolved answers", async () => {
    const lookup = lookupWith(parseAllowlist(["192.168.0.0/16"]), [
      { address: "192.168.4.4", family: 4 },
    ]);
    expect(await lookup(false)).toEqual({ error: null, address: "192.168.4.4", family: 4 });
  });
});
