/** Rules of the `template` family: template residue and wording that does not fit the entity. */
import type { Rule } from "../types.ts";
import {
  departmentUnitWording,
  duplicateParagraph,
  entityName,
  foreignLevel,
  headingYear,
} from "./template/fit.ts";
import {
  emptyField,
  fieldCode,
  pendingMarker,
  placeholder,
  unfilledChoice,
} from "./template/residue.ts";

export const templateRules: Rule[] = [
  unfilledChoice,
  placeholder,
  emptyField,
  pendingMarker,
  fieldCode,
  foreignLevel,
  entityName,
  departmentUnitWording,
  duplicateParagraph,
  headingYear,
];
