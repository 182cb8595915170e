import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { badInput } from "../common/errors";

/**
 * Where a webhook may go. Without WEBHOOK_ALLOW_PRIVATE: https only, and never to an
 * address that is not public unicast (loopback, private, link-local, unique-local,
 * carrier-grade NAT, reserved, multicast; IPv4-mapped IPv6 judged as IPv4). Checked on the
 * URL when an endpoint is made and again on every address DNS gives when a delivery
 * connects (so a name that later resolves inward is refused: DNS rebinding).
 */
export const isPublicAddress = (address: string): boolean => {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === "unicast";
};

/** Validates an endpoint's URL; returns it normalized. BAD_USER_INPUT says what is wrong. */
export function checkEndpointUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badInput("url", "is not a URL");
  }
  if (raw.length > 2000) throw badInput("url", "is longer than 2000 characters");
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw badInput("url", "must start with https://");
  if (url.username || url.password) throw badInput("url", "must not carry a user name or password");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate) {
    if (ipaddr.isValid(host) && !isPublicAddress(host)) throw badInput("url", "must not point at a private or loopback address");
    if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
      throw badInput("url", "must not point at a private or loopback address");
  }
  url.hash = "";
  return url.toString();
}

/** A `lookup` for http(s).request that refuses every address that is not public (unless allowed). */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as LookupAddress[];
      const refused = list.find((a) => !allowPrivate && !isPublicAddress(a.address));
      if (refused || list.length === 0) {
        const err = Object.assign(new Error(`refused address ${refused?.address ?? "(none)"} for ${hostname}`), { code: "EADDRREFUSED" });
        return callback(err, "", 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
