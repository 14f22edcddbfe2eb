// The buyer's map end to end (issue 11): a view that never jumps under the
// pointer, the arena's overview, orientation (stage picture, row letters,
// area labels), tooltips that stay inside the map, the phone's touch
// behaviour, and the keyboard and screen-reader structure.
// Everything inside the widget is reached through Playwright locators
// (they pierce a shadow root) or through `mapRoot()` in the page.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as h from './harness.mjs';

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 };

/** A performance page in a context of its own: laptop (the harness's) or phone. */
async function open(venue, { phone = false, params = {} } = {}) {
  const perf = await h.instanceOf(venue, venue === 'theatre' ? { bestAvailable: true } : {});
  if (!phone) return { perf, ...(await h.openPerformance(browser, perf.instanceId, params)) };
  const context = await h.newContext(browser, PHONE);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  const query = new URLSearchParams(params).toString();
  await page.goto(`${h.SITE}/performance/${encodeURIComponent(perf.instanceId)}${query ? '?' + query : ''}`);
  return { perf, context, page };
}

/** In the page: the element the widget renders into (its shadow root, when it has one). */
const ROOT = 'const host = document.querySelector("seat-map"); const root = host.shadowRoot ?? host;';
const inMap = (page, body, arg) => page.evaluate(new Function('arg', `${ROOT} ${body}`), arg);

const svg = (page) => page.locator('seat-map [data-testid="seatmap-svg"]');
const viewBox = async (page) => svg(page).getAttribute('viewBox');
const detail = async (page) => svg(page).getAttribute('data-detail');
const waitForSeats = (page) => page.waitForSelector('seat-map [data-testid="seatmap-svg"][data-detail="seats"] [data-seat-id]', { timeout: 20_000 });

/** Screen boxes of seats (centre and size) for ids, in one round trip. */
const seatBoxes = (page, ids) => inMap(page, `return arg.map((id) => {
  const r = root.querySelector('[data-seat-id="' + CSS.escape(id) + '"]').getBoundingClientRect();
  return { id, x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width, height: r.height };
});`, ids);

/** Scrolls the whole map into the window (the venue's page puts it partly below the fold) and returns its box. */
async function showMap(page) {
  await svg(page).evaluate((e) => e.scrollIntoView({ block: 'center', behavior: 'instant' }));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const box = await svg(page).boundingBox();
  const size = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= size.height, `the whole map fits the window: ${JSON.stringify(box)}`);
  return box;
}

const focusedSeat = (page) => inMap(page, 'const a = root.activeElement ?? document.activeElement; return a?.getAttribute?.("data-seat-id") ?? null;');

describe('a stable view', () => {
  it('20 clicks on seats across the whole visible map move the view 0 px', async () => {
    const { perf, context, page } = await open('theatre', { params: { 'max-tickets': '20' } });
    await waitForSeats(page);
    const box = await showMap(page);
    const letters = await h.anonymousLetters(perf.instanceId);
    const available = [...letters].filter(([, s]) => s.status === 'A' && !s.lockType).map(([id]) => id);
    const boxes = await seatBoxes(page, available);
    // One seat from each cell of a 5 × 4 grid over the visible map: its corners and edges too.
    const picked = [];
    for (let gx = 0; gx < 5; gx++) {
      for (let gy = 0; gy < 4; gy++) {
        const cx = box.x + ((gx + 0.5) / 5) * box.width, cy = box.y + ((gy + 0.5) / 4) * box.height;
        const nearest = boxes.filter((b) => !picked.includes(b)).sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy))[0];
        picked.push(nearest);
      }
    }
    const spanX = Math.max(...picked.map((b) => b.x)) - Math.min(...picked.map((b) => b.x));
    assert.ok(spanX > box.width * 0.4, `seats from across the map (${spanX} px of ${box.width})`);
    const before = await viewBox(page);
    const reference = (await seatBoxes(page, [picked[0].id]))[0];
    for (const seat of picked) {
      await page.mouse.click(seat.x, seat.y);
      await h.waitForState(page, seat.id, 'selected');
      assert.equal(await viewBox(page), before, `the view moved after clicking ${seat.id}`);
      const [now] = await seatBoxes(page, [reference.id]);
      assert.ok(Math.abs(now.x - reference.x) < 0.5 && Math.abs(now.y - reference.y) < 0.5,
        `seats moved on screen after clicking ${seat.id}: ${JSON.stringify(now)} from ${JSON.stringify(reference)}`);
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('the keyboard moves the view only for a seat out of sight, and only as far as needed', async () => {
    const { context, page } = await open('theatre');
    await waitForSeats(page);
    // Zoomed in: most seats are out of sight.
    for (let i = 0; i < 4; i++) await page.click('seat-map [data-testid="zoom-in"]');
    const zoomed = await viewBox(page);
    for (let i = 0; i < 30 && !(await focusedSeat(page)); i++) await page.keyboard.press('Tab');
    assert.ok(await focusedSeat(page), 'Tab reaches a seat');
    await page.keyboard.press('End');
    const svgBox = await svg(page).boundingBox();
    const [end] = await seatBoxes(page, [await focusedSeat(page)]);
    assert.ok(end.x >= svgBox.x && end.x <= svgBox.x + svgBox.width && end.y >= svgBox.y && end.y <= svgBox.y + svgBox.height,
      `the seat reached is on screen: ${JSON.stringify(end)} in ${JSON.stringify(svgBox)}`);
    assert.notEqual(await viewBox(page), zoomed, 'a seat out of sight brought the view with it');
    const moved = await viewBox(page);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await viewBox(page), moved, 'a neighbour in sight moves nothing');
    await context.close();
  });
});

