// Login-aware lock views end to end: the Members allocation in the theatre's
// Dress Circle is locked for the public and non-members and opens for a
// logged-in member of the same session, without a reload, whether the
// customer logs in through the widget's own form or through the venue's
// loginlogout.aspx iframe. Real sandbox over HTTP; page and API on
// different origins.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

const MEMBER = { email: 'member@example.com', password: 'member-demo', first: 'Morgan', last: 'Member' };
const GUEST = { email: 'guest@example.com', password: 'guest-demo', first: 'Gale', last: 'Guest' };
/** "Within a second": a deadline measured from the login (or logout) click. */
const SNAPPY_MS = 2_000;

let browser;
let perf;
let members; // { lockId, lockName, description, free: [seat ids free in the lock], names: Map id → plan name }
before(async () => {
  await h.startServers();
  browser = await h.launch();
  await h.control('reset', {});
  perf = await h.instanceOf('theatre', { bestAvailable: true });
  members = await membersSeats(perf);
  assert.ok(members.free.length >= 3, `the theatre has free Members seats (${members.free.length})`);
});
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

/** The Members lock of a performance, as an anonymous session sees it. */
async function membersSeats({ instanceId, planId }) {
  const detail = await h.publicApi(`instances/${instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
  const lockTypes = new Map();
  const walk = (area, fn) => { fn(area); for (const a of [...(area.areas ?? []), ...(area.childPlans ?? [])]) walk(a, fn); };
  for (const a of detail.areas ?? []) walk(a, (area) => { for (const lt of area.lockTypes ?? []) lockTypes.set(lt.id, lt); });
  const lock = [...lockTypes.values()].find((lt) => lt.name === 'Members');
  assert.ok(lock, `a Members lock type in ${[...lockTypes.values()].map((l) => l.name)}`);
  const letters = await h.anonymousLetters(instanceId);
  const free = [...letters].filter(([, s]) => s.lockType === lock.id && s.status === 'U').map(([id]) => id);
  const names = new Map((await h.planSeats(planId)).map((s) => [String(s.id), s.name]));
  return { lockId: lock.id, lockName: lock.name, description: lock.description, free, names };
}

/**
 * A seat's name as assistive technology hears it with the pointer on the
 * seat (a screen reader's mouse tracking): only the seat with focus and the
 * one under the pointer carry a name, formatted when they become so.
 */
async function seatName(page, id) {
  // Dispatched, not hovered: a held seat's outline has a hole in its middle, where a real pointer would miss it.
  await h.seat(page, id).dispatchEvent('pointerover');
  return h.eventually(() => h.seat(page, id).getAttribute('aria-label'), { message: `seat ${id} named` });
}

/** data-state of every Members seat, in one round trip. */
async function statesOf(page, ids) {
  return page.evaluate((ids) => ids.map((id) => seatmapQuery(`seat-map [data-seat-id="${id}"]`)?.getAttribute('data-state')), ids);
}

/** Waits until every seat in `ids` shows `state`; the deadline counts from `since` (ms epoch). */
async function allInState(page, ids, state, { since = Date.now(), within = 10_000, what = state } = {}) {
  const left = Math.max(1, since + within - Date.now());
  try {
    await page.waitForFunction(([ids, state]) => ids.every((id) => seatmapQuery(`seat-map [data-seat-id="${id}"]`)?.getAttribute('data-state') === state),
      [ids, state], { timeout: left, polling: 50 });
  } catch (e) {
    const states = await statesOf(page, ids);
    const counts = states.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});
    throw new Error(`not all ${ids.length} Members seats became ${what} within ${within} ms: ${JSON.stringify(counts)}`);
  }
  return Date.now() - since;
}

async function lockSummary(page, name = 'Members') {
  const item = page.locator(`seat-map [data-testid="lock-summary"][data-lock="${name}"]`);
  if (!(await item.count())) return null;
  return { available: Number(await item.getAttribute('data-available')), text: (await item.textContent()) ?? '' };
}

/** Per lock type, how many seats are open to the page's own session (its cookie), from status/detail. */
async function locksAsSessionSees(page) {
  const detail = await page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).json(),
    `${h.API}instances/${perf.instanceId}/status/detail?includeChildPlans=true&includeLockInformation=true`);
  const names = new Map();
  const counts = {};
  const walk = (area, fn) => { fn(area); for (const a of [...(area.areas ?? []), ...(area.childPlans ?? [])]) walk(a, fn); };
  for (const a of detail.areas ?? []) walk(a, (area) => { for (const lt of area.lockTypes ?? []) names.set(lt.id, lt.name); });
  for (const a of detail.areas ?? []) walk(a, (area) => {
    for (const band of area.bands ?? []) for (const seat of band.seats ?? []) {
      if (!seat.lockType) continue;
      const name = names.get(seat.lockType);
      counts[name] ??= 0;
      if (['A', 'I', 'W', 'X'].includes(seat.status)) counts[name] += 1;
    }
  });
  return counts;
}

/** The legend's held-seat list: { lock name: seats available to this customer }. */
async function legendLocks(page) {
  return page.evaluate(() => Object.fromEntries([...seatmapQueryAll('seat-map [data-testid="lock-summary"]')]
    .map((li) => [li.dataset.lock, Number(li.dataset.available)])));
}

/** Fills and submits the widget's own login form; returns when the click happened. */
async function loginWithForm(page, who) {
  await page.fill('seat-map [data-testid="login-email"]', who.email);
  await page.fill('seat-map [data-testid="login-password"]', who.password);
  const clickedAt = Date.now();
  await page.click('seat-map [data-testid="login-submit"]');
  return clickedAt;
}

/** The sandbox's record of this browser's session (customer email, basket). */
async function sandboxSession(context) {
  const id = await h.sessionId(context);
  return (await h.control('sessions')).find((s) => s.id === id);
}

async function storageDump(page) {
  return page.evaluate(() => {
    const dump = (s) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i))]));
    return { local: dump(localStorage), session: dump(sessionStorage) };
  });
}

// (Not the last name alone: "Member" is also in the lock's name, "Members".)
function assertNothingAbout(who, text, where) {
  for (const secret of [who.first, `${who.first} ${who.last}`, who.email, who.email.split('@')[0] + '@']) {
    const at = text.indexOf(secret);
    assert.ok(at < 0, `${where} mentions "${secret}": …${text.slice(Math.max(0, at - 80), at + 80)}…`);
  }
}

describe('anonymous', () => {
  it('shows members\' seats as unavailable and says they are for members', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    const seatId = members.free[0];
    const label = await seatName(page, seatId);
    assert.match(label, /unavailable/);
    assert.ok(label.includes(members.description), `label names the lock: ${label}`);
    await h.clickSeat(page, seatId);
    assert.match(await h.notice(page), /not available.*Members/);
    assert.equal(await h.seatState(page, seatId), 'held-for-others', 'a click does not choose it');
    const summary = await lockSummary(page);
    assert.equal(summary?.available, 0, 'the legend says none are open to this customer');
    assert.match(summary.text, new RegExp(`Members: ${members.free.length} seats`));
    // Every lock type on the map is listed, each with what is open to this customer.
    assert.deepEqual(await legendLocks(page), await locksAsSessionSees(page));
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});

describe('logging in with the widget\'s form', () => {
  it('opens members\' seats within a second for a member, without a reload; one goes in the basket', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    await page.evaluate(() => { window.notReloaded = true; });
    const clickedAt = await loginWithForm(page, MEMBER);
    const took = await allInState(page, members.free, 'held-for-you', { since: clickedAt, within: SNAPPY_MS });
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload');
    await page.waitForSelector('seat-map [data-testid="logout"]', { timeout: 1_000 });
    assert.match(await page.locator('seat-map [data-testid="login-status"]').textContent(), /logged in/i);
    assert.equal((await sandboxSession(context))?.customer, MEMBER.email, `sandbox session is the member's (opened in ${took} ms)`);
    assert.match(await seatName(page, members.free[0]), /available, Held for Members — available to you/);

    // The legend counts the seats now open to this customer.
    await page.waitForFunction((n) => seatmapQuery('seat-map [data-testid="lock-summary"][data-lock="Members"]')?.getAttribute('data-available') === String(n),
      members.free.length, { timeout: 2_000 });
    assert.deepEqual(await legendLocks(page), await locksAsSessionSees(page));

    // Choose one and buy it: the sandbox holds it in this session's basket.
    const chosen = members.free[0];
    await h.clickSeat(page, chosen);
    await h.waitForState(page, chosen, 'selected', 2_000);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, chosen, 'in-basket');
    const session = await h.sessionId(context);
    const holds = await h.control(`instances/${perf.instanceId}/holds`);
    assert.deepEqual(holds.filter((x) => String(x.seat) === chosen).map((x) => [x.state, x.session]), [['basket', session]]);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('on logout locks them again and explains the members\' seat in the basket', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    await allInState(page, members.free, 'held-for-you', { since: await loginWithForm(page, MEMBER), within: SNAPPY_MS });
    const [bought, ...rest] = members.free;
    await h.clickSeat(page, bought);
    await h.waitForState(page, bought, 'selected', 2_000);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, bought, 'in-basket');
    await page.waitForSelector(`seat-map [data-testid="basket-panel"] [data-seat-id="${bought}"]`);

    const clickedAt = Date.now();
    await page.click('seat-map [data-testid="logout"]');
    await allInState(page, rest, 'held-for-others', { since: clickedAt, within: SNAPPY_MS });
    await page.waitForSelector('seat-map [data-testid="login-submit"]', { timeout: 1_000 });
    assert.equal((await sandboxSession(context))?.customer ?? null, null, 'the sandbox session is logged out');

    // The seat in the basket: never silently dropped or kept. The notice names
    // it and its lock, and says what happens to it; the sandbox agrees.
    const text = await h.notice(page);
    assert.ok(text.includes(members.names.get(bought)), `notice names ${members.names.get(bought)}: ${text}`);
    assert.match(text, /Members/);
    assert.match(text, /log(ged)? out/i);
    const held = (await h.control(`instances/${perf.instanceId}/holds`)).filter((x) => String(x.seat) === bought);
    if (/kept|still/i.test(text)) {
      assert.deepEqual(held.map((x) => x.state), ['basket'], 'the notice says kept: the sandbox still holds it');
      assert.equal(await h.seatState(page, bought), 'in-basket');
      assert.equal(await page.locator(`seat-map [data-testid="basket-panel"] [data-seat-id="${bought}"]`).count(), 1);
    } else {
      assert.match(text, /removed/i);
      assert.deepEqual(held, [], 'the notice says removed: the sandbox no longer holds it');
    }
    assert.equal((await lockSummary(page))?.available, 0);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('on logout a members\' seat only chosen (not bought) is let go with the lock as the reason', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    await allInState(page, members.free, 'held-for-you', { since: await loginWithForm(page, MEMBER), within: SNAPPY_MS });
    const chosen = members.free[1];
    await h.clickSeat(page, chosen);
    await h.waitForState(page, chosen, 'selected', 2_000);
    const clickedAt = Date.now();
    await page.click('seat-map [data-testid="logout"]');
    await allInState(page, members.free, 'held-for-others', { since: clickedAt, within: SNAPPY_MS });
    const text = await h.notice(page);
    assert.ok(text.includes(members.names.get(chosen)), `notice names ${members.names.get(chosen)}: ${text}`);
    assert.match(text, /Members/);
    assert.doesNotMatch(text, /taken by someone else/, 'nobody took it: the lock closed');
    assert.equal(await page.locator('seat-map [data-testid="add-to-basket"]:not([disabled])').count(), 0, 'nothing left to add');
    await context.close();
  });

  it('keeps them locked for a customer who is not a member', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    const session = await h.sessionId(context);
    const polls = await h.requestCount(session, h.STATUS_ROUTE);
    await loginWithForm(page, GUEST);
    await page.waitForSelector('seat-map [data-testid="logout"]', { timeout: 2_000 });
    assert.equal((await sandboxSession(context))?.customer, GUEST.email);
    // The widget re-read availability after the login, and it is still locked.
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) > polls, { timeout: SNAPPY_MS, message: 'a status poll after login' });
    await page.waitForFunction(() => !/Checking/.test(seatmapQuery('seat-map [data-testid="freshness"]')?.textContent ?? ''));
    assert.deepEqual([...new Set(await statesOf(page, members.free))], ['held-for-others']);
    await h.clickSeat(page, members.free[0]);
    assert.match(await h.notice(page), /not available.*Members/);
    assert.equal((await lockSummary(page))?.available, 0);
    await context.close();
  });

  it('says plainly when the password is wrong, and nothing else changes', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    await h.clickSeat(page, run.seats[0]);
    await h.waitForState(page, run.seats[0], 'selected');
    const before = await page.evaluate(() => [...seatmapQueryAll('seat-map [data-seat-id]')].map((e) => `${e.dataset.seatId}=${e.dataset.state}`));
    const clickedAt = await loginWithForm(page, { ...MEMBER, password: 'not-the-password' });
    await page.waitForSelector('seat-map [data-testid="login-error"]', { timeout: SNAPPY_MS - (Date.now() - clickedAt) });
    assert.match(await page.locator('seat-map [data-testid="login-error"]').textContent(), /email address or password is incorrect/i);
    assert.equal(await page.locator('seat-map [data-testid="login-error"]').getAttribute('role'), 'alert');
    assert.equal(await page.inputValue('seat-map [data-testid="login-password"]'), '', 'the password is not kept');
    assert.equal(await page.inputValue('seat-map [data-testid="login-email"]'), MEMBER.email, 'the email is kept to correct');
    assert.equal(await page.locator('seat-map [data-testid="logout"]').count(), 0);
    assert.equal((await sandboxSession(context))?.customer ?? null, null);
    // Let a poll go by: still the same map, the same choice.
    const session = await h.sessionId(context);
    const polls = await h.requestCount(session, h.STATUS_ROUTE);
    await page.evaluate(() => document.querySelector('seat-map').refresh());
    await h.eventually(async () => (await h.requestCount(session, h.STATUS_ROUTE)) > polls, { timeout: 3_000, message: 'a poll' });
    const afterStates = await page.evaluate(() => [...seatmapQueryAll('seat-map [data-seat-id]')].map((e) => `${e.dataset.seatId}=${e.dataset.state}`));
    assert.deepEqual(afterStates, before);
    assert.equal(await page.locator('seat-map [data-testid="notice"]').count(), 0, 'no other message');

    // And the right password after a wrong one clears the error.
    const okAt = await loginWithForm(page, MEMBER);
    await allInState(page, members.free, 'held-for-you', { since: okAt, within: SNAPPY_MS });
    assert.equal(await page.locator('seat-map [data-testid="login-error"]').count(), 0);
    assert.equal(await h.seatState(page, run.seats[0]), 'selected', 'the choice survives the login');
    await context.close();
  });

  it('says so when a login is accepted but does not stick (no cookie kept), and never spins', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    // As when the browser drops the box office's cookie: authenticate says
    // yes, the next GET customer says nobody is logged in.
    await h.control('faults', { route: 'customer', method: 'GET', status: 401, body: { errorCode: 8, message: 'Not logged in' }, times: 5 });
    const clickedAt = await loginWithForm(page, MEMBER);
    await page.waitForSelector('seat-map [data-testid="login-error"]', { timeout: SNAPPY_MS - (Date.now() - clickedAt) });
    assert.match(await page.locator('seat-map [data-testid="login-error"]').textContent(), /could not be confirmed/);
    assert.equal(await page.locator('seat-map [data-testid="login-submit"]').isDisabled(), false, 'the button is usable again');
    assert.equal(await page.locator('seat-map [data-testid="logout"]').count(), 0);
    assert.deepEqual([...new Set(await statesOf(page, members.free))], ['held-for-others']);
    await h.control('faults', undefined, 'DELETE');
    await context.close();
  });
});

