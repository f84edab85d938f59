/* lib.js: what the web tests share. A static server for the built site (the
 * page and a SCORM launch), Debian's chromium driven by puppeteer-core, and
 * waits on the game's own state (window.buyersimGame, which the page keeps
 * from the game's events), never on fixed sleeps. */
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const zlib = require('zlib');
const puppeteer = require('puppeteer-core');

const ROOT = path.resolve(__dirname, '../..');
const SITE = process.env.BUYERSIM_SITE || path.join(ROOT, 'build/web/site');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/* BUYERSIM_BROWSER=firefox: Debian's firefox-esr, through WebDriver BiDi */
const FIREFOX = process.env.BUYERSIM_BROWSER === 'firefox' ? (process.env.FIREFOX || '/usr/bin/firefox-esr') : null;
const DOWNLOADS = FIREFOX ? fs.mkdtempSync(path.join(require('os').tmpdir(), 'bsweb-dl-')) : null;
if (DOWNLOADS) process.on('exit', () => fs.rmSync(DOWNLOADS, {recursive: true, force: true}));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.data': 'application/octet-stream', '.otf': 'font/otf', '.ttc': 'font/collection',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.xml': 'application/xml', '.xsd': 'application/xml',
};

/* Serves `root` (and `extra`: url path -> file) on a free port; counts the
 * bytes sent per path (plain and as gzip would send them). */
function serve(root, extra = {}) {
  const sent = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url, 'http://x');
    let file = extra[u.pathname] || path.join(root, decodeURIComponent(u.pathname));
    if (!file.startsWith(root) && !extra[u.pathname]) { res.writeHead(403); res.end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); res.end('not found'); return; }
      res.writeHead(200, {'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
                          'Cache-Control': 'no-store'});
      res.end(body);
      sent.push({path: u.pathname, bytes: body.length, gzip: zlib.gzipSync(body, {level: 9}).length});
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const url = `http://127.0.0.1:${server.address().port}`;
    resolve({url, sent, close: () => new Promise((r) => server.close(r))});
  }));
}

async function browser(extraArgs = []) {
  if (FIREFOX) /* downloads go to DOWNLOADS, asking nothing (no per-context folder there) */
    return puppeteer.launch({browser: 'firefox', executablePath: FIREFOX, headless: true,
                             extraPrefsFirefox: {'webgl.force-enabled': true, 'browser.download.folderList': 2,
                                                 'browser.download.dir': DOWNLOADS,
                                                 'browser.download.useDownloadDir': true,
                                                 'browser.download.always_ask_before_handling_new_types': false}});
  return puppeteer.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--hide-scrollbars',
           '--mute-audio', ...extraArgs],
  });
}

/* A page that records console errors and page errors (a test fails on any). */
async function newPage(b, w = 1280, h = 800, opts = {}) {
  const page = opts.context ? await opts.context.newPage() : await b.newPage();
  await page.setViewport({width: w, height: h, deviceScaleFactor: opts.dpr || 1,
                          isMobile: !!opts.mobile, hasTouch: !!opts.touch});
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push('console: ' + m.text()); });
  page.on('pageerror', (e) => page.problems.push('pageerror: ' + e.message));
  page.on('requestfailed', (r) => page.problems.push('request failed: ' + r.url()));
  return page;
}

/* The game's state as the page keeps it ({week, weeks, over, screen, ...}). */
async function game(page) { return page.evaluate(() => window.buyersimGame || null); }

async function waitGame(page, pred, what, ms = 20000) {
  const t0 = Date.now();
  let g = null;
  while (Date.now() - t0 < ms) {
    g = await game(page);
    const problem = await page.evaluate(() => window.buyersimProblem || null);
    if (problem) throw new Error(`the page shows a problem while waiting for ${what}:\n${problem}`);
    if (g && pred(g)) return g;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; the game is at ${JSON.stringify(g)}`);
}

async function waitProblem(page, ms = 20000) {
  await page.waitForFunction(() => window.buyersimProblem, {timeout: ms});
  return page.evaluate(() => window.buyersimProblem);
}

/* The choices' rectangles on the canvas in CSS pixels (the game reports
 * them with each frame it lays out). */
async function choiceRects(page) {
  return page.evaluate(() => (window.buyersimGame && window.buyersimGame.choices) || []);
}

/* Where a page's downloads arrive: chromium's per-context folder `dir`
 * (DevTools), firefox's one folder. */
async function downloadsTo(page, dir) {
  if (FIREFOX)
    return DOWNLOADS;
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', {behavior: 'allow', downloadPath: dir,
                                                  browserContextId: page.browserContext().id});
  return dir;
}

module.exports = {ROOT, SITE, FIREFOX, serve, downloadsTo, browser, newPage, game, waitGame, waitProblem, choiceRects};
