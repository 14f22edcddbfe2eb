// The widget on a venue's page (issue 12, and issue 11's loading jump):
// a hostile theme can't reach into its shadow root, the page themes it
// through custom properties and ::part(), the dark scheme keeps text
// readable (axe-core's colour-contrast rule), and loading reserves the
// map's place so nothing moves when it appears.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as h from './harness.mjs';

const AXE = fs.readFileSync(path.resolve(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname), 'utf8');

let browser;
before(async () => { await h.startServers(); browser = await h.launch(); });
after(async () => { await browser?.close(); await h.stopServers(); });
beforeEach(async () => { await h.control('reset', {}); });

/** Sizes of the widget's parts: every element a selector matches, by name and index. */
async function geometry(page) {
  return page.evaluate(() => {
    const root = document.querySelector('seat-map').shadowRoot;
    const out = {};
    const sizes = {
      host: [document.querySelector('seat-map')],
      stage: root.querySelectorAll('.seatmap-stage'),
      map: root.querySelectorAll('.seatmap-svg'),
      status: root.querySelectorAll('.seatmap-status'),
      panels: root.querySelectorAll('.seatmap-side'),
      panel: root.querySelectorAll('.seatmap-side > section'),
      heading: root.querySelectorAll('.seatmap-side h3, .seatmap-side h4'),
      button: root.querySelectorAll('button, .seatmap-primary'),
      field: root.querySelectorAll('select, input'),
      symbol: root.querySelectorAll('.seatmap-legend svg'),
    };
    for (const [name, elements] of Object.entries(sizes)) {
      [...elements].forEach((el, i) => {
        const box = el.getBoundingClientRect();
        out[`${name} ${i} width`] = box.width;
        out[`${name} ${i} height`] = box.height;
      });
    }
    out['panels content height'] = root.querySelector('.seatmap-side').scrollHeight;
    const heading = getComputedStyle(root.querySelector('.seatmap-side h3'));
    out['heading text'] = `${heading.textTransform} ${heading.letterSpacing} ${heading.fontSize}`;
    const text = getComputedStyle(root.querySelector('.seatmap'));
    out['body text'] = `${text.lineHeight} ${text.letterSpacing} ${text.fontStyle} ${text.textAlign} ${text.wordSpacing}`;
    return out;
  });
}

/** Chooses the first run of `n` free seats and adds them to the basket. */
async function selectAndAdd(page, perf, n) {
  const [run] = await h.runsOf(perf.planId, perf.instanceId, n);
  for (const id of run.seats) {
    await h.clickSeat(page, id);
    await h.waitForState(page, id, 'selected');
  }
  await page.click('seat-map [data-testid="add-to-basket"]');
  for (const id of run.seats) await h.waitForState(page, id, 'in-basket');
  return run.seats;
}

