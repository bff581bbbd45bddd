/**
 * TLS001 ssl2-offered: The SSL 2.0 Server side is offered to IIS (explicitly or by the OS default).
 */
import { protocolOffFindings, protocolOffHelp } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS001: Rule = {
  meta: {
    id: 'TLS001',
    name: 'ssl2-offered',
    shortDescription: "The SSL 2.0 Server side is offered to IIS (explicitly or by the OS default).",
    fullDescription: "Finds an SSL 2.0 Server side that SChannel offers to IIS: enabled and not disabled by default, by an explicit value or the target OS default (on through Server 2008 R2).",
    helpMarkdown: protocolOffHelp({
      protocol: 'SSL 2.0',
      why: `SSL 2.0 is broken: DROWN (CVE-2016-0800) decrypts TLS sessions of a server that still speaks SSL 2.0, and RFC 6176 prohibits it. Windows Server 2003 through 2008 R2 offer it by default.`,
      fixable: true,
    }),
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '8.1',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.2'], stig: ['V-218821'] },
    fixable: true,
  },
  check(server, options) {
    return protocolOffFindings(server, options, {
      protocol: 'SSL 2.0',
      why: "SSL 2.0 is broken (DROWN, CVE-2016-0800; prohibited by RFC 6176): a client that negotiates it can be decrypted.",
      fixable: true,
      level: 'error',
    });
  },
};
