import net from 'node:net'

/**
 * The key a client address is counted under by per-address rate limits. IPv4 as it is (an
 * IPv4-mapped IPv6 address, `::ffff:1.2.3.4` however written, as its IPv4 form; a port written
 * after it dropped).
 * IPv6 by its /64 network: one subscriber or host gets a whole /64, so counting single addresses
 * would give one client 2^64 fresh budgets (and the limiter one entry for each). Anything else (no
 * address: `unknown`) as it is.
 */
export function addressKey(address: string): string {
  let candidate = address.trim()
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate)
  if (bracketed) candidate = bracketed[1]!
  else if (/^[\d.]+:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.indexOf(':'))
  candidate = candidate.replace(/%.*$/, '') // an IPv6 zone (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(candidate)
  if (mapped) candidate = mapped[1]!
  if (net.isIPv4(candidate)) return candidate
  if (!net.isIPv6(candidate)) return candidate
  const groups = ipv6Groups(candidate)
  // An IPv4-mapped address in any spelling (::ffff:102:304, 0:0:0:0:0:ffff:1.2.3.4) is that IPv4 client.
  if (groups.slice(0, 5).every((group) => group === '0') && groups[5] === 'ffff') {
    const [high, low] = [Number.parseInt(groups[6]!, 16), Number.parseInt(groups[7]!, 16)]
    return [high >> 8, high & 255, low >> 8, low & 255].join('.')
  }
  return `${groups.slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of a valid IPv6 address, lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::')
  const groups = (part: string) => (part ? part.split(':') : [])
  const expand = (part: string[]) =>
    part.flatMap((group) => {
      if (!group.includes('.')) return [group]
      const [a, b, c, d] = group.split('.').map(Number) // an embedded IPv4 tail: two groups
      return [((a! << 8) | b!).toString(16), ((c! << 8) | d!).toString(16)]
    })
  const left = expand(groups(head))
  const right = tail === undefined ? [] : expand(groups(tail))
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16).toString(16))
}
