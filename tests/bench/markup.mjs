// Seat markup benchmark: PRINTS numbers, asserts nothing about timings.
//
// What each part of the arena's seat markup costs the browser, against the
// floor. The built widget draws the arena with every seat (19,952); its map
// SVG (outerHTML) and its stylesheet are copied out, and then, on blank
// pages, variants of that same markup are set with innerHTML in a shadow
// root holding that stylesheet: as drawn, without the seats' data
// attributes, without their class, without the row letters and labels,
// with the band colours as literal values instead of `var()`, and bare
// paths (the floor: the same outlines, nothing else). Each is measured as
// the main thread's CPU time (trace events' thread time, so other processes
// on the machine count less than in wall-clock time) spent in parsing,
// style, layout, pre-paint, paint, layerizing and commit until painted.
// Variants are measured in turn, round after round, so drift hits all alike.
//
// Env: BENCH_RUNS (rounds, 5), SEATMAP_E2E_PORT_BASE, SEATMAP_E2E_DIST.
import { chromium } from 'playwright-core';
import * as h from '../e2e/harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const VIEWPORT = { width: 1280, height: 900 };
const PHASES = ['ParseHTML', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

/** The arena drawn by the widget with every seat: its map SVG, size and stylesheet text. */
async function capture(browser) {
  const arena = await h.instanceOf('arena');
  const context = await h.newContext(browser, { viewport: VIEWPORT });
  const page = await context.newPage();
  // Set before the widget mounts (the loader mounts once its module has loaded).
  await context.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const host = document.querySelector('seat-map');
      if (host) { host.setAttribute('level-of-detail', 'seats'); observer.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(arena.instanceId)}`);
  await page.waitForFunction(() => seatmapQueryAll('seat-map [data-seat-id]').length > 0
    && !seatmapQuery('seat-map [data-seat-id][data-state="unknown"]'), null, { timeout: 60_000 });
  const captured = await page.evaluate(() => {
    const svg = seatmapQuery('seat-map [data-testid="seatmap-svg"]');
    const box = svg.getBoundingClientRect();
    const sheets = [...document.querySelector('seat-map').shadowRoot.styleSheets];
    // Throws if a sheet's rules cannot be read (the CDN must send CORS headers, as the demo's does).
    const css = sheets.map((s) => [...s.cssRules].map((r) => r.cssText).join('\n')).join('\n');
    return { svg: svg.outerHTML, width: box.width, height: box.height, css, seats: seatmapQueryAll('seat-map [data-seat-id]').length };
  });
  await context.close();
  return captured;
}

/** The markup and stylesheet variants, each derived from what the widget drew. */
function variants({ svg, css }) {
  const outlines = [...svg.matchAll(/<path [^>]*? d="([^"]*)"/g)].map((m) => m[1]);
  const svgOpen = svg.match(/^<svg[^>]*>/)[0];
  const bare = svgOpen + outlines.map((d) => `<path d="${d}"/>`).join('') + '</svg>';
  // The band and state colours the stylesheet gives through custom properties, as the light scheme resolves them.
  const literal = css.replace(/var\(--sm-(band-\d|muted|unavailable|held|basket)\)/g, (all, name) => ({
    'band-0': '#0072b2', 'band-1': '#e69f00', 'band-2': '#009e73', 'band-3': '#cc79a7', 'band-4': '#56b4e9', 'band-5': '#d55e00',
    'band-6': '#8c6d31', 'band-7': '#5e4fa2', muted: '#5f6368', unavailable: '#c4c7cc', held: '#8e9199', basket: '#1b1b1f' })[name] ?? all);
  const strip = (re) => svg.replace(re, '');
  return [
    { name: 'as the widget draws it', markup: svg, css },
    { name: 'seats without data-seat-id', markup: strip(/ data-seat-id="[^"]*"/g), css },
    { name: 'seats without data-state', markup: strip(/ data-state="[^"]*"/g), css },
    { name: 'seats without either data attribute', markup: svg.replace(/ data-seat-id="[^"]*"/g, '').replace(/ data-state="[^"]*"/g, ''), css },
    { name: 'seats without their class', markup: svg.replace(/<path class="[^"]*"/g, '<path'), css },
    { name: 'without row letters and labels (`text` elements)', markup: strip(/<text[\s\S]*?<\/text>/g), css },
    { name: 'colours as literal values, not var()', markup: svg, css: literal },
    { name: 'bare paths, in the shadow root with the stylesheet', markup: bare, css },
    { name: 'floor: bare paths, no shadow root, no stylesheet', markup: bare, css: null },
  ];
}

/** Main-thread CPU ms by phase (and wall ms) from setting `markup` until the second frame after. */
async function measure(browser, { markup, css }, { width, height }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto('about:blank');
  await page.evaluate(({ css, width, height }) => new Promise((ready) => {
    document.body.style.margin = '0';
    const host = document.createElement('div');
    document.body.append(host);
    let root = host;
    if (css !== null) {
      root = host.attachShadow({ mode: 'open' });
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    }
    const box = document.createElement('div');
    box.className = 'seatmap';
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
    root.append(box);
    window.benchBox = box;
    requestAnimationFrame(() => requestAnimationFrame(ready));
  }), { css, width, height });
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  const wall = await page.evaluate((markup) => new Promise((done) => {
    const t0 = performance.now();
    window.benchBox.innerHTML = markup;
    requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  }), markup);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  const thread = events.find((e) => e.name === 'ParseHTML')?.tid;
  const cpu = Object.fromEntries(PHASES.map((p) => [p, 0]));
  for (const e of events) if (e.ph === 'X' && e.tid === thread && e.name in cpu) cpu[e.name] += (e.tdur ?? e.dur) / 1000;
  return { wall, cpu, total: PHASES.reduce((sum, p) => sum + cpu[p], 0) };
}

async function main() {
  await h.startServers();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const captured = await capture(browser);
    log(`captured the arena: ${captured.seats} seats, ${(captured.svg.length / 1e6).toFixed(2)} MB of SVG`);
    const all = variants(captured).map((v) => ({ ...v, runs: [] }));
    for (let round = 0; round < RUNS; round++) {
      for (const v of all) v.runs.push(await measure(browser, v, captured));
      log(`round ${round + 1} of ${RUNS}`);
    }
    const floor = median(all.at(-1).runs.map((r) => r.total));
    console.log(`## Seat markup against the floor — ${new Date().toISOString()}`);
    console.log(`The arena (${captured.seats} seats drawn); ${RUNS} rounds; main-thread CPU ms, median; innerHTML → second frame.\n`);
    console.log(`| variant | MB | ${PHASES.join(' | ')} | CPU total | × floor | wall ms |`);
    console.log(`| --- | ---: | ${PHASES.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`);
    for (const v of all) {
      const m = (f) => median(v.runs.map(f)).toFixed(1);
      const total = median(v.runs.map((r) => r.total));
      console.log(`| ${v.name} | ${(v.markup.length / 1e6).toFixed(2)} | ${PHASES.map((p) => m((r) => r.cpu[p])).join(' | ')} | ${total.toFixed(1)} | ${(total / floor).toFixed(2)}× | ${m((r) => r.wall)} |`);
    }
  } finally {
    await browser.close();
    await h.stopServers();
  }
}

await main();
