/* The start screen (play without a SCENARIO): pick a bundled scenario, the
 * language and the mode (practice with previews, exam without, demo), or
 * resume the autosaved game. Keyboard, clicker and mouse. */
#define _DEFAULT_SOURCE /* timegm */
#include "platform.h"
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { F_LANG = 1000, F_MODE = 1001, F_RESUME = 1002, F_START = 1003, F_PAST = 1100 };
enum { T_LANG = 100, T_MODE = 200, T_RESUME = 300, T_START = 400, T_PAST = 500 };
#define NPAST ((int)(sizeof ((ScrStart *)0)->past / sizeof ((ScrStart *)0)->past[0]))

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }

static const char *SS(const ScrApp *a, const char *key)
{
    const char *v = a->start.str ? bs_str_or(a->start.str, key, NULL) : NULL;
    if (!v && a->start.str_en)
        v = bs_str_or(a->start.str_en, key, NULL);
    return v ? v : key;
}

static const char *lang_code(int i) { return i == 1 ? "zh" : "en"; }

static bool exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void load_strings(ScrApp *a)
{
    ScrStart *s = &a->start;
    /* the platform may need other fonts for the language (a browser's page
     * fetches them) */
    scr_platform_lang(lang_code(s->lang));
    bs_strings_free(s->str);
    s->str = NULL;
    char p[1300];
    snprintf(p, sizeof p, "%s/assets/lang/%s.json", app_data_dir(), lang_code(s->lang));
    if (exists(p))
        s->str = app_strings(lang_code(s->lang));
    if (!s->str_en) {
        snprintf(p, sizeof p, "%s/assets/lang/en.json", app_data_dir());
        if (exists(p))
            s->str_en = app_strings("en");
    }
}

static int cmp_entry(const void *x, const void *y)
{
    return strcmp(((const ScrScenarioEntry *)x)->id, ((const ScrScenarioEntry *)y)->id);
}

static void scan_lang(ScrStart *s, const char *lang)
{
    static char paths[SCR_MAX_SCENARIOS][APP_PATH_MAX];
    int n = app_bundled_files(lang, paths, SCR_MAX_SCENARIOS - s->n);
    for (int i = 0; i < n; i++) {
        ScrScenarioEntry *e = &s->items[s->n];
        snprintf(e->path, sizeof e->path, "%s", paths[i]);
        BsErrors errs;
        bs_errors_init(&errs, e->path);
        BsScenario *sc = bs_scenario_load(e->path, &errs);
        bs_errors_free(&errs);
        if (!sc)
            continue; /* `buyersim check` names what is wrong with it */
        snprintf(e->id, sizeof e->id, "%s", sc->id);
        snprintf(e->title, sizeof e->title, "%s", sc->title ? sc->title : sc->id);
        snprintf(e->summary, sizeof e->summary, "%s", sc->summary ? sc->summary : "");
        snprintf(e->lang, sizeof e->lang, "%s", sc->lang);
        bs_scenario_free(sc);
        s->n++;
    }
    qsort(s->items, (size_t)s->n, sizeof s->items[0], cmp_entry);
}

/* "2024-05-01T14:03:00Z" (UTC, as the history keeps it) in local time. */
static void local_date(const char *utc, char *out, size_t cap)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (sscanf(utc, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
               &tm.tm_sec) == 6) {
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        time_t t = timegm(&tm);
        struct tm lt;
        if (t != (time_t)-1 && localtime_r(&t, &lt) && strftime(out, cap, "%Y-%m-%d %H:%M", &lt) > 0)
            return;
    }
    snprintf(out, cap, "%.16s", utc);
}

/* The shown window of past games: past_top and after, from the history. */
static void load_past(ScrApp *a)
{
    ScrStart *s = &a->start;
    static AppRecord r[NPAST];
    if (s->past_top > s->npast - 1)
        s->past_top = maxi(0, s->npast - 1);
    int missing = 0;
    BsErrors e; /* the history gone since the view was made: no games listed, nothing to say */
    bs_errors_init(&e, "");
    int n = app_history_page(&s->hist, s->past_top, r, NPAST, &missing, &e);
    bs_errors_free(&e);
    s->past_missing = missing;
    if (missing && !s->hist_warned) {
        fprintf(stderr, "buyersim: past games: %d game(s) shown whose session file is gone left out\n", missing);
        s->hist_warned = true;
    }
    s->npast_loaded = 0;
    for (int i = 0; i < n; i++) {
        if (!r[i].session[0])
            continue;
        char date[32], sc[16], wk[16], pl[16];
        local_date(r[i].date, date, sizeof date);
        snprintf(sc, sizeof sc, "%d", r[i].score);
        snprintf(wk, sizeof wk, "%d", r[i].weeks);
        snprintf(pl, sizeof pl, "%d", r[i].players);
        const char *oc = !strcmp(r[i].outcome, "won") ? "screen.past_won"
                       : !strcmp(r[i].outcome, "no_decision") ? "screen.past_no_decision" : "screen.past_lost";
        const char *kv[] = {"date", date, "outcome", SS(a, oc), "score", sc, "weeks", wk, "players", pl, NULL};
        int k = s->npast_loaded++;
        app_fill(s->past[k].label, sizeof s->past[k].label,
                 SS(a, r[i].players > 1 ? "screen.past_item_players" : "screen.past_item"), kv);
        snprintf(s->past[k].path, sizeof s->past[k].path, "%s", r[i].session);
    }
}

