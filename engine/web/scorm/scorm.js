/* scorm.js: the SCORM 1.2 launcher (scorm.html, the page of the LMS
 * package buyersim-scorm12.zip). It finds the LMS's API object, starts the
 * item's game (or resumes the half-played one the LMS kept), then loads the
 * page (page.js) and the game (buyersim.js), in that order, and reports the
 * game to the LMS as it goes:
 *
 *   cmi.core.lesson_status   incomplete while a game is played; at its end
 *                            passed or failed against cmi.student_data.
 *                            mastery_score (the manifest's masteryscore),
 *                            completed when there is none
 *   cmi.core.score.raw/min/max   the game's score, 0-100, at its end
 *   cmi.interactions.n.*     each week's move (id weekN, type choice, the
 *                            choice number, correct / wrong / neutral for a
 *                            buyer-centric move / a mistake / neither, time,
 *                            weighting, latency)
 *   cmi.suspend_data         the game, as a link replays it: {"v":1,"case",
 *                            "lang","seed","mode","moves"} (at most 4,096
 *                            characters), so that the next launch resumes it
 *   cmi.core.exit            suspend while the game is half-played
 *   cmi.core.session_time    on leaving (pagehide), before LMSFinish
 *
 * The item's case and language come from the launch URL (the manifest's
 * parameters: ?case=erp-rollout&lang=en; mode=exam, or seed=N for the same
 * game for every learner, may be added). Without an LMS the page plays as
 * the plain page does. */
'use strict';

