// Two builds of the widget compared load by load: PRINTS numbers, asserts
// nothing. Each load is a fresh browser context (cold); the builds take
// turns (A B, B A, A B, …) in one run against one sandbox, so the drift of
// a shared machine falls on both alike (runs of one build minutes apart
// differ by ±20–30 % here). The venue site serves the widget from a folder
// that gets the build's files before each load (it reads them per request).
//
//   node tests/bench/compare.mjs DIST_A DIST_B [LOADS=10] [theatre|arena|arena-seats]
//
// Prints the medians of data (the last of the four reads) → painted and
// navigation → painted, and every load's figure. "painted" = the second
// requestAnimationFrame after the first seat (or area) shows what the box
// office said of it. arena-seats draws every seat (level-of-detail="seats").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [A, B, LOADS = '10', SCENARIO = 'theatre'] = process.argv.slice(2);
if (!A || !B) {
  console.error('usage: node tests/bench/compare.mjs DIST_A DIST_B [LOADS] [theatre|arena|arena-seats]');
  process.exit(2);
}
const served = fs.mkdtempSync(path.join(os.tmpdir(), 'seatmap-compare-'));
process.env.SEATMAP_E2E_DIST = served;
const h = await import('../e2e/harness.mjs');
const use = (dist) => {
  fs.rmSync(served, { recursive: true, force: true });
  fs.cpSync(path.resolve(dist), served, { recursive: true });
};

// Installed before any page script: when the map first shows a known state, two frames later.
function watch(allSeats) {
  if (allSeats) {
    new MutationObserver(() => {
      const map = document.querySelector('seat-map');
      if (map && !map.hasAttribute('level-of-detail')) map.setAttribute('level-of-detail', 'seats');
    }).observe(document, { childList: true, subtree: true });
  }
  const known = '[data-seat-id]:not([data-state="unknown"]), [data-area-outline]:not([data-state="unknown"])';
  const mo = new MutationObserver(() => {
    const root = document.querySelector('seat-map')?.shadowRoot;
    if (!root || window.__drawnAt !== undefined || !root.querySelector(known)) return;
    window.__drawnAt = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
  });
  const options = { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] };
  mo.observe(document, options);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    mo.observe(root, options);
    return root;
  };
}

const results = { A: [], B: [] };
await h.startServers();
try {
  const browser = await h.launch();
  const perf = await h.instanceOf(SCENARIO.startsWith('arena') ? 'arena' : SCENARIO);
  for (let i = 0; i < Number(LOADS); i++) {
    for (const which of i % 2 ? ['B', 'A'] : ['A', 'B']) {
      use(which === 'A' ? A : B);
      const context = await h.newContext(browser, { viewport: { width: 1280, height: 900 } });
      await context.addInitScript(watch, SCENARIO === 'arena-seats');
      const page = await context.newPage();
      await page.goto(`${h.SITE}/performance/${encodeURIComponent(perf.instanceId)}?poll-interval=600`);
      await page.waitForFunction(() => window.__painted, null, { timeout: 60_000 });
      results[which].push(await page.evaluate(() => {
        const reads = performance.getEntriesByType('resource');
        const end = (re) => reads.filter((e) => re.test(e.name)).sort((a, b) => a.startTime - b.startTime)[0]?.responseEnd ?? NaN;
        const data = Math.max(end(/status\/detail/), end(/api\/v3\/plans\//), end(/price-list/), end(/\/instances\/[^/?]+(\?|$)/));
        return { data: window.__painted - data, navigation: window.__painted };
      }));
      await context.close();
    }
  }
  await browser.close();
} finally {
  await h.stopServers();
  fs.rmSync(served, { recursive: true, force: true });
}
const median = (xs) => { const s = xs.slice().sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
for (const key of ['data', 'navigation']) {
  const a = results.A.map((r) => r[key]);
  const b = results.B.map((r) => r[key]);
  console.log(`${SCENARIO}: ${key === 'data' ? 'data → painted' : 'navigation → painted'}, median of ${a.length}: ` +
    `A ${median(a).toFixed(1)} ms, B ${median(b).toFixed(1)} ms (B/A ${(median(b) / median(a)).toFixed(2)})`);
  console.log(`  A: ${a.map(Math.round).join(' ')}\n  B: ${b.map(Math.round).join(' ')}`);
}
