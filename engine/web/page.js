/* page.js: the page around the game (buyersim.js + buyersim.wasm, the same C
 * program as the desktop's). It reads the link, fetches the language's fonts,
 * keeps the player's files in the browser's storage (IndexedDB), offers a
 * half-played game again, hands kept files over as downloads, opens a
 * trainer's own case file, and shows every problem on the page.
 *
 * A link into the game:
 *   index.html?case=erp-rollout&lang=zh&mode=exam&seed=7   that exercise
 *   &moves=1,4,2      those moves played first (a position to share)
 *   &ui=debrief       with the moves of a whole game: its debrief
 *   ?scenario=FILE    a case file hosted next to the page
 *   &players=3 &predict=1 &vote=1 &projector=1   the role-play options
 * With no case, the start screen (case, language, mode, past games).
 *
 * Nothing is fetched from anywhere but this page's own folder. */
'use strict';

(function () {
  const WORDS = {
    en: {
      badLink: 'This link cannot start a game',
      badCase: 'The case file has problems',
      failed: 'The game stopped',
      fix: 'Ask whoever sent the link for a corrected one, or ',
      startOver: 'open the start screen',
      noStorage: 'This browser will not keep your progress (private browsing, or its storage is full): the game plays, but saves and past games are lost when the tab closes.',
      resume: 'A game of this case is half-played in this browser.',
      resumeBtn: 'Go on with it',
      newBtn: 'New game',
      ended: 'The game is closed.',
      again: 'Play again',
      dropHere: 'Drop a case file (.json) to play it',
      openCase: 'Open a case file…',
      csv: 'Download CSV',
      xapi: 'Download xAPI',
      saved: 'Downloaded: ',
      noWasm: 'This browser cannot run the game (it needs WebAssembly): use a current Chrome, Edge, Firefox or Safari.',
      loadFail: 'The game could not be loaded from this site: ',
      fewGlyphs: 'This case has characters the fonts of this page lack (this copy of the game has no full font): some may show as boxes.',
    },
    zh: {
      badLink: '这个链接无法开始游戏',
      badCase: '案例文件有问题',
      failed: '游戏已停止',
      fix: '请让发链接的人重新发一个正确的，或者',
      startOver: '打开开始页面',
      noStorage: '这个浏览器不会保存你的进度（无痕模式，或存储空间已满）：游戏可以玩，但关闭页面后存档和历史记录都会丢失。',
      resume: '这个案例在本浏览器里有一局还没打完。',
      resumeBtn: '接着打',
      newBtn: '重新开始',
      ended: '游戏已关闭。',
      again: '再玩一局',
      dropHere: '把案例文件（.json）拖到这里即可开始',
      openCase: '打开案例文件…',
      csv: '下载 CSV',
      xapi: '下载 xAPI',
      saved: '已下载：',
      noWasm: '这个浏览器无法运行游戏（需要 WebAssembly）：请使用最新版的 Chrome、Edge、Firefox 或 Safari。',
      loadFail: '无法从本站加载游戏：',
      fewGlyphs: '这个案例里有些字本页的字体没有（这一版游戏没带完整字库），可能会显示成方框。',
    },
  };

  const $ = (id) => document.getElementById(id);
  /* the link; a launcher around the page (the SCORM package's, scorm.js)
   * may set window.buyersimLaunch to the query it wants instead (the same
   * parameters, e.g. the moves of a game the LMS kept) */
  const query = new URLSearchParams(window.buyersimLaunch !== undefined ? window.buyersimLaunch : location.search);
  const langOf = (v) => (v === 'zh' || v === 'en' ? v : null);
  const navLang = (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const lang = langOf(query.get('lang')) || navLang;
  const W = WORDS[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';

  const stderr = [];
  /* who wants the game's state (the LMS bridge): fn(state, previous) */
  const gameListeners = [];
  window.buyersimOnGame = (fn) => gameListeners.push(fn);
  let started = false;

  /* A problem that stops the game, on the page, in the page's language. */
  function problem(title, detail, withStartLink) {
    $('loading').style.display = 'none';
    const box = $('problem');
    box.querySelector('h1').textContent = title;
    box.querySelector('pre').textContent = detail;
    const p = box.querySelector('p');
    p.textContent = '';
    if (withStartLink) {
      p.append(W.fix);
      const a = document.createElement('a');
      a.href = location.pathname + '?lang=' + lang;
      a.textContent = W.startOver;
      p.append(a, '.');
    }
    box.style.display = 'flex';
    window.buyersimProblem = title + '\n' + detail; /* for tests */
  }

  let noteTimer = 0;
  function note(text, buttons, ms) {
    const n = $('note');
    n.textContent = text;
    for (const [label, fn] of buttons || []) {
      const b = document.createElement('button');
      b.textContent = label;
      b.onclick = () => { n.style.display = 'none'; fn(); };
      n.append(b);
    }
    n.style.display = 'block';
    clearTimeout(noteTimer);
    if (ms) noteTimer = setTimeout(() => { n.style.display = 'none'; }, ms);
  }

  /* ---- the link -------------------------------------------------------- */
  const KNOWN = ['case', 'lang', 'mode', 'seed', 'moves', 'scenario', 'ui', 'players', 'predict', 'vote',
                 'projector', 'demo-seconds'];
  function readLink() {
    const bad = [];
    for (const k of query.keys())
      if (!KNOWN.includes(k)) bad.push(`"${k}" is not something a link can set (it can set: ${KNOWN.join(', ')})`);
    const v = (k) => query.get(k);
    if (v('lang') !== null && !langOf(v('lang'))) bad.push(`lang=${v('lang')}: the game speaks en or zh`);
    const c = v('case');
    if (c !== null && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(c))
      bad.push(`case=${c}: a case is named by its id, like erp-rollout`);
    const sc = v('scenario');
    if (sc !== null && (!/^[A-Za-z0-9_][A-Za-z0-9_./-]{0,200}\.json$/.test(sc) || sc.includes('..') || sc.includes('//')))
      bad.push(`scenario=${sc}: a case file next to the page, like cases/my-case.json`);
    if (c !== null && sc !== null) bad.push('give case= or scenario=, not both');
    const mode = v('mode');
    if (mode !== null && !['practice', 'exam', 'demo'].includes(mode))
      bad.push(`mode=${mode}: the modes are practice, exam and demo`);
    const seed = v('seed');
    if (seed !== null && !(/^[0-9]{1,10}$/.test(seed) && Number(seed) <= 4294967295))
      bad.push(`seed=${seed}: a number from 0 to 4294967295`);
    const players = v('players');
    if (players !== null && !/^[1-5]$/.test(players)) bad.push(`players=${players}: 1 to 5`);
    const moves = v('moves');
    if (moves !== null && !/^[0-9a-z:]+(,[0-9a-z:]+)*$/.test(moves))
      bad.push(`moves=${moves}: choice numbers separated by commas, like 1,4,2`);
    const ui = v('ui');
    if (ui !== null && !['start', 'game', 'debrief'].includes(ui)) bad.push(`ui=${ui}: start, game or debrief`);
    if (ui === 'debrief' && moves === null) bad.push('ui=debrief needs the moves of a whole game (moves=...)');
    for (const k of ['predict', 'vote', 'projector'])
      if (v(k) !== null && !['0', '1', 'true', 'false', ''].includes(v(k))) bad.push(`${k}=${v(k)}: 1 or 0`);
    const ds = v('demo-seconds');
    if (ds !== null && !(Number(ds) >= 0.2 && Number(ds) <= 60)) bad.push(`demo-seconds=${ds}: 0.2 to 60`);
    if ((moves !== null || ui === 'debrief') && c === null && sc === null)
      bad.push('moves= and ui=debrief need a case (case=... or scenario=...)');
    return bad;
  }

  function argsFor(scenarioPath) {
    const v = (k) => query.get(k);
    const on = (k) => ['1', 'true', ''].includes(v(k));
    const a = ['play', '--lang', lang];
    if (v('ui') === 'start' || (!v('case') && !scenarioPath)) return a;
    a.push(scenarioPath || v('case'));
    if (v('seed') !== null) a.push('--seed', v('seed'));
    if (v('mode') === 'exam') a.push('--exam');
    if (v('mode') === 'demo') a.push('--demo');
    if (v('demo-seconds') !== null) a.push('--demo-seconds', v('demo-seconds'));
    if (v('players') !== null) a.push('--players', v('players'));
    for (const k of ['predict', 'vote', 'projector']) if (v(k) !== null && on(k)) a.push('--' + k);
    if (v('moves') !== null) a.push('--moves', v('moves') + (v('ui') === 'debrief' ? ',debrief' : ''));
    return a;
  }

  /* ---- files: the data, the fonts, the player's storage ----------------- */
  async function fetchBytes(path) {
    const r = await fetch(path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    return new Uint8Array(await r.arrayBuffer());
  }

  /* The language's fonts are fetched at once, while the game's code loads
   * (the first frame waits for them): their names are fixed, fonts.json
   * says which characters they have. */
  const early = {};
  for (const f of ['fonts.json', `${lang}-regular.otf`, `${lang}-bold.otf`]) {
    early[f] = fetchBytes('fonts/' + f);
    early[f].catch(() => {}); /* reported when awaited */
  }
  const fontFile = (f) => early[f] || fetchBytes('fonts/' + f);

  let fontInfo = null;
  /* The language's subset, or the full font when `text` (a case the user
   * opens) has characters outside it; the subset still, saying so, where
   * the site has no full font (the SCORM package leaves it out). */
  async function loadFonts(text) {
    fontInfo = fontInfo || JSON.parse(new TextDecoder().decode(await fontFile('fonts.json')));
    const set = fontInfo[lang];
    let full = false;
    if (text) {
      const covered = (cp) => set.ranges.some(([a, b]) => cp >= a && cp <= b);
      for (const ch of text) {
        const cp = ch.codePointAt(0);
        if (cp >= 0x20 && !covered(cp)) { full = true; break; }
      }
    }
    try { FS.mkdir('/fonts'); } catch (e) { /* there */ }
    for (const f of FS.readdir('/fonts')) if (f !== '.' && f !== '..') FS.unlink('/fonts/' + f);
    if (full) {
      try {
        const [regular, bold] = await Promise.all([fetchBytes('fonts/' + fontInfo.full.regular),
                                                   fetchBytes('fonts/' + fontInfo.full.bold)]);
        FS.writeFile('/fonts/regular.ttc', regular);
        FS.writeFile('/fonts/bold.ttc', bold);
      } catch (e) {
        full = false;
        note(W.fewGlyphs, null, 12000);
      }
    }
    if (!full) {
      FS.writeFile('/fonts/regular.otf', await fontFile(set.files.regular));
      FS.writeFile('/fonts/bold.otf', await fontFile(set.files.bold));
    }
  }

  /* Memory to IndexedDB. One sync at a time; a call during one asks for
   * another after it, which takes everything written meanwhile. flush()
   * resolves once a sync that began after the call has finished, so what
   * was written before it is kept (a sync already under way may have
   * missed it). */
  let storageOk = true, syncing = false, syncAgain = false;
  let waiting = [];
  function persist() {
    if (!storageOk) {
      for (const w of waiting.splice(0)) w(false);
      return;
    }
    if (syncing) { syncAgain = true; return; }
    syncing = true;
    const riding = waiting.splice(0);
    FS.syncfs(false, (err) => {
      syncing = false;
      if (err) {
        storageOk = false;
        note(W.noStorage, null, 12000);
      }
      for (const w of riding) w(!err);
      if (!err && syncAgain) {
        syncAgain = false;
        persist();
      } else if (waiting.length) {
        persist();
      }
    });
  }
  /* a move's save lands in memory a frame after the move (its state says
   * "unsaved" until then): a flush waits for it */
  const afterSave = [];
  function flush() {
    return new Promise((resolve) => {
      const go = () => { waiting.push(resolve); persist(); };
      if (window.buyersimGame && window.buyersimGame.unsaved) afterSave.push(go);
      else go();
    });
  }
  window.buyersimFlush = flush; /* for tests: everything written so far is kept */

  function userDir() { return '/persist/buyersim'; }

  /* The autosave of a case in this language, if it holds a game that has
   * weeks played and did not end (the page notes the last state of each
   * game that ended, from the game's own report). */
  const autosave = (id, lg) => `${userDir()}/autosave-${id}-${lg}.json`;
  function readSave(f) {
    try {
      return JSON.parse(new TextDecoder().decode(FS.readFile(f)));
    } catch (e) {
      return null;
    }
  }
  function halfPlayed(id) {
    const s = readSave(autosave(id, lang));
    let ended = null;
    try {
      ended = localStorage.getItem(`buyersim-ended:${id}-${lang}`);
    } catch (e) { /* storage refused */ }
    return s && Array.isArray(s.weeks) && s.weeks.length > 0 && s.state !== ended ? autosave(id, lang) : null;
  }
  /* the game ended: its autosave is not offered again */
  function noteEnded(g) {
    const s = readSave(autosave(g.case, g.lang));
    try {
      if (s) localStorage.setItem(`buyersim-ended:${g.case}-${g.lang}`, s.state);
    } catch (e) { /* storage refused: the offer stays, and says the weeks */ }
  }
  gameListeners.push((g, before) => {
    if (g.unsaved) return; /* the last move's save is not written yet */
    const had = before && !before.unsaved ? before : null;
    if (g.over && !(had && had.over)) noteEnded(g);
    for (const go of afterSave.splice(0)) go();
    if (before && (g.moves !== before.moves || before.unsaved)) persist();
  });

  /* ---- downloads -------------------------------------------------------- */
  function download(name, bytes) {
    const type = name.endsWith('.png') ? 'image/png' : name.endsWith('.json') ? 'application/json'
      : name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
    const url = URL.createObjectURL(new Blob([bytes], {type}));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    note(W.saved + name, null, 4000);
  }

  /* ---- the game -------------------------------------------------------- */
  function run(args, fromLink = true) {
    $('loading').style.display = 'none';
    started = true;
    stderr.length = 0;
    let rc;
    try {
      rc = Module.callMain(args);
    } catch (e) {
      rc = 1;
      stderr.push(String(e));
    }
    /* a game hands its loop to the browser (rc 0 and it runs on); a
     * problem (a bad case, a bad move) returns at once with its reasons */
    if (rc) problem(fromLink ? W.badLink : W.failed, stderr.join('\n'), fromLink);
    window.buyersimStarted = !rc;
    persist();
    $('canvas').focus();
  }

  async function openUserCase(name, bytes) {
    const text = new TextDecoder().decode(bytes);
    try { FS.mkdir('/cases'); } catch (e) { /* there */ }
    const path = '/cases/' + name.replace(/[^A-Za-z0-9_.-]/g, '_');
    FS.writeFile(path, bytes);
    await loadFonts(text);
    stderr.length = 0;
    /* check first: a bad file shows check's errors, and nothing saved is touched */
    const rc = Module.callMain(['check', path]);
    if (rc) {
      problem(W.badCase, stderr.join('\n').split(path).join(name), true);
      return false;
    }
    return path;
  }

  async function start() {
    const bad = readLink();
    if (bad.length) {
      problem(W.badLink, bad.join('\n'), true);
      return;
    }
    try {
      await loadFonts(null);
    } catch (e) {
      problem(W.failed, W.loadFail + e.message, false);
      return;
    }
    let path = null;
    const sc = query.get('scenario');
    const pending = pendingFile();
    if (pending) {
      path = await openUserCase(pending.name, pending.bytes);
      if (!path) return;
      run(['play', '--lang', lang, path]);
      return;
    }
    if (sc) {
      let bytes;
      try {
        bytes = await fetchBytes(sc);
      } catch (e) {
        problem(W.badLink, `scenario=${sc}: ${e.message}`, true);
        return;
      }
      path = await openUserCase(sc.split('/').pop(), bytes);
      if (!path) return;
    }
    const id = query.get('case');
    const saved = id && !query.get('moves') ? halfPlayed(id) : null;
    if (saved) {
      $('loading').style.display = 'none';
      note(W.resume, [[W.resumeBtn, () => run(['play', '--lang', lang, '--resume', saved], false)],
                      [W.newBtn, () => run(argsFor(path))]]);
      return;
    }
    run(argsFor(path));
  }

  /* A case file dropped on the page or picked: checked, then played. A
   * game already running keeps the page: the file waits in the tab's
   * session storage while the page loads again, then plays. */
  async function playFile(file) {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (started) {
      try {
        sessionStorage.setItem('buyersim-open', JSON.stringify({name: file.name, text: new TextDecoder().decode(bytes)}));
      } catch (e) {
        problem(W.badCase, `${file.name}: ${e.message}`, true);
        return;
      }
      persist();
      location.search = '?lang=' + lang;
      return;
    }
    const path = await openUserCase(file.name, bytes);
    if (path) run(['play', '--lang', lang, path]);
  }
  /* a file opened while a game ran, now that the page is fresh */
  function pendingFile() {
    const v = sessionStorage.getItem('buyersim-open');
    if (!v) return null;
    sessionStorage.removeItem('buyersim-open');
    const f = JSON.parse(v);
    return {name: f.name, bytes: new TextEncoder().encode(f.text)};
  }

  /* On the debrief, the game's records as downloads: CSV (one row per week
   * per vendor) and xAPI statements, made by `buyersim export` from the
   * game's save, as on the desktop's command line. (The debrief's PNG and
   * JSON: E, in the game.) */
  const exportBar = document.createElement('div');
  exportBar.id = 'exports';
  for (const [fmt, ext] of [['csv', 'csv'], ['xapi', 'json']]) {
    const btn = document.createElement('button');
    btn.textContent = W[fmt];
    btn.onclick = () => {
      const g = window.buyersimGame;
      const out = `/tmp/export.${ext}`;
      stderr.length = 0;
      const rc = Module.callMain(['export', autosave(g.case, g.lang), '--format', fmt, '--out', out]);
      if (rc) {
        note(stderr.join(' '), null, 8000);
        return;
      }
      const day = new Date().toISOString().slice(0, 10);
      download(`buyersim-${g.case}-${day}${fmt === 'xapi' ? '-xapi' : ''}.${ext}`, FS.readFile(out));
    };
    exportBar.append(btn);
  }
  document.body.append(exportBar);
  gameListeners.push((g) => { exportBar.style.display = g.screen === 'debrief' && g.case ? 'flex' : 'none'; });

  /* On the start screen, a button to open a case file of one's own. */
  const openBtn = document.createElement('button');
  openBtn.id = 'open-case';
  openBtn.textContent = W.openCase;
  openBtn.onclick = () => $('open').click();
  document.body.append(openBtn);
  gameListeners.push((g) => { openBtn.style.display = g.screen === 'start' ? 'block' : 'none'; });

  window.addEventListener('dragover', (e) => { e.preventDefault(); $('drop').textContent = W.dropHere; $('drop').style.display = 'flex'; });
  window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) $('drop').style.display = 'none'; });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    $('drop').style.display = 'none';
    playFile(e.dataTransfer.files[0]);
  });
  $('open').addEventListener('change', (e) => playFile(e.target.files[0]));
  window.addEventListener('pagehide', persist);
  document.addEventListener('visibilitychange', () => { if (document.hidden) persist(); });

  if (typeof WebAssembly !== 'object') {
    problem(W.failed, W.noWasm, false);
    return;
  }

  window.Module = {
    canvas: $('canvas'),
    noInitialRun: true,
    print: (s) => console.log(s),
    printErr: (s) => { stderr.push(s); if (!started) console.warn(s); },
    locateFile: (f) => f,
    preRun: [() => {
      ENV.BUYERSIM_DATA = '/data';
      ENV.SDL_VIDEODRIVER = 'emscripten'; /* the canvas: no X display to look for */
      /* WebGL, not the desktop's software renderer: SDL's software path in a
       * browser draws a window-sized picture into the top-left corner of a
       * canvas that has devicePixelRatio times the pixels (a phone showed a
       * quarter-size game); WebGL draws to the whole canvas, sharp on HiDPI
       * screens. The pictures match the native render (tests/web). */
      ENV.SDL_RENDER_DRIVER = 'opengles2';
      ENV.SDL_RENDER_BATCHING = '1';
      ENV.XDG_DATA_HOME = '/persist';
      ENV.LANG = lang === 'zh' ? 'zh_CN.UTF-8' : 'en_US.UTF-8';
      FS.mkdir('/persist');
      FS.mount(IDBFS, {}, '/persist');
      Module.addRunDependency('storage');
      FS.syncfs(true, (err) => {
        if (err) {
          storageOk = false;
          note(W.noStorage, null, 12000);
        }
        Module.removeRunDependency('storage');
      });
    }],
    onRuntimeInitialized: () => { start(); },
    download,
    persist,
    /* how long each frame took the game (ms), and whether it only worked
     * ahead (drew nothing), for tests/web/bench.js */
    onFrame: (ms, ahead) => {
      const f = window.buyersimFrames || (window.buyersimFrames = {first: performance.now(), ms: [], ahead: []});
      if (f.ms.length < 100000) {
        f.ms.push(ms);
        f.ahead.push(ahead);
      }
    },
    /* the game's state, each time it changes (screen.c, state_json) */
    onGameState: (json) => {
      const g = JSON.parse(json);
      const before = window.buyersimGame;
      if (!before) window.buyersimFirstScreen = performance.now();
      window.buyersimGame = g;
      for (const fn of gameListeners) fn(g, before);
    },
    onGameEnded: () => {
      persist();
      note(W.ended, [[W.again, () => location.reload()]]);
    },
    onAbort: (what) => problem(W.failed, String(what), false),
    /* the start screen switched language: the page has only this
     * language's fonts, so it opens again in the other one */
    onLang: (lg) => {
      if (lg === lang || !started) return;
      persist();
      setTimeout(() => { location.search = `?lang=${lg}&ui=start`; }, 0);
    },
  };
  /* saves land in memory at once and in IndexedDB within a second */
  setInterval(() => { if (started) persist(); }, 1000);
  window.addEventListener('error', (e) => {
    if (/buyersim\.(js|wasm)/.test(e.filename || '') || e.message.includes('buyersim'))
      problem(W.failed, W.loadFail + e.message, false);
  });
})();
