// The buyer's way from the map to the checkout (issue 11): the summary bar
// keeps the next step in sight on a laptop and on a phone, messages never
// move the map, focus goes to the basket after adding, headings fit the host
// page, nothing is announced that nobody did, switching performance says
// what happened to the choice, and a basket change in one map reaches every
// other map on the page. Locators only (they reach into a shadow root).
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

async function openOn(options, instanceId, params = {}) {
  const context = await h.newContext(browser, options);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  const query = new URLSearchParams(params).toString();
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(instanceId)}${query ? '?' + query : ''}`);
  await h.waitForMap(page);
  return { context, page };
}

const inside = (box, viewport) => box && box.y >= 0 && box.x >= 0
  && box.y + box.height <= viewport.height + 0.5 && box.x + box.width <= viewport.width + 0.5;

/** Whether the summary (the next step) is wholly on screen now. */
async function summaryInView(page) {
  const summary = page.locator('seat-map [data-testid="summary"]');
  return (await summary.count()) === 1 && inside(await summary.boundingBox(), page.viewportSize());
}

/** Whether this locator's element has the keyboard focus (in the document or the widget's shadow root). */
const hasFocus = (locator) => locator.evaluate((el) => el.getRootNode().activeElement === el);

/** A two-finger pinch that zooms in about (x, y). */
async function pinchOut(page, x, y, scaleFactor = 2.5) {
  const session = await page.context().newCDPSession(page);
  await session.send('Input.synthesizePinchGesture', { x, y, scaleFactor, gestureSourceType: 'touch' });
  await session.detach();
}

/** Smaller than this, a fingertip covers several seats: the buyer zooms in first. */
const FINGER_PX = 24;

/**
 * Chooses a seat as a buyer on a phone does: zooms in with two fingers
 * about it until it is big enough to hit, then taps it (again where it now
 * is, if the first tap moved the map).
 */
async function tapSeat(page, id) {
  const seat = h.seat(page, id);
  for (let pinch = 0; pinch < 8; pinch++) {
    const box = await seat.boundingBox();
    if (box.width >= FINGER_PX) break;
    await pinchOut(page, box.x + box.width / 2, box.y + box.height / 2);
  }
  assert.ok((await seat.boundingBox()).width >= FINGER_PX, `seat ${id} can be zoomed to a finger's size`);
  for (let attempt = 0; attempt < 4; attempt++) {
    if ((await h.seatState(page, id)) === 'selected') return;
    await seat.tap();
    try {
      await h.waitForState(page, id, 'selected', 1_500);
      return;
    } catch { /* the tap moved the map: tap the seat where it is now */ }
  }
  assert.fail(`seat ${id} could not be chosen by tapping`);
}

/** The page's vertical scroll position. */
const scrollY = (page) => page.evaluate(() => window.scrollY);

/** Waits until the page has stopped scrolling (a fling ends by itself; a tap during one only stops it). */
async function scrollSettled(page) {
  let last = await scrollY(page);
  await h.eventually(async () => {
    await new Promise((r) => setTimeout(r, 250));
    const now = await scrollY(page);
    const still = now === last;
    last = now;
    return still;
  }, { timeout: 10_000, message: 'the page to stop scrolling' });
}

/** A one-finger swipe up from (x, y), as raw touches (the browser decides what scrolls). */
async function swipeUp(page, x, y, distance = 300) {
  const session = await page.context().newCDPSession(page);
  const steps = 10;
  await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let step = 1; step <= steps; step++) {
    await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - (distance * step) / steps }] });
  }
  await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await session.detach();
}

