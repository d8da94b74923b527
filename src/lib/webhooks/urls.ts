import dns from 'node:dns'
import net, { type LookupFunction } from 'node:net'

/**
 * Where webhooks may be sent. http(s) only. Private, loopback and link-local addresses (the
 * server's own network: a metadata service, a database's admin port) are refused unless
 * WEBHOOK_ALLOW_PRIVATE_URLS is set (tests, a receiver on the same private network). Checked when an
 * admin saves the endpoint (a literal address or "localhost") and again on every send, on the
 * addresses the connection resolves the host name to, so a public name later pointed at a private
 * address is refused too.
 */

const blocked = new net.BlockList()
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv4')
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(prefix, bits, 'ipv6')

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped) return blocked.check(mapped[1]!, 'ipv4')
  const family = net.isIP(address)
  if (family === 0) return false
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

// A fully qualified name's trailing dot ("localhost.") names the same host.
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '')

/** A sentence saying why `value` cannot be a webhook endpoint, or null when it can. */
export function endpointUrlProblem(value: string, { allowPrivate }: { allowPrivate: boolean }): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'The endpoint URL must be an absolute URL such as https://example.org/webhooks.'
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'The endpoint URL must start with https:// (or http://).'
  if (url.username || url.password)
    return 'The endpoint URL must not contain a user name or password; the signature authenticates the sender.'
  const host = hostOf(url).toLowerCase()
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)))
    return 'The endpoint URL points at a private or loopback address; webhooks go to public addresses (an operator can allow private ones with WEBHOOK_ALLOW_PRIVATE_URLS=true).'
  return null
}

/**
 * The lookup a webhook's connection uses (send.ts): it refuses the host when any address it resolves
 * to is private. Checking here, on the very addresses the socket connects to, leaves no gap between
 * a check and the connection for a name re-pointed in between (DNS rebinding).
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', undefined)
    const inside = addresses.find((entry) => isPrivateAddress(entry.address))
    if (inside) return callback(new PrivateAddressError(hostname, inside.address), '', undefined)
    if (options.all) return callback(null, addresses)
    const [first] = addresses
    if (!first) return callback(new Error(`The endpoint's host ${hostname} has no address.`), '', undefined)
    callback(null, first.address, first.family)
  })
}

/** The host of a webhook endpoint resolved to a private address when its request connected. */
export class PrivateAddressError extends Error {
  constructor(host: string, address: string) {
    super(`The endpoint's host ${host} resolves to a private address (${address}); not sent.`)
    this.name = 'PrivateAddressError'
  }
}
