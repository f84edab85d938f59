/* The screen's entry points: `buyersim play` in a window, `buyersim render`
 * (the real screen drawn off-screen after scripted moves, as PNG) and the
 * frame-time benchmark. */
#define _POSIX_C_SOURCE 200809L
#include "screen.h"
#include "ui.h"
#include "bs_buf.h"
#include "platform.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;


static bool play_moves(ScrApp *a, const char *who, const char *moves, bool *debrief);
static void settle_turn(ScrApp *a);

/* The debrief of a finished game, for `seat` (-1: the room's, or the one
 * player's). */
static void show_debrief(ScrApp *a, int seat)
{
    a->screen = SCR_DEBRIEF;
    a->modal = SCR_MODAL_NONE;
    a->dt->ok = false;
    scr_app_debrief_seat(a, seat >= 0 ? seat : a->m->p->ss.nseats > 1 ? -1 : 0);
}

static ScrMode mode_of(const PlayArgs *a)
{
    return a->demo ? SCR_MODE_DEMO : a->exam ? SCR_MODE_EXAM : SCR_MODE_PRACTICE;
}

/*============================================================================
 * play
 *==========================================================================*/
/* The game in a window, as the platform's loop callbacks (platform.h). */
typedef struct {
    const PlayArgs *pa;
    ScrApp *a;
    AppWatch watch;               /* play --watch: the case file, looked at twice a second */
    double next_look;
    int rc;
    BsBuf last_state;             /* the state last reported to the platform */
} PlayLoop;

static bool play_init(void *ud)
{
    PlayLoop *l = ud;
    const PlayArgs *pa = l->pa;
    scr_stamp("start");
    ScrAppOptions o = {.args = *pa};
    BsErrors e;
    bs_errors_init(&e, "");
    l->a = scr_app_create(&o, &e);
    app_errors_print(stderr, "buyersim: ", &e);
    bs_errors_free(&e);
    if (!l->a)
        return false;
    ScrApp *a = l->a;
    scr_stamp("window");
    if (pa->scenario || pa->resume || pa->demo) {
        ScrModelOptions mo = {.scenario = pa->scenario, .lang = pa->lang, .resume = pa->resume, .save = pa->save,
                              .rivals = pa->rivals, .seed = pa->seed, .has_seed = pa->has_seed,
                              .players = pa->players, .mode = mode_of(pa), .projector = pa->projector,
                              .predict = pa->predict, .vote = pa->vote, .uneven = pa->uneven};
        bs_errors_init(&e, "");
        bool opened = scr_app_open_game(a, &mo, &e);
        app_errors_print(stderr, "buyersim: ", &e);
        bs_errors_free(&e);
        bool debrief = false;
        if (opened && pa->moves && !play_moves(a, "play", pa->moves, &debrief))
            opened = false;
        if (!opened) {
            scr_app_destroy(a);
            l->a = NULL;
            return false;
        }
        if (debrief)
            show_debrief(a, -1);
        else if (pa->moves)
            settle_turn(a); /* the position after the moves, not a pass-the-seat screen */
    } else {
        scr_app_show_start(a);
    }
    scr_stamp("game");
    scr_app_splash(a);
    l->watch = (AppWatch){.path = pa->watch};
    l->next_look = 0.5;
    if (l->watch.path)
        app_watch_changed(&l->watch);
    return true;
}

static void play_event(void *ud, const SDL_Event *e, double now)
{
    PlayLoop *l = ud;
    l->a->now = now; /* a move made now animates from now */
    scr_app_event(l->a, e);
}

/* The game's state as the page around it sees it (platform.h,
 * scr_platform_report): the screen, the week, the moves so far (a position
 * that --moves plays again) and whether the last one's save is still due, the last move, the score at the end, and where
 * the choices are, in the window's own (CSS) pixels. */