describe('style isolation', () => {
  it('looks the same on a page with a hostile theme and a Tailwind-style reset, and works', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const plain = await h.openPerformance(browser, perf.instanceId);
    const hostile = await h.openPerformance(browser, perf.instanceId, { theme: 'hostile' });
    await Promise.all([h.waitForMap(plain.page), h.waitForMap(hostile.page)]);
    // The theme really is on the page: its own heading is restyled.
    assert.equal(await hostile.page.evaluate(() => getComputedStyle(document.body).textAlign), 'center');
    // Wait until both have read the basket and customer (the panels settle).
    for (const page of [plain.page, hostile.page]) {
      await page.waitForFunction(() => window.seatmapEvents.some((e) => e.type === 'seatmap:ready'));
    }
    const expected = await geometry(plain.page);
    const actual = await geometry(hostile.page);
    assert.deepEqual(Object.keys(actual), Object.keys(expected), 'the same parts');
    for (const [name, value] of Object.entries(expected)) {
      if (typeof value === 'number') assert.ok(Math.abs(actual[name] - value) <= 2, `${name}: ${actual[name]} on the hostile page, ${value} on a plain one`);
      else assert.equal(actual[name], value, name);
    }
    assert.ok(expected['panels 0 width'] >= 300 && expected['button 0 width'] >= 30, JSON.stringify(expected));
    // A full purchase step works there.
    await selectAndAdd(hostile.page, perf, 2);
    await hostile.page.waitForSelector('seat-map [data-testid="basket-panel"] [data-ticket-id]');
    assert.deepEqual(hostile.page.errors, []);
    await plain.context.close();
    await hostile.context.close();
  });

  it('keeps seats readable from outside and sends its events on the element', async () => {
    const perf = await h.instanceOf('studio');
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const seen = await page.evaluate(() => {
      const map = document.querySelector('seat-map');
      return {
        light: map.querySelectorAll('[data-seat-id]').length,
        shadow: map.shadowRoot.querySelectorAll('[data-seat-id][data-state]').length,
        mode: map.shadowRoot.mode,
        // The stylesheet is a <link> in the shadow root: no <style>, nothing in the page's <head>.
        links: [...map.shadowRoot.querySelectorAll('link[rel="stylesheet"]')].map((l) => new URL(l.href).pathname),
        styles: document.querySelectorAll('style').length + map.shadowRoot.querySelectorAll('style').length,
      };
    });
    assert.equal(seen.light, 0, 'nothing in the light DOM');
    assert.equal(seen.shadow, (await h.planSeats(perf.planId)).length);
    assert.equal(seen.mode, 'open');
    assert.deepEqual(seen.links, ['/seatmap/seatmap.css']);
    assert.equal(seen.styles, 0);
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    const target = await page.evaluate(async (id) => {
      const map = document.querySelector('seat-map');
      const event = new Promise((resolve) => document.addEventListener('seatmap:selectionchange', (e) => resolve(e.target === map), { once: true }));
      map.shadowRoot.querySelector(`[data-seat-id="${id}"]`).dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return event;
    }, run.seats[0]);
    assert.equal(target, true, 'seatmap:selectionchange reaches the document from the element');
    await context.close();
  });

  it('keeps focus, names and live regions working across the shadow boundary', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    // Tab from the page's own control into the widget's toolbar.
    await page.focus('[data-testid="switch"]');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ outer: document.activeElement.tagName, inner: seatmapActiveElement().getAttribute('data-testid') }));
    assert.deepEqual(first, { outer: 'SEAT-MAP', inner: 'zoom-in' });
    // The accessibility tree names what is inside (Playwright's role queries read it).
    assert.equal(await page.getByRole('button', { name: 'Zoom in' }).count(), 1);
    assert.equal(await page.getByRole('application', { name: /Seating plan/ }).count(), 1);
    const snapshot = await page.locator('seat-map').ariaSnapshot();
    assert.match(snapshot, /toolbar "Map view"/);
    // The widget's live regions are in the page's accessibility tree, with what they say.
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    await h.clickSeat(page, run.seats[0]);
    await page.click('seat-map [data-testid="add-to-basket"]');
    await h.waitForState(page, run.seats[0], 'in-basket');
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const live = nodes.filter((n) => n.properties?.some((p) => p.name === 'live' && ['polite', 'assertive'].includes(p.value.value)));
    assert.ok(live.length > 0, 'live regions exposed');
    const texts = nodes.filter((n) => n.role?.value === 'StaticText').map((n) => n.name?.value ?? '');
    assert.ok(texts.some((t) => /£\d/.test(t)), 'the basket\'s text is in the tree');
    await context.close();
  });
});

