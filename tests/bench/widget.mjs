// Widget benchmark: PRINTS numbers, asserts nothing about timings.
// Drives the built widget (dist/) in headless Chromium against the real
// sandbox and demo venue site (started by the e2e harness on
// SEATMAP_E2E_PORT_BASE ports), for the theatre (~1,100 seats) and the
// arena (~20,000 seats):
//   1. data-ready -> interactive: status/detail responseEnd -> all seats in
//      the DOM -> next painted frame (double rAF); also navigation start -> interactive
//   2. a poll that sells 5% of the available seats: that status/detail's
//      responseEnd -> last sold seat shows data-state="unavailable" -> painted
//   3. click -> data-state="selected" -> painted (median of CLICKS clicks)
//   4. DOM nodes per seat
//   5. wasm / glue / loader sizes (raw and gzip -9)
// Times are performance.now() in the page. "painted" = the second rAF after
// the DOM change (as asked); "frame done" = a message posted from the first
// rAF, which runs once the main thread has finished that frame's
// style/layout/paint (a tighter bound: double rAF adds up to a frame of wait).
//
// Env: BENCH_RUNS (page loads per venue, 5), BENCH_CLICKS (20),
//      BENCH_VENUES (theatre,arena), BENCH_TRACE=1 (one extra traced load+poll
//      per venue, main-thread breakdown printed), BENCH_JSON=file (raw results).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import * as h from '../e2e/harness.mjs';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const DIST = path.resolve(ROOT, process.env.SEATMAP_E2E_DIST ?? 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 20);
const VENUES = (process.env.BENCH_VENUES ?? 'theatre,arena').split(',');
const TRACE = process.env.BENCH_TRACE === '1';
const STEP_TIMEOUT = 30_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// The harness's Chromium flags, plus: no name resolves except loopback, no
// proxy (the page only talks to the local site and sandbox anyway; Playwright
// request interception would add latency to every request, so it is not used).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-proxy-server',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];
const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, timeout: STEP_TIMEOUT });
const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const max = (xs) => (xs.length ? Math.max(...xs) : NaN);
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const withTimeout = (p, ms, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timed out: ${what}`)), ms).unref())]);

// Installed before any page script: records when the full seat set lands in
// the DOM, then the frame timings after it; buffers long tasks / long
// animation frames.
function initScript(expected) {
  const frames = (t0, done) => {
    requestAnimationFrame((r1) => {
      const raf1 = performance.now();
      const ch = new MessageChannel();
      let frameDone;
      ch.port1.onmessage = () => { frameDone = performance.now(); };
      ch.port2.postMessage(0);
      requestAnimationFrame(() => {
        const raf2 = performance.now();
        // frameDone normally ran before raf2; if not, wait a tick for it.
        const finish = () => done({ t0, raf1, frameDone: frameDone ?? raf2, raf2 });
        if (frameDone === undefined) setTimeout(finish, 0); else finish();
      });
    });
  };
  window.__benchFrames = frames;
  window.__bench = { expected, longtasks: [], loafs: [] };
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch { /* unsupported */ }
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__bench.loafs.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
        render: e.renderStart, styleLayout: e.styleAndLayoutStart,
        scripts: (e.scripts ?? []).map((s) => ({ invoker: s.invoker, type: s.invokerType, duration: s.duration, start: s.startTime })) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch { /* unsupported */ }
  const mo = new MutationObserver(() => {
    if (window.__bench.domAt !== undefined) return;
    const t = performance.now();
    const group = seatmapQuery('seat-map g.seatmap-seats');
    if (!group || !group.firstElementChild) return; // cheap pre-check
    if (seatmapQueryAll('seat-map [data-seat-id]').length !== expected) return;
    window.__bench.domAt = t;
    mo.disconnect();
    frames(t, (r) => { window.__bench.load = r; performance.mark('bench:interactive'); });
  });
  mo.observe(document, { childList: true, subtree: true });
}

async function openPage(browser, perf, expected) {
  const context = await h.newContext(browser);
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { const u = new URL(r.url()); if (!LOOPBACK.has(u.hostname) && u.protocol.startsWith('http')) errors.push(`non-loopback request ${r.url()}`); });
  await context.addInitScript(initScript, expected);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // A long poll interval: only our refresh() triggers polls.
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(perf.instanceId)}?poll-interval=600`);
  return { context, page, cdp, errors };
}

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
const metricDelta = (a, b) => ({
  task: (b.TaskDuration - a.TaskDuration) * 1000,
  script: (b.ScriptDuration - a.ScriptDuration) * 1000,
  style: (b.RecalcStyleDuration - a.RecalcStyleDuration) * 1000,
  layout: (b.LayoutDuration - a.LayoutDuration) * 1000,
});