static void state_json(ScrApp *a, BsBuf *b)
{
    static const char *const screens[] = {"start", "game", "pass", "debrief"};
    bs_buf_printf(b, "{\"screen\":\"%s\"", screens[a->screen]);
    int ww = 0, wh = 0, dw = 0, dh = 0;
    if (a->win)
        SDL_GetWindowSize(a->win, &ww, &wh);
    if (a->ren)
        SDL_GetRendererOutputSize(a->ren, &dw, &dh);
    double sx = dw > 0 && ww > 0 ? (double)ww / dw : 1.0, sy = dh > 0 && wh > 0 ? (double)wh / dh : 1.0;
    bs_buf_printf(b, ",\"w\":%d,\"h\":%d,\"pixels\":[%d,%d],\"moving\":%s", ww, wh, dw, dh,
                  scr_app_wants_frame(a) ? "true" : "false");
    if (a->screen == SCR_START)
        bs_buf_printf(b, ",\"past\":%d", a->start.npast);
    if (a->screen != SCR_START && a->m) {
        const AppPlay *p = a->m->p;
        const BsGame *g = &p->g;
        bs_buf_printf(b, ",\"case\":");
        bs_buf_json_string(b, p->scn->id);
        bs_buf_printf(b, ",\"lang\":");
        bs_buf_json_string(b, p->lang);
        bs_buf_printf(b, ",\"seed\":%llu,\"players\":%d,\"mode\":\"%s\",\"week\":%d,\"weeks\":%d,\"over\":%s",
                      (unsigned long long)p->ss.seed, p->ss.nseats,
                      a->demo ? "demo" : a->exam ? "exam" : "practice", g->week, p->scn->weeks,
                      bs_game_over(g) ? "true" : "false");
        if (p->unwritten) /* the last move's save comes with the next frame */
            bs_buf_printf(b, ",\"unsaved\":true");
        bs_buf_printf(b, ",\"moves\":\"");
        for (int w = 0; w < p->ss.nweeks; w++) {
            bs_buf_printf(b, "%s%d", w ? "," : "", p->ss.moves[w][0] + 1);
            const uint8_t *pr = p->ss.predict[w][0];
            if (pr[0])
                bs_buf_printf(b, ":%c%c%c", "?usd"[pr[0] & 3], "?usd"[pr[1] & 3], "?usd"[pr[2] & 3]);
        }
        bs_buf_printf(b, "\"");
        int me = g->seat[0].vendor;
        double pw[BS_MAX_VENDORS];
        bs_game_p_win(g, pw);
        bs_buf_printf(b, ",\"score\":%d", (int)(100.0 * pw[me] + 0.5));
        if (p->ss.nweeks > 0) {
            const BsMove *mv = &g->last.move[me];
            bs_buf_printf(b, ",\"last\":{\"week\":%d,\"choice\":%d,\"action\":", p->ss.nweeks,
                          p->ss.moves[p->ss.nweeks - 1][0] + 1);
            bs_buf_json_string(b, mv->action >= 0 ? p->scn->actions[mv->action].id : "");
            bs_buf_printf(b, ",\"verdict\":%d,\"lesson\":%d}", mv->verdict, mv->lesson);
        }
        if (a->screen == SCR_GAME) {
            bs_buf_printf(b, ",\"nchoices\":%d,\"page\":%d,\"pages\":%d,\"choices\":[", a->m->wk.nchoices,
                          a->lay->choice_page + 1, a->lay->choice_pages);
            int n = 0;
            for (int i = 0; i < a->lay->ncont; i++) {
                const ScrCont *c = &a->lay->cont[i];
                if (c->kind != K_CHOICE)
                    continue;
                bs_buf_printf(b, "%s{\"n\":%d,\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d}", n++ ? "," : "", c->tag + 1,
                              (int)(c->r.x * sx), (int)(c->r.y * sy), (int)(c->r.w * sx), (int)(c->r.h * sy));
            }
            bs_buf_printf(b, "]");
            if (a->lay->portrait) /* a phone: which view, and the table's pages */
                bs_buf_printf(b, ",\"view\":\"%s\",\"table_page\":%d,\"table_pages\":%d",
                              a->lay->view ? "table" : "buyer", a->lay->table_page + 1, a->lay->table_pages);
        }
        if (a->screen == SCR_DEBRIEF)
            bs_buf_printf(b, ",\"page\":%d,\"pages\":%d", a->deb_page + 1, scr_debrief_pages(a));
    }
    bs_buf_printf(b, "}");
}

/* Tells the platform the state when it changed (a browser's page keeps it,
 * reports weeks to an LMS, and tests wait on it). */
static void report_state(PlayLoop *l)
{
    if (!scr_platform_reports())
        return;
    BsBuf b = {0};
    state_json(l->a, &b);
    if (!b.oom && (!l->last_state.buf || strcmp(b.buf, l->last_state.buf))) {
        scr_platform_report(b.buf);
        bs_buf_free(&l->last_state);
        l->last_state = b;
        return;
    }
    bs_buf_free(&b);
}

static bool play_frame(void *ud, double now)
{
    PlayLoop *l = ud;
    ScrApp *a = l->a;
    if (a->quit)
        return false;
    a->now = now;
    if (l->watch.path && now >= l->next_look) {
        l->next_look = now + 0.5;
        if (app_watch_changed(&l->watch))
            scr_app_reload(a, &l->watch);
    }
    if (!(SDL_GetWindowFlags(a->win) & SDL_WINDOW_MINIMIZED)) {
        scr_app_frame(a, now);
        report_state(l);
    }
    return !a->quit;
}

static bool play_busy(void *ud)
{
    PlayLoop *l = ud;
    return scr_app_wants_frame(l->a);
}

static bool play_idle(void *ud)
{
    PlayLoop *l = ud;
    return scr_app_ahead(l->a);
}

static void play_cleanup(void *ud)
{
    PlayLoop *l = ud;
    ScrApp *a = l->a;
    if (a->m && a->m->p->save_path[0] && a->m->p->ss.nweeks > 0 && !bs_game_over(&a->m->p->g)) {
        const char *kv[] = {"file", a->m->p->save_path, NULL};
        char line[3000];
        app_fill(line, sizeof line, scr_str(a->m, "screen.saved_resume"), kv);
        printf("%s\n", line);
    }
    scr_app_destroy(a);
    l->a = NULL;
    bs_buf_free(&l->last_state);
}

