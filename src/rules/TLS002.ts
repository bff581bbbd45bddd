/**
 * TLS002 ssl3-offered: The SSL 3.0 Server side is offered to IIS (explicitly or by the OS default).
 */
import { protocolOffFindings, protocolOffHelp } from './shared/tls-findings.js';
import type { Rule } from './types.js';

export const TLS002: Rule = {
  meta: {
    id: 'TLS002',
    name: 'ssl3-offered',
    shortDescription: "The SSL 3.0 Server side is offered to IIS (explicitly or by the OS default).",
    fullDescription: "Finds an SSL 3.0 Server side that SChannel offers to IIS: enabled and not disabled by default, by an explicit value or the target OS default (on through Server 2012 R2).",
    helpMarkdown: protocolOffHelp({
      protocol: 'SSL 3.0',
      why: `SSL 3.0 is broken by POODLE (CVE-2014-3566) and deprecated by RFC 7568. Windows Server 2003 through 2012 R2 offer it by default.`,
      fixable: true,
    }),
    defaultLevel: 'error',
    tags: ['security', 'tls', 'schannel', 'external/cwe/cwe-327'],
    securitySeverity: '7.5',
    precision: 'high',
    benchmarks: { cis: ['IIS10 7.3'], stig: ['V-218821'] },
    fixable: true,
  },
  check(server, options) {
    return protocolOffFindings(server, options, {
      protocol: 'SSL 3.0',
      why: "SSL 3.0 is broken (POODLE, CVE-2014-3566; deprecated by RFC 7568).",
      fixable: true,
      level: 'error',
    });
  },
};
