/**
 * Write an output file so that a failed write never destroys the previous
 * one: the bytes go to a temporary file beside it (same folder, so the same
 * file system), are flushed to disk, and the temporary file is renamed over
 * the target — which is either the old file or the new one, never a
 * truncated mix. A target that is not a regular file (/dev/stdout, a pipe)
 * is written in place. Every way a write fails is a Chinese GongkaiError
 * naming the file and why; the temporary file is removed on every path,
 * including SIGINT and SIGTERM (cleanup.ts).
 */
import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { GongkaiError } from "../model/errors.ts";
import { register } from "./cleanup.ts";

/** Why writing `path` failed, in words a user can act on. */
export function writeError(path: string, e: unknown): GongkaiError {
  if (e instanceof GongkaiError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const dir = dirname(resolve(path));
  const why =
    code === "ENOENT" || code === "ENOTDIR"
      ? `文件夹 ${dir} 不存在`
      : code === "EACCES" || code === "EPERM"
        ? "没有写入权限"
        : code === "EROFS"
          ? "文件系统是只读的"
          : code === "ENOSPC" || code === "EDQUOT"
            ? "磁盘空间不足"
            : code === "EISDIR"
              ? "这是一个文件夹"
              : code === "EFBIG"
                ? "文件超过了系统允许的大小"
                : `${code ?? (e instanceof Error ? e.message : String(e))}`;
  return new GongkaiError("unwritable", `无法写入输出文件 ${path}：${why}`);
}

async function existing(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/** Write `data` to `path` atomically (see above). */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const target = await existing(path);
  if (target?.isDirectory()) throw writeError(path, Object.assign(new Error(), { code: "EISDIR" }));
  if (target && !target.isFile()) {
    // A device or a pipe: nothing to replace, write straight to it.
    try {
      const fh = await open(path, "w");
      try {
        await fh.writeFile(data);
      } finally {
        await fh.close();
      }
    } catch (e) {
      throw writeError(path, e);
    }
    return;
  }
  // A file its owner made read-only is not replaced (root could; we ask the user first).
  if (target && (target.mode & 0o222) === 0)
    throw new GongkaiError("unwritable", `无法写入输出文件 ${path}：文件是只读的`);
  const temp = join(
    dirname(resolve(path)),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  const forget = register({ path: temp });
  try {
    const fh = await open(temp, "wx", target ? target.mode & 0o777 : 0o644);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw writeError(path, e);
  } finally {
    forget();
  }
  // The rename itself reaches the disk with the folder's own flush (best effort).
  try {
    const dir = await open(dirname(resolve(path)), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // Some file systems do not flush folders; the rename is done either way.
  }
}

/** Write several files into a folder (created as needed), each atomically. */
export async function writeFilesAtomic(
  root: string,
  files: Record<string, Uint8Array | string>,
): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const target = join(root, rel);
    try {
      await mkdir(dirname(target), { recursive: true });
    } catch (e) {
      throw writeError(target, e);
    }
    await writeFileAtomic(target, content);
  }
}
