/*
 * Training sessions on the screen (issue 5), drawn off-screen by the
 * software renderer:
 *   - the flows, through the same functions keys and clicks call: role-play
 *     seats with the pass-the-seat screen between players, predict then
 *     reveal (privately, per player), the facilitator's events, the room
 *     vote, undo, a held key acting once, the players ranked, a past game
 *     replayed week by week;
 *   - the new screens at 1024x768, 1920x1080 and 3840x2160, in English and
 *     Chinese, practice and projector: every box inside its container, no
 *     two boxes overlapping, every drawn line inside its box and the screen;
 *   - the pass-the-seat screen draws nothing but its own words (no leak of
 *     the last player's move).
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
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "ui.h"
#include "drawn.h"
#include "../app/saved.h"

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

static double now_t;

static void frame(ScrApp *a)
{
    now_t += 1.0;
    scr_app_frame(a, 1000.0 + now_t);
}

static ScrApp *open_app(const Case *c, int players, bool predict, bool vote, const char *scenario)
{
    PlayArgs pa = {.players = players, .demo_seconds = 4.0, .projector = c->projector, .predict = predict,
                   .vote = vote};
    ScrAppOptions o = {.w = c->w, .h = c->h, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = scenario ? scenario : "erp-rollout", .lang = c->lang, .save = "",
                          .players = players, .mode = SCR_MODE_PRACTICE, .projector = c->projector,
                          .predict = predict, .vote = vote};
    test_open(a, &mo, "the game");
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    assert_non_null(a->draw.log);
    return a;
}

static void check_layout(const ScrLayout *L, const char *what)
{
    char msg[600];
    int bad = scr_layout_check(L, msg, sizeof msg);
    if (bad)
        fail_msg("%s: %d layout problem(s): %s", what, bad, msg);
}

/* Every line drawn lies inside the screen and inside its box of layout L
 * (lines of the panel carry the panel's box indices). */
static void check_drawn(const ScrApp *a, const ScrLayout *L, const char *what)
{
    SDL_Rect screen = {0, 0, a->out_w, a->out_h};
    assert_true(a->draw.nlog > 0);
    for (int i = 0; i < a->draw.nlog; i++) {
        const ScrDrawn *d = &a->draw.log[i];
        if (!scr_rect_inside(d->r, screen))
            fail_msg("%s: a line drawn at {%d,%d,%d,%d} is off the screen", what, d->r.x, d->r.y, d->r.w, d->r.h);
        if (L && d->box >= 0 && d->box < L->nbox && !scr_rect_inside(d->r, L->box[d->box].r)) {
            SDL_Rect b = L->box[d->box].r;
            fail_msg("%s: a line drawn at {%d,%d,%d,%d} leaves its box %d {%d,%d,%d,%d}", what, d->r.x, d->r.y,
                     d->r.w, d->r.h, d->box, b.x, b.y, b.w, b.h);
        }
    }
}

/* The panel is drawn over the game: lines of the game (drawn first) are
 * checked against the game's layout, the panel's against its own. */
static void check_panel_frame(ScrApp *a, const char *what)
{
    check_layout(a->lay, what);
    check_layout(a->ovl, what);
    if (a->ovl->overflow)
        fail_msg("%s: the panel's text did not fit", what);
    SDL_Rect screen = {0, 0, a->out_w, a->out_h};
    for (int i = 0; i < a->draw.nlog; i++)
        if (!scr_rect_inside(a->draw.log[i].r, screen))
            fail_msg("%s: a line off the screen", what);
    /* the panel's card lies in its area and holds text */
    int cards = 0, texts = 0;
    for (int i = 0; i < a->ovl->ncont; i++)
        cards += a->ovl->cont[i].kind == K_OVERLAY;
    for (int i = 0; i < a->ovl->nbox; i++)
        texts += a->ovl->box[i].kind == K_TEXT;
    assert_int_equal(cards, 1);
    assert_true(texts >= 3);
}

static int count_boxes(const ScrLayout *L, int kind)
{
    int n = 0;
    for (int i = 0; i < L->nbox; i++)
        n += L->box[i].kind == kind;
    return n;
}

static int count_conts(const ScrLayout *L, int kind)
{
    int n = 0;
    for (int i = 0; i < L->ncont; i++)
        n += L->cont[i].kind == kind;
    return n;
}

/* The pass-the-seat screen: every line drawn is one of its own texts. */
static void check_pass_screen(ScrApp *a, const char *what)
{
    assert_int_equal(a->screen, SCR_PASS);
    frame(a);
    check_layout(a->ovl, what);
    check_drawn(a, a->ovl, what);
    const ScrPanel *p = a->pn;
    for (int i = 0; i < a->draw.nlog; i++) {
        int b = a->draw.log[i].box;
        if (b < 0 || b >= a->ovl->nbox)
            fail_msg("%s: a line drawn on the pass screen outside its layout", what);
        const char *s = a->ovl->box[b].s;
        if (s != p->week && s != p->title && s != p->look && s != p->go[0] && s != p->go[1] && s != p->start)
            fail_msg("%s: the pass screen drew \"%.40s\"", what, s ? s : "(null)");
    }
    char n[8];
    snprintf(n, sizeof n, "%d", a->m->p->seat + 1);
    assert_non_null(strstr(p->title, n));
    assert_non_null(strstr(p->title, a->m->p->scn->vendors[a->m->p->g.seat[a->m->p->seat].vendor].name));
}

