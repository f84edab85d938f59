/*
 * Render and layout tests of the game screen, drawn off-screen by the
 * software renderer (no display needed): at 1024x768, 1920x1080 and
 * 3840x2160, in English and Chinese, in practice and projector mode, at the
 * start, in a week with eight choices and at the debrief:
 *   - the layout's rectangles: every box inside its container, no two boxes
 *     overlapping (scr_layout_check);
 *   - every line of text actually drawn lies inside its box and the screen;
 *   - every choice is on screen with its text;
 *   - each mindshare bar's length, read from the pixels, is proportional to
 *     the vendor's mindshare within 2 px;
 *   - Chinese is really drawn: the font has every character of the week's
 *     texts (no boxes) and the Chinese lines have ink;
 *   - projector mode: the buyer's words and the choices are at least 1/32
 *     of the screen height, every other text at least 1/36;
 *   - a phone (the portrait layout at 360x640 to 1170x2532): both views and
 *     their pages, the type for a phone at arm's length, the help, the
 *     debrief's pages; and its touch: one tap plays one choice (a finger and
 *     the mouse SDL makes of it), swipes and tabs switch the views, a swipe
 *     up or a tap on the page line turns the page.
 * Skips (77) when no CJK font is installed.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "ui.h"
#include "drawn.h"

static char why_skip[1024];

typedef struct {
    int w, h;
    const char *lang;
    bool projector;
} Case;

static const Case cases[] = {
    {1024, 768, "en", false}, {1024, 768, "zh", false}, {1024, 768, "en", true}, {1024, 768, "zh", true},
    {1920, 1080, "en", false}, {1920, 1080, "zh", false}, {1920, 1080, "en", true}, {1920, 1080, "zh", true},
    {3840, 2160, "en", false}, {3840, 2160, "zh", false}, {3840, 2160, "en", true}, {3840, 2160, "zh", true},
};

static ScrApp *open_app_mode(const Case *c, ScrMode mode, uint64_t seed, bool has_seed)
{
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = c->projector, .exam = mode == SCR_MODE_EXAM};
    ScrAppOptions o = {.w = c->w, .h = c->h, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = c->lang, .save = "", .players = 1, .mode = mode,
                          .projector = c->projector, .seed = seed, .has_seed = has_seed};
    test_open(a, &mo, "the game");
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    assert_non_null(a->draw.log);
    return a;
}

static ScrApp *open_app(const Case *c) { return open_app_mode(c, SCR_MODE_PRACTICE, 0, false); }

static uint32_t pixel(SDL_Surface *s, int x, int y)
{
    const uint8_t *p = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch + (size_t)x * 4;
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static bool near_color(SDL_Surface *s, uint32_t px, SDL_Color c, int tol)
{
    Uint8 r, g, b;
    SDL_GetRGB(px, s->format, &r, &g, &b);
    return abs(r - c.r) <= tol && abs(g - c.g) <= tol && abs(b - c.b) <= tol;
}

/* Every text line drawn is inside its box and inside the screen. */
static void check_drawn(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    SDL_Rect screen = {0, 0, a->out_w, a->out_h};
    assert_true(a->draw.nlog > 0);
    for (int i = 0; i < a->draw.nlog; i++) {
        const ScrDrawn *d = &a->draw.log[i];
        if (!scr_rect_inside(d->r, screen))
            fail_msg("%s: a line drawn at {%d,%d,%d,%d} is off the screen", what, d->r.x, d->r.y, d->r.w, d->r.h);
        if (d->box >= 0 && d->box < L->nbox && !scr_rect_inside(d->r, L->box[d->box].r)) {
            SDL_Rect b = L->box[d->box].r;
            fail_msg("%s: a line drawn at {%d,%d,%d,%d} leaves its box %d {%d,%d,%d,%d}", what, d->r.x, d->r.y,
                     d->r.w, d->r.h, d->box, b.x, b.y, b.w, b.h);
        }
    }
}

static void check_layout(const ScrApp *a, const char *what)
{
    char msg[600];
    int bad = scr_layout_check(a->lay, msg, sizeof msg);
    if (bad)
        fail_msg("%s: %d layout problem(s): %s", what, bad, msg);
}

static void frame(ScrApp *a);

/* Every choice has its container, its text box and drawn text: on the
 * screen, or (a projector with more choices than fit) on its page of
 * choices, which Page Down turns to. */
static void check_choices(ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    int n = a->m->wk.nchoices;
    int pages = L->choice_pages;
    if (pages > 1 && !a->projector && !L->portrait)
        fail_msg("%s: %d choices over %d pages outside projector mode (and a phone)", what, n, pages);
    for (int k = 0; k < n; k++) {
        if (pages > 1 && L->choice_page != L->choice_page_of[k]) {
            a->choice_page = L->choice_page_of[k];
            a->lay_dirty = true;
            frame(a);
            assert_int_equal(L->choice_page, L->choice_page_of[k]);
        }
        int c = L->choice[k];
        if (c < 0)
            fail_msg("%s: choice %d has no place on the screen", what, k + 1);
        int textbox = -1;
        for (int b = 0; b < L->nbox; b++)
            if (L->box[b].cont == c && L->box[b].kind == K_TEXT)
                textbox = b;
        if (textbox < 0)
            fail_msg("%s: choice %d has no text box", what, k + 1);
        int lines = 0;
        for (int i = 0; i < a->draw.nlog; i++)
            lines += a->draw.log[i].box == textbox;
        if (lines == 0)
            fail_msg("%s: choice %d: no text drawn", what, k + 1);
        if (L->box[textbox].r.h < L->box[textbox].line_h)
            fail_msg("%s: choice %d: its box is shorter than a line", what, k + 1);
    }
    if (pages > 1) { /* back to the first page */
        a->choice_page = 0;
        a->lay_dirty = true;
        frame(a);
    }
}

/* Bars: read each bar's length from the pixels at the track's middle row. */
static void check_bars(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    const ScrWeek *wk = &a->m->wk;
    const BsGame *g = &a->m->p->g;
    SDL_Surface *s = a->surf;
    double scale = scr_bar_scale(a);
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    SDL_LockSurface(s);
    for (int row = 0; row < wk->nrows; row++) {
        int tb = L->row_track[row];
        if (tb < 0)
            fail_msg("%s: row %d has no bar", what, row);
        SDL_Rect t = L->box[tb].r;
        int slot = row == wk->nrows - 1 ? BS_MAX_VENDORS : row;
        SDL_Color col = a->th.vendor[slot];
        int y = t.y + t.h / 2, len = 0;
        while (len < t.w && near_color(s, pixel(s, t.x + len, y), col, 2))
            len++;
        double share = row == wk->nrows - 1 ? g->other / total : g->v[row].mindshare;
        double want = t.w * share / scale;
        if (want > t.w)
            want = t.w;
        if (len < want - 2.0 || len > want + 2.0)
            fail_msg("%s: row %d: bar %d px, mindshare %.3f of a %d px track for %.0f%% wants %.1f px", what, row, len,
                     share, t.w, 100 * scale, want);
    }
    SDL_UnlockSurface(s);
}

