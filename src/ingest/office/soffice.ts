/**
 * LibreOffice as a converter (legacy XLS/DOC → XLSX/DOCX). Run headless with
 * a private profile directory (a shared one locks when two conversions run
 * at once) and a timeout, in a temporary directory removed afterwards.
 */
import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
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
 * Convert `bytes` (a file of extension `from`) to format `to` ("xlsx",
 * "docx", "pdf"); `filter` picks a LibreOffice export filter where needed.
 */
export async function sofficeConvert(
  bytes: Uint8Array,
  from: string,
  to: string,
  missingMessage: string,
): Promise<Uint8Array> {
  const soffice = findSoffice();
  if (!soffice) throw new GongkaiError("unsupported_format", missingMessage);
  const dir = await mkdtemp(join(tmpdir(), "gongkai-soffice-"));
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
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        args,
        { timeout: SOFFICE_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 4 * 1024 * 1024 },
        (err) => {
          if (err && (err as { killed?: boolean }).killed)
            reject(
              new GongkaiError(
                "unreadable",
                `LibreOffice 转换超时（${SOFFICE_TIMEOUT_MS / 1000} 秒），文件可能过大或已损坏`,
              ),
            );
          else resolve();
        },
      );
    });
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
  }
}