/*============================================================================
 * Flows
 *==========================================================================*/
static const Case small = {1280, 720, "en", false};

/* The seat looking sees its own vendor, and only that one, as "(you)";
 * every other player's vendor keeps its badge. */
static void check_you(ScrApp *a, const char *what)
{
    const ScrWeek *wk = &a->m->wk;
    const BsGame *g = &a->m->p->g;
    int me = g->seat[a->m->p->seat].vendor;
    const char *you = scr_str(a->m, "ui.you");
    assert_int_equal(wk->me, me);
    for (int v = 0; v < g->nv; v++) {
        bool has = strstr(wk->vname[v], you) != NULL;
        if (has != (v == me))
            fail_msg("%s: seat %d sees \"%s\"", what, a->m->p->seat + 1, wk->vname[v]);
        assert_int_equal(wk->badge[v][0] != '\0', g->seat_of[v] >= 0);
        /* the name as drawn (a long one may carry "(you)" on its own line) */
        assert_true(drawn_in(a, a->lay, wk->vname[v]) + (v == me ? drawn_in(a, a->lay, wk->me_short) : 0) > 0);
    }
}

/* The frame that shows a move's week writes nothing; the next one writes
 * its autosave; a window closed in between still writes it. */
static void move_saved_a_frame_later(void **state)
{
    (void)state;
    char save[256];
    snprintf(save, sizeof save, "/tmp/buyersim-deferred-%d.json", (int)getpid());
    remove(save);
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0};
    ScrAppOptions o = {.w = 1280, .h = 720, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = save, .players = 1,
                          .mode = SCR_MODE_PRACTICE};
    test_open(a, &mo, "the game");
    frame(a);
    for (int week = 1; week <= 2; week++) {
        scr_app_pick(a, 0);
        assert_int_equal(a->m->p->ss.nweeks, week);
        frame(a); /* the week's layout and texts: no write */
        assert_int_equal(saved_weeks(save), week - 1 ? week - 1 : -1);
        assert_true(scr_app_wants_frame(a));
        frame(a);
        assert_int_equal(saved_weeks(save), week);
    }
    scr_app_pick(a, 0);
    scr_app_destroy(a); /* closed before the next frame */
    assert_int_equal(saved_weeks(save), 3);
    remove(save);
    char bak[300];
    snprintf(bak, sizeof bak, "%s.bak", save);
    remove(bak);
}

/* Frames at `t` seconds until nothing moves (a move's animation over). */
static void settle(ScrApp *a, double *t)
{
    for (int i = 0; i < 50 && (i == 0 || scr_app_wants_frame(a)); i++) {
        *t += 0.5;
        scr_app_frame(a, *t);
    }
    assert_false(scr_app_wants_frame(a));
}

/* While the trainee reads, the weeks after each choice are laid out and
 * their lines rendered (ahead.c), and the week shown is drawn with the
 * pointer over each choice: the game, its layout and the picture stay as
 * they were; pointing at a choice, and the frame that plays a move, then
 * render and measure nothing new; and the move's frame draws what a game
 * without the look ahead draws. */
