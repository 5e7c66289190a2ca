/**
 * An error the user caused or can fix (a missing file, an unreadable
 * encoding, a document that is not a disclosure). The CLI prints its Chinese
 * message on one line and exits non-zero, without a stack trace.
 */
export type GongkaiErrorCode =
  | "not_found"
  | "unreadable"
  | "encoding"
  | "unsupported_format"
  | "not_disclosure"
  | "too_large"
  /** Files given as one disclosure (check --as-one) that are not two halves of one. */
  | "not_one_disclosure"
  /** A name that must be unique is taken (a username in the store). */
  | "conflict"
  /** A value the store does not accept (an empty username, a password too short). */
  | "invalid"
  /** An output file that cannot be written (missing folder, read-only, disk full). */
  | "unwritable";

export class GongkaiError extends Error {
  readonly code: GongkaiErrorCode;
  constructor(code: GongkaiErrorCode, message: string) {
    super(message);
    this.name = "GongkaiError";
    this.code = code;
  }
}