static uint32_t next_cp(const unsigned char **p)
{
    const unsigned char *u = *p;
    uint32_t cp;
    int n;
    if (u[0] < 0x80) { cp = u[0]; n = 1; }
    else if (u[0] < 0xE0) { cp = u[0] & 0x1Fu; n = 2; }
    else if (u[0] < 0xF0) { cp = u[0] & 0x0Fu; n = 3; }
    else { cp = u[0] & 0x07u; n = 4; }
    for (int i = 1; i < n && u[i]; i++)
        cp = cp << 6 | (u[i] & 0x3Fu);
    for (int i = 0; i < n && **p; i++)
        (*p)++;
    return cp;
}

/* The font has every character of the week's Chinese texts, and the lines
 * with Chinese in them have ink. */
static void check_chinese(const ScrApp *a, const char *what)
{
    const BsTextFonts *fonts = bs_text_fonts(a->text);
    TTF_Font *f = TTF_OpenFontIndex(fonts->regular.path, 24, fonts->regular.index);
    assert_non_null(f);
    const ScrWeek *wk = &a->m->wk;
    const char *texts[BS_MAX_CHOICES + 4] = {wk->says, wk->thinks, wk->buyer, wk->result_why};
    int n = 4;
    for (int k = 0; k < wk->nchoices; k++)
        texts[n++] = wk->choice[k].text;
    int cjk = 0;
    for (int i = 0; i < n; i++) {
        for (const unsigned char *p = (const unsigned char *)texts[i]; *p;) {
            uint32_t cp = next_cp(&p);
            if (cp >= 0x3000 && cp <= 0x9FFF) {
                cjk++;
                if (!TTF_GlyphIsProvided32(f, cp))
                    fail_msg("%s: the font lacks U+%04X (it would draw a box)", what, (unsigned)cp);
            }
        }
    }
    TTF_CloseFont(f);
    assert_true(cjk > 20);
    int lines = 0;
    SDL_Surface *s = a->surf;
    SDL_LockSurface(s);
    for (int i = 0; i < a->draw.nlog; i++) {
        const ScrDrawn *d = &a->draw.log[i];
        if (!d->cjk)
            continue;
        lines++;
        /* ink: pixels that differ from the line's most common colour */
        uint32_t bg = pixel(s, d->r.x, d->r.y);
        int ink = 0, all = 0;
        for (int y = d->r.y; y < d->r.y + d->r.h; y++)
            for (int x = d->r.x; x < d->r.x + d->r.w; x += 2, all++)
                ink += pixel(s, x, y) != bg;
        if (all > 0 && ink * 100 < all * 3)
            fail_msg("%s: a Chinese line at {%d,%d,%d,%d} has almost no ink (%d of %d)", what, d->r.x, d->r.y, d->r.w,
                     d->r.h, ink, all);
    }
    SDL_UnlockSurface(s);
    if (lines < 3)
        fail_msg("%s: only %d lines with Chinese were drawn", what, lines);
}

static void check_projector(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    int body_min = (a->out_h + 31) / 32, other_min = (a->out_h + 35) / 36;
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        if (b->kind != K_TEXT)
            continue;
        int ck = L->cont[b->cont].kind;
        bool body = ck == K_SAYS || ck == K_THINKS || ck == K_CHOICE;
        int lo = body ? body_min : other_min;
        if (b->px < lo)
            fail_msg("%s: text \"%.30s\" is %d px, under 1/%d of the height (%d px)", what, b->s ? b->s : "(number)",
                     b->px, body ? 32 : 36, lo);
    }
}

static void frame(ScrApp *a) { scr_app_frame(a, 1000.0 + a->frames); }

/* The first week's choice that leads to the most choices in week 2 (the
 * fullest buyer's side to lay out). */
static int most_choices_next(const ScrModel *m)
{
    int best = 0, most = -1;
    for (int k = 0; k < m->wk.nchoices; k++) {
        BsGame *g = malloc(sizeof *g);
        assert_non_null(g);
        *g = m->p->g;
        g->quiet = true;
        int ch[BS_MAX_SEATS] = {m->wk.choice[k].avail, -1, -1, -1, -1};
        int avail[BS_MAX_CHOICES];
        if (bs_game_step(g, ch) && bs_game_choices(g, 0, avail) > most) {
            most = bs_game_choices(g, 0, avail);
            best = k;
        }
        free(g);
    }
    return best;
}

static int count_charts(const ScrLayout *L, int tag, int min_h)
{
    int n = 0;
    for (int i = 0; i < L->nbox; i++)
        n += L->box[i].kind == K_CHART && (tag < 0 || L->box[i].tag == tag) && L->box[i].r.h > min_h;
    return n;
}

static void run_case(const Case *c)
{
    char what[160];
    ScrApp *a = open_app(c);
    /* 1: the first week */
    snprintf(what, sizeof what, "%dx%d %s%s week 1", c->w, c->h, c->lang, c->projector ? " projector" : "");
    frame(a);
    check_layout(a, what);
    check_drawn(a, what);
    check_choices(a, what);
    check_bars(a, what);
    if (c->projector)
        check_projector(a, what);
    /* 2: the week with the most choices the first move can lead to, the
     * pointer on one (its preview) */
    scr_model_choose(a->m, most_choices_next(a->m), 1.0);
    a->lay_dirty = true;
    a->hover = 3;
    snprintf(what, sizeof what, "%dx%d %s%s week 2", c->w, c->h, c->lang, c->projector ? " projector" : "");
    frame(a);
    assert_true(a->m->wk.nchoices >= 5);
    check_layout(a, what);
    check_drawn(a, what);
    check_choices(a, what);
    check_bars(a, what);
    if (!strcmp(c->lang, "zh"))
        check_chinese(a, what);
    if (c->projector)
        check_projector(a, what);
    /* 3: the help overlay and the hidden state fit on the screen */
    a->help = true;
    frame(a);
    check_drawn(a, what);
    a->help = false;
    a->reveal = true;
    frame(a);
    check_drawn(a, what);
    a->reveal = false;
    /* 4: to the end, and the debrief */
    for (int i = 0; i < 60 && !bs_game_over(&a->m->p->g); i++) {
        int k = scr_model_policy_choice(a->m, "buyer_centric", 1);
        scr_model_choose(a->m, a->m->wk.nchoices ? k : -1, 2.0 + i);
    }
    assert_true(bs_game_over(&a->m->p->g));
    a->screen = SCR_DEBRIEF;
    a->lay_dirty = true;
    a->dt->ok = false;
    snprintf(what, sizeof what, "%dx%d %s%s debrief", c->w, c->h, c->lang, c->projector ? " projector" : "");
    frame(a);
    check_layout(a, what);
    check_drawn(a, what);
    /* the charts: mindshare, buyer-first beside the play, and the key
     * messages in the buyer's memory (a projector's first page: the first) */
    int nmsg = a->m->p->scn->nmessages;
    if (c->projector) {
        if (count_charts(a->lay, 0, a->out_h / 10) != 1)
            fail_msg("%s: no mindshare chart of a useful size on the first page", what);
    } else {
        int charts = count_charts(a->lay, 0, a->out_h / 10) + count_charts(a->lay, 1, a->out_h / 14) +
                     count_charts(a->lay, 3, a->out_h / 14);
        if (charts != (nmsg ? 3 : 2))
            fail_msg("%s: %d charts of a useful size, not %d", what, charts, nmsg ? 3 : 2);
    }
    if (c->projector) { /* the next pages: the moments, the charts, the lessons */
        int cards = 0;
        /* the charts, the moments (a page or more), the key messages, the
         * lessons (a page or more) */
        assert_true(scr_debrief_pages(a) >= 5);
        int memory = 1 + a->deb_mpages, last = scr_debrief_pages(a) - 1, lessons = 0;
        for (int page = 1; page < scr_debrief_pages(a); page++) {
            a->deb_page = page;
            a->lay_dirty = true;
            frame(a);
            check_layout(a, what);
            check_drawn(a, what);
            if (a->lay->overflow)
                fail_msg("%s: page %d: some text did not fit", what, page + 1);
            for (int i = 0; i < a->lay->ncont; i++)
                cards += a->lay->cont[i].kind == K_LIST_ITEM && a->lay->cont[i].tag < 20;
            if (page == memory && count_charts(a->lay, 1, a->out_h / 10) + count_charts(a->lay, 3, a->out_h / 10) != (nmsg ? 2 : 1))
                fail_msg("%s: the key messages' page (%d) lacks its charts", what, page + 1);
            if (page > memory)
                for (int k = 0; k < 3; k++)
                    lessons += drawn_in(a, a->lay, a->dt->lesson_text[k]) > 0;
        }
        if (lessons != 3)
            fail_msg("%s: %d of the three lessons drawn on the last pages (%d to %d)", what, lessons, memory + 2, last + 1);
        if (cards != a->m->deb.nbest + a->m->deb.nworst)
            fail_msg("%s: %d moments shown, not %d", what, cards, a->m->deb.nbest + a->m->deb.nworst);
    }
    scr_app_destroy(a);
}