int bs_screen_play(const PlayArgs *pa)
{
    PlayLoop l = {.pa = pa};
    ScrLoop loop = {.ud = &l, .init = play_init, .event = play_event, .frame = play_frame, .busy = play_busy,
                    .idle = play_idle, .cleanup = play_cleanup, .idle_s = 0.2};
    bool ran = scr_platform_run(&loop);
    SDL_Quit();
    return ran ? l.rc : 1;
}

/*============================================================================
 * render
 *==========================================================================*/
static int usage_render(FILE *f)
{
    fprintf(f,
            "Usage: buyersim render SCENARIO --moves 1,2,3 --size WxH --out FILE.png\n"
            "                       [--lang en|zh] [--projector] [--exam] [--demo] [--seed N]\n"
            "                       [--players N] [--uneven] [--predict] [--vote] [--show game]\n"
            "                       [--player N] [--hover K] [--overlay help|reveal] [--page N] [--view V]\n"
            "                       [--check]\n"
            "       buyersim render --start --size WxH --out FILE.png [--lang zh] [--projector]\n"
            "       buyersim render --replay SESSION.json [--week W] [--moves debrief] --size WxH --out FILE.png\n"
            "Draws the real screen off-screen after the scripted moves, as the game would\n"
            "show it then. Moves are choice numbers as the console shows them (1-based; 0\n"
            "lets a week pass when there is no choice), one per player and week in\n"
            "role-play (--players N: the pass-the-seat screen shows between players;\n"
            "--show game goes on to the player's week). With --predict a move carries its\n"
            "prediction of mindshare, trust and career risk (u up, s same, d down):\n"
            "2:usd; as the last move, 2: or 2:u leaves the prediction panel open; the\n"
            "reveal shows when the player's turn comes back. inject:N brings in the N-th\n"
            "event the facilitator can bring in; inject (last) shows their list.\n"
            "\"debrief\" as the last move draws the debrief of a finished game (role-play:\n"
            "the players compared, or --player N's own).\n"
            "--replay draws a past game (a session file) at week W, read-only (default:\n"
            "its end; a week after the last shows the outcome).\n"
            "--uneven starts a role-play's players where their companies stand (a\n"
            "handicap) instead of equal.\n"
            "--hover K shows choice K under the pointer (with its preview in practice\n"
            "mode); --page N shows a page of the debrief (on a projector: the outcome\n"
            "with its reasons and the mindshare chart; the best moments; the worst\n"
            "moments and the gifts; the buyer-first comparison and the key messages\n"
            "in the buyer's memory; the three lessons; the moments and the lessons\n"
            "take more pages when they do not fit), or of the choices when they are\n"
            "over pages, or of the buyer's table with --view table;\n"
            "--view buyer|table: on a phone (a --size taller than wide), the buyer and\n"
            "the choices (the default) or the buyer's table;\n"
            "--check prints layout problems and exits 2 if there are any.\n");
    return f == stdout ? 0 : 1;
}

