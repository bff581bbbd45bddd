/** Every rule, in id order. Adding a rule: see CONTRIBUTING.md. */
import { CFG001 } from './CFG001.js';
import { CFG002 } from './CFG002.js';
import { CFG003 } from './CFG003.js';
import { CFG004 } from './CFG004.js';
import { CFG005 } from './CFG005.js';
import { CFG006 } from './CFG006.js';
import { CFG007 } from './CFG007.js';
import { CFG008 } from './CFG008.js';
import { CFG009 } from './CFG009.js';
import { CFG010 } from './CFG010.js';
import { IIS001 } from './IIS001.js';
import { IIS002 } from './IIS002.js';
import { IIS003 } from './IIS003.js';
import { IIS004 } from './IIS004.js';
import { IIS005 } from './IIS005.js';
import { IIS006 } from './IIS006.js';
import { IIS007 } from './IIS007.js';
import { IIS008 } from './IIS008.js';
import { KSSL001 } from './KSSL001.js';
import { KSSL002 } from './KSSL002.js';
import { KSSL003 } from './KSSL003.js';
import { KSSL004 } from './KSSL004.js';
import { KSSL005 } from './KSSL005.js';
import { KSSL006 } from './KSSL006.js';
import { KSSL007 } from './KSSL007.js';
import { TLS001 } from './TLS001.js';
import { TLS002 } from './TLS002.js';
import { TLS003 } from './TLS003.js';
import { TLS004 } from './TLS004.js';
import { TLS005 } from './TLS005.js';
import { TLS006 } from './TLS006.js';
import { TLS007 } from './TLS007.js';
import { TLS008 } from './TLS008.js';
import { TLS009 } from './TLS009.js';
import { TLS010 } from './TLS010.js';
import { TLS011 } from './TLS011.js';
import { TLS012 } from './TLS012.js';
import { TLS013 } from './TLS013.js';
import { TLS014 } from './TLS014.js';
import { TLS015 } from './TLS015.js';
import { TLS016 } from './TLS016.js';
import { TLS017 } from './TLS017.js';
import { WEB001 } from './WEB001.js';
import { WEB002 } from './WEB002.js';
import { WEB003 } from './WEB003.js';
import { WEB004 } from './WEB004.js';
import { WEB005 } from './WEB005.js';
import { WEB006 } from './WEB006.js';
import { WEB007 } from './WEB007.js';
import { WEB008 } from './WEB008.js';
import { WEB009 } from './WEB009.js';
import { WEB010 } from './WEB010.js';
import { WEB011 } from './WEB011.js';
import { WEB012 } from './WEB012.js';
import { WEB013 } from './WEB013.js';
import { WEB014 } from './WEB014.js';
import { WEB015 } from './WEB015.js';
import { WEB016 } from './WEB016.js';
import { WEB017 } from './WEB017.js';
import { WEB018 } from './WEB018.js';
import { WEB019 } from './WEB019.js';
import { WEB020 } from './WEB020.js';
import { WEB021 } from './WEB021.js';
import { WEB022 } from './WEB022.js';
import { WEB023 } from './WEB023.js';
import { WEB024 } from './WEB024.js';
import { WEB025 } from './WEB025.js';
import { WEB026 } from './WEB026.js';
import { WEB027 } from './WEB027.js';
import { WEB028 } from './WEB028.js';
import { WEB029 } from './WEB029.js';
import { WEB030 } from './WEB030.js';
import { WEB031 } from './WEB031.js';
import { WEB032 } from './WEB032.js';
import { WEB033 } from './WEB033.js';
import { WEB034 } from './WEB034.js';
import { WEB035 } from './WEB035.js';
import { WEB036 } from './WEB036.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  CFG001,
  CFG002,
  CFG003,
  CFG004,
  CFG005,
  CFG006,
  CFG007,
  CFG008,
  CFG009,
  CFG010,
  IIS001,
  IIS002,
  IIS003,
  IIS004,
  IIS005,
  IIS006,
  IIS007,
  IIS008,
  KSSL001,
  KSSL002,
  KSSL003,
  KSSL004,
  KSSL005,
  KSSL006,
  KSSL007,
  TLS001,
  TLS002,
  TLS003,
  TLS004,
  TLS005,
  TLS006,
  TLS007,
  TLS008,
  TLS009,
  TLS010,
  TLS011,
  TLS012,
  TLS013,
  TLS014,
  TLS015,
  TLS016,
  TLS017,
  WEB001,
  WEB002,
  WEB003,
  WEB004,
  WEB005,
  WEB006,
  WEB007,
  WEB008,
  WEB009,
  WEB010,
  WEB011,
  WEB012,
  WEB013,
  WEB014,
  WEB015,
  WEB016,
  WEB017,
  WEB018,
  WEB019,
  WEB020,
  WEB021,
  WEB022,
  WEB023,
  WEB024,
  WEB025,
  WEB026,
  WEB027,
  WEB028,
  WEB029,
  WEB030,
  WEB031,
  WEB032,
  WEB033,
  WEB034,
  WEB035,
  WEB036,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id.toUpperCase());
}