describe('logging in through the venue\'s loginlogout.aspx iframe', () => {
  async function iframeLogin(page, who) {
    const frame = page.frameLocator('#login-frame');
    await frame.locator('#email').fill(who.email);
    await frame.locator('#password').fill(who.password);
    await frame.locator('#login').click();
    await frame.locator('#logout').waitFor({ timeout: 5_000 });
  }
  async function iframeLogout(page) {
    const frame = page.frameLocator('#login-frame');
    await frame.locator('#logout').click();
    await frame.locator('#login').waitFor({ timeout: 5_000 });
  }

  it('notices when the page regains focus, and when the host tells it', async () => {
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { iframe: '', 'login-form': '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    await page.evaluate(() => { window.notReloaded = true; });

    // 1. Log in inside the iframe, then come back to the page (a click on the
    //    page's own heading moves focus back from the frame).
    await iframeLogin(page, MEMBER);
    assert.equal((await sandboxSession(context))?.customer, MEMBER.email, 'the iframe logged in the widget\'s own session');
    //    Focus checks are rate-limited (at most one per 1.5 s, a later one
    //    deferred, never dropped), and this login came soon after the load's
    //    own check: allow that wait on top of the second.
    const focusedAt = Date.now();
    await page.click('h1');
    await allInState(page, members.free, 'held-for-you', { since: focusedAt, within: SNAPPY_MS + 1_500, what: 'held-for-you after focus' });
    await page.waitForSelector('seat-map [data-testid="logout"]', { timeout: 1_000 });

    // 2. Log out inside the iframe; the host page fires seatmap:customerchange.
    await iframeLogout(page);
    const toldAt = Date.now();
    await page.evaluate(() => document.dispatchEvent(new CustomEvent('seatmap:customerchange')));
    await allInState(page, members.free, 'held-for-others', { since: toldAt, within: SNAPPY_MS, what: 'locked after the customerchange event' });

    // 3. Log in again; the host page calls refreshCustomer().
    await iframeLogin(page, MEMBER);
    const calledAt = Date.now();
    await page.evaluate(() => document.querySelector('seat-map').refreshCustomer());
    await allInState(page, members.free, 'held-for-you', { since: calledAt, within: SNAPPY_MS, what: 'held-for-you after refreshCustomer()' });
    assert.equal(await page.evaluate(() => window.notReloaded), true, 'no reload');
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('notices a login right after the page loaded (a focus check is never lost)', async () => {
    // The widget rate-limits focus checks; one that arrives early must be
    // deferred, not dropped, or the customer stays locked out until the
    // next focus change.
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { iframe: '' });
    await h.waitForMap(page);
    await allInState(page, members.free, 'held-for-others');
    // Log in on the API directly with this browser's cookie (as the iframe
    // does), then focus at once.
    const status = await page.evaluate(async ([api, who]) => (await fetch(api + 'customer/authenticate', {
      method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: who.email, password: who.password }),
    })).status, [h.API, MEMBER]);
    assert.equal(status, 200);
    // A burst of focus events (as tab switching gives) asks once more, not five times.
    await page.evaluate(() => { for (let i = 0; i < 5; i++) window.dispatchEvent(new Event('focus')); });
    await allInState(page, members.free, 'held-for-you', { within: SNAPPY_MS + 1_500, what: 'held-for-you after an early focus' });
    const session = await h.sessionId(context);
    assert.equal(await h.requestCount(session, 'GET customer'), 2, 'one check on load, one deferred for the burst');
    await context.close();
  });
});