describe('big venues start from an overview', () => {
  it('the arena opens on its areas, with places left and prices, and a tap on one shows its seats', async () => {
    const { perf, context, page } = await open('arena', { phone: true });
    await page.waitForSelector('seat-map [data-area-outline]:not([data-state="unknown"])', { timeout: 20_000 });
    assert.equal(await detail(page), 'areas');
    assert.equal(await page.locator('seat-map [data-seat-id]').count(), 0, 'no seats drawn at the overview');
    const plan = await h.publicApi(`plans/${perf.planId}`);
    const blocks = [];
    const walk = (a) => { if (a.seats?.length) blocks.push(a); for (const c of a.areas ?? []) walk(c); };
    walk(plan);
    assert.equal(await page.locator('seat-map [data-area-outline]').count(), blocks.length);
    const block = blocks[3];
    const shape = page.locator(`seat-map [data-area-outline="${block.id}"]`);
    assert.match(await shape.getAttribute('aria-label'), new RegExp(`^${block.name}: \\d+ places? left, £\\d+\\.\\d\\d( to £\\d+\\.\\d\\d)?\\. Shows its seats\\.$`));
    assert.equal(await page.locator('seat-map [role="list"] [role="listitem"] [role="button"][data-area-outline]').count(), blocks.length,
      'a list of areas for assistive technology');
    await shape.tap();
    await page.waitForFunction((n) => {
      const host = document.querySelector('seat-map'); const root = host.shadowRoot ?? host;
      return root.querySelector('[data-testid="seatmap-svg"]').dataset.detail === 'seats' && root.querySelectorAll('[data-seat-id]').length >= n;
    }, block.seats.length, { timeout: 10_000 });
    // Its seats are drawn, on screen, and big enough to tap.
    const ids = block.seats.map((s) => String(s.id));
    const boxes = await seatBoxes(page, [ids[0], ids[Math.floor(ids.length / 2)], ids[ids.length - 1]]);
    const svgBox = await svg(page).boundingBox();
    for (const b of boxes) {
      assert.ok(b.x >= svgBox.x && b.x <= svgBox.x + svgBox.width && b.y >= svgBox.y && b.y <= svgBox.y + svgBox.height, `${b.id} on screen`);
    }
    const pitch = Math.hypot(boxes[0].x - (await seatBoxes(page, [ids[1]]))[0].x, boxes[0].y - (await seatBoxes(page, [ids[1]]))[0].y);
    assert.ok(pitch >= 6, `seats ${pitch} px apart: visible`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });

  it('the overview is a list the keyboard walks; Enter opens an area with focus on its seats, Escape goes back', async () => {
    const { context, page } = await open('arena');
    await page.waitForSelector('seat-map [data-area-outline]:not([data-state="unknown"])', { timeout: 20_000 });
    const focusedArea = () => inMap(page, 'const a = root.activeElement ?? document.activeElement; return a?.getAttribute?.("data-area-outline") ?? null;');
    for (let i = 0; i < 30 && !(await focusedArea()); i++) await page.keyboard.press('Tab');
    const first = await focusedArea();
    assert.ok(first, 'Tab reaches the list of areas');
    await page.keyboard.press('ArrowDown');
    const second = await focusedArea();
    assert.ok(second && second !== first, 'ArrowDown goes to the next area');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => {
      const host = document.querySelector('seat-map'); const root = host.shadowRoot ?? host;
      return (root.activeElement ?? document.activeElement)?.getAttribute?.('data-seat-id');
    }, null, { timeout: 10_000 });
    assert.equal(await detail(page), 'seats');
    const area = await inMap(page, 'const a = root.activeElement ?? document.activeElement; return a.closest(".seatmap-area-seats").getAttribute("data-area-id");');
    assert.equal(area, second, 'focus lands on a seat of the area opened');
    await page.keyboard.press('Escape');
    await page.waitForFunction((id) => {
      const host = document.querySelector('seat-map'); const root = host.shadowRoot ?? host;
      return (root.activeElement ?? document.activeElement)?.getAttribute?.('data-area-outline') === id;
    }, second, { timeout: 10_000 });
    assert.equal(await detail(page), 'areas');
    await context.close();
  });

  it('the theatre opens on its seats, also on a phone', async () => {
    for (const phone of [false, true]) {
      const { perf, context, page } = await open('theatre', { phone });
      await waitForSeats(page);
      assert.equal(await page.locator('seat-map [data-seat-id]').count(), (await h.planSeats(perf.planId)).length);
      await context.close();
    }
  });
});

