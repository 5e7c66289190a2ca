/**
 * The Disclosure schema's version, apart from the zod schemas so that reading
 * a document does not load zod (it is needed only to validate or publish).
 */
export const DISCLOSURE_SCHEMA_VERSION = "1.0";
