/*
 * Nothing the room must read is ever cut (issue 15): for every bundled case
 * in both languages, at every state the dialogue can reach (walked through
 * the choices from week 1), with the longest texts that state can show (the
 * longest news and event thought of the case, the longest feedback on a last
 * move seen anywhere in the walk), the game screen is laid out in practice
 * and in projector mode at 1024x768, 1280x800, 1366x768, 1920x1080 and
 * 3840x2160, and on phones (the portrait layout: 360x640, 390x844, 412x915
 * and the drawables 780x1688, 1080x1920 and 1170x2532, both views: the buyer with the
 * choices, and the buyer's table, every part of it on exactly one of its
 * pages), and:
 *   - scr_layout_check finds no problem: every box inside its container, no
 *     overlap, nothing left out, no text that must be whole (the buyer's
 *     words, thoughts and news, the choices, the feedback on the last move,
 *     the top bar) cut, and the buyer's words and the choices not under the
 *     floor (projector: 1/32 of the height);
 *   - every choice is on exactly one page of choices, and every page shows
 *     its choices whole; the buyer's words are on the first page; a pager
 *     line says which choices are shown whenever there is more than one
 *     page.
 * Then the same for every page of the debrief (after games played
 * buyer-first, at random and pitching every week: every moment and gift on
 * exactly one page, a projector's three lessons in full), for the training
 * screens (pass the seat among five players, their badges, the prediction
 * panel, the room vote), and the clicker and a tap turning the choices'
 * pages. Layout only (a real text measurer, no drawing), so it is quick.
 * Skips (77) when no font is installed.
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
#include "drawn.h"

static const struct {
    int w, h;
} sizes[] = {{1024, 768}, {1280, 800}, {1366, 768}, {1920, 1080}, {3840, 2160},
             /* phones (CSS pixels) and a phone's drawable at 2 and 3 device pixels a CSS pixel */
             {360, 640}, {390, 844}, {412, 915}, {780, 1688}, {1080, 1920}, {1170, 2532}};
#define NSIZES ((int)(sizeof sizes / sizeof sizes[0]))

#define MAX_NODES 160

typedef struct {
    ScrWeek *wk[MAX_NODES];
    char path[MAX_NODES][40];     /* the moves that led there (1-based, for messages) */
    int n;
} Walk;

static ScrApp *open_case(const char *path, const char *lang, bool projector)
{
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = projector, .lang = lang};
    ScrAppOptions o = {.w = 1024, .h = 768, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = path, .lang = lang, .save = "", .players = 1, .mode = SCR_MODE_PRACTICE,
                          .projector = projector, .seed = 11, .has_seed = true};
    test_open(a, &mo, path);
    return a;
}

/* Plays the moves (0-based choices; -1 lets the week pass) from week 1. */
static void replay(ScrModel *m, const int *moves, int n)
{
    scr_model_restart(m, 11);
    for (int i = 0; i < n && !bs_game_over(&m->p->g); i++)
        scr_model_choose(m, moves[i] < m->wk.nchoices ? moves[i] : -1, 1.0 + i);
    scr_anim_settle(&m->anim);
}

static void keep_longest(char *dst, size_t cap, const char *src)
{
    if (strlen(src) > strlen(dst))
        snprintf(dst, cap, "%s", src);
}

/* Every state the dialogue reaches from week 1 (breadth first through the
 * choices, each state once), as the screen showed it there. */
static void walk_states(ScrModel *m, Walk *w)
{
    static int queue[MAX_NODES * 4][16];
    static int qlen[MAX_NODES * 4];
    bool seen[BS_MAX_STATES] = {false};
    int head = 0, tail = 0;
    qlen[tail++] = 0;
    w->n = 0;
    while (head < tail && w->n < MAX_NODES) {
        int *moves = queue[head];
        int n = qlen[head++];
        replay(m, moves, n);
        int st = m->p->g.seat[0].state;
        if (seen[st] && n > 0)
            continue;
        seen[st] = true;
        ScrWeek *wk = malloc(sizeof *wk);
        assert_non_null(wk);
        *wk = m->wk;
        w->wk[w->n] = wk;
        char *p = w->path[w->n];
        p[0] = '\0';
        for (int i = 0; i < n && strlen(p) < 30; i++)
            snprintf(p + strlen(p), 40 - strlen(p), "%s%d", i ? "," : "", moves[i] + 1);
        w->n++;
        if (bs_game_over(&m->p->g) || n >= 15)
            continue;
        int kids = m->wk.nchoices ? m->wk.nchoices : 1;
        for (int k = 0; k < kids && tail < MAX_NODES * 4; k++) {
            memcpy(queue[tail], moves, sizeof(int) * (size_t)n);
            queue[tail][n] = m->wk.nchoices ? k : -1;
            qlen[tail++] = n + 1;
        }
    }
}

