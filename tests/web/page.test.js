/* The web build end to end, in Debian's chromium and firefox-esr (run.sh runs
 * the file in each; BUYERSIM_BROWSER=firefox): the page loads without a
 * console error, whole games are played by keys and by taps at the choices'
 * places, a week looks like the native render of the same moves, a reload
 * offers the half-played game again, past games survive a reload, an export
 * arrives as a download, a bad link and a bad case file say what is wrong,
 * and on phones every choice is inside the screen.
 *
 * Run: node --test tests/web/ (after cmake --build --preset web);
 * BUYERSIM_NATIVE=path/to/buyersim for the render comparison. */
'use strict';
const {test, before, after} = require('node:test');
const assert = require('node:assert/strict');
const {execFileSync} = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const L = require('./lib.js');

let srv, b;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bsweb-'));
before(async () => {
  srv = await L.serve(L.SITE, {'/cases/broken.json': path.join(__dirname, 'data/broken.json')});
  b = await L.browser();
});
after(async () => {
  if (b) await b.close();
  if (srv) await srv.close();
  fs.rmSync(tmp, {recursive: true, force: true});
});

/* a fresh profile per test: its own IndexedDB and downloads */
async function fresh(w = 1280, h = 800, opts = {}) {
  const context = await b.createBrowserContext();
  const page = await L.newPage(b, w, h, {...opts, context});
  page.ctx = context;
  return page;
}

async function open(page, query) {
  await page.goto(`${srv.url}/index.html${query}`);
}

/* plays until the game is over: each week the first choice (or `pick`) */
async function playOut(page, press) {
  let g = await L.waitGame(page, (s) => s.screen === 'game', 'the game');
  for (let i = 0; i < 40 && !g.over; i++) {
    const week = g.week;
    await press(g);
    g = await L.waitGame(page, (s) => s.over || s.week > week || s.screen !== 'game', `week ${week + 1}`);
  }
  assert.ok(g.over, 'the game ends');
  return g;
}

