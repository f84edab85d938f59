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
 *   - projector mode: the buyer's words and the choices are at least 1/30
 *     of the screen height, every other text at least 1/36.
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

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "ui.h"

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

static ScrApp *open_app(const Case *c)
{
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = c->projector};
    ScrAppOptions o = {.w = c->w, .h = c->h, .offscreen = true, .args = pa};
    char err[1024];
    ScrApp *a = scr_app_create(&o, err, sizeof err);
    if (!a)
        fail_msg("cannot create the screen: %s", err);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = c->lang, .save = "", .players = 1,
                          .mode = SCR_MODE_PRACTICE, .projector = c->projector};
    if (!scr_app_open_game(a, &mo))
        fail_msg("cannot open the game: %s", a->err);
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    assert_non_null(a->draw.log);
    return a;
}

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

/* Every choice has its container, its text box and drawn text. */
static void check_choices(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    int n = a->m->wk.nchoices;
    for (int k = 0; k < n; k++) {
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
}

/* Bars: read each bar's length from the pixels at the track's middle row. */
static void check_bars(const ScrApp *a, const char *what)
{
    const ScrLayout *L = a->lay;
    const ScrWeek *wk = &a->m->wk;
    const BsGame *g = &a->m->g;
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
    int body_min = (a->out_h + 29) / 30, other_min = (a->out_h + 35) / 36;
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        if (b->kind != K_TEXT)
            continue;
        int ck = L->cont[b->cont].kind;
        bool body = ck == K_SAYS || ck == K_THINKS || ck == K_CHOICE;
        int lo = body ? body_min : other_min;
        if (b->px < lo)
            fail_msg("%s: text \"%.30s\" is %d px, under 1/%d of the height (%d px)", what, b->s ? b->s : "(number)",
                     b->px, body ? 30 : 36, lo);
    }
}

static void frame(ScrApp *a) { scr_app_frame(a, 1000.0 + a->frames); }

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
    /* 2: a week with eight choices, the pointer on one (its preview) */
    scr_model_choose(a->m, 0, 1.0);
    a->lay_dirty = true;
    a->hover = 3;
    snprintf(what, sizeof what, "%dx%d %s%s week 2", c->w, c->h, c->lang, c->projector ? " projector" : "");
    frame(a);
    assert_int_equal(a->m->wk.nchoices, 8);
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
    for (int i = 0; i < 60 && !bs_game_over(&a->m->g); i++) {
        int k = scr_model_policy_choice(a->m, "buyer_centric", 1);
        scr_model_choose(a->m, a->m->wk.nchoices ? k : -1, 2.0 + i);
    }
    assert_true(bs_game_over(&a->m->g));
    a->screen = SCR_DEBRIEF;
    a->lay_dirty = true;
    a->dt->ok = false;
    snprintf(what, sizeof what, "%dx%d %s%s debrief", c->w, c->h, c->lang, c->projector ? " projector" : "");
    frame(a);
    check_layout(a, what);
    check_drawn(a, what);
    int charts = 0;
    for (int i = 0; i < a->lay->nbox; i++)
        charts += a->lay->box[i].kind == K_CHART && a->lay->box[i].r.h > a->out_h / 10;
    if (charts != 2)
        fail_msg("%s: %d charts of a useful size, not 2", what, charts);
    if (c->projector) { /* the second and third pages: the moments */
        int cards = 0;
        for (int page = 1; page <= 2; page++) {
            a->deb_page = page;
            a->lay_dirty = true;
            frame(a);
            check_layout(a, what);
            check_drawn(a, what);
            for (int i = 0; i < a->lay->ncont; i++)
                cards += a->lay->cont[i].kind == K_LIST_ITEM;
        }
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
static void start_screen(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i += 3) {
        PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = cases[i].projector, .lang = cases[i].lang};
        ScrAppOptions o = {.w = cases[i].w, .h = cases[i].h, .offscreen = true, .args = pa};
        char err[1024];
        ScrApp *a = scr_app_create(&o, err, sizeof err);
        assert_non_null(a);
        a->draw.log_cap = SCR_MAX_DRAWN;
        a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
        scr_app_show_start(a);
        frame(a);
        char what[64];
        snprintf(what, sizeof what, "start %dx%d %s", cases[i].w, cases[i].h, cases[i].lang);
        check_layout(a, what);
        check_drawn(a, what);
        assert_true(a->start.n >= 1);
        scr_app_destroy(a);
    }
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

/* Practice previews: the direction of each meter is what playing the choice
 * on a copy of the game does; exam mode shows none. */
static void previews_tell_the_truth(void **state)
{
    (void)state;
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 1,
                          .mode = SCR_MODE_PRACTICE};
    char err[600];
    ScrModel *m = scr_model_open(&mo, err, sizeof err);
    assert_non_null(m);
    scr_model_choose(m, 0, 0);
    int me = m->wk.me;
    for (int k = 0; k < m->wk.nchoices; k++) {
        BsGame *g = malloc(sizeof *g);
        *g = m->g;
        int ch[BS_MAX_SEATS] = {m->wk.choice[k].avail, -1, -1, -1, -1};
        assert_true(bs_game_step(g, ch));
        double ds = g->v[me].mindshare - m->g.v[me].mindshare, dt = g->v[me].trust - m->g.v[me].trust;
        double dr = g->v[me].risk - m->g.v[me].risk;
        assert_int_equal(m->wk.choice[k].dir[0], ds > 0.002 ? 1 : ds < -0.002 ? -1 : 0);
        assert_int_equal(m->wk.choice[k].dir[1], dt > 0.5 ? 1 : dt < -0.5 ? -1 : 0);
        assert_int_equal(m->wk.choice[k].dir[2], dr > 0.5 ? 1 : dr < -0.5 ? -1 : 0);
        free(g);
    }
    scr_model_free(m);
    mo.mode = SCR_MODE_EXAM;
    m = scr_model_open(&mo, err, sizeof err);
    assert_non_null(m);
    for (int k = 0; k < m->wk.nchoices; k++)
        assert_true(m->wk.choice[k].dir[0] == 0 && m->wk.choice[k].dir[1] == 0 && m->wk.choice[k].dir[2] == 0);
    scr_model_free(m);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    BsTextFonts fonts;
    if (!bs_text_find_fonts(&fonts, why_skip, sizeof why_skip)) {
        printf("SKIP: no CJK font: %s\n", why_skip);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(previews_tell_the_truth),
        cmocka_unit_test(moves_animate),
        cmocka_unit_test(start_screen),
        cmocka_unit_test(every_size_language_and_mode),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    return rc;
}