static void every_size_language_and_mode(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

/* The start screen fits too. */
/* A history of `n` finished games in a private data folder ($XDG_DATA_HOME),
 * newest last, as the game writes it. n = 0: no history; n < 0: the folder
 * removed. */
static void fake_history(int n)
{
    static char dir[256];
    snprintf(dir, sizeof dir, "/tmp/bs-test-render-%ld", (long)getpid());
    char path[400], sub[300];
    snprintf(sub, sizeof sub, "%s/buyersim", dir);
    snprintf(path, sizeof path, "%s/buyersim/history.jsonl", dir);
    static char before[512];
    static bool saved;
    if (n < 0) {
        for (int i = 0; i < 12; i++) {
            char g[400];
            snprintf(g, sizeof g, "%s/g%d.json", dir, i);
            unlink(g);
        }
        unlink(path);
        rmdir(sub);
        rmdir(dir);
        if (saved && before[0])
            setenv("XDG_DATA_HOME", before, 1);
        else
            unsetenv("XDG_DATA_HOME");
        saved = false;
        return;
    }
    if (!saved) {
        const char *x = getenv("XDG_DATA_HOME");
        snprintf(before, sizeof before, "%s", x ? x : "");
        saved = true;
    }
    setenv("XDG_DATA_HOME", dir, 1);
    mkdir(dir, 0700);
    mkdir(sub, 0700);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < n; i++)
        fprintf(f,
                "{\"scenario\":\"erp-rollout\",\"lang\":\"zh\",\"title\":\"t\",\"date\":\"2026-12-0%dT10:%02d:00Z\","
                "\"seed\":%d,\"players\":1,\"seat\":1,\"vendor\":\"Northwind\",\"outcome\":\"no_decision\","
                "\"won\":false,\"score\":%d,\"weeks\":12,\"lessons\":[],\"predictions\":0,"
                "\"predictions_right\":0,\"session\":\"%s/g%d.json\"}\n",
                1 + i % 9, i, i + 1, 10 + i, dir, i);
    fclose(f);
    for (int i = 0; i < n; i++) { /* the archived sessions (a game whose file is gone is not listed) */
        char g[400];
        snprintf(g, sizeof g, "%s/g%d.json", dir, i);
        FILE *gf = fopen(g, "w");
        assert_non_null(gf);
        fclose(gf);
    }
}

static void start_screen(void **state)
{
    (void)state;
    /* with no history, and with a long one: the list of past games takes
     * what room there is and never spills out of its panel */
    for (int hist = 0; hist < 2; hist++)
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i += hist ? 1 : 3) {
        fake_history(hist ? 12 : 0);
        PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = cases[i].projector, .lang = cases[i].lang};
        ScrAppOptions o = {.w = cases[i].w, .h = cases[i].h, .offscreen = true, .args = pa};
        ScrApp *a = test_app(&o);
        a->draw.log_cap = SCR_MAX_DRAWN;
        a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
        scr_app_show_start(a);
        frame(a);
        char what[64];
        snprintf(what, sizeof what, "start %dx%d %s%s%s", cases[i].w, cases[i].h, cases[i].lang,
                 cases[i].projector ? " projector" : "", hist ? " with 12 past games" : "");
        check_layout(a, what);
        check_drawn(a, what);
        assert_true(a->start.n >= 1);
        if (hist) /* every past game shown has its place; at least one fits */
            assert_true(a->start.npast_shown >= 1 && a->start.npast_shown <= a->start.npast);
        scr_app_destroy(a);
    }
    fake_history(-1);
}

/* Animated values ease from the old to the new value in about half a second. */
static void moves_animate(void **state)
{
    (void)state;
    Case c = {1280, 720, "en", false};
    ScrApp *a = open_app(&c);
    frame(a);
    float before = a->m->anim.share[0].to;
    scr_model_choose(a->m, 0, 10.0);
    const ScrAnim *an = &a->m->anim;
    float after = an->share[0].to;
    assert_true(after != before);
    assert_true(scr_anim_running(an, 10.1));
    float mid = scr_anim_value(&an->share[0], an->t0, 10.1);
    assert_true((mid > before && mid < after) || (mid < before && mid > after));
    assert_true(scr_anim_value(&an->share[0], an->t0, 10.0 + SCR_ANIM_S) == after);
    assert_false(scr_anim_running(an, 10.0 + SCR_ANIM_S + 0.01));
    assert_true(an->show_delta);
    scr_app_destroy(a);
}

/* Practice previews: the direction each choice itself would move each
 * meter, measured as the game measures a move (the week played with it
 * against the same week let pass, same seed); the result card's "your move"
 * row agrees after the move is played; exam mode shows none. */