static int render_fail(const char *msg, const char *arg)
{
    fprintf(stderr, "buyersim: render: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    return 1;
}

/* Past the pass-the-seat screen and the reveal, to the seat's week. */
static void settle_turn(ScrApp *a)
{
    for (int i = 0; i < 4 && (a->screen == SCR_PASS || a->modal == SCR_MODAL_REVEAL); i++)
        scr_app_go_on(a);
}

static int check_layouts(ScrApp *a)
{
    char msg[600];
    int rc = 0;
    int bad = scr_layout_check(a->lay, msg, sizeof msg);
    if (bad && a->screen != SCR_PASS) {
        fprintf(stderr, "buyersim: render: %d layout problem(s); the first: %s\n", bad, msg);
        rc = 2;
    }
    if (a->screen == SCR_PASS || (a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE)) {
        bad = scr_layout_check(a->ovl, msg, sizeof msg);
        if (bad) {
            fprintf(stderr, "buyersim: render: panel: %d layout problem(s); the first: %s\n", bad, msg);
            rc = 2;
        }
        if (a->ovl->overflow)
            fprintf(stderr, "buyersim: render: some text of the panel did not fit and was left out\n");
    }
    if (a->lay->overflow)
        fprintf(stderr, "buyersim: render: some text did not fit and was left out\n");
    return rc;
}

/* One scripted move; false with a message on stderr. */
static bool render_move(ScrApp *a, const char *who, int n, const char *tok, size_t len, bool last, bool *debrief)
{
    ScrModel *m = a->m;
    if (len == 7 && !strncmp(tok, "debrief", 7)) {
        if (!bs_game_over(&m->p->g)) {
            fprintf(stderr, "buyersim: %s: move %d: \"debrief\" needs a finished game (week %d of %d)\n", who, n,
                    m->p->g.week, m->p->scn->weeks);
            return false;
        }
        *debrief = true;
        return true;
    }
    if (len >= 6 && !strncmp(tok, "inject", 6)) {
        settle_turn(a);
        scr_app_open_inject(a);
        if (a->modal != SCR_MODAL_INJECT) {
            fprintf(stderr, "buyersim: %s: move %d: no event can be brought in now (%s)\n", who, n, a->toast);
            return false;
        }
        if (len == 6) {
            if (!last) {
                fprintf(stderr, "buyersim: %s: move %d: \"inject\" without a number shows the list: last only\n", who, n);
                return false;
            }
            return true;
        }
        int k = tok[6] == ':' ? atoi(tok + 7) : 0;
        if (k < 1 || k > a->pn->i_n) {
            fprintf(stderr, "buyersim: %s: move %d: inject:N with N from 1 to %d\n", who, n, a->pn->i_n);
            return false;
        }
        if (!scr_app_inject_item(a, k - 1)) {
            fprintf(stderr, "buyersim: %s: move %d: %s\n", who, n, a->toast);
            return false;
        }
        return true;
    }
    char *end;
    long k = strtol(tok, &end, 10);
    if (end == tok || (end < tok + len && *end != ':')) {
        fprintf(stderr, "buyersim: %s: move %d: not a choice number: %.*s\n", who, n, (int)len, tok);
        return false;
    }
    if (bs_game_over(&m->p->g)) {
        fprintf(stderr, "buyersim: %s: move %d: the game is already over\n", who, n);
        return false;
    }
    settle_turn(a);
    /* each move after the last one's animation: the table's deltas are one week's */
    a->now += 2 * SCR_ANIM_S;
    int nch = m->wk.nchoices;
    if ((nch == 0 && k != 0) || (nch > 0 && (k < 1 || k > nch))) {
        if (nch)
            fprintf(stderr, "buyersim: %s: move %d (week %d): choose 1 to %d, not %ld\n", who, n, m->p->g.week, nch, k);
        else
            fprintf(stderr, "buyersim: %s: move %d (week %d): there is no choice this week; use 0\n", who, n,
                    m->p->g.week);
        return false;
    }
    bool has_pred = end < tok + len;
    if (has_pred && (!m->p->predict || nch == 0)) {
        fprintf(stderr, "buyersim: %s: move %d: a prediction needs --predict and a choice\n", who, n);
        return false;
    }
    if (m->p->predict && nch > 0 && !has_pred) {
        fprintf(stderr, "buyersim: %s: move %d: with --predict, give the prediction too, e.g. %ld:usd\n", who, n, k);
        return false;
    }
    scr_app_pick(a, nch ? (int)k - 1 : -1);
    if (!has_pred)
        return true;
    const char *q = end + 1;
    int got = 0;
    for (; q < tok + len; q++) {
        int v = *q == 'u' ? BS_PREDICT_UP : *q == 's' ? BS_PREDICT_SAME : *q == 'd' ? BS_PREDICT_DOWN : 0;
        if (!v || got >= 3) {
            fprintf(stderr, "buyersim: %s: move %d: a prediction is three letters, each u, s or d\n", who, n);
            return false;
        }
        scr_app_predict_set(a, got++, v);
    }
    if (got == 3)
        return scr_app_predict_confirm(a);
    if (!last) {
        fprintf(stderr, "buyersim: %s: move %d: an unfinished prediction (the panel open) is last only\n", who, n);
        return false;
    }
    a->pred_row = got;
    return true;
}

/* Plays the scripted moves ("1,4,2", "inject:1", "2:usd", "debrief" last);
 * false with the reason on stderr. *debrief: the moves ended in "debrief". */
static bool play_moves(ScrApp *a, const char *who, const char *moves, bool *debrief)
{
    const char *p = moves;
    int n = 0;
    while (*p) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!*p)
            break;
        const char *q = p;
        while (*q && *q != ',' && *q != ' ')
            q++;
        const char *e = q;
        while (*e == ',' || *e == ' ')
            e++;
        n++;
        if (*debrief) {
            fprintf(stderr, "buyersim: %s: move %d: nothing comes after \"debrief\"\n", who, n);
            return false;
        }
        if (!render_move(a, who, n, p, (size_t)(q - p), *e == '\0', debrief))
            return false;
        p = q;
    }
    return true;
}

/* render's options. */
typedef struct {
    const char *scn, *moves, *out, *lang, *overlay, *show, *replay, *view;
    int w, h, hover, players, page, player, week;
    uint64_t seed;
    bool has_seed, projector, exam, demo, check, start, predict, vote, uneven;
} RenderArgs;

/* Reads render's options into r. Returns -1 to go on, else the exit code
 * (--help, or a bad option with its message on stderr). */
