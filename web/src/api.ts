// The HTTP API as the app uses it: a bearer token kept in localStorage, one
// Chinese error message per failure (the server's own, or what went wrong
// on the way), and downloads saved under the name the server gives.
import { reactive } from "vue";

export interface User {
  id: string;
  username: string;
  role: "admin" | "reviewer" | "preparer";
  entityId: string | null;
  region: string | null;
}

export const ROLE_NAMES: Record<string, string> = { admin: "管理", reviewer: "审核", preparer: "填报" };

export const session = reactive<{ token: string | null; user: User | null }>({
  token: localStorage.getItem("gongkai.token"),
  user: JSON.parse(localStorage.getItem("gongkai.user") ?? "null"),
});

export function setSession(token: string | null, user: User | null) {
  session.token = token;
  session.user = user;
  if (token) localStorage.setItem("gongkai.token", token);
  else localStorage.removeItem("gongkai.token");
  if (user) localStorage.setItem("gongkai.user", JSON.stringify(user));
  else localStorage.removeItem("gongkai.user");
}

export class ApiFailure extends Error {
  status: number;
  code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function failure(res: Response): Promise<ApiFailure> {
  try {
    const body = await res.json();
    if (body?.error?.message) return new ApiFailure(res.status, body.error.code, body.error.message);
  } catch {
    /* not JSON */
  }
  return new ApiFailure(res.status, "http", `请求失败（HTTP ${res.status}）`);
}

export async function request(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiFailure(0, "network", "无法连接服务器，请检查网络或服务是否在运行");
  }
  if (res.status === 401 && session.token && !path.endsWith("/login")) {
    // The token expired: sign out, and say so.
    setSession(null, null);
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export async function getJson<T = any>(path: string): Promise<T> {
  return (await request("GET", path)).json();
}
export async function postJson<T = any>(path: string, body?: unknown): Promise<T> {
  return (await request("POST", path, body)).json();
}

/** The file name from Content-Disposition (filename*=UTF-8''…). */
function fileNameOf(res: Response, fallback: string): string {
  const cd = res.headers.get("content-disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(cd);
  return plain?.[1] ?? fallback;
}

/** Fetch a file and hand it to the browser as a download. */
export async function download(method: string, path: string, fallback: string, body?: unknown) {
  const res = await request(method, path, body);
  const blob = await res.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = fileNameOf(res, fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

export function errorText(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  if (e instanceof Error) return `出错了：${e.message}`;
  return "出错了";
}

// ── shared vocabulary ──
export const SEVERITY_LABELS: Record<string, string> = { error: "错误", warning: "警告", info: "提示" };
export const KIND_LABELS: Record<string, string> = { budget: "预算", final: "决算" };
export const STATUS_LABELS: Record<string, string> = {
  queued: "排队中",
  processing: "处理中",
  done: "已完成",
  error: "出错",
};
export const FAMILY_TITLES: Record<string, string> = {
  arith: "表内运算",
  xtab: "表间一致",
  code: "科目编码",
  text: "说明与表格",
  complete: "公开完整性",
  template: "模板残留与称谓",
};

export interface RuleInfo {
  id: string;
  family: string;
  title: string;
  description: string;
  basis: string;
}
let rules: Promise<Map<string, RuleInfo>> | undefined;
export function ruleInfo(): Promise<Map<string, RuleInfo>> {
  rules ??= getJson<{ items: RuleInfo[] }>("/api/rules").then(
    (r) => new Map(r.items.map((x) => [x.id, x])),
  );
  return rules;
}

/** Hundredths of a unit as printed: 1234567 → "12,345.67". Exact: integer arithmetic only. */
export function money(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return "";
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, "0");
  return `${neg ? "-" : ""}${whole.toLocaleString("en-US")}.${cents}`;
}

/** "12,345.67" / "12345.6" / "-3" → hundredths, or undefined when not a number with ≤ 2 decimals. */
export function parseMoney(text: string): number | null | undefined {
  const t = text.replace(/[,，\s]/g, "");
  if (t === "" || t === "-" || t === "—") return null;
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -cents : cents;
}
