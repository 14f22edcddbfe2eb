// The selection rules end to end (issue: stranded singles, best available,
// standing, lost seats, quantities), against the real sandbox over HTTP with
// page and API on different origins.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

const PANEL = 'seat-map [data-testid="choice-panel"]';

/** One row "A" of `n` linked seats in an area "Stalls"; an aisle after seat `aisleAfter` (1-based), if given. */
function rowPlan(n, { aisleAfter } = {}) {
  const id = (i) => 710000 + i; // seat number i (1-based)
  return {
    id: 'RULESPLAN', name: 'Rules Hall', type: 'Reserved', x: 0, y: 0, areas: [{
      id: 'RULESAREA', name: 'Stalls', type: 'Reserved', x: 10, y: 10,
      seats: Array.from({ length: n }, (_, k) => {
        const i = k + 1;
        return {
          id: id(i), name: `A${i}`, row: 'A', number: i, x: k * 24 + (aisleAfter && i > aisleAfter ? 40 : 0), y: 0,
          previousSeatId: i > 1 ? id(i - 1) : null, previousIsAcrossAisle: aisleAfter !== undefined && i === aisleAfter + 1,
          nextSeatId: i < n ? id(i + 1) : null, nextIsAcrossAisle: aisleAfter !== undefined && i === aisleAfter,
        };
      }),
    }],
  };
}
const A = (i) => String(710000 + i);

async function uploadRow(n, options) {
  const loaded = await h.control('plans', rowPlan(n, options));
  assert.equal(loaded.seats, n);
  return loaded.instanceId;
}

const problemTexts = (page) => page.locator('seat-map [data-testid="rule-problem"]').allTextContents();
const addButton = (page) => page.locator('seat-map [data-testid="add-to-basket"]');
const statesOf = (page, state) => page.$$eval(`seat-map [data-seat-id][data-state="${state}"]`, (els) => els.map((e) => e.getAttribute('data-seat-id')).sort());