/** Relative luminance contrast of two CSS colours as getComputedStyle gives them (rgb/rgba). */
function contrast(a, b) {
  const channels = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b2] = channels(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('theming', () => {
  it('takes custom properties from the page\'s stylesheet, from ancestors and ::part()', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId);
    await h.waitForMap(page);
    const [run] = await h.runsOf(perf.planId, perf.instanceId, 1);
    await h.clickSeat(page, run.seats[0]);
    const addButton = page.locator('seat-map [data-testid="add-to-basket"]');
    // venue.css: `seat-map { --seatmap-accent: #7a1f3d; }` (the demo's maroon).
    assert.equal(await addButton.evaluate((b) => getComputedStyle(b).backgroundColor), 'rgb(122, 31, 61)');
    // On an ancestor, in the page's stylesheet and inline.
    const bands = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `--seatmap-band-${i}: rgb(1, 2, 3);`).join(' ');
    await page.addStyleTag({ content: `main { --seatmap-text: rgb(10, 20, 30); ${bands} }` });
    await page.evaluate(() => document.body.style.setProperty('--seatmap-background', 'rgb(250, 240, 230)'));
    const colours = await page.evaluate((id) => {
      const root = document.querySelector('seat-map').shadowRoot;
      const available = root.querySelector('[data-state="available"]');
      return {
        text: getComputedStyle(root.querySelector('.seatmap')).color,
        background: getComputedStyle(root.querySelector('.seatmap')).backgroundColor,
        seat: getComputedStyle(available).fill,
        selectedStroke: getComputedStyle(root.querySelector(`[data-seat-id="${id}"]`)).stroke,
      };
    }, run.seats[0]);
    assert.deepEqual(colours, { text: 'rgb(10, 20, 30)', background: 'rgb(250, 240, 230)', seat: 'rgb(1, 2, 3)', selectedStroke: 'rgb(10, 20, 30)' });
    // ::part() for deliberate styling.
    await page.addStyleTag({ content: 'seat-map::part(primary-button) { border-radius: 0; } seat-map::part(toolbar) { top: 20px; } seat-map::part(map) { border-color: rgb(0, 128, 0); }' });
    const parts = await page.evaluate(() => {
      const root = document.querySelector('seat-map').shadowRoot;
      return [getComputedStyle(root.querySelector('[data-testid="add-to-basket"]')).borderTopLeftRadius,
        getComputedStyle(root.querySelector('.seatmap-toolbar')).top, getComputedStyle(root.querySelector('.seatmap-stage')).borderTopColor];
    });
    assert.deepEqual(parts, ['0px', '20px', 'rgb(0, 128, 0)']);
    await context.close();
  });

  it('has a dark scheme (also as auto) that passes axe-core\'s colour-contrast rule', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'color-scheme': 'dark', 'login-form': '' });
    await h.waitForMap(page);
    const [basket] = await selectAndAdd(page, perf, 1);
    const [run] = (await h.runsOf(perf.planId, perf.instanceId, 2)).filter((r) => !r.seats.includes(basket));
    await h.clickSeat(page, run.seats[0]);
    await h.waitForState(page, run.seats[0], 'selected');
    await page.waitForSelector('seat-map [data-testid="basket-panel"] [data-ticket-id]');
    await h.seat(page, run.seats[1]).hover();
    await page.waitForSelector('seat-map [data-testid="tooltip"]');
    const background = await page.evaluate(() => getComputedStyle(document.querySelector('seat-map').shadowRoot.querySelector('.seatmap')).backgroundColor);
    assert.equal(background, 'rgb(28, 29, 33)', 'the dark background');
    await page.addScriptTag({ content: AXE });
    const results = await page.evaluate(() => window.axe.run(document.querySelector('seat-map'), { runOnly: ['color-contrast'] }));
    const failures = results.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`));
    assert.deepEqual(failures, []);
    assert.ok(results.passes.flatMap((p) => p.nodes).length > 20, 'axe checked the widget\'s text');
    // SVG text, which axe does not check: area labels and standing blocks.
    const svgText = await page.evaluate(() => {
      const root = document.querySelector('seat-map').shadowRoot;
      const back = getComputedStyle(root.querySelector('.seatmap')).backgroundColor;
      const block = root.querySelector('.seatmap-standing');
      return {
        back,
        label: getComputedStyle(root.querySelector('.seatmap-area-label')).fill,
        standingText: getComputedStyle(block.querySelector('text')).fill,
        standingFill: getComputedStyle(block.querySelector('rect')).fill,
        standingOpacity: Number(getComputedStyle(block.querySelector('rect')).fillOpacity),
      };
    });
    assert.ok(contrast(svgText.label, svgText.back) >= 4.5, `area labels ${svgText.label} on ${svgText.back}`);
    const blend = (fill, back, alpha) => {
      const [f, b] = [fill, back].map((c) => c.match(/[\d.]+/g).slice(0, 3).map(Number));
      return `rgb(${f.map((v, i) => Math.round(v * alpha + b[i] * (1 - alpha))).join(', ')})`;
    };
    const standingBack = blend(svgText.standingFill, svgText.back, svgText.standingOpacity);
    assert.ok(contrast(svgText.standingText, standingBack) >= 4.5, `standing text ${svgText.standingText} on ${standingBack}`);

    // Every seat state its own look, and seats visible against the background.
    const looks = await page.evaluate(() => {
      const root = document.querySelector('seat-map').shadowRoot;
      const byState = {};
      for (const seat of root.querySelectorAll('[data-seat-id]')) {
        const state = seat.getAttribute('data-state');
        if (byState[state]) continue;
        const style = getComputedStyle(seat);
        byState[state] = { look: `${style.fill} ${style.stroke} ${style.strokeWidth} ${style.fillOpacity} ${seat.getAttribute('d')?.length}`, fill: style.fill };
      }
      return byState;
    });
    const states = Object.keys(looks);
    for (const state of ['available', 'unavailable', 'selected', 'in-basket']) assert.ok(states.includes(state), `${state} in ${states}`);
    assert.equal(new Set(states.map((s) => looks[s].look)).size, states.length, JSON.stringify(looks));
    for (const state of ['available', 'in-basket']) {
      assert.ok(contrast(looks[state].fill, background) >= 3, `${state} seats ${looks[state].fill} against ${background}`);
    }

    // auto follows the system's preference; changing the attribute keeps the buyer's choice.
    await page.evaluate(() => document.querySelector('seat-map').setAttribute('color-scheme', 'auto'));
    const backgroundNow = () => page.evaluate(() => getComputedStyle(document.querySelector('seat-map').shadowRoot.querySelector('.seatmap')).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await backgroundNow(), 'rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await backgroundNow(), 'rgb(28, 29, 33)');
    assert.equal(await h.seatState(page, run.seats[0]), 'selected', 'no remount for a scheme change');
    await context.close();
  });

  it('stays readable in forced colours in both schemes', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    for (const scheme of ['light', 'dark']) {
      const { context, page } = await h.openPerformance(browser, perf.instanceId, { 'color-scheme': scheme }, { forcedColors: 'active', colorScheme: scheme });
      await h.waitForMap(page);
      const colours = await page.evaluate(() => {
        const root = document.querySelector('seat-map').shadowRoot;
        const block = root.querySelector('.seatmap-standing');
        const panel = root.querySelector('.seatmap-side');
        return {
          standingText: getComputedStyle(block.querySelector('text')).fill, standingBack: getComputedStyle(block.querySelector('rect')).fill,
          panelText: getComputedStyle(panel).color, panelBack: getComputedStyle(root.querySelector('.seatmap')).backgroundColor,
        };
      });
      assert.ok(contrast(colours.standingText, colours.standingBack) >= 4.5, `${scheme}: standing ${JSON.stringify(colours)}`);
      assert.ok(contrast(colours.panelText, colours.panelBack) >= 4.5, `${scheme}: panels ${JSON.stringify(colours)}`);
      await context.close();
    }
  });
});

describe('loading', () => {
  it('reserves the map\'s place at once, shows progress, and nothing moves when the map appears', async () => {
    const perf = await h.instanceOf('theatre', { bestAvailable: true });
    const context = await h.newContext(browser);
    await context.addInitScript(() => {
      window.layoutShifts = [];
      // Each shift with where its moved boxes were (shadow nodes are not named, their boxes are).
      window.recordShift = (e) => { if (!e.hadRecentInput) window.layoutShifts.push({ value: e.value, lefts: e.sources.map((s) => s.previousRect.x) }); };
      window.layoutShiftObserver = new PerformanceObserver((list) => list.getEntries().forEach(window.recordShift));
      window.layoutShiftObserver.observe({ type: 'layout-shift', buffered: true });
    });
    const page = await context.newPage();
    // A slow connection (~120 KB/s): the wasm takes seconds, as on a phone.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 120 * 1024, uploadThroughput: 120 * 1024 });
    // ?debug: the event list below the map is what must not move.
    await page.goto(`${h.SITE}/performance/${perf.instanceId}?debug`, { waitUntil: 'commit' });
    const placeholder = page.locator('seat-map [data-testid="placeholder"]');
    await placeholder.waitFor();
    // Progress in percent while the wasm streams in (the demo server sends Content-Length).
    await page.waitForFunction(() => /^([1-9]|[1-9]\d)%$/.test(seatmapQuery('seat-map [data-testid="progress"]')?.textContent ?? ''), null, { timeout: 20_000 });
    const before = await page.evaluate(() => {
      const host = document.querySelector('seat-map').getBoundingClientRect();
      const below = document.querySelector('details.events').getBoundingClientRect();
      return { height: host.height, below: below.top };
    });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await h.waitForMap(page);
    await page.waitForFunction(() => window.seatmapEvents.some((e) => e.type === 'seatmap:ready'));
    const afterDraw = await page.evaluate(() => {
      window.layoutShiftObserver.takeRecords().forEach(window.recordShift);
      const host = document.querySelector('seat-map').getBoundingClientRect();
      const panels = document.querySelector('seat-map').shadowRoot.querySelector('.seatmap-side').getBoundingClientRect();
      return { height: host.height, below: document.querySelector('details.events').getBoundingClientRect().top, shifts: window.layoutShifts, panelsLeft: panels.left };
    });
    assert.ok(Math.abs(afterDraw.height - before.height) <= 2, `height ${before.height} px with the placeholder, ${afterDraw.height} px with the map`);
    assert.ok(Math.abs(afterDraw.below - before.below) <= 2, `the page below the map moved from ${before.below} to ${afterDraw.below}`);
    // Shifts of the page and the map: none. Inside the side panels, content
    // that arrives with availability (the standing counts) may still push
    // what is below it within the panels' own scroll box; the total stays
    // under Web Vitals' "good" 0.1.
    const sum = (shifts) => shifts.reduce((a, s) => a + s.value, 0);
    const outsidePanels = afterDraw.shifts.filter((s) => s.lefts.some((x) => x < afterDraw.panelsLeft - 1));
    const cls = sum(afterDraw.shifts);
    console.log(`# layout shift: page and map ${sum(outsidePanels).toFixed(4)}, total ${cls.toFixed(4)}; height ${before.height} → ${afterDraw.height} px`);
    assert.ok(sum(outsidePanels) < 0.005, `layout shift outside the panels ${sum(outsidePanels)} (${JSON.stringify(outsidePanels)})`);
    assert.ok(cls < 0.1, `cumulative layout shift ${cls} (${JSON.stringify(afterDraw.shifts)})`);
    assert.equal(await placeholder.count(), 0, 'the placeholder is gone');
    await context.close();
  });

  it('shows no "Checking availability" above a failure', async () => {
    const { context, page } = await h.openPerformance(browser, 'NOSUCHINSTANCE123');
    await h.waitForMap(page);
    await page.waitForSelector('seat-map [data-testid="error-panel"]');
    assert.equal(await page.locator('seat-map [data-testid="freshness"]').count(), 0);
    assert.doesNotMatch(await page.evaluate(() => document.querySelector('seat-map').shadowRoot.textContent), /Checking availability/);
    await context.close();
  });
});