describe('orientation', () => {
  it('draws the stage picture in view, row letters once legible, and area names clear of seats', async () => {
    const { context, page } = await open('theatre');
    await waitForSeats(page);
    const picture = page.locator('seat-map .seatmap-background');
    await page.waitForFunction(() => {
      const host = document.querySelector('seat-map'); const root = host.shadowRoot ?? host;
      return root.querySelector('.seatmap-background')?.getBBox().width > 0;
    });
    assert.match(await picture.getAttribute('href'), /^http:\/\/localhost:\d+\/images\/plans\/theatre\.svg$/);
    // The fitted view takes in the picture (the stage is at its top).
    const seen = await inMap(page, `const svg = root.querySelector('[data-testid="seatmap-svg"]');
      const [x, y, w, hgt] = svg.getAttribute('viewBox').split(' ').map(Number); const b = root.querySelector('.seatmap-background').getBBox();
      return { top: y, pictureTop: b.y };`);
    assert.ok(seen.top <= seen.pictureTop + 1, `the stage is in view: ${JSON.stringify(seen)}`);
    assert.equal(await page.locator('seat-map .seatmap-row-letters text').count(), 0, 'no row letters while too small to read');
    // Area names cover no seat.
    const overlaps = await inMap(page, `const seats = [...root.querySelectorAll('[data-seat-id]')].map((s) => s.getBoundingClientRect());
      return [...root.querySelectorAll('.seatmap-area-label')].map((t) => { const r = t.getBoundingClientRect();
        return [t.textContent, seats.filter((s) => s.right > r.left && s.left < r.right && s.bottom > r.top && s.top < r.bottom).length]; });`);
    for (const [name, n] of overlaps) assert.equal(n, 0, `"${name}" covers ${n} seats`);
    // Zoomed in, row letters appear at the row ends, a readable size.
    for (let i = 0; i < 3; i++) await page.click('seat-map [data-testid="zoom-in"]');
    await page.waitForSelector('seat-map .seatmap-row-letters text');
    const size = await inMap(page, 'return root.querySelector(".seatmap-row-letters text").getBoundingClientRect().height;');
    assert.ok(size >= 9, `row letters ${size} px tall`);
    await context.close();
  });
});

describe('tooltips', () => {
  for (const phone of [false, true]) {
    it(`stay inside the map for every sampled seat${phone ? ' on a phone' : ''}, and close on Escape`, async () => {
      const { perf, context, page } = await open('theatre', { phone });
      await waitForSeats(page);
      const seats = (await h.planSeats(perf.planId)).map((s) => String(s.id));
      const map = await showMap(page);
      const boxes = await seatBoxes(page, seats);
      // The extremes (where tooltips used to be cut off) and seats spread through the plan.
      const extremes = ['x', 'y'].flatMap((k) => [boxes.reduce((a, b) => (b[k] < a[k] ? b : a)), boxes.reduce((a, b) => (b[k] > a[k] ? b : a))]);
      const sample = [...extremes, ...boxes.filter((_, i) => i % Math.ceil(boxes.length / 24) === 0)];
      for (const seat of sample) {
        await page.mouse.move(seat.x, seat.y);
        const tip = page.locator(`seat-map [data-testid="tooltip"][data-for="${seat.id}"].is-placed`);
        await tip.waitFor({ timeout: 5_000 });
        const t = await tip.boundingBox();
        assert.ok(t.x >= map.x - 0.5 && t.y >= map.y - 0.5 && t.x + t.width <= map.x + map.width + 0.5 && t.y + t.height <= map.y + map.height + 0.5,
          `tooltip for ${seat.id} ${JSON.stringify(t)} inside the map ${JSON.stringify(map)}`);
      }
      await page.keyboard.press('Escape');
      await page.locator('seat-map [data-testid="tooltip"]').waitFor({ state: 'detached', timeout: 5_000 });
      await context.close();
    });
  }

  it('on a phone, a tap elsewhere closes it', async () => {
    const { perf, context, page } = await open('theatre', { phone: true });
    await waitForSeats(page);
    const [seat] = await seatBoxes(page, [(await h.planSeats(perf.planId))[40].id].map(String));
    await page.touchscreen.tap(seat.x, seat.y);
    await page.locator('seat-map [data-testid="tooltip"]').waitFor({ timeout: 5_000 });
    // Elsewhere: the venue's own heading above the map (the tap zoomed the map in: it is all seats now).
    const heading = await page.locator('h1').boundingBox();
    await page.touchscreen.tap(heading.x + 10, heading.y + heading.height / 2);
    await page.locator('seat-map [data-testid="tooltip"]').waitFor({ state: 'detached', timeout: 5_000 });
    await context.close();
  });
});

