/**
 * The syntax of an IIS 7+ configuration file (applicationHost.config, web.config, machine.config,
 * a `<location>` fragment): its element tree with the exact span of every element, name,
 * attribute and value. No IIS meaning yet: that is model/iis-config.ts.
 */
import type { ParseDiagnostic } from './diagnostic.js';
import type { SourceFile, Span } from './text.js';

/** What a configuration file is, by content and name (see detect.ts). */
export type ConfigFileKind = 'apphost' | 'webconfig' | 'machine' | 'rootweb' | 'fragment' | 'redirection' | 'administration';

export interface ConfigAttribute {
  name: string;
  /** Entity references decoded. */
  value: string;
  /** From the name to the closing quote included. */
  span: Span;
  nameSpan: Span;
  /** Between the quotes. */
  valueSpan: Span;
}

export interface ConfigElement {
  name: string;
  nameSpan: Span;
  /** From `<` to the end of the end tag (or of `/>`). */
  span: Span;
  attributes: ConfigAttribute[];
  children: ConfigElement[];
  parent: ConfigElement | undefined;
}

export interface ConfigDocument {
  source: SourceFile;
  kind: ConfigFileKind;
  /** Undefined when the XML is malformed (a `malformed` diagnostic says where). */
  root: ConfigElement | undefined;
  diagnostics: ParseDiagnostic[];
}

export function attributeOf(element: ConfigElement, name: string): ConfigAttribute | undefined {
  for (const attribute of element.attributes) if (attribute.name === name) return attribute;
  return undefined;
}
