/**
 * Who a request is from, for every per-client limit (rate limits, each client's share of the pending uploads):
 * an IPv4 address however it is written, or else the /64 network of an IPv6 address, since anyone holding one
 * IPv6 address holds its whole /64.
 */
import { isIP } from 'node:net';

/** The eight 16-bit groups of an IPv6 address (zone dropped, a trailing dotted IPv4 taken as two groups). */
function ipv6Groups(ip: string): number[] | undefined {
  let text = ip.split('%')[0]!.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  if (fill < 0) return undefined;
  const groups = [...left, ...Array<string>(fill).fill('0'), ...right].map((g) =>
    /^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN,
  );
  return groups.length === 8 && groups.every((g) => !Number.isNaN(g)) ? groups : undefined;
}

/**
 * Some proxies write the client with its port (`1.2.3.4:5555`, `[2001:db8::1]:5555`): the port is not part of who it
 * is, or every source port would get a budget of its own.
 */
function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(ip);
  return v4 ? v4[1]! : ip;
}

/**
 * The client an address stands for: the dotted IPv4 address (also when written IPv4-mapped `::ffff:a.b.c.d` or
 * `::ffff:7f00:1`, IPv4-compatible `::a.b.c.d`, or through the NAT64 prefix `64:ff9b::/96`), or the /64 network
 * of an IPv6 address (`2001:db8:0:1::/64`), a port written with it left out. Anything else (no IP address at
 * all) is one shared client, so made-up values get no budgets of their own; a request
 * whose socket is gone already has no address (`undefined`, whatever Fastify's type says).
 */
export function clientOf(ip: string | undefined): string {
  if (ip === undefined) return '';
  ip = withoutPort(ip.trim());
  if (isIP(ip) === 4) return ip;
  const groups = isIP(ip.split('%')[0]!) === 6 ? ipv6Groups(ip) : undefined;
  if (!groups) return 'unknown';
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const v4 =
    (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || (g5 === 0 && g6 !== 0))) ||
    (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0);
  return v4
    ? [g6 >> 8, g6 & 0xff, g7 >> 8, g7 & 0xff].join('.')
    : `${[g0, g1, g2, g3].map((g) => g.toString(16)).join(':')}::/64`;
}