static void previews_tell_the_truth(void **state)
{
    (void)state;
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 1,
                          .mode = SCR_MODE_PRACTICE};
    BsErrors errs;
    bs_errors_init(&errs, "");
    ScrModel *m = scr_model_open(&mo, &errs);
    assert_non_null(m);
    scr_model_choose(m, 0, 0);
    int me = m->wk.me, n = m->wk.nchoices, moved = 0;
    int8_t dir[BS_MAX_CHOICES][3];
    BsGame *pass = malloc(sizeof *pass), *g = malloc(sizeof *g);
    assert_true(pass && g);
    *pass = m->p->g;
    int none[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
    assert_true(bs_game_step(pass, none));
    for (int k = 0; k < n; k++) {
        *g = m->p->g;
        int ch[BS_MAX_SEATS] = {m->wk.choice[k].avail, -1, -1, -1, -1};
        assert_true(bs_game_step(g, ch));
        BsMove mv = {.has_own = true, .own_mindshare = g->v[me].mindshare - pass->v[me].mindshare,
                     .own_trust = g->v[me].trust - pass->v[me].trust, .own_risk = g->v[me].risk - pass->v[me].risk};
        for (int i = 0; i < 3; i++) {
            BsPredict d = bs_predict_actual(&g->scn->model, &mv, i);
            assert_int_equal(m->wk.choice[k].dir[i], d == BS_PREDICT_UP ? 1 : d == BS_PREDICT_DOWN ? -1 : 0);
            dir[k][i] = m->wk.choice[k].dir[i];
            moved += dir[k][i] != 0;
        }
    }
    assert_true(moved > 0);
    /* each choice played for real: the result card's own row goes the same way */
    BsSession ss = m->p->ss;
    for (int k = 0; k < n; k++) {
        m->p->ss = ss;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_session_replay(&m->p->ss, m->p->scn, &m->p->g, -1, &e));
        bs_errors_free(&e);
        scr_model_refresh(m);
        scr_model_choose(m, k, 0);
        assert_int_equal(m->wk.neff_rows, 2);
        for (int i = 0; i < 3; i++)
            if (dir[k][i])
                assert_int_equal(m->wk.eff_dir[0][i], dir[k][i]);
    }
    free(pass);
    free(g);
    scr_model_free(m);
    mo.mode = SCR_MODE_EXAM;
    m = scr_model_open(&mo, &errs);
    assert_non_null(m);
    assert_int_equal(errs.count, 0);
    bs_errors_free(&errs);
    for (int k = 0; k < m->wk.nchoices; k++)
        assert_true(m->wk.choice[k].dir[0] == 0 && m->wk.choice[k].dir[1] == 0 && m->wk.choice[k].dir[2] == 0);
    scr_model_free(m);
}

/* "+2.4", "−1.3" (a real minus sign) as a number. */
static double shown_number(const char *s)
{
    char buf[64];
    size_t n = 0;
    for (const char *p = s; *p && n + 1 < sizeof buf; p++) {
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x88 && (unsigned char)p[2] == 0x92) {
            buf[n++] = '-';
            p += 2;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return strtod(buf, NULL);
}

/* The result card shows what the move itself did apart from what the
 * rivals and time did; the two add up to the week's change, which is what
 * the table shows beside the player's mindshare. */
static void result_card_own_and_drift(void **state)
{
    (void)state;
    static const Case sizes[] = {{1920, 1080, "en", false}, {1024, 768, "zh", false}, {1024, 768, "en", true}};
    static const int decimals[SCR_EFF_COLS] = {1, 0, 0, 1};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        ScrApp *a = open_app_mode(&sizes[c], SCR_MODE_PRACTICE, 0, false);
        frame(a);
        for (int w = 0; w < 6 && !bs_game_over(&a->m->p->g); w++) {
            int k = a->m->wk.nchoices ? scr_model_policy_choice(a->m, w % 2 ? "random" : "buyer_centric", 7) : -1;
            scr_model_choose(a->m, k, 10.0 * (w + 1));
            a->lay_dirty = true;
            frame(a);
            check_layout(a, "result card");
            check_drawn(a, "result card");
            const ScrWeek *wk = &a->m->wk;
            const BsMove *mv = &a->m->p->g.last.move[wk->me];
            assert_true(wk->has_result);
            if (k < 0 || mv->action < 0) {
                assert_int_equal(wk->neff_rows, 1); /* all of it the rivals' and time's */
                assert_int_equal(wk->eff_row0, 1);
                continue;
            }
            assert_true(mv->has_own);
            assert_int_equal(wk->neff_rows, 2);
            assert_int_equal(wk->neff_cols, bs_game_over(&a->m->p->g) ? 3 : 4);
            double own[SCR_EFF_COLS] = {100 * mv->own_mindshare, mv->own_trust, mv->own_risk, 100 * mv->own_pwin};
            double week[SCR_EFF_COLS] = {100 * mv->d_mindshare, mv->d_trust, mv->d_risk, 100 * mv->d_pwin};
            for (int i = 0; i < wk->neff_cols; i++) {
                assert_true(fabs(wk->eff_val[0][i] - own[i]) < 1e-9);
                assert_true(fabs(wk->week_val[i] - week[i]) < 1e-9);
                assert_true(fabs(wk->eff_val[0][i] + wk->eff_val[1][i] - week[i]) < 1e-9);
                for (int r = 0; r < 2; r++) {
                    char want[48];
                    scr_fmt_signed(want, sizeof want, wk->eff_val[r][i], decimals[i]);
                    assert_string_equal(wk->eff_cell[r][i], want);
                    /* on the screen: the cell (a table) or the chip (a narrow card) */
                    if (drawn_in(a, a->lay, wk->eff_cell[r][i]) + drawn_in(a, a->lay, wk->eff_chip[r][i]) == 0) {
                        for (int b = 0; b < a->lay->nbox; b++)
                            if (a->lay->box[b].s)
                                fprintf(stderr, "box %d kind %d cont-kind %d {%d,%d,%d,%d} \"%.40s\" drawn %d\n", b,
                                        a->lay->box[b].kind, a->lay->cont[a->lay->box[b].cont].kind, a->lay->box[b].r.x,
                                        a->lay->box[b].r.y, a->lay->box[b].r.w, a->lay->box[b].r.h, a->lay->box[b].s,
                                        drawn_in(a, a->lay, a->lay->box[b].s));
                        fail_msg("week %d: %s of row %d is not on the screen", w + 1, wk->eff_head[i], r);
                    }
                }
                /* as shown, the two parts add up to the week's change (within their rounding) */
                double sum = shown_number(wk->eff_cell[0][i]) + shown_number(wk->eff_cell[1][i]);
                double lim = decimals[i] ? 0.1 + 1e-6 : 1.0 + 1e-6;
                if (fabs(sum - week[i]) > lim)
                    fail_msg("week %d: %s %s + %s is not the week's %.2f", w + 1, wk->eff_head[i], wk->eff_cell[0][i],
                             wk->eff_cell[1][i], week[i]);
            }
            assert_true(drawn_in(a, a->lay, wk->eff_label[0]) > 0);
            assert_true(drawn_in(a, a->lay, wk->eff_label[1]) > 0);
            /* the table beside the player's share: the week's whole change */
            assert_true(fabs((double)a->m->anim.delta[wk->me] - week[0]) < 0.05);
            /* the why's colour: what the move did */
            int want = mv->result == BS_MR_WORKED ? 1 : mv->result == BS_MR_BACKFIRED ? -1 : 2;
            if (wk->result_why[0])
                assert_int_equal(wk->verdict, want);
        }
        scr_app_destroy(a);
    }
}