static int render_args(int argc, char **argv, RenderArgs *r)
{
    *r = (RenderArgs){.moves = "", .w = 1920, .h = 1080, .hover = -1, .players = 1, .page = 1};
    for (int i = 1; i < argc; i++) {
        const char *x = argv[i];
        bool more = i + 1 < argc;
        if (!strcmp(x, "--help") || !strcmp(x, "-h"))
            return usage_render(stdout);
        else if (!strcmp(x, "--moves") && more) r->moves = argv[++i];
        else if (!strcmp(x, "--out") && more) r->out = argv[++i];
        else if (!strcmp(x, "--lang") && more) {
            r->lang = argv[++i];
            if (strcmp(r->lang, "en") && strcmp(r->lang, "zh"))
                return render_fail("--lang is en or zh, not", r->lang);
        } else if (!strcmp(x, "--size") && more) {
            const char *v = argv[++i];
            if (sscanf(v, "%dx%d", &r->w, &r->h) != 2 || r->w < 320 || r->h < 240 || r->w > 8192 || r->h > 8192)
                return render_fail("--size is WxH from 320x240 to 8192x8192, not", v);
        } else if (!strcmp(x, "--seed") && more) {
            char *end;
            const char *v = argv[++i];
            unsigned long long sd = strtoull(v, &end, 10);
            if (!*v || *end || v[0] == '-' || sd > 4294967295ull)
                return render_fail("--seed needs a number from 0 to 4294967295, not", v);
            r->seed = sd;
            r->has_seed = true;
        } else if (!strcmp(x, "--players") && more) {
            r->players = atoi(argv[++i]);
            if (r->players < 1 || r->players > BS_MAX_SEATS)
                return render_fail("--players is 1 to 5, not", argv[i]);
        } else if (!strcmp(x, "--player") && more) {
            r->player = atoi(argv[++i]);
            if (r->player < 1 || r->player > BS_MAX_SEATS)
                return render_fail("--player is 1 to 5, not", argv[i]);
        } else if (!strcmp(x, "--hover") && more) {
            r->hover = atoi(argv[++i]) - 1;
            if (r->hover < 0 || r->hover >= BS_MAX_CHOICES)
                return render_fail("--hover is a choice number 1 to 9, not", argv[i]);
        } else if (!strcmp(x, "--page") && more) {
            r->page = atoi(argv[++i]);
            if (r->page < 1 || r->page > 50)
                return render_fail("--page is 1 or more (up to 50), not", argv[i]);
        } else if (!strcmp(x, "--week") && more) {
            r->week = atoi(argv[++i]);
            if (r->week < 1 || r->week > BS_MAX_WEEKS + 1)
                return render_fail("--week is 1 to 53, not", argv[i]);
        } else if (!strcmp(x, "--overlay") && more) {
            r->overlay = argv[++i];
            if (strcmp(r->overlay, "help") && strcmp(r->overlay, "reveal"))
                return render_fail("--overlay is help or reveal, not", r->overlay);
        } else if (!strcmp(x, "--show") && more) {
            r->show = argv[++i];
            if (strcmp(r->show, "game"))
                return render_fail("--show is game, not", r->show);
        } else if (!strcmp(x, "--view") && more) {
            r->view = argv[++i];
            if (strcmp(r->view, "buyer") && strcmp(r->view, "table"))
                return render_fail("--view is buyer or table, not", r->view);
        } else if (!strcmp(x, "--replay") && more) r->replay = argv[++i];
        else if (!strcmp(x, "--projector")) r->projector = true;
        else if (!strcmp(x, "--exam")) r->exam = true;
        else if (!strcmp(x, "--demo")) r->demo = true;
        else if (!strcmp(x, "--predict")) r->predict = true;
        else if (!strcmp(x, "--vote")) r->vote = true;
        else if (!strcmp(x, "--uneven")) r->uneven = true;
        else if (!strcmp(x, "--check")) r->check = true;
        else if (!strcmp(x, "--start")) r->start = true;
        else if (x[0] == '-') return render_fail("unknown option", x);
        else if (!r->scn) r->scn = x;
        else return render_fail("more than one scenario:", x);
    }
    if (!r->scn && !r->start && !r->replay)
        return render_fail("give a scenario (a file or a bundled id)", NULL);
    if (!r->out)
        return render_fail("give the output file with --out FILE.png", NULL);
    return -1;
}

/* render --start: the start screen. */
static int render_start(ScrApp *a, const RenderArgs *r)
{
    scr_app_show_start(a);
    scr_app_frame(a, 1000.0);
    int rc = 0;
    char perr[600];
    if (r->check && scr_layout_check(a->lay, perr, sizeof perr)) {
        fprintf(stderr, "buyersim: render: layout: %s\n", perr);
        rc = 2;
    }
    BsErrors e;
    bs_errors_init(&e, r->out);
    if (!scr_png_write_surface(r->out, a->surf, &e)) {
        app_errors_print(stderr, "buyersim: render: ", &e);
        rc = 1;
    }
    bs_errors_free(&e);
    return rc;
}

/* render --replay: a past game at a week, read-only. 0, or 1 (said why). */
static int render_replay(ScrApp *a, const RenderArgs *r, bool *debrief)
{
    BsErrors oe;
    bs_errors_init(&oe, r->replay);
    bool opened = scr_app_open_replay(a, r->replay, &oe);
    app_errors_print(stderr, "buyersim: render: ", &oe);
    bs_errors_free(&oe);
    if (!opened)
        return 1;
    scr_model_view_week(a->m, r->week > 0 ? r->week - 1 : a->m->p->ss.nweeks, 0.0);
    a->sel = scr_model_replay_choice(a->m);
    *debrief = strstr(r->moves, "debrief") != NULL;
    if (*debrief && !bs_game_over(&a->m->p->g)) {
        fprintf(stderr, "buyersim: render: the debrief needs the end of the game (--week %d)\n",
                a->m->p->ss.nweeks + 1);
        return 1;
    }
    return 0;
}

