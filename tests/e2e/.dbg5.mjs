import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const page = await browser.newPage();
page.on('console', m => console.log('console', m.type(), m.text()));
await page.goto('http://localhost:8080/performance/80654MRAGEDYJKBALATUIGCAYFEFSSHAX?poll-interval=2');
await page.waitForSelector('[data-seat-id]');
const c = (b) => fetch('http://127.0.0.1:8081/_sandbox/faults', {method:'POST', headers:{'content-type':'application/json'}, body: JSON.stringify(b)}).then(r=>r.text());
console.log(await c({ route: 'status/detail', drop: true, times: 8 }));
for (let i = 0; i < 10; i++) { await new Promise(r => setTimeout(r, 500)); console.log(await page.locator('[data-testid=freshness]').textContent()); }
await browser.close();
