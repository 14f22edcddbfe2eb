// Navigation → the map showing availability, cold (a new context per load),
// with every API read delayed by BENCH_LATENCY_MS (200) through the
// sandbox's latency faults: a venue's API is a network away, not on this
// machine. PRINTS numbers, asserts nothing. Run it for two builds
// (SEATMAP_E2E_DIST) by turns to compare them.
// Env: BENCH_RUNS (3), BENCH_LATENCY_MS (200), SEATMAP_E2E_DIST, SEATMAP_E2E_PORT_BASE.
import * as h from '../e2e/harness.mjs';

const LATENCY = Number(process.env.BENCH_LATENCY_MS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const READS = ['instances/{id}', 'plans/{id}', 'instances/{id}/price-list', 'instances/{id}/status/detail', 'basket', 'customer'];

await h.startServers();
try {
  for (const route of READS) await h.control('faults', { route, latencyMs: LATENCY });
  const browser = await h.launch();
  const out = {};
  for (const venue of ['theatre', 'arena']) {
    const perf = await h.instanceOf(venue);
    out[venue] = [];
    for (let i = 0; i < RUNS; i++) {
      const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': 600 });
      // Seats (the theatre) or areas (the arena's overview) showing what is free.
      await page.waitForFunction(() => seatmapQuery('seat-map [data-seat-id]:not([data-state="unknown"])')
        || seatmapQuery('seat-map [data-area-outline]:not([data-state="unknown"])'), null, { timeout: 30_000 });
      out[venue].push(Math.round(await page.evaluate(() => new Promise((painted) =>
        requestAnimationFrame(() => requestAnimationFrame(() => painted(performance.now())))))));
      await context.close();
    }
  }
  await browser.close();
  console.log(`${process.env.SEATMAP_E2E_DIST ?? 'dist'}: navigation → painted with ${LATENCY} ms per read, ms per load: ${JSON.stringify(out)}`);
} finally {
  await h.stopServers();
}
