// The widget end to end (issue 3): embedding, drawing, choosing, the basket,
// races, polling discipline, faults, hostile names and keyboard use.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

describe('drawing', () => {
  it('shows exactly the plan\'s seats, each with an id and a state', async () => {
    for (const venue of ['studio', 'theatre']) {
      const perf = await h.instanceOf(venue);
      const expected = (await h.planSeats(perf.planId)).length;
      const { context, page } = await h.openPerformance(browser, perf.instanceId);
      await h.waitForMap(page);
      assert.equal(await page.locator('seat-map [data-seat-id]').count(), expected, venue);
      assert.equal(await page.locator('seat-map [data-seat-id]:not([data-state])').count(), 0);
      const letters = await h.anonymousLetters(perf.instanceId);
      const sold = [...letters].find(([, s]) => s.status === 'U' && !s.lockType);
      assert.equal(await h.seatState(page, sold[0]), 'unavailable');
      assert.deepEqual(page.errors, []);
      await context.close();
    }
  });

  it('draws standing areas with places left and a legend with prices', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const block = page.locator('seat-map .seatmap-standing');
    assert.equal(await block.count(), 1);
    assert.match(await block.getAttribute('aria-label'), /Standing: \d+ places? left, from £/);
    const legend = await page.locator('seat-map .seatmap-legend').textContent();
    assert.match(legend, /Adult\s*£\d+\.\d\d/);
    await context.close();
  });
});

describe('zoom and pan', () => {
  it('zooms with the buttons, the wheel and the area picker, and fits again', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const svg = page.locator('seat-map [data-testid="seatmap-svg"]');
    const box = async () => (await svg.getAttribute('viewBox')).split(' ').map(Number);
    const fitted = await box();
    await page.click('seat-map [data-testid="zoom-in"]');
    const zoomed = await box();
    assert.ok(zoomed[2] < fitted[2] * 0.7, `zoom in narrows the view: ${zoomed} from ${fitted}`);
    await page.click('seat-map [data-testid="zoom-fit"]');
    assert.deepEqual(await box(), fitted);
    const rect = await svg.boundingBox();
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((w) => Number(seatmapQuery('seat-map [data-testid="seatmap-svg"]').getAttribute('viewBox').split(' ')[2]) < w, fitted[2]);
    // Drag to pan: the view moves with the pointer, and no seat is chosen by the drag.
    const before = await box();
    await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
    await page.mouse.down();
    await page.mouse.move(rect.x + rect.width / 2 + 120, rect.y + rect.height / 2, { steps: 6 });
    await page.mouse.up();
    const panned = await box();
    assert.ok(panned[0] < before[0], `dragging right shows what is to the left: ${panned} from ${before}`);
    assert.equal(await page.locator('seat-map [data-seat-id][data-state="selected"]').count(), 0);
    // Zoom to an area: the view holds that area's seats.
    const area = await page.locator('seat-map [data-testid="zoom-area"] option').filter({ hasText: 'Dress Circle' }).first().getAttribute('value');
    await page.selectOption('seat-map [data-testid="zoom-area"]', area);
    const circle = await box();
    assert.ok(circle[2] < fitted[2], 'the area view is closer than the whole venue');
    await context.close();
  });
});

