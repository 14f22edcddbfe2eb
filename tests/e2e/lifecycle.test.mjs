// Mounting and unmounting (issue 12): switching performance 400 times
// leaves no event listener, DOM node or heap behind, measured with the
// Chrome DevTools Protocol; and checkout-url stays on the page's site.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

const CYCLES = Number(process.env.SEATMAP_MOUNT_CYCLES ?? 200);

/** Switches the element to `instanceId` and waits for that performance's seatmap:ready. */
async function switchTo(page, instanceId) {
  await page.evaluate((id) => {
    window.seatmapEvents.length = 0;
    document.querySelector('seat-map').setAttribute('instance-id', id);
  }, instanceId);
  await page.waitForFunction((id) => window.seatmapEvents.some((e) => e.type === 'seatmap:ready' && e.detail.instanceId === id),
    instanceId, { timeout: 20_000 });
}

/**
 * What the page holds, after garbage collection: DOM nodes and JS event
 * listeners in the whole renderer (detached ones included), listeners on the
 * element and everything in it (through its shadow root), and the JS heap
 * with ArrayBuffer backing stores (where the wasm's linear memory lives).
 */
async function counts(page, cdp) {
  // The demo page logs every widget event in a list: empty it, it is not the widget's.
  await page.evaluate(() => { window.seatmapEvents.length = 0; document.getElementById('event-log')?.replaceChildren(); });
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.querySelector("seat-map")' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId, depth: -1, pierce: true });
  await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  return {
    nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, elementListeners: listeners.length,
    heapKB: Math.round(heap.usedSize / 1024), backingKB: Math.round((heap.backingStorageSize ?? 0) / 1024),
  };
}

describe('mounting and unmounting', () => {
  it(`leaves nothing behind after ${CYCLES} performance switches there and back`, async () => {
    const [a, b] = (await h.catalog()).filter((c) => c.venue === 'studio');
    assert.ok(a && b, 'two studio performances');
    const { context, page } = await h.openPerformance(browser, a.instanceId);
    await h.waitForMap(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    // Warm up: the first switches create what lives for the page's life
    // (the pooled Yew root, compiled code, interned strings).
    for (let i = 0; i < 20; i++) { await switchTo(page, b.instanceId); await switchTo(page, a.instanceId); }
    const baseline = await counts(page, cdp);
    const started = Date.now();
    for (let i = 0; i < CYCLES; i++) { await switchTo(page, b.instanceId); await switchTo(page, a.instanceId); }
    const final = await counts(page, cdp);
    console.log(`# ${CYCLES} cycles in ${Math.round((Date.now() - started) / 1000)} s; before ${JSON.stringify(baseline)}; after ${JSON.stringify(final)}`);
    // Each switch destroys a whole app (hundreds of nodes, a dozen
    // listeners): anything it left behind shows CYCLES times over. Nodes and
    // listeners must come back exactly. The JS heap still moves by what V8
    // keeps (optimised code, type feedback): +15 to +70 KB over 200 cycles,
    // levelling off (600 cycles: +74 KB), where Yew's leak this guards
    // against added 2.5 KB and 10 listeners per cycle (+505 KB in 200).
    assert.equal(final.nodes, baseline.nodes, 'DOM nodes');
    assert.equal(final.jsEventListeners, baseline.jsEventListeners, 'event listeners in the page');
    assert.equal(final.elementListeners, baseline.elementListeners, 'event listeners on the element and inside it');
    assert.ok(final.heapKB - baseline.heapKB < 128, `JS heap grew ${final.heapKB - baseline.heapKB} KB`);
    assert.ok(final.backingKB - baseline.backingKB < 256, `backing stores (wasm memory) grew ${final.backingKB - baseline.backingKB} KB`);
    // And the element still works.
    const [run] = await h.runsOf(a.planId, a.instanceId, 1);
    await h.clickSeat(page, run.seats[0]);
    await h.waitForState(page, run.seats[0], 'selected');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('removing the element removes the widget; putting it back shows it again', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const inShadow = () => page.evaluate(() => window.seatmapMap.shadowRoot.querySelectorAll('.seatmap-root *').length);
    await page.evaluate(() => { window.seatmapMap = document.querySelector('seat-map'); window.seatmapMap.remove(); });
    await page.waitForFunction(() => window.seatmapMap.shadowRoot.querySelectorAll('.seatmap-root').length === 0);
    await page.evaluate(() => document.querySelector('main').append(window.seatmapMap));
    await h.waitForMap(page);
    assert.ok(await inShadow() > 100);
    assert.equal(await page.evaluate(() => window.seatmapMap.shadowRoot.querySelectorAll('.seatmap-root').length), 1);
    await context.close();
  });
});

describe('checkout-url', () => {
  it('resolves on the page\'s site and refuses an address a browser reads as another site', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'checkout-url': '/checkout?from=map' });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    const link = page.locator('seat-map [data-testid="checkout"]');
    await link.waitFor();
    assert.equal(await link.evaluate((a) => a.href), `${h.SITE}/checkout?from=map`);
    await context.close();

    for (const evil of ['/\\evil.example/checkout', 'https://evil.example/checkout', '//evil.example/checkout']) {
      const other = await h.openPerformance(browser, perf.instanceId, { 'checkout-url': evil });
      const apiRequests = [];
      other.page.on('request', (r) => { if (r.url().startsWith(h.API_ORIGIN)) apiRequests.push(r.url()); });
      await h.waitForMap(other.page);
      const error = other.page.locator('seat-map [data-testid="config-error"]');
      assert.equal(await error.count(), 1, evil);
      assert.match(await error.textContent(), /checkout-url/);
      assert.equal(await other.page.locator('seat-map [data-seat-id]').count(), 0);
      assert.deepEqual(apiRequests, [], 'no request with a bad configuration');
      await other.context.close();
    }
  });

  it('may lead to another site the venue lists in checkout-origins', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const shop = 'https://shop.example.org';
    const { context, page } = await h.openPerformance(browser, perf.instanceId,
      { 'checkout-url': `${shop}/basket`, 'checkout-origins': shop });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    const link = page.locator('seat-map [data-testid="checkout"]');
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `${shop}/basket`);
    await context.close();
  });
});
