// Widget benchmark: PRINTS numbers, asserts nothing about timings.
//
// Drives the built widget (dist/) in headless Chromium against the real
// sandbox and demo venue site (started by the e2e harness on
// SEATMAP_E2E_PORT_BASE ports) and, in the same run, the FLOOR: a blank page
// that sets one SVG string of N bare `<path d>` elements with innerHTML —
// the same seats' outlines as the widget draws them, the same viewBox and
// the same size on screen, nothing else (no wasm, no classes, no styles,
// no attributes). Every widget figure is printed as absolute ms and as a
// ratio to the floor for the same seats.
//
// The widget's loads and the floor's draws take turns (W F W F …), so the
// drift of a shared machine over the minutes a scenario takes falls on both.
//
// Scenarios (each a fresh page, sandbox reset before each load):
//   theatre            the theatre (opens on its seats)
//   arena-seats        the arena with every seat drawn (bench-only attribute
//                      level-of-detail="seats", set before the widget mounts)
//   arena-overview     the arena as buyers get it: areas, no seats
//   arena-zoom         from the overview, a click on one area until its
//                      seats are painted (floor: those seats, bare)
// Measures: data → painted (data = the last of the four reads the map
// needs: instance, plan, price list, status/detail), status → painted,
// navigation → painted (cold: new context, nothing cached), a poll that
// sells 5 % of the available seats (→ painted), clicks (→ painted), DOM
// and accessibility-tree counts, a keyboard walk, JS heap + wasm linear
// memory, the plan's and status's bytes on the wire (gzip), file sizes.
// "painted" = the second requestAnimationFrame after the DOM change.
//
// Env: BENCH_RUNS (loads per scenario, 5), BENCH_CLICKS (20),
//      BENCH_SCENARIOS (theatre,arena-seats,arena-overview,arena-zoom),
//      BENCH_JSON=file (raw results).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import * as h from '../e2e/harness.mjs';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const DIST = path.resolve(ROOT, process.env.SEATMAP_E2E_DIST ?? 'dist');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLICKS = Number(process.env.BENCH_CLICKS ?? 20);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'theatre,arena-seats,arena-overview,arena-zoom').split(',');
const STEP_TIMEOUT = 60_000;
const VIEWPORT = { width: 1280, height: 900 };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
// The harness's Chromium flags, plus: no name resolves except loopback, no proxy.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-proxy-server', '--enable-precise-memory-info',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1'];
const launch = () => chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS, timeout: STEP_TIMEOUT });
const log = (...a) => console.error('[bench]', ...a);
const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); const n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : NaN; };
const max = (xs) => { const s = xs.filter(Number.isFinite); return s.length ? Math.max(...s) : NaN; };
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const withTimeout = (p, ms, what) => Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(`timed out: ${what}`)), ms).unref())]);

// ---------------------------------------------------------------- in the page

