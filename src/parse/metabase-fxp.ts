/**
 * The fast-xml-parser options of the metabase parser, in a module of their own so that the
 * benchmark (scripts/bench.mjs) measures fast-xml-parser alone with exactly these options.
 */
import type { X2jOptions } from 'fast-xml-parser';

export const METABASE_FXP_OPTIONS: X2jOptions = {
  preserveOrder: true,
  captureMetaData: true,
  // We read attributes ourselves from the start tag (we need their exact ranges); letting FXP
  // build them too would more than double its time.
  ignoreAttributes: true,
  // No entity expansion at all: values are decoded by us, DOCTYPE entities never.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  // A string jPath per element costs O(depth); deep nesting must stay linear.
  jPath: false,
  // FXP builds its tree with a loop (no recursion with preserveOrder); depth is not our limit.
  maxNestedTags: Number.POSITIVE_INFINITY,
  strictReservedNames: false,
};
