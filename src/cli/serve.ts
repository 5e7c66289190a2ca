/**
 * `gongkai serve [--port N] [--host H] [--db …] [--max-upload-mb N] [--demo]`:
 * the HTTP API over a store, until Ctrl-C (or SIGTERM) closes it, finishing
 * the document in hand.
 */
import { GongkaiError } from "../model/errors.ts";

export interface ServeCliOptions {
  port: number;
  host: string;
  db?: string;
  maxUploadMb: number;
  demo: boolean;
}

export async function runServe(opts: ServeCliOptions, out: (s: string) => void): Promise<void> {
  const { openStore } = await import("../store/open.ts");
  const { startServer } = await import("../server/serve.ts");
  const store = await openStore(opts.db);
  if (opts.demo) {
    const { setUpDemo } = await import("../server/demo.ts");
    const password = process.env.GONGKAI_ADMIN_PASSWORD?.trim() || undefined;
    const demo = await setUpDemo(store, password ? { password } : {});
    if (demo.adminCreated) {
      out(
        demo.generatedPassword
          ? `已创建管理账户 admin，密码（只显示这一次）：${demo.generatedPassword}\n`
          : "已创建管理账户 admin，密码取自环境变量 GONGKAI_ADMIN_PASSWORD\n",
      );
      out(`已导入 ${demo.imported} 份示例文档（已公开），正在后台读取和检查\n`);
    }
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      port: opts.port,
      host: opts.host,
      store,
      maxUploadBytes: Math.round(opts.maxUploadMb * 1024 * 1024),
    });
  } catch (e) {
    await store.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new GongkaiError("unreadable", `端口 ${opts.port} 已被占用`);
    if (code === "EACCES") throw new GongkaiError("unreadable", `没有权限使用端口 ${opts.port}`);
    throw e;
  }
  if (server.requeued > 0) out(`上次中断时未处理完的 ${server.requeued} 份文档已重新排队\n`);
  out(`gongkai 服务已启动：${server.url}（存储：${store.dialect} ${store.location}）\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      out("正在停止服务…\n");
      server.close().then(resolve, resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
