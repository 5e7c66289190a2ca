/**
 * Password hashes: argon2id (@node-rs/argon2, the library's defaults, which
 * follow OWASP's recommendation). The library is loaded on first use, so
 * opening a store for documents does not load it.
 */

type Argon2 = typeof import("@node-rs/argon2");
let argon2: Promise<Argon2> | undefined;
const lib = () => {
  argon2 ??= import("@node-rs/argon2");
  return argon2;
};

export async function hashPassword(password: string): Promise<string> {
  return (await lib()).hash(password);
}

/** A hash of nothing anyone can type: verified against when the user is unknown, so both cost the same. */
let decoy: Promise<string> | undefined;

/** Whether the password matches; an absent hash (unknown user) costs the same and never matches. */
export async function verifyPasswordHash(
  hash: string | undefined,
  password: string,
): Promise<boolean> {
  const { verify } = await lib();
  if (hash === undefined) {
    decoy ??= hashPassword(crypto.randomUUID());
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(hash, password);
  } catch {
    return false;
  }
}
