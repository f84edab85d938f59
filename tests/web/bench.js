#!/usr/bin/env node
/* The web build's speed and size, measured in headless chromium on this
 * machine, printed as JSON (the goals beside each figure). Not a
 * test: figures vary with the machine; run it and read them.
 *
 *   node tests/web/bench.js [--site DIR] [--native path/to/buyersim] [--repeat N]
 *
 * - bytes a first visit transfers, in English and in Chinese: as served and
 *   as gzip would send them (goal: English wasm+js+data at most 6 MB, gzip
 *   at most 3 MB; Chinese gzip at most 8 MB);
 * - the time from navigation to the first frame the game draws, and to the
 *   full first screen (its first state report) (goal: at most 1.5 s);
 * - frame times while a game is played at 1920x1080, p50 and p99 (goal: p99
 *   at most 8 ms), and the ticks that play a move apart; the ticks that
 *   only work ahead (the weeks after each choice made ready, ahead.c) count
 *   as frames: a key pressed meanwhile waits for them;
 * - `sim` games per second in the browser's wasm against the native
 *   build's (goal: at least half). */
'use strict';
const {execFileSync} = require('child_process');
const path = require('path');
const L = require('./lib.js');

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const site = path.resolve(arg('--site', L.SITE));
const native = arg('--native', path.join(L.ROOT, 'build/test/engine/buyersim'));
const q = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const round = (x, n = 1) => Math.round(x * 10 ** n) / 10 ** n;

async function visit(b, srv, query, w, h) {
  srv.sent.length = 0;
  const ctx = await b.createBrowserContext();
  const page = await L.newPage(b, w, h, {context: ctx});
  await page.goto(`${srv.url}/index.html${query}`);
  await L.waitGame(page, (s) => s.screen === 'game' && !s.moving, 'the first week, settled', 60000);
  const t = await page.evaluate(() => ({first: window.buyersimFrames.first, full: window.buyersimFirstScreen}));
  const sent = srv.sent.slice();
  const sum = (f) => sent.reduce((a, x) => a + x[f], 0);
  const code = sent.filter((x) => /\.(wasm|js|data)$/.test(x.path));
  return {page, ctx, t, bytes: {all: sum('bytes'), all_gzip: sum('gzip'),
                                 wasm_js_data: code.reduce((a, x) => a + x.bytes, 0),
                                 wasm_js_data_gzip: code.reduce((a, x) => a + x.gzip, 0),
                                 files: sent.map((x) => `${x.path} ${x.bytes}`)}};
}

/* One measurement of everything, in its own browser contexts. */
async function once(b, srv) {
  const out = {machine: `${require('os').cpus().length} cores`, browser: await b.version()};

  const en = await visit(b, srv, '?case=erp-rollout&lang=en&seed=1', 1920, 1080);
  out.first_visit_en = {...en.bytes, goal: 'wasm+js+data <= 6 MB, gzip <= 3 MB',
                        first_frame_ms: round(en.t.first), first_screen_ms: round(en.t.full),
                        goal_first_frame_ms: 1500};
  /* Frames while playing, paced as a trainee plays: eight weeks, each
   * read with the pointer over each choice in turn (its preview drawn),
   * then a move and its animation. A frame's time is its whole tick (the move, the events
   * and the drawing, or the work ahead); ticks that do nothing are not
   * counted. The tick that plays a move (the new week laid out and drawn;
   * its save comes in the next tick) is also given apart. */
  await en.page.evaluate(() => { window.buyersimFrames.ms.length = window.buyersimFrames.ahead.length = 0; });
  const moveTicks = [];
  for (let i = 0; i < 8; i++) {
    const s = await L.game(en.page);
    for (const c of s.choices || []) {
      await en.page.mouse.move(c.x + c.w / 2, c.y + c.h / 2);
      await new Promise((r) => setTimeout(r, 250));
    }
    await en.page.mouse.move(1919, 1079);
    const n = await en.page.evaluate(() => window.buyersimFrames.ms.length);
    await en.page.keyboard.press(String(1 + (i % 3)));
    await L.waitGame(en.page, (x) => x.week === s.week + 1 && !x.moving, `week ${s.week + 1}, settled`);
    /* the move's tick: the first that drew after the key */
    moveTicks.push(await en.page.evaluate((k) => {
      const f = window.buyersimFrames;
      while (k < f.ms.length && f.ahead[k]) k++;
      return f.ms[k];
    }, n));
  }
  const ms = await en.page.evaluate(() => window.buyersimFrames.ms);
  out.frames_1920x1080 = {frames: ms.length, p50_ms: round(q(ms, 0.5), 2), p99_ms: round(q(ms, 0.99), 2),
                          max_ms: round(Math.max(...ms), 2), goal_p99_ms: 8,
                          move_ticks: {n: moveTicks.length, p50_ms: round(q(moveTicks, 0.5), 2),
                                       max_ms: round(Math.max(...moveTicks), 2)}};
  /* sim in the wasm, on the same page (the game idles meanwhile) */
  const runs = 400;
  const wasm = await en.page.evaluate((n) => {
    const t0 = performance.now();
    const rc = Module.callMain(['sim', 'erp-rollout', '--policy', 'buyer_centric', '--runs', String(n), '--json']);
    return {rc, ms: performance.now() - t0};
  }, runs);
  let nat = null;
  try {
    const t0 = process.hrtime.bigint();
    execFileSync(native, ['sim', 'erp-rollout', '--policy', 'buyer_centric', '--runs', String(runs), '--json'],
                 {stdio: 'ignore', env: {...process.env, BUYERSIM_DATA: L.ROOT}});
    nat = Number(process.hrtime.bigint() - t0) / 1e6;
  } catch (e) { /* no native build */ }
  out.sim_games_per_s = {wasm: wasm.rc === 0 ? round(runs / (wasm.ms / 1000)) : null,
                         native: nat ? round(runs / (nat / 1000)) : null, goal: 'wasm >= native / 2'};
  await en.ctx.close();

  const zh = await visit(b, srv, '?case=erp-rollout&lang=zh&seed=1', 1920, 1080);
  out.first_visit_zh = {...zh.bytes, goal: 'gzip <= 8 MB', first_frame_ms: round(zh.t.first),
                        first_screen_ms: round(zh.t.full)};
  await zh.ctx.close();
  return out;
}

/* --repeat N: N measurements (a shared machine's figures vary from run to
 * run), each printed, and their medians. */
(async () => {
  const repeat = Math.max(1, Number(arg('--repeat', '1')) || 1);
  const srv = await L.serve(site);
  const b = await L.browser();
  const outs = [];
  for (let i = 0; i < repeat; i++) outs.push(await once(b, srv));
  await b.close();
  await srv.close();
  if (repeat === 1) {
    console.log(JSON.stringify(outs[0], null, 2));
    return;
  }
  const med = (f) => round(q(outs.map(f), 0.5), 2);
  console.log(JSON.stringify({runs: outs, median: {
    first_frame_en_ms: med((o) => o.first_visit_en.first_frame_ms),
    first_frame_zh_ms: med((o) => o.first_visit_zh.first_frame_ms),
    frame_p50_ms: med((o) => o.frames_1920x1080.p50_ms),
    frame_p99_ms: med((o) => o.frames_1920x1080.p99_ms),
    move_tick_p50_ms: med((o) => o.frames_1920x1080.move_ticks.p50_ms),
    sim_wasm_over_native: med((o) => (o.sim_games_per_s.native ? o.sim_games_per_s.wasm / o.sim_games_per_s.native : 0)),
  }}, null, 2));
})().catch((e) => { console.error(e); process.exit(1); });