/* The longest texts the state could show: the case's longest news and
 * event thought, the longest feedback on a move seen in the walk. */
static void stress(ScrWeek *wk, const ScrWeek *longest, const char *news, const char *ev_think)
{
    if (strlen(news) > strlen(wk->news))
        snprintf(wk->news, sizeof wk->news, "%s", news);
    if (ev_think[0] && !strstr(wk->thinks, ev_think)) {
        char t[SCR_LONG_CAP];
        snprintf(t, sizeof t, "%s%s%s", ev_think, wk->thinks[0] ? "\n" : "", wk->thinks);
        snprintf(wk->thinks, sizeof wk->thinks, "%s", t);
    }
    if (!wk->has_result)
        return;
    keep_longest(wk->result_action, sizeof wk->result_action, longest->result_action);
    keep_longest(wk->result_outcome, sizeof wk->result_outcome, longest->result_outcome);
    keep_longest(wk->result_why, sizeof wk->result_why, longest->result_why);
    keep_longest(wk->result_say, sizeof wk->result_say, longest->result_say);
    keep_longest(wk->result_thought, sizeof wk->result_thought, longest->result_thought);
}

static bool has_cont(const ScrLayout *L, int kind)
{
    for (int i = 0; i < L->ncont; i++)
        if (L->cont[i].kind == kind)
            return true;
    return false;
}

static int layouts, moments_seen;

/* A phone's table view: every part of the table (the vendors, trust and
 * risk, the chance, the last week, the key messages) on exactly one of its
 * pages, every page whole, a pager line when there is more than one. */
static void check_table_view(const ScrWeek *wk, ScrLayout *L, const ScrMeasure *me, const ScrLayoutIn *in0,
                             const char *what)
{
    static const int parts[] = {K_TABLE, K_METERS, K_CHANCE, K_RESULT, K_MESSAGES};
    enum { NP = (int)(sizeof parts / sizeof parts[0]) };
    int seen[NP] = {0};
    int rows_seen = 0;
    int pages = 1;
    for (int page = 0; page < pages && page < 10; page++) {
        ScrLayoutIn in = *in0;
        in.view = 1;
        in.table_page = page;
        scr_layout_game(L, &in, wk, me);
        layouts++;
        char msg[600];
        int bad = scr_layout_check(L, msg, sizeof msg);
        if (bad)
            fail_msg("%s at %dx%d, the table's page %d: %d problem(s): %s", what, in.w, in.h, page + 1, bad, msg);
        if (!L->portrait || L->view != 1)
            fail_msg("%s at %dx%d: no table view", what, in.w, in.h);
        if (page == 0)
            pages = L->table_pages;
        assert_int_equal(L->table_page, page);
        if ((pages > 1) != (L->pager >= 0))
            fail_msg("%s at %dx%d: %d pages of the table, %s pager", what, in.w, in.h, pages, L->pager >= 0 ? "a" : "no");
        for (int i = 0; i < L->ncont; i++) {
            for (int k = 0; k < NP; k++)
                seen[k] += L->cont[i].kind == parts[k];
            rows_seen += L->cont[i].kind == K_ROW;
            if (L->cont[i].kind == K_CHOICE)
                fail_msg("%s at %dx%d: a choice on the table's page %d", what, in.w, in.h, page + 1);
        }
    }
    bool want[NP] = {true, true, wk->has_chance, true, wk->nmsg > 0};
    for (int k = 0; k < NP; k++)
        if (seen[k] != (want[k] ? 1 : 0))
            fail_msg("%s at %dx%d: the table's part (kind %d) on %d of its %d pages, not %d", what, in0->w, in0->h,
                     parts[k], seen[k], pages, want[k] ? 1 : 0);
    if (rows_seen != wk->nrows)
        fail_msg("%s at %dx%d: %d of the table's %d rows shown", what, in0->w, in0->h, rows_seen, wk->nrows);
}