// Installed before any page script. Watches the map (inside its shadow root
// when it has one) and records when it first shows what `expect` asks for:
// {seats: N} (N seat elements) or {areas: N} (N area shapes), then the
// frame timings after it. `attributes` are set on <seat-map> before the
// widget mounts (the loader mounts after its module has loaded).
function initScript({ expect, attributes }) {
  const frames = (t0, done) => {
    requestAnimationFrame(() => {
      const raf1 = performance.now();
      const channel = new MessageChannel();
      let frameDone;
      channel.port1.onmessage = () => { frameDone = performance.now(); };
      channel.port2.postMessage(0);
      requestAnimationFrame(() => {
        const raf2 = performance.now();
        const finish = () => done({ t0, raf1, frameDone: frameDone ?? raf2, raf2 });
        if (frameDone === undefined) setTimeout(finish, 0); else finish();
      });
    });
  };
  window.__benchFrames = frames;
  window.__bench = { expect };
  window.__mapRoot = () => { const host = document.querySelector('seat-map'); return host && (host.shadowRoot ?? host); };
  const observed = new WeakSet();
  // Seats are counted as they are added (from the mutation records, so the
  // bench does not walk the 20,000-seat map on every mutation: the floor
  // pays for no observer); only once all are there is the map searched
  // once per mutation batch for a seat still unknown.
  // A set, not a count: when a subtree and then seats inside it are added
  // in one batch, both records see those seats (records are read after the
  // batch), and a count would take them twice.
  const seatsAdded = new Set();
  const seatsIn = (node, add) => {
    if (node.nodeType !== 1) return;
    const change = add ? (el) => seatsAdded.add(el) : (el) => seatsAdded.delete(el);
    if (node.hasAttribute('data-seat-id')) change(node);
    node.querySelectorAll('[data-seat-id]').forEach(change);
  };
  const seatsDrawn = () => {
    if (seatsAdded.size < expect.seats) return false;
    for (const el of seatsAdded) if (!el.isConnected) seatsAdded.delete(el);
    return seatsAdded.size === expect.seats;
  };
  const check = (records = []) => {
    if (window.__bench.domAt !== undefined) return;
    const t = performance.now();
    const root = window.__mapRoot();
    if (!root) return;
    if (root !== document.querySelector('seat-map') && !observed.has(root)) { observed.add(root); mo.observe(root, WATCH); }
    let done;
    if (expect.seats !== undefined) {
      for (const r of records) {
        if (r.type !== 'childList' || !root.contains(r.target)) continue;
        r.addedNodes.forEach((n) => seatsIn(n, true));
        r.removedNodes.forEach((n) => seatsIn(n, false));
      }
      // Drawn with a known state (the map may draw the plan before the status has arrived).
      done = seatsDrawn() && !root.querySelector('[data-seat-id][data-state="unknown"]');
    } else {
      done = root.querySelectorAll('[data-area-outline]').length === expect.areas && !root.querySelector('[data-area-outline][data-state="unknown"]');
    }
    if (!done) return;
    window.__bench.domAt = t;
    mo.disconnect();
    frames(t, (r) => { window.__bench.load = r; });
  };
  const WATCH = { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] };
  const mo = new MutationObserver(check);
  mo.observe(document, WATCH);
  // Attaching a shadow root mutates nothing the document observer sees: watch each new root as it is attached.
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attachShadow.call(this, init);
    if (this.localName === 'seat-map' && !observed.has(root)) { observed.add(root); mo.observe(root, WATCH); }
    return root;
  };
  if (attributes) {
    document.addEventListener('DOMContentLoaded', () => {
      const host = document.querySelector('seat-map');
      for (const [k, v] of Object.entries(attributes)) host?.setAttribute(k, v);
    });
  }
}

// The floor: one SVG string of bare paths set with innerHTML, then painted.
function floorDraw({ ds, viewBox, width, height }) {
  document.body.style.margin = '0';
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', viewBox);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  document.body.append(svg);
  const markup = ds.map((d) => `<path d="${d}"/>`).join('');
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const t0 = performance.now();
    svg.innerHTML = markup;
    const domAt = performance.now();
    window.__benchFrames(t0, (r) => resolve({ ...r, domAt, bytes: markup.length }));
  })));
}

// ---------------------------------------------------------------- pages

async function openPage(browser, perf, options) {
  const context = await h.newContext(browser, { viewport: VIEWPORT });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => { const u = new URL(r.url()); if (!LOOPBACK.has(u.hostname) && u.protocol.startsWith('http')) errors.push(`non-loopback request ${r.url()}`); });
  await context.addInitScript(initScript, options);
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
    const first = (re) => res.filter((e) => re.test(e.name)).sort((a, b) => a.startTime - b.startTime)[0];
    const status = first(/status\/detail/);
    const plan = first(/\/plans\//);
    const prices = first(/price-list/);
    const instance = first(/\/instances\/[^/?]+(\?|$)/);
    const wasm = res.find((e) => e.name.endsWith('.wasm'));
    const b = window.__bench;
    return {
      statusEnd: status?.responseEnd, planEnd: plan?.responseEnd, pricesEnd: prices?.responseEnd, instanceEnd: instance?.responseEnd,
      dataEnd: Math.max(status?.responseEnd ?? NaN, plan?.responseEnd ?? NaN, prices?.responseEnd ?? NaN, instance?.responseEnd ?? NaN),
      wasmEnd: wasm?.responseEnd, domAt: b.domAt, ...b.load,
    };
  });
}

