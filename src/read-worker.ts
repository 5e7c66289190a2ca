/**
 * A reading thread (see read-thread.ts): reads each document it is sent
 * and answers with its Disclosure or its error. Errors that are not the
 * user's (GongkaiError) go back as plain messages; the thread stays up.
 */
import module from "node:module";
import { parentPort } from "node:worker_threads";
import { GongkaiError } from "./model/errors.ts";
import { extractHere } from "./pipeline.ts";
import type { ReadAnswer, ReadRequest } from "./read-thread.ts";

let flushed = false;

parentPort?.on("message", async (m: ReadRequest) => {
  let answer: ReadAnswer;
  try {
    answer = { id: m.id, disclosure: await extractHere(m.bytes, m.file, m.limits) };
  } catch (e) {
    answer = { id: m.id, error: e instanceof Error ? e.message : String(e) };
    if (e instanceof GongkaiError) answer.code = e.code;
  }
  parentPort?.postMessage(answer);
  // The readers this first document loaded go into the compile cache now: a
  // thread stopped at its deadline, or at the end of the process, may never write it.
  if (!flushed) {
    flushed = true;
    module.flushCompileCache?.();
  }
});