static void check_week(ScrApp *a, const ScrWeek *wk, const char *what)
{
    bs_text_set_lang(a->text, a->m->p->lang);
    ScrMeasure me = scr_measure_for(a->text);
    ScrLayout *L = a->lay;
    for (int si = 0; si < NSIZES; si++) {
        for (int proj = 0; proj < 2; proj++) {
            int page_of[BS_MAX_CHOICES];
            int pages = 1;
            for (int page = 0; page < pages; page++) {
                ScrLayoutIn in = {.w = sizes[si].w, .h = sizes[si].h, .projector = proj != 0, .choice_page = page};
                bs_text_frame_begin(a->text); /* as a frame does: the fonts of the last size may go */
                scr_layout_game(L, &in, wk, &me);
                layouts++;
                if (L->portrait != scr_portrait(in.w, in.h) || (L->portrait && (L->view != 0 || L->tab[0] < 0)))
                    fail_msg("%s at %dx%d: the %s layout, view %d", what, in.w, in.h,
                             L->portrait ? "portrait" : "landscape", L->view);
                char msg[600];
                int bad = scr_layout_check(L, msg, sizeof msg);
                if (bad && getenv("BS_FIT_DUMP"))
                    for (int i = 0; i < L->ncont; i++)
                        fprintf(stderr, "cont %d kind %d parent %d {%d,%d,%d,%d}\n", i, L->cont[i].kind,
                                L->cont[i].parent, L->cont[i].r.x, L->cont[i].r.y, L->cont[i].r.w, L->cont[i].r.h);
                if (bad)
                    fail_msg("%s at %dx%d%s, choices page %d: %d problem(s): %s", what, sizes[si].w, sizes[si].h,
                             proj ? " projector" : "", page + 1, bad, msg);
                if (page == 0) {
                    pages = L->choice_pages;
                    for (int k = 0; k < wk->nchoices; k++)
                        page_of[k] = -1;
                    if (wk->says[0] && !has_cont(L, K_SAYS))
                        fail_msg("%s at %dx%d: the buyer's words are not on the first page", what, sizes[si].w,
                                 sizes[si].h);
                    if (wk->thinks[0] && !has_cont(L, K_THINKS))
                        fail_msg("%s at %dx%d: the buyer's thought is not on the first page", what, sizes[si].w,
                                 sizes[si].h);
                    if (wk->news[0] && !has_cont(L, K_NEWS))
                        fail_msg("%s at %dx%d: the news is not on the first page", what, sizes[si].w, sizes[si].h);
                }
                if (L->portrait)
                    test_keyless(L, what, "the week");
                assert_int_equal(L->choice_page, page);
                if ((pages > 1) != (L->pager >= 0))
                    fail_msg("%s at %dx%d: %d pages of choices, %s pager", what, sizes[si].w, sizes[si].h, pages,
                             L->pager >= 0 ? "a" : "no");
                for (int k = 0; k < wk->nchoices; k++) {
                    if (L->choice[k] < 0)
                        continue;
                    if (page_of[k] >= 0)
                        fail_msg("%s at %dx%d: choice %d on pages %d and %d", what, sizes[si].w, sizes[si].h, k + 1,
                                 page_of[k] + 1, page + 1);
                    page_of[k] = page;
                }
            }
            for (int k = 0; k < wk->nchoices; k++)
                if (page_of[k] < 0)
                    fail_msg("%s at %dx%d%s: choice %d is on no page", what, sizes[si].w, sizes[si].h,
                             proj ? " projector" : "", k + 1);
            if (scr_portrait(sizes[si].w, sizes[si].h)) {
                ScrLayoutIn in = {.w = sizes[si].w, .h = sizes[si].h, .projector = proj != 0};
                check_table_view(wk, L, &me, &in, what);
            }
        }
    }
}