async function measureLoad(page) {
  await page.waitForFunction(() => window.__bench.load, null, { timeout: STEP_TIMEOUT });
  return page.evaluate(() => {
    const res = performance.getEntriesByType('resource');
    const status = res.filter((e) => e.name.includes('status/detail')).sort((a, b) => a.startTime - b.startTime)[0];
    const api = res.filter((e) => e.name.includes('/api/v3/'));
    const lastApi = api.reduce((m, e) => Math.max(m, e.responseEnd), 0);
    const wasm = res.find((e) => e.name.endsWith('.wasm'));
    const plan = res.find((e) => /\/plans\//.test(e.name));
    const b = window.__bench;
    return {
      statusEnd: status?.responseEnd, statusStart: status?.startTime, lastApiEnd: lastApi, planEnd: plan?.responseEnd,
      wasmEnd: wasm?.responseEnd, domAt: b.domAt, ...b.load,
      apiRequests: api.map((e) => ({ url: e.name.replace(/^.*\/api\/v3\//, ''), start: e.startTime, end: e.responseEnd, size: e.encodedBodySize })),
    };
  });
}

/** Picks `n` ids spread evenly through `ids`. */
const spread = (ids, n) => { const out = []; for (let i = 0; i < n; i++) out.push(ids[Math.floor((i * ids.length) / n)]); return out; };

async function availableInDom(page, ids) {
  return page.evaluate((ids) => ids.filter((id) => seatmapQuery(`seat-map g.seatmap-seats [data-seat-id="${CSS.escape(id)}"]`)?.getAttribute('data-state') === 'available'), ids);
}

async function measurePoll(page, cdp, perf) {
  const letters = await h.anonymousLetters(perf.instanceId);
  const availableIds = [...letters].filter(([, s]) => s.status === 'A').map(([id]) => id);
  const target = Math.ceil(availableIds.length * 0.05);
  const picked = await availableInDom(page, spread(availableIds, target));
  await page.evaluate((ids) => {
    const pending = new Set(ids);
    const els = ids.map((id) => seatmapQuery(`seat-map g.seatmap-seats [data-seat-id="${CSS.escape(id)}"]`));
    window.__poll = { count: ids.length };
    const mo = new MutationObserver(() => {
      const t = performance.now();
      for (const el of els) if (pending.has(el.dataset.seatId) && el.getAttribute('data-state') === 'unavailable') pending.delete(el.dataset.seatId);
      if (pending.size === 0) {
        mo.disconnect();
        window.__poll.domAt = t;
        window.__benchFrames(t, (r) => { window.__poll.frames = r; performance.mark('bench:poll-painted'); });
      }
    });
    mo.observe(seatmapQuery('seat-map g.seatmap-seats'), { attributes: true, attributeFilter: ['data-state'], subtree: true });
  }, picked);
  await h.control(`instances/${perf.instanceId}/sell`, { seats: picked });
  const before = await metrics(cdp);
  await page.evaluate(() => { window.__poll.calledAt = performance.now(); document.querySelector('seat-map').refresh(); });
  await page.waitForFunction(() => window.__poll.frames, null, { timeout: STEP_TIMEOUT });
  const after = await metrics(cdp);
  const r = await page.evaluate(() => {
    const p = window.__poll;
    const status = performance.getEntriesByType('resource').filter((e) => e.name.includes('status/detail') && e.startTime >= p.calledAt)
      .sort((a, b) => a.startTime - b.startTime)[0];
    const inWindow = (e) => e.start + e.duration >= status.responseEnd && e.start <= p.frames.raf2;
    return { count: p.count, calledAt: p.calledAt, statusStart: status?.startTime, statusEnd: status?.responseEnd, size: status?.encodedBodySize,
      domAt: p.domAt, ...p.frames,
      longtasks: window.__bench.longtasks.filter(inWindow), loafs: window.__bench.loafs.filter(inWindow) };
  });
  return { ...r, cdp: metricDelta(before, after) };
}

async function measureClicks(page, cdp, perf, n = CLICKS) {
  const letters = await h.anonymousLetters(perf.instanceId);
  const availableIds = [...letters].filter(([, s]) => s.status === 'A').map(([id]) => id);
  const ids = (await availableInDom(page, spread(availableIds, n * 3))).filter((_, i) => i % 3 === 1).slice(0, n);
  const out = [];
  for (const id of ids) {
    const before = await metrics(cdp);
    const r = await withTimeout(page.evaluate((id) => new Promise((resolve) => {
      const el = seatmapQuery(`seat-map g.seatmap-seats [data-seat-id="${CSS.escape(id)}"]`);
      let t0;
      const mo = new MutationObserver(() => {
        if (el.getAttribute('data-state') !== 'selected') return;
        const t = performance.now();
        mo.disconnect();
        window.__benchFrames(t0, (fr) => resolve({ ...fr, domAt: t }));
      });
      mo.observe(el, { attributes: true, attributeFilter: ['data-state'] });
      t0 = performance.now();
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    }), id), STEP_TIMEOUT, `click ${id}`);
    const after = await metrics(cdp);
    out.push({ id, ...r, cdp: metricDelta(before, after) });
    // Toggle back and let the page settle.
    await page.evaluate((id) => seatmapQuery(`seat-map g.seatmap-seats [data-seat-id="${CSS.escape(id)}"]`)
      .dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window })), id);
    await page.waitForFunction((id) => seatmapQuery(`seat-map g.seatmap-seats [data-seat-id="${CSS.escape(id)}"]`).getAttribute('data-state') === 'available', id, { timeout: STEP_TIMEOUT });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return out;
}

async function domCounts(page) {
  return page.evaluate(() => {
    // The widget renders in the element's shadow root.
    const host = document.querySelector('seat-map').shadowRoot;
    const svg = host.querySelector('g.seatmap-seats').closest('svg');
    let nodes = 0;
    const walker = document.createTreeWalker(host, NodeFilter.SHOW_ALL);
    while (walker.nextNode()) nodes++;
    return {
      svgElements: svg.getElementsByTagName('*').length,
      svgNodes: (() => { let n = 0; const w = document.createTreeWalker(svg, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; })(),
      hostElements: host.querySelectorAll('*').length,
      hostNodes: nodes,
      seats: host.querySelectorAll('g.seatmap-seats [data-seat-id]').length,
      documentElements: document.getElementsByTagName('*').length,
    };
  });
}

/** Main-thread time by trace event name within [from, to] (page performance.now() ms). */
function summarizeTrace(file, from, to, anchorMark, anchorTime) {
  const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
  const mainTids = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const mark = traceEvents.find((e) => e.name === anchorMark && e.cat?.includes('blink.user_timing'));
  if (!mark) return null;
  const offset = mark.ts - anchorTime * 1000; // trace µs = performance ms * 1000 + offset
  const a = from * 1000 + offset, b = to * 1000 + offset;
  const pid = mark.pid;
  const sums = new Map();
  let busy = 0, longest = 0;
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !mainTids.has(`${e.pid}:${e.tid}`) || e.pid !== pid) continue;
    const s = Math.max(e.ts, a), t = Math.min(e.ts + (e.dur ?? 0), b);
    if (t <= s) continue;
    const d = (t - s) / 1000;
    sums.set(e.name, (sums.get(e.name) ?? 0) + d);
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') { busy += d; longest = Math.max(longest, d); }
  }
  const top = [...sums].sort((x, y) => y[1] - x[1]).slice(0, 18).map(([n, d]) => `${n} ${d.toFixed(1)}`);
  // Busy time per thread (top-level events only) across every process: where the rest goes (raster, GPU/viz, network).
  const names = new Map(traceEvents.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const byThread = new Map();
  for (const e of traceEvents.filter((x) => x.ph === 'X').sort((x, y) => x.ts - y.ts)) {
    const key = `${e.pid}:${e.tid}`;
    const st = byThread.get(key) ?? { end: -Infinity, busy: 0 };
    byThread.set(key, st);
    if (e.ts < st.end) continue; // nested
    st.end = e.ts + (e.dur ?? 0);
    const s = Math.max(e.ts, a), t = Math.min(st.end, b);
    if (t > s) st.busy += (t - s) / 1000;
  }
  const threads = [...byThread].filter(([, v]) => v.busy >= 1).sort((x, y) => y[1].busy - x[1].busy).slice(0, 8)
    .map(([k, v]) => `${names.get(k) ?? k}${k.startsWith(pid + ':') ? '' : ' (other process)'} ${v.busy.toFixed(1)}`);
  return { window: to - from, busy, longestTask: longest, top, threads };
}

async function benchVenue(browser, venue) {
  const perf = await h.instanceOf(venue);
  const expected = (await h.planSeats(perf.planId)).length;
  log(`${venue}: instance ${perf.instanceId}, ${expected} seats`);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    await h.control('reset', {});
    const { context, page, cdp, errors } = await openPage(browser, perf, expected);
    try {
      const load = await measureLoad(page);
      const dom = await domCounts(page);
      const poll = await measurePoll(page, cdp, perf);
      const clicks = i === 0 ? await measureClicks(page, cdp, perf) : [];
      runs.push({ load, dom, poll, clicks, errors });
      log(`${venue} run ${i + 1}: data-ready->interactive ${f1(load.raf2 - load.statusEnd)} ms, nav->interactive ${f1(load.raf2)} ms, ` +
        `poll(${poll.count} seats) ${f1(poll.raf2 - poll.statusEnd)} ms${clicks.length ? `, click median ${f1(median(clicks.map((c) => c.raf2 - c.t0)))} ms` : ''}`);
    } finally {
      await context.close();
    }
  }
  let trace = null;
  if (TRACE) {
    await h.control('reset', {});
    const { context, page, cdp } = await openPage(browser, perf, expected);
    try {
      // Load is measured without tracing; trace one poll and, on a fresh page, the load.
      await measureLoad(page);
      const file = path.join(process.env.BENCH_TRACE_DIR ?? '/tmp', `seatmap-trace-${venue}-poll.json`);
      await browser.startTracing(page, { path: file, categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel'] });
      const poll = await measurePoll(page, cdp, perf);
      await browser.stopTracing();
      const pollMark = await page.evaluate(() => performance.getEntriesByName('bench:poll-painted')[0].startTime);
      trace = { poll: summarizeTrace(file, poll.statusEnd, poll.raf2, 'bench:poll-painted', pollMark) };
      // Three clicks (select only), traced: window from the first dispatch to the last painted frame.
      const cfile = path.join(process.env.BENCH_TRACE_DIR ?? '/tmp', `seatmap-trace-${venue}-clicks.json`);
      await browser.startTracing(page, { path: cfile, categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel'] });
      const clicks = await measureClicks(page, cdp, perf, 3);
      const end = await page.evaluate(() => { performance.mark('bench:clicks-done'); return performance.getEntriesByName('bench:clicks-done')[0].startTime; });
      await browser.stopTracing();
      trace.clicks = clicks.map((c) => summarizeTrace(cfile, c.t0, c.raf2, 'bench:clicks-done', end));
    } finally { await context.close(); }
    await h.control('reset', {});
    const ctx2 = await h.newContext(browser);
    const page2 = await ctx2.newPage();
    try {
      await ctx2.addInitScript(initScript, expected);
      const file = path.join(process.env.BENCH_TRACE_DIR ?? '/tmp', `seatmap-trace-${venue}-load.json`);
      await page2.goto('about:blank');
      await browser.startTracing(page2, { path: file, categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'toplevel'] });
      await page2.goto(`${h.SITE}/performance/${encodeURIComponent(perf.instanceId)}?poll-interval=600`);
      const load = await measureLoad(page2);
      await browser.stopTracing();
      const mark = await page2.evaluate(() => performance.getEntriesByName('bench:interactive')[0].startTime);
      trace.load = summarizeTrace(file, load.statusEnd, load.raf2, 'bench:interactive', mark);
      trace.loadFromNav = summarizeTrace(file, 0, load.raf2, 'bench:interactive', mark);
      trace.loadTimes = load;
    } finally { await ctx2.close(); }
  }
  return { venue, instanceId: perf.instanceId, seats: expected, runs, trace };
}

function sizes() {
  const files = ['seatmap-widget_bg.wasm', 'seatmap-widget.js', 'seatmap.js', 'seatmap.css'];
  return Object.fromEntries(files.map((f) => {
    const file = path.join(DIST, f);
    const raw = fs.statSync(file).size;
    let gz;
    try { gz = execFileSync('gzip', ['-9c', file], { maxBuffer: 64 << 20 }).length; } catch { gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length; }
    return [f, { raw, gzip: gz }];
  }));
}

function report(results, size) {
  const out = [];
  const row = (...c) => out.push(`| ${c.join(' | ')} |`);
  out.push(`## Widget (headless Chromium) — ${new Date().toISOString()}`);
  out.push(`runs per venue: ${RUNS}; clicks: ${CLICKS} (first page load only); times in ms, median / max`);
  out.push('');
  row('measure', ...results.map((r) => `${r.venue} (${r.seats} seats)`));
  row('---', ...results.map(() => '---:'));
  const mm = (xs) => `${f1(median(xs))} / ${f1(max(xs))}`;
  const pick = (fn) => results.map((r) => mm(r.runs.map(fn)));
  const pickClicks = (fn) => results.map((r) => mm(r.runs.flatMap((x) => x.clicks).map(fn)));
  row('status/detail responseEnd → all seats in DOM', ...pick((x) => x.load.domAt - x.load.statusEnd));
  row('status/detail responseEnd → interactive (double rAF)', ...pick((x) => x.load.raf2 - x.load.statusEnd));
  row('status/detail responseEnd → frame done (rAF+message)', ...pick((x) => x.load.frameDone - x.load.statusEnd));
  row('last API response → interactive (double rAF)', ...pick((x) => x.load.raf2 - x.load.lastApiEnd));
  row('navigation start → interactive (double rAF)', ...pick((x) => x.load.raf2));
  row('navigation start → status/detail responseEnd', ...pick((x) => x.load.statusEnd));
  row('navigation start → wasm responseEnd', ...pick((x) => x.load.wasmEnd));
  row('poll: seats sold (5% of available)', ...results.map((r) => String(r.runs[0].poll.count)));
  row('poll: responseEnd → last sold seat in DOM', ...pick((x) => x.poll.domAt - x.poll.statusEnd));
  row('poll: responseEnd → painted (double rAF)', ...pick((x) => x.poll.raf2 - x.poll.statusEnd));
  row('poll: responseEnd → frame done (rAF+message)', ...pick((x) => x.poll.frameDone - x.poll.statusEnd));
  row('poll: refresh() → status/detail responseEnd', ...pick((x) => x.poll.statusEnd - x.poll.calledAt));
  row('poll: main-thread busy, refresh() → painted (CDP TaskDuration)', ...pick((x) => x.poll.cdp.task));
  row('poll: of which script (CDP ScriptDuration)', ...pick((x) => x.poll.cdp.script));
  row('poll: of which style + layout', ...pick((x) => x.poll.cdp.style + x.poll.cdp.layout));
  row('poll: long tasks (≥50 ms) in window, total', ...pick((x) => x.poll.longtasks.reduce((s, e) => s + e.duration, 0)));
  row('click: dispatch → data-state=selected', ...pickClicks((c) => c.domAt - c.t0));
  row('click: dispatch → painted (double rAF)', ...pickClicks((c) => c.raf2 - c.t0));
  row('click: dispatch → frame done (rAF+message)', ...pickClicks((c) => c.frameDone - c.t0));
  row('click: main-thread busy (CDP TaskDuration)', ...pickClicks((c) => c.cdp.task));
  const d = (r) => r.runs[0].dom;
  row('DOM: elements in map svg', ...results.map((r) => String(d(r).svgElements)));
  row('DOM: elements in map svg per seat', ...results.map((r) => (d(r).svgElements / r.seats).toFixed(3)));
  row('DOM: nodes in map svg per seat (incl. text)', ...results.map((r) => (d(r).svgNodes / r.seats).toFixed(3)));
  row('DOM: elements / nodes in seat-map', ...results.map((r) => `${d(r).hostElements} / ${d(r).hostNodes}`));
  row('DOM: nodes in seat-map per seat', ...results.map((r) => (d(r).hostNodes / r.seats).toFixed(3)));
  out.push('');
  out.push('| file | raw bytes | gzip -9 bytes |');
  out.push('| --- | ---: | ---: |');
  for (const [f, s] of Object.entries(size)) out.push(`| ${f} | ${s.raw} (${(s.raw / 1024).toFixed(1)} KiB) | ${s.gzip} (${(s.gzip / 1024).toFixed(1)} KiB) |`);
  for (const r of results) {
    const errs = r.runs.flatMap((x) => x.errors);
    if (errs.length) out.push(`\n${r.venue}: page errors: ${errs.join('; ')}`);
    const loafs = r.runs.flatMap((x) => x.poll.loafs);
    if (loafs.length) out.push(`\n${r.venue}: long animation frames during polls: ${loafs.map((l) => `${f1(l.duration)} ms (blocking ${f1(l.blocking)})`).join(', ')}`);
    if (r.trace) {
      const t = r.trace;
      const clickEntries = Object.fromEntries((t.clicks ?? []).map((c, i) => [`click ${i + 1}`, c]));
      for (const [k, v] of Object.entries({ load: t.load, loadFromNav: t.loadFromNav, poll: t.poll, ...clickEntries })) {
        if (!v) { out.push(`\n${r.venue} trace ${k}: no anchor mark found`); continue; }
        out.push(`\n${r.venue} trace ${k} (window ${f1(v.window)} ms, main thread busy ${f1(v.busy)} ms, longest task ${f1(v.longestTask)} ms):`);
        out.push('  ' + v.top.join('; '));
        out.push('  busy by thread: ' + v.threads.join('; '));
      }
      if (t.loadTimes) out.push(`  traced load: responseEnd→interactive ${f1(t.loadTimes.raf2 - t.loadTimes.statusEnd)} ms; API: ` +
        t.loadTimes.apiRequests.map((a) => `${a.url.split('?')[0]} ${f1(a.start)}→${f1(a.end)} (${a.size} B)`).join(', '));
    }
  }
  return out.join('\n');
}

async function main() {
  const hard = setTimeout(() => { log('overall time limit reached'); process.exit(2); }, Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000));
  hard.unref();
  log(`starting servers on port base ${h.PORTS.site}`);
  await h.startServers();
  let browser;
  try {
    browser = await launch();
    log(`chromium ${browser.version()}`);
    const results = [];
    for (const venue of VENUES) results.push(await benchVenue(browser, venue));
    const size = sizes();
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ results, size }, null, 1));
    console.log(report(results, size));
  } finally {
    await browser?.close().catch(() => {});
    await h.stopServers();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); h.stopServers().finally(() => process.exit(1)); });