describe('choosing and buying', () => {
  it('adds chosen seats to the Spektrix basket and shows them there', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    for (const id of run.seats) {
      await h.clickSeat(page, id);
      await h.waitForState(page, id, 'selected');
    }
    assert.match(await page.locator('seat-map [data-testid="selection-total"]').textContent(), /2 tickets: £/);
    await page.click('seat-map [data-testid="add-to-basket"]');
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket');
    const session = await h.sessionId(context);
    const holds = await h.control(`instances/${perf.instanceId}/holds`);
    const mine = holds.filter((x) => x.session === session && x.state === 'basket').map((x) => String(x.seat)).sort();
    assert.deepEqual(mine, [...run.seats].sort());
    await page.waitForSelector('seat-map [data-testid="basket-panel"] [data-ticket-id]');
    assert.equal(await page.locator('seat-map [data-testid="basket-panel"] [data-ticket-id]').count(), 2);
    const events = await page.evaluate(() => window.seatmapEvents.map((e) => e.type));
    assert.ok(events.includes('seatmap:ready') && events.includes('seatmap:selectionchange') && events.includes('seatmap:basketchange'), events.join());

    // Remove one from the basket: the sandbox lets it go and the map shows it free.
    await page.locator(`seat-map [data-testid="basket-panel"] [data-seat-id="${run.seats[0]}"] [data-testid="remove-ticket"]`).click();
    await h.waitForState(page, run.seats[0], 'available');
    const after = await h.control(`instances/${perf.instanceId}/holds`);
    assert.ok(!after.some((x) => String(x.seat) === run.seats[0]));
    await context.close();
  });

  it('when the session expires, says the basket expired and shows its seats free again', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, run.seats[0], 'in-basket');
    await page.waitForSelector('seat-map [data-testid="basket-panel"] [data-ticket-id]');
    await h.control(`sessions/${await h.sessionId(context)}/expire`, {});
    await page.evaluate(() => document.querySelector('seat-map').refresh());
    await h.waitForState(page, run.seats[0], 'available');
    await page.waitForFunction(() => /Your basket has expired/.test(seatmapQuery('seat-map [data-testid="notice"]')?.textContent ?? ''));
    await page.waitForFunction(() => !seatmapQuery('seat-map [data-testid="basket-panel"] [data-ticket-id]'));
    await context.close();
  });

  it('when two customers race for a seat, one wins and the other is told and keeps the rest', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 3);
    const [contested, other] = [run.seats[1], run.seats[2]];
    const a = await h.openPerformance(browser, perf.instanceId);
    const b = await h.openPerformance(browser, perf.instanceId);
    await Promise.all([h.waitForMap(a.page), h.waitForMap(b.page)]);
    await h.clickSeat(a.page, contested);
    await h.clickSeat(b.page, contested);
    await h.clickSeat(b.page, other);
    await h.waitForState(b.page, other, 'selected');
    await a.page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(a.page, contested, 'in-basket');
    await b.page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(b.page, contested, 'unavailable');
    assert.match(await h.notice(b.page), /taken|no longer available/i);
    assert.equal(await h.seatState(b.page, other), 'selected', 'the rest of the choice is kept');
    const holds = await h.control(`instances/${perf.instanceId}/holds`);
    assert.equal(holds.filter((x) => String(x.seat) === contested).length, 1, 'never a double hold');
    await a.context.close();
    await b.context.close();
  });
});