/* "Played 3 times, best score 64" and the latest games, from the history of
 * finished games: read as shown, never the whole file at once. Damaged lines
 * and games whose session file is gone are left out, with one warning. */
static void history_info(ScrApp *a)
{
    ScrStart *s = &a->start;
    s->history_info[0] = '\0';
    s->npast = s->npast_loaded = s->npast_shown = s->past_top = 0;
    s->past_end = false;
    if (s->sel < 0 || s->sel >= s->n)
        return;
    BsErrors e;
    bs_errors_init(&e, "");
    bool read = app_history_view(&s->hist, s->items[s->sel].id, &e);
    if (!read && !s->hist_warned)
        app_errors_print(stderr, "buyersim: past games: ", &e);
    bs_errors_free(&e);
    if (!read) {
        s->hist_warned = true;
        return;
    }
    s->npast = s->hist.games;
    int warned = s->hist_warned;
    s->hist_warned = true; /* one warning: the one below says it all */
    load_past(a);
    s->hist_warned = warned;
    if ((s->hist.damaged || s->past_missing) && !s->hist_warned) {
        fprintf(stderr, "buyersim: past games: %d damaged line(s) of the history skipped; %d game(s) shown whose "
                        "session file is gone left out\n", s->hist.damaged, s->past_missing);
        s->hist_warned = true;
    }
    if (s->hist.played == 0)
        return;
    char np[16], nw[16], nb[16];
    snprintf(np, sizeof np, "%d", s->hist.played);
    snprintf(nw, sizeof nw, "%d", s->hist.won);
    snprintf(nb, sizeof nb, "%d", s->hist.best);
    const char *kv[] = {"played", np, "won", nw, "best", nb, NULL};
    app_fill(s->history_info, sizeof s->history_info, SS(a, "screen.history"), kv);
}

/* Scrolls the past games by `by` (the window stays within the list). */
static void scroll_past(ScrApp *a, int by)
{
    ScrStart *s = &a->start;
    int top = s->past_top + by, last = maxi(0, s->npast - maxi(1, s->npast_fit));
    top = top < 0 ? 0 : top > last ? last : top;
    s->past_end = by > 0 && top == last; /* the layout shows the very last one */
    if (s->past_end)
        a->lay_dirty = true;
    if (top == s->past_top)
        return;
    s->past_top = top;
    load_past(a);
    a->lay_dirty = true;
}

static void check_autosave(ScrApp *a)
{
    ScrStart *s = &a->start;
    s->has_autosave = false;
    s->autosave_info[0] = '\0';
    history_info(a);
    if (s->sel < 0 || s->sel >= s->n)
        return;
    const char *dir = app_user_dir();
    if (!dir)
        return;
    snprintf(s->autosave, sizeof s->autosave, "%s/autosave-%s-%s.json", dir, s->items[s->sel].id,
             s->items[s->sel].lang);
    if (!exists(s->autosave))
        return;
    BsSession ss;
    char id[64];
    BsErrors e;
    bs_errors_init(&e, s->autosave);
    bool ok = bs_session_load(&ss, s->autosave, NULL, id, sizeof id, &e);
    bs_errors_free(&e);
    if (!ok || ss.nweeks == 0)
        return;
    s->has_autosave = true;
    char n[16];
    snprintf(n, sizeof n, "%d", ss.nweeks);
    const char *kv[] = {"n", n, NULL};
    app_fill(s->autosave_info, sizeof s->autosave_info, SS(a, "screen.resume"), kv);
}

void scr_start_scan(ScrApp *a)
{
    ScrStart *s = &a->start;
    char keep[64] = "";
    if (s->sel >= 0 && s->sel < s->n)
        snprintf(keep, sizeof keep, "%s", s->items[s->sel].id);
    s->n = 0;
    scan_lang(s, lang_code(s->lang));
    if (s->n == 0)
        scan_lang(s, lang_code(1 - s->lang)); /* rather than nothing */
    s->sel = 0;
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->items[i].id, keep))
            s->sel = i;
    check_autosave(a);
}

void scr_app_show_start(ScrApp *a)
{
    ScrStart *s = &a->start;
    s->lang = !strcmp(app_lang(a->args.lang), "zh") ? 1 : 0;
    s->mode = a->args.exam ? SCR_MODE_EXAM : SCR_MODE_PRACTICE;
    s->focus = 0;
    s->sel = 0;
    load_strings(a);
    scr_start_scan(a);
    a->screen = SCR_START;
    a->lay_dirty = true;
}

static void open_past(ScrApp *a, int i)
{
    ScrStart *s = &a->start;
    if (i < 0 || i >= s->npast_shown)
        return;
    BsErrors e;
    bs_errors_init(&e, s->past[i].path);
    if (!scr_app_open_replay(a, s->past[i].path, &e)) {
        char why[1400], line[1600];
        app_error_line(&e, 0, why, sizeof why);
        snprintf(line, sizeof line, "%s: %s", SS(a, "screen.past_failed"), why);
        scr_app_toast(a, line);
        a->screen = SCR_START;
        a->lay_dirty = true;
    }
    bs_errors_free(&e);
}