static void look_ahead_readies_the_next_week(void **state)
{
    (void)state;
    static const Case looks[] = {{1920, 1080, "en", false}, {1024, 768, "zh", true}, {390, 844, "zh", false}};
    for (size_t c = 0; c < sizeof looks / sizeof looks[0]; c++) {
        ScrApp *a = open_app(&looks[c], 1, false, false, NULL);
        ScrApp *b = open_app(&looks[c], 1, false, false, NULL); /* no look ahead */
        double ta = 0, tb = 0;
        ScrApp *both[2] = {a, b};
        double *ts[2] = {&ta, &tb};
        for (int i = 0; i < 2; i++) { /* a first week played: its animation's colours are rendered */
            settle(both[i], ts[i]);
            scr_app_pick(both[i], 0);
            settle(both[i], ts[i]);
        }
        uint64_t hash = bs_game_hash(&a->m->p->g);
        int weeks = a->m->p->ss.nweeks, nlog = a->draw.nlog;
        ScrLayout *before = malloc(sizeof *before);
        assert_non_null(before);
        memcpy(before, a->lay, sizeof *before);
        int pieces = 0;
        while (scr_app_ahead(a) && pieces < 1000)
            pieces++;
        if (pieces < 2 * a->m->wk.nchoices || pieces >= 1000)
            fail_msg("case %zu: %d pieces of work ahead for %d choices", c, pieces, a->m->wk.nchoices);
        assert_false(scr_app_ahead(a)); /* done until the position changes */
        assert_true(bs_game_hash(&a->m->p->g) == hash);
        assert_int_equal(a->m->p->ss.nweeks, weeks);
        assert_int_equal(a->draw.nlog, nlog); /* nothing drawn */
        assert_memory_equal(before, a->lay, sizeof *before);
        free(before);
        for (int k = 0; k < a->m->wk.nchoices; k++) { /* the pointer over each choice: its preview is ready */
            a->hover = k;
            scr_app_frame(a, ta);
            BsTextStats sh = bs_text_frame_stats(a->text);
            if (sh.misses || sh.layout_misses)
                fail_msg("case %zu: pointing at choice %d rendered %lu lines, wrapped %lu paragraphs", c, k + 1,
                         sh.misses, sh.layout_misses);
        }
        a->hover = -1;
        scr_app_frame(a, ta);
        int k = a->m->wk.nchoices - 1;
        for (int i = 0; i < 2; i++) {
            scr_app_pick(both[i], k);
            scr_app_frame(both[i], *ts[i] + 0.01);
        }
        BsTextStats st = bs_text_frame_stats(a->text);
        if (st.misses || st.layout_misses || st.measures)
            fail_msg("case %zu: the move's frame rendered %lu lines, wrapped %lu paragraphs, measured %lu", c,
                     st.misses, st.layout_misses, st.measures);
        BsTextStats sb = bs_text_frame_stats(b->text);
        if (!sb.misses) /* else the check above proves nothing */
            fail_msg("case %zu: without the look ahead the move's frame rendered nothing new", c);
        SDL_Surface *pa = a->surf, *pb = b->surf;
        assert_int_equal(pa->h * pa->pitch, pb->h * pb->pitch);
        if (memcmp(pa->pixels, pb->pixels, (size_t)pa->h * (size_t)pa->pitch))
            fail_msg("case %zu: the week after the move is drawn differently with the look ahead", c);
        scr_app_destroy(a);
        scr_app_destroy(b);
    }
}

static void role_play_passes_the_seat(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 3, false, false, NULL);
    /* the game opens on the pass screen for player 1, which tells the room
     * how the players start: equal, by default */
    check_pass_screen(a, "start");
    assert_int_equal(a->m->p->seat, 0);
    assert_false(a->m->p->ss.uneven);
    char want[512];
    const char *kvb[] = {"buyer", a->m->p->scn->buyer_name, NULL};
    app_fill(want, sizeof want, scr_str(a->m, "ui.equal_start"), kvb);
    assert_string_equal(a->pn->start, want);
    assert_true(drawn_in(a, a->ovl, a->pn->start) > 0);
    /* equal: every player's vendor at the same mindshare and trust */
    for (int se = 1; se < 3; se++) {
        const BsVendorState *p0 = &a->m->p->g.v[a->m->p->g.seat[0].vendor], *p = &a->m->p->g.v[a->m->p->g.seat[se].vendor];
        assert_true(fabs(p0->trust - p->trust) < 1e-9);
        assert_true(fabs(p0->q[BS_Q_IMPRESSION] - p->q[BS_Q_IMPRESSION]) < 1e-9);
    }
    scr_app_go_on(a);
    assert_int_equal(a->screen, SCR_GAME);
    frame(a);
    /* every player's vendor wears a badge on the table; "(you)" is player 1's own only */
    assert_int_equal(count_boxes(a->lay, K_SEAT), 3);
    for (int se = 0; se < 3; se++)
        assert_true(a->m->wk.badge[a->m->p->g.seat[se].vendor][0] != '\0');
    check_you(a, "player 1, week 1");
    scr_app_pick(a, 0);
    /* player 1 chose: a pass screen for player 2; nothing resolved yet;
     * the start was announced once */
    assert_int_equal(a->m->p->seat, 1);
    assert_int_equal(a->m->p->ss.nweeks, 0);
    check_pass_screen(a, "to player 2");
    assert_string_equal(a->pn->start, "");
    scr_app_pick(a, 0); /* keys on the pass screen do not choose */
    assert_int_equal(a->m->p->seat, 1);
    scr_app_go_on(a);
    frame(a);
    assert_int_equal(a->m->wk.me, a->m->p->g.seat[1].vendor);
    check_you(a, "player 2, week 1");
    scr_app_pick(a, 1);
    check_pass_screen(a, "to player 3");
    scr_app_go_on(a);
    frame(a);
    check_you(a, "player 3, week 1");
    scr_app_pick(a, 0);
    /* the last player chose: the week resolved, back to player 1 */
    assert_int_equal(a->m->p->ss.nweeks, 1);
    assert_int_equal(a->m->p->seat, 0);
    check_pass_screen(a, "week 2, player 1");
    assert_string_equal(a->pn->start, "");
    scr_app_go_on(a);
    frame(a);
    check_you(a, "player 1, week 2");
    /* each player's result card is their own move's */
    assert_int_equal(a->m->wk.neff_rows, 2);
    const BsMove *mv = &a->m->p->g.last.move[a->m->p->g.seat[0].vendor];
    assert_true(fabs(a->m->wk.eff_val[0][0] - 100.0 * mv->own_mindshare) < 1e-9);
    scr_app_destroy(a);

    /* a handicap: the players keep their companies' own starts, and the
     * first pass screen says so, with each player's standing */
    PlayArgs pa = {.players = 2, .demo_seconds = 4.0};
    ScrAppOptions o = {.w = small.w, .h = small.h, .offscreen = true, .args = pa};
    a = test_app(&o);
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 2,
                          .mode = SCR_MODE_PRACTICE, .uneven = true};
    test_open(a, &mo, "the game");
    assert_true(a->m->p->ss.uneven);
    check_pass_screen(a, "handicap");
    assert_non_null(strstr(a->pn->start, scr_str(a->m, "ui.handicap")));
    for (int se = 0; se < 2; se++)
        assert_non_null(strstr(a->pn->start, a->m->p->scn->vendors[a->m->p->g.seat[se].vendor].name));
    assert_true(drawn_in(a, a->ovl, a->pn->start) >= 3);
    scr_app_destroy(a);
}

