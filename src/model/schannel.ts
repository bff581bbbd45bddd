/**
 * SChannel's effective state on one server: for every protocol side, cipher, hash and key
 * exchange algorithm, enabled or disabled and WHY (an explicit `Enabled` value, the target
 * OS's default, or unknown), plus the keys under SCHANNEL that SChannel never reads.
 */
import { defaultDisabledByDefault, defaultState, type DisabledByDefaultDefault, type OsProfile } from './os-profiles.js';
import type { SourceFile } from '../parse/text.js';
import {
  isAtOrBelow,
  registryNameKey,
  registryPathSegments,
  type KeyOrigin,
  type RegistryDeletion,
  type RegistryKey,
  type RegistryTree,
  type RegistryValue,
} from './registry.js';
import {
  classifySchannelKey,
  containerOf,
  interpretEnabled,
  SCHANNEL_ROOT,
  SCHANNEL_SUBJECTS,
  type SchannelKeyClass,
  type SchannelSubject,
} from './schannel-catalog.js';

export const SCHANNEL_ROOT_SEGMENTS = registryPathSegments(SCHANNEL_ROOT);

export type EffectiveState = 'enabled' | 'disabled' | 'absent' | 'unknown';

export type StateProvenance =
  /** An `Enabled` REG_DWORD decides it. */
  | { kind: 'explicit'; value: RegistryValue }
  /** `Enabled` is written but not as a REG_DWORD: SChannel's behaviour is undefined. */
  | { kind: 'invalid-type'; value: RegistryValue }
  /** Nothing written: the target OS's default applies. */
  | { kind: 'default'; os: OsProfile }
  /** Nothing written and no target OS (or nobody knows the default). */
  | { kind: 'unknown' };

export interface SchannelSetting {
  subject: SchannelSubject;
  state: EffectiveState;
  provenance: StateProvenance;
  /** The subject's own key, when some file wrote it (and it is a key SChannel reads). */
  key: RegistryKey | undefined;
  /** Registry path segments of the subject's key, written or not (shared by every server: frozen). */
  segments: readonly string[];
  /**
   * For a setting back at its default: the last deletion that removed its `Enabled` value, its
   * key or an ancestor key (why a value someone once wrote no longer counts).
   */
  removedBy?: RegistryDeletion;
  /** Protocol sides only: the `DisabledByDefault` value or its OS default. */
  disabledByDefault?: DisabledByDefaultSetting;
  /**
   * Protocol sides only: whether SChannel offers the side to a caller that asks for no protocol
   * explicitly (IIS): enabled AND not disabled by default. 'unknown' when either part is unknown
   * and the other does not already decide 'no'.
   */
  offered?: OfferedState;
}

export type OfferedState = 'yes' | 'no' | 'unknown';

export interface DisabledByDefaultSetting {
  /** 'not-read': the target OS (Server 2003) does not read the value; it counts as 'no'. */
  state: 'yes' | 'no' | 'unknown' | 'not-read';
  provenance:
    | { kind: 'explicit'; value: RegistryValue }
    | { kind: 'invalid-type'; value: RegistryValue }
    | { kind: 'default'; os: OsProfile; stated: DisabledByDefaultDefault }
    | { kind: 'unknown' };
}

export type UnknownKeyClass = Extract<SchannelKeyClass, { kind: 'unknown' }>;

/** A key under SCHANNEL that SChannel never reads, with where it was written. */
export interface UnknownSchannelKey {
  key: RegistryKey;
  origin: KeyOrigin;
  classification: UnknownKeyClass;
  /** Segments below SCHANNEL, as written. */
  relativeSegments: string[];
}

/** SChannel keys written under a ControlSet00N that is not read as CurrentControlSet. */
export interface UnmappedSchannelExport {
  /** `ControlSet002`, as written. */
  controlSet: string;
  file: SourceFile;
  origin: KeyOrigin;
}

export interface SchannelModel {
  /** True when this server's .reg files write (or delete) anything at or under SCHANNEL. */
  exported: boolean;
  /**
   * SChannel settings exported under a control set that is not mapped to CurrentControlSet
   * (see RegistryTree.controlSets): they exist but are not the server's current settings.
   */
  unmappedExports: UnmappedSchannelExport[];
  /** The applied files that write or delete anything at or under SCHANNEL, in the order applied. */
  files: SourceFile[];
  /** The `[-key]` and `"value"=-` lines at or under SCHANNEL, in the order applied. */
  deletions: RegistryDeletion[];
  os: OsProfile | undefined;
  /**
   * One per catalogue subject, in SCHANNEL_SUBJECTS order. The setting of a subject whose key no
   * file writes depends on the target OS only: servers with the same OS share it (frozen).
   */
  settings: SchannelSetting[];
  unknownKeys: UnknownSchannelKey[];
  /** The setting for a subject (names compared case-insensitively). */
  setting(subject: SchannelSubject): SchannelSetting | undefined;
}