/* The buyer's chance to choose the player now: a meter with its weeks so
 * far in practice, nowhere in an exam (not in the table, not in the result). */
static void chance_meter_not_in_exam(void **state)
{
    (void)state;
    static const Case sizes[] = {{1024, 768, "en", false}, {1920, 1080, "zh", true}, {3840, 2160, "en", false}};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        for (int exam = 0; exam < 2; exam++) {
            ScrApp *a = open_app_mode(&sizes[c], exam ? SCR_MODE_EXAM : SCR_MODE_PRACTICE, 0, false);
            for (int w = 0; w < 3; w++)
                scr_model_choose(a->m, a->m->wk.nchoices ? 0 : -1, 10.0 * (w + 1));
            a->lay_dirty = true;
            frame(a);
            check_layout(a, "chance");
            const ScrWeek *wk = &a->m->wk;
            int charts = 0, sparks = 0, heads = 0;
            for (int i = 0; i < a->lay->ncont; i++)
                charts += a->lay->cont[i].kind == K_CHANCE;
            for (int i = 0; i < a->lay->nbox; i++) {
                sparks += a->lay->box[i].kind == K_SPARK;
                heads += a->lay->box[i].s && !strcmp(a->lay->box[i].s, scr_str(a->m, "screen.chance_short"));
            }
            if (exam) {
                assert_false(wk->has_chance);
                assert_int_equal(charts, 0);
                assert_int_equal(sparks, 0);
                assert_int_equal(heads, 0);
                assert_int_equal(wk->neff_cols, 3);
                for (int i = 0; i < a->lay->nbox; i++)
                    assert_true(a->lay->box[i].s != wk->chance_value && a->lay->box[i].s != wk->chance_label);
            } else {
                double pw[BS_MAX_VENDORS];
                bs_game_p_win(&a->m->p->g, pw);
                char want[16];
                snprintf(want, sizeof want, "%.0f%%", 100.0 * pw[wk->me]);
                assert_true(wk->has_chance);
                assert_string_equal(wk->chance_value, want);
                assert_int_equal(charts, 1);
                assert_int_equal(sparks, 1);
                assert_true(drawn_in(a, a->lay, wk->chance_value) > 0);
                assert_int_equal(wk->neff_cols, 4);
                /* the weeks so far: the start, after each week, now */
                assert_int_equal(wk->nchance, a->m->p->ss.nweeks + 1);
                assert_true(fabs((double)wk->chance_hist[wk->nchance - 1] - pw[wk->me]) < 1e-6);
                BsGame *g0 = malloc(sizeof *g0);
                BsErrors e;
                bs_errors_init(&e, "");
                assert_true(bs_session_replay(&a->m->p->ss, a->m->p->scn, g0, 0, &e));
                bs_errors_free(&e);
                bs_game_p_win(g0, pw);
                assert_true(fabs((double)wk->chance_hist[0] - pw[wk->me]) < 1e-6);
                free(g0);
                /* the same weeks when the game is resumed from its save, and after an undo */
                char path[128];
                snprintf(path, sizeof path, "/tmp/buyersim-chance-%d.json", (int)getpid());
                bs_errors_init(&e, path);
                assert_true(scr_model_save(a->m, path, &e));
                ScrModelOptions mo = {.resume = path, .save = "", .lang = sizes[c].lang, .mode = SCR_MODE_PRACTICE};
                ScrModel *m2 = scr_model_open(&mo, &e);
                assert_non_null(m2);
                assert_int_equal(e.count, 0);
                bs_errors_free(&e);
                assert_int_equal(m2->wk.nchance, wk->nchance);
                for (int i = 0; i < wk->nchance; i++)
                    assert_true(fabs((double)m2->wk.chance_hist[i] - (double)wk->chance_hist[i]) < 1e-6);
                scr_model_free(m2);
                char other[160];
                remove(path);
                snprintf(other, sizeof other, "/tmp/buyersim-chance-%d.log.jsonl", (int)getpid());
                remove(other);
                snprintf(other, sizeof other, "%s.bak", path);
                remove(other);
                float before = wk->chance_hist[1];
                assert_true(scr_model_undo(a->m, 50.0));
                assert_int_equal(a->m->wk.nchance, a->m->p->ss.nweeks + 1);
                assert_true(fabs((double)a->m->wk.chance_hist[1] - (double)before) < 1e-6);
            }
            scr_app_destroy(a);
        }
    }
}

/* Plays a game with a policy to its end. */
static void play_out(ScrModel *m, const char *policy)
{
    for (int i = 0; i < 60 && !bs_game_over(&m->p->g); i++) {
        int k = m->wk.nchoices ? scr_model_policy_choice(m, policy, 11) : -1;
        scr_model_choose(m, k, 2.0 + i);
    }
    assert_true(bs_game_over(&m->p->g));
}

/* A game that ends in no decision: the debrief says why, with the numbers
 * (every reason drawn, on a projector on the first page), and its JSON
 * export carries the reasons, the gifts, the memory curves, each moment's
 * spread and own effect, and the predictions' baseline. */
