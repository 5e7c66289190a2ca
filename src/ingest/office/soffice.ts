/**
 * LibreOffice as a converter (legacy XLS/DOC → XLSX/DOCX). Run headless with
 * a private profile directory (a shared one locks when two conversions run
 * at once) and a timeout, in a process group of its own (killed whole), in
 * a temporary directory removed afterwards.
 */
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "../../fs/cleanup.ts";
import { GongkaiError } from "../../model/errors.ts";

/** A conversion that takes longer is stopped (a first run creates the profile: ~10 s). */
export const SOFFICE_TIMEOUT_MS = 120_000;

/** Path of the soffice executable on PATH, if LibreOffice is installed. */
export function findSoffice(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "libreoffice"]) {
      const p = join(dir, name);
      try {
        accessSync(p, constants.X_OK);
        return p;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * Run the converter in a process group of its own and wait for it; at the
 * timeout the whole group is killed (the launcher and the soffice.bin it
 * started). Resolves whether it converted or not; rejects only on timeout.
 */
function runGroup(command: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: "ignore" });
    const pid = child.pid;
    const forget = pid !== undefined ? register({ group: pid }) : () => {};
    const killGroup = () => {
      if (pid === undefined) return;
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      forget();
      reject(
        new GongkaiError(
          "unreadable",
          `LibreOffice 转换超时（${Math.round(timeoutMs / 1000)} 秒），已停止转换；文件可能过大或已损坏`,
        ),
      );
    }, timeoutMs);
    child.on("error", () => {
      clearTimeout(timer);
      forget();
      resolve();
    });
    child.on("exit", () => {
      clearTimeout(timer);
      // Whatever the launcher left running in its group goes with it.
      killGroup();
      forget();
      resolve();
    });
  });
}

/**
 * Convert `bytes` (a file of extension `from`) to format `to` ("xlsx",
 * "docx", "pdf"); `filter` picks a LibreOffice export filter where needed.
 * The temporary folder (the input's copy, the profile, the output) is
 * removed on every path: after the run, at the timeout, and on SIGINT or
 * SIGTERM (cleanup.ts), also when the reading thread running this is
 * stopped at its deadline.
 */
export async function sofficeConvert(
  bytes: Uint8Array,
  from: string,
  to: string,
  missingMessage: string,
  timeoutMs = SOFFICE_TIMEOUT_MS,
): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) throw new GongkaiError("unsupported_format", missingMessage);
  const dir = await mkdtemp(join(tmpdir(), "gongkai-soffice-"));
  const forget = register({ path: dir });
  try {
    const input = join(dir, `input.${from}`);
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      to,
      "--outdir",
      join(dir, "out"),
      input,
    ];
    await runGroup(soffice, args, timeoutMs);
    const ext = to.split(":")[0] ?? to;
    try {
      return await readFile(join(dir, "out", `input.${ext}`));
    } catch {
      throw new GongkaiError(
        "unreadable",
        `LibreOffice 无法转换此 ${from.toUpperCase()} 文件（文件可能已损坏或有密码保护）`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    forget();
  }
}
