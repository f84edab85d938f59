/*
 * The start screen with any history (issue 14), drawn off-screen:
 *   - histories of 0, 1, 10, 1,000 and 10,000 past games of every bundled
 *     case, with and without an unfinished game (an autosave) of every case
 *     in both languages, in English and Chinese, at sizes from 1024x768 to
 *     3840x2160 and on phones (360x640 to 412x915, and 780x1688), in
 *     practice and projector mode: nothing outside its panel
 *     (scr_layout_check), every line drawn inside its box, the "continue"
 *     button there when there is an unfinished game, at least one past game
 *     shown, the counts right;
 *   - the past games scroll with the keys, the mouse wheel and a finger,
 *     and show the right games after scrolling;
 *   - a damaged history (a torn line, a line that is not JSON, a game whose
 *     session file is gone) shows the good games, with one warning.
 * The data folder is the test's own (made here, under /tmp), whatever
 * HOME and XDG_DATA_HOME were. Skips (77) when no CJK font is installed.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "ui.h"
#include "drawn.h"

/* start.c's input, as window.c calls it */
void scr_start_key(ScrApp *a, SDL_Keycode k);

static char dir[256];             /* XDG_DATA_HOME of this test */
static char user[300];            /* dir/buyersim */
static char session[400];         /* the one archived session every game points at */

static const char *const ids[] = {"erp-rollout", "hospital-imaging", "soe-tender"};
#define NIDS 3

/* n past games of every case, newest last, as the game writes them; the
 * score of game i is i % 100, and game 3 (when there are more than 3) is
 * a two-player role-play (two records of one session). */
static void write_history(int n)
{
    char path[400];
    snprintf(path, sizeof path, "%s/history.jsonl", user);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < n; i++)
        for (int c = 0; c < NIDS; c++) {
            int players = i == 3 ? 2 : 1;
            for (int seat = 1; seat <= players; seat++)
                fprintf(f,
                        "{\"scenario\":\"%s\",\"lang\":\"en\",\"title\":\"t\",\"date\":\"2026-11-%02dT10:%02d:00Z\","
                        "\"seed\":%d,\"players\":%d,\"seat\":%d,\"vendor\":\"Northwind\",\"outcome\":\"%s\","
                        "\"won\":%s,\"score\":%d,\"weeks\":12,\"lessons\":[1],\"predictions\":0,"
                        "\"predictions_right\":0,\"session\":\"%s\"}\n",
                        ids[c], 1 + i % 28, i % 60, i + 1, players, seat, i % 2 ? "won" : "lost",
                        i % 2 ? "true" : "false", i % 100 - (seat == 2), session);
        }
    assert_int_equal(fclose(f), 0);
}

/* An unfinished game (one week played) of every case in both languages. */
static void write_autosaves(bool on)
{
    static const char *const langs[] = {"en", "zh"};
    for (int c = 0; c < NIDS; c++)
        for (int l = 0; l < 2; l++) {
            char path[500], scn[600];
            snprintf(path, sizeof path, "%s/autosave-%s-%s.json", user, ids[c], langs[l]);
            if (!on) {
                unlink(path);
                continue;
            }
            snprintf(scn, sizeof scn, "%s/scenarios/%s/%s.json", BS_SOURCE_DIR, langs[l], ids[c]);
            BsErrors e;
            bs_errors_init(&e, scn);
            BsScenario *s = bs_scenario_load(scn, &e);
            assert_non_null(s);
            BsGameOptions o = {.nseats = 1, .seed = 7};
            static BsGame g;
            static BsSession ss;
            assert_true(bs_game_init(&g, s, &o, &e));
            bs_session_new(&ss, s, &o);
            int avail[BS_MAX_CHOICES];
            int n = bs_game_choices(&g, 0, avail);
            int ch[BS_MAX_SEATS] = {n ? avail[0] : -1, -1, -1, -1, -1};
            assert_true(bs_session_play(&ss, &g, ch));
            assert_true(bs_session_save(&ss, s, path, &e));
            bs_errors_free(&e);
            bs_scenario_free(s);
        }
}