/** What the map shows now: its viewBox and size, and every seat's outline (by id). */
async function mapGeometry(page) {
  return page.evaluate(() => {
    const root = window.__mapRoot();
    const svg = root.querySelector('[data-testid="seatmap-svg"]');
    const r = svg.getBoundingClientRect();
    const seats = [...root.querySelectorAll('[data-seat-id]')].map((e) => [e.getAttribute('data-seat-id'), e.getAttribute('d'), e.getAttribute('data-state')]);
    return { viewBox: svg.getAttribute('viewBox'), width: r.width, height: r.height, seats };
  });
}

/** Picks `n` items spread evenly through `items`. */
const spread = (items, n) => { const out = []; for (let i = 0; i < n; i++) out.push(items[Math.floor((i * items.length) / n)]); return out; };

async function availableInDom(page, ids) {
  return page.evaluate((ids) => ids.filter((id) => window.__mapRoot().querySelector(`[data-seat-id="${CSS.escape(id)}"]`)?.getAttribute('data-state') === 'available'), ids);
}

async function measurePoll(page, cdp, perf) {
  const letters = await h.anonymousLetters(perf.instanceId);
  const availableIds = [...letters].filter(([, s]) => s.status === 'A').map(([id]) => id);
  const picked = await availableInDom(page, spread(availableIds, Math.ceil(availableIds.length * 0.05)));
  await page.evaluate((ids) => {
    const pending = new Set(ids);
    const root = window.__mapRoot();
    const els = ids.map((id) => root.querySelector(`[data-seat-id="${CSS.escape(id)}"]`));
    window.__poll = { count: ids.length };
    const mo = new MutationObserver(() => {
      const t = performance.now();
      for (const el of els) if (pending.has(el.getAttribute('data-seat-id')) && el.getAttribute('data-state') === 'unavailable') pending.delete(el.getAttribute('data-seat-id'));
      if (pending.size === 0) {
        mo.disconnect();
        window.__poll.domAt = t;
        window.__benchFrames(t, (r) => { window.__poll.frames = r; });
      }
    });
    mo.observe(root.querySelector('[data-testid="seatmap-svg"]'), { attributes: true, attributeFilter: ['data-state'], subtree: true });
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
    return { count: p.count, calledAt: p.calledAt, statusEnd: status?.responseEnd, domAt: p.domAt, ...p.frames };
  });
  return { ...r, ids: picked, cdp: metricDelta(before, after) };
}

async function clickOnce(page, id, want) {
  return withTimeout(page.evaluate(([id, want]) => new Promise((resolve) => {
    const el = window.__mapRoot().querySelector(`[data-seat-id="${CSS.escape(id)}"]`);
    let t0;
    const mo = new MutationObserver(() => {
      if (el.getAttribute('data-state') !== want) return;
      const t = performance.now();
      mo.disconnect();
      window.__benchFrames(t0, (fr) => resolve({ ...fr, domAt: t }));
    });
    mo.observe(el, { attributes: true, attributeFilter: ['data-state'] });
    t0 = performance.now();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
  }), [id, want]), STEP_TIMEOUT, `click ${id}`);
}

async function measureClicks(page, cdp, perf, n = CLICKS) {
  const letters = await h.anonymousLetters(perf.instanceId);
  const availableIds = [...letters].filter(([, s]) => s.status === 'A').map(([id]) => id);
  const ids = (await availableInDom(page, spread(availableIds, n * 3))).filter((_, i) => i % 3 === 1).slice(0, n);
  const out = [];
  for (const id of ids) {
    const before = await metrics(cdp);
    const r = await clickOnce(page, id, 'selected');
    const after = await metrics(cdp);
    out.push({ id, ...r, cdp: metricDelta(before, after) });
    await clickOnce(page, id, 'available');
  }
  return out;
}