static void predict_then_reveal(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 1, true, false, NULL);
    frame(a);
    /* no previews while predicting: guessing is the exercise */
    assert_int_equal(count_conts(a->lay, K_PREVIEW), 0);
    for (int k = 0; k < a->m->wk.nchoices; k++)
        assert_true(!a->m->wk.choice[k].dir[0] && !a->m->wk.choice[k].dir[1] && !a->m->wk.choice[k].dir[2]);
    scr_app_pick(a, 0);
    assert_int_equal(a->modal, SCR_MODAL_PREDICT);
    assert_int_equal(a->m->p->ss.nweeks, 0);
    frame(a);
    check_panel_frame(a, "predict");
    assert_int_equal(count_conts(a->ovl, K_BUTTON), 9);
    /* not all three set: confirming does nothing */
    scr_app_predict_set(a, 0, BS_PREDICT_UP);
    assert_false(scr_app_predict_confirm(a));
    assert_int_equal(a->pred_row, 1);
    scr_app_predict_set(a, 1, BS_PREDICT_SAME);
    scr_app_predict_set(a, 2, BS_PREDICT_DOWN);
    assert_true(scr_app_predict_confirm(a));
    assert_int_equal(a->m->p->ss.nweeks, 1);
    assert_int_equal(a->m->p->ss.predict[0][0][0], BS_PREDICT_UP);
    assert_int_equal(a->m->p->ss.predict[0][0][1], BS_PREDICT_SAME);
    assert_int_equal(a->m->p->ss.predict[0][0][2], BS_PREDICT_DOWN);
    /* the reveal: each prediction against what happened */
    assert_int_equal(a->modal, SCR_MODAL_REVEAL);
    frame(a);
    check_panel_frame(a, "reveal");
    const BsMove *mv = &a->m->p->g.last.move[a->m->p->g.seat[0].vendor];
    int right = 0;
    assert_true(mv->has_own);
    for (int k = 0; k < 3; k++) {
        assert_true(a->pn->r_has[k]);
        bool r = a->m->p->ss.predict[0][0][k] == bs_predict_actual(&a->m->p->g.scn->model, mv, k);
        assert_int_equal(a->pn->r_right[k], r);
        right += r;
        /* the number beside it: what the move itself did */
        char num[32];
        scr_fmt_signed(num, sizeof num, k == 0 ? 100.0 * mv->own_mindshare : k == 1 ? mv->own_trust : mv->own_risk,
                       k == 0 ? 1 : 0);
        assert_non_null(strstr(a->pn->r_text[k], num));
    }
    int marks = 0;
    for (int i = 0; i < a->ovl->nbox; i++)
        if (a->ovl->box[i].kind == K_MARK)
            marks += a->ovl->box[i].tag;
    assert_int_equal(marks, right);
    char n[16];
    snprintf(n, sizeof n, "%d", right);
    assert_non_null(strstr(a->pn->r_title, n));
    scr_app_go_on(a);
    assert_int_equal(a->modal, SCR_MODAL_NONE);
    /* Esc on the prediction panel: choose again, nothing recorded */
    scr_app_pick(a, 1);
    assert_int_equal(a->modal, SCR_MODAL_PREDICT);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_ESCAPE;
    scr_app_event(a, &e);
    assert_int_equal(a->modal, SCR_MODAL_NONE);
    assert_int_equal(a->m->p->ss.nweeks, 1);
    /* keys: 1-3 per row, then Enter */
    scr_app_pick(a, 1);
    SDL_Keycode keys[] = {SDLK_3, SDLK_2, SDLK_1, SDLK_RETURN};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        e.key.keysym.sym = keys[i];
        scr_app_event(a, &e);
    }
    assert_int_equal(a->m->p->ss.nweeks, 2);
    assert_int_equal(a->m->p->ss.predict[1][0][0], BS_PREDICT_DOWN);
    assert_int_equal(a->m->p->ss.predict[1][0][1], BS_PREDICT_SAME);
    assert_int_equal(a->m->p->ss.predict[1][0][2], BS_PREDICT_UP);
    assert_int_equal(a->modal, SCR_MODAL_REVEAL);
    scr_app_go_on(a);
    /* to the end: the debrief says how well the player read the buyer */
    for (int i = 0; i < 60 && !bs_game_over(&a->m->p->g); i++) {
        int k = a->m->wk.nchoices ? scr_model_policy_choice(a->m, "buyer_centric", 1) : -1;
        scr_app_pick(a, k);
        if (a->modal == SCR_MODAL_PREDICT) {
            for (int r = 0; r < 3; r++)
                scr_app_predict_set(a, r, BS_PREDICT_UP);
            assert_true(scr_app_predict_confirm(a));
        }
        if (a->modal == SCR_MODAL_REVEAL)
            scr_app_go_on(a);
    }
    assert_true(bs_game_over(&a->m->p->g));
    a->screen = SCR_DEBRIEF;
    scr_app_debrief_seat(a, 0);
    frame(a);
    check_layout(a->lay, "debrief with predictions");
    /* against always guessing the most common answer */
    BsPredictScore ps;
    BsErrors errs;
    bs_errors_init(&errs, "");
    assert_true(bs_session_predict_score(&a->m->p->ss, a->m->p->scn, 0, &ps, &errs));
    bs_errors_free(&errs);
    assert_true(ps.made >= 6);
    char want[512];
    app_predict_text(a->m->p->str, &ps, want, sizeof want);
    assert_string_equal(a->dt->predictions, want);
    char base[32];
    snprintf(base, sizeof base, "%d", ps.baseline);
    assert_non_null(strstr(a->dt->predictions, base));
    assert_true(drawn_in(a, a->lay, a->dt->predictions) > 0);
    scr_app_destroy(a);
}

