/**
 * TLS003 tls10-offered: The TLS 1.0 Server side is offered to IIS; a note on Windows Server 2003, which has no newer protocol.
 */
import { protocolOffFindings, protocolOffHelp } from './shared/tls-findings.js';
import { isServer2003 } from '../model/os-profiles.js';
import type { Rule } from './types.js';

export const TLS003: Rule = {
  meta: {
    id: 'TLS003',
    name: 'tls10-offered',
    shortDescription: "The TLS 1.0 Server side is offered to IIS; a note on Windows Server 2003, which has no newer protocol.",
    fullDescription: "Finds a TLS 1.0 Server side that SChannel offers to IIS, explicitly or by the OS default (every Windows Server version through 2025 enables it). A note on Server 2003, where TLS 1.0 is the newest protocol: the fix there is a newer OS.",
    helpMarkdown: protocolOffHelp({
      protocol: 'TLS 1.0',
      levelNote: '**warning**; **note** on Windows Server 2003 (the message says the fix there is a newer OS).',
      why: `TLS 1.0 is deprecated by RFC 8996 and dropped by current browsers; it only offers CBC suites with SHA-1 or RC4. On Windows Server 2003 it is the newest protocol SChannel has, so turning it off ends HTTPS: the finding is a **note** there and the fix is the OS.`,
      fixable: false,
    }),
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '5.3',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.4'], stig: ['V-218821'] },
  },
  check(server, options) {
    const only = server.os !== undefined && isServer2003(server.os);
    return protocolOffFindings(server, options, {
      protocol: 'TLS 1.0',
      why: only
        ? 'TLS 1.0 is deprecated (RFC 8996), but it is the newest protocol Windows Server 2003 has: turning it off ends HTTPS on this server. The fix is a newer Windows Server.'
        : 'TLS 1.0 is deprecated (RFC 8996): it lacks modern cipher suites and every current browser has dropped it.',
      fixable: false,
      level: only ? 'note' : 'warning',
    });
  },
};