describe('on a phone', () => {
  /** A one-finger swipe up (CDP touch events, as a finger gives). */
  async function swipeUp(page, cdp, x, y, distance) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let i = 1; i <= 8; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - (distance * i) / 8 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  }

  it('a vertical swipe on the fitted map scrolls the page; a tap on a small seat zooms in first; zoomed in, a swipe pans the map', async () => {
    const { perf, context, page } = await open('theatre', { phone: true });
    await waitForSeats(page);
    const cdp = await context.newCDPSession(page);
    const map = await svg(page).boundingBox();
    const fitted = await viewBox(page);
    const scrolled = await page.evaluate(() => window.scrollY);
    await swipeUp(page, cdp, map.x + map.width / 2, map.y + map.height * 0.7, 200);
    await h.eventually(async () => (await page.evaluate(() => window.scrollY)) > scrolled + 50, { timeout: 5_000, message: 'the page to scroll' });
    assert.equal(await viewBox(page), fitted, 'the map did not pan');
    // A tap on a seat too small to hit zooms in, choosing nothing. (Back at the top once the swipe's fling has stopped.)
    await h.eventually(async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      const a = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(window.scrollY)))));
      return a === 0;
    }, { timeout: 5_000, message: 'the page to settle at the top' });
    const letters = await h.anonymousLetters(perf.instanceId);
    const id = [...letters].find(([, s]) => s.status === 'A' && !s.lockType)[0];
    let [seat] = await seatBoxes(page, [id]);
    assert.ok(seat.width < 24, `seats are small at fit (${seat.width} px)`);
    await page.touchscreen.tap(seat.x, seat.y);
    await page.waitForFunction((v) => {
      const host = document.querySelector('seat-map'); const root = host.shadowRoot ?? host;
      return root.querySelector('[data-testid="seatmap-svg"]').getAttribute('viewBox') !== v;
    }, fitted);
    assert.equal(await h.seatState(page, id), 'available', 'the tap chose nothing');
    [seat] = await seatBoxes(page, [id]);
    assert.ok(seat.width >= 24, `zoomed until the seat is a target (${seat.width} px)`);
    await page.touchscreen.tap(seat.x, seat.y);
    await h.waitForState(page, id, 'selected');
    // Zoomed in, one finger pans the map (and the page stays where it is).
    const zoomed = await viewBox(page);
    const before = await page.evaluate(() => window.scrollY);
    const now = await svg(page).boundingBox();
    await swipeUp(page, cdp, now.x + now.width / 2, now.y + now.height * 0.7, 120);
    await h.eventually(async () => (await viewBox(page)) !== zoomed, { timeout: 5_000, message: 'the map to pan' });
    assert.equal(await page.evaluate(() => window.scrollY), before, 'the page did not scroll');
    // The map's buttons are finger-sized.
    for (const button of await page.locator('seat-map .seatmap-toolbar button').all()) {
      const b = await button.boundingBox();
      assert.ok(b.width >= 44 && b.height >= 44, `toolbar button ${b.width}×${b.height}`);
    }
    await context.close();
  });
});