/* Role-play and predictions: each player predicts privately before passing
 * on, and sees their own reveal when their turn comes back. */
static void predictions_stay_private(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 2, true, false, NULL);
    scr_app_go_on(a); /* player 1 */
    scr_app_pick(a, 0);
    assert_int_equal(a->modal, SCR_MODAL_PREDICT);
    scr_app_predict_set(a, 0, BS_PREDICT_UP);
    scr_app_predict_set(a, 1, BS_PREDICT_UP);
    scr_app_predict_set(a, 2, BS_PREDICT_UP);
    assert_true(scr_app_predict_confirm(a));
    assert_int_equal(a->screen, SCR_PASS); /* to player 2: no reveal, no panel */
    assert_int_equal(a->modal, SCR_MODAL_NONE);
    scr_app_go_on(a);
    assert_int_equal(a->modal, SCR_MODAL_NONE); /* player 2 has nothing to see yet */
    scr_app_pick(a, 0);
    scr_app_predict_set(a, 0, BS_PREDICT_DOWN);
    scr_app_predict_set(a, 1, BS_PREDICT_DOWN);
    scr_app_predict_set(a, 2, BS_PREDICT_DOWN);
    assert_true(scr_app_predict_confirm(a));
    assert_int_equal(a->m->p->ss.nweeks, 1);
    assert_int_equal(a->screen, SCR_PASS); /* the week resolved: pass to player 1 */
    assert_int_equal(a->modal, SCR_MODAL_NONE);
    scr_app_go_on(a);
    assert_int_equal(a->modal, SCR_MODAL_REVEAL); /* player 1 sees theirs */
    assert_int_equal(a->m->p->seat, 0);
    assert_true(strstr(a->pn->r_text[0], "up") != NULL);
    scr_app_go_on(a);
    scr_app_pick(a, 0);
    scr_app_predict_set(a, 0, BS_PREDICT_SAME);
    scr_app_predict_set(a, 1, BS_PREDICT_SAME);
    scr_app_predict_set(a, 2, BS_PREDICT_SAME);
    assert_true(scr_app_predict_confirm(a));
    assert_int_equal(a->screen, SCR_PASS);
    scr_app_go_on(a);
    assert_int_equal(a->modal, SCR_MODAL_REVEAL); /* player 2 sees theirs, of last week */
    assert_int_equal(a->m->p->seat, 1);
    assert_true(strstr(a->pn->r_text[0], "down") != NULL);
    scr_app_destroy(a);
}

