import { writeFileSync } from 'node:fs';

export interface Series {
  label: string;
  points: [x: number, y: number][];
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];
const escape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A tick step of 1, 2 or 5 × 10^n giving about `count` ticks over `span`. */
function step(span: number, count: number) {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw)!;
}

/** A line chart as a standalone SVG file: one line per series, linear axes from 0. */
export function writeLineChart(path: string, options: { title: string; xLabel: string; yLabel: string; series: Series[]; xTicks?: { at: number; label: string }[] }) {
  const width = 720;
  const height = 360;
  const margin = { left: 64, right: 16, top: 36, bottom: 48 };
  const all = options.series.flatMap((series) => series.points);
  const xMax = Math.max(...all.map(([x]) => x), 1e-9);
  const xMin = Math.min(0, ...all.map(([x]) => x));
  const yMax = Math.max(...all.map(([, y]) => y), 1e-9) * 1.05;
  const px = (x: number) => margin.left + ((x - xMin) / (xMax - xMin)) * (width - margin.left - margin.right);
  const py = (y: number) => height - margin.bottom - (y / yMax) * (height - margin.top - margin.bottom);
  const yStep = step(yMax, 5);
  const xStep = step(xMax - xMin, 8);
  const parts: string[] = [];
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(`<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(options.title)}</text>`);
  for (let y = 0; y <= yMax; y += yStep) {
    parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${margin.left - 6}" y="${py(y) + 4}" text-anchor="end" font-size="11">${+y.toPrecision(6)}</text>`);
  }
  const xTicks = options.xTicks ?? Array.from({ length: Math.floor((xMax - xMin) / xStep) + 1 }, (_, i) => ({ at: xMin + i * xStep, label: String(+(xMin + i * xStep).toPrecision(6)) }));
  for (const tick of xTicks) {
    parts.push(`<line x1="${px(tick.at)}" x2="${px(tick.at)}" y1="${height - margin.bottom}" y2="${height - margin.bottom + 4}" stroke="#111"/>`);
    parts.push(`<text x="${px(tick.at)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${escape(tick.label)}</text>`);
  }
  parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${height - margin.bottom}" y2="${height - margin.bottom}" stroke="#111"/>`);
  parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#111"/>`);
  parts.push(`<text x="${(width + margin.left) / 2}" y="${height - 10}" text-anchor="middle" font-size="12">${escape(options.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${(height - margin.bottom + margin.top) / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escape(options.yLabel)}</text>`);
  options.series.forEach((series, index) => {
    const colour = palette[index % palette.length];
    const d = series.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    parts.push(`<rect x="${margin.left + 12}" y="${margin.top + 4 + index * 18}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${margin.left + 30}" y="${margin.top + 14 + index * 18}" font-size="12">${escape(series.label)}</text>`);
  });
  writeFileSync(path, `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">\n${parts.join('\n')}\n</svg>\n`);
}

/** Percentile points (50 … 99.9) of a latency summary function, for a latency-distribution chart. */
export const percentileTicks = [50, 75, 90, 95, 99, 99.9];
export function percentileSeries(label: string, percentile: (p: number) => number): Series {
  // x is -log10(1 - p/100), so 90, 99 and 99.9 are evenly spaced.
  return { label, points: percentileTicks.map((p) => [-Math.log10(1 - p / 100), percentile(p)]) };
}
export const percentileAxis = percentileTicks.map((p) => ({ at: -Math.log10(1 - p / 100), label: `p${p}` }));