/**
 * Subject ids by the subject as written, once per process: rules ask for the same few dozen
 * subjects on every server. Bounded: the names can come from a hostile export.
 */
const SUBJECT_IDS = new Map<string, string>();
const SUBJECT_IDS_LIMIT = 4096;

export function subjectId(subject: SchannelSubject): string {
  const written = subject.category === 'protocol' ? `${subject.category}:${subject.name}\\${subject.side}` : `${subject.category}:${subject.name}`;
  let id = SUBJECT_IDS.get(written);
  if (id === undefined) {
    id = written.toLowerCase();
    if (SUBJECT_IDS.size < SUBJECT_IDS_LIMIT) SUBJECT_IDS.set(written, id);
  }
  return id;
}

export function subjectSegments(subject: SchannelSubject): string[] {
  const container = containerOf(subject.category);
  return subject.category === 'protocol'
    ? [...SCHANNEL_ROOT_SEGMENTS, container, subject.name, subject.side]
    : [...SCHANNEL_ROOT_SEGMENTS, container, subject.name];
}

/**
 * Each catalogue subject's id and key segments, once per process (every server has every
 * subject). The segments are frozen: every server's setting of the subject shares them.
 */
const CATALOGUE = SCHANNEL_SUBJECTS.map((subject) => ({
  subject,
  id: subjectId(subject),
  segments: Object.freeze(subjectSegments(subject)) as readonly string[],
}));
/** A catalogue subject's position in CATALOGUE (and in every model's `settings`), by subject id. */
const CATALOGUE_INDEX = new Map<string, number>(CATALOGUE.map(({ id }, index) => [id, index]));
/**
 * Catalogue positions by the name as the catalogue spells it: rules ask with those spellings, so
 * most lookups need no id string built (other spellings go through subjectId).
 */
const CATALOGUE_BY_NAME = new Map<string, number[]>();
CATALOGUE.forEach(({ subject }, index) => {
  const positions = CATALOGUE_BY_NAME.get(subject.name);
  if (positions) positions.push(index);
  else CATALOGUE_BY_NAME.set(subject.name, [index]);
});

/** A subject's position in CATALOGUE (names compared case-insensitively), if it is a catalogue subject. */
function cataloguePosition(subject: SchannelSubject): number | undefined {
  const positions = CATALOGUE_BY_NAME.get(subject.name);
  if (positions) {
    for (let index = 0; index < positions.length; index++) {
      const position = positions[index]!;
      const known = CATALOGUE[position]!.subject;
      if (known.category !== subject.category) continue;
      if (known.category !== 'protocol' || (subject.category === 'protocol' && known.side === subject.side)) return position;
    }
  }
  return CATALOGUE_INDEX.get(subjectId(subject));
}

/** Key paths with the root spelled in full, once per process for the catalogue's shared (frozen) segments. */
const KEY_PATHS = new WeakMap<readonly string[], string>();

/** `segments` joined into a key path (`HKEY_LOCAL_MACHINE\...\SCHANNEL\...`). */
export function keyPathOf(segments: readonly string[]): string {
  let path = KEY_PATHS.get(segments);
  if (path === undefined) {
    path = segments.join('\\');
    // Only a frozen path can be remembered by identity (the catalogue's are).
    if (Object.isFrozen(segments)) KEY_PATHS.set(segments, path);
  }
  return path;
}

/** The key path of a setting's key, written or not. */
export function settingKeyPath(setting: SchannelSetting): string {
  return keyPathOf(setting.segments);
}

/**
 * The setting of each catalogue subject that no file writes, per target OS: it depends on the
 * OS only, so it is worked out once per process and shared (frozen) by every server whose
 * exports leave the subject's key unwritten. At most one entry per OS profile, plus unknown.
 */
const UNWRITTEN_SETTINGS = new Map<OsProfile | undefined, readonly SchannelSetting[]>();
const UNWRITTEN_SETTINGS_LIMIT = 32;