static void facilitator_events_and_vote(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 2, false, true, NULL);
    scr_app_go_on(a);
    frame(a);
    /* the room vote: the prompt speaks to the room */
    assert_string_equal(a->m->wk.choose_label, scr_str(a->m, "screen.vote_prompt"));
    assert_string_equal(a->m->wk.mode, scr_str(a->m, "screen.mode_vote"));
    /* the events the facilitator can bring in: the scenario's and three generic ones */
    int injectable = 0;
    for (int e = 0; e < a->m->p->scn->nevents; e++)
        injectable += a->m->p->scn->events[e].injectable;
    scr_app_open_inject(a);
    assert_int_equal(a->modal, SCR_MODAL_INJECT);
    assert_int_equal(a->pn->i_n, injectable);
    assert_true(injectable >= BS_GENERIC_EVENTS);
    frame(a);
    check_panel_frame(a, "inject");
    /* the last one (a generic one): it happens now and the session keeps it */
    int i = a->pn->i_n - 1, ev = a->pn->i_event[i];
    assert_true(scr_app_inject_item(a, i));
    assert_int_equal(a->m->p->ss.ninject, 1);
    assert_int_equal(a->m->p->ss.inject[0].event, ev);
    assert_int_equal(a->m->p->ss.inject[0].week, 1);
    assert_true(a->m->wk.news[0] != '\0');
    /* once player 1 has chosen, events wait for the next week */
    scr_app_pick(a, 0);
    scr_app_go_on(a);
    assert_int_equal(a->m->p->seat, 1);
    scr_app_open_inject(a);
    assert_int_equal(a->modal, SCR_MODAL_NONE);
    assert_int_equal(a->m->p->ss.ninject, 1);
    /* undo inside the week: back to player 1's pass screen */
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_u;
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->seat, 0);
    assert_int_equal(a->screen, SCR_PASS);
    scr_app_destroy(a);
}

/* A held key acts once (auto-repeat): only moving through a list repeats. */
static void held_key_acts_once(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 1, false, false, NULL);
    assert_int_equal(a->screen, SCR_GAME);
    frame(a);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_1;
    e.key.repeat = 1; /* "1" held down from before: no move */
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->ss.nweeks, 0);
    e.key.repeat = 0;
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->ss.nweeks, 1);
    for (int i = 0; i < 5; i++) { /* still held: no second week */
        e.key.repeat = 1;
        frame(a);
        scr_app_event(a, &e);
    }
    assert_int_equal(a->m->p->ss.nweeks, 1);
    e.key.keysym.sym = SDLK_u; /* "u" held: nothing undone */
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->ss.nweeks, 1);
    e.key.keysym.sym = SDLK_DOWN; /* the selection moves while held */
    int sel = a->sel;
    scr_app_event(a, &e);
    assert_int_not_equal(a->sel, sel);
    e.key.repeat = 0;
    e.key.keysym.sym = SDLK_u;
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->ss.nweeks, 0);
    scr_app_destroy(a);
}

static void players_ranked(void **state)
{
    (void)state;
    ScrApp *a = open_app(&small, 3, false, false, NULL);
    for (int i = 0; i < 200 && !bs_game_over(&a->m->p->g); i++) {
        scr_app_go_on(a);
        int se = a->m->p->seat;
        /* one player plays buyer-first, one pitches, one waits where it can */
        int k = a->m->wk.nchoices ? (se == 0 ? scr_model_policy_choice(a->m, "buyer_centric", 3) : se == 1 ? 1 : 0)
                                  : -1;
        scr_app_pick(a, k);
    }
    assert_true(bs_game_over(&a->m->p->g));
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_d;
    scr_app_event(a, &e);
    assert_int_equal(a->screen, SCR_DEBRIEF);
    assert_int_equal(a->deb_seat, -1); /* the players compared first */
    frame(a);
    check_layout(a->lay, "ranking");
    assert_int_equal(a->dt->nrank, 3);
    assert_int_equal(count_conts(a->lay, K_LIST_ITEM), 3);
    for (int i = 1; i < 3; i++) {
        const BsDebrief *p = &a->m->p->deb[a->dt->rank[i - 1].seat], *q = &a->m->p->deb[a->dt->rank[i].seat];
        bool wp = p->outcome == BS_OUT_DECIDED && p->winner == p->vendor;
        bool wq = q->outcome == BS_OUT_DECIDED && q->winner == q->vendor;
        assert_true(wp > wq || (wp == wq && p->score >= q->score));
    }
    /* the clicker walks through every player's own debrief */
    e.key.keysym.sym = SDLK_PAGEDOWN;
    scr_app_event(a, &e);
    assert_int_equal(a->deb_seat, 0);
    frame(a);
    check_layout(a->lay, "player 1's debrief");
    assert_int_equal(a->m->deb.vendor, a->m->p->g.seat[0].vendor);
    e.key.keysym.sym = SDLK_3;
    scr_app_event(a, &e);
    assert_int_equal(a->deb_seat, 2);
    frame(a);
    assert_int_equal(a->m->deb.vendor, a->m->p->g.seat[2].vendor);
    assert_non_null(strstr(a->dt->who, "3"));
    e.key.keysym.sym = SDLK_TAB;
    scr_app_event(a, &e);
    assert_int_equal(a->deb_seat, -1);
    scr_app_destroy(a);
}