describe('keyboard and screen reader', () => {
  it('Home and End go along a row, PageUp and PageDown between rows and on into the next area', async () => {
    const { context, page } = await open('theatre');
    await waitForSeats(page);
    for (let i = 0; i < 30 && !(await focusedSeat(page)); i++) await page.keyboard.press('Tab');
    assert.ok(await focusedSeat(page), 'Tab reaches a seat');
    // Where the focused seat is: its row group, its place in it, its area group.
    const where = () => inMap(page, `const a = root.activeElement ?? document.activeElement; const row = a.parentElement;
      const rows = [...root.querySelectorAll('.seatmap-row')];
      return { id: a.getAttribute('data-seat-id'), label: a.getAttribute('aria-label'), role: a.getAttribute('role'),
        rowLabel: row.getAttribute('aria-label'), rowRole: row.getAttribute('role'), index: [...row.children].indexOf(a), rowLength: row.children.length,
        row: rows.indexOf(row), area: row.closest('.seatmap-area-seats').getAttribute('aria-label'), areaRole: row.parentElement.getAttribute('role') };`);
    const start = await where();
    assert.equal(start.role, 'checkbox');
    assert.equal(start.rowRole, 'group');
    assert.equal(start.areaRole, 'group');
    assert.ok(start.label.startsWith(start.rowLabel), `the seat's name starts with its row: ${start.label} in ${start.rowLabel}`);
    await page.keyboard.press('End');
    let at = await where();
    assert.equal(at.row, start.row);
    assert.equal(at.index, at.rowLength - 1, 'End: the last seat of the row');
    await page.keyboard.press('Home');
    at = await where();
    assert.equal(at.index, 0, 'Home: the first seat of the row');
    await page.keyboard.press('PageDown');
    at = await where();
    assert.equal(at.row, start.row + 1, 'PageDown: the next row');
    await page.keyboard.press('PageUp');
    at = await where();
    assert.equal(at.row, start.row, 'PageUp: back');
    // PageDown through the last row of the area goes on into the next one.
    const rowsInArea = await inMap(page, 'const a = root.activeElement ?? document.activeElement; return a.closest(".seatmap-area-seats").querySelectorAll(".seatmap-row").length;');
    for (let i = 0; i < rowsInArea; i++) await page.keyboard.press('PageDown');
    at = await where();
    assert.notEqual(at.area, start.area, `PageDown left ${start.area} for ${at.area}`);
    assert.match(at.label, /^.+, .+, .+/, 'every seat reached is named');
    await context.close();
  });

  it('has no unnamed tab stop, names only the seats it should, and draws a focus ring that stays the same size at any zoom', async () => {
    const { context, page } = await open('theatre');
    await waitForSeats(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Accessibility.enable');
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const unnamed = nodes.filter((n) => !n.ignored && n.properties?.some((p) => p.name === 'focusable' && p.value?.value) && !(n.name?.value ?? '').trim());
    assert.deepEqual(unnamed.map((n) => n.role?.value), [], 'focusable nodes without a name');
    const checkboxes = nodes.filter((n) => !n.ignored && n.role?.value === 'checkbox');
    assert.equal(checkboxes.length, 1, 'one seat is in the tree at a time: the tab stop');
    const rowGroups = nodes.filter((n) => !n.ignored && n.role?.value === 'group' && /^Row /.test(n.name?.value ?? ''));
    assert.ok(rowGroups.length > 20, `rows are groups for assistive technology (${rowGroups.length})`);
    // Nothing in the map speaks at load: no live region in it.
    assert.equal(await page.locator('seat-map .seatmap-stage [aria-live], seat-map .seatmap-stage [role="status"], seat-map .seatmap-stage [role="alert"]').count(), 0);
    // The focus ring, at two zooms: the same thickness on screen.
    for (let i = 0; i < 30 && !(await focusedSeat(page)); i++) await page.keyboard.press('Tab');
    const ring = async () => inMap(page, `const o = root.querySelector('.seatmap-focus-outer'); const i = root.querySelector('.seatmap-focus-inner');
      const seat = (root.activeElement ?? document.activeElement).getBoundingClientRect();
      return { outer: o.getBoundingClientRect().width, inner: i.getBoundingClientRect().width, seat: seat.width,
        outerWidth: getComputedStyle(o).strokeWidth, effect: getComputedStyle(o).vectorEffect, outerColour: getComputedStyle(o).stroke, innerColour: getComputedStyle(i).stroke };`);
    await page.locator('seat-map .seatmap-focus-outer').waitFor();
    const fitted = await ring();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await h.eventually(async () => (await ring()).seat > fitted.seat * 1.5, { message: 'zoom in' });
    const zoomed = await ring();
    assert.equal(fitted.effect, 'non-scaling-stroke');
    assert.ok(Math.abs((zoomed.outer - zoomed.seat) - (fitted.outer - fitted.seat)) < 1.5, `ring width on screen: ${JSON.stringify({ fitted, zoomed })}`);
    assert.notEqual(fitted.outerColour, fitted.innerColour, 'two colours: one contrasts with any seat, the other with any background');
    await context.close();
  });
});