static void frame(ScrApp *a) { scr_app_frame(a, 1000.0 + a->frames); }

static ScrApp *open_start(int w, int h, const char *lang, bool projector)
{
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = projector, .lang = lang};
    ScrAppOptions o = {.w = w, .h = h, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    a->draw.log_cap = SCR_MAX_DRAWN;
    a->draw.log = calloc(SCR_MAX_DRAWN, sizeof *a->draw.log);
    assert_non_null(a->draw.log);
    scr_app_show_start(a);
    frame(a);
    return a;
}

static void close_start(ScrApp *a)
{
    free(a->draw.log);
    a->draw.log = NULL;
    scr_app_destroy(a);
}

static void check(const ScrApp *a, const char *what)
{
    char msg[600];
    int bad = scr_layout_check(a->lay, msg, sizeof msg);
    if (bad)
        fail_msg("%s: %d layout problem(s): %s", what, bad, msg);
    const ScrLayout *L = a->lay;
    SDL_Rect screen = {0, 0, a->out_w, a->out_h};
    if (a->draw.nlog <= 0)
        fail_msg("%s: nothing drawn", what);
    for (int i = 0; i < a->draw.nlog; i++) {
        const ScrDrawn *d = &a->draw.log[i];
        if (!scr_rect_inside(d->r, screen) ||
            (d->box >= 0 && d->box < L->nbox && !scr_rect_inside(d->r, L->box[d->box].r)))
            fail_msg("%s: a line drawn at {%d,%d,%d,%d} leaves its box or the screen", what, d->r.x, d->r.y, d->r.w,
                     d->r.h);
    }
    /* every container inside the screen, every past game inside its panel */
    for (int i = 0; i < L->ncont; i++)
        if (!scr_rect_inside(L->cont[i].r, screen))
            fail_msg("%s: container %d is off the screen", what, i);
    if (a->start.past_bar.w > 0) {
        SDL_Rect panel = {0, 0, 0, 0};
        for (int i = 0; i < L->ncont; i++) /* the right panel's (a phone's: its one column) */
            if (L->cont[i].kind == (L->portrait ? K_PANEL_LEFT : K_PANEL_RIGHT))
                panel = L->cont[i].r;
        if (!scr_rect_inside(a->start.past_bar, panel))
            fail_msg("%s: the scroll bar leaves its panel", what);
    }
}

/* The container with this tag (start.c: T_RESUME 300, T_PAST 500 + i). */
static int cont_tagged(const ScrLayout *L, int kind, int tag)
{
    for (int i = 0; i < L->ncont; i++)
        if (L->cont[i].kind == kind && L->cont[i].tag == tag)
            return i;
    return -1;
}

/* Games listed for n past games of a case: game 3's two records are one. */
static int games_for(int n) { return n; }

