/**
 * `gongkai user add NAME --role admin|reviewer|preparer [--entity …]
 * [--region …] --password-stdin [--db …]` and `gongkai user list`.
 * The password comes only from standard input, so it never shows in the
 * process list or the shell's history.
 */
import { GongkaiError } from "../model/errors.ts";
import { openStore } from "../store/open.ts";
import { ROLE_NAMES, type Role } from "../store/types.ts";

export interface UserAddOptions {
  role: Role;
  entity?: string;
  region?: string;
  passwordStdin?: boolean;
  db?: string;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function runUserAdd(name: string, opts: UserAddOptions): Promise<string> {
  if (!opts.passwordStdin) {
    throw new GongkaiError(
      "invalid",
      "请用 --password-stdin 从标准输入提供密码（例如 echo 密码 | gongkai user add …）",
    );
  }
  // One line: the trailing newline of `echo` is not part of the password.
  const password = (await readStdin()).replace(/\r?\n$/, "");
  if (opts.role === "preparer" && !opts.entity) {
    throw new GongkaiError("invalid", "填报用户需要用 --entity 指定所属部门或单位");
  }
  const store = await openStore(opts.db);
  try {
    const entity = opts.entity
      ? ((await store.findEntity(opts.entity)) ??
        (await store.ensureEntity({ name: opts.entity, region: opts.region ?? null })))
      : undefined;
    const user = await store.createUser({
      username: name,
      password,
      role: opts.role,
      entityId: entity?.id ?? null,
      region: opts.region ?? null,
    });
    const where = [entity ? `单位：${entity.name}` : "", user.region ? `地区：${user.region}` : ""]
      .filter(Boolean)
      .join("，");
    return `已创建用户 ${user.username}（${ROLE_NAMES[user.role]}${where ? `，${where}` : ""}）`;
  } finally {
    await store.close();
  }
}

export async function runUserList(db?: string): Promise<string> {
  const store = await openStore(db);
  try {
    const lines: string[] = [];
    for (const u of await store.listUsers()) {
      const entity = u.entityId ? (await store.getEntity(u.entityId))?.name : undefined;
      lines.push(
        [u.username, ROLE_NAMES[u.role], entity ?? "", u.region ?? ""].join("\t").trimEnd(),
      );
    }
    return lines.length > 0 ? lines.join("\n") : "（还没有用户）";
  } finally {
    await store.close();
  }
}