/* A new game played by the scripted moves. 0, or 1 (said why). */
static int render_game(ScrApp *a, const RenderArgs *r, bool *debrief)
{
    ScrModelOptions mo = {.scenario = r->scn, .lang = r->lang, .save = "", .seed = r->seed, .has_seed = r->has_seed,
                          .players = r->players,
                          .mode = r->demo ? SCR_MODE_DEMO : r->exam ? SCR_MODE_EXAM : SCR_MODE_PRACTICE,
                          .projector = r->projector, .predict = r->predict, .vote = r->vote, .uneven = r->uneven};
    BsErrors oe;
    bs_errors_init(&oe, "");
    bool opened = scr_app_open_game(a, &mo, &oe);
    app_errors_print(stderr, "buyersim: render: ", &oe);
    bs_errors_free(&oe);
    if (!opened)
        return 1;
    a->demo = false; /* no clock: the moves are scripted */
    return play_moves(a, "render", r->moves, debrief) ? 0 : 1;
}

/* The screen the moves led to (the turn, the debrief and its page, the
 * choices' page, the pointer, an overlay), drawn, checked and written. */
static int render_shot(ScrApp *a, const RenderArgs *r, bool debrief)
{
    int rc = 0;
    if (r->show)
        settle_turn(a);
    if (debrief) {
        show_debrief(a, r->player - 1);
        a->deb_page = r->page - 1;
    } else if (r->player > 0) {
        fprintf(stderr, "buyersim: render: --player goes with the debrief\n");
        rc = 1;
    }
    bool table = r->view && !strcmp(r->view, "table");
    if (table && (debrief || !scr_portrait(a->out_w, a->out_h))) {
        fprintf(stderr, "buyersim: render: --view table is a phone's week (a --size taller than wide)\n");
        return 1;
    }
    scr_app_set_view(a, table);
    if (table)
        a->table_page = r->page - 1;
    else if (!debrief)
        a->choice_page = r->page - 1;
    a->lay_dirty = true;
    a->hover = a->screen == SCR_GAME && a->modal == SCR_MODAL_NONE && a->m->wk.nchoices > r->hover ? r->hover : -1;
    a->help = r->overlay && !strcmp(r->overlay, "help");
    a->reveal = r->overlay && !strcmp(r->overlay, "reveal");
    a->toast[0] = '\0';
    scr_app_frame(a, 1000.0); /* animations long settled */
    int have = debrief ? scr_debrief_pages(a) : table ? a->lay->table_pages : a->lay->choice_pages;
    if (r->page > have && rc == 0) {
        fprintf(stderr, "buyersim: render: --page %d: there %s %d\n", r->page, have == 1 ? "is" : "are", have);
        rc = 1;
    }
    if (r->check && rc == 0)
        rc = check_layouts(a);
    BsErrors e;
    bs_errors_init(&e, r->out);
    if (rc != 1 && !scr_png_write_surface(r->out, a->surf, &e)) {
        app_errors_print(stderr, "buyersim: render: ", &e);
        rc = 1;
    }
    bs_errors_free(&e);
    return rc;
}

int bs_screen_render_cmd(int argc, char **argv)
{
    RenderArgs r;
    int rc = render_args(argc, argv, &r);
    if (rc >= 0)
        return rc;
    PlayArgs pa = {.projector = r.projector, .exam = r.exam, .demo = r.demo, .demo_seconds = 4.0,
                   .players = r.players, .lang = r.lang, .predict = r.predict, .vote = r.vote};
    ScrAppOptions o = {.w = r.w, .h = r.h, .offscreen = true, .args = pa};
    BsErrors e;
    bs_errors_init(&e, "");
    ScrApp *a = scr_app_create(&o, &e);
    app_errors_print(stderr, "buyersim: render: ", &e);
    bs_errors_free(&e);
    if (!a)
        return 1;
    bool debrief = false;
    if (r.start)
        rc = render_start(a, &r);
    else if ((rc = r.replay ? render_replay(a, &r, &debrief) : render_game(a, &r, &debrief)) == 0)
        rc = render_shot(a, &r, debrief);
    scr_app_destroy(a);
    return rc;
}

/*============================================================================
 * bench
 *==========================================================================*/
