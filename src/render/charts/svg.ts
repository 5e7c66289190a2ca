/**
 * Charts as SVG strings, rendered server-side by echarts (no browser, no
 * canvas): `echarts.init(null, null, { renderer: "svg", ssr: true })`.
 * Animation is off so the SVG is the final picture.
 */
import * as echarts from "echarts";
import { type ChartData, toDisplay } from "./data.ts";

const PALETTE = ["#c23531", "#2f4554", "#61a0a8", "#d48265", "#91c7ae", "#749f83", "#ca8622"];
const FONT = '"Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif';

function option(c: ChartData): echarts.EChartsCoreOption {
  const base = {
    animation: false,
    color: PALETTE,
    textStyle: { fontFamily: FONT },
    title: {
      text: c.title,
      subtext: `单位：${c.unit}`,
      left: "center",
      textStyle: { fontSize: 15 },
    },
  };
  if (c.type === "pie") {
    const s = c.series[0];
    return {
      ...base,
      legend: { bottom: 0, type: "plain" },
      series: [
        {
          type: "pie",
          radius: ["0%", "58%"],
          center: ["50%", "52%"],
          label: { formatter: "{b}\n{c}（{d}%）" },
          data: c.categories.map((name, i) => ({ name, value: toDisplay(s?.values[i] ?? 0) })),
        },
      ],
    };
  }
  return {
    ...base,
    legend: { bottom: 0 },
    grid: { left: 70, right: 30, top: 70, bottom: c.categories.length > 4 ? 90 : 60 },
    xAxis: {
      type: "category",
      data: c.categories,
      axisLabel: { interval: 0, rotate: c.categories.length > 4 ? 20 : 0 },
    },
    yAxis: { type: "value" },
    series: c.series.map((s) => ({
      type: "bar",
      name: s.name,
      barMaxWidth: 48,
      label: { show: true, position: "top" },
      data: s.values.map(toDisplay),
    })),
  };
}

/** One chart as a standalone SVG document string. */
export function chartSvg(c: ChartData, width = 640, height = 360): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option(c));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