(function () {
  const SUSPEND_MAX = 4096; /* SCORM 1.2: cmi.suspend_data is a CMIString4096 */
  const here = new URLSearchParams(location.search);
  const warn = (...a) => console.warn('buyersim SCORM:', ...a);

  /* ---- the LMS's API: the standard search ------------------------------ */
  /* window.API in this window or a parent, up to 10 levels, then in the
   * window that opened this one and its parents. A parent from another
   * origin cannot be looked into: the search goes on past it. */
  function apiIn(win) {
    for (let level = 0; win && level <= 10; level++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === 'function') return win.API;
      } catch (e) { /* another origin */ }
      let up = null;
      try { up = win.parent; } catch (e) { up = null; }
      if (!up || up === win) break;
      win = up;
    }
    return null;
  }
  function findAPI() {
    let api = apiIn(window);
    if (!api) {
      let opener = null;
      try { opener = window.opener; } catch (e) { opener = null; }
      if (opener) api = apiIn(opener);
    }
    return api;
  }

  /* The LMS calls, each one safe: an LMS that throws or says no is warned
   * about, never a stop of the game. */
  function connect(api) {
    const why = () => {
      try {
        const code = api.LMSGetLastError();
        return `${code} ${api.LMSGetErrorString(code)}`;
      } catch (e) {
        return String(e);
      }
    };
    const call = (name, ...args) => {
      try {
        const r = api[name](...args);
        if (name !== 'LMSGetValue' && String(r) !== 'true') warn(`${name}(${args.join(', ')}): ${why()}`);
        return r;
      } catch (e) {
        warn(`${name}: ${e}`);
        return name === 'LMSGetValue' ? '' : 'false';
      }
    };
    if (String(call('LMSInitialize', '')) !== 'true') return null;
    return {
      get: (k) => {
        const v = call('LMSGetValue', k);
        return v === null || v === undefined ? '' : String(v);
      },
      set: (k, v) => call('LMSSetValue', k, String(v)),
      commit: () => call('LMSCommit', ''),
      finish: () => call('LMSFinish', ''),
    };
  }

  /* ---- the formats of the SCORM 1.2 data model ------------------------- */
  const pad = (n, w) => String(n).padStart(w, '0');
  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    const cs = Math.max(0, Math.round(ms / 10));
    const h = Math.min(9999, Math.floor(cs / 360000));
    const m = Math.floor(cs / 6000) % 60, s = Math.floor(cs / 100) % 60, c = cs % 100;
    return h >= 9999 ? '9999:59:59.99' : `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(c, 2)}`;
  }
  /* CMITime: the time of day, HH:MM:SS */
  function clock(d) {
    return `${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}`;
  }
  /* a choice's response: one character, 0-9 then a-z (the choice format) */
  function response(choice) {
    const n = parseInt(choice, 10);
    return n >= 0 && n < 36 ? n.toString(36) : null;
  }
  const RESULT = {'1': 'correct', '-1': 'wrong', '0': 'neutral'};

  /* ---- what the LMS kept ----------------------------------------------- */
  const SAVE_KEYS = {
    case: /^[a-z0-9][a-z0-9-]{0,63}$/, lang: /^(en|zh)$/, seed: /^[0-9]{1,10}$/,
    mode: /^(practice|exam)$/, moves: /^[0-9a-z:]+(,[0-9a-z:]+)*$/,
  };
  function readSaved(text) {
    if (!text) return null;
    let s;
    try {
      s = JSON.parse(text);
    } catch (e) {
      warn('the suspend data the LMS kept is not ours; a new game starts');
      return null;
    }
    if (!s || s.v !== 1 || !SAVE_KEYS.case.test(s.case) || !SAVE_KEYS.lang.test(s.lang)) return null;
    for (const k of ['seed', 'mode', 'moves'])
      if (s[k] !== undefined && s[k] !== '' && !SAVE_KEYS[k].test(String(s[k]))) {
        warn(`the suspend data's ${k} is not one a game can have; a new game starts`);
        return null;
      }
    return s;
  }

  /* ---- the launch ------------------------------------------------------ */
  const api = findAPI();
  const lms = api ? connect(api) : null;
  const t0 = Date.now();
  const launch = new URLSearchParams();
  for (const k of ['case', 'lang', 'mode', 'seed']) if (here.get(k) !== null) launch.set(k, here.get(k));
  /* review (a finished attempt looked at again) and browse: nothing is recorded */
  const lessonMode = lms ? lms.get('cmi.core.lesson_mode') : '';
  const record = !!lms && lessonMode !== 'review' && lessonMode !== 'browse';
  let saved = lms ? readSaved(lms.get('cmi.suspend_data')) : null;
  if (saved && ((here.get('case') !== null && saved.case !== here.get('case')) ||
                (here.get('lang') !== null && saved.lang !== here.get('lang')))) {
    warn(`the suspend data is a game of ${saved.case} (${saved.lang}), not of this item; a new game starts`);
    saved = null;
  }
  if (saved && (!saved.over || !record)) {
    launch.set('case', saved.case);
    launch.set('lang', saved.lang);
    if (saved.seed !== undefined) launch.set('seed', String(saved.seed));
    if (saved.mode) launch.set('mode', saved.mode);
    if (saved.moves) launch.set('moves', saved.moves);
    if (saved.over && saved.moves) launch.set('ui', 'debrief');
  }
  window.buyersimLaunch = launch.toString();
  window.buyersimScorm = {lms: !!lms, record, resumed: !!(saved && saved.moves && !saved.over)};

  /* ---- the reports ----------------------------------------------------- */
  let reported = -1;     /* how many of the game's moves the LMS has */
  let ended = false;     /* the game's end is reported */
  let playing = false;   /* a game is on (the exit is suspend) */
  let lastSuspend = '', tooLong = false;
  const shown = {};      /* week -> when it was first shown (latency) */

  function reportWeek(week, choice, last) {
    const n = parseInt(lms.get('cmi.interactions._count'), 10) || 0;
    const p = `cmi.interactions.${n}.`;
    lms.set(p + 'id', `week${week}`);
    lms.set(p + 'type', 'choice');
    const r = response(choice);
    if (r !== null) lms.set(p + 'student_response', r);
    lms.set(p + 'result', last && RESULT[String(last.verdict)] ? RESULT[String(last.verdict)] : 'neutral');
    lms.set(p + 'time', clock(new Date()));
    lms.set(p + 'weighting', '1');
    if (shown[week] !== undefined) lms.set(p + 'latency', timespan(Date.now() - shown[week]));
  }

  function reportEnd(g) {
    const score = Math.max(0, Math.min(100, Math.round(Number(g.score) || 0)));
    /* a game that scores less than the attempt's best leaves the best */
    const before = lms.get('cmi.core.score.raw');
    const status = lms.get('cmi.core.lesson_status');
    if (before !== '' && ['passed', 'failed', 'completed'].includes(status) && Number(before) > score) return;
    lms.set('cmi.core.score.min', '0');
    lms.set('cmi.core.score.max', '100');
    lms.set('cmi.core.score.raw', String(score));
    const mastery = lms.get('cmi.student_data.mastery_score');
    lms.set('cmi.core.lesson_status',
            mastery !== '' && Number.isFinite(Number(mastery)) ? (score >= Number(mastery) ? 'passed' : 'failed')
                                                              : 'completed');
  }

  function suspend(g) {
    const s = {v: 1, case: g.case, lang: g.lang, seed: g.seed, mode: g.mode === 'exam' ? 'exam' : 'practice',
               moves: g.moves || ''};
    if (g.over) s.over = true;
    const text = JSON.stringify(s);
    if (text === lastSuspend) return false;
    if (text.length > SUSPEND_MAX) {
      /* never more than the LMS must keep: the last state that fit stays */
      if (!tooLong) warn(`the game no longer fits in suspend_data (${text.length} > ${SUSPEND_MAX} characters): the LMS keeps the last week that did`);
      tooLong = true;
      return false;
    }
    lms.set('cmi.suspend_data', text);
    lastSuspend = text;
    return true;
  }

  function onGame(g) {
    if (!g || g.screen === 'start' || !g.case) return;
    const now = Date.now();
    if (g.screen === 'game' && !g.over && shown[g.week] === undefined) shown[g.week] = now;
    if (!record) return;
    let changed = false;
    if (!playing) {
      playing = true;
      const status = lms.get('cmi.core.lesson_status');
      if (status === '' || status === 'not attempted' || status === 'browsed') {
        lms.set('cmi.core.lesson_status', 'incomplete');
        changed = true;
      }
    }
    const moves = g.moves ? g.moves.split(',') : [];
    if (reported < 0) reported = moves.length; /* a resumed game's weeks were reported before */
    if (moves.length < reported) { /* a week undone, or a new game */
      reported = moves.length;
      for (const w of Object.keys(shown)) if (Number(w) > g.week) delete shown[w];
    }
    for (let w = reported + 1; w <= moves.length; w++) {
      reportWeek(w, moves[w - 1].split(':')[0], g.last && g.last.week === w ? g.last : null);
      changed = true;
    }
    reported = moves.length;
    if (!g.over) ended = false;
    else if (!ended) {
      ended = true;
      reportEnd(g);
      changed = true;
    }
    if (suspend(g)) changed = true;
    if (changed) lms.commit();
  }

  let finished = false;
  function finish() {
    if (!lms || finished) return;
    finished = true;
    if (record) {
      const g = window.buyersimGame;
      const half = playing && g && g.case && !g.over && g.screen !== 'start';
      lms.set('cmi.core.exit', half ? 'suspend' : '');
      lms.set('cmi.core.session_time', timespan(Date.now() - t0));
    }
    lms.finish();
  }
  if (lms) {
    window.addEventListener('pagehide', finish);
    if (!('onpagehide' in window)) window.addEventListener('unload', finish);
  }

  /* ---- the page, then the game ----------------------------------------- */
  function load(src, done) {
    const s = document.createElement('script');
    s.src = src;
    s.async = false;
    if (done) s.onload = done;
    s.onerror = () => {
      const box = document.getElementById('loading');
      if (box) box.textContent = `buyersim: ${src} could not be loaded from this package.`;
    };
    document.body.append(s);
  }
  load('page.js', () => {
    if (lms && typeof window.buyersimOnGame === 'function') window.buyersimOnGame(onGame);
    load('buyersim.js');
  });
})();
