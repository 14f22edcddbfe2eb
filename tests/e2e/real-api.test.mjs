// Meeting a real venue's API (issue 8): odd records are skipped and reported,
// never fatal; availability in a format the widget can't read keeps the map
// drawn with a plain message naming what arrived; a status failure at load
// leaves the map visible and the poller running.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

/** Opens a performance with every `seatmap:*` event recorded in `window.heard`. */
async function open(instanceId, params = {}) {
  const context = await h.newContext(browser, { viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    window.heard = [];
    for (const name of ['seatmap:ready', 'seatmap:warning', 'seatmap:error']) {
      document.addEventListener(name, (e) => window.heard.push({ type: name, detail: e.detail }));
    }
  });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  const query = new URLSearchParams(params).toString();
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(instanceId)}${query ? '?' + query : ''}`);
  return { context, page };
}

const heard = (page, type) => page.evaluate((t) => window.heard.filter((e) => e.type === t).map((e) => e.detail), type);
const freshness = (page) => page.locator('seat-map [data-testid="freshness"]').textContent();

describe('odd records', () => {
  it('skips a plan seat without an id and a seat with a position given as text, reports them once, and draws the rest', async () => {
    const perf = await h.instanceOf('studio');
    const plan = await h.publicApi(`plans/${perf.planId}`);
    const leaf = (area) => (area.seats?.length ? area : (area.areas ?? []).map(leaf).find(Boolean));
    const area = leaf(plan);
    const total = (await h.planSeats(perf.planId)).length;
    const nullId = area.seats[0].id;
    area.seats[0].id = null;
    area.seats[1].x = String(area.seats[1].x); // readable: numbers as text are read
    area.seats[2].x = 'left';                  // unreadable: that seat is skipped
    const skipped = area.seats[2].id;
    await h.control('faults', { route: `plans/${perf.planId}`, status: 200, body: plan, times: 1 });
    const { context, page } = await open(perf.instanceId);
    await h.waitForMap(page);
    await h.eventually(async () => (await page.locator('seat-map [data-seat-id]').count()) === total - 2, { message: 'the rest drawn' });
    assert.equal(await page.locator(`seat-map [data-seat-id="${nullId}"]`).count(), 0);
    assert.equal(await page.locator(`seat-map [data-seat-id="${skipped}"]`).count(), 0);
    const warnings = await h.eventually(async () => { const w = await heard(page, 'seatmap:warning'); return w.length ? w : null; }, { message: 'a warning event' });
    await page.evaluate(() => document.querySelector('seat-map').refresh());
    await new Promise((r) => setTimeout(r, 1_000));
    const all = (await heard(page, 'seatmap:warning')).map((w) => w.summary).join(' ');
    assert.match(warnings[0].summary, /seat skipped: it has no id/);
    assert.match(warnings[0].summary, /no usable position/);
    assert.equal(all.match(/it has no id/g).length, 1, `each problem reported once: ${all}`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('reads a seat status that is a number as unavailable, reports it, and keeps polling', async () => {
    const perf = await h.instanceOf('studio');
    const detail = await h.publicApi(`instances/${perf.instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
    const seats = detail.areas.flatMap((a) => (a.bands ?? []).flatMap((b) => b.seats ?? []));
    const odd = seats.find((s) => s.status === 'A');
    odd.status = 1;
    detail.areas[0].capacity = 577.0;
    await h.control('faults', { route: 'status/detail', status: 200, body: detail, times: 1 });
    const { context, page } = await open(perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    await h.waitForState(page, String(odd.id), 'unavailable');
    const warnings = await h.eventually(async () => { const w = await heard(page, 'seatmap:warning'); return w.length ? w : null; }, { message: 'a warning event' });
    assert.match(warnings[0].summary, /seat status that was a number/);
    // The next poll (no fault) is read as usual: the seat is free again, and the map stays live.
    await h.waitForState(page, String(odd.id), 'available', 8_000);
    assert.match(await freshness(page), /live/);
    await context.close();
  });
});

describe('availability in another format', () => {
  it('keeps the map drawn, says what arrived in plain words, and recovers with "Try again"', async () => {
    const perf = await h.instanceOf('studio');
    await h.control('status-format', { format: 'xml' });
    const { context, page } = await open(perf.instanceId);
    await h.waitForMap(page);
    const total = (await h.planSeats(perf.planId)).length;
    assert.equal(await page.locator('seat-map [data-seat-id]').count(), total, 'the map is drawn from plan and prices');
    await h.eventually(async () => /couldn't check which seats are free/.test(await freshness(page)), { message: 'the message' });
    const text = await freshness(page);
    assert.match(text, /text\/xml/, 'names the content type');
    assert.match(text, /\d[\d,]* bytes/, 'and the size');
    assert.match(text, /starting “<\?xml/, 'and the first characters');
    assert.equal(await page.locator('seat-map [data-seat-id][data-state="unknown"]').count(), total, 'no seat claims to be free');
    const first = await page.locator('seat-map [data-seat-id]').first().getAttribute('data-seat-id');
    await h.clickSeat(page, first);
    assert.notEqual(await h.seatState(page, first), 'selected', 'a seat of unknown availability cannot be chosen');
    const errors = await heard(page, 'seatmap:error');
    assert.ok(errors.some((e) => /text\/xml/.test(e.detail)), JSON.stringify(errors));
    await h.control('status-format', { format: 'json' });
    await page.click('seat-map [data-testid="status-retry"]');
    await h.eventually(async () => /live/.test(await freshness(page)), { message: 'live again' });
    assert.equal(await page.locator('seat-map [data-seat-id][data-state="unknown"]').count(), 0);
    await context.close();
  });

  it('draws the map when the first status fails, says availability is unknown, and fills it in by itself', async () => {
    const perf = await h.instanceOf('studio');
    await h.control('faults', { route: 'status/detail', status: 503, times: 2 });
    const { context, page } = await open(perf.instanceId, { 'poll-interval': '2' });
    await page.waitForSelector('seat-map [data-seat-id]');
    await h.eventually(async () => /unknown/i.test(await freshness(page)), { message: 'availability unknown' });
    assert.equal(await page.locator('seat-map [data-testid="error-panel"]').count(), 0, 'no error panel: there is a map');
    await h.eventually(async () => /live/.test(await freshness(page)), { timeout: 20_000, message: 'filled in by itself' });
    assert.equal(await page.locator('seat-map [data-seat-id][data-state="unknown"]').count(), 0);
    await context.close();
  });
});