describe('the next step in sight', () => {
  it('on a phone, a buyer picks 2 adjacent theatre seats and reaches checkout with the summary always in view', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await openOn(PHONE, perf.instanceId);
    // The map first, the panels below it.
    const map = await page.locator('seat-map [data-testid="seatmap-svg"]').boundingBox();
    const choicePanel = await page.locator('seat-map [data-testid="choice-panel"]').boundingBox();
    assert.ok(choicePanel.y >= map.y + map.height, `panels below the map: choice at ${choicePanel.y}, map ends at ${map.y + map.height}`);
    assert.ok(map.width > 300, `the map takes the phone's width (${map.width} px)`);
    assert.equal(await page.locator('seat-map [data-testid="summary"]').count(), 0, 'no summary before anything is chosen');

    await tapSeat(page, run.seats[0]);
    assert.ok(await summaryInView(page), 'the summary is on screen after the first seat');
    assert.match(await page.locator('seat-map [data-testid="summary-text"]').textContent(), /^1 seat · £\d+\.\d\d$/);
    await tapSeat(page, run.seats[1]);
    assert.ok(await summaryInView(page), 'and after the second');
    assert.match(await page.locator('seat-map [data-testid="summary-text"]').textContent(), /^2 seats · £\d+\.\d\d$/);

    // The page still scrolls with one finger, the summary staying on screen.
    assert.ok(await page.evaluate(() => document.scrollingElement.scrollHeight > window.innerHeight + 200), 'the page is longer than the screen');
    const text = await page.locator('seat-map [data-testid="summary-text"]').boundingBox();
    const before = await scrollY(page);
    await swipeUp(page, text.x + 20, text.y + text.height / 2);
    await h.eventually(async () => (await scrollY(page)) > before + 100, { timeout: 5_000, message: 'the page scrolled under the finger' });
    await scrollSettled(page);
    assert.ok(await summaryInView(page), 'the summary stays on screen while the page scrolls');

    await page.locator('seat-map [data-testid="summary-add"]').tap();
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket', 15_000);
    const basket = page.locator('seat-map [data-testid="basket-panel"]');
    await h.eventually(() => hasFocus(basket), { timeout: 5_000, message: 'focus on the basket after adding' });
    await page.locator('seat-map [data-testid="summary-text"]').filter({ hasText: /^2 tickets in your basket · £\d+\.\d\d$/ }).waitFor();
    assert.ok(await summaryInView(page), 'the summary offers the checkout on screen');

    // Every button of the panels and the bar is a fair target for a finger.
    const small = await page.locator('seat-map .seatmap-side button:visible, seat-map .seatmap-side a.seatmap-primary:visible, seat-map [data-testid="summary-bar"] button:visible, seat-map [data-testid="summary-bar"] a:visible')
      .evaluateAll((elements) => elements.map((e) => [e.textContent.trim() || e.getAttribute('aria-label'), e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44).map(([name, r]) => `${name} ${Math.round(r.width)}×${Math.round(r.height)}`));
    assert.deepEqual(small, [], 'buttons at least 44 × 44 px');

    await page.locator('seat-map [data-testid="summary-checkout"]').tap();
    await page.waitForURL(/\/checkout$/);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('on a laptop, after "Add to basket" the focus is on the basket, the checkout is on screen and the map has not moved', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 2);
    const { context, page } = await openOn({ viewport: { width: 1280, height: 900 } }, perf.instanceId);
    for (const id of run.seats) {
      await h.clickSeat(page, id);
      await h.waitForState(page, id, 'selected');
    }
    const svg = page.locator('seat-map [data-testid="seatmap-svg"]');
    const mapBefore = await svg.boundingBox();
    // By keyboard, as a screen reader user would.
    await page.locator('seat-map [data-testid="add-to-basket"]').focus();
    await page.keyboard.press('Enter');
    for (const id of run.seats) await h.waitForState(page, id, 'in-basket', 15_000);
    const basket = page.locator('seat-map [data-testid="basket-panel"]');
    await h.eventually(() => hasFocus(basket), { timeout: 5_000, message: 'focus on the basket after adding' });
    await page.locator('seat-map [data-testid="notice"]').filter({ hasText: 'Added 2 tickets' }).waitFor();
    assert.deepEqual(await svg.boundingBox(), mapBefore, 'the message did not move the map');
    assert.ok(inside(await page.locator('seat-map [data-testid="summary-checkout"]').boundingBox(), page.viewportSize()),
      '"Go to checkout" is on screen without scrolling');
    assert.equal(await scrollY(page), 0, 'nothing scrolled the page');
    // A message never sits over the seats: on a laptop the bar keeps to the side column.
    const bar = await page.locator('seat-map [data-testid="summary-bar"]').boundingBox();
    assert.ok(bar.x >= mapBefore.x + mapBefore.width, `the bar (x ${bar.x}) is beside the map (ends at ${mapBefore.x + mapBefore.width})`);
    await context.close();
  });
});