static void every_state_case_language_size_and_mode(void **state)
{
    (void)state;
    static const char *langs[] = {"en", "zh"};
    int files = 0;
    for (int li = 0; li < 2; li++) {
        static char paths[16][APP_PATH_MAX];
        int n = app_bundled_files(langs[li], paths, 16);
        for (int f = 0; f < n; f++) {
            files++;
            ScrApp *a = open_case(paths[f], langs[li], false);
            ScrModel *m = a->m;
            Walk *w = calloc(1, sizeof *w);
            assert_non_null(w);
            walk_states(m, w);
            assert_true(w->n >= 3);
            /* the longest texts of the case */
            ScrWeek *longest = calloc(1, sizeof *longest);
            assert_non_null(longest);
            for (int i = 0; i < w->n; i++)
                stress(longest, w->wk[i], "", "");
            for (int i = 0; i < w->n; i++)
                if (w->wk[i]->has_result)
                    longest->has_result = true;
            char news[SCR_LONG_CAP] = "", ev_think[SCR_LONG_CAP] = "", buf[SCR_LONG_CAP];
            const BsStrings *tt = m->p->str ? m->p->str : m->p->str_en;
            for (int e = 0; e < m->p->scn->nevents; e++) {
                const char *say = bs_event_text(m->p->scn, tt, e, "say");
                const char *th = bs_event_text(m->p->scn, tt, e, "think");
                if (say) {
                    bs_format(&m->p->g, m->wk.me, say, buf, sizeof buf);
                    keep_longest(news, sizeof news, buf);
                }
                if (th) {
                    bs_format(&m->p->g, m->wk.me, th, buf, sizeof buf);
                    keep_longest(ev_think, sizeof ev_think, buf);
                }
            }
            for (int i = 0; i < w->n; i++) {
                char what[400];
                snprintf(what, sizeof what, "%s (%s) after moves [%s]", paths[f], langs[li], w->path[i]);
                check_week(a, w->wk[i], what);
                ScrWeek *s = malloc(sizeof *s);
                assert_non_null(s);
                *s = *w->wk[i];
                stress(s, longest, news, ev_think);
                snprintf(what, sizeof what, "%s (%s) after moves [%s], longest texts", paths[f], langs[li],
                         w->path[i]);
                check_week(a, s, what);
                free(s);
            }
            print_message("%s (%s): %d states\n", paths[f], langs[li], w->n);
            for (int i = 0; i < w->n; i++)
                free(w->wk[i]);
            free(w);
            free(longest);
            scr_app_destroy(a);
        }
    }
    assert_true(files >= 6);
    print_message("%d layouts checked\n", layouts);
}

/* The debrief (every page on a projector, every page of moments
 * otherwise) after games played by a few policies, at every size in both
 * modes: nothing cut, nothing left out. */
static void check_debrief(ScrApp *a, const char *what)
{
    static const bool modes[] = {false, true};
    for (int si = 0; si < NSIZES; si++) {
        for (int pi = 0; pi < 2; pi++) {
            a->out_w = sizes[si].w;
            a->out_h = sizes[si].h;
            a->projector = modes[pi];
            a->deb_page = 0;
            a->deb_mpages = a->deb_lpages = 0;
            int cards = 0, gifts = 0, lessons = 0;
            for (int page = 0; page < scr_debrief_pages(a) && page < 20; page++) {
                a->deb_page = page;
                bs_text_frame_begin(a->text);
                scr_layout_debrief(a);
                layouts++;
                assert_int_equal(a->deb_page, page);
                char msg[600];
                int bad = scr_layout_check(a->lay, msg, sizeof msg);
                if (bad)
                    fail_msg("%s: debrief at %dx%d%s, page %d of %d: %d problem(s): %s", what, sizes[si].w,
                             sizes[si].h, modes[pi] ? " projector" : "", page + 1, scr_debrief_pages(a), bad, msg);
                const ScrLayout *L = a->lay;
                for (int i = 0; i < L->ncont; i++) {
                    cards += L->cont[i].kind == K_LIST_ITEM && L->cont[i].tag < 20;
                    gifts += L->cont[i].kind == K_LIST_ITEM && L->cont[i].tag >= 20;
                }
                for (int i = 0; i < L->nbox; i++)
                    for (int k = 0; k < 3; k++)
                        lessons += L->box[i].s == a->dt->lesson_text[k];
            }
            /* every moment and every gift on exactly one page; a projector's
             * three lessons in full */
            if (cards != a->m->deb.nbest + a->m->deb.nworst || gifts != a->dt->ngifts)
                fail_msg("%s: debrief at %dx%d%s: %d moments and %d gifts over the pages, not %d and %d", what,
                         sizes[si].w, sizes[si].h, modes[pi] ? " projector" : "", cards, gifts,
                         a->m->deb.nbest + a->m->deb.nworst, a->dt->ngifts);
            /* (a phone has a projector's pages: the lessons in full too) */
            if ((modes[pi] || scr_portrait(sizes[si].w, sizes[si].h)) && lessons != 3)
                fail_msg("%s: debrief at %dx%d%s: %d of the three lessons shown", what, sizes[si].w, sizes[si].h,
                         modes[pi] ? " projector" : "", lessons);
            moments_seen += cards;
        }
    }
}