static void start_game(ScrApp *a, bool resume)
{
    ScrStart *s = &a->start;
    if (s->n == 0)
        return;
    ScrModelOptions mo = {.scenario = s->items[s->sel].path, .lang = lang_code(s->lang),
                          .resume = resume && s->has_autosave ? s->autosave : NULL,
                          .save = a->args.save, .rivals = a->args.rivals, .seed = a->args.seed,
                          .has_seed = a->args.has_seed, .players = a->args.players, .mode = s->mode,
                          .projector = a->projector, .predict = a->args.predict, .vote = a->args.vote};
    BsErrors e;
    bs_errors_init(&e, "");
    if (!scr_app_open_game(a, &mo, &e)) {
        char why[1400];
        app_error_line(&e, 0, why, sizeof why);
        scr_app_toast(a, why);
        a->screen = SCR_START;
    }
    bs_errors_free(&e);
}

/*============================================================================
 * Layout
 *==========================================================================*/
static int bottom(const ScrLayout *L, int b, int d) { return b >= 0 ? L->box[b].r.y + L->box[b].r.h : d; }

/* The bundled cases as a list in container `cont`, from r.x, r.y, r.w wide,
 * r.h apart: each its title (bold, up to 2 lines) and `sum` lines of its
 * summary (0: none). Returns the y below the list. */
static int lay_cases(ScrLayout *L, const ScrMeasure *me, const ScrStart *s, int cont, SDL_Rect r, int pad, int body,
                     int small, int sum)
{
    int yy = r.y;
    for (int i = 0; i < s->n; i++) {
        int it = scr_lay_cont(L, cont, K_LIST_ITEM, (SDL_Rect){r.x, yy, r.w, 0}, i);
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = it, .x = r.x + pad, .y = yy + pad / 2, .w = r.w - 2 * pad,
                .s = s->items[i].title, .px = body, .bold = true, .role = R_BODY, .align = A_LEFT, .lines = 2,
                .tag = i});
        int y2 = bottom(L, tb, yy + pad / 2);
        const char *sub = s->items[i].summary[0] ? s->items[i].summary : s->items[i].id;
        if (sum > 0) {
            int sb = scr_lay_text(L, me, (ScrTextSpec){.cont = it, .x = r.x + pad, .y = y2, .w = r.w - 2 * pad,
                    .s = sub, .px = small, .role = R_MUTED, .align = A_LEFT, .lines = sum, .tag = i});
            y2 = bottom(L, sb, y2);
        }
        L->cont[it].r.h = y2 + pad / 2 - yy;
        yy += L->cont[it].r.h + r.h;
    }
    return yy;
}

static int twidth(const ScrMeasure *me, const char *s, int px, bool bold)
{
    int w = 0;
    me->measure(me->ud, s, strlen(s), px, bold, 0, &w);
    return w;
}

/* How many past games fit from y0 to limit, items `w` wide: those loaded
 * measured (an item is at most two lines), then one-line ones (the window
 * is filled from further up at the list's end). */
static int past_fit(const ScrStart *s, const ScrMeasure *me, int small, int ls, int pad, int w, int y0, int limit,
                    int n)
{
    int y = y0;
    for (; n < NPAST; n++) {
        int lines = n < s->npast_loaded ? scr_measure_lines(me, s->past[n].label, small, false, w - pad, NULL) : 1;
        int h = mini(2, maxi(1, lines)) * ls + 2 * (pad / 3);
        if (y + h > limit)
            break;
        y += h + pad / 3;
    }
    return n;
}

/* The past games below yy in container cont, down to `limit` (the last
 * item's bottom): their heading and as many as fit; *shown: how many.
 * Returns the y below. */
/* "11-20 / 10000", never broken across lines: an en dash and a word
 * joiner (U+2060), no-break spaces around the slash */
#define PAST_RANGE "%d\xE2\x80\x93\xE2\x81\xA0%d\xC2\xA0/\xC2\xA0%d"

static int lay_past(ScrApp *a, const ScrMeasure *me, int cont, int x, int w, int yy, int limit, int small, int ls,
                    int pad, int *shown)
{
    ScrLayout *L = a->lay;
    ScrStart *s = &a->start;
    int b;
    /* the heading's lines at their longest ("... 10000-10000 / 10000") */
    char probe[sizeof s->past_head];
    snprintf(probe, sizeof probe, "%s  " PAST_RANGE, SS(a, "screen.past_head"), s->npast, s->npast, s->npast);
    int head_l = mini(2, maxi(1, scr_measure_lines(me, probe, small, true, w, NULL)));
    int bar = maxi(4, pad / 2), head_h = head_l * me->line_h(me->ud, small, true) + pad / 3;
    int fit = past_fit(s, me, small, ls, pad, w, yy + head_h, limit, 0);
    if (fit < s->npast)
        fit = past_fit(s, me, small, ls, pad, w - bar - pad / 3, yy + head_h, limit, 0);
    else
        bar = 0;
    int npast = mini(fit, s->npast_loaded);
    s->npast_fit = fit;
    s->npast_shown = npast;
    s->past_bar = (SDL_Rect){0, 0, 0, 0};
    if (npast > 0) {
        const char *head = SS(a, "screen.past_head");
        if (bar) /* where the window is in the list: "11-20 / 10000" */
            snprintf(s->past_head, sizeof s->past_head, "%s  " PAST_RANGE, head, s->past_top + 1,
                     s->past_top + npast, s->npast);
        else
            snprintf(s->past_head, sizeof s->past_head, "%s", head);
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = cont, .x = x, .y = yy, .w = w, .s = s->past_head, .px = small,
                .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 2});
        yy = bottom(L, b, yy) + pad / 3;
        int iw = w - (bar ? bar + pad / 3 : 0);
        s->past_bar = (SDL_Rect){x + w - bar, yy, bar, 0};
        for (int i = 0; i < npast; i++) {
            int it = scr_lay_cont(L, cont, K_LIST_ITEM, (SDL_Rect){x, yy, iw, 0}, T_PAST + i);
            int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = it, .x = x + pad / 2, .y = yy + pad / 3, .w = iw - pad,
                    .s = s->past[i].label, .px = small, .role = R_BODY, .align = A_LEFT, .lines = 2});
            L->cont[it].r.h = bottom(L, tb, yy + pad / 3) + pad / 3 - yy;
            yy += L->cont[it].r.h + pad / 3;
        }
        s->past_bar.h = bar ? yy - pad / 3 - s->past_bar.y : 0;
        yy += pad;
    }
    *shown = npast;
    return yy;
}