describe('keeping the map true', () => {
  it('polls on its interval, never while the page is hidden, and at once when it shows again', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    const session = await h.sessionId(context);
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) >= 3, { timeout: 12_000, message: 'polls on the interval' });
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    // Let an in-flight poll land, then watch three intervals go by.
    await new Promise((r) => setTimeout(r, 500));
    const hiddenAt = await h.requestCount(session, h.STATUS_ROUTE);
    await new Promise((r) => setTimeout(r, 6_000));
    assert.equal(await h.requestCount(session, h.STATUS_ROUTE), hiddenAt, 'no polls while hidden');
    await page.evaluate(() => {
      delete document.hidden;
      delete document.visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) > hiddenAt, { timeout: 1_500, message: 'an immediate poll on showing' });
    await context.close();
  });

  it('keeps the selection through 500s and a 429 with Retry-After, then recovers on its own', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    const session = await h.sessionId(context);
    await h.clickSeat(page, run.seats[0]);
    await h.waitForState(page, run.seats[0], 'selected');
    await h.control('faults', { route: 'status/detail', status: 500, body: { errorCode: 99, message: 'Database timeout' }, times: 2 });
    await page.waitForFunction(() => /having trouble/.test(seatmapQuery('seat-map [data-testid="freshness"]')?.textContent ?? ''), null, { timeout: 10_000 });
    assert.equal(await h.seatState(page, run.seats[0]), 'selected');
    await page.waitForFunction(() => /live/.test(seatmapQuery('seat-map [data-testid="freshness"]')?.textContent ?? ''), null, { timeout: 20_000 });

    await h.control('faults', { route: 'status/detail', status: 429, retryAfterSecs: 4, times: 1 });
    const before429 = await h.requestCount(session, h.STATUS_ROUTE);
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) === before429 + 1, { timeout: 6_000, message: 'the 429' });
    const limitedAt = Date.now();
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) === before429 + 2, { timeout: 15_000, message: 'the retry' });
    assert.ok(Date.now() - limitedAt >= 3_500, `waited ${Date.now() - limitedAt} ms, Retry-After was 4 s`);
    await page.waitForFunction(() => /live/.test(seatmapQuery('seat-map [data-testid="freshness"]')?.textContent ?? ''), null, { timeout: 10_000 });
    assert.equal(await h.seatState(page, run.seats[0]), 'selected');
    await context.close();
  });

  it('survives a dropped connection and malformed JSON without losing the choice', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    // Recovery waits out the back-off (2 s, then 3–5 s, then 6–10 s …: never sooner than the interval), hence 60 s.
    const freshness = (pattern) => page.waitForFunction((p) => new RegExp(p).test(seatmapQuery('seat-map [data-testid="freshness"]')?.textContent ?? ''),
      pattern, { timeout: 60_000 });
    // Chromium silently retries a GET when a reused connection closes, so drop several.
    await h.control('faults', { route: 'status/detail', drop: true, times: 5 });
    await freshness("can't reach the box office");
    await freshness('live');
    // An unreadable answer will not get better by asking again: polling stops and says so, with "Try again".
    await h.control('faults', { route: 'status/detail', status: 200, body: '{"areas": [ not json', times: 1 });
    await freshness("couldn't check which seats are free");
    await page.click('seat-map [data-testid="status-retry"]');
    await freshness('live');
    assert.equal(await h.seatState(page, run.seats[0]), 'selected');
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('embedding', () => {
  it('shows names from the API as text and runs nothing in them', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const plan = {
      id: 'EVILPLAN', name: evil, type: 'Reserved', x: 0, y: 0, areas: [{
        id: 'EVILAREA', name: evil, type: 'Reserved', x: 10, y: 10,
        seats: [1, 2, 3].map((n) => ({ id: 900000 + n, name: `${evil}${n}`, row: evil, number: n, x: n * 24, y: 0,
          previousSeatId: n > 1 ? 900000 + n - 1 : null, nextSeatId: n < 3 ? 900000 + n + 1 : null })),
      }],
    };
    const loaded = await h.control('plans', plan);
    const { context, page } = await h.openPerformance(browser, loaded.instanceId);
    await h.waitForMap(page);
    assert.equal(await page.locator('seat-map [data-seat-id]').count(), 3);
    assert.equal(await page.locator('seat-map img').count(), 0);
    assert.equal(await page.locator('seat-map .seatmap-area-label').first().textContent(), evil);
    // (A row name longer than a letter or two is said as it is, without "Row".)
    assert.match(await h.seat(page, '900001').getAttribute('aria-label'), /^<img src=x onerror=alert\(1\)>, seat 1, /);
    await h.seat(page, '900001').hover();
    assert.match(await page.locator('seat-map [data-testid="tooltip"]').textContent(), /<img src=x onerror=alert\(1\)>/);
    assert.deepEqual(page.errors, [], 'no alert, no error');
    await context.close();
  });

  it('explains bad configuration in place of the map and sends no request', async () => {
    const perf = await h.instanceOf('studio');
    const context = await h.newContext(browser);
    const page = await context.newPage();
    const apiRequests = [];
    const consoleErrors = [];
    page.on('request', (r) => { if (r.url().startsWith(h.API_ORIGIN)) apiRequests.push(r.url()); });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await page.goto(`${h.SITE}/performance/${perf.instanceId}?custom-domain=${encodeURIComponent('http://tickets.example.org')}`);
    await page.waitForSelector('seat-map [data-testid="config-error"]');
    assert.match(await page.locator('seat-map [data-testid="config-error"]').textContent(), /custom-domain .* must use https/);
    assert.ok(consoleErrors.some((e) => e.includes('custom-domain')), consoleErrors.join('\n'));
    assert.deepEqual(apiRequests, []);
    await context.close();
  });

  it('loads from another origin (a CDN) and switches performance without a reload', async () => {
    const studio = await h.instanceOf('studio');
    const theatre = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, studio.instanceId, { cdn: '' });
    await h.waitForMap(page);
    const wasm = page.responseUrls.filter((u) => u.endsWith('.wasm'));
    assert.deepEqual(wasm, [`http://localhost:${h.PORTS.cdn}/assets/seatmap/seatmap-widget_bg.wasm`]);
    const studioSeats = (await h.planSeats(studio.planId)).length;
    const theatreSeats = (await h.planSeats(theatre.planId)).length;
    assert.equal(await page.locator('seat-map [data-seat-id]').count(), studioSeats);
    await page.evaluate(() => { window.marker = 'same page'; });
    await page.selectOption('[data-testid="switch"]', theatre.instanceId);
    await page.waitForFunction((n) => seatmapQueryAll('seat-map [data-seat-id]').length === n, theatreSeats, { timeout: 20_000 });
    assert.equal(await page.evaluate(() => window.marker), 'same page');
    await context.close();
  });
});

