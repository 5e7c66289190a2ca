/** Rules of the `template` family: template residue and wording that does not fit the entity. */

import type { Rule } from "../types.ts";
import {
  departmentUnitWording,
  duplicateParagraph,
  entityName,
  foreignLevel,
  headingYear,
} from "./template/fit.ts";
import { foreignEntity } from "./template/foreign-entity.ts";
import {
  emptyField,
  fieldCode,
  pendingMarker,
  placeholder,
  unfilledChoice,
} from "./template/residue.ts";
import {
  doubledPunctuation,
  fillInInstruction,
  unfinishedSentence,
} from "./template/unfinished.ts";

export const templateRules: Rule[] = [
  unfilledChoice,
  placeholder,
  emptyField,
  pendingMarker,
  fillInInstruction,
  unfinishedSentence,
  doubledPunctuation,
  fieldCode,
  foreignLevel,
  entityName,
  foreignEntity,
  departmentUnitWording,
  duplicateParagraph,
  headingYear,
];
