/**
 * Who the client is, from the TCP peer and X-Forwarded-For (see scripts/server.mjs).
 * trustedHops = 0: nothing in front; the peer is the client and the header is the client's own
 * writing, ignored. trustedHops = N: N reverse proxies each appended the address they saw, so the
 * client is the Nth entry from the right; entries further left were written by the client.
 */
export function clientAddress(forwardedFor, peerAddress, trustedHops) {
  if (!trustedHops) return peerAddress ?? 'unknown'
  const chain = String(forwardedFor ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  return chain[chain.length - trustedHops] ?? chain[0] ?? peerAddress ?? 'unknown'
}