describe('several maps on one page', () => {
  it('work independently', async () => {
    const studio = await h.instanceOf('studio');
    const theatre = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, studio.instanceId);
    await h.waitForMap(page);
    await h.addSecondMap(page, theatre.instanceId);
    const theatreSeats = (await h.planSeats(theatre.planId)).length;
    const studioSeats = (await h.planSeats(studio.planId)).length;
    await page.waitForFunction((n) => seatmapQueryAll('#second [data-seat-id]').length === n, theatreSeats, { timeout: 20_000 });
    assert.equal(await page.locator('#seatmap [data-seat-id]').count(), studioSeats);
    const [run] = await h.runsOf(studio.planId, studio.instanceId, 1);
    await page.locator(`#seatmap [data-seat-id="${run.seats[0]}"]`).dispatchEvent('click');
    await page.waitForFunction((id) => seatmapQuery(`#seatmap [data-seat-id="${id}"]`).getAttribute('data-state') === 'selected', run.seats[0]);
    assert.equal(await page.locator('#second [data-seat-id][data-state="selected"]').count(), 0);
    assert.equal(await page.locator('#second [data-testid="choice-panel"] .seatmap-choice').count(), 0);
    await context.close();
  });
});

describe('keyboard and screen reader', () => {
  it('tabs into the map, moves with arrow keys and chooses with Enter and Space', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const focusedSeat = () => page.evaluate(() => seatmapActiveElement()?.getAttribute('data-seat-id'));
    for (let i = 0; i < 20 && !(await focusedSeat()); i++) await page.keyboard.press('Tab');
    const first = await focusedSeat();
    assert.ok(first, 'Tab reaches a seat');
    // The seat with focus is named with the price a buyer pays by default (the band's default ticket type).
    assert.match(await h.seat(page, first).getAttribute('aria-label'), /^Row \w+, seat \d+, .*Adult £\d+\.\d\d, \w/);
    // Walk right until on a seat that can be chosen, then choose it.
    let id = first;
    for (let i = 0; i < 30 && (await h.seatState(page, id)) !== 'available'; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((prev) => seatmapActiveElement()?.getAttribute('data-seat-id') !== prev, id, { timeout: 2_000 }).catch(() => {});
      id = await focusedSeat();
    }
    assert.equal(await h.seatState(page, id), 'available');
    await page.keyboard.press('Enter');
    await h.waitForState(page, id, 'selected');
    assert.equal(await h.seat(page, id).getAttribute('aria-checked'), 'true');
    // Only the seat with focus carries a name (what a screen reader hears): read the row while it has it.
    const rowOf = async (seatId) => (await h.seat(page, seatId).getAttribute('aria-label')).match(/^Row (\w+)/)[1];
    const chosenRow = await rowOf(id);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((prev) => seatmapActiveElement()?.getAttribute('data-seat-id') !== prev, id, { timeout: 2_000 });
    const below = await focusedSeat();
    assert.notEqual(await rowOf(below), chosenRow, 'down moves to another row');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction((prev) => seatmapActiveElement()?.getAttribute('data-seat-id') !== prev, below, { timeout: 2_000 });
    assert.equal(await rowOf(await focusedSeat()), chosenRow, 'up comes back to the row');
    // Back to the chosen seat, and Space un-chooses it.
    await h.seat(page, id).focus();
    await page.keyboard.press(' ');
    await h.waitForState(page, id, 'available');
    await context.close();
  });
});