/* The start screen's head: "buyersim" at `title` px and the tagline at
 * `tag` px, from the top margin. Returns the y below them. */
static int lay_head(ScrApp *a, const ScrMeasure *me, int margin, int title, int tag)
{
    ScrLayout *L = a->lay;
    int w = a->out_w - 2 * margin, y = margin;
    int b = scr_lay_text(L, me, (ScrTextSpec){.cont = 0, .x = margin, .y = y, .w = w, .s = "buyersim", .px = title,
            .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 1});
    y = bottom(L, b, y);
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = 0, .x = margin, .y = y, .w = w, .s = SS(a, "screen.tagline"),
            .px = tag, .role = R_MUTED, .align = A_LEFT, .lines = 2});
    return bottom(L, b, y);
}

typedef struct {
    int body, small, pad, gap;
    int after_desc; /* the space below the mode's description */
    bool whole;     /* each button's label must show whole (a phone) */
} OptSizes;

/* The language's and the mode's rows of buttons in container `cont`, from
 * r.x, r.y, r.w wide, buttons r.h high, the mode's description under its
 * row. Returns the y below. */
static int lay_options(ScrApp *a, const ScrMeasure *me, int cont, SDL_Rect r, OptSizes z)
{
    ScrLayout *L = a->lay;
    int lb = me->line_h(me->ud, z.body, true), yy = r.y;
    const char *langs[2] = {"English", "\xE4\xB8\xAD\xE6\x96\x87"};
    const char *modes[3] = {SS(a, "screen.mode_practice"), SS(a, "screen.mode_exam"), SS(a, "screen.mode_demo")};
    for (int row = 0; row < 2; row++) {
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = cont, .x = r.x, .y = yy, .w = r.w, .s = SS(a,
                row ? "screen.pick_mode" : "screen.pick_lang"), .px = z.small, .bold = true, .role = R_LABEL,
                .align = A_LEFT, .lines = 1});
        yy = bottom(L, b, yy) + z.pad / 3;
        int n = row ? 3 : 2;
        int bw = (r.w - (n - 1) * z.gap) / n;
        for (int i = 0; i < n; i++) {
            int bx = r.x + i * (bw + z.gap);
            int c = scr_lay_cont(L, cont, K_BUTTON, (SDL_Rect){bx, yy, bw, r.h}, (row ? T_MODE : T_LANG) + i);
            int t = scr_lay_text(L, me, (ScrTextSpec){.cont = c, .x = bx + z.pad / 2, .y = yy + (r.h - lb) / 2,
                    .w = bw - z.pad, .s = row ? modes[i] : langs[i], .px = z.body, .bold = true, .role = R_LABEL,
                    .align = A_CENTER, .lines = 1});
            if (z.whole)
                scr_lay_must(L, t, SCR_WHOLE);
        }
        yy += r.h + z.pad / 2;
        if (row) {
            /* a phone has no pointer to preview with, nor keys to pause by */
            static const char *const desc[2][3] = {
                {"screen.desc_practice", "screen.desc_exam", "screen.desc_demo"},
                {"screen.desc_practice_touch", "screen.desc_exam_touch", "screen.desc_demo_touch"}};
            b = scr_lay_text(L, me, (ScrTextSpec){.cont = cont, .x = r.x, .y = yy, .w = r.w,
                    .s = SS(a, desc[z.whole][a->start.mode]), .px = z.small, .role = R_MUTED, .align = A_LEFT, .lines = 3});
            yy = bottom(L, b, yy) + z.after_desc;
        }
    }
    return yy;
}

