import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit an address is throttled by. An IPv4 address is one unit. An IPv6 host is
 * normally handed a whole /64 and can pick any of its 2^64 addresses per request, so
 * counting single IPv6 addresses would give it endless fresh budgets: its /64 is the unit.
 * IPv4-mapped IPv6 (`::ffff:203.0.113.7`, how a dual-stack socket reports IPv4) is IPv4.
 *
 * @example addressKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 * @example addressKey('::ffff:203.0.113.7') // '203.0.113.7'
 */
export function addressKey(address: string): string {
  if (!isIPv6(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  const groups = expand(address.replace(/%.*$/, ''));
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex. */
function expand(address: string): string[] {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part is the last two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right];
}