/** Waits until the choice panel lists exactly `n` rule problems, each matching one of `patterns` in order. */
async function waitForProblems(page, patterns) {
  const sources = patterns.map((p) => p.source);
  await page.waitForFunction((sources) => {
    const items = [...seatmapQueryAll('seat-map [data-testid="rule-problem"]')].map((e) => e.textContent);
    return items.length === sources.length && sources.every((s, i) => new RegExp(s).test(items[i]));
  }, sources, { timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nproblems shown: ${JSON.stringify(await problemTexts(page))}`);
  });
}

async function choose(page, id) {
  await h.clickSeat(page, id);
  await h.waitForState(page, id, 'selected');
}

async function sessionHolds(context, instanceId) {
  const session = await h.sessionId(context);
  return (await h.control(`instances/${instanceId}/holds`)).filter((x) => x.session === session);
}

describe('stranded singles', () => {
  it('flags a stranding choice while choosing, names the seat, and the offered fix clears it (singles=block)', async () => {
    const instanceId = await uploadRow(6);
    const { context, page } = await h.openPerformance(browser, instanceId, { singles: 'block' });
    await h.waitForMap(page);

    await choose(page, A(2));
    await waitForProblems(page, [/Stalls A1\b/]);
    assert.match((await problemTexts(page))[0], /on its own/);
    assert.ok(await addButton(page).isDisabled(), 'block: add-to-basket disabled while flagged');
    const fix = page.locator('seat-map [data-testid="apply-fix"]');
    assert.equal(await fix.count(), 1);
    assert.match(await fix.textContent(), /Stalls A1\b/);

    // A second seat keeps the single: still flagged, the fix moves both.
    await choose(page, A(3));
    await waitForProblems(page, [/Stalls A1\b/]);
    assert.ok(await addButton(page).isDisabled());
    assert.match(await fix.textContent(), /Stalls A1 and Stalls A2|Stalls A2 and Stalls A1/);

    await fix.click();
    await h.waitForState(page, A(1), 'selected');
    await h.waitForState(page, A(3), 'available');
    assert.equal(await h.seatState(page, A(2)), 'selected');
    await waitForProblems(page, []);
    assert.ok(await addButton(page).isEnabled(), 'fixed: add-to-basket enabled');

    await addButton(page).click();
    await h.waitForState(page, A(1), 'in-basket');
    await h.waitForState(page, A(2), 'in-basket');
    const mine = (await sessionHolds(context, instanceId)).map((x) => String(x.seat)).sort();
    assert.deepEqual(mine, [A(1), A(2)]);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('only warns with singles=warn, and says nothing with singles=off', async () => {
    const instanceId = await uploadRow(6);
    const warn = await h.openPerformance(browser, instanceId, { singles: 'warn' });
    await h.waitForMap(warn.page);
    await choose(warn.page, A(5));
    await waitForProblems(warn.page, [/Stalls A6\b/]);
    assert.ok(await addButton(warn.page).isEnabled(), 'warn: add-to-basket stays enabled');
    await warn.context.close();

    const off = await h.openPerformance(browser, instanceId, { singles: 'off' });
    await h.waitForMap(off.page);
    await choose(off.page, A(5));
    await off.page.waitForSelector('seat-map [data-testid="selection-total"]');
    assert.deepEqual(await problemTexts(off.page), []);
    assert.ok(await addButton(off.page).isEnabled());
    await off.context.close();
  });

  it('reads aisles and seats sold by others from the live plan', async () => {
    // A1 A2 A3 | aisle | A4 A5 A6 A7 A8, with A2 sold to someone else.
    const instanceId = await uploadRow(8, { aisleAfter: 3 });
    await h.control(`instances/${instanceId}/sell`, { seats: [A(2)] });
    const { page, context } = await h.openPerformance(browser, instanceId, { singles: 'block' });
    await h.waitForMap(page);
    await h.waitForState(page, A(2), 'unavailable');
    // A3 is already alone (a sold seat on one side, the aisle on the other):
    // choosing A4 across the aisle is not to blame (it would be without the aisle).
    await choose(page, A(4));
    await page.waitForSelector('seat-map [data-testid="selection-total"]');
    assert.deepEqual(await problemTexts(page), []);
    assert.ok(await addButton(page).isEnabled());
    // A4 + A6 leaves A5 alone between them.
    await choose(page, A(6));
    await waitForProblems(page, [/Stalls A5\b/]);
    assert.ok(await addButton(page).isDisabled());
    // The fix moves A6 to A5, keeping A7 and A8 together.
    await page.click('seat-map [data-testid="apply-fix"]');
    await h.waitForState(page, A(5), 'selected');
    await h.waitForState(page, A(6), 'available');
    assert.equal(await h.seatState(page, A(4)), 'selected');
    await waitForProblems(page, []);
    await context.close();
  });
});

describe('best available', () => {
  it('books the number asked; the map shows exactly those seats in the basket, highlighted; the sandbox holds them', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    await page.waitForSelector('seat-map [data-testid="best-available"]');
    await page.selectOption('seat-map [data-testid="best-quantity"]', '3');
    await page.click('seat-map [data-testid="best-submit"]');
    await page.waitForFunction(() => seatmapQueryAll('seat-map [data-seat-id][data-state="in-basket"]').length === 3,
      null, { timeout: 15_000 });
    const inBasket = await statesOf(page, 'in-basket');
    const highlighted = await page.$$eval('seat-map [data-seat-id].is-highlight', (els) => els.map((e) => e.getAttribute('data-seat-id')).sort());
    assert.deepEqual(highlighted, inBasket, 'highlighted = in basket');
    const held = (await sessionHolds(context, perf.instanceId)).filter((x) => x.state === 'basket').map((x) => String(x.seat)).sort();
    assert.deepEqual(held, inBasket, 'the sandbox holds exactly those seats');
    assert.match(await h.notice(page), /best available seats/i);
    // A poll later the map still says the same.
    const session = await h.sessionId(context);
    const polls = await h.requestCount(session, h.STATUS_ROUTE);
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) > polls + 1, { timeout: 10_000, message: 'two more polls' });
    assert.deepEqual(await statesOf(page, 'in-basket'), inBasket);
    assert.deepEqual(await page.$$eval('seat-map [data-seat-id].is-highlight', (els) => els.map((e) => e.getAttribute('data-seat-id')).sort()), inBasket);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('does not appear when the performance has no best-available overlay', async () => {
    for (const venue of ['studio', 'theatre']) {
      const perf = await h.instanceOf(venue, { bestAvailable: false });
      const { context, page } = await h.openPerformance(browser, perf.instanceId);
      await h.waitForMap(page);
      await page.waitForSelector('seat-map [data-testid="choice-panel"]');
      assert.equal(await page.locator('seat-map [data-testid="best-available"]').count(), 0, venue);
      await context.close();
    }
  });
});

describe('standing', () => {
  it('sells an unreserved area by quantity and the places left drop in the panel and on the map', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    const block = page.locator('seat-map [data-testid="standing-block"]').first();
    await block.waitFor();
    const areaId = await block.getAttribute('data-area-id');
    const leftText = () => block.locator('[data-testid="standing-left"]').textContent();
    const [, left0, capacity] = (await leftText()).match(/^(\d+) of (\d+) places left$/).map(Number);
    assert.equal(capacity, 80);
    const mapBlock = page.locator(`seat-map .seatmap-standing[data-area-id="${areaId}"]`);
    assert.equal(Number(await mapBlock.getAttribute('data-places-left')), left0);

    const stepper = block.locator('[data-testid="standing-stepper"]').first();
    await stepper.locator('[data-testid="standing-plus"]').click();
    await stepper.locator('[data-testid="standing-plus"]').click();
    assert.equal(await stepper.locator('[data-testid="standing-count"]').textContent(), '2');
    assert.match(await page.locator('seat-map [data-testid="selection-total"]').textContent(), /^2 tickets: £/);
    await addButton(page).click();

    const placesShown = async () => ({ panel: await leftText(), map: await mapBlock.getAttribute('data-places-left') });
    await h.eventually(async () => {
      const p = await placesShown();
      return p.panel === `${left0 - 2} of ${capacity} places left` && p.map === String(left0 - 2) && p;
    }, { message: `${left0 - 2} places left`, timeout: 10_000 });
    const mine = (await sessionHolds(context, perf.instanceId)).filter((x) => x.area === areaId);
    assert.equal(mine.reduce((n, x) => n + x.quantity, 0), 2, JSON.stringify(mine));
    assert.match(await h.notice(page), /Added 2 tickets/);

    // Another buyer takes 3 more: the count follows on the next poll.
    await h.control(`instances/${perf.instanceId}/sell`, { area: areaId, quantity: 3 });
    await h.eventually(async () => {
      const p = await placesShown();
      return p.panel === `${left0 - 5} of ${capacity} places left` && p.map === String(left0 - 5) && p;
    }, { message: `${left0 - 5} places left`, timeout: 10_000 });
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('lost seats', () => {
  it('offers the nearest seats together when a chosen seat is sold before adding, and they can be accepted and added', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    // A long interval: nothing but the add itself finds out about the sale.
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '600', singles: 'off' });
    await h.waitForMap(page);
    for (const id of run.seats) await choose(page, id);
    const [lost, kept] = run.seats;
    await h.control(`instances/${perf.instanceId}/sell`, { seats: [lost] });
    assert.equal(await h.seatState(page, lost), 'selected', 'the widget does not know yet');

    await addButton(page).click();
    await page.waitForSelector('seat-map [data-testid="alternative"]', { timeout: 10_000 });
    await h.waitForState(page, lost, 'unavailable');
    assert.match(await h.notice(page), /taken by someone else/);
    assert.equal(await h.seatState(page, kept), 'selected', 'the rest of the choice is kept');
    assert.equal((await sessionHolds(context, perf.instanceId)).length, 0, 'nothing half-added');

    await page.click('seat-map [data-testid="accept-alternative"]');
    await page.waitForFunction(() => !seatmapQuery('seat-map [data-testid="alternative"]'));
    const chosen = await statesOf(page, 'selected');
    assert.equal(chosen.length, 2, `two seats chosen: ${chosen}`);
    assert.ok(!chosen.includes(lost));
    assert.match(await page.locator('seat-map [data-testid="selection-total"]').textContent(), /^2 tickets: £/);

    await addButton(page).click();
    for (const id of chosen) await h.waitForState(page, id, 'in-basket');
    const held = (await sessionHolds(context, perf.instanceId)).filter((x) => x.state === 'basket').map((x) => String(x.seat)).sort();
    assert.deepEqual(held, chosen);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('also offers the alternative when a poll finds the seat gone before the customer adds', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2', singles: 'off' });
    await h.waitForMap(page);
    for (const id of run.seats) await choose(page, id);
    await h.control(`instances/${perf.instanceId}/sell`, { seats: [run.seats[1]] });
    await page.waitForSelector('seat-map [data-testid="alternative"]', { timeout: 10_000 });
    await h.waitForState(page, run.seats[1], 'unavailable');
    await page.click('seat-map [data-testid="accept-alternative"]');
    await page.waitForFunction(() => seatmapQueryAll('seat-map [data-seat-id][data-state="selected"]').length === 2);
    assert.ok(await addButton(page).isEnabled());
    await context.close();
  });
});

describe('quantities', () => {
  it('refuses a ticket beyond max-tickets and says why', async () => {
    const perf = await h.instanceOf('studio');
    const letters = await h.anonymousLetters(perf.instanceId);
    const free = [...letters].filter(([, s]) => s.status === 'A').map(([id]) => id).slice(0, 5);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'max-tickets': '4', singles: 'off' });
    await h.waitForMap(page);
    for (const id of free.slice(0, 4)) await choose(page, id);
    await h.clickSeat(page, free[4]);
    assert.match(await h.notice(page), /at most 4 tickets/);
    assert.equal(await h.seatState(page, free[4]), 'available');
    assert.equal((await statesOf(page, 'selected')).length, 4);
    assert.ok(await addButton(page).isEnabled(), '4 is fine');
    await context.close();
  });

  it('counts tickets already in the basket towards max-tickets, in best available too', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'max-tickets': '4', singles: 'off' });
    await h.waitForMap(page);
    const quantities = () => page.$$eval('seat-map [data-testid="best-quantity"] option', (els) => els.map((e) => e.value));
    assert.deepEqual(await quantities(), ['1', '2', '3', '4']);
    await page.selectOption('seat-map [data-testid="best-quantity"]', '3');
    await page.click('seat-map [data-testid="best-submit"]');
    await page.waitForFunction(() => seatmapQueryAll('seat-map [data-seat-id][data-state="in-basket"]').length === 3,
      null, { timeout: 15_000 });
    // One more may be booked, not four.
    await page.waitForFunction(() => [...seatmapQueryAll('seat-map [data-testid="best-quantity"] option')].map((e) => e.value).join() === '1',
      null, { timeout: 10_000 });
    await choose(page, run.seats[0]);
    await waitForProblems(page, []);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, run.seats[0], 'in-basket');
    await page.waitForSelector('seat-map [data-testid="best-none"]', { timeout: 10_000 });
    assert.match(await page.locator('seat-map [data-testid="best-none"]').textContent(), /already holds 4/);
    assert.equal(await page.locator('seat-map [data-testid="best-submit"]').count(), 0);
    // And the map refuses a fifth ticket, saying why.
    const free = (await h.runsOf(perf.planId, perf.instanceId, 1)).map((r) => r.seats[0]).find((id) => id !== run.seats[0]);
    await h.clickSeat(page, free);
    assert.match(await h.notice(page), /at most 4 tickets/);
    assert.equal(await h.seatState(page, free), 'available');
    assert.equal((await sessionHolds(context, perf.instanceId)).length, 4);
    await context.close();
  });

  it('pairs only: explains the allowed counts plainly and allows adding only at 2 or 4', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 5);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'max-tickets': '4', 'allowed-counts': '2,4', singles: 'off' });
    await h.waitForMap(page);

    await choose(page, run.seats[0]);
    await waitForProblems(page, [/2 or 4/]);
    const one = (await problemTexts(page))[0];
    assert.doesNotMatch(one, /\b1 tickets\b/, `plain English: ${one}`);
    assert.match(one, /choose 2\b|1 more/, one);
    assert.ok(await addButton(page).isDisabled());

    await choose(page, run.seats[1]);
    await waitForProblems(page, []);
    assert.ok(await addButton(page).isEnabled(), '2 is allowed');

    await choose(page, run.seats[2]);
    await waitForProblems(page, [/2 or 4/]);
    assert.match((await problemTexts(page))[0], /\b3\b/);
    assert.ok(await addButton(page).isDisabled());

    await choose(page, run.seats[3]);
    await waitForProblems(page, []);
    assert.ok(await addButton(page).isEnabled(), '4 is allowed');

    await h.clickSeat(page, run.seats[4]);
    assert.match(await h.notice(page), /at most 4 tickets/);
    assert.equal(await h.seatState(page, run.seats[4]), 'available');

    // Best available offers only the counts that can be bought.
    const options = await page.$$eval('seat-map [data-testid="best-quantity"] option', (els) => els.map((e) => e.value));
    assert.deepEqual(options, ['2', '4']);
    await context.close();
  });
});
