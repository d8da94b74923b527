import { describe, expect, it } from 'vitest'

import { clientAddress } from '@scripts/clientAddress.mjs'

describe('client address (scripts/server.mjs)', () => {
  it('with no trusted proxy, the TCP peer; whatever X-Forwarded-For the client sent is ignored', () => {
    expect(clientAddress('1.2.3.4', '203.0.113.9', 0)).toBe('203.0.113.9')
    expect(clientAddress(undefined, '203.0.113.9', 0)).toBe('203.0.113.9')
  })
  it('behind N proxies, the Nth address from the right; what the client wrote further left is ignored', () => {
    expect(clientAddress('6.6.6.6, 203.0.113.9', '10.0.0.2', 1)).toBe('203.0.113.9')
    expect(clientAddress('6.6.6.6, 203.0.113.9, 10.0.0.1', '10.0.0.2', 2)).toBe('203.0.113.9')
    expect(clientAddress('', '10.0.0.2', 1)).toBe('10.0.0.2')
  })
})