static int build(ScrApp *a, const ScrMeasure *me, int body)
{
    ScrLayout *L = a->lay;
    ScrStart *s = &a->start;
    int W = a->out_w, H = a->out_h;
    int margin = scr_lay_margin(W, H), gap = scr_lay_gap(W, H);
    int small = body * 82 / 100, title = body * 2;
    int lb = me->line_h(me->ud, body, true), ls = me->line_h(me->ud, small, false);
    int pad = maxi(3, body * 6 / 10);
    int b;
    int y = lay_head(a, me, margin, title, body) + gap * 2;
    int hint_h = ls + gap;
    int ph = H - margin - hint_h - y;
    int lw = (W - 2 * margin - gap) * 55 / 100;
    int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, lw, ph}, 0);
    int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin + lw + gap, y, W - 2 * margin - gap - lw, ph}, 0);
    /* scenarios */
    int x = margin + pad, w = lw - 2 * pad, yy = y + pad;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = left, .x = x, .y = yy, .w = w, .s = SS(a, "screen.pick_scenario"),
            .px = small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
    yy = bottom(L, b, yy) + pad / 2;
    yy = lay_cases(L, me, s, left, (SDL_Rect){x, yy, w, pad / 2}, pad, body, small, 2);
    if (s->n == 0)
        scr_lay_text(L, me, (ScrTextSpec){.cont = left, .x = x, .y = yy, .w = w, .s = SS(a, "screen.no_scenarios"),
                .px = body, .role = R_BODY, .align = A_LEFT, .lines = 3});
    int need_left = yy;
    /* options */
    SDL_Rect R = L->cont[right].r;
    x = R.x + pad;
    w = R.w - 2 * pad;
    yy = R.y + pad;
    yy = lay_options(a, me, right, (SDL_Rect){x, yy, w, lb + pad}, (OptSizes){body, small, pad, gap, pad, false});
    if (s->has_autosave) {
        int c = scr_lay_cont(L, right, K_BUTTON, (SDL_Rect){x, yy, w, lb + pad}, T_RESUME);
        scr_lay_text(L, me, (ScrTextSpec){.cont = c, .x = x + pad / 2, .y = yy + pad / 2, .w = w - pad,
                .s = s->autosave_info, .px = body, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1});
        yy += lb + pad + gap;
    }
    if (s->history_info[0]) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = right, .x = x, .y = yy, .w = w, .s = s->history_info, .px = small,
                .role = R_MUTED, .align = A_LEFT, .lines = 2});
        yy = bottom(L, b, yy) + pad / 2;
    }
    int c = scr_lay_cont(L, right, K_BUTTON, (SDL_Rect){x, yy, w, lb + pad * 2}, T_START);
    scr_lay_text(L, me, (ScrTextSpec){.cont = c, .x = x + pad / 2, .y = yy + pad, .w = w - pad, .s = SS(a,
            "screen.start"), .px = body, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1});
    yy += lb + pad * 3;
    /* past games: open one to replay it week by week. As many as fit below
     * the start button (an item is at most two lines), from past_top: the
     * list scrolls (keys, wheel, a finger) through any number of games. They
     * never shrink the type of what is above them. */
    int npast = 0;
    yy = lay_past(a, me, right, x, w, yy, y + ph - 2 * pad - pad / 3, small, ls, pad, &npast);
    const char *hint = SS(a, "screen.start_hint");
    scr_lay_text(L, me, (ScrTextSpec){.cont = 0, .x = margin, .y = H - margin - ls, .w = mini(twidth(me, hint, small,
            false) + 1, W - 2 * margin), .s = hint, .px = small, .role = R_MUTED, .align = A_LEFT, .lines = 1});
    int over = maxi(need_left, yy) + pad - (y + ph);
    /* not one past game fits: smaller type all round, so that the list (and
     * its scrolling) is there */
    if (s->npast_loaded > 0 && npast == 0)
        over = maxi(over, 1);
    return over;
}

/* A phone (a portrait window): one column. The title, the scenarios (each
 * with `sum` lines of its summary, 0 none), the language and the mode, the
 * resume and start buttons, then the past games (they scroll); no keys'
 * hint (the phone has none; F1 lists them on a desktop). Returns how far
 * it goes past the screen (> 0: too tall). */
