// When Spektrix is failing or busy (issue 9): the polling policy under a 503
// storm and a huge Retry-After, basket operations racing polls, a lost answer,
// a failed basket read, clicks while adding, sale state and the queue.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => {
  await h.control('reset', {});
});

/** Times (ms since the test began) of each status/detail request the page makes. */
function watchStatusRequests(page) {
  const times = [];
  const started = Date.now();
  page.on('request', (r) => { if (r.url().includes('/status/detail')) times.push(Date.now() - started); });
  return times;
}

/** Every notice text the page shows, as it changes. */
async function watchNotices(page) {
  const seen = [];
  const poll = setInterval(async () => {
    const text = await page.locator('seat-map [data-testid="notice"]').textContent({ timeout: 200 }).catch(() => null);
    if (text && seen[seen.length - 1] !== text) seen.push(text);
  }, 50);
  return { seen, stop: () => clearInterval(poll) };
}

const addButton = (page) => page.locator('seat-map [data-testid="add-to-basket"]');
const freshness = (page) => page.locator('seat-map [data-testid="freshness"]').textContent();

describe('the polling policy', () => {
  it('never polls faster than the interval during a 30 s storm of 503s, and recovers by itself', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '5' });
    const times = watchStatusRequests(page);
    await h.waitForMap(page);
    const session = await h.sessionId(context);
    await h.eventually(async () => /live/.test(await freshness(page)), { message: 'live' });
    await h.control('faults', { route: 'status/detail', status: 503, times: 10_000 });
    const before = await h.requestCount(session, h.STATUS_ROUTE);
    const stormStart = times.length;
    await new Promise((r) => setTimeout(r, 30_000));
    const during = (await h.requestCount(session, h.STATUS_ROUTE)) - before;
    await h.control('faults', undefined, 'DELETE');
    // The interval allows 30 / 5 = 6 requests; the back-off must do no worse (and one more at most).
    assert.ok(during <= 7, `${during} requests in 30 s at a 5 s interval`);
    assert.ok(during >= 2, `it kept trying: ${during}`);
    const gaps = times.slice(stormStart).map((t, i, all) => (i === 0 ? null : t - all[i - 1])).filter((g) => g !== null);
    assert.ok(gaps.every((g) => g >= 4_900), `never sooner than the interval: ${gaps}`);
    assert.ok(gaps.length < 2 || gaps[gaps.length - 1] >= gaps[0], `backing off: ${gaps}`);
    assert.match(await freshness(page), /having trouble/);
    await h.eventually(async () => /live/.test(await freshness(page)), { timeout: 90_000, message: 'recovered by itself' });
    await context.close();
  });

  it('waits out a huge Retry-After instead of looping', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2' });
    await h.waitForMap(page);
    const session = await h.sessionId(context);
    await h.control('faults', { route: 'status/detail', status: 429, retryAfterSecs: 9_999_999, times: 1 });
    const before = await h.requestCount(session, h.STATUS_ROUTE);
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) === before + 1, { timeout: 6_000, message: 'the 429' });
    await new Promise((r) => setTimeout(r, 8_000));
    assert.equal(await h.requestCount(session, h.STATUS_ROUTE), before + 1, 'no second request: the wait is capped at an hour, never zero');
    assert.match(await freshness(page), /very busy/);
    await context.close();
  });
});