static void no_decision_debrief_explains(void **state)
{
    (void)state;
    uint64_t seed = 0;
    for (uint64_t sd = 1; sd < 80 && !seed; sd++) {
        ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 1,
                              .mode = SCR_MODE_PRACTICE, .seed = sd, .has_seed = true};
        BsErrors errs;
        bs_errors_init(&errs, "");
        ScrModel *m = scr_model_open(&mo, &errs);
        bs_errors_free(&errs);
        assert_non_null(m);
        play_out(m, "pitch_close");
        if (m->p->g.outcome == BS_OUT_NO_DECISION)
            seed = sd;
        scr_model_free(m);
    }
    if (!seed)
        fail_msg("no seed of 80 ends in no decision when the player pitches and pushes to close");
    static const Case sizes[] = {{1024, 768, "en", false}, {1024, 768, "zh", false}, {1920, 1080, "en", true},
                                 {1920, 1080, "zh", false}};
    for (size_t c = 0; c < sizeof sizes / sizeof sizes[0]; c++) {
        ScrApp *a = open_app_mode(&sizes[c], SCR_MODE_PRACTICE, seed, true);
        play_out(a->m, "pitch_close");
        a->screen = SCR_DEBRIEF;
        a->lay_dirty = true;
        a->dt->ok = false;
        frame(a);
        char what[96];
        snprintf(what, sizeof what, "no-decision debrief %dx%d %s", sizes[c].w, sizes[c].h, sizes[c].lang);
        check_layout(a, what);
        check_drawn(a, what);
        const BsDebrief *d = &a->m->deb;
        assert_int_equal(d->outcome, BS_OUT_NO_DECISION);
        assert_true(d->nwhy > 0);
        assert_int_equal(a->dt->nwhy, d->nwhy);
        assert_true(drawn_in(a, a->lay, a->dt->why_title) > 0);
        const BsStrings *t = a->m->p->str ? a->m->p->str : a->m->p->str_en;
        for (int i = 0; i < d->nwhy; i++) {
            char line[SCR_TEXT_CAP];
            app_reason_text(a->m->p->scn, t, &d->why[i], line, sizeof line);
            assert_true(line[0] != '\0');
            assert_non_null(strstr(a->dt->why[i], line));
            if (drawn_in(a, a->lay, a->dt->why[i]) == 0)
                fail_msg("%s: reason %d is not drawn: %s", what, i + 1, line);
        }
        /* no clear moment: it says so */
        if (!d->nbest && !d->nworst)
            assert_true(drawn_in(a, a->lay, a->dt->no_moments) > 0);
        for (int i = 0; i < d->nbest; i++)
            assert_true(d->best[i].clear && d->best[i].impact > 0);
        for (int i = 0; i < d->nworst; i++)
            assert_true(d->worst[i].clear && d->worst[i].impact < 0);
        if (c == 3) { /* the JSON export */
            char path[128];
            snprintf(path, sizeof path, "/tmp/buyersim-debrief-%d.json", (int)getpid());
            BsErrors e;
            bs_errors_init(&e, path);
            bool written = app_play_debrief_json(a->m->p, a->m->deb_seat, path, &e);
            if (!written)
                bs_errors_print(&e, stderr);
            bs_errors_free(&e);
            assert_true(written);
            FILE *f = fopen(path, "rb");
            assert_non_null(f);
            static char buf[1 << 20];
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            buf[n] = '\0';
            fclose(f);
            remove(path);
            static const char *const keys[] = {"\"reasons\":[{\"kind\":", "\"gifts\":[", "\"messages\":[{\"id\":",
                                               "\"recall\":[", "\"belief\":[", "\"accepted\":[", "\"decided_week\":",
                                               "\"predictions\":null", "\"p_win\":[", "\"mistakes\":["};
            for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
                if (!strstr(buf, keys[i]))
                    fail_msg("the debrief's JSON has no %s", keys[i]);
            if (d->nbest + d->nworst > 0)
                assert_true(strstr(buf, "\"impact_se\":") && strstr(buf, "\"own\":{\"mindshare_points\":"));
            char line[SCR_TEXT_CAP];
            app_reason_text(a->m->p->scn, t, &d->why[0], line, sizeof line);
            assert_non_null(strstr(buf, line));
        }
        scr_app_destroy(a);
    }
}

/*============================================================================
 * Phones: the portrait layout, drawn, and touch
 *==========================================================================*/
/* BUYERSIM_SHOTS=DIR: the frame as DIR/NAME.png, to look at. */
static void keep_shot(ScrApp *a, const char *name)
{
    const char *dir = getenv("BUYERSIM_SHOTS");
    if (!dir || !*dir)
        return;
    char path[600];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    BsErrors e;
    bs_errors_init(&e, path);
    if (!scr_app_save_png(a, path, &e))
        fail_msg("cannot keep %s", path);
    bs_errors_free(&e);
}

/* A phone's type: the buyer's words and the choices at least 1/50 of the
 * height (at arm's length), every other text of the game at least 1/62. */
static void check_phone_type(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        if (b->kind != K_TEXT || b->px <= 0)
            continue;
        int ck = L->cont[b->cont].kind;
        bool body = ck == K_SAYS || ck == K_THINKS || ck == K_CHOICE;
        int lo = body ? a->out_h / 50 : a->out_h / 62;
        if (b->px < lo)
            fail_msg("%s: text \"%.30s\" is %d px, under 1/%d of the height (%d px)", what, b->s ? b->s : "(number)",
                     b->px, body ? 50 : 62, lo);
    }
}

/* The table view (a phone): its pages drawn, the bars read from the pixels
 * on the page that has them. */
static void check_table_view(ScrApp *a, const char *what, const char *shot)
{
    scr_app_set_view(a, 1);
    frame(a);
    int pages = a->lay->table_pages, bars = 0;
    for (int p = 0; p < pages; p++) {
        a->table_page = p;
        a->lay_dirty = true;
        frame(a);
        char w2[200], s2[200];
        snprintf(w2, sizeof w2, "%s, the table's page %d of %d", what, p + 1, pages);
        assert_int_equal(a->lay->view, 1);
        assert_int_equal(a->lay->table_page, p);
        check_layout(a, w2);
        check_drawn(a, w2);
        check_phone_type(a, w2);
        if (a->lay->row_track[0] >= 0) {
            check_bars(a, w2);
            bars++;
        }
        snprintf(s2, sizeof s2, "%s-table%d", shot, p + 1);
        keep_shot(a, s2);
    }
    if (bars != 1)
        fail_msg("%s: the bars on %d of the table's %d pages", what, bars, pages);
    scr_app_set_view(a, 0);
    a->table_page = 0;
    frame(a);
}

static void phone_screens(void **state)
{
    (void)state;
    static const Case phones[] = {{360, 640, "en", false}, {390, 844, "en", false}, {390, 844, "zh", false},
                                  {412, 915, "zh", false}, {1170, 2532, "en", false}, {390, 844, "en", true}};
    for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
        const Case *c = &phones[i];
        char what[160], shot[120];
        snprintf(shot, sizeof shot, "phone-%s-%dx%d%s", c->lang, c->w, c->h, c->projector ? "-projector" : "");
        ScrApp *a = open_app(c);
        for (int week = 0; week < 3; week++) {
            snprintf(what, sizeof what, "%dx%d %s%s week %d", c->w, c->h, c->lang, c->projector ? " projector" : "",
                     week + 1);
            frame(a);
            if (!a->lay->portrait || a->lay->view != 0 || a->lay->tab[0] < 0 || a->lay->tab[1] < 0)
                fail_msg("%s: not a phone's layout with its two tabs", what);
            check_layout(a, what);
            check_drawn(a, what);
            check_choices(a, what);
            check_phone_type(a, what);
            if (!strcmp(c->lang, "zh"))
                check_chinese(a, what);
            char s2[160];
            snprintf(s2, sizeof s2, "%s-week%d", shot, week + 1);
            keep_shot(a, s2);
            check_table_view(a, what, s2);
            /* the week with the most choices next (week 3: eight in erp-rollout) */
            scr_model_choose(a->m, week == 0 ? most_choices_next(a->m) : 3 % a->m->wk.nchoices, 1.0 + week);
            scr_anim_settle(&a->m->anim);
            a->lay_dirty = true;
        }
        /* the help (the views' key listed) and the debrief's pages */
        a->help = true;
        frame(a);
        check_drawn(a, what);
        keep_shot(a, "help");
        a->help = false;
        for (int k = 0; k < 60 && !bs_game_over(&a->m->p->g); k++) {
            int ch = scr_model_policy_choice(a->m, "buyer_centric", 1);
            scr_model_choose(a->m, a->m->wk.nchoices ? ch : -1, 10.0 + k);
        }
        SDL_Event e = {.type = SDL_KEYDOWN};
        e.key.keysym.sym = SDLK_RETURN;
        scr_app_event(a, &e);
        frame(a);
        assert_int_equal(a->screen, SCR_DEBRIEF);
        int pages = scr_debrief_pages(a), lessons = 0;
        assert_true(pages >= 4);
        for (int p = 0; p < pages; p++) {
            a->deb_page = p;
            a->lay_dirty = true;
            frame(a);
            snprintf(what, sizeof what, "%dx%d %s debrief page %d of %d", c->w, c->h, c->lang, p + 1, pages);
            check_layout(a, what);
            check_drawn(a, what);
            if (a->lay->pager < 0 || drawn_in(a, a->lay, a->lay->pager_text) < 1)
                fail_msg("%s: no line says the page", what);
            for (int k = 0; k < 3; k++)
                lessons += drawn_in(a, a->lay, a->dt->lesson_text[k]) > 0;
            char s2[160];
            snprintf(s2, sizeof s2, "%s-debrief%d", shot, p + 1);
            keep_shot(a, s2);
        }
        if (lessons != 3)
            fail_msg("%dx%d %s: %d of the three lessons on the debrief's pages", c->w, c->h, c->lang, lessons);
        scr_app_destroy(a);
    }
}