static void past_game_replayed(void **state)
{
    (void)state;
    /* a game with an event brought in, saved as a session */
    ScrApp *a = open_app(&small, 1, true, false, NULL);
    scr_app_open_inject(a);
    assert_true(scr_app_inject_item(a, 0));
    for (int i = 0; i < 60 && !bs_game_over(&a->m->p->g); i++) {
        int k = a->m->wk.nchoices ? scr_model_policy_choice(a->m, "buyer_centric", 5) : -1;
        scr_app_pick(a, k);
        if (a->modal == SCR_MODAL_PREDICT) {
            scr_app_predict_set(a, 0, BS_PREDICT_UP);
            scr_app_predict_set(a, 1, BS_PREDICT_UP);
            scr_app_predict_set(a, 2, BS_PREDICT_DOWN);
            scr_app_predict_confirm(a);
        }
        if (a->modal == SCR_MODAL_REVEAL)
            scr_app_go_on(a);
    }
    assert_true(bs_game_over(&a->m->p->g));
    char path[128];
    snprintf(path, sizeof path, "/tmp/buyersim-sessions-%d.json", (int)getpid());
    BsErrors se;
    bs_errors_init(&se, path);
    assert_true(scr_model_save(a->m, path, &se));
    assert_int_equal(se.count, 0);
    bs_errors_free(&se);
    BsSession played = a->m->p->ss;
    scr_app_destroy(a);

    a = open_app(&small, 1, false, false, NULL);
    bs_errors_init(&se, path);
    assert_true(scr_app_open_replay(a, path, &se));
    bs_errors_free(&se);
    assert_true(a->m->p->replay);
    assert_int_equal(a->m->p->view_week, 0);
    assert_string_equal(a->m->wk.mode, scr_str(a->m, "screen.mode_replay"));
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    for (int w = 0; w <= played.nweeks; w++) {
        frame(a);
        check_layout(a->lay, "replay");
        /* the state is the game's after w weeks (and the events of week w+1) */
        BsGame g;
        BsErrors errs;
        bs_errors_init(&errs, "");
        assert_true(bs_session_replay(&played, a->m->p->scn, &g, w, &errs));
        bs_errors_free(&errs);
        if (w < played.nweeks)
            for (int i = 0; i < played.ninject; i++)
                if (played.inject[i].week == w + 1)
                    assert_true(bs_game_inject(&g, played.inject[i].event));
        assert_true(bs_game_hash(&g) == bs_game_hash(&a->m->p->g));
        if (w < played.nweeks) {
            int k = a->sel;
            assert_true(k >= 0);
            assert_int_equal(a->m->wk.choice[k].avail, played.moves[w][0]);
        }
        /* read-only: numbers, undo and save change nothing */
        SDL_Keycode ro[] = {SDLK_1, SDLK_u, SDLK_s, SDLK_i};
        for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++) {
            e.key.keysym.sym = ro[i];
            scr_app_event(a, &e);
        }
        assert_int_equal(a->m->p->ss.nweeks, played.nweeks);
        assert_int_equal(a->m->p->view_week, w);
        assert_int_equal(a->modal, SCR_MODAL_NONE);
        e.key.keysym.sym = SDLK_PAGEDOWN;
        scr_app_event(a, &e);
    }
    /* past the end: its debrief, then back */
    assert_int_equal(a->screen, SCR_DEBRIEF);
    frame(a);
    check_layout(a->lay, "replay debrief");
    assert_true(a->dt->predictions[0] != '\0');
    e.key.keysym.sym = SDLK_PAGEUP;
    scr_app_event(a, &e);
    assert_int_equal(a->screen, SCR_GAME);
    e.key.keysym.sym = SDLK_PAGEUP;
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->view_week, played.nweeks - 1);
    /* Home: the start screen */
    e.key.keysym.sym = SDLK_HOME;
    scr_app_event(a, &e);
    assert_int_equal(a->screen, SCR_START);
    assert_null(a->m);
    frame(a);
    scr_app_destroy(a);
    remove(path);
    char bak[160], log[160];
    snprintf(bak, sizeof bak, "%s.bak", path);
    remove(bak);
    snprintf(log, sizeof log, "/tmp/buyersim-sessions-%d.log.jsonl", (int)getpid());
    remove(log);
}

/*============================================================================
 * Every new screen at every size, in both languages
 *==========================================================================*/