static void every_debrief_page_fits(void **state)
{
    (void)state;
    static const char *langs[] = {"en", "zh"};
    static const char *policies[] = {"buyer_centric", "random", "always:pitch"};
    for (int li = 0; li < 2; li++) {
        static char paths[16][APP_PATH_MAX];
        int n = app_bundled_files(langs[li], paths, 16);
        for (int f = 0; f < n; f++) {
            for (int pi = 0; pi < 3; pi++) {
                ScrApp *a = open_case(paths[f], langs[li], false);
                ScrModel *m = a->m;
                for (int i = 0; i < 60 && !bs_game_over(&m->p->g); i++) {
                    int k = scr_model_policy_choice(m, policies[pi], 7 + (uint64_t)i);
                    scr_model_choose(m, m->wk.nchoices ? k : -1, 2.0 + i);
                }
                assert_true(bs_game_over(&m->p->g));
                a->screen = SCR_DEBRIEF;
                a->dt->ok = false;
                scr_app_debrief_seat(a, 0);
                char what[400];
                snprintf(what, sizeof what, "%s (%s) played %s", paths[f], langs[li], policies[pi]);
                check_debrief(a, what);
                scr_app_destroy(a);
            }
        }
    }
    print_message("%d moments laid out over the debriefs' pages\n", moments_seen);
    assert_true(moments_seen > 0);
}

static void check_lay(const ScrLayout *L, const char *what, const char *where)
{
    char msg[600];
    int bad = scr_layout_check(L, msg, sizeof msg);
    if (bad)
        fail_msg("%s: %s: %d problem(s): %s", what, where, bad, msg);
}

/* The screens of a training session, whole at every size on a projector
 * and off it: the pass-the-seat screen of five players, the week with
 * their badges beside the vendors, the prediction panel for the longest
 * choice with the week under it, and the room vote's week. */
static void training_screens_fit(void **state)
{
    (void)state;
    static const char *langs[] = {"en", "zh"};
    int screens = 0;
    for (int li = 0; li < 2; li++) {
        static char paths[16][APP_PATH_MAX];
        int n = app_bundled_files(langs[li], paths, 16);
        for (int f = 0; f < n; f++) {
            for (int si = 0; si < NSIZES; si++) {
                for (int proj = 0; proj < 2; proj++) {
                    char what[400];
                    snprintf(what, sizeof what, "%s (%s) at %dx%d%s", paths[f], langs[li], sizes[si].w, sizes[si].h,
                             proj ? " projector" : "");
                    for (int vote = 0; vote < 2; vote++) {
                        PlayArgs pa = {.players = vote ? 1 : 5, .demo_seconds = 4.0, .projector = proj != 0,
                                       .lang = langs[li], .predict = !vote, .vote = vote != 0};
                        ScrAppOptions o = {.w = sizes[si].w, .h = sizes[si].h, .offscreen = true, .args = pa};
                        ScrApp *a = test_app(&o);
                        ScrModelOptions mo = {.scenario = paths[f], .lang = langs[li], .save = "",
                                              .players = vote ? 1 : 5, .mode = SCR_MODE_PRACTICE,
                                              .projector = proj != 0, .seed = 5, .has_seed = true,
                                              .predict = !vote, .vote = vote != 0};
                        test_open(a, &mo, what);
                        scr_app_frame(a, 10.0);
                        if (vote) {
                            assert_int_equal(a->screen, SCR_GAME);
                            check_lay(a->lay, what, "the room vote's week");
                            screens++;
                            scr_app_destroy(a);
                            continue;
                        }
                        bool phone = scr_portrait(sizes[si].w, sizes[si].h);
                        assert_int_equal(a->screen, SCR_PASS);
                        check_lay(a->ovl, what, "pass the seat (five players)");
                        if (phone)
                            test_keyless(a->ovl, what, "pass the seat");
                        scr_app_go_on(a);
                        scr_app_frame(a, 11.0);
                        assert_int_equal(a->screen, SCR_GAME);
                        check_lay(a->lay, what, "a player's week with the badges");
                        int longest = 0;
                        for (int k = 1; k < a->m->wk.nchoices; k++)
                            if (strlen(a->m->wk.choice[k].text) > strlen(a->m->wk.choice[longest].text))
                                longest = k;
                        scr_app_pick(a, longest);
                        scr_app_frame(a, 12.0);
                        assert_int_equal(a->modal, SCR_MODAL_PREDICT);
                        check_lay(a->ovl, what, "the prediction panel (the longest choice)");
                        if (phone)
                            test_keyless(a->ovl, what, "the prediction panel");
                        check_lay(a->lay, what, "the week under the prediction panel");
                        screens += 4;
                        scr_app_destroy(a);
                    }
                }
            }
        }
    }
    print_message("%d training screens checked\n", screens);
}

