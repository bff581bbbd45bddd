/**
 * TLS004 tls11-offered: The TLS 1.1 Server side is offered to IIS (explicitly or by the OS default).
 */
import { protocolOffFindings, protocolOffHelp } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS004: Rule = {
  meta: {
    id: 'TLS004',
    name: 'tls11-offered',
    shortDescription: "The TLS 1.1 Server side is offered to IIS (explicitly or by the OS default).",
    fullDescription: "Finds a TLS 1.1 Server side that SChannel offers to IIS, explicitly or by the OS default (enabled from Server 2012 through 2025; disabled by default on 2008 SP2/R2).",
    helpMarkdown: protocolOffHelp({
      protocol: 'TLS 1.1',
      why: `TLS 1.1 is deprecated by RFC 8996 and dropped by current browsers. Windows Server 2012 through 2025 still enable it by default.`,
      fixable: false,
    }),
    defaultLevel: 'warning',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '4.3',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.5'], stig: ['V-218821'] },
  },
  check(server, options) {
    return protocolOffFindings(server, options, {
      protocol: 'TLS 1.1',
      why: "TLS 1.1 is deprecated (RFC 8996) and dropped by current browsers.",
      fixable: false,
      level: 'warning',
    });
  },
};