function unwrittenSettings(os: OsProfile | undefined): readonly SchannelSetting[] {
  let settings = UNWRITTEN_SETTINGS.get(os);
  if (settings === undefined) {
    settings = CATALOGUE.map(({ subject, segments }) => deepFreeze(effectiveSetting(subject, undefined, os, segments)));
    // Bounded all the same: a profile name that is not one of OS_PROFILES must not grow it.
    if (UNWRITTEN_SETTINGS.size < UNWRITTEN_SETTINGS_LIMIT) UNWRITTEN_SETTINGS.set(os, settings);
  }
  return settings;
}

/** Freeze a setting and its provenance objects (not the registry values they point at: none, unwritten). */
function deepFreeze(setting: SchannelSetting): SchannelSetting {
  Object.freeze(setting.provenance);
  if (setting.disabledByDefault) {
    Object.freeze(setting.disabledByDefault.provenance);
    Object.freeze(setting.disabledByDefault);
  }
  return Object.freeze(setting);
}

export function buildSchannelModel(registry: RegistryTree, os: OsProfile | undefined): SchannelModel {
  const root = registry.find(SCHANNEL_ROOT_SEGMENTS);
  const deletions = registry.deletions.filter((deletion) => isAtOrBelow(deletion.segments, SCHANNEL_ROOT_SEGMENTS));
  const touching = new Set<SourceFile>(deletions.map((deletion) => deletion.file));
  const keyLines = registry.keyLines;
  for (let index = 0; index < keyLines.length; index++) {
    const { file, segments } = keyLines[index]!;
    if (isAtOrBelow(segments, SCHANNEL_ROOT_SEGMENTS)) touching.add(file);
  }
  const files = registry.appliedFiles.filter((file) => touching.has(file));

  // By position in CATALOGUE: the shared setting of each subject, replaced where a file wrote its key.
  const settings = unwrittenSettings(os).slice();
  const unknownKeys: UnknownSchannelKey[] = [];
  if (root) {
    walkSchannelKeys(root, [], (key, relativeSegments) => {
      const classification = classifySchannelKey(relativeSegments, os);
      if (classification.kind === 'subject') {
        const index = cataloguePosition(classification.subject);
        if (index !== undefined) settings[index] = effectiveSetting(CATALOGUE[index]!.subject, key, os, CATALOGUE[index]!.segments);
      } else if (classification.kind === 'unknown') {
        // Only keys some file actually wrote are findings; an ancestor implied by a deeper
        // unknown key is reported through that deeper key.
        const origin = key.firstOrigin;
        if (origin) unknownKeys.push({ key, origin, classification, relativeSegments: [...relativeSegments] });
      }
    });
    // In RegistryKey.descendants order (children in name order), sorted here rather than every
    // key's children on the way: unknown keys are few, keys many.
    if (unknownKeys.length > 1) unknownKeys.sort((a, b) => compareKeyPaths(a.relativeSegments, b.relativeSegments));
  }
  if (deletions.length > 0) {
    for (let index = 0; index < settings.length; index++) {
      const setting = settings[index]!;
      if (setting.provenance.kind === 'explicit' || setting.provenance.kind === 'invalid-type') continue;
      const removedBy = lastDeletionOf(deletions, setting.segments);
      if (removedBy) settings[index] = { ...setting, removedBy };
    }
  }

  const unmappedExports: UnmappedSchannelExport[] = [];
  // A key line still spelt ControlSet00N (not mapped onto CurrentControlSet) is among those written.
  if (registry.controlSets.written.length > 0) {
    for (const { file, keyLine, segments } of registry.keyLines) {
      const controlSet = segments[2];
      if (controlSet === undefined || !/^controlset\d{3}$/i.test(controlSet)) continue;
      const asCurrent = [segments[0]!, segments[1]!, 'CurrentControlSet', ...segments.slice(3)];
      if (isAtOrBelow(asCurrent, SCHANNEL_ROOT_SEGMENTS)) unmappedExports.push({ controlSet, file, origin: { file, keyLine } });
    }
  }

  return {
    exported: files.length > 0,
    unmappedExports,
    files,
    deletions,
    os,
    settings,
    unknownKeys,
    setting: (subject) => {
      const index = cataloguePosition(subject);
      return index === undefined ? undefined : settings[index];
    },
  };
}

/**
 * Visit every key below `key`, depth first, children in the order written (not sorted), with its
 * path below the starting key. `path` is one array grown and shrunk on the way: a visitor that
 * keeps it copies it.
 */