describe('headings and announcements', () => {
  it('headings follow heading-level (default 3), areas one level below', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const levels = async (page) => page.locator('seat-map :is(h1, h2, h3, h4, h5, h6)')
      .evaluateAll((hs) => hs.map((x) => `${x.tagName.toLowerCase()} ${x.textContent.trim()}`));
    const byDefault = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(byDefault.page);
    await byDefault.page.locator('seat-map [data-testid="standing-block"]').first().waitFor();
    const normal = await levels(byDefault.page);
    assert.ok(normal.includes('h3 Your choice') && normal.includes('h3 Your basket') && normal.includes('h4 Standing'), normal.join(', '));
    await byDefault.context.close();
    const second = await h.openPerformance(browser, perf.instanceId, { 'heading-level': '2' });
    await h.waitForMap(second.page);
    await second.page.locator('seat-map [data-testid="standing-block"]').first().waitFor();
    const raised = await levels(second.page);
    assert.ok(raised.includes('h2 Your choice') && raised.includes('h2 Your basket') && raised.includes('h3 Standing'), raised.join(', '));
    assert.ok(!raised.some((x) => x.startsWith('h4')), raised.join(', '));
    await second.context.close();
  });

  it('says nothing at load that nobody did, and says a standing count once it is changed', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    await page.locator('seat-map [data-testid="freshness"]').filter({ hasText: 'live' }).waitFor({ timeout: 20_000 });
    await page.locator('seat-map [data-testid="standing-block"]').first().waitFor();
    const spoken = () => page.locator('seat-map :is([aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"], output)')
      .evaluateAll((regions) => regions.map((r) => r.textContent.trim()).filter(Boolean));
    assert.deepEqual(await spoken(), [], 'every live region is empty at load');
    const stepper = page.locator('seat-map [data-testid="standing-stepper"]').first();
    const type = await stepper.getAttribute('data-ticket-type');
    await stepper.locator('[data-testid="standing-plus"]').click();
    await page.locator('seat-map [data-testid="standing-said"]').filter({ hasText: `1 ${type} ticket for Standing` }).waitFor();
    assert.deepEqual(await spoken(), [`1 ${type} ticket for Standing`], 'only the change is said');
    await context.close();
  });
});

describe('switching performance', () => {
  it('says the choice stayed with the performance before, and brings it back on switching back', async () => {
    const catalog = (await h.catalog()).filter((c) => c.venue === 'studio');
    assert.ok(catalog.length >= 2, 'two studio performances');
    const [first, second] = catalog;
    const [run] = await h.runsOf(first.planId, first.instanceId, 2);
    const { context, page } = await h.openPerformance(browser, first.instanceId);
    await h.waitForMap(page);
    for (const id of run.seats) {
      await h.clickSeat(page, id);
      await h.waitForState(page, id, 'selected');
    }
    await page.locator('[data-testid="switch"]').selectOption(second.instanceId);
    const notice = page.locator('seat-map [data-testid="notice"]');
    await notice.filter({ hasText: /Your choice of 2 tickets for .* was not carried over/ }).waitFor({ timeout: 20_000 });
    assert.match(await notice.textContent(), /Thursday,? (3 December|December 3)/, 'names the performance the choice belongs to');
    assert.equal(await page.locator('seat-map [data-seat-id][data-state="selected"]').count(), 0, 'nothing chosen here');

    await page.locator('[data-testid="switch"]').selectOption(first.instanceId);
    for (const id of run.seats) await h.waitForState(page, id, 'selected', 20_000);
    await notice.filter({ hasText: 'Your choice for this performance is back.' }).waitFor();
    assert.equal(await page.locator('seat-map [data-testid="choice-panel"] .seatmap-choice').count(), 2);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('several maps on one page', () => {
  it('a basket change in one map makes the other read the basket again', async () => {
    const studio = await h.instanceOf('studio');
    const theatre = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, studio.instanceId);
    await h.waitForMap(page);
    // The second map polls rarely: only the first map's event can make it look.
    await h.addSecondMap(page, theatre.instanceId, { parent: 'main', attributes: { 'poll-interval': '600' } });
    const secondTickets = page.locator('#second [data-testid="basket-panel"] [data-ticket-id]');
    await page.locator('#second [data-testid="basket-panel"]').filter({ hasText: 'Your basket is empty.' }).waitFor({ timeout: 20_000 });
    const session = await h.sessionId(context);
    const readsBefore = await h.requestCount(session, 'GET basket');

    const [run] = await h.runsOf(studio.planId, studio.instanceId, 1);
    await page.locator(`#seatmap [data-seat-id="${run.seats[0]}"]`).dispatchEvent('click');
    await page.locator('#seatmap [data-testid="add-to-basket"]').click();
    await secondTickets.first().waitFor({ timeout: 10_000 });
    assert.equal(await secondTickets.count(), 1);
    assert.match(await secondTickets.first().textContent(), /another performance/);
    assert.ok(await h.requestCount(session, 'GET basket') >= readsBefore + 2, 'both maps read the basket after the add');
    await context.close();
  });
});
