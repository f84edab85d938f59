#!/usr/bin/env node
/* Screenshots of the web page in headless chromium, for the README:
 * assets/screenshots/web-*.png. node tests/web/screenshots.js [--site DIR] */
'use strict';
const path = require('path');
const L = require('./lib.js');

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const site = path.resolve(arg('--site', L.SITE));
const out = (f) => path.join(L.ROOT, 'assets/screenshots', f);
const SHOTS = [
  ['web-en-1920x1080.png', 1920, 1080, 1, '?case=erp-rollout&lang=en&seed=7&moves=1,4'],
  ['web-zh-1024x768.png', 1024, 768, 1, '?case=soe-tender&lang=zh&seed=3&moves=1,2'],
  ['web-phone-en-390x844.png', 390, 844, 2, '?case=erp-rollout&lang=en&seed=7&moves=1,4'],
  ['web-phone-zh-390x844.png', 390, 844, 2, '?case=erp-rollout&lang=zh&seed=7&moves=1,4'],
];

(async () => {
  const srv = await L.serve(site);
  const b = await L.browser();
  for (const [file, w, h, dpr, query] of SHOTS) {
    const ctx = await b.createBrowserContext();
    const page = await L.newPage(b, w, h, {context: ctx, dpr, mobile: w < 600, touch: w < 600});
    await page.goto(`${srv.url}/index.html${query}`);
    await page.mouse.move(w - 1, h - 1);
    await L.waitGame(page, (s) => s.screen === 'game' && !s.moving, 'a settled week');
    await page.screenshot({path: out(file)});
    if (page.problems.length) throw new Error(`${file}: ${page.problems.join('; ')}`);
    console.log(out(file));
    await ctx.close();
  }
  await b.close();
  await srv.close();
})().catch((e) => { console.error(e); process.exit(1); });
