// A tiny SVG writer for the results chart: one horizontal bar panel per measure, a bar per library at its
// median with a whisker for the min–max spread. No chart library.

const COLORS = { rxllm: '#c2185b', raw: '#546e7a', langchain: '#2e7d32', aisdk: '#1565c0' };
const NAMES = { rxllm: 'rxllm', raw: 'raw SDK + p-limit', langchain: 'LangChain.js', aisdk: 'Vercel AI SDK' };
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

function panel({ title, unit, bars, y, width }) {
  const left = 150;
  const right = 90;
  const barH = 18;
  const gap = 8;
  const plotW = width - left - right;
  const max = Math.max(...bars.map((b) => b.max), 1e-9);
  const x = (v) => left + (v / max) * plotW;
  const out = [`<text x="10" y="${y + 16}" font-size="14" font-weight="bold">${esc(title)}</text>`];
  bars.forEach((b, i) => {
    const top = y + 28 + i * (barH + gap);
    const mid = top + barH / 2;
    out.push(
      `<text x="${left - 8}" y="${mid + 4}" font-size="12" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${left}" y="${top}" width="${Math.max(1, x(b.median) - left).toFixed(1)}" height="${barH}" fill="${b.color}"/>`,
      `<line x1="${x(b.min).toFixed(1)}" x2="${x(b.max).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
      `<line x1="${x(b.min).toFixed(1)}" x2="${x(b.min).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" stroke="#222"/>`,
      `<line x1="${x(b.max).toFixed(1)}" x2="${x(b.max).toFixed(1)}" y1="${mid - 5}" y2="${mid + 5}" stroke="#222"/>`,
      `<text x="${(x(b.max) + 6).toFixed(1)}" y="${mid + 4}" font-size="12">${num(b.median)} ${esc(unit)}</text>`,
    );
  });
  return { svg: out.join('\n'), height: 28 + bars.length * (barH + gap) + 14 };
}

/** The chart for a results object: per-chunk CPU, per-request CPU and peak RSS per library. */
export function renderChart(report, width = 720) {
  const r = report.results;
  const barsOf = (kind, key, extra = {}) =>
    Object.entries(r[kind]?.libs ?? {})
      .filter(([, a]) => a[key])
      .map(([lib, a]) => ({ label: (extra.prefix ?? '') + NAMES[lib], color: COLORS[lib], ...a[key] }));
  const panels = [
    { title: 'CPU per streamed chunk, OpenAI (lower is better)', unit: 'µs', bars: barsOf('stream', 'cpuUsPerChunk') },
    { title: 'CPU per streamed chunk, Anthropic (lower is better)', unit: 'µs', bars: barsOf('anthropic', 'cpuUsPerChunk') },
    { title: 'CPU per request, non-streaming (lower is better)', unit: 'µs', bars: barsOf('requests', 'cpuUsPerRequest') },
    { title: `Peak RSS, ${(r['scale-sim']?.params.n ?? 0).toLocaleString('en-US')} prompts through the simulator (lower is better)`, unit: 'MB', bars: barsOf('scale-sim', 'peakRssMb') },
    { title: `Peak RSS, ${(r['scale-instant']?.params.n ?? 0).toLocaleString('en-US')} prompts through an instant fake (lower is better)`, unit: 'MB', bars: barsOf('scale-instant', 'peakRssMb') },
  ].filter((p) => p.bars.length);
  let y = 44;
  const parts = [];
  for (const p of panels) {
    const { svg, height } = panel({ ...p, y, width });
    parts.push(svg);
    y += height;
  }
  const m = report.machine;
  const caption = `${m.nproc} cores (${m.cpu}), Node ${m.node}, ${report.date.slice(0, 10)}; bars: median, whiskers: min–max`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" viewBox="0 0 ${width} ${y + 10}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="10" y="22" font-size="16" font-weight="bold">rxllm vs raw SDK, LangChain.js, Vercel AI SDK</text>`,
    `<text x="10" y="38" font-size="11" fill="#555">${esc(caption)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
