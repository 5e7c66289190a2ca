/**
 * Every disclosure profile, by id and by the name a user types. Adding a
 * region means adding its module here (see types.ts for what one holds).
 */
import type { Kind, TableId } from "../schema.ts";
import { CENTRAL_UNIVERSITY_PROFILE } from "./central-university.ts";
import { NATIONAL_PROFILE } from "./national.ts";
import { SHANGHAI_DISTRICT_PROFILE } from "./shanghai-district.ts";
import type { DisclosureProfile, Level, ProfileId, ProfileTable } from "./types.ts";

export { CENTRAL_UNIVERSITY_PROFILE } from "./central-university.ts";
export { NATIONAL_PROFILE } from "./national.ts";
export { SHANGHAI_DISTRICT_PROFILE, SHANGHAI_TABLES } from "./shanghai-district.ts";
export * from "./types.ts";

export const PROFILES: readonly DisclosureProfile[] = [
  NATIONAL_PROFILE,
  SHANGHAI_DISTRICT_PROFILE,
  CENTRAL_UNIVERSITY_PROFILE,
];

export function profileById(id: ProfileId): DisclosureProfile {
  return PROFILES.find((p) => p.id === id) ?? NATIONAL_PROFILE;
}

/** The profile a user named (`shanghai-district`, or its id `shanghai_district`), if any. */
export function profileByOption(name: string): DisclosureProfile | undefined {
  const n = name.trim().toLowerCase();
  return PROFILES.find((p) => p.option === n || p.id === n);
}

/** A profile's required tables of a kind as id → official title, in the template's order. */
export function profileTables(
  profile: DisclosureProfile,
  kind: Kind,
): Partial<Record<TableId, string>> {
  return Object.fromEntries(
    profile.tables[kind].filter((t) => !t.optional).map((t) => [t.id, t.title]),
  );
}

/** The official title of a table of a profile for a level, if the profile has the table. */
export function profileTitle(
  profile: DisclosureProfile,
  kind: Kind,
  id: TableId,
  level?: Level,
): string | undefined {
  const t: ProfileTable | undefined = profile.tables[kind].find((x) => x.id === id);
  if (!t) return undefined;
  return level === "unit" && t.unitTitle ? t.unitTitle : t.title;
}

/** Whether a table is one of a profile's required set, of either kind. */
export function inProfile(profile: DisclosureProfile, id: TableId): boolean {
  const required = (k: Kind) => profile.tables[k].some((t) => t.id === id && !t.optional);
  return required("budget") || required("final");
}