static int cmp_d(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static double clock_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool bs_screen_bench(const char *scenario_path, int w, int h, double out_ms[2])
{
    out_ms[0] = out_ms[1] = -1;
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0};
    ScrAppOptions o = {.w = w, .h = h, .offscreen = true, .args = pa};
    BsErrors e;
    bs_errors_init(&e, "");
    ScrApp *a = scr_app_create(&o, &e);
    app_errors_print(stderr, "buyersim: bench: screen: ", &e);
    bs_errors_free(&e);
    if (!a)
        return false;
    ScrModelOptions mo = {.scenario = scenario_path, .save = "", .players = 1, .mode = SCR_MODE_PRACTICE};
    bs_errors_init(&e, "");
    bool opened = scr_app_open_game(a, &mo, &e);
    app_errors_print(stderr, "buyersim: bench: screen: ", &e);
    bs_errors_free(&e);
    if (!opened) {
        scr_app_destroy(a);
        return false;
    }
    /* 60 frames a second, a week every 4 seconds (the demo's pace), the
     * meters always easing (the week's animation starts again every half
     * second), the pointer moving over the choices (their previews). The
     * first pass through the game warms the text caches; then 20 s are
     * timed. A week's first frame (new texts laid out and rendered) is in
     * the timing too: about 5 of the 1,200 frames. */
    enum { WARM = 60 * 4 * 13, TIMED = 1200, WEEK = 240, EASE = 30 };
    static double ms[TIMED];
    double t = 0;
    uint64_t salt = 0;
    for (int i = 0; i < WARM + TIMED; i++) {
        double f0 = clock_s();
        if (i % WEEK == 0) {
            if (bs_game_over(&a->m->p->g)) {
                scr_model_restart(a->m, a->m->p->ss.seed);
                a->lay_dirty = true;
            } else {
                int k = scr_model_policy_choice(a->m, "buyer_centric", salt);
                scr_model_choose(a->m, a->m->wk.nchoices ? k : -1, t);
                a->lay_dirty = true;
            }
            a->hover = -1;
        } else if (i % EASE == 0) {
            /* ease again from half-way: the bars and numbers move */
            ScrAnim *an = &a->m->anim;
            for (int v = 0; v <= BS_MAX_VENDORS; v++)
                an->share[v].from = an->share[v].to * 0.5f;
            an->trust.from = an->trust.to * 0.5f;
            an->risk.from = an->risk.to * 0.5f;
            an->character.from = an->character.to * 0.5f;
            an->competence.from = an->competence.to * 0.5f;
            an->t0 = t;
        } else if (i % EASE == EASE / 2 && a->m->wk.nchoices) {
            a->hover = (i / EASE) % a->m->wk.nchoices;
        }
        scr_app_frame(a, t);
        double dt = (clock_s() - f0) * 1000.0;
        if (i >= WARM)
            ms[i - WARM] = dt;
        t += 1.0 / 60;
    }
    qsort(ms, TIMED, sizeof ms[0], cmp_d);
    out_ms[0] = ms[TIMED / 2];
    out_ms[1] = ms[(TIMED * 99) / 100];
    scr_app_destroy(a);
    return true;
}

/*============================================================================
 * Launch to first frame
 *==========================================================================*/
static double realtime_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One launch: the times of the stamps BUYERSIM_TIMING prints, from spawn. */
static bool launch_once(const char *exe, const char *scenario, double ms[3])
{
    int fd[2];
    if (pipe(fd) != 0)
        return false;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], 2);
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    /* posix_spawn wants char *: writable copies */
    char a0[] = "buyersim", a1[] = "play", a3[] = "--lang", a4[] = "en", a5[] = "--save", a6[] = "", a2[1200];
    char timing[] = "BUYERSIM_TIMING=1";
    snprintf(a2, sizeof a2, "%s", scenario);
    char *argv[] = {a0, a1, a2, a3, a4, a5, a6, NULL};
    /* the environment, with BUYERSIM_TIMING=1 */
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = calloc(n + 2, sizeof *env);
    if (!env) {
        posix_spawn_file_actions_destroy(&fa);
        close(fd[0]);
        close(fd[1]);
        return false;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "BUYERSIM_TIMING=", 16) != 0)
            env[k++] = environ[i];
    env[k++] = timing;
    env[k] = NULL;
    pid_t pid;
    double t0 = realtime_s();
    int rc = posix_spawn(&pid, exe, &fa, NULL, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    free(env);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        return false;
    }
    ms[0] = ms[1] = ms[2] = -1;
    static const char *const what[3] = {"first frame", "title frame", "first full frame"};
    char buf[4096];
    size_t have = 0;
    while (ms[2] < 0) {
        struct pollfd pf = {fd[0], POLLIN, 0};
        if (poll(&pf, 1, 10000) <= 0) /* ten seconds without a word: give up */
            break;
        ssize_t got = read(fd[0], buf + have, sizeof buf - 1 - have);
        if (got <= 0)
            break;
        have += (size_t)got;
        buf[have] = '\0';
        char *nl;
        while ((nl = strchr(buf, '\n')) != NULL) {
            *nl = '\0';
            for (int i = 0; i < 3; i++) {
                char pre[64];
                snprintf(pre, sizeof pre, "buyersim: %s at ", what[i]);
                size_t pl = strlen(pre);
                if (!strncmp(buf, pre, pl))
                    ms[i] = (atof(buf + pl) - t0) * 1000.0;
            }
            size_t used = (size_t)(nl - buf) + 1;
            memmove(buf, nl + 1, have - used + 1);
            have -= used;
        }
        if (have == sizeof buf - 1)
            have = 0; /* a line too long to be ours */
    }
    kill(pid, SIGTERM); /* SDL makes it a quit event: the game ends as if the window closed */
    close(fd[0]);
    int st;
    waitpid(pid, &st, 0);
    return ms[0] >= 0 && ms[2] >= 0;
}