/** Elements and nodes in the map, and what the accessibility tree holds for it. */
async function domAndAccessibility(page, cdp) {
  const dom = await page.evaluate(() => {
    const root = window.__mapRoot();
    const svg = root.querySelector('[data-testid="seatmap-svg"]');
    const count = (node) => { let n = 0; const w = document.createTreeWalker(node, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; };
    return {
      svgElements: svg.getElementsByTagName('*').length, svgNodes: count(svg),
      hostElements: root.querySelectorAll('*').length, seats: root.querySelectorAll('[data-seat-id]').length,
      markupBytes: svg.innerHTML.length,
    };
  });
  await cdp.send('Accessibility.enable');
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.send('Accessibility.disable');
  const kept = nodes.filter((n) => !n.ignored);
  const roles = {};
  for (const n of kept) roles[n.role?.value] = (roles[n.role?.value] ?? 0) + 1;
  const focusableUnnamed = kept.filter((n) => n.properties?.some((p) => p.name === 'focusable' && p.value?.value) && !(n.name?.value ?? '').trim())
    .map((n) => n.role?.value);
  return { ...dom, axNodes: nodes.length, axKept: kept.length, axRoles: roles, focusableUnnamed };
}

/** Tab into the map, then walk it with the keyboard: ms per key until focus moves, and seats reached. */
async function keyboardWalk(page, keys) {
  const focused = () => page.evaluate(() => window.__mapRoot().activeElement?.getAttribute?.('data-seat-id') ?? document.activeElement?.getAttribute('data-seat-id') ?? null);
  for (let i = 0; i < 40 && !(await focused()); i++) await page.keyboard.press('Tab');
  const start = await focused();
  if (!start) return { reached: 0, perKey: NaN, named: 0 };
  const seen = new Set([start]);
  let named = 0;
  const times = [];
  for (const key of keys) {
    const before = await focused();
    const t0 = Date.now();
    await page.keyboard.press(key);
    await page.waitForFunction((prev) => {
      const el = window.__mapRoot().activeElement ?? document.activeElement;
      return el?.getAttribute?.('data-seat-id') !== prev;
    }, before, { timeout: 2_000 }).catch(() => {});
    times.push(Date.now() - t0);
    const id = await focused();
    if (id) {
      seen.add(id);
      const label = await page.evaluate(() => (window.__mapRoot().activeElement ?? document.activeElement)?.getAttribute('aria-label') ?? '');
      if (label) named++;
    }
  }
  return { reached: seen.size, keys: keys.length, perKey: median(times), named };
}

/** JS heap (after a garbage collection) and the wasm module's linear memory. */
async function memory(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(async () => {
    const loader = [...document.scripts].find((s) => /seatmap\.js$/.test(s.src));
    const glue = await import(new URL('seatmap-widget.js', loader.src).href);
    const exports = await glue.default();
    return exports.memory.buffer.byteLength;
  });
  return { jsHeap: heap.usedSize, wasmMemory: wasm };
}

// ---------------------------------------------------------------- the floor

/**
 * The floor for the outlines `ds` drawn once in `geometry`'s viewBox and
 * size, on a fresh page; `then(page)` measures more on that page before it
 * is closed. The scenarios call it after each of the widget's loads, so
 * the two take turns. One floor page is open at a time, as one widget page
 * is: pages left open (each with its 20,000 paths) slowed the later draws,
 * and the arena's floor came out at ~300 or ~600 ms by turns.
 */
async function floorOnce(browser, geometry, ds, then = async () => {}) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto('about:blank');
    await page.evaluate(initScript, { expect: {} });
    const draw = await page.evaluate(floorDraw, { ds, viewBox: geometry.viewBox, width: geometry.width, height: geometry.height });
    await then(page);
    return draw;
  } finally {
    await context.close();
  }
}

async function floorChange(page, changes) {
  return page.evaluate((changes) => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const paths = document.querySelector('svg').children;
    const t0 = performance.now();
    for (const [i, d] of changes) paths[i].setAttribute('d', d);
    window.__benchFrames(t0, resolve);
  }))), changes);
}

const shapeOf = (d) => d.replace(/^M[^a-zA-Z]*/, '');
const at = (d) => d.match(/^M[^a-zA-Z]*/)[0];

// ---------------------------------------------------------------- scenarios

async function planFacts(perf) {
  const plan = await h.publicApi(`plans/${perf.planId}`);
  const areas = [];
  const walk = (area) => {
    const seats = (area.seats ?? []).map((s) => String(s.id));
    if (seats.length || area.type === 'Unreserved') areas.push({ id: String(area.id), name: area.name, seats });
    for (const a of area.areas ?? []) walk(a);
  };
  walk(plan);
  return { areas, seatCount: areas.reduce((n, a) => n + a.seats.length, 0), reservedAreas: areas.filter((a) => a.seats.length).length };
}

/** Bytes on the wire for one API read, gzip accepted, as a browser would get it. */
function wireBytes(route) {
  return new Promise((resolve, reject) => {
    http.get(h.API + route, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => resolve({ bytes: n, encoding: res.headers['content-encoding'] ?? 'identity' }));
    }).on('error', reject);
  });
}