static int build_portrait(ScrApp *a, const ScrMeasure *me, int body, int sum)
{
    ScrLayout *L = a->lay;
    ScrStart *s = &a->start;
    int W = a->out_w, H = a->out_h;
    int margin = scr_lay_margin(W, H), gap = scr_lay_gap(W, H);
    int small = body * 85 / 100, title = body * 16 / 10;
    int lb = me->line_h(me->ud, body, true), ls = me->line_h(me->ud, small, false);
    int pad = maxi(3, body * 6 / 10);
    int b;
    int y = lay_head(a, me, margin, title, small) + gap;
    int ph = H - margin - y;
    int panel = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W - 2 * margin, ph}, 0);
    int x = margin + pad, w = W - 2 * margin - 2 * pad, yy = y + pad;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = panel, .x = x, .y = yy, .w = w, .s = SS(a, "screen.pick_scenario"),
            .px = small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
    yy = bottom(L, b, yy) + pad / 3;
    yy = lay_cases(L, me, s, panel, (SDL_Rect){x, yy, w, pad / 3}, pad, body, small, sum);
    if (s->n == 0) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = panel, .x = x, .y = yy, .w = w, .s = SS(a,
                "screen.no_scenarios"), .px = body, .role = R_BODY, .align = A_LEFT, .lines = 3});
        yy = bottom(L, b, yy);
    }
    yy += pad / 2;
    yy = lay_options(a, me, panel, (SDL_Rect){x, yy, w, lb + pad * 3 / 2},
                     (OptSizes){body, small, pad, gap, pad / 2, true});
    int bh = lb + pad * 2;
    if (s->has_autosave) { /* "Resume the saved game (3 weeks played)", on two lines if need be */
        int rl = mini(2, maxi(1, scr_measure_lines(me, s->autosave_info, body, true, w - pad, NULL)));
        int rh = bh + (rl - 1) * lb;
        int c = scr_lay_cont(L, panel, K_BUTTON, (SDL_Rect){x, yy, w, rh}, T_RESUME);
        int t = scr_lay_text(L, me, (ScrTextSpec){.cont = c, .x = x + pad / 2, .y = yy + pad, .w = w - pad,
                .s = s->autosave_info, .px = body, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = rl});
        scr_lay_must(L, t, SCR_WHOLE);
        yy += rh + gap;
    }
    int c = scr_lay_cont(L, panel, K_BUTTON, (SDL_Rect){x, yy, w, bh}, T_START);
    /* "Start" (the keys are a desktop's: F1 lists them) */
    int t = scr_lay_text(L, me, (ScrTextSpec){.cont = c, .x = x + pad / 2, .y = yy + pad, .w = w - pad, .s = SS(a,
            "screen.start_short"), .px = body, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1});
    scr_lay_must(L, t, SCR_WHOLE);
    yy += bh + pad / 2;
    if (s->history_info[0]) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = panel, .x = x, .y = yy, .w = w, .s = s->history_info,
                .px = small, .role = R_MUTED, .align = A_LEFT, .lines = 2});
        yy = bottom(L, b, yy) + pad / 2;
    }
    int npast = 0;
    /* the list down to the panel's padding (lay_past's yy: its last item's bottom + pad / 3 + pad) */
    yy = lay_past(a, me, panel, x, w, yy, y + ph - pad - pad / 3, small, ls, pad, &npast);
    int over = yy - (y + ph);
    if (s->npast_loaded > 0 && npast == 0) /* not one past game: less above it, so that the list is there */
        over = maxi(over, 1);
    return over;
}

void scr_layout_start(ScrApp *a)
{
    if (scr_portrait(a->out_w, a->out_h)) {
        /* the phone's type, a little smaller if need be; then shorter
         * summaries of the scenarios, then none (their titles say most) */
        ScrMeasure me = scr_measure_for(a->text);
        bs_text_set_lang(a->text, lang_code(a->start.lang));
        int base = scr_base_body_px(a->out_w, a->out_h, a->projector);
        int lo = scr_min_body_px(a->out_w, a->out_h, a->projector);
        static const int sums[] = {2, 1, 0};
        int body = base, sum = sums[0];
        bool fits = false;
        for (int k = 0; k < 3 && !fits; k++) {
            sum = sums[k];
            for (body = base;; body = maxi(lo, body * 95 / 100)) {
                scr_layout_begin(a->lay, a->out_w, a->out_h, a->projector);
                fits = build_portrait(a, &me, body, sum) <= 0;
                a->lay->body_px_left = body;
                if (fits || body <= lo)
                    break;
            }
        }
        ScrStart *s = &a->start;
        for (int k = 0; k < 4; k++) { /* the list's end from further up, as below */
            int last = maxi(0, s->npast - maxi(1, s->npast_fit));
            bool end = s->past_end && s->past_top + s->npast_shown < s->npast && s->npast_shown > 0;
            if (s->past_top <= last && !end)
                break;
            s->past_top = end ? maxi(0, s->npast - s->npast_shown) : last;
            load_past(a);
            scr_layout_begin(a->lay, a->out_w, a->out_h, a->projector);
            build_portrait(a, &me, body, sum);
            a->lay->body_px_left = body;
        }
        return;
    }
    ScrMeasure me = scr_measure_for(a->text);
    bs_text_set_lang(a->text, lang_code(a->start.lang));
    int body = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int lo = scr_min_body_px(a->out_w, a->out_h, a->projector);
    for (int it = 0; it < 12; it++) {
        ScrLayout *L = a->lay;
        scr_layout_begin(L, a->out_w, a->out_h, a->projector);
        int over = build(a, &me, body);
        L->body_px_left = body;
        if (over <= 0 || body <= lo)
            break;
        body = maxi(lo, body * 9 / 10);
    }
    /* a bigger window (a resize, a longer list) may show the list's end
     * from further up: fill it, then lay out again at the same size */
    ScrStart *s = &a->start;
    for (int k = 0; k < 4; k++) {
        int last = maxi(0, s->npast - maxi(1, s->npast_fit));
        bool end = s->past_end && s->past_top + s->npast_shown < s->npast && s->npast_shown > 0;
        if (s->past_top <= last && !end)
            break;
        s->past_top = end ? maxi(0, s->npast - s->npast_shown) : last;
        load_past(a);
        scr_layout_begin(a->lay, a->out_w, a->out_h, a->projector);
        build(a, &me, body);
        a->lay->body_px_left = body;
    }
}

/*============================================================================
 * Drawing
 *==========================================================================*/
static int focus_tag(const ScrStart *s)
{
    if (s->focus < F_LANG || s->focus >= F_PAST)
        return -1;
    if (s->focus == F_LANG)
        return T_LANG + s->lang;
    if (s->focus == F_MODE)
        return T_MODE + (int)s->mode;
    return s->focus == F_RESUME ? T_RESUME : T_START;
}