static void run_case(const Case *c)
{
    char what[200];
#define WHAT(s) snprintf(what, sizeof what, "%dx%d %s%s %s", c->w, c->h, c->lang, c->projector ? " projector" : "", s)
    /* role-play with predictions, on the soe-tender case (its own events) */
    ScrApp *a = open_app(c, 2, true, false, "soe-tender");
    WHAT("pass screen");
    check_pass_screen(a, what);
    scr_app_go_on(a);
    frame(a);
    WHAT("role-play week");
    check_layout(a->lay, what);
    check_drawn(a, a->lay, what);
    assert_int_equal(count_boxes(a->lay, K_SEAT), 2);
    /* the inject list */
    scr_app_open_inject(a);
    frame(a);
    WHAT("inject");
    check_panel_frame(a, what);
    assert_int_equal(count_conts(a->ovl, K_LIST_ITEM), a->pn->i_n);
    scr_app_inject_item(a, 0);
    /* the prediction panel, in place of the choices */
    scr_app_pick(a, a->m->wk.nchoices - 1);
    frame(a);
    WHAT("predict");
    check_panel_frame(a, what);
    assert_int_equal(count_conts(a->ovl, K_BUTTON), 9);
    scr_app_predict_set(a, 0, BS_PREDICT_UP);
    scr_app_predict_set(a, 1, BS_PREDICT_DOWN);
    frame(a);
    check_panel_frame(a, what);
    scr_app_predict_set(a, 2, BS_PREDICT_SAME);
    assert_true(scr_app_predict_confirm(a));
    WHAT("pass screen 2");
    check_pass_screen(a, what);
    scr_app_go_on(a);
    scr_app_pick(a, 0);
    scr_app_predict_set(a, 0, BS_PREDICT_UP);
    scr_app_predict_set(a, 1, BS_PREDICT_UP);
    scr_app_predict_set(a, 2, BS_PREDICT_UP);
    assert_true(scr_app_predict_confirm(a));
    scr_app_go_on(a);
    assert_int_equal(a->modal, SCR_MODAL_REVEAL);
    frame(a);
    WHAT("reveal");
    check_panel_frame(a, what);
    assert_int_equal(count_boxes(a->ovl, K_MARK), 3);
    scr_app_go_on(a);
    /* to the end, then the players compared and a player's own debrief */
    for (int i = 0; i < 200 && !bs_game_over(&a->m->p->g); i++) {
        if (a->screen == SCR_PASS || a->modal == SCR_MODAL_REVEAL)
            scr_app_go_on(a);
        if (a->screen == SCR_PASS || a->modal == SCR_MODAL_REVEAL)
            scr_app_go_on(a);
        int k = a->m->wk.nchoices ? scr_model_policy_choice(a->m, "buyer_centric", 2) : -1;
        scr_app_pick(a, k);
        if (a->modal == SCR_MODAL_PREDICT) {
            for (int r = 0; r < 3; r++)
                scr_app_predict_set(a, r, BS_PREDICT_SAME);
            scr_app_predict_confirm(a);
        }
    }
    assert_true(bs_game_over(&a->m->p->g));
    a->modal = SCR_MODAL_NONE;
    a->screen = SCR_DEBRIEF;
    scr_app_debrief_seat(a, -1);
    frame(a);
    WHAT("ranking");
    check_layout(a->lay, what);
    check_drawn(a, a->lay, what);
    assert_int_equal(count_conts(a->lay, K_LIST_ITEM), 2);
    scr_app_debrief_seat(a, 1);
    frame(a);
    WHAT("player 2's debrief");
    check_layout(a->lay, what);
    check_drawn(a, a->lay, what);
    scr_app_destroy(a);

    /* the room vote, on a projector above all */
    a = open_app(c, 1, false, true, NULL);
    scr_model_choose(a->m, 0, 0);
    a->lay_dirty = true;
    frame(a);
    WHAT("vote");
    check_layout(a->lay, what);
    check_drawn(a, a->lay, what);
    bool label = false, pill = false;
    for (int i = 0; i < a->lay->nbox; i++) {
        label |= a->lay->box[i].s == a->m->wk.choose_label;
        pill |= a->lay->box[i].s == a->m->wk.mode;
    }
    assert_true(label == !c->projector); /* a projector says it in the top bar */
    assert_true(pill);
    assert_string_equal(a->m->wk.mode, scr_str(a->m, "screen.mode_vote"));
    int clip_vote = a->lay->clip_lines_left;
    scr_app_destroy(a);
    if (c->projector) { /* on a projector the vote costs the buyer's words nothing */
        a = open_app(c, 1, false, false, NULL);
        scr_model_choose(a->m, 0, 0);
        a->lay_dirty = true;
        frame(a);
        assert_int_equal(clip_vote, a->lay->clip_lines_left);
        scr_app_destroy(a);
    }
#undef WHAT
}

static void every_size_and_language(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_case(&cases[i]);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    /* a user folder of its own: the start screen reads the history there */
    char home[] = "/tmp/buyersim-sessions-XXXXXX";
    if (mkdtemp(home))
        setenv("XDG_DATA_HOME", home, 1);
    char why[1024];
    BsTextFonts fonts;
    BsErrors fe;
    bs_errors_init(&fe, "");
    bool have_fonts = bs_text_find_fonts(&fonts, &fe);
    app_error_line(&fe, 0, why, sizeof why);
    bs_errors_free(&fe);
    if (!have_fonts) {
        printf("SKIP: no CJK font: %s\n", why);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(move_saved_a_frame_later),
        cmocka_unit_test(look_ahead_readies_the_next_week),
        cmocka_unit_test(role_play_passes_the_seat),
        cmocka_unit_test(predict_then_reveal),
        cmocka_unit_test(predictions_stay_private),
        cmocka_unit_test(facilitator_events_and_vote),
        cmocka_unit_test(held_key_acts_once),
        cmocka_unit_test(players_ranked),
        cmocka_unit_test(past_game_replayed),
        cmocka_unit_test(every_size_and_language),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    char sub[128];
    snprintf(sub, sizeof sub, "%s/buyersim", home);
    rmdir(sub);
    rmdir(home);
    return rc;
}