/* Events as a phone's browser sends them: SDL's fingers, and the mouse
 * events SDL makes of them (which: SDL_TOUCH_MOUSEID). */
static void finger(ScrApp *a, Uint32 type, float x, float y, SDL_FingerID id)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = x / (float)a->out_w;
    e.tfinger.y = y / (float)a->out_h;
    e.tfinger.pressure = type == SDL_FINGERUP ? 0.0f : 1.0f;
    scr_app_event(a, &e);
}

/* A mouse event; `touch`: one SDL made of a finger (which:
 * SDL_TOUCH_MOUSEID), else the mouse's own, dragging with the left button. */
static void mouse_ev(ScrApp *a, Uint32 type, int x, int y, bool touch)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.which = touch ? SDL_TOUCH_MOUSEID : 0;
        e.motion.x = x;
        e.motion.y = y;
        e.motion.state = touch ? 0 : SDL_BUTTON_LMASK;
    } else {
        e.button.which = touch ? SDL_TOUCH_MOUSEID : 0;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = x;
        e.button.y = y;
    }
    scr_app_event(a, &e);
}

static void touch_mouse(ScrApp *a, Uint32 type, int x, int y) { mouse_ev(a, type, x, y, true); }
static void mouse(ScrApp *a, Uint32 type, int x, int y) { mouse_ev(a, type, x, y, false); }

/* A tap at (x, y), as the web's SDL sends it: a finger and a mouse made of it. */
static void tap(ScrApp *a, int x, int y)
{
    finger(a, SDL_FINGERDOWN, (float)x, (float)y, 7);
    touch_mouse(a, SDL_MOUSEMOTION, x, y);
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, x, y);
    finger(a, SDL_FINGERUP, (float)x, (float)y, 7);
    touch_mouse(a, SDL_MOUSEBUTTONUP, x, y);
    frame(a);
}

/* A finger from (x0, y0) to (x1, y1) in a few moves. */
static void swipe(ScrApp *a, int x0, int y0, int x1, int y1)
{
    finger(a, SDL_FINGERDOWN, (float)x0, (float)y0, 8);
    touch_mouse(a, SDL_MOUSEBUTTONDOWN, x0, y0);
    for (int i = 1; i <= 4; i++) {
        float x = (float)x0 + (float)(x1 - x0) * (float)i / 4.0f, y = (float)y0 + (float)(y1 - y0) * (float)i / 4.0f;
        finger(a, SDL_FINGERMOTION, x, y, 8);
        touch_mouse(a, SDL_MOUSEMOTION, (int)x, (int)y);
    }
    finger(a, SDL_FINGERUP, (float)x1, (float)y1, 8);
    touch_mouse(a, SDL_MOUSEBUTTONUP, x1, y1);
    frame(a);
}

static void key(ScrApp *a, SDL_Keycode k)
{
    SDL_Event e = {.type = SDL_KEYDOWN};
    e.key.keysym.sym = k;
    scr_app_event(a, &e);
    frame(a);
}

#define centre(L, cont) centre_of(L, cont, #cont)
static SDL_Point centre_of(const ScrLayout *L, int cont, const char *what)
{
    if (cont < 0 || cont >= L->ncont)
        fail_msg("no %s on the screen", what);
    SDL_Rect r = L->cont[cont].r;
    return (SDL_Point){r.x + r.w / 2, r.y + r.h / 2};
}

/* A choice shown on the screen (the next page turned to when this one has
 * none: her words took it). */
static int shown_choice(ScrApp *a)
{
    for (int turn = 0; turn < 2; turn++) {
        for (int k = 0; k < a->m->wk.nchoices; k++)
            if (a->lay->choice[k] >= 0)
                return k;
        key(a, SDLK_PAGEDOWN);
    }
    fail_msg("week %d: no choice on the screen", a->m->p->g.week);
    return -1;
}

/* On a phone one tap plays a choice (once, though the browser's SDL sends
 * a finger and a mouse for it; no preview first), a swipe across or a tab
 * switches between the buyer and the table, T and Tab too, a swipe up or
 * a tap on the pager turns the page of choices (and the table's, and the
 * debrief's), a second finger cancels; the mouse on a portrait window
 * clicks on release and drags like a finger; in landscape a tap plays too. */
