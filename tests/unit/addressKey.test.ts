import { describe, expect, it } from 'vitest'

import { addressKey } from '@/lib/http/addressKey'

describe('addressKey: what a per-address rate limit counts', () => {
  it('IPv4 as it is, also written with a port or as an IPv4-mapped IPv6 address', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('203.0.113.7:5555')).toBe('203.0.113.7')
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('::FFFF:203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('::ffff:cb00:7107')).toBe('203.0.113.7')
    expect(addressKey('0:0:0:0:0:ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('[::ffff:203.0.113.7]:443')).toBe('203.0.113.7')
  })

  it('IPv6 by its /64, however it is written: every address of one /64 is one client', () => {
    const key = '2001:db8:1:2::/64'
    for (const address of [
      '2001:db8:1:2::1',
      '2001:DB8:1:2::9',
      '2001:db8:1:2:0:0:0:1',
      '2001:0db8:0001:0002:ffff:ffff:ffff:ffff',
      '[2001:db8:1:2::5]:443',
      'fe80::1%eth0'.replace('fe80::1', '2001:db8:1:2::1'),
    ])
      expect(addressKey(address), address).toBe(key)
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('2001:db8::1.2.3.4')).toBe('2001:db8:0:0::/64')
  })

  it('anything else as it is', () => {
    expect(addressKey('unknown')).toBe('unknown')
    expect(addressKey('not an address')).toBe('not an address')
  })
})
