import { describe, expect, it } from 'vitest';
import { publicAddressesAnd, publicAddressesOnly } from '../../../../main/remote/address-policy';

describe('publicAddressesOnly', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['100.127.255.254', 'private'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'unspecified'],
    ['192.0.2.1', 'unspecified'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'unspecified'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['2002:7f00:1::1', 'loopback'],
    ['2002:c0a8:101::', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'unspecified'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'unspecified'],
    ['localhost', 'not an IP address'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(publicAddressesOnly(address, 443)).toContain(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '100.128.0.1', '100.63.255.255', '172.32.0.1', '172.15.255.255', '192.169.0.1', '169.255.0.1', '223.255.255.255', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'])('allows the public address %s', (address) => {
    expect(publicAddressesOnly(address, 443)).toBeNull();
  });

  it('lets a test allow exactly its own server, by address and port, and nothing else', () => {
    const policy = publicAddressesAnd({ address: '127.0.0.1', port: 8080 });
    expect(policy('127.0.0.1', 8080)).toBeNull();
    expect(policy('127.0.0.1', 8081)).toContain('loopback');
    expect(policy('127.0.0.2', 8080)).toContain('loopback');
    expect(policy('::1', 8080)).toContain('loopback');
    expect(policy('8.8.8.8', 443)).toBeNull();
  });
});