/**
 * `RUNS` loads of the widget; `after(runs)` runs after each one: the
 * scenarios draw their floor there, so the widget's loads and the floor's
 * draws take turns (W F W F …) and the machine's drift over the minutes a
 * scenario takes falls on both alike.
 */
async function loadRuns(browser, perf, options, extra, after = async () => {}) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    await h.control('reset', {});
    const { context, page, cdp, errors } = await openPage(browser, perf, options);
    try {
      const load = await measureLoad(page);
      const more = extra ? await extra({ page, cdp, first: i === 0, load }) : {};
      runs.push({ load, errors, ...more });
      log(`  run ${i + 1}: data → painted ${f1(load.raf2 - load.dataEnd)} ms, status → painted ${f1(load.raf2 - load.statusEnd)} ms, ` +
        `navigation → painted ${f1(load.raf2)} ms${more.poll ? `, 5 % poll → painted ${f1(more.poll.raf2 - more.poll.statusEnd)} ms` : ''}` +
        `${more.clicks ? `, click median ${f1(median(more.clicks.map((c) => c.raf2 - c.t0)))} ms` : ''}`);
    } finally {
      await context.close();
    }
    await after(runs);
  }
  return runs;
}

async function seatScenario(browser, name, venue, attributes) {
  const perf = await h.instanceOf(venue);
  const facts = await planFacts(perf);
  log(`${name}: instance ${perf.instanceId}, ${facts.seatCount} seats`);
  let geometry;
  // The floor for the same seats, as the widget drew them at first paint,
  // with the first load's poll and clicks: known once that load is done.
  let floorPlan;
  const floorDraws = [], floorPolls = [], floorClicks = [];
  const runs = await loadRuns(browser, perf, { expect: { seats: facts.seatCount }, attributes }, async ({ page, cdp, first }) => {
    const r = {};
    if (first) {
      geometry = await mapGeometry(page);
      r.dom = await domAndAccessibility(page, cdp);
      r.memory = await memory(page, cdp);
      r.walk = await keyboardWalk(page, [...Array(10).fill('ArrowRight'), 'End', 'Home', 'PageDown', 'PageDown', 'ArrowDown', 'PageUp']);
    }
    r.poll = await measurePoll(page, cdp, perf);
    if (first) {
      r.pollGeometry = await mapGeometry(page);
      r.clicks = await measureClicks(page, cdp, perf);
    }
    return r;
  }, async (runs) => {
    floorPlan ??= seatFloorPlan(geometry, runs[0]);
    const { ds, pollChanges, clickChanges } = floorPlan;
    floorDraws.push(await floorOnce(browser, geometry, ds, async (page) => {
      floorPolls.push(await floorChange(page, pollChanges));
      for (const [change, back] of clickChanges) {
        floorClicks.push(await floorChange(page, [change]));
        await floorChange(page, [back]);
      }
    }));
  });
  return { name, venue, perf, facts, runs, geometry, floor: { draws: floorDraws, polls: floorPolls, clicks: floorClicks, seats: floorPlan.ds.length } };
}

/** What the floor draws and changes for a seat scenario, from its first load. */
function seatFloorPlan(geometry, first) {
  const ds = geometry.seats.map(([, d]) => d);
  const index = new Map(geometry.seats.map(([id], i) => [id, i]));
  const after = new Map(first.pollGeometry.seats.map(([id, d]) => [id, d]));
  const pollChanges = first.poll.ids.map((id) => [index.get(id), after.get(id)]);
  // A click changes one seat's outline; the floor changes its path to another shape and back.
  const otherShape = shapeOf(after.get(first.poll.ids[0]));
  const clickChanges = first.clicks.map((c) => c.id).slice(0, 10).map((id) => {
    const i = index.get(id);
    return [[i, at(ds[i]) + otherShape], [i, ds[i]]];
  });
  return { ds, pollChanges, clickChanges };
}

