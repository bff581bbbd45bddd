/**
 * What the IIS 7+ rules share: subjects for fingerprints, where a file is named in messages, and
 * the allowDefinition / allowLocation check that IIS006 reports and IIS001 defers to.
 */
import type { ConfigElement } from '../../parse/config-syntax.js';
import { APPHOST_PATH, type ConfigFile, type IisConfigModel, type SectionOccurrence } from '../../model/iis-config.js';
import type { SourceFile } from '../../parse/text.js';
import { childNames, collectionKeys, schemaChild, type SchemaElement } from '../../model/iis-schema.js';

/** `iis:MACHINE/WEBROOT/APPHOST/Default Web Site#system.webServer/staticContent/mimeMap@fileExtension`. */
export function iisSubject(configPath: string, section: string, detail = ''): string {
  return `iis:${configPath}#${section}${detail}`;
}

/** The element path from the section element down to `element`: `/requestLimits`, `` for the section itself. */
export function elementPathBelow(section: ConfigElement, element: ConfigElement): string {
  const names: string[] = [];
  for (let current: ConfigElement | undefined = element; current && current !== section; current = current.parent) names.unshift(current.name);
  return names.length === 0 ? '' : `/${names.join('/')}`;
}

export function lineOf(file: SourceFile, element: ConfigElement): number {
  return file.lines.position(element.nameSpan.start).line;
}

/** `applicationHost.config line 82`, or `the IIS 10 default install` for a built-in table. */
export function whereIn(file: ConfigFile, element: ConfigElement): string {
  if (file.synthetic) return file.level === 'machine' ? "the .NET Framework 4 machine.config" : 'the IIS 10 default install';
  return `${file.document.source.path} line ${lineOf(file.document.source, element)}`;
}

/** Occurrences in the server's own files (not the default-install tables), each section element once. */
export function ownOccurrences(model: IisConfigModel): SectionOccurrence[] {
  const seen = new Set<ConfigElement>();
  return model.occurrences.filter((occurrence) => {
    if (occurrence.file.synthetic || seen.has(occurrence.element)) return false;
    seen.add(occurrence.element);
    return true;
  });
}

/** Why IIS refuses the section where it is set (allowDefinition, allowLocation), or undefined. */
export function notAllowedHere(model: IisConfigModel, occurrence: SectionOccurrence): string | undefined {
  const declaration = occurrence.declaration;
  if (!declaration) return undefined;
  const level = occurrence.file.level;
  const atAppHostItself = occurrence.path === APPHOST_PATH;
  switch (declaration.allowDefinition) {
    case 'MachineOnly':
      if (level !== 'machine') return 'allowDefinition="MachineOnly": only machine.config may set it';
      break;
    case 'MachineToWebRoot':
      if (level !== 'machine' && level !== 'webroot') return 'allowDefinition="MachineToWebRoot": only machine.config and the root web.config may set it';
      break;
    case 'AppHostOnly':
      if (level === 'web' || (level === 'apphost' && !atAppHostItself)) {
        return 'allowDefinition="AppHostOnly": only applicationHost.config may set it, for the whole server (not in a web.config, not for a site or path)';
      }
      break;
    case 'MachineToApplication':
      if (!model.isApplicationRoot(occurrence.path)) {
        return `allowDefinition="MachineToApplication": it may be set for an application, but ${displayPath(occurrence.path)} is not an application root`;
      }
      break;
    case 'Everywhere':
      break;
  }
  if (!declaration.allowLocation && occurrence.location && occurrence.path !== occurrence.file.configPath) {
    return 'allowLocation="false": it may not be set inside a <location> element';
  }
  return undefined;
}

/** `Default Web Site/app` from `MACHINE/WEBROOT/APPHOST/Default Web Site/app`. */
export function displayPath(configPath: string): string {
  return configPath.startsWith(`${APPHOST_PATH}/`) ? `"${configPath.slice(APPHOST_PATH.length + 1)}"` : configPath;
}

/** "(judged against a default IIS 10 install: no applicationHost.config was given)". */
export const DEFAULT_INSTALL_NOTE = 'judged against a default IIS 10 install, since no applicationHost.config was given';

/** Attributes every configuration element may carry besides its schema's. */
export function isGenericAttribute(name: string): boolean {
  return (
    name === 'lockAttributes' ||
    name === 'lockAllAttributesExcept' ||
    name === 'lockElements' ||
    name === 'lockAllElementsExcept' ||
    name === 'lockItem' ||
    name === 'configSource' ||
    name === 'configProtectionProvider' ||
    name === 'xmlns' ||
    name.includes(':')
  );
}

export interface SchemaVisit {
  element: ConfigElement;
  /** Undefined for a `remove` or `clear` directive (key attributes only) and for unknown elements. */
  schema: SchemaElement | undefined;
  /** The attributes a remove directive may have: the collection's keys. */
  removeKeys?: string[];
  allowUnrecognizedAttributes: boolean;
  /** Set when the element is not in its parent's schema: its name and the names that would be. */
  unknown?: { candidates: string[] };
}

/** Every element of a section with its schema, depth first, in document order. */
export function walkSection(occurrence: SectionOccurrence, visit: (node: SchemaVisit) => void): void {
  if (!occurrence.schema || occurrence.opaque || !isIisValidated(occurrence)) return;
  const walk = (element: ConfigElement, schema: SchemaElement, allowUnrecognizedAttributes: boolean) => {
    visit({ element, schema, allowUnrecognizedAttributes });
    for (const child of element.children) {
      const kind = schemaChild(schema, child.name);
      if (!kind) {
        visit({ element: child, schema: undefined, allowUnrecognizedAttributes: true, unknown: { candidates: childNames(schema) } });
      } else if (kind.kind === 'element') {
        walk(child, kind.schema, false);
      } else if (kind.kind === 'add') {
        walk(child, kind.schema, kind.collection.allowUnrecognizedAttributes === true);
      } else if (kind.kind === 'remove') {
        visit({ element: child, schema: undefined, removeKeys: collectionKeys(kind.collection).names, allowUnrecognizedAttributes: false });
      } else {
        visit({ element: child, schema: undefined, removeKeys: [], allowUnrecognizedAttributes: false });
      }
    }
  };
  walk(occurrence.element, occurrence.schema, false);
}

/**
 * Sections IIS itself validates against its schema. ASP.NET's (system.web) and the .NET
 * Framework's sections are read by .NET's own configuration classes, which the schema files IIS
 * ships lag behind (no httpRuntime@targetFramework, .NET 4.5+): checking them against those files
 * would report what ASP.NET accepts.
 */
export function isIisValidated(occurrence: SectionOccurrence): boolean {
  const schemaFile = occurrence.schema?.schemaFile;
  return schemaFile !== undefined && schemaFile !== 'ASPNET_schema.xml' && schemaFile !== 'FX_schema.xml';
}

/** What refuses an invalid section: IIS for its own sections, ASP.NET for system.web and the .NET ones. */
export function refusedBy(_occurrence: SectionOccurrence): string {
  return 'IIS answers HTTP 500.19 (0x8007000d)';
}