static void every_history_size_and_language(void **state)
{
    (void)state;
    static const struct { int w, h; } sizes[] = {{1024, 768}, {1280, 800}, {1920, 1080}, {2560, 1440}, {3840, 2160},
                                                 /* phones (one column), and a phone's drawable at 2x */
                                                 {360, 640}, {390, 844}, {412, 915}, {780, 1688}};
    static const int hist[] = {0, 1, 10, 1000, 10000};
    static const char *const langs[] = {"en", "zh"};
    int layouts = 0;
    for (size_t hi = 0; hi < sizeof hist / sizeof hist[0]; hi++) {
        write_history(hist[hi]);
        for (int saved = 0; saved < 2; saved++) {
            write_autosaves(saved);
            for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++)
                for (int li = 0; li < 2; li++)
                    for (int proj = 0; proj < 2; proj++) {
                        ScrApp *a = open_start(sizes[si].w, sizes[si].h, langs[li], proj);
                        assert_int_equal(a->start.n, NIDS);
                        for (int c = 0; c < a->start.n; c++) {
                            if (c > 0) { /* the next case, as the keys choose it */
                                scr_start_key(a, SDLK_DOWN);
                                frame(a);
                            }
                            char what[160];
                            snprintf(what, sizeof what, "start %dx%d %s%s, %d past games%s, case %s", sizes[si].w,
                                     sizes[si].h, langs[li], proj ? " projector" : "", hist[hi],
                                     saved ? " and an unfinished game" : "", a->start.items[c].id);
                            assert_int_equal(a->start.sel, c);
                            check(a, what);
                            layouts++;
                            if (a->lay->portrait && c == 0) /* each mode's words, on a phone: taps */
                                for (int mode = 0; mode < 3; mode++) {
                                    ScrMode was = a->start.mode;
                                    a->start.mode = (ScrMode)mode;
                                    a->lay_dirty = true;
                                    frame(a);
                                    test_keyless(a->lay, what, mode == 0 ? "practice" : mode == 1 ? "exam" : "demo");
                                    a->start.mode = was;
                                    a->lay_dirty = true;
                                    frame(a);
                                }
                            if (a->start.npast != games_for(hist[hi]))
                                fail_msg("%s: %d games listed, expected %d", what, a->start.npast, games_for(hist[hi]));
                            if (hist[hi] > 0 && (a->start.npast_shown < 1 || !a->start.history_info[0]))
                                fail_msg("%s: no past game shown (%d), or no counts", what, a->start.npast_shown);
                            if (a->start.npast_shown > a->start.npast)
                                fail_msg("%s: more games shown than there are", what);
                            /* the list scrolls exactly when not all are shown */
                            bool bar = a->start.past_bar.w > 0;
                            if (bar != (a->start.npast_shown < a->start.npast))
                                fail_msg("%s: a scroll bar %s, %d of %d games shown", what, bar ? "shown" : "missing",
                                         a->start.npast_shown, a->start.npast);
                            int resume = cont_tagged(a->lay, K_BUTTON, 300);
                            if (saved != (resume >= 0 && a->start.has_autosave))
                                fail_msg("%s: the continue button is %s", what, saved ? "missing" : "there");
                            if (resume >= 0 && drawn_in(a, a->lay, a->start.autosave_info) < 1)
                                fail_msg("%s: the continue button's text is not drawn", what);
                            for (int i = 0; i < a->start.npast_shown; i++)
                                if (drawn_in(a, a->lay, a->start.past[i].label) < 1)
                                    fail_msg("%s: past game %d is not drawn", what, i);
                        }
                        close_start(a);
                    }
        }
    }
    printf("start screen: %d layouts checked\n", layouts);
}

/* A label shows this score (en: "score 96"). */
static bool shows_score(const ScrApp *a, int i, int score)
{
    char want[32];
    snprintf(want, sizeof want, "score %d ", score);
    return i < a->start.npast_shown && strstr(a->start.past[i].label, want) != NULL;
}

static void send(ScrApp *a, SDL_Event *e)
{
    scr_app_event(a, e);
    frame(a);
}