async function overviewScenario(browser, perf, facts, seatsGeometry) {
  const areas = facts.reservedAreas;
  log(`arena-overview: ${areas} areas`);
  // Its floor is every seat of the arena (the goal's reference), drawn by turns with its loads.
  const draws = [];
  const ds = seatsGeometry?.seats.map(([, d]) => d);
  const runs = await loadRuns(browser, perf, { expect: { areas } }, async ({ page, cdp, first }) => {
    if (!first) return {};
    return { dom: await domAndAccessibility(page, cdp), memory: await memory(page, cdp) };
  }, async () => {
    if (seatsGeometry) draws.push(await floorOnce(browser, seatsGeometry, ds));
  });
  return { name: 'arena-overview', runs, floor: seatsGeometry ? { draws, seats: seatsGeometry.seats.length } : undefined };
}

async function zoomScenario(browser, perf, facts) {
  // The area with the most seats, tapped in the overview.
  const area = [...facts.areas].sort((a, b) => b.seats.length - a.seats.length)[0];
  log(`arena-zoom: ${area.name} (${area.seats.length} seats)`);
  const runs = [];
  const draws = [];
  let geometry, ds;
  for (let i = 0; i < RUNS; i++) {
    await h.control('reset', {});
    const { context, page, cdp } = await openPage(browser, perf, { expect: { areas: facts.reservedAreas } });
    try {
      await measureLoad(page);
      const before = await metrics(cdp);
      const r = await withTimeout(page.evaluate(({ areaId, seatIds }) => new Promise((resolve) => {
        const root = window.__mapRoot();
        const shape = root.querySelector(`[data-area-outline="${CSS.escape(areaId)}"]`);
        // The area's seats still to appear, ticked off from the added nodes
        // (not a search of the map per seat per mutation batch, which the floor would not pay).
        const missing = new Set(seatIds);
        const tick = (el) => missing.delete(el.getAttribute('data-seat-id'));
        root.querySelectorAll('[data-seat-id]').forEach(tick);
        let t0;
        const mo = new MutationObserver((records) => {
          for (const r of records) {
            r.addedNodes.forEach((n) => {
              if (n.nodeType !== 1) return;
              if (n.hasAttribute('data-seat-id')) tick(n);
              n.querySelectorAll('[data-seat-id]').forEach(tick);
            });
          }
          if (missing.size) return;
          const t = performance.now();
          mo.disconnect();
          window.__benchFrames(t0, (fr) => resolve({ ...fr, domAt: t, drawn: root.querySelectorAll('[data-seat-id]').length }));
        });
        mo.observe(root, { childList: true, subtree: true });
        t0 = performance.now();
        shape.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
      }), { areaId: area.id, seatIds: area.seats }), STEP_TIMEOUT, 'zoom into an area');
      const after = await metrics(cdp);
      if (i === 0) geometry = await mapGeometry(page);
      runs.push({ ...r, cdp: metricDelta(before, after) });
    } finally {
      await context.close();
    }
    // The floor for the seats this tap drew, by turns with the taps.
    ds ??= geometry.seats.map(([, d]) => d);
    draws.push(await floorOnce(browser, geometry, ds));
  }
  return { name: 'arena-zoom', area: { name: area.name, seats: area.seats.length }, drawn: geometry.seats.length, runs,
    floor: { draws, seats: geometry.seats.length } };
}

/** Navigation → painted with nothing cached (a new context per load). */
async function coldNavigation(browser, perf, options) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    await h.control('reset', {});
    const { context, page } = await openPage(browser, perf, options);
    try { times.push((await measureLoad(page)).raf2); } finally { await context.close(); }
  }
  return times;
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

// ---------------------------------------------------------------- report

