/**
 * 功能分类 subjects that only the 政府性基金预算 pays for, known by what their
 * official names say they spend: 彩票公益金, a 政府性基金, 专项债券/专项债务,
 * 国有土地使用权出让收入 and the other charges the fund budget collects. The
 * name is the evidence, not a list kept from memory, so a subject whose name
 * does not say so is simply not known to be one.
 */
import { lookup } from "./index.ts";

const FUND_NAME =
  /彩票|政府性基金|专项债券|专项债务|国有土地使用权出让|国有土地收益基金|城市基础设施配套费|污水处理费/u;

/** Whether a 功能分类 code (款 or 项) is paid only from the 政府性基金预算. */
export function isGovFundSubject(code: string, year: number): boolean {
  if (code.length < 5) return false;
  const own = lookup(code, year, "func");
  if (own && FUND_NAME.test(own.name)) return true;
  const kuan = code.length > 5 ? lookup(code.slice(0, 5), year, "func") : undefined;
  return kuan !== undefined && FUND_NAME.test(kuan.name);
}