describe('privacy', () => {
  it('names the customer only with show-customer-name, and stores nothing about them', async () => {
    for (const showName of [false, true]) {
      const params = showName ? { 'login-form': '', 'show-customer-name': '' } : { 'login-form': '' };
      const { context, page } = await h.openPerformance(browser, perf.instanceId, params);
      await h.waitForMap(page);
      await allInState(page, members.free, 'held-for-others');
      await allInState(page, members.free, 'held-for-you', { since: await loginWithForm(page, MEMBER), within: SNAPPY_MS });
      const status = (await page.locator('seat-map [data-testid="login-status"]').textContent()) ?? '';
      const widgetText = await page.evaluate(() => {
        // The widget lives in the element's shadow root.
        const root = document.querySelector('seat-map').shadowRoot;
        const attrs = [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value));
        return root.textContent + '\n' + attrs.join('\n');
      });
      if (showName) {
        assert.match(status, /Morgan Member/);
        assert.ok(!widgetText.includes(MEMBER.email), 'the email is never shown');
      } else {
        assert.match(status, /logged in/i);
        assertNothingAbout(MEMBER, widgetText, 'the widget without show-customer-name');
      }
      const events = JSON.stringify(await page.evaluate(() => window.seatmapEvents));
      assertNothingAbout(MEMBER, events, 'the widget\'s events');
      for (const store of Object.values(await storageDump(page))) {
        assertNothingAbout(MEMBER, JSON.stringify(store), 'web storage');
        assert.ok(!JSON.stringify(store).includes(MEMBER.password), 'the password is not stored');
      }
      // Logged out: the name goes too.
      await page.click('seat-map [data-testid="logout"]');
      await page.waitForSelector('seat-map [data-testid="login-submit"]', { timeout: SNAPPY_MS });
      assertNothingAbout(MEMBER, await page.evaluate(() => document.querySelector('seat-map').shadowRoot.textContent), 'the widget after logout');
      assert.deepEqual(await storageDump(page), { local: {}, session: {} }, 'web storage stays empty');
      await context.close();
    }
  });
});