void scr_draw_start(ScrApp *a)
{
    const ScrLayout *L = a->lay;
    const ScrTheme *th = &a->th;
    const ScrStart *s = &a->start;
    int rad = L->body_px_left / 3;
    int bw = a->projector ? 4 : 3;
    for (int i = 0; i < L->ncont; i++) {
        const ScrCont *c = &L->cont[i];
        switch (c->kind) {
        case K_PANEL_LEFT:
        case K_PANEL_RIGHT:
            gfx_round(a->ren, c->r, rad, th->panel);
            break;
        case K_LIST_ITEM: {
            bool past = c->tag >= T_PAST;
            bool sel = !past && c->tag == s->sel, hov = s->hover == c->tag;
            bool foc = past ? s->focus == F_PAST + (c->tag - T_PAST) : s->focus == c->tag;
            gfx_round_border(a->ren, c->r, rad / 2, foc || hov ? bw : 0,
                             sel ? th->choice_sel : hov ? th->choice_hover : th->choice_bg, th->accent);
            break;
        }
        case K_BUTTON: {
            bool chosen = (c->tag >= T_LANG && c->tag < T_LANG + 2 && c->tag - T_LANG == s->lang) ||
                          (c->tag >= T_MODE && c->tag < T_MODE + 3 && c->tag - T_MODE == (int)s->mode) ||
                          c->tag == T_START;
            bool foc = focus_tag(s) == c->tag || s->hover == c->tag;
            gfx_round_border(a->ren, c->r, rad / 2, foc ? bw : 0, chosen ? th->accent : th->card, th->text);
            break;
        }
        default:
            break;
        }
    }
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        if (b->kind != K_TEXT)
            continue;
        const ScrCont *c = &L->cont[b->cont];
        SDL_Color col = b->role == R_MUTED || b->role == R_LABEL ? th->muted : th->text;
        if (c->kind == K_BUTTON) {
            bool chosen = (c->tag >= T_LANG && c->tag < T_LANG + 2 && c->tag - T_LANG == s->lang) ||
                          (c->tag >= T_MODE && c->tag < T_MODE + 3 && c->tag - T_MODE == (int)s->mode) ||
                          c->tag == T_START;
            col = chosen ? th->accent_text : th->text;
        }
        scr_draw_box_text(&a->draw, L, i, b->s, b->len, col);
    }
    /* the past games' scroll bar: where the window is in the list */
    SDL_Rect bar = s->past_bar;
    if (bar.w > 0 && bar.h > 0 && s->npast > 0) {
        gfx_round(a->ren, bar, bar.w / 2, th->choice_bg);
        int th_h = maxi(bar.w * 2, (int)((long long)bar.h * s->npast_shown / s->npast));
        th_h = mini(th_h, bar.h);
        int th_y = bar.y + (int)((long long)(bar.h - th_h) * s->past_top / maxi(1, s->npast - s->npast_shown));
        gfx_round(a->ren, (SDL_Rect){bar.x, mini(th_y, bar.y + bar.h - th_h), bar.w, th_h}, bar.w / 2, th->accent);
    }
    gfx_flush(a->ren);
}

/*============================================================================
 * Input
 *==========================================================================*/
static int next_focus(const ScrStart *s, int f, int dir)
{
    int order[SCR_MAX_SCENARIOS + 4 + NPAST], n = 0, at = 0;
    for (int i = 0; i < s->n; i++)
        order[n++] = i;
    order[n++] = F_LANG;
    order[n++] = F_MODE;
    if (s->has_autosave)
        order[n++] = F_RESUME;
    order[n++] = F_START;
    for (int i = 0; i < s->npast_shown; i++)
        order[n++] = F_PAST + i;
    for (int i = 0; i < n; i++)
        if (order[i] == f)
            at = i;
    at = (at + dir + n) % n;
    return order[at];
}

static void change(ScrApp *a, int dir)
{
    ScrStart *s = &a->start;
    if (s->focus == F_LANG) {
        s->lang = 1 - s->lang;
        load_strings(a);
        scr_start_scan(a);
    } else if (s->focus == F_MODE) {
        s->mode = (ScrMode)(((int)s->mode + dir + 3) % 3);
    } else if (s->focus < F_LANG && s->n) {
        s->sel = (s->sel + dir + s->n) % s->n;
        s->focus = s->sel;
        check_autosave(a);
    }
    a->lay_dirty = true;
}

