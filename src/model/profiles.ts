/**
 * Disclosure profiles: which tables a discloser of a region and kind of body
 * publishes, in which order, under which official title — one module per
 * region in ./profiles/ (national.ts, shanghai-district.ts,
 * central-university.ts). The checker's required table sets, the renderer's
 * titles (src/render/spec/layouts.ts) and the regional fill-in workbooks
 * (src/template/regional/) all read them from there.
 */
export * from "./profiles/index.ts";