static void phone_touch(void **state)
{
    (void)state;
    Case c = {390, 844, "en", false};
    ScrApp *a = open_app_mode(&c, SCR_MODE_PRACTICE, 7, true);
    frame(a);
    const ScrLayout *L = a->lay;
    assert_true(L->portrait);
    int W = a->out_w, H = a->out_h;
    /* a tap on a choice plays it, once */
    int week = a->m->p->g.week;
    SDL_Point p = centre(L, L->choice[0]);
    tap(a, p.x, p.y);
    assert_int_equal(a->m->p->g.week, week + 1);
    assert_int_equal(a->m->p->ss.moves[0][0], 0);
    assert_int_equal(a->hover, -1); /* no pointer stays over a choice */
    /* the views: a swipe to the left shows the table, to the right the buyer */
    swipe(a, W * 8 / 10, H / 2, W * 2 / 10, H / 2 + 10);
    assert_int_equal(a->view, 1);
    assert_int_equal(L->view, 1);
    for (int i = 0; i < L->ncont; i++)
        assert_true(L->cont[i].kind != K_CHOICE);
    tap(a, W / 2, H / 2); /* nothing to play on the table */
    assert_int_equal(a->m->p->g.week, week + 1);
    swipe(a, W * 2 / 10, H / 2, W * 9 / 10, H / 2 - 10);
    assert_int_equal(a->view, 0);
    /* the tabs, and the keys */
    p = centre(L, L->tab[1]);
    tap(a, p.x, p.y);
    assert_int_equal(L->view, 1);
    p = centre(L, L->tab[0]);
    tap(a, p.x, p.y);
    assert_int_equal(L->view, 0);
    key(a, SDLK_t);
    assert_int_equal(L->view, 1);
    /* on the table, Page Down and Right turn its pages; before the first
     * page or past the last, the buyer comes back */
    assert_true(L->table_pages >= 2);
    key(a, SDLK_PAGEDOWN);
    assert_int_equal(L->table_page, 1);
    key(a, SDLK_LEFT);
    assert_int_equal(L->table_page, 0);
    assert_int_equal(L->view, 1);
    key(a, SDLK_PAGEUP);
    assert_int_equal(L->view, 0);
    key(a, SDLK_t);
    for (int k = 0; k < L->table_pages - 1; k++)
        key(a, SDLK_RIGHT);
    assert_int_equal(L->table_page, L->table_pages - 1);
    key(a, SDLK_PAGEDOWN);
    assert_int_equal(L->view, 0);
    key(a, SDLK_TAB);
    assert_int_equal(L->view, 1);
    key(a, SDLK_TAB);
    assert_int_equal(L->view, 0);
    assert_int_equal(a->m->p->g.week, week + 1);
    /* week 3 of erp-rollout has eight choices: over pages on a phone */
    scr_model_choose(a->m, 3, 5.0);
    a->lay_dirty = true;
    frame(a);
    week = a->m->p->g.week;
    int pages = L->choice_pages;
    if (pages < 2)
        fail_msg("%d choices on one page at 390x844: no page to turn", a->m->wk.nchoices);
    swipe(a, W / 2, H * 7 / 10, W / 2 + 5, H * 3 / 10); /* up: the next page */
    assert_int_equal(L->choice_page, 1);
    assert_int_equal(a->m->p->g.week, week);
    swipe(a, W / 2, H * 3 / 10, W / 2, H * 7 / 10); /* down: back */
    assert_int_equal(L->choice_page, 0);
    p = centre(L, L->pager);
    tap(a, p.x, p.y);
    assert_int_equal(L->choice_page, 1);
    assert_int_equal(a->m->p->g.week, week);
    /* the table's pages: Page Down turns them, past the last the buyer is back */
    key(a, SDLK_t);
    int tpages = L->table_pages;
    for (int i = 1; i < tpages; i++) {
        key(a, SDLK_PAGEDOWN);
        assert_int_equal(L->table_page, i);
        assert_int_equal(L->view, 1);
    }
    key(a, SDLK_PAGEDOWN);
    assert_int_equal(L->view, 0);
    assert_int_equal(L->choice_page, 1); /* the choices' page the player turned to */
    /* a second finger: no tap */
    int k = L->choice_first;
    p = centre(L, L->choice[k]);
    finger(a, SDL_FINGERDOWN, (float)p.x, (float)p.y, 1);
    finger(a, SDL_FINGERDOWN, (float)p.x + 40, (float)p.y, 2);
    finger(a, SDL_FINGERUP, (float)p.x + 40, (float)p.y, 2);
    finger(a, SDL_FINGERUP, (float)p.x, (float)p.y, 1);
    frame(a);
    assert_int_equal(a->m->p->g.week, week);
    /* a tap on a choice of the second page plays that one */
    tap(a, p.x, p.y);
    assert_int_equal(a->m->p->g.week, week + 1);
    assert_int_equal(a->m->p->ss.moves[a->m->p->ss.nweeks - 1][0], k);
    /* the mouse on a portrait window: a click on release; a drag switches */
    week = a->m->p->g.week;
    p = centre(L, L->choice[shown_choice(a)]);
    mouse(a, SDL_MOUSEBUTTONDOWN, p.x, p.y);
    frame(a);
    assert_int_equal(a->m->p->g.week, week); /* not yet */
    mouse(a, SDL_MOUSEBUTTONUP, p.x, p.y);
    frame(a);
    assert_int_equal(a->m->p->g.week, week + 1);
    week++;
    p = centre(L, L->choice[shown_choice(a)]);
    mouse(a, SDL_MOUSEBUTTONDOWN, p.x, p.y);
    mouse(a, SDL_MOUSEMOTION, p.x - W / 3, p.y);
    mouse(a, SDL_MOUSEMOTION, p.x - W * 2 / 3, p.y);
    mouse(a, SDL_MOUSEBUTTONUP, p.x - W * 2 / 3, p.y);
    frame(a);
    assert_int_equal(a->m->p->g.week, week);
    assert_int_equal(L->view, 1);
    key(a, SDLK_t);
    /* the debrief: a tap on its page line, a swipe up, a swipe down */
    for (int i = 0; i < 60 && !bs_game_over(&a->m->p->g); i++) {
        int ch = scr_model_policy_choice(a->m, "buyer_centric", 1);
        scr_model_choose(a->m, a->m->wk.nchoices ? ch : -1, 10.0 + i);
    }
    a->lay_dirty = true;
    frame(a);
    assert_true(L->next_button >= 0);
    p = centre(L, L->next_button);
    tap(a, p.x, p.y);
    assert_int_equal(a->screen, SCR_DEBRIEF);
    assert_int_equal(a->deb_page, 0);
    p = centre(L, L->pager);
    tap(a, p.x, p.y);
    assert_int_equal(a->deb_page, 1);
    swipe(a, W / 2, H * 6 / 10, W / 2, H * 2 / 10);
    assert_int_equal(a->deb_page, 2);
    swipe(a, W / 2, H * 2 / 10, W / 2, H * 6 / 10);
    assert_int_equal(a->deb_page, 1);
    assert_int_equal(a->screen, SCR_DEBRIEF);
    scr_app_destroy(a);

    /* landscape: a tap plays a choice, once */
    Case wide = {1280, 800, "en", false};
    a = open_app_mode(&wide, SCR_MODE_PRACTICE, 7, true);
    frame(a);
    assert_false(a->lay->portrait);
    week = a->m->p->g.week;
    p = centre(a->lay, a->lay->choice[1]);
    tap(a, p.x, p.y);
    assert_int_equal(a->m->p->g.week, week + 1);
    assert_int_equal(a->m->p->ss.moves[0][0], 1);
    scr_app_destroy(a);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    BsTextFonts fonts;
    BsErrors fe;
    bs_errors_init(&fe, "");
    bool have_fonts = bs_text_find_fonts(&fonts, &fe);
    app_error_line(&fe, 0, why_skip, sizeof why_skip);
    bs_errors_free(&fe);
    if (!have_fonts) {
        printf("SKIP: no CJK font: %s\n", why_skip);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(previews_tell_the_truth),
        cmocka_unit_test(result_card_own_and_drift),
        cmocka_unit_test(chance_meter_not_in_exam),
        cmocka_unit_test(no_decision_debrief_explains),
        cmocka_unit_test(moves_animate),
        cmocka_unit_test(start_screen),
        cmocka_unit_test(every_size_language_and_mode),
        cmocka_unit_test(phone_screens),
        cmocka_unit_test(phone_touch),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    return rc;
}