void scr_start_key(ScrApp *a, SDL_Keycode k);
void scr_start_key(ScrApp *a, SDL_Keycode k)
{
    ScrStart *s = &a->start;
    /* moving past the first or last game shown scrolls the list */
    bool up = k == SDLK_UP || k == SDLK_PAGEUP, down = k == SDLK_DOWN || k == SDLK_TAB;
    if (up && s->focus == F_PAST && s->past_top > 0) {
        scroll_past(a, -1);
        return;
    }
    if (down && s->npast_shown > 0 && s->focus == F_PAST + s->npast_shown - 1 &&
        s->past_top + s->npast_shown < s->npast) {
        scroll_past(a, +1);
        return;
    }
    switch (k) {
    case SDLK_HOME:
    case SDLK_END:
        if (s->focus >= F_PAST) /* the newest or the oldest game */
            scroll_past(a, k == SDLK_HOME ? -s->npast : s->npast);
        break;
    case SDLK_UP:
    case SDLK_PAGEUP:
        s->focus = next_focus(s, s->focus, -1);
        if (s->focus < F_LANG) {
            s->sel = s->focus;
            check_autosave(a);
        }
        a->lay_dirty = true;
        break;
    case SDLK_DOWN:
    case SDLK_TAB:
        s->focus = next_focus(s, s->focus, +1);
        if (s->focus < F_LANG) {
            s->sel = s->focus;
            check_autosave(a);
        }
        a->lay_dirty = true;
        break;
    case SDLK_LEFT:
        change(a, -1);
        break;
    case SDLK_RIGHT:
        change(a, +1);
        break;
    case SDLK_PAGEDOWN:
        if (s->focus >= F_PAST)
            open_past(a, s->focus - F_PAST);
        else if (s->focus == F_START || s->focus < F_LANG)
            start_game(a, false);
        else if (s->focus == F_RESUME)
            start_game(a, true);
        else
            change(a, +1);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        if (s->focus >= F_PAST)
            open_past(a, s->focus - F_PAST);
        else if (s->focus == F_RESUME)
            start_game(a, true);
        else if (s->focus == F_LANG || s->focus == F_MODE)
            change(a, +1);
        else
            start_game(a, false);
        break;
    case SDLK_F5:
        start_game(a, false);
        break;
    default:
        break;
    }
}

static int hit_any(const ScrLayout *L, int x, int y)
{
    for (int i = L->ncont - 1; i >= 0; i--) {
        const ScrCont *c = &L->cont[i];
        if ((c->kind == K_LIST_ITEM || c->kind == K_BUTTON) && x >= c->r.x && y >= c->r.y && x < c->r.x + c->r.w &&
            y < c->r.y + c->r.h)
            return c->tag;
    }
    return -1;
}

void scr_start_motion(ScrApp *a, int x, int y);
void scr_start_motion(ScrApp *a, int x, int y) { a->start.hover = hit_any(a->lay, x, y); }

void scr_start_click(ScrApp *a, int x, int y);
void scr_start_click(ScrApp *a, int x, int y)
{
    ScrStart *s = &a->start;
    int t = hit_any(a->lay, x, y);
    if (t < 0)
        return;
    if (t >= T_PAST) {
        open_past(a, t - T_PAST);
        return;
    }
    if (t < T_LANG) {
        if (s->sel == t && s->focus == t) {
            start_game(a, false);
            return;
        }
        s->sel = s->focus = t;
        check_autosave(a);
    } else if (t < T_MODE) {
        if (s->lang != t - T_LANG) {
            s->lang = t - T_LANG;
            load_strings(a);
            scr_start_scan(a);
        }
        s->focus = F_LANG;
    } else if (t < T_RESUME) {
        s->mode = (ScrMode)(t - T_MODE);
        s->focus = F_MODE;
    } else if (t == T_RESUME) {
        start_game(a, true);
        return;
    } else if (t == T_START) {
        start_game(a, false);
        return;
    }
    a->lay_dirty = true;
}

/* The mouse wheel scrolls the past games, three a notch (dy > 0: up). */
void scr_start_wheel(ScrApp *a, int dy);
void scr_start_wheel(ScrApp *a, int dy)
{
    if (dy)
        scroll_past(a, -3 * dy);
}

/* Touch: a finger dragged up or down scrolls the past games, a game's
 * height at a time; a tap (no drag) is a click where it touched. (Touch's
 * own mouse clicks are not used on this screen, window.c.) */
void scr_start_finger(ScrApp *a, const SDL_TouchFingerEvent *f);
void scr_start_finger(ScrApp *a, const SDL_TouchFingerEvent *f)
{
    ScrStart *s = &a->start;
    float x = f->x * (float)a->out_w, y = f->y * (float)a->out_h;
    if (f->type == SDL_FINGERDOWN) {
        s->finger_down = true;
        s->finger_dragged = false;
        s->finger_x = x;
        s->finger_y = y;
        s->finger_dy = 0;
        return;
    }
    if (!s->finger_down)
        return;
    if (f->type == SDL_FINGERMOTION) {
        float step = (float)maxi(8, a->out_h / 24);
        for (int i = 0; i < a->lay->ncont; i++)
            if (a->lay->cont[i].kind == K_LIST_ITEM && a->lay->cont[i].tag >= T_PAST) {
                step = (float)maxi(8, a->lay->cont[i].r.h);
                break;
            }
        s->finger_dy += f->dy * (float)a->out_h;
        if (s->finger_dy > step / 3 || s->finger_dy < -step / 3)
            s->finger_dragged = true;
        while (s->finger_dy >= step || s->finger_dy <= -step) {
            int dir = s->finger_dy > 0 ? -1 : +1; /* dragged down: the newer games come back */
            scroll_past(a, dir);
            s->finger_dy += (float)dir * step;
        }
        return;
    }
    if (f->type == SDL_FINGERUP) {
        s->finger_down = false;
        if (!s->finger_dragged) {
            scr_start_motion(a, (int)s->finger_x, (int)s->finger_y);
            scr_start_click(a, (int)s->finger_x, (int)s->finger_y);
        }
    }
}