static void list_scrolls(void **state)
{
    (void)state;
    write_history(10000);
    write_autosaves(true);
    static const struct { int w, h; bool proj; const char *lang; } where[] = {
        {1024, 768, true, "zh"}, {1920, 1080, false, "en"}, {3840, 2160, true, "en"}, {360, 640, false, "en"},
        {390, 844, false, "zh"}};
    for (size_t k = 0; k < sizeof where / sizeof where[0]; k++) {
        ScrApp *a = open_start(where[k].w, where[k].h, where[k].lang, where[k].proj);
        ScrStart *s = &a->start;
        char what[96];
        snprintf(what, sizeof what, "scroll %dx%d %s", where[k].w, where[k].h, where[k].lang);
        assert_int_equal(s->npast, 10000);
        assert_true(s->npast_shown >= 1 && s->npast_shown < s->npast);
        assert_int_equal(s->past_top, 0);
        bool en = !strcmp(where[k].lang, "en");
        if (en) /* the newest first: game 9999 */
            assert_true(shows_score(a, 0, 99));
        /* the wheel: three games a notch down, and back */
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEWHEEL;
        e.wheel.y = -1;
        send(a, &e);
        assert_int_equal(s->past_top, 3);
        check(a, what);
        if (en)
            assert_true(shows_score(a, 0, 96));
        e.wheel.y = 2;
        send(a, &e);
        assert_int_equal(s->past_top, 0);
        /* a finger: dragged up by two and a half games' height scrolls two */
        int it = cont_tagged(a->lay, K_LIST_ITEM, 500);
        assert_true(it >= 0);
        SDL_Rect r = a->lay->cont[it].r;
        memset(&e, 0, sizeof e);
        e.type = SDL_FINGERDOWN;
        e.tfinger.x = (float)(r.x + r.w / 2) / (float)a->out_w;
        e.tfinger.y = (float)(r.y + r.h / 2) / (float)a->out_h;
        send(a, &e);
        e.type = SDL_FINGERMOTION;
        e.tfinger.dy = -2.5f * (float)r.h / (float)a->out_h;
        send(a, &e);
        e.type = SDL_FINGERUP;
        e.tfinger.dy = 0;
        send(a, &e);
        assert_int_equal(s->past_top, 2);
        assert_int_equal(a->screen, SCR_START); /* a drag opens no game */
        check(a, what);
        /* a mouse click that SDL makes of a touch is not taken for a click */
        memset(&e, 0, sizeof e);
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.which = SDL_TOUCH_MOUSEID;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = r.x + r.w / 2;
        e.button.y = r.y + r.h / 2;
        send(a, &e);
        assert_int_equal(a->screen, SCR_START);
        /* keys: from the last game shown, Down scrolls by one; End goes to
         * the oldest, Home back to the newest */
        s->focus = 1100 + s->npast_shown - 1; /* F_PAST + i */
        int top = s->past_top, focus = s->focus;
        scr_start_key(a, SDLK_DOWN);
        frame(a);
        assert_int_equal(s->past_top, top + 1);
        assert_int_equal(s->focus, focus);
        scr_start_key(a, SDLK_END);
        frame(a);
        assert_int_equal(s->past_top + s->npast_shown, s->npast);
        check(a, what);
        if (en) /* the oldest last: game 0 */
            assert_true(shows_score(a, s->npast_shown - 1, 0));
        s->focus = 1100;
        scr_start_key(a, SDLK_HOME);
        frame(a);
        assert_int_equal(s->past_top, 0);
        s->focus = 1100;
        scr_start_key(a, SDLK_UP); /* at the top: Up leaves the list */
        frame(a);
        assert_int_equal(s->past_top, 0);
        assert_true(s->focus < 1100);
        close_start(a);
    }
    /* a role-play is one game, with its best player's score */
    write_history(10);
    ScrApp *a = open_start(1920, 1080, "en", false);
    assert_int_equal(a->start.npast, 10);
    assert_true(a->start.npast_shown >= 7);
    assert_non_null(strstr(a->start.past[6].label, "2 players"));
    assert_true(shows_score(a, 6, 3));
    close_start(a);
}

/* stderr into a file for a while: the warnings are counted */
static int count_in(const char *path, const char *what)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[2048];
    int n = 0;
    while (fgets(line, sizeof line, f))
        n += strstr(line, what) != NULL;
    fclose(f);
    return n;
}