describe('basket operations', () => {
  it('an add racing polls never calls the customer\'s own seats "taken"', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2', singles: 'off' });
    await h.waitForMap(page);
    for (const id of run.seats) { await h.clickSeat(page, id); await h.waitForState(page, id, 'selected'); }
    // The add takes 3 s: at least one poll lands after the server committed, before the answer.
    await h.control('faults', { route: 'basket/tickets', method: 'POST', latencyMs: 3_000, times: 1 });
    const notices = await watchNotices(page);
    await addButton(page).click();
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket', 15_000);
    await h.eventually(async () => /Added 2 tickets/.test(await h.notice(page)), { message: 'the added notice' });
    notices.stop();
    assert.ok(!notices.seen.some((t) => /taken/i.test(t)), notices.seen.join(' | '));
    await context.close();
  });

  it('keeps clicks made while adding, and freezes the seats being added', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 3);
    const [adding, clicked] = [run.seats[0], run.seats[2]];
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { singles: 'off' });
    await h.waitForMap(page);
    await h.clickSeat(page, adding);
    await h.waitForState(page, adding, 'selected');
    await h.control('faults', { route: 'basket/tickets', method: 'POST', latencyMs: 2_500, times: 1 });
    await addButton(page).click();
    await h.clickSeat(page, adding);
    assert.equal(await h.seatState(page, adding), 'selected', 'a seat being added cannot be toggled off');
    await h.clickSeat(page, clicked);
    await h.waitForState(page, clicked, 'selected');
    await h.waitForState(page, adding, 'in-basket', 10_000);
    assert.equal(await h.seatState(page, clicked), 'selected', 'the click made while adding survived');
    // And it is still there after the next poll.
    await page.evaluate(() => document.querySelector('seat-map').refresh());
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(await h.seatState(page, clicked), 'selected');
    await context.close();
  });

  it('settles an add whose answer was lost from the basket, and offers to remove tickets sent twice', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { singles: 'off' });
    await h.waitForMap(page);
    await h.eventually(async () => (await page.locator('seat-map [data-testid="basket-panel"]').textContent()).includes('empty'), { message: 'the basket read' });
    // Two standing places; the server adds them, then the connection drops before the answer.
    const plus = page.locator('seat-map [data-testid="standing-plus"]').first();
    await plus.click();
    await plus.click();
    await h.control('faults', { route: 'basket/tickets', method: 'POST', dropAfter: true, times: 2 });
    await addButton(page).click();
    const tickets = () => page.locator('seat-map [data-testid="basket-panel"] [data-ticket-id]').count();
    await h.eventually(async () => (await tickets()) >= 2, { timeout: 15_000, message: 'the basket read after the lost answer' });
    await h.eventually(async () => (await page.locator('seat-map [data-testid="add-to-basket"]').count()) === 0 || !(await h.notice(page)).includes('Checking'), { message: 'settled' });
    const count = await tickets();
    if (count > 2) {
      // The browser sent the add twice: said plainly, and one click removes the extra.
      assert.match(await h.notice(page), /sent twice/);
      await page.click('seat-map [data-testid="remove-extra"]');
      await h.eventually(async () => (await tickets()) === 2, { message: 'the extra removed' });
    } else {
      assert.equal(count, 2);
      assert.match(await h.notice(page), /Added 2 tickets/);
    }
    const session = await h.sessionId(context);
    const holds = (await h.control(`instances/${perf.instanceId}/holds`)).filter((x) => x.session === session);
    assert.equal(holds.reduce((n, x) => n + (x.quantity ?? 1), 0), 2, 'exactly what was asked for stays held');
    await context.close();
  });

  it('explains a partial add seat by seat and keeps what was not added', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { singles: 'off' });
    await h.waitForMap(page);
    for (const id of run.seats) { await h.clickSeat(page, id); await h.waitForState(page, id, 'selected'); }
    // The box office adds only the first ticket of the request.
    await h.control('faults', { route: 'basket/tickets', method: 'POST', partial: 1, times: 1 });
    await addButton(page).click();
    await h.waitForState(page, run.seats[0], 'in-basket');
    await h.eventually(async () => /Added 1 of the 2 tickets/.test(await h.notice(page)), { message: 'the partial add said' });
    assert.match(await h.notice(page), /was not added and stays in your choice/);
    assert.equal(await h.seatState(page, run.seats[1]), 'selected', 'what was not added stays chosen');
    await addButton(page).click();
    await h.waitForState(page, run.seats[1], 'in-basket');
    await context.close();
  });

  it('a failed basket read says it is checking and recovers by itself', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'poll-interval': '2', singles: 'off' });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await h.control('faults', { route: 'basket', method: 'GET', status: 503, times: 2 });
    await addButton(page).click();
    await h.waitForState(page, run.seats[0], 'in-basket');
    const panel = page.locator('seat-map [data-testid="basket-panel"]');
    await h.eventually(async () => (await panel.locator('[data-ticket-id]').count()) === 1, { timeout: 20_000, message: 'the basket read again by itself' });
    assert.ok(!(await panel.textContent()).includes('empty'));
    await context.close();
  });
});

describe('sale state and the queue', () => {
  it('shows a performance that is not on sale yet read-only, with when it opens', async () => {
    const perf = await h.instanceOf('studio');
    await h.control(`instances/${perf.instanceId}/sale`, { isOnSale: false, startSellingAtWeb: '2027-01-15T10:00:00' });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { locale: 'en-GB' });
    await h.waitForMap(page);
    const sale = page.locator('seat-map [data-testid="sale-state"]');
    await sale.waitFor();
    assert.match(await sale.textContent(), /go on sale online on .*15 January 2027/);
    await h.clickSeat(page, run.seats[0]);
    assert.match(await h.notice(page), /not on sale online yet/);
    assert.notEqual(await h.seatState(page, run.seats[0]), 'selected');
    await context.close();
  });

  it('notices a performance taken off sale while the customer chooses, from the refusal', async () => {
    const perf = await h.instanceOf('studio');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { singles: 'off' });
    await h.waitForMap(page);
    await h.clickSeat(page, run.seats[0]);
    await h.waitForState(page, run.seats[0], 'selected');
    await h.control(`instances/${perf.instanceId}/sale`, { isOnSale: false });
    await addButton(page).click();
    await h.eventually(async () => /not on sale|sales for this performance have closed/.test(await h.notice(page)), { message: 'the refusal explained' });
    await page.locator('seat-map [data-testid="sale-state"]').waitFor({ timeout: 5_000 });
    assert.equal(await addButton(page).isDisabled(), true, 'nothing more can be added');
    await context.close();
  });

  it('sends the customer to the queue with their choice kept, and restores it when they come back', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    await h.control('queue', { enabled: true, instance: perf.instanceId, times: 1 });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { singles: 'off' });
    await h.waitForMap(page);
    await page.evaluate(() => {
      window.queueEvents = [];
      document.addEventListener('seatmap:queue', (e) => window.queueEvents.push(e.detail));
    });
    for (const id of run.seats) { await h.clickSeat(page, id); await h.waitForState(page, id, 'selected'); }
    await addButton(page).click();
    const panel = page.locator('seat-map [data-testid="queue"]');
    await panel.waitFor();
    assert.match(await panel.textContent(), /join the queue/i);
    const link = page.locator('seat-map [data-testid="join-queue"]');
    const href = await link.getAttribute('href');
    assert.ok(href.startsWith(h.API_ORIGIN), `the queue is on the custom domain: ${href}`);
    const events = await page.evaluate(() => window.queueEvents);
    assert.equal(events.length, 1);
    assert.equal(events[0].url, href);
    for (const id of run.seats) assert.equal(await h.seatState(page, id), 'selected', 'the choice is kept');
    await link.click();
    await page.waitForSelector('#queue');
    await page.goBack();
    await h.waitForMap(page);
    for (const id of run.seats) await h.waitForState(page, id, 'selected');
    assert.match(await h.notice(page), /kept your choice/);
    await addButton(page).click();
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket');
    await context.close();
  });
});