function walkSchannelKeys(key: RegistryKey, path: string[], visit: (key: RegistryKey, relativeSegments: readonly string[]) => void): void {
  for (const child of key.children.values()) {
    path.push(child.name);
    visit(child, path);
    walkSchannelKeys(child, path, visit);
    path.pop();
  }
}

/**
 * Depth-first order with children in name order (RegistryKey.descendants): a key before the
 * keys below it, siblings by registry name (registryNameKey) in code-unit order.
 */
function compareKeyPaths(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const nameA = registryNameKey(a[index]!);
    const nameB = registryNameKey(b[index]!);
    if (nameA !== nameB) return nameA < nameB ? -1 : 1;
  }
  return a.length - b.length;
}

function effectiveSetting(
  subject: SchannelSubject,
  key: RegistryKey | undefined,
  os: OsProfile | undefined,
  segments: readonly string[],
): SchannelSetting {
  const setting = enabledSetting(subject, key, os, segments);
  if (subject.category !== 'protocol') return setting;
  const disabledByDefault = disabledByDefaultSetting(subject, key, os);
  // Written out, not spread: every server builds one per protocol side, and the copy was the cost.
  return {
    subject: setting.subject,
    key: setting.key,
    segments: setting.segments,
    state: setting.state,
    provenance: setting.provenance,
    disabledByDefault,
    offered: offeredState(setting.state, disabledByDefault.state),
  };
}

/** Kleene AND of "enabled" and "not disabled by default". */
export function offeredState(enabled: EffectiveState, disabledByDefault: DisabledByDefaultSetting['state']): OfferedState {
  if (enabled === 'disabled' || enabled === 'absent' || disabledByDefault === 'yes') return 'no';
  if (enabled === 'enabled' && (disabledByDefault === 'no' || disabledByDefault === 'not-read')) return 'yes';
  return 'unknown';
}

function disabledByDefaultSetting(subject: SchannelSubject, key: RegistryKey | undefined, os: OsProfile | undefined): DisabledByDefaultSetting {
  if (os !== undefined) {
    const stated = defaultDisabledByDefault(os, subject);
    // Server 2003 ignores the value, written or not.
    if (stated === 'not-read') return { state: 'not-read', provenance: { kind: 'default', os, stated } };
  }
  const value = key?.value('DisabledByDefault');
  if (value) {
    if (value.data.type === 'REG_DWORD' && 'dword' in value.data) {
      return { state: value.data.dword === 0 ? 'no' : 'yes', provenance: { kind: 'explicit', value } };
    }
    return { state: 'unknown', provenance: { kind: 'invalid-type', value } };
  }
  if (os === undefined) return { state: 'unknown', provenance: { kind: 'unknown' } };
  const stated = defaultDisabledByDefault(os, subject);
  if (stated === 'yes' || stated === 'no') return { state: stated, provenance: { kind: 'default', os, stated } };
  return { state: 'unknown', provenance: { kind: 'unknown' } };
}

function enabledSetting(subject: SchannelSubject, key: RegistryKey | undefined, os: OsProfile | undefined, segments: readonly string[]): SchannelSetting {
  const enabled = key?.value('Enabled');
  if (enabled) {
    if (enabled.data.type === 'REG_DWORD' && 'dword' in enabled.data) {
      return { subject, key, segments, state: interpretEnabled(enabled.data.dword), provenance: { kind: 'explicit', value: enabled } };
    }
    return { subject, key, segments, state: 'unknown', provenance: { kind: 'invalid-type', value: enabled } };
  }
  if (os === undefined) return { subject, key, segments, state: 'unknown', provenance: { kind: 'unknown' } };
  const state = defaultState(os, subject);
  return { subject, key, segments, state, provenance: state === 'unknown' ? { kind: 'unknown' } : { kind: 'default', os } };
}

/** The last deletion of the `Enabled` value at `segments`, of that key, or of one of its ancestors. */
function lastDeletionOf(deletions: readonly RegistryDeletion[], segments: readonly string[]): RegistryDeletion | undefined {
  let found: RegistryDeletion | undefined;
  for (const deletion of deletions) {
    const removes =
      deletion.valueName === undefined
        ? isAtOrBelow(segments, deletion.segments)
        : deletion.valueName.toLowerCase() === 'enabled' &&
          deletion.segments.length === segments.length &&
          isAtOrBelow(segments, deletion.segments);
    if (removes) found = deletion;
  }
  return found;
}