static void damaged_history(void **state)
{
    (void)state;
    char path[400], gone[500], log[400];
    snprintf(path, sizeof path, "%s/history.jsonl", user);
    snprintf(gone, sizeof gone, "%s/games/gone.json", user);
    write_history(5);
    FILE *f = fopen(path, "a");
    assert_non_null(f);
    fprintf(f, "not JSON at all\n");
    fprintf(f, "{\"scenario\":\"erp-rollout\",\"lang\":\"en\",\"date\":\"2026-11-0\n"); /* torn */
    fprintf(f, "[1,2,3]\n\n");
    fprintf(f,
            "{\"scenario\":\"erp-rollout\",\"lang\":\"en\",\"title\":\"t\",\"date\":\"2026-11-30T10:00:00Z\",\"seed\":1,"
            "\"players\":1,\"seat\":1,\"vendor\":\"N\",\"outcome\":\"won\",\"won\":true,\"score\":77,\"weeks\":12,"
            "\"lessons\":[],\"predictions\":0,\"predictions_right\":0,\"session\":\"%s\"}\n",
            gone);
    for (int i = 0; i < 3000; i++) /* a line longer than any record */
        fputc('x', f);
    fputc('\n', f);
    fprintf(f, "{\"scenario\":\"erp-rollout\",\"score\":"); /* torn last line, no newline */
    assert_int_equal(fclose(f), 0);
    snprintf(log, sizeof log, "%s/stderr.txt", dir);
    fflush(stderr);
    int saved = dup(fileno(stderr));
    assert_true(saved >= 0);
    assert_non_null(freopen(log, "w", stderr));
    ScrApp *a = open_start(1024, 768, "en", false);
    for (int c = 0; c < 2 * NIDS; c++) { /* through every case and back: still one warning */
        scr_start_key(a, SDLK_DOWN);
        frame(a);
    }
    while (a->start.sel != 0) {
        scr_start_key(a, SDLK_DOWN);
        frame(a);
    }
    fflush(stderr);
    assert_true(dup2(saved, fileno(stderr)) >= 0);
    close(saved);
    clearerr(stderr);
    check(a, "damaged history");
    /* six games: the newest's session file is gone, so the five good ones are shown */
    assert_int_equal(a->start.npast, 6);
    assert_int_equal(a->start.npast_loaded, 5);
    assert_int_equal(a->start.past_missing, 1);
    assert_true(a->start.npast_shown >= 1);
    assert_true(shows_score(a, 0, 4));
    assert_int_equal(a->start.hist.damaged, 5);
    /* played: 6 records (game 3 is a role-play of two) + the one whose file is gone */
    assert_non_null(strstr(a->start.history_info, "7"));
    int warnings = count_in(log, "past games:");
    if (warnings != 1)
        fail_msg("%d warnings about the damaged history, expected one", warnings);
    close_start(a);
    /* no history file at all; then an empty one */
    unlink(path);
    a = open_start(1024, 768, "en", true);
    check(a, "no history");
    assert_int_equal(a->start.npast, 0);
    close_start(a);
    f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
    a = open_start(1024, 768, "en", true);
    check(a, "empty history");
    assert_int_equal(a->start.npast, 0);
    close_start(a);
}

static void remove_tree(const char *p)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", p);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", p);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
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
    /* a data folder of this test's own, before anything asks where it is */
    snprintf(dir, sizeof dir, "/tmp/bs-test-start-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("XDG_DATA_HOME", dir, 1);
    setenv("HOME", dir, 1);
    snprintf(user, sizeof user, "%s/buyersim", dir);
    char games[400];
    snprintf(games, sizeof games, "%s/games", user);
    snprintf(session, sizeof session, "%s/game.json", games);
    if (mkdir(user, 0700) != 0 || mkdir(games, 0700) != 0) {
        perror(user);
        return 1;
    }
    FILE *f = fopen(session, "w");
    if (!f || fclose(f) != 0) {
        perror(session);
        return 1;
    }
    const char *ud = app_user_dir();
    if (!ud || strcmp(ud, user)) {
        fprintf(stderr, "the user folder is %s, not %s\n", ud ? ud : "(none)", user);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(list_scrolls),
        cmocka_unit_test(damaged_history),
        cmocka_unit_test(every_history_size_and_language),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    if (rc == 0)
        remove_tree(dir);
    else
        fprintf(stderr, "files kept in %s\n", dir);
    return rc;
}