test('the page loads, with no console error, and says which case it plays', async () => {
  const page = await fresh();
  await open(page, '?case=erp-rollout&lang=en&seed=7');
  const g = await L.waitGame(page, (s) => s.screen === 'game' && s.week === 1, 'week 1');
  assert.equal(g.case, 'erp-rollout');
  assert.equal(g.lang, 'en');
  assert.equal(g.seed, 7);
  assert.equal(g.weeks, 12);
  assert.ok(g.nchoices >= 2 && g.choices.length === g.nchoices);
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('a whole game by keyboard, then its debrief', async () => {
  const page = await fresh();
  await open(page, '?case=erp-rollout&seed=3');
  const g = await playOut(page, () => page.keyboard.press('1'));
  assert.match(g.moves, /^1(,1)+$/);
  await page.keyboard.press('Enter');
  const d = await L.waitGame(page, (s) => s.screen === 'debrief', 'the debrief');
  assert.ok(d.score >= 0 && d.score <= 100);
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('a whole game by taps at the choices, on a touch screen', async () => {
  const page = await fresh(1024, 768, {touch: true});
  await open(page, '?case=soe-tender&lang=zh&seed=11');
  let taps = 0;
  const g = await playOut(page, async (s) => {
    const c = s.choices[s.choices.length - 1]; /* the last choice shown */
    assert.ok(c, `week ${s.week}: a choice on screen`);
    await page.touchscreen.tap(c.x + c.w / 2, c.y + c.h / 2);
    taps++;
  });
  assert.equal(g.lang, 'zh');
  assert.equal(g.moves.split(',').length, taps);
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('a week in the page looks like the native render of the same moves', async (t) => {
  const native = process.env.BUYERSIM_NATIVE || path.join(L.ROOT, 'build/test/engine/buyersim');
  if (!fs.existsSync(native)) return t.skip('no native build to compare with');
  for (const lang of ['en', 'zh']) {
    const page = await fresh(1280, 800);
    await open(page, `?case=erp-rollout&lang=${lang}&seed=7&moves=1,4`);
    await page.mouse.move(1279, 799); /* no choice under the pointer */
    /* the table's animation settled */
    await L.waitGame(page, (s) => s.screen === 'game' && s.week === 3 && !s.moving, 'week 3, settled');
    const shot = path.join(tmp, `page-${lang}.png`), ref = path.join(tmp, `native-${lang}.png`);
    await page.screenshot({path: shot});
    execFileSync(native, ['render', 'erp-rollout', '--lang', lang, '--seed', '7', '--moves', '1,4',
                          '--size', '1280x800', '--out', ref], {env: {...process.env, XDG_DATA_HOME: tmp}});
    /* pixels that differ by more than 10% in colour */
    let out;
    try {
      out = execFileSync('compare', ['-metric', 'AE', '-fuzz', '10%', shot, ref, 'null:'],
                         {stdio: ['ignore', 'pipe', 'pipe']});
    } catch (e) {
      out = e.stderr; /* compare exits 1 when the images differ at all */
    }
    const differ = Number(String(out).trim().split(/\s/)[0]);
    assert.ok(Number.isFinite(differ), `compare said: ${out}`);
    assert.ok(differ <= 1280 * 800 * 0.005, `${lang}: ${differ} pixels differ from the native render`);
    await page.ctx.close();
  }
});

test('a reload offers the half-played game again, and goes on from it', async () => {
  const page = await fresh();
  await open(page, '?case=hospital-imaging&seed=5');
  await L.waitGame(page, (s) => s.screen === 'game' && s.week === 1, 'week 1');
  for (const k of ['2', '1']) {
    const w = (await L.game(page)).week;
    await page.keyboard.press(k);
    await L.waitGame(page, (s) => s.week === w + 1, `week ${w + 1}`);
  }
  assert.ok(await page.evaluate(() => window.buyersimFlush()), 'the save reached IndexedDB');
  await page.reload();
  await page.waitForSelector('#note button');
  const buttons = await page.$$('#note button');
  assert.equal(buttons.length, 2);
  await buttons[0].click(); /* go on with it */
  const g = await L.waitGame(page, (s) => s.screen === 'game', 'the resumed game');
  assert.equal(g.week, 3);
  assert.equal(g.moves, '2,1');
  assert.equal(g.seed, 5);
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('past games survive a reload', async () => {
  const page = await fresh();
  await open(page, '?case=erp-rollout&seed=9');
  await playOut(page, () => page.keyboard.press('2'));
  assert.ok(await page.evaluate(() => window.buyersimFlush()), 'the save reached IndexedDB');
  await open(page, '?ui=start&lang=en');
  const s = await L.waitGame(page, (x) => x.screen === 'start', 'the start screen');
  assert.ok(s.past >= 1, `the start screen lists the game played (${JSON.stringify(s)})`);
  await page.ctx.close();
});

test('the debrief export, the CSV and the xAPI statements arrive as downloads', async () => {
  const page = await fresh();
  fs.mkdirSync(path.join(tmp, 'downloads'), {recursive: true});
  const dir = await L.downloadsTo(page, path.join(tmp, 'downloads'));
  await open(page, '?case=erp-rollout&seed=7&moves=1,4,1,1,3,1,1,1,1,1,1,1&ui=debrief');
  await L.waitGame(page, (s) => s.screen === 'debrief', 'the debrief');
  await page.keyboard.press('e');
  /* a download is there when its file is, whole: firefox makes it empty
   * beside a .part it renames at the end, chromium writes a .crdownload */
  const done = (f) => !/\.(crdownload|part)$/.test(f) && !fs.existsSync(path.join(dir, f + '.part')) &&
                      fs.statSync(path.join(dir, f)).size > 0;
  const t0 = Date.now();
  let files = [];
  while (Date.now() - t0 < 15000) {
    files = fs.readdirSync(dir).filter(done);
    if (files.some((f) => f.endsWith('.png')) && files.some((f) => f.endsWith('.json'))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const png = files.find((f) => f.endsWith('.png')), json = files.find((f) => f.endsWith('.json'));
  assert.ok(png && json, `downloads: ${files}`);
  assert.equal(fs.readFileSync(path.join(dir, png)).subarray(1, 4).toString(), 'PNG');
  const d = JSON.parse(fs.readFileSync(path.join(dir, json), 'utf8'));
  assert.equal(d.scenario, 'erp-rollout');
  /* the game's records: CSV and xAPI, from the page's buttons */
  for (const [i, want] of [[0, /\.csv$/], [1, /-xapi\.json$/]]) {
    await (await page.$$('#exports button'))[i].click();
    let f;
    for (let t = 0; t < 150 && !f; t++) {
      f = fs.readdirSync(dir).filter(done).find((x) => want.test(x));
      if (!f) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(f, `a download matching ${want}: ${fs.readdirSync(dir)}`);
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    if (i === 0) assert.ok(text.split('\n').length > 12 * 5, 'one CSV row per week per vendor');
    else assert.ok(JSON.parse(text).length >= 1, 'xAPI statements');
  }
  await page.ctx.close();
});

test('a bad link says what is wrong, in the page', async () => {
  const page = await fresh();
  await open(page, '?case=erp-rollout&lang=fr&seed=x');
  const p = await L.waitProblem(page);
  assert.match(p, /lang=fr/);
  assert.match(p, /seed=x/);
  await open(page, '?case=no-such-case');
  assert.match(await L.waitProblem(page), /no-such-case/);
  await open(page, '?case=erp-rollout&moves=1,9');
  assert.match(await L.waitProblem(page), /move 2 \(week 2\): choose 1 to/);
  await page.ctx.close();
});

test('a case file with mistakes shows check\'s errors, with line and column', async () => {
  const page = await fresh();
  await open(page, '?scenario=cases/broken.json');
  const p = await L.waitProblem(page);
  assert.match(p, /broken\.json:\d+:\d+:/);
  await page.ctx.close();
});

for (const [w, h] of [[360, 640], [390, 844]]) {
  for (const lang of ['en', 'zh']) {
    test(`on a ${w}x${h} phone (${lang}) every choice is inside the screen`, async () => {
      const page = await fresh(w, h, {mobile: true, touch: true, dpr: 3});
      await open(page, `?case=erp-rollout&lang=${lang}&seed=7`);
      for (let week = 1; week <= 4; week++) {
        const g = await L.waitGame(page, (s) => s.screen === 'game' && s.week === week, `week ${week}`);
        /* every choice, on one page or over the pager's pages */
        const seen = new Set();
        for (let pg = 1; pg <= g.pages; pg++) {
          const s = await L.game(page);
          for (const c of s.choices) {
            assert.ok(c.x >= 0 && c.y >= 0 && c.x + c.w <= w && c.y + c.h <= h,
                      `week ${week}: choice ${c.n} at ${JSON.stringify(c)} is outside ${w}x${h}`);
            seen.add(c.n);
          }
          if (pg < g.pages) {
            await page.keyboard.press('PageDown');
            await L.waitGame(page, (x) => x.page === pg + 1, `page ${pg + 1}`);
          }
        }
        assert.equal(seen.size, g.nchoices, `week ${week}: every choice can be reached`);
        const c = (await L.game(page)).choices[0];
        await page.touchscreen.tap(c.x + c.w / 2, c.y + c.h / 2);
      }
      assert.deepEqual(page.problems, []);
      await page.ctx.close();
    });
  }
}

test('the start screen: Chinese opens the page in Chinese; a case file of one\'s own plays', async () => {
  const page = await fresh();
  await open(page, '?lang=en');
  await L.waitGame(page, (s) => s.screen === 'start', 'the start screen');
  await Promise.all([page.waitForNavigation(), page.mouse.click(1122, 168)]); /* the 中文 button at 1280x800 */
  assert.match(page.url(), /lang=zh/);
  await L.waitGame(page, (s) => s.screen === 'start', 'the start screen in Chinese');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  /* the page's button opens a file picker; the case plays after check */
  assert.ok(await page.$eval('#open-case', (e) => getComputedStyle(e).display !== 'none'), 'the open button shows');
  const input = await page.$('#open');
  /* (the start screen is a running game: the page opens afresh with the file) */
  await Promise.all([page.waitForNavigation(),
                     input.uploadFile(path.join(L.ROOT, 'scenarios/zh/hospital-imaging.json'))]);
  const g = await L.waitGame(page, (s) => s.screen === 'game', 'the case from the file');
  assert.equal(g.case, 'hospital-imaging');
  assert.equal(await page.$eval('#open-case', (e) => getComputedStyle(e).display), 'none');
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('a browser that keeps nothing (storage refused) still plays, and says so once', async () => {
  const page = await fresh();
  await page.evaluateOnNewDocument(() => {
    Object.defineProperty(window, 'indexedDB', {value: {open: () => { throw new Error('denied'); }}});
  });
  await open(page, '?case=erp-rollout&seed=2');
  await L.waitGame(page, (s) => s.screen === 'game' && s.week === 1, 'week 1');
  await page.keyboard.press('1');
  await L.waitGame(page, (s) => s.week === 2, 'week 2');
  const note = await page.$eval('#note', (e) => e.textContent);
  assert.match(note, /will not keep your progress/);
  await page.ctx.close();
});

test('the game follows the window\'s size', async () => {
  const page = await fresh(1280, 800);
  await open(page, '?case=erp-rollout&seed=2');
  await L.waitGame(page, (s) => s.screen === 'game' && s.w === 1280, '1280 wide');
  await page.setViewport({width: 1024, height: 768});
  const g = await L.waitGame(page, (s) => s.w === 1024 && s.h === 768, '1024x768 after the resize');
  for (const c of g.choices) assert.ok(c.x + c.w <= 1024 && c.y + c.h <= 768, JSON.stringify(c));
  await page.ctx.close();
});

test('a case file with characters outside the page\'s fonts brings the whole font, not boxes', async () => {
  const page = await fresh();
  const file = path.join(tmp, 'rare.json');
  const text = fs.readFileSync(path.join(L.ROOT, 'scenarios/en/erp-rollout.json'), 'utf8')
    .replace('"id": "erp-rollout"', '"id": "rare-case"')
    .replace(/"title": "([^"]*)"/, '"title": "$1 龘"');
  fs.writeFileSync(file, text);
  await open(page, '?lang=en');
  await L.waitGame(page, (s) => s.screen === 'start', 'the start screen');
  await Promise.all([page.waitForNavigation(), (await page.$('#open')).uploadFile(file)]);
  const g = await L.waitGame(page, (s) => s.screen === 'game', 'the case from the file');
  assert.equal(g.case, 'rare-case');
  assert.ok(srv.sent.some((x) => x.path === '/fonts/full/NotoSansCJK-Regular.ttc'), 'the whole font was fetched');
  assert.deepEqual(page.problems, []);
  await page.ctx.close();
});

test('where the site has no whole font (the SCORM package), such a case plays with the subset, and says so', async () => {
  const page = await fresh();
  await page.setRequestInterception(true);
  page.on('request', (r) => (r.url().includes('/fonts/full/') ? r.respond({status: 404, body: 'not found'})
                                                             : r.continue()));
  const file = path.join(tmp, 'rare.json'); /* written by the test above */
  await open(page, '?lang=en');
  await L.waitGame(page, (s) => s.screen === 'start', 'the start screen');
  await Promise.all([page.waitForNavigation(), (await page.$('#open')).uploadFile(file)]);
  const g = await L.waitGame(page, (s) => s.screen === 'game', 'the case from the file');
  assert.equal(g.case, 'rare-case');
  const said = await page.$eval('#note', (n) => n.textContent);
  assert.match(said, /no full font/);
  /* the two refused fetches, and nothing else */
  assert.deepEqual(page.problems.filter((p) => !/404|fonts\/full/.test(p)), []);
  await page.ctx.close();
});