function report(results, size, wire) {
  const out = [];
  const mm = (xs) => `${f1(median(xs))} / ${f1(max(xs))}`;
  const ratio = (xs, floorXs) => (median(xs) / median(floorXs)).toFixed(2) + '×';
  const row = (...c) => out.push(`| ${c.join(' | ')} |`);
  out.push(`## Widget against the floor — ${new Date().toISOString()}`);
  out.push(`${RUNS} loads per scenario, ${CLICKS} clicks; ms median / max; ratio = widget median / floor median (same seats, same viewBox and size)`);
  out.push('');
  row('measure', 'seats', 'widget', 'floor', 'ratio');
  row('---', '---:', '---:', '---:', '---:');
  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  const floorPaint = (r) => r.floor.draws.map((d) => d.raf2 - d.t0);
  for (const name of ['theatre', 'arena-seats']) {
    const r = byName[name];
    if (!r) continue;
    const fp = floorPaint(r);
    const seats = r.facts.seatCount;
    row(`${name}: data → painted`, seats, mm(r.runs.map((x) => x.load.raf2 - x.load.dataEnd)), mm(fp), ratio(r.runs.map((x) => x.load.raf2 - x.load.dataEnd), fp));
    row(`${name}: status/detail → painted`, seats, mm(r.runs.map((x) => x.load.raf2 - x.load.statusEnd)), mm(fp), ratio(r.runs.map((x) => x.load.raf2 - x.load.statusEnd), fp));
    const polls = r.runs.map((x) => x.poll.raf2 - x.poll.statusEnd);
    const fpolls = r.floor.polls.map((p) => p.raf2 - p.t0);
    row(`${name}: 5 % change (${r.runs[0].poll.count} seats) → painted`, seats, mm(polls), mm(fpolls), ratio(polls, fpolls));
    const clicks = r.runs.flatMap((x) => x.clicks ?? []).map((c) => c.raf2 - c.t0);
    const fclicks = r.floor.clicks.map((c) => c.raf2 - c.t0);
    row(`${name}: click → painted`, seats, mm(clicks), mm(fclicks), ratio(clicks, fclicks));
  }
  const overview = byName['arena-overview'];
  if (overview?.floor) {
    const fp = floorPaint(overview);
    const xs = overview.runs.map((x) => x.load.raf2 - x.load.dataEnd);
    row('arena-overview: data → painted (ratio to the all-seats floor)', overview.floor.seats, mm(xs), mm(fp), ratio(xs, fp));
  }
  const zoom = byName['arena-zoom'];
  if (zoom) {
    const fp = floorPaint(zoom);
    const xs = zoom.runs.map((x) => x.raf2 - x.t0);
    row(`arena-zoom: tap on ${zoom.area.name} → its seats painted (${zoom.drawn} drawn)`, zoom.drawn, mm(xs), mm(fp), ratio(xs, fp));
  }
  out.push('');
  row('more', ...results.map((r) => r.name));
  row('---', ...results.map(() => '---:'));
  const each = (fn) => results.map((r) => { try { return fn(r); } catch { return ''; } });
  row('navigation → painted (cold, new context)', ...each((r) => r.cold ? mm(r.cold) : mm(r.runs.map((x) => x.load.raf2))));
  row('navigation → data (last of the four reads)', ...each((r) => r.runs[0].load ? mm(r.runs.map((x) => x.load.dataEnd)) : ''));
  row('navigation → wasm responseEnd', ...each((r) => r.runs[0].load ? mm(r.runs.map((x) => x.load.wasmEnd)) : ''));
  row('data → all drawn in the DOM', ...each((r) => r.runs[0].load ? mm(r.runs.map((x) => x.load.domAt - x.load.dataEnd)) : ''));
  row('poll: responseEnd → last sold seat in the DOM', ...each((r) => r.runs[0].poll ? mm(r.runs.map((x) => x.poll.domAt - x.poll.statusEnd)) : ''));
  row('poll: main thread (CDP TaskDuration), refresh() → painted', ...each((r) => r.runs[0].poll ? mm(r.runs.map((x) => x.poll.cdp.task)) : ''));
  row('click: dispatch → data-state=selected', ...each((r) => r.runs[0].clicks ? mm(r.runs[0].clicks.map((c) => c.domAt - c.t0)) : ''));
  row('click: main thread (CDP TaskDuration)', ...each((r) => r.runs[0].clicks ? mm(r.runs[0].clicks.map((c) => c.cdp.task)) : ''));
  row('zoom: main thread (CDP TaskDuration)', ...each((r) => r.name === 'arena-zoom' ? mm(r.runs.map((x) => x.cdp.task)) : ''));
  const first = (r) => r.runs[0];
  row('DOM: elements in the map svg / per seat drawn', ...each((r) => first(r).dom ? `${first(r).dom.svgElements} / ${(first(r).dom.svgElements / Math.max(1, first(r).dom.seats)).toFixed(3)}` : ''));
  row('DOM: map svg markup bytes / per seat drawn', ...each((r) => first(r).dom ? `${first(r).dom.markupBytes} / ${(first(r).dom.markupBytes / Math.max(1, first(r).dom.seats)).toFixed(0)}` : ''));
  row('floor markup bytes / per seat', ...each((r) => r.floor?.draws?.[0] ? `${r.floor.draws[0].bytes} / ${(r.floor.draws[0].bytes / r.floor.seats).toFixed(0)}` : ''));
  row('accessibility tree: nodes / not ignored', ...each((r) => first(r).dom ? `${first(r).dom.axNodes} / ${first(r).dom.axKept}` : ''));
  row('accessibility tree: roles (not ignored)', ...each((r) => first(r).dom ? Object.entries(first(r).dom.axRoles).filter(([, n]) => n > 1).map(([k, n]) => `${k} ${n}`).join(', ') : ''));
  row('accessibility tree: focusable without a name', ...each((r) => first(r).dom ? String(first(r).dom.focusableUnnamed.length) + (first(r).dom.focusableUnnamed.length ? ` (${first(r).dom.focusableUnnamed.join(', ')})` : '') : ''));
  row('keyboard walk: keys / distinct seats / named / ms per key', ...each((r) => first(r).walk ? `${first(r).walk.keys} / ${first(r).walk.reached} / ${first(r).walk.named} / ${f1(first(r).walk.perKey)}` : ''));
  row('memory: JS heap after GC + wasm linear memory (MB)', ...each((r) => first(r).memory ? `${(first(r).memory.jsHeap / 1e6).toFixed(1)} + ${(first(r).memory.wasmMemory / 1e6).toFixed(1)} = ${((first(r).memory.jsHeap + first(r).memory.wasmMemory) / 1e6).toFixed(1)}` : ''));
  out.push('');
  out.push('| on the wire (gzip accepted) | bytes |');
  out.push('| --- | ---: |');
  for (const [k, v] of Object.entries(wire)) out.push(`| ${k} | ${v.bytes} (${v.encoding}) |`);
  out.push('');
  out.push('| file | raw bytes | gzip -9 bytes |');
  out.push('| --- | ---: | ---: |');
  for (const [f, s] of Object.entries(size)) out.push(`| ${f} | ${s.raw} | ${s.gzip} |`);
  for (const r of results) {
    const errs = (r.runs ?? []).flatMap((x) => x.errors ?? []);
    if (errs.length) out.push(`\n${r.name}: page errors: ${errs.join('; ')}`);
  }
  return out.join('\n');
}