bool bs_screen_first_frame(const char *exe, const char *scenario_path, int runs, double out_ms[3])
{
    out_ms[0] = out_ms[1] = out_ms[2] = -1;
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if (!(x && *x) && !(wl && *wl))
        return false;
    if (runs < 1)
        runs = 1;
    if (runs > 15)
        runs = 15;
    double t[3][15];
    int got = 0;
    for (int r = 0; r < runs; r++) {
        /* Started the moment the last one is killed, a launch finds the X
         * server still taking the last window down, and SDL's own start
         * takes twice as long (measured with a bare SDL program: 40 ms ->
         * 90 ms; 100 ms of rest is enough). A player starts the game on a
         * settled desktop: each launch waits a quarter of a second. */
        struct timespec rest = {0, 250 * 1000 * 1000};
        nanosleep(&rest, NULL);
        double ms[3];
        if (!launch_once(exe, scenario_path, ms))
            continue;
        for (int i = 0; i < 3; i++)
            t[i][got] = ms[i];
        got++;
    }
    if (got == 0)
        return false;
    for (int i = 0; i < 3; i++) {
        qsort(t[i], (size_t)got, sizeof t[i][0], cmp_d);
        out_ms[i] = t[i][got / 2];
    }
    return true;
}

/* One run of bs_screen_bench_start, in a child process: its own data
 * folder (app_user_dir is decided once per process) and its own peak
 * memory. Writes "first_ms peak_mb" to fd. */
static int bench_start_child(int games, const char *dir, int fd)
{
    char user[400], path[500], session[500];
    snprintf(user, sizeof user, "%s/buyersim", dir);
    snprintf(session, sizeof session, "%s/game.json", user);
    snprintf(path, sizeof path, "%s/history.jsonl", user);
    if (mkdir(user, 0700) != 0)
        return 1;
    FILE *f = fopen(session, "w");
    if (!f || fclose(f) != 0)
        return 1;
    f = fopen(path, "w");
    if (!f)
        return 1;
    for (int i = 0; i < games; i++)
        fprintf(f,
                "{\"scenario\":\"erp-rollout\",\"lang\":\"en\",\"title\":\"ERP rollout\",\"date\":\"2026-11-%02dT10:%02d:"
                "00Z\",\"seed\":%d,\"players\":1,\"seat\":1,\"vendor\":\"Northwind\",\"outcome\":\"%s\",\"won\":%s,"
                "\"score\":%d,\"weeks\":12,\"lessons\":[1,3],\"predictions\":0,\"predictions_right\":0,\"session\":\"%s\"}\n",
                1 + i % 28, i % 60, i + 1, i % 2 ? "won" : "lost", i % 2 ? "true" : "false", i % 100, session);
    if (fclose(f) != 0)
        return 1;
    setenv("XDG_DATA_HOME", dir, 1);
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0, .lang = "en"};
    ScrAppOptions o = {.w = 1920, .h = 1080, .offscreen = true, .args = pa};
    BsErrors e;
    bs_errors_init(&e, "");
    ScrApp *a = scr_app_create(&o, &e);
    bs_errors_free(&e);
    if (!a)
        return 1;
    double t0 = clock_s();
    scr_app_show_start(a);
    scr_app_frame(a, 0);
    double ms = (clock_s() - t0) * 1000.0;
    bool ok = a->start.npast == games;
    scr_app_destroy(a);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char line[64];
    int n = snprintf(line, sizeof line, "%.3f %.1f\n", ms, (double)ru.ru_maxrss / 1024.0);
    return ok && write(fd, line, (size_t)n) == n ? 0 : 1;
}

bool bs_screen_bench_start(int games, int runs, double *first_ms, double *peak_mb)
{
    *first_ms = *peak_mb = -1;
    double ms[16];
    int done = 0;
    if (runs > 16)
        runs = 16;
    for (int r = 0; r < runs; r++) {
        char dir[64] = "/tmp/buyersim-bench-XXXXXX";
        if (!mkdtemp(dir))
            return false;
        int fds[2];
        if (pipe(fds) != 0) {
            rmdir(dir);
            return false;
        }
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            _exit(bench_start_child(games, dir, fds[1]));
        }
        close(fds[1]);
        char line[64] = "";
        ssize_t got = pid > 0 ? read(fds[0], line, sizeof line - 1) : -1;
        close(fds[0]);
        int st = 0;
        if (pid > 0)
            waitpid(pid, &st, 0);
        /* the child's files */
        char p[200];
        snprintf(p, sizeof p, "%s/buyersim/history.jsonl", dir);
        unlink(p);
        snprintf(p, sizeof p, "%s/buyersim/game.json", dir);
        unlink(p);
        snprintf(p, sizeof p, "%s/buyersim", dir);
        rmdir(p);
        rmdir(dir);
        double m, mb;
        if (got <= 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return false;
        line[got] = '\0';
        if (sscanf(line, "%lf %lf", &m, &mb) != 2)
            return false;
        ms[done++] = m;
        if (mb > *peak_mb)
            *peak_mb = mb;
    }
    qsort(ms, (size_t)done, sizeof ms[0], cmp_d);
    *first_ms = done ? ms[done / 2] : -1;
    return done > 0;
}