/* Choices over pages on a projector: Page Down shows the rest, Page Up
 * goes back, the number keys play any choice, and the selection's page is
 * the one shown. */
static void clicker_turns_the_choices_pages(void **state)
{
    (void)state;
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .projector = true, .lang = "en"};
    ScrAppOptions o = {.w = 1024, .h = 768, .offscreen = true, .args = pa};
    ScrApp *a = test_app(&o);
    ScrModelOptions mo = {.scenario = "soe-tender", .lang = "en", .save = "", .players = 1,
                          .mode = SCR_MODE_PRACTICE, .projector = true, .seed = 11, .has_seed = true};
    test_open(a, &mo, "the game");
    /* the week with the most choices after the first move */
    scr_model_choose(a->m, 0, 1.0);
    scr_app_frame(a, 100.0);
    int n = a->m->wk.nchoices;
    assert_true(n >= 6);
    if (a->lay->choice_pages < 2)
        fail_msg("%d choices fit one page at 1024x768 on a projector: no pages to turn", n);
    int pages = a->lay->choice_pages;
    assert_int_equal(a->lay->choice_page, 0);
    SDL_Event e = {.type = SDL_KEYDOWN};
    e.key.keysym.sym = SDLK_PAGEDOWN;
    scr_app_event(a, &e);
    scr_app_frame(a, 101.0);
    assert_int_equal(a->lay->choice_page, 1);
    assert_int_equal(a->sel, -1); /* turning a page selects nothing */
    int first = a->lay->choice_first;
    assert_true(first > 0);
    assert_true(a->lay->choice[first] >= 0);
    assert_true(a->lay->choice[0] < 0);
    /* to the last page; there, Page Down selects its first choice */
    for (int i = 1; i < pages - 1; i++) {
        scr_app_event(a, &e);
        scr_app_frame(a, 102.0 + i);
    }
    assert_int_equal(a->lay->choice_page, pages - 1);
    int last_first = a->lay->choice_first;
    scr_app_event(a, &e);
    scr_app_frame(a, 110.0);
    assert_int_equal(a->sel, last_first);
    /* Up moves the selection back onto the page before: that page shows */
    e.key.keysym.sym = SDLK_UP;
    scr_app_event(a, &e);
    scr_app_frame(a, 111.0);
    assert_int_equal(a->sel, last_first - 1);
    assert_int_equal(a->lay->choice_page, a->lay->choice_page_of[last_first - 1]);
    assert_true(a->lay->choice[last_first - 1] >= 0);
    /* a tap on the pager shows the next page */
    a->sel = -1;
    a->lay_dirty = true;
    scr_app_frame(a, 112.0);
    int before = a->lay->choice_page;
    SDL_Rect pr = a->lay->cont[a->lay->pager].r;
    SDL_Event c = {.type = SDL_MOUSEBUTTONDOWN};
    c.button.button = SDL_BUTTON_LEFT;
    c.button.x = pr.x + pr.w / 2;
    c.button.y = pr.y + pr.h / 2;
    scr_app_event(a, &c);
    scr_app_frame(a, 113.0);
    assert_int_equal(a->lay->choice_page, (before + 1) % pages);
    /* the number key of a choice on another page plays it */
    int week = a->m->p->g.week;
    e.key.keysym.sym = SDLK_1 + (n - 1);
    scr_app_event(a, &e);
    assert_int_equal(a->m->p->g.week, week + 1);
    scr_app_frame(a, 120.0);
    assert_int_equal(a->lay->choice_page, 0); /* a new week starts on the first page */
    scr_app_destroy(a);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    BsTextFonts fonts;
    char why[1024];
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
        cmocka_unit_test(every_state_case_language_size_and_mode),
        cmocka_unit_test(every_debrief_page_fits),
        cmocka_unit_test(training_screens_fit),
        cmocka_unit_test(clicker_turns_the_choices_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