async function main() {
  const hard = setTimeout(() => { log('overall time limit reached'); process.exit(2); }, Number(process.env.BENCH_TIMEOUT_MS ?? 30 * 60_000));
  hard.unref();
  log(`starting servers on port base ${h.PORTS.site}`);
  await h.startServers();
  let browser;
  try {
    browser = await launch();
    log(`chromium ${browser.version()}`);
    const results = [];
    const wire = {};
    for (const venue of ['theatre', 'arena']) {
      const perf = await h.instanceOf(venue);
      wire[`${venue}: plan`] = await wireBytes(`plans/${perf.planId}`);
      wire[`${venue}: status/detail`] = await wireBytes(`instances/${perf.instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
    }
    if (SCENARIOS.includes('theatre')) {
      const r = await seatScenario(browser, 'theatre', 'theatre');
      r.cold = await coldNavigation(browser, r.perf, { expect: { seats: r.facts.seatCount } });
      results.push(r);
    }
    let arenaSeats;
    if (SCENARIOS.includes('arena-seats')) {
      arenaSeats = await seatScenario(browser, 'arena-seats', 'arena', { 'level-of-detail': 'seats' });
      results.push(arenaSeats);
    }
    const arena = await h.instanceOf('arena');
    const arenaFacts = await planFacts(arena);
    if (SCENARIOS.includes('arena-overview')) {
      const r = await overviewScenario(browser, arena, arenaFacts, arenaSeats?.geometry);
      r.cold = await coldNavigation(browser, arena, { expect: { areas: arenaFacts.reservedAreas } });
      results.push(r);
    }
    if (SCENARIOS.includes('arena-zoom')) results.push(await zoomScenario(browser, arena, arenaFacts));
    const size = sizes();
    if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify({ results: results.map(({ perf, ...r }) => r), size, wire }, null, 1));
    console.log(report(results, size, wire));
  } finally {
    await browser?.close().catch(() => {});
    await h.stopServers();
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); h.stopServers().finally(() => process.exit(1)); });
