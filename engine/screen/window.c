/* The application: a window (or an off-screen surface), the text system, a
 * model, the screens (start, game, pass-the-seat, debrief), overlays, the
 * demo clock and every event: keys (keyboard, presentation clicker,
 * facilitator), mouse, window and display changes, render resets. */
#define _POSIX_C_SOURCE 200809L
#include "ui.h"
#include "platform.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/*============================================================================
 * Creation
 *==========================================================================*/
void scr_stamp(const char *what)
{
    if (!getenv("BUYERSIM_TIMING"))
        return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    fprintf(stderr, "buyersim: %s at %lld.%09ld\n", what, (long long)ts.tv_sec, ts.tv_nsec);
}

static bool make_renderer(ScrApp *a, BsErrors *errs)
{
    if (a->offscreen)
        a->ren = SDL_CreateSoftwareRenderer(a->surf);
    else
        a->ren = SDL_CreateRenderer(a->win, -1, 0);
    if (!a->ren) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot create a renderer: %s", SDL_GetError());
        return false;
    }
    SDL_SetRenderDrawBlendMode(a->ren, SDL_BLENDMODE_BLEND);
    return true;
}

/* Finding the fonts (fontconfig, and opening the faces to check they have
 * Chinese) takes tens of milliseconds: a window does it on a thread while
 * the X server shows the first frame (the client only waits then; started
 * earlier, the thread slows SDL's own start on a two-core machine). It keeps
 * the normal priority: at a low one it gained 8 ms on an idle machine, but
 * the window waits for it, and on a busy one (a video call beside the
 * game) it starved: the first full frame came after 1.4-3.2 s, not 0.3 s. */
typedef struct {
    BsTextFonts fonts;
    BsErrors errs;                /* why no fonts (the thread's until it ends) */
    bool ok, done;
    SDL_Thread *th;
} FontJob;

static int font_job(void *ud)
{
    FontJob *j = ud;
    j->ok = bs_text_find_fonts(&j->fonts, &j->errs);
    return 0;
}

static bool fonts_found(FontJob *j)
{
    if (j->th) {
        SDL_WaitThread(j->th, NULL);
        j->th = NULL;
        j->done = true;
    }
    if (!j->done) {
        j->ok = bs_text_find_fonts(&j->fonts, &j->errs);
        j->done = true;
    }
    return j->ok;
}

/* The application's state before any output: options, theme, nothing
 * pointed at. */
static void app_defaults(ScrApp *a, const ScrAppOptions *o)
{
    a->args = o->args;
    a->offscreen = o->offscreen;
    a->projector = o->args.projector;
    a->exam = o->args.exam;
    a->demo = o->args.demo;
    a->loop = o->args.loop;
    a->demo_policy = o->args.demo_policy ? o->args.demo_policy : "buyer_centric";
    a->demo_seconds = o->args.demo_seconds > 0 ? o->args.demo_seconds : 4.0;
    a->hover = a->sel = a->demo_pick = -1;
    a->choice_page = 0;
    a->deb_hover = -1;
    a->ovl_hover = -1;
    a->start.hover = -1;
    a->over_since = -1;
    scr_theme_get(&a->th, a->projector);
}

/* Video for a window: SDL's hints, a display to open it on (an invisible
 * driver is none), keys rather than typed text. False with errs set. */
static bool open_display(BsErrors *errs)
{
    /* Software rendering presented without a GL texture: the fastest
     * first frame under X (research/performance-notes.md); the
     * environment may override both hints. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");
    const char *want = getenv("SDL_VIDEODRIVER");
    bool asked = want && *want;
#if defined(__linux__) || defined(__unix__)
    const char *x = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
    if (!asked && !(x && *x) && !(wl && *wl)) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                      "Play in the console instead: buyersim play --text");
        return false;
    }
#endif
#if defined(__linux__) || defined(__unix__)
    /* The game reads keys, never typed text, yet Xlib's input method
     * parses the locale's whole compose table (half a megabyte for
     * en_US.UTF-8) while SDL starts: about 10 ms of the first frame.
     * An empty table is enough for keys; a user's own choice stands. */
    setenv("XCOMPOSEFILE", "/dev/null", 0);
#endif
    scr_stamp("video init");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "no display to open a window on (%s).\n"
                      "Play in the console instead: buyersim play --text",
                      SDL_GetError());
        return false;
    }
    /* SDL 2.26 falls back on its invisible "offscreen" driver when no
     * display answers: that is no display for a player */
    const char *drv = SDL_GetCurrentVideoDriver();
    if (!asked && drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy"))) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "no display to open a window on (SDL found only its \"%s\" driver).\n"
                      "Play in the console instead: buyersim play --text", drv);
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        return false;
    }
    /* keys, not text: with text input on, an input method (IBus,
     * Fcitx) in Chinese mode would take the letter keys for itself */
    SDL_StopTextInput();
    scr_stamp("video ready");
    return true;
}

/* The window: 3/4 of the display (a projector: all of it, fullscreen). */
static bool open_window(ScrApp *a, const ScrAppOptions *o, BsErrors *errs)
{
    int w = 1280, h = 720;
    SDL_DisplayMode dm;
    if (SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w > 0 && dm.h > 0) {
        w = dm.w * 3 / 4;
        h = w * 9 / 16;
        if (h > dm.h * 8 / 10) {
            h = dm.h * 8 / 10;
            w = h * 16 / 9;
        }
    }
    if (o->w > 0 && o->h > 0) {
        w = o->w;
        h = o->h;
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    int pos = SDL_WINDOWPOS_CENTERED;
    if (a->projector && scr_platform_can_start_fullscreen()) {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        a->fullscreen = true;
        /* the whole display even where nothing makes it fullscreen (an X
         * server without a window manager keeps the window's own size,
         * while SDL draws for the display's: the picture was cropped) */
        if (o->w <= 0 && SDL_GetDesktopDisplayMode(0, &dm) == 0 && dm.w > 0 && dm.h > 0) {
            w = dm.w;
            h = dm.h;
            pos = 0;
        }
    }
    a->win = SDL_CreateWindow("buyersim", pos, pos, w, h, flags);
    if (!a->win) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "cannot open a window (%s).\nPlay in the console instead: buyersim play --text",
                      SDL_GetError());
        return false;
    }
    scr_stamp("window created");
    /* as narrow as a phone: a window taller than wide has the phone's layout */
    SDL_SetWindowMinimumSize(a->win, 320, 400);
    if (a->projector)
        SDL_ShowCursor(SDL_DISABLE);
    return true;
}

/* A window shows at once in its colours while the fonts are found (on a
 * thread); then the text system. False with errs set. */
static bool start_text(ScrApp *a, FontJob *job, BsErrors *errs)
{
    if (a->win) {
        /* show the window at once in its colours; finding the fonts and
         * laying out the first week take a moment more */
        SDL_SetRenderDrawColor(a->ren, a->th.bg.r, a->th.bg.g, a->th.bg.b, 255);
        SDL_RenderClear(a->ren);
        scr_stamp("cleared");
        /* while the X server puts the frame up, find the fonts (NULL: inline, later) */
        job->th = SDL_CreateThread(font_job, "buyersim-fonts", job);
        SDL_RenderPresent(a->ren);
        scr_stamp("first frame");
    }
    if (!fonts_found(job)) {
        app_errors_take(errs, &job->errs);
        return false;
    }
    a->text = bs_text_create_found(a->ren, &job->fonts, errs);
    return a->text != NULL;
}

static ScrApp *create(const ScrAppOptions *o, BsErrors *errs, FontJob *job)
{
    ScrApp *a = calloc(1, sizeof *a);
    if (!a) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return NULL;
    }
    a->lay = calloc(1, sizeof *a->lay);
    a->dt = calloc(1, sizeof *a->dt);
    a->ovl = calloc(1, sizeof *a->ovl);
    a->pn = calloc(1, sizeof *a->pn);
    if (!a->lay || !a->dt || !a->ovl || !a->pn) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        scr_app_destroy(a);
        return NULL;
    }
    app_defaults(a, o);
    if (a->offscreen) {
        int w = o->w > 0 ? o->w : 1920, h = o->h > 0 ? o->h : 1080;
        a->surf = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!a->surf) {
            bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "cannot create a %dx%d image: %s", w, h, SDL_GetError());
            scr_app_destroy(a);
            return NULL;
        }
    } else if (!open_display(errs) || !open_window(a, o, errs)) {
        scr_app_destroy(a);
        return NULL;
    }
    if (!make_renderer(a, errs)) {
        scr_app_destroy(a);
        return NULL;
    }
    scr_stamp("renderer");
    if (!start_text(a, job, errs)) {
        scr_app_destroy(a);
        return NULL;
    }
    a->draw.ren = a->ren;
    a->draw.text = a->text;
    a->draw.th = a->th;
    scr_app_query_size(a);
    a->lay_dirty = true;
    return a;
}

ScrApp *scr_app_create(const ScrAppOptions *o, BsErrors *errs)
{
    FontJob job;
    memset(&job, 0, sizeof job);
    bs_errors_init(&job.errs, "");
    ScrApp *a = create(o, errs, &job);
    fonts_found(&job); /* the thread ends before its job does, on every path */
    bs_errors_free(&job.errs);
    return a;
}

/* A first frame with words, while the first layout opens its fonts: the
 * top bar with the scenario's title and the two panels, empty. */
void scr_app_splash(ScrApp *a)
{
    if (!a->ren || !a->text || a->offscreen)
        return;
    scr_app_query_size(a);
    int W = a->out_w, H = a->out_h;
    if (W <= 0 || H <= 0)
        return;
    const ScrTheme *th = &a->th;
    int body = scr_base_body_px(W, H, a->projector);
    int px = a->projector ? (body * 85 / 100 > (H + 35) / 36 ? body * 85 / 100 : (H + 35) / 36) : body * 85 / 100;
    BsFont *f = bs_text_font(a->text, px, true);
    if (!f)
        return;
    int lh = scr_line_step(f), pad = px * 35 / 100 > 2 ? px * 35 / 100 : 2;
    int bar = lh + 2 * pad, margin = scr_lay_margin(W, H), gap = scr_lay_gap(W, H);
    SDL_RenderSetViewport(a->ren, NULL);
    SDL_RenderSetClipRect(a->ren, NULL);
    SDL_SetRenderDrawColor(a->ren, th->bg.r, th->bg.g, th->bg.b, 255);
    SDL_RenderClear(a->ren);
    gfx_rect(a->ren, (SDL_Rect){0, 0, W, bar}, th->panel);
    gfx_rect(a->ren, (SDL_Rect){0, bar - 1, W, 1}, th->border);
    const char *title = "buyersim";
    if (a->m)
        title = a->projector && a->m->wk.buyer_line[0] ? a->m->wk.buyer_line : a->m->wk.title;
    bs_text_set_lang(a->text, a->m ? a->m->p->lang : "en");
    scr_draw_line(&a->draw, title, px, true, (SDL_Rect){margin, (bar - lh) / 2, W * 2 / 3, lh}, A_LEFT, th->text, -1);
    if (a->screen == SCR_GAME && scr_portrait(W, H)) { /* a phone's one column, still empty */
        int top = bar + gap;
        gfx_round(a->ren, (SDL_Rect){margin, top, W - 2 * margin, H - top - margin}, body / 3, th->panel);
    } else if (a->screen == SCR_GAME) { /* the buyer's side and the table, still empty */
        int top = bar + gap, cw = W - 2 * margin - gap, lw = cw * (a->projector ? 585 : 555) / 1000;
        int rad = body / 3;
        gfx_round(a->ren, (SDL_Rect){margin, top, lw, H - top - margin}, rad, th->panel);
        gfx_round(a->ren, (SDL_Rect){margin + lw + gap, top, cw - lw, H - top - margin}, rad, th->panel);
    }
    gfx_flush(a->ren);
    SDL_RenderPresent(a->ren);
    scr_stamp("title frame");
}

void scr_app_destroy(ScrApp *a)
{
    if (!a)
        return;
    bs_text_destroy(a->text);
    if (a->portrait_tex && a->ren)
        SDL_DestroyTexture(a->portrait_tex);
    if (a->portrait)
        SDL_FreeSurface(a->portrait);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    if (a->surf)
        SDL_FreeSurface(a->surf);
    scr_model_free(a->m);
    bs_strings_free(a->start.str);
    bs_strings_free(a->start.str_en);
    free(a->draw.log);
    free(a->lay);
    free(a->ahead);
    free(a->dt);
    free(a->ovl);
    free(a->pn);
    free(a);
}

void scr_app_query_size(ScrApp *a)
{
    int w = 0, h = 0;
    if (a->ren && SDL_GetRendererOutputSize(a->ren, &w, &h) == 0 && w > 0 && h > 0) {
        if (w != a->out_w || h != a->out_h)
            a->lay_dirty = true;
        a->out_w = w;
        a->out_h = h;
    }
    if (a->win) {
        SDL_GetWindowSize(a->win, &a->win_w, &a->win_h);
    } else {
        a->win_w = a->out_w;
        a->win_h = a->out_h;
    }
}

bool scr_app_open_game(ScrApp *a, const ScrModelOptions *mo, BsErrors *errs)
{
    ScrModel *m = scr_model_open(mo, errs);
    if (!m)
        return false;
    scr_model_free(a->m);
    a->m = m;
    /* the buyer's portrait (PNG or BMP beside the scenario), else initials */
    if (a->portrait_tex)
        SDL_DestroyTexture(a->portrait_tex);
    a->portrait_tex = NULL;
    if (a->portrait)
        SDL_FreeSurface(a->portrait);
    a->portrait = NULL;
    if (m->p->scn->portrait && *m->p->scn->portrait) {
        char path[1400];
        snprintf(path, sizeof path, "%s/%s", m->p->scn->dir ? m->p->scn->dir : ".", m->p->scn->portrait);
        size_t n = strlen(path);
        BsErrors e; /* no portrait: the initials are drawn, and the terminal says why */
        bs_errors_init(&e, path);
        if (n > 4 && (!strcmp(path + n - 4, ".bmp") || !strcmp(path + n - 4, ".BMP"))) {
            a->portrait = SDL_LoadBMP(path);
            if (!a->portrait)
                bs_errors_add(&e, BS_E_IO, 0, 0, "", "%s", SDL_GetError());
        } else {
            a->portrait = scr_png_load(path, &e);
        }
        if (!a->portrait) {
            char why[1400];
            app_error_line(&e, 0, why, sizeof why);
            fprintf(stderr, "buyersim: the portrait cannot be shown (%s); drawing initials\n", why);
        }
        bs_errors_free(&e);
    }
    a->exam = mo->mode == SCR_MODE_EXAM;
    a->demo = mo->mode == SCR_MODE_DEMO;
    a->screen = SCR_GAME;
    a->hover = a->sel = a->demo_pick = -1;
    a->choice_page = 0;
    a->view = a->table_page = 0;
    a->press_on = false;
    a->demo_next = a->now + a->demo_seconds;
    a->over_since = -1;
    a->m->p->since = a->now > 0 ? a->now : 1e-9; /* the time played counts from here */
    a->dt->ok = false;
    a->lay_dirty = true;
    a->modal = SCR_MODAL_NONE;
    a->ovl_dirty = true;
    a->deb_seat = 0;
    a->deb_page = 0;
    a->deb_mpages = a->deb_lpages = 0;
    a->reveal = a->help = false;
    if (a->m->p->g.nseats > 1 && !a->m->p->replay) {
        a->screen = SCR_PASS;
        scr_panel_texts(a);
    }
    return true;
}

bool scr_app_open_replay(ScrApp *a, const char *path, BsErrors *errs)
{
    ScrModelOptions mo = {.resume = path, .save = "", .mode = SCR_MODE_EXAM, .projector = a->projector,
                          .replay = true, .players = 1};
    if (!scr_app_open_game(a, &mo, errs))
        return false;
    a->exam = true;
    a->demo = false;
    a->sel = scr_model_replay_choice(a->m);
    return true;
}

void scr_app_toast(ScrApp *a, const char *msg)
{
    snprintf(a->toast, sizeof a->toast, "%s", msg);
    a->toast_until = a->now + 3.5;
}

static const char *S(ScrApp *a, const char *key)
{
    if (a->m)
        return scr_str(a->m, key);
    const char *v = a->start.str ? bs_str_or(a->start.str, key, NULL) : NULL;
    if (!v && a->start.str_en)
        v = bs_str_or(a->start.str_en, key, NULL);
    return v ? v : key;
}

/*============================================================================
 * Actions
 *==========================================================================*/
static void go_debrief(ScrApp *a)
{
    a->screen = SCR_DEBRIEF;
    a->modal = SCR_MODAL_NONE;
    a->lay_dirty = true;
    a->dt->ok = false;
    a->deb_hover = -1;
    a->deb_page = 0;
    a->deb_mpages = a->deb_lpages = 0;
    /* role-play: the players compared first, then each player's own */
    a->deb_seat = a->m && a->m->p->ss.nseats > 1 ? -1 : 0;
    if (a->m)
        a->m->deb_seat = 0;
}

void scr_app_debrief_seat(ScrApp *a, int seat)
{
    if (!a->m)
        return;
    if (seat >= a->m->p->ss.nseats)
        seat = a->m->p->ss.nseats - 1;
    if (seat < 0 && a->m->p->ss.nseats <= 1)
        seat = 0;
    a->deb_seat = seat < 0 ? -1 : seat;
    a->deb_page = 0;
    a->deb_mpages = a->deb_lpages = 0;
    if (seat >= 0)
        scr_model_debrief_seat(a->m, seat);
    a->dt->ok = false;
    a->lay_dirty = true;
    a->deb_hover = -1;
}

static void open_modal(ScrApp *a, int modal)
{
    a->modal = modal;
    a->ovl_dirty = true;
    a->ovl_hover = -1;
    a->reveal = false;
    scr_panel_texts(a);
}

static void close_modal(ScrApp *a)
{
    a->modal = SCR_MODAL_NONE;
    a->ovl_dirty = true;
    a->ovl_hover = -1;
}

/* Role-play: a full screen between players; nothing of the last one's move. */
static void show_pass(ScrApp *a)
{
    a->screen = SCR_PASS;
    a->modal = SCR_MODAL_NONE;
    a->reveal = false;
    a->toast[0] = '\0'; /* it was the last player's */
    a->hover = a->sel = -1;
    a->choice_page = 0;
    a->lay_dirty = true;
    a->ovl_dirty = true;
    scr_panel_texts(a);
}

/* A seat's turn begins: first, how they read the buyer last week. */
static void begin_turn(ScrApp *a)
{
    ScrModel *m = a->m;
    a->screen = SCR_GAME;
    a->lay_dirty = true;
    a->hover = a->sel = -1;
    a->choice_page = 0;
    if (m && m->p->predict && !a->demo && m->p->seat < BS_MAX_SEATS && m->p->reveal_due[m->p->seat])
        open_modal(a, SCR_MODAL_REVEAL);
}

/* A problem the model kept (a save that failed), as a toast. */
static void toast_model_error(ScrApp *a)
{
    if (!a->m || !a->m->last_error[0])
        return;
    char line[700];
    snprintf(line, sizeof line, "%s: %s", S(a, "screen.save_failed"), a->m->last_error);
    scr_app_toast(a, line);
    a->m->last_error[0] = '\0';
}

static void after_week(ScrApp *a)
{
    a->hover = a->sel = -1;
    a->choice_page = 0;
    a->table_page = 0;
    a->lay_dirty = true;
    if (a->m->p->g.nseats > 1 && !bs_game_over(&a->m->p->g))
        show_pass(a);
    else
        begin_turn(a);
    a->moved_frame = a->frames;
    toast_model_error(a);
}

/* Plays the k-th choice for the seat playing (its prediction, if any, is
 * recorded already). */
static void play(ScrApp *a, int k, const BsPredict *pred)
{
    ScrModel *m = a->m;
    int seat_before = m->p->seat;
    bool resolved = scr_model_choose_predicted(m, k, pred, a->now); /* the time played counted too */
    if (!resolved && m->p->seat != seat_before) {
        show_pass(a);
        return;
    }
    after_week(a);
}

void scr_app_pick(ScrApp *a, int k)
{
    ScrModel *m = a->m;
    if (!m || a->paused || m->p->replay || bs_game_over(&m->p->g) || a->modal != SCR_MODAL_NONE || a->screen != SCR_GAME)
        return;
    if (k >= 0 && k >= m->wk.nchoices)
        return;
    if (k < 0 && m->wk.nchoices > 0)
        return;
    if (m->p->predict && !a->demo) {
        if (k >= 0) { /* predict first, then the week resolves */
            a->pred_k = k;
            memset(a->pred, 0, sizeof a->pred);
            a->pred_row = 0;
            a->sel = k;
            open_modal(a, SCR_MODAL_PREDICT);
            return;
        }
    }
    play(a, k, NULL); /* no move, nothing to predict */
}

static void choose(ScrApp *a, int k) { scr_app_pick(a, k); }

void scr_app_set_view(ScrApp *a, int view)
{
    view = view ? 1 : 0;
    if (a->view == view)
        return;
    a->view = view;
    a->table_page = 0;
    a->hover = -1;
    a->lay_dirty = true;
}

void scr_app_predict_set(ScrApp *a, int row, int value)
{
    if (a->modal != SCR_MODAL_PREDICT || row < 0 || row > 2 || value < BS_PREDICT_UP || value > BS_PREDICT_DOWN)
        return;
    a->pred[row] = (uint8_t)value;
    /* on to the next row without an answer, else to the confirm button */
    a->pred_row = 3;
    for (int i = 1; i <= 3; i++)
        if (!a->pred[(row + i) % 3]) {
            a->pred_row = (row + i) % 3;
            break;
        }
}

bool scr_app_predict_confirm(ScrApp *a)
{
    if (a->modal != SCR_MODAL_PREDICT || !a->m)
        return false;
    for (int i = 0; i < 3; i++)
        if (!a->pred[i]) {
            a->pred_row = i;
            return false;
        }
    BsPredict p[3] = {(BsPredict)a->pred[0], (BsPredict)a->pred[1], (BsPredict)a->pred[2]};
    close_modal(a);
    play(a, a->pred_k, p);
    return true;
}

void scr_app_go_on(ScrApp *a)
{
    if (!a->m)
        return;
    if (a->screen == SCR_PASS) {
        begin_turn(a);
        return;
    }
    if (a->modal == SCR_MODAL_REVEAL) {
        if (a->m->p->seat < BS_MAX_SEATS)
            a->m->p->reveal_due[a->m->p->seat] = false;
        close_modal(a);
    } else if (a->modal == SCR_MODAL_PREDICT) {
        scr_app_predict_confirm(a);
    }
}

void scr_app_open_inject(ScrApp *a)
{
    ScrModel *m = a->m;
    if (!m || m->p->replay || a->screen != SCR_GAME || a->modal != SCR_MODAL_NONE)
        return;
    if (bs_game_over(&m->p->g)) {
        scr_app_toast(a, S(a, "ui.event_refused"));
        return;
    }
    if (m->p->seat != 0) { /* the others chose with the news as it was */
        scr_app_toast(a, S(a, "screen.inject_later"));
        return;
    }
    a->inj_sel = 0;
    open_modal(a, SCR_MODAL_INJECT);
    if (a->pn->i_n == 0) {
        close_modal(a);
        scr_app_toast(a, S(a, "screen.inject_none"));
    }
}

bool scr_app_inject_item(ScrApp *a, int i)
{
    if (a->modal != SCR_MODAL_INJECT || i < 0 || i >= a->pn->i_n)
        return false;
    char label[320], line[600];
    snprintf(label, sizeof label, "%s", a->pn->i_item[i]);
    int ev = a->pn->i_event[i];
    close_modal(a);
    if (!scr_model_inject(a->m, ev)) {
        scr_app_toast(a, S(a, a->m->p->ss.ninject >= BS_MAX_INJECT ? "screen.inject_full" : "ui.event_refused"));
        return false;
    }
    const char *kv[] = {"event", label, NULL};
    app_fill(line, sizeof line, S(a, "screen.injected"), kv);
    scr_app_toast(a, line);
    a->lay_dirty = true;
    a->hover = a->sel = -1;
    a->choice_page = 0;
    toast_model_error(a);
    return true;
}

static void undo(ScrApp *a)
{
    if (!a->m || a->m->p->replay)
        return;
    if (scr_model_undo(a->m, a->now)) {
        scr_app_toast(a, S(a, "ui.undone"));
        a->screen = SCR_GAME;
        a->modal = SCR_MODAL_NONE;
        a->over_since = -1;
        after_week(a);
    } else {
        scr_app_toast(a, S(a, "ui.cannot_undo"));
    }
}

/* The name of a file the player keeps: "screenshot-erp-rollout-20261205-221500.png". */
static void user_file_name(ScrApp *a, const char *prefix, const char *ext, char *out, size_t cap)
{
    time_t t = time(NULL);
    struct tm tmv;
    char stamp[32] = "now";
    if (localtime_r(&t, &tmv))
        strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tmv);
    snprintf(out, cap, "%s-%s-%s.%s", prefix, a->m ? a->m->p->scn->id : "buyersim", stamp, ext);
}

/* Where kept files go on a desktop: the per-user folder, else here. */
static const char *keep_dir(void)
{
    const char *dir = app_user_dir();
    return dir ? dir : ".";
}

static void user_file(ScrApp *a, const char *prefix, const char *ext, char *out, size_t cap)
{
    char name[300];
    user_file_name(a, prefix, ext, name, sizeof name);
    snprintf(out, cap, "%s/%s", keep_dir(), name);
}

static void save_now(ScrApp *a)
{
    if (!a->m)
        return;
    char msg[700], line[900];
    const char *path = a->m->p->save_path;
    char alt[1100];
    if (!path[0]) {
        user_file(a, "save", "json", alt, sizeof alt);
        path = alt;
    }
    BsErrors e;
    bs_errors_init(&e, path);
    if (scr_model_save(a->m, path, &e)) {
        snprintf(line, sizeof line, "%s %s", S(a, "screen.saved"), path);
    } else {
        app_error_line(&e, 0, msg, sizeof msg);
        snprintf(line, sizeof line, "%s: %s", S(a, "screen.save_failed"), msg);
    }
    bs_errors_free(&e);
    a->m->last_error[0] = '\0';
    scr_app_toast(a, line);
}

static void set_fullscreen(ScrApp *a, bool on)
{
    if (!a->win)
        return;
    if (SDL_SetWindowFullscreen(a->win, on ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0) == 0)
        a->fullscreen = on;
    scr_app_query_size(a);
    a->lay_dirty = true;
}

bool scr_app_png(ScrApp *a, uint8_t **out, size_t *len, BsErrors *errs)
{
    *out = NULL;
    *len = 0;
    if (a->offscreen)
        return scr_png_encode_surface(a->surf, out, len, errs);
    int w = a->out_w, h = a->out_h;
    size_t pitch = (size_t)w * 3;
    uint8_t *pix = malloc(pitch * (size_t)h);
    if (!pix) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return false;
    }
    bool ok = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGB24, pix, (int)pitch) == 0;
    if (!ok)
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot read the screen: %s", SDL_GetError());
    else if (!(ok = scr_png_encode(pix, w, h, (int)pitch, 3, out, len)))
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "cannot encode a %dx%d PNG (out of memory?)", w, h);
    free(pix);
    return ok;
}

bool scr_app_save_png(ScrApp *a, const char *path, BsErrors *errs)
{
    uint8_t *png;
    size_t n;
    if (!scr_app_png(a, &png, &n, errs))
        return false;
    bool ok = scr_write_file(path, png, n, errs);
    bs_free(png);
    return ok;
}

/* The frame just drawn, kept as the file `name` (the platform's way). */
static bool keep_png(ScrApp *a, const char *name, char *where, size_t where_cap, BsErrors *errs)
{
    uint8_t *png;
    size_t n;
    if (!scr_app_png(a, &png, &n, errs))
        return false;
    bool ok = scr_platform_keep_file(keep_dir(), name, png, n, where, where_cap, errs);
    bs_free(png);
    return ok;
}

static void export_debrief(ScrApp *a)
{
    char png[300], name[300], json[1100], err[1400], line[2400];
    user_file_name(a, "debrief", "png", png, sizeof png);
    user_file_name(a, "debrief", "json", name, sizeof name);
    BsErrors e;
    bs_errors_init(&e, "");
    char *text = NULL;
    size_t len = 0;
    bool ok = a->m->p->deb_ok;
    if (!ok)
        bs_errors_add(&e, BS_E_SEMANTIC, 0, 0, "", "no debrief yet");
    else
        ok = app_play_debrief_json_text(a->m->p, a->m->deb_seat, &text, &len, &e) &&
             scr_platform_keep_file(keep_dir(), name, text, len, json, sizeof json, &e);
    bs_free(text);
    if (!ok)
        app_error_line(&e, 0, err, sizeof err);
    bs_errors_free(&e);
    if (!ok) {
        snprintf(line, sizeof line, "%s: %s", S(a, "screen.export_failed"), err);
        scr_app_toast(a, line);
        return;
    }
    /* the PNG is taken from the next frame, without the toast */
    snprintf(a->shot_path, sizeof a->shot_path, "%s", png);
    a->shot_pending = true;
    a->toast[0] = '\0';
    snprintf(line, sizeof line, "%s %s/%s, %s", S(a, "screen.exported"), keep_dir(), png, json);
    snprintf(a->shot_note, sizeof a->shot_note, "%s", line); /* shown once the shot is taken */
}

/* The game screen again after the game was replaced (a restart, a reload). */
static void back_to_game(ScrApp *a)
{
    a->screen = SCR_GAME;
    a->modal = SCR_MODAL_NONE;
    if (a->m->p->g.nseats > 1)
        show_pass(a);
    a->hover = a->sel = a->demo_pick = -1;
    a->choice_page = 0;
    a->over_since = -1;
    a->demo_next = a->now + a->demo_seconds;
    a->lay_dirty = true;
    a->dt->ok = false;
}

void scr_app_reload(ScrApp *a, const AppWatch *w)
{
    if (!a->m)
        return;
    char err[1400], line[1024];
    BsErrors e;
    bs_errors_init(&e, w->path);
    int before = a->m->p->ss.nweeks, kept = scr_model_reload(a->m, w, &e);
    if (kept < 0) { /* play on with the version that loaded; the errors go to the terminal too */
        const char *kv[] = {"file", w->path, NULL};
        app_fill(line, sizeof line, S(a, "ui.reload_failed"), kv);
        app_errors_print(stderr, "buyersim: ", &e);
        app_error_line(&e, 0, err, sizeof err);
        bs_errors_free(&e);
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, " %s", err);
        scr_app_toast(a, line);
        return;
    }
    bs_errors_free(&e);
    char wk[16], from[16];
    snprintf(wk, sizeof wk, "%d", a->m->p->g.week);
    snprintf(from, sizeof from, "%d", kept + 1);
    const char *kv[] = {"file", w->path, "week", wk, "from", from, NULL};
    app_fill(line, sizeof line, S(a, kept < before ? "ui.reloaded_back" : "ui.reloaded"), kv);
    back_to_game(a);
    scr_app_toast(a, line);
}

static void restart(ScrApp *a, bool new_seed)
{
    if (!a->m)
        return;
    uint64_t seed = a->m->p->ss.seed + (new_seed ? 1u : 0u);
    scr_model_restart(a->m, seed);
    back_to_game(a);
}

/*============================================================================
 * Events
 *==========================================================================*/
static void drop_textures(ScrApp *a, bool device)
{
    a->resets++;
    if (device && a->ren) {
        /* the device is gone: a new renderer, and every texture made again */
        a->portrait_tex = NULL; /* freed with the renderer */
        SDL_DestroyRenderer(a->ren);
        a->ren = NULL;
        BsErrors e; /* no renderer: nothing is drawn until the next reset */
        bs_errors_init(&e, "");
        if (make_renderer(a, &e)) {
            bs_text_set_renderer(a->text, a->ren, true);
            a->draw.ren = a->ren;
        } else {
            bs_text_set_renderer(a->text, NULL, true);
            a->draw.ren = NULL;
        }
        bs_errors_free(&e);
    } else {
        bs_text_drop_textures(a->text);
    }
    a->lay_dirty = true;
}

static int mouse_x(const ScrApp *a, int x) { return a->win_w > 0 ? x * a->out_w / a->win_w : x; }
static int mouse_y(const ScrApp *a, int y) { return a->win_h > 0 ? y * a->out_h / a->win_h : y; }

static bool is_facilitator_key(SDL_Keycode k)
{
    return k == SDLK_F1 || k == SDLK_F5 || k == SDLK_F11 || k == SDLK_F12 || k == SDLK_ESCAPE ||
           k == SDLK_PERIOD || k == SDLK_b || k == SDLK_r || k == SDLK_u || k == SDLK_s || k == SDLK_h ||
           k == SDLK_BACKSPACE || k == SDLK_d || k == SDLK_PRINTSCREEN || k == SDLK_i;
}

static int digit_of(SDL_Keycode k)
{
    if (k >= SDLK_1 && k <= SDLK_9)
        return (int)(k - SDLK_1);
    if (k >= SDLK_KP_1 && k <= SDLK_KP_9)
        return (int)(k - SDLK_KP_1);
    return -1;
}

/* A phone's table view (portrait): the clicker's keys turn its pages, and
 * past the last (or before the first) bring the buyer back; moving the
 * selection shows the choices. True when the key was the view's. */
static bool key_table_view(ScrApp *a, SDL_Keycode k)
{
    const ScrLayout *L = a->lay;
    switch (k) {
    case SDLK_PAGEDOWN:
    case SDLK_RIGHT:
    case SDLK_PAGEUP:
    case SDLK_LEFT: {
        int to = L->table_page + (k == SDLK_PAGEDOWN || k == SDLK_RIGHT ? 1 : -1);
        if (to >= 0 && to < L->table_pages) {
            a->table_page = to;
            a->lay_dirty = true;
        } else {
            scr_app_set_view(a, 0);
        }
        return true;
    }
    case SDLK_UP:
    case SDLK_DOWN:
        scr_app_set_view(a, 0);
        return false; /* and the selection moves */
    default:
        return false;
    }
}

static void key_game(ScrApp *a, SDL_Keycode k)
{
    ScrModel *m = a->m;
    int n = m->wk.nchoices;
    bool over = bs_game_over(&m->p->g);
    if (a->lay->portrait && (k == SDLK_t || k == SDLK_TAB)) { /* a phone's two views */
        scr_app_set_view(a, !a->view);
        return;
    }
    if (a->demo && !is_facilitator_key(k)) {
        /* any key pauses the demo; while paused, "next" plays one week */
        if (a->paused && (k == SDLK_PAGEDOWN || k == SDLK_RIGHT)) {
            int pick = a->demo_pick >= 0 ? a->demo_pick : scr_model_policy_choice(m, a->demo_policy, a->demo_salt);
            a->paused = false;
            choose(a, over ? -2 : (n ? pick : -1));
            a->paused = true;
            a->demo_pick = -1;
            return;
        }
        a->paused = !a->paused;
        a->demo_next = a->now + a->demo_seconds * 0.5;
        return;
    }
    int d = digit_of(k);
    if (d >= 0) {
        if (d < n)
            choose(a, d);
        return;
    }
    if (a->lay->portrait && a->view == 1 && key_table_view(a, k))
        return;
    /* the choices over clicker pages (a projector that cannot show them
     * all): with nothing selected, Page Down shows the next page and Page Up
     * the one before; the selection's page is the one shown */
    const ScrLayout *L = a->lay;
    bool paged = L->choice_pages > 1 && a->sel < 0 && !over;
    switch (k) {
    case SDLK_UP:
        if (n)
            a->sel = a->sel <= 0 ? n - 1 : a->sel - 1;
        break;
    case SDLK_DOWN:
        if (n)
            a->sel = a->sel < 0 || a->sel >= n - 1 ? 0 : a->sel + 1;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
    case SDLK_PAGEDOWN:
    case SDLK_RIGHT:
        if (over)
            go_debrief(a);
        else if (n == 0)
            choose(a, -1);
        else if (a->sel >= 0)
            choose(a, a->sel);
        else if (a->hover >= 0 && (k == SDLK_RETURN || k == SDLK_KP_ENTER))
            choose(a, a->hover);
        else if ((k == SDLK_PAGEDOWN || k == SDLK_RIGHT) && paged && L->choice_page < L->choice_pages - 1)
            a->choice_page = L->choice_page + 1;
        else if (k == SDLK_PAGEDOWN || k == SDLK_RIGHT)
            a->sel = paged ? L->choice_first : 0;
        break;
    case SDLK_PAGEUP:
    case SDLK_LEFT:
        if (paged && L->choice_page > 0)
            a->choice_page = L->choice_page - 1;
        else if (n)
            a->sel = a->sel <= 0 ? n - 1 : a->sel - 1;
        break;
    case SDLK_d:
        if (over)
            go_debrief(a);
        break;
    default:
        break;
    }
    if (L->choice_pages > 1)
        a->lay_dirty = true; /* the page may have turned */
}

/* The debrief's pages in order: (role-play) the players compared, then each
 * player's; a player's has five pages on a projector
 * (scr_debrief_pages). */
static void deb_next(ScrApp *a)
{
    int n = a->m->p->ss.nseats;
    if (a->deb_seat < 0) {
        scr_app_debrief_seat(a, 0);
    } else if (a->deb_page < scr_debrief_pages(a) - 1) { /* the clicker turns the page */
        a->deb_page++;
        a->lay_dirty = true;
    } else if (a->deb_seat + 1 < n) {
        scr_app_debrief_seat(a, a->deb_seat + 1);
    }
}

static void deb_back(ScrApp *a)
{
    int n = a->m->p->ss.nseats;
    if (a->deb_seat >= 0 && a->deb_page > 0) {
        a->deb_page--;
        a->lay_dirty = true;
    } else if (n > 1 && a->deb_seat > 0) {
        scr_app_debrief_seat(a, a->deb_seat - 1);
        a->deb_page = 99; /* its last page (the layout clamps it) */
    } else if (n > 1 && a->deb_seat == 0) {
        scr_app_debrief_seat(a, -1);
    } else {
        a->screen = SCR_GAME;
        a->lay_dirty = true;
        if (a->m->p->replay)
            a->sel = scr_model_replay_choice(a->m);
    }
}

static void to_start(ScrApp *a)
{
    scr_model_free(a->m);
    a->m = NULL;
    a->modal = SCR_MODAL_NONE;
    a->help = a->reveal = a->paused = false;
    scr_app_show_start(a);
}

static void key_debrief(ScrApp *a, SDL_Keycode k)
{
    int d = digit_of(k);
    if (d >= 0) { /* role-play: a player's own debrief */
        if (a->m->p->ss.nseats > 1 && d < a->m->p->ss.nseats)
            scr_app_debrief_seat(a, d);
        return;
    }
    switch (k) {
    case SDLK_e:
        export_debrief(a);
        break;
    case SDLK_n:
        if (a->m->p->replay) {
            to_start(a);
            break;
        }
        restart(a, true);
        scr_app_toast(a, S(a, "screen.new_game"));
        break;
    case SDLK_TAB:
    case SDLK_a:
        if (a->m->p->ss.nseats > 1)
            scr_app_debrief_seat(a, a->deb_seat < 0 ? 0 : -1);
        break;
    case SDLK_HOME:
        if (a->m->p->replay)
            to_start(a);
        break;
    case SDLK_PAGEDOWN:
    case SDLK_RIGHT:
    case SDLK_SPACE:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        deb_next(a);
        break;
    case SDLK_BACKSPACE:
        a->screen = SCR_GAME;
        a->lay_dirty = true;
        if (a->m->p->replay)
            a->sel = scr_model_replay_choice(a->m);
        break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
        deb_back(a);
        break;
    default:
        break;
    }
}

/* A past game, week by week: read-only. */
static bool key_replay(ScrApp *a, SDL_Keycode k)
{
    ScrModel *m = a->m;
    switch (k) {
    case SDLK_PAGEDOWN:
    case SDLK_RIGHT:
    case SDLK_SPACE:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (m->p->view_week < m->p->ss.nweeks)
            scr_model_view_week(m, m->p->view_week + 1, a->now);
        else if (bs_game_over(&m->p->g))
            go_debrief(a);
        break;
    case SDLK_PAGEUP:
    case SDLK_LEFT:
    case SDLK_BACKSPACE:
        if (m->p->view_week > 0)
            scr_model_view_week(m, m->p->view_week - 1, a->now);
        break;
    case SDLK_HOME:
    case SDLK_n:
        to_start(a);
        return true;
    case SDLK_t: /* a phone's two views */
        if (a->lay->portrait)
            scr_app_set_view(a, !a->view);
        return true;
    case SDLK_TAB: /* role-play: the next player's side of the same week */
        if (m->p->g.nseats > 1) {
            m->p->seat = (m->p->seat + 1) % m->p->g.nseats;
            scr_model_refresh(m);
        }
        break;
    case SDLK_d:
        if (bs_game_over(&m->p->g))
            go_debrief(a);
        break;
    case SDLK_r:
    case SDLK_F1:
    case SDLK_h:
        return false; /* the hidden state and the keys: as in a game */
    default:
        return true; /* nothing else changes a past game */
    }
    a->sel = scr_model_replay_choice(m);
    a->hover = -1;
    a->lay_dirty = true;
    return true;
}

/* Keys while a panel is open; false: not the panel's (F1, F11, black...). */
static bool key_panel(ScrApp *a, SDL_Keycode k)
{
    int d = digit_of(k);
    if (a->modal == SCR_MODAL_PREDICT) {
        int v = 0;
        if (d >= 0 && d < 3)
            v = d + 1;
        else if (k == SDLK_u || k == SDLK_PLUS || k == SDLK_KP_PLUS)
            v = BS_PREDICT_UP;
        else if (k == SDLK_s || k == SDLK_EQUALS)
            v = BS_PREDICT_SAME;
        else if (k == SDLK_d || k == SDLK_MINUS || k == SDLK_KP_MINUS)
            v = BS_PREDICT_DOWN;
        if (v) {
            scr_app_predict_set(a, a->pred_row < 3 ? a->pred_row : 0, v);
            return true;
        }
        switch (k) {
        case SDLK_UP:
            a->pred_row = a->pred_row <= 0 ? 3 : a->pred_row - 1;
            return true;
        case SDLK_DOWN:
        case SDLK_TAB:
            a->pred_row = a->pred_row >= 3 ? 0 : a->pred_row + 1;
            return true;
        case SDLK_LEFT:
        case SDLK_RIGHT:
            if (a->pred_row < 3) {
                int cur = a->pred[a->pred_row] ? a->pred[a->pred_row] : 2;
                cur += k == SDLK_LEFT ? -1 : 1;
                a->pred[a->pred_row] = (uint8_t)(cur < 1 ? 3 : cur > 3 ? 1 : cur);
            }
            return true;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
        case SDLK_PAGEDOWN:
            scr_app_predict_confirm(a);
            return true;
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
        case SDLK_PAGEUP: /* choose again */
            close_modal(a);
            return true;
        default:
            return false;
        }
    }
    if (a->modal == SCR_MODAL_REVEAL) {
        switch (k) {
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
        case SDLK_PAGEDOWN:
        case SDLK_RIGHT:
        case SDLK_ESCAPE:
            scr_app_go_on(a);
            return true;
        default:
            return false;
        }
    }
    if (a->modal == SCR_MODAL_INJECT) {
        int n = a->pn->i_n;
        if (k == SDLK_0 || k == SDLK_KP_0)
            d = 9; /* the tenth */
        if (d >= 0) {
            if (d < n)
                scr_app_inject_item(a, d);
            return true;
        }
        switch (k) {
        case SDLK_UP:
        case SDLK_PAGEUP:
            a->inj_sel = a->inj_sel <= 0 ? n - 1 : a->inj_sel - 1;
            return true;
        case SDLK_DOWN:
        case SDLK_TAB:
            a->inj_sel = a->inj_sel >= n - 1 ? 0 : a->inj_sel + 1;
            return true;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
        case SDLK_PAGEDOWN:
            scr_app_inject_item(a, a->inj_sel);
            return true;
        case SDLK_ESCAPE:
        case SDLK_BACKSPACE:
        case SDLK_i:
            close_modal(a);
            return true;
        default:
            return false;
        }
    }
    return false;
}

static bool held_key_repeats(const ScrApp *a, SDL_Keycode k)
{
    if (k == SDLK_UP || k == SDLK_DOWN)
        return true;
    return (k == SDLK_LEFT || k == SDLK_RIGHT) && a->screen == SCR_GAME && a->m && a->m->p->replay &&
           a->modal == SCR_MODAL_NONE;
}

void scr_start_key(ScrApp *a, SDL_Keycode k);
void scr_start_click(ScrApp *a, int x, int y);
void scr_start_motion(ScrApp *a, int x, int y);
void scr_start_wheel(ScrApp *a, int dy);
void scr_start_finger(ScrApp *a, const SDL_TouchFingerEvent *f);

static void key_down(ScrApp *a, const SDL_KeyboardEvent *ke)
{
    SDL_Keycode k = ke->keysym.sym;
    Uint16 mod = ke->keysym.mod;
    /* A held key acts once: a trainee resting on "1", a clicker that repeats
     * Page Down or a facilitator holding "u" must not play or undo several
     * weeks. Only moving through a list, and browsing a past game, repeat. */
    if (ke->repeat && !held_key_repeats(a, k))
        return;
    if (a->black) { /* any key brings the picture back */
        a->black = false;
        return;
    }
    if (a->m && a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE && !(mod & KMOD_CTRL) && key_panel(a, k))
        return;
    if ((mod & KMOD_CTRL) && k == SDLK_q) {
        if (a->m && a->m->p->save_path[0] && a->m->p->ss.nweeks > 0) {
            BsErrors e; /* on the way out: the autosave of the last week stands */
            bs_errors_init(&e, a->m->p->save_path);
            scr_model_save(a->m, a->m->p->save_path, &e);
            bs_errors_free(&e);
        }
        a->quit = true;
        return;
    }
    switch (k) {
    case SDLK_PERIOD:
    case SDLK_b:
        a->black = true;
        return;
    case SDLK_F1:
    case SDLK_h:
        a->help = !a->help;
        return;
    case SDLK_F11:
        set_fullscreen(a, !a->fullscreen);
        return;
    case SDLK_F5:
        if (a->screen == SCR_START) {
            scr_start_key(a, SDLK_F5);
            if (!a->fullscreen && a->win)
                set_fullscreen(a, true);
            return;
        }
        if (!a->fullscreen)
            set_fullscreen(a, true);
        return;
    case SDLK_ESCAPE:
        /* never quits: closes a panel, else leaves fullscreen */
        if (a->help || a->reveal) {
            a->help = a->reveal = false;
        } else if (a->fullscreen) {
            set_fullscreen(a, false);
        } else if (a->screen != SCR_START) {
            scr_app_toast(a, S(a, "screen.how_to_quit"));
        }
        return;
    case SDLK_F12:
    case SDLK_PRINTSCREEN: {
        user_file_name(a, "screenshot", "png", a->shot_path, sizeof a->shot_path);
        a->shot_pending = true;
        a->toast[0] = '\0';
        a->shot_note[0] = '\0';
        return;
    }
    default:
        break;
    }
    if (a->screen == SCR_START) {
        scr_start_key(a, k);
        return;
    }
    if (!a->m)
        return;
    if (a->screen == SCR_PASS) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE || k == SDLK_PAGEDOWN || k == SDLK_RIGHT)
            scr_app_go_on(a);
        return;
    }
    if (a->m->p->replay && a->screen == SCR_GAME && key_replay(a, k))
        return;
    switch (k) {
    case SDLK_p:
        a->paused = !a->paused;
        if (!a->paused)
            a->demo_next = a->now + a->demo_seconds * 0.5;
        return;
    case SDLK_r:
        a->reveal = !a->reveal;
        return;
    case SDLK_u:
    case SDLK_BACKSPACE:
        if (a->screen == SCR_DEBRIEF && k == SDLK_BACKSPACE)
            break;
        undo(a);
        return;
    case SDLK_s:
        if (!a->m->p->replay)
            save_now(a);
        return;
    case SDLK_i:
        if (a->screen == SCR_GAME)
            scr_app_open_inject(a);
        return;
    default:
        break;
    }
    if (a->screen == SCR_GAME)
        key_game(a, k);
    else if (a->screen == SCR_DEBRIEF)
        key_debrief(a, k);
}

static void mouse_motion(ScrApp *a, int x, int y)
{
    if (a->screen == SCR_START) {
        scr_start_motion(a, x, y);
        return;
    }
    if (a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE) {
        a->ovl_hover = scr_hit(a->ovl, x, y, a->modal == SCR_MODAL_INJECT ? K_LIST_ITEM : K_BUTTON);
        return;
    }
    if (a->screen == SCR_GAME && a->m && a->m->p->replay)
        return;
    if (a->screen == SCR_GAME) {
        int h = scr_hit(a->lay, x, y, K_CHOICE);
        if (h != a->hover) {
            a->hover = h;
            if (h >= 0)
                a->sel = -1;
        }
    } else if (a->screen == SCR_DEBRIEF) {
        a->deb_hover = scr_hit(a->lay, x, y, K_BUTTON);
        if (a->deb_hover < 0 && a->deb_seat < 0) {
            int c = scr_hit(a->lay, x, y, K_LIST_ITEM);
            a->deb_hover = c >= 0 ? 100 + c : -1;
        }
    }
}

static void click_panel(ScrApp *a, int x, int y)
{
    if (scr_hit(a->ovl, x, y, K_NEXT_BUTTON) >= 0) {
        scr_app_go_on(a);
        return;
    }
    if (a->modal == SCR_MODAL_PREDICT) {
        int t = scr_hit(a->ovl, x, y, K_BUTTON);
        if (t >= 0) {
            a->pred_row = t / 3;
            scr_app_predict_set(a, t / 3, t % 3 + 1);
        }
        return;
    }
    if (a->modal == SCR_MODAL_INJECT) {
        int t = scr_hit(a->ovl, x, y, K_LIST_ITEM);
        if (t >= 0)
            scr_app_inject_item(a, t);
        else if (scr_hit(a->ovl, x, y, K_OVERLAY) < 0)
            close_modal(a); /* a click beside the list closes it */
    }
}

static void mouse_click(ScrApp *a, int x, int y)
{
    if (a->black) {
        a->black = false;
        return;
    }
    if (a->help || a->reveal) {
        a->help = a->reveal = false;
        return;
    }
    if (a->screen == SCR_START) {
        scr_start_click(a, x, y);
        return;
    }
    if (!a->m)
        return;
    if (a->screen == SCR_PASS) {
        scr_app_go_on(a);
        return;
    }
    if (a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE) {
        click_panel(a, x, y);
        return;
    }
    if (a->screen == SCR_GAME && a->lay->portrait) { /* a phone's tabs: the buyer, the buyer's table */
        int t = scr_hit(a->lay, x, y, K_TAB);
        if (t >= 0) {
            scr_app_set_view(a, t);
            return;
        }
        if (a->lay->view == 1 && scr_hit(a->lay, x, y, K_PAGER) >= 0) { /* the table's next page */
            a->table_page = (a->lay->table_page + 1) % a->lay->table_pages;
            a->lay_dirty = true;
            return;
        }
    }
    if (a->screen == SCR_GAME && a->m->p->replay) {
        if (scr_hit(a->lay, x, y, K_NEXT_BUTTON) >= 0 && bs_game_over(&a->m->p->g) && a->m->p->view_week >= a->m->p->ss.nweeks)
            go_debrief(a);
        else
            key_replay(a, SDLK_PAGEDOWN); /* a click turns the page */
        return;
    }
    if (a->screen == SCR_GAME) {
        if (a->demo) {
            a->paused = !a->paused;
            return;
        }
        int k = scr_hit(a->lay, x, y, K_CHOICE);
        if (k >= 0) {
            choose(a, k);
            return;
        }
        if (scr_hit(a->lay, x, y, K_PAGER) >= 0) { /* a tap on "Choices 1-5 of 9": the next page */
            a->choice_page = (a->lay->choice_page + 1) % a->lay->choice_pages;
            a->sel = a->hover = -1;
            a->lay_dirty = true;
            return;
        }
        if (scr_hit(a->lay, x, y, K_NEXT_BUTTON) >= 0) {
            if (bs_game_over(&a->m->p->g))
                go_debrief(a);
            else
                choose(a, -1);
        }
    } else if (a->screen == SCR_DEBRIEF) {
        int b = scr_hit(a->lay, x, y, K_BUTTON);
        if (b == 0)
            export_debrief(a);
        else if (b == 1)
            key_debrief(a, SDLK_n);
        else if (b == 2)
            key_debrief(a, SDLK_BACKSPACE);
        else if (b == 3)
            scr_app_debrief_seat(a, -1);
        else if (scr_hit(a->lay, x, y, K_PAGER) >= 0) { /* "Page 2 of 3": a tap turns it */
            a->deb_page = (a->deb_page + 1) % scr_debrief_pages(a);
            a->lay_dirty = true;
        } else if (a->deb_seat < 0) {
            int seat = scr_hit(a->lay, x, y, K_LIST_ITEM);
            if (seat >= 0)
                scr_app_debrief_seat(a, seat);
        }
    }
}

/* A press (a finger; on a portrait screen the mouse too) that lifts where
 * it went down is a tap: a click there. Dragged across (a swipe) on a
 * phone's game it switches between the buyer and the table; dragged up or
 * down it turns the page of choices, of the table, of the debrief. */
static void press_begin(ScrApp *a, float x, float y, bool touch, SDL_FingerID finger)
{
    a->press_on = true;
    a->press_dragged = false;
    a->press_touch = touch;
    a->press_finger = finger;
    a->press_x = x;
    a->press_y = y;
    a->press_dx = a->press_dy = 0;
}

static void press_move(ScrApp *a, float x, float y)
{
    a->press_dx = x - a->press_x;
    a->press_dy = y - a->press_y;
    float slop = (float)(a->out_w < a->out_h ? a->out_w : a->out_h) / 30.0f;
    if (slop < 8)
        slop = 8;
    if (a->press_dx > slop || a->press_dx < -slop || a->press_dy > slop || a->press_dy < -slop)
        a->press_dragged = true;
}

/* The next (dir 1) or the page before (-1), where there is one. */
static void turn_page(ScrApp *a, int dir)
{
    const ScrLayout *L = a->lay;
    if (a->screen == SCR_GAME && a->modal == SCR_MODAL_NONE) {
        if (L->portrait && L->view == 1) {
            int p = L->table_page + dir;
            if (p >= 0 && p < L->table_pages) {
                a->table_page = p;
                a->lay_dirty = true;
            }
        } else if (L->choice_pages > 1) {
            int p = L->choice_page + dir;
            if (p >= 0 && p < L->choice_pages) {
                a->choice_page = p;
                a->sel = a->hover = -1;
                a->lay_dirty = true;
            }
        }
    } else if (a->screen == SCR_DEBRIEF && a->deb_seat >= 0) {
        int p = a->deb_page + dir;
        if (p >= 0 && p < scr_debrief_pages(a)) {
            a->deb_page = p;
            a->lay_dirty = true;
        }
    }
}

static void press_end(ScrApp *a, float x, float y)
{
    press_move(a, x, y);
    a->press_on = false;
    if (!a->press_dragged) {
        int px = (int)a->press_x, py = (int)a->press_y;
        mouse_motion(a, px, py);
        mouse_click(a, px, py);
        if (a->press_touch) /* no pointer stays over the screen */
            a->hover = -1;
        return;
    }
    float dx = a->press_dx, dy = a->press_dy;
    float adx = dx < 0 ? -dx : dx, ady = dy < 0 ? -dy : dy;
    if (adx > ady * 1.2f && adx >= (float)a->out_w / 6.0f) {
        if (a->screen == SCR_GAME && a->modal == SCR_MODAL_NONE && a->lay->portrait && !a->help && !a->reveal &&
            !a->black)
            scr_app_set_view(a, dx < 0 ? 1 : 0); /* the table is to the right of the buyer */
    } else if (ady > adx && ady >= (float)a->out_h / 14.0f) {
        if (!a->help && !a->reveal && !a->black)
            turn_page(a, dy < 0 ? 1 : -1); /* up: the next page */
    }
}

static void finger_event(ScrApp *a, const SDL_TouchFingerEvent *f)
{
    if (f->touchId == SDL_MOUSE_TOUCHID) /* the mouse's own, were SDL to make them: the mouse acts */
        return;
    float x = f->x * (float)a->out_w, y = f->y * (float)a->out_h;
    if (f->type == SDL_FINGERDOWN) {
        if (a->press_on) /* a second finger (or a lift never heard of): no tap, no swipe */
            a->press_on = false;
        else
            press_begin(a, x, y, true, f->fingerId);
        return;
    }
    if (!a->press_on || !a->press_touch || f->fingerId != a->press_finger)
        return;
    if (f->type == SDL_FINGERMOTION)
        press_move(a, x, y);
    else if (f->type == SDL_FINGERUP)
        press_end(a, x, y);
}

void scr_app_event(ScrApp *a, const SDL_Event *e)
{
    a->events_handled++;
    switch (e->type) {
    case SDL_QUIT:
        /* the game is saved after every week; save once more on the way out */
        if (a->m && a->m->p->save_path[0] && a->m->p->ss.nweeks > 0) {
            BsErrors se; /* on the way out: the autosave of the last week stands */
            bs_errors_init(&se, a->m->p->save_path);
            scr_model_save(a->m, a->m->p->save_path, &se);
            bs_errors_free(&se);
        }
        a->quit = true;
        break;
    case SDL_WINDOWEVENT:
        switch (e->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED:
        case SDL_WINDOWEVENT_DISPLAY_CHANGED:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_MAXIMIZED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_EXPOSED:
            scr_app_query_size(a);
            if (e->window.event != SDL_WINDOWEVENT_EXPOSED)
                a->lay_dirty = true;
            break;
        case SDL_WINDOWEVENT_FOCUS_LOST:
            a->press_on = false; /* its button may come up elsewhere */
            a->hover = -1;
            break;
        case SDL_WINDOWEVENT_LEAVE:
            a->hover = -1;
            break;
        default:
            break;
        }
        break;
    case SDL_DISPLAYEVENT:
        /* Display indices shift when one is unplugged (SDL 2.26): nothing is
         * cached; look again, and put fullscreen back on a new display. */
        if (a->win) {
            (void)SDL_GetNumVideoDisplays();
            (void)SDL_GetWindowDisplayIndex(a->win);
            if (e->display.event == SDL_DISPLAYEVENT_CONNECTED && a->fullscreen)
                SDL_SetWindowFullscreen(a->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
        }
        scr_app_query_size(a);
        a->lay_dirty = true;
        break;
    case SDL_RENDER_TARGETS_RESET:
        drop_textures(a, false);
        break;
    case SDL_RENDER_DEVICE_RESET:
        drop_textures(a, true);
        break;
    case SDL_KEYDOWN:
        key_down(a, &e->key);
        break;
    case SDL_MOUSEMOTION:
        /* touch comes as fingers (SDL makes mouse events of them too, and the
         * web's SDL sends both): one of each, never two */
        if (e->motion.which == SDL_TOUCH_MOUSEID)
            break;
        if (a->press_on && !a->press_touch)
            press_move(a, (float)mouse_x(a, e->motion.x), (float)mouse_y(a, e->motion.y));
        mouse_motion(a, mouse_x(a, e->motion.x), mouse_y(a, e->motion.y));
        break;
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.which == SDL_TOUCH_MOUSEID)
            break;
        if (e->button.button == SDL_BUTTON_LEFT) {
            int x = mouse_x(a, e->button.x), y = mouse_y(a, e->button.y);
            mouse_motion(a, x, y);
            /* a portrait screen: a click when the button comes up where it
             * went down, a drag to switch or turn (a phone's gestures) */
            if (a->press_on && a->press_touch)
                break; /* a finger is down */
            if (a->lay->portrait && a->screen != SCR_START)
                press_begin(a, (float)x, (float)y, false, 0);
            else
                mouse_click(a, x, y);
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.which != SDL_TOUCH_MOUSEID && e->button.button == SDL_BUTTON_LEFT && a->press_on &&
            !a->press_touch)
            press_end(a, (float)mouse_x(a, e->button.x), (float)mouse_y(a, e->button.y));
        break;
    case SDL_MOUSEWHEEL:
        if (a->screen == SCR_START)
            scr_start_wheel(a, e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -e->wheel.y : e->wheel.y);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        if (a->screen == SCR_START && !a->press_on)
            scr_start_finger(a, &e->tfinger);
        else
            finger_event(a, &e->tfinger);
        break;
    default:
        break;
    }
}

/*============================================================================
 * Frames
 *==========================================================================*/
static void demo_tick(ScrApp *a)
{
    ScrModel *m = a->m;
    if (!a->demo || !m || a->paused || a->help || a->reveal || a->black)
        return;
    double T = a->demo_seconds;
    if (a->screen == SCR_PASS) {
        begin_turn(a);
        return;
    }
    if (a->screen == SCR_DEBRIEF && a->deb_seat < 0 && a->now >= a->over_since + T * 2) {
        scr_app_debrief_seat(a, 0); /* role-play demo: the ranking, then the first player's */
        return;
    }
    if (a->screen == SCR_GAME && !bs_game_over(&m->p->g)) {
        if (a->demo_pick < 0 && m->wk.nchoices > 0 && a->now >= a->demo_next - T * 0.4)
        {
            a->demo_pick = scr_model_policy_choice(m, a->demo_policy, a->demo_salt);
            a->lay_dirty |= a->lay->choice_pages > 1; /* show the page it is on */
        }
        if (a->now >= a->demo_next) {
            int pick = m->wk.nchoices ? (a->demo_pick >= 0 ? a->demo_pick : 0) : -1;
            a->demo_pick = -1;
            choose(a, pick);
            a->demo_next = a->now + T;
        }
        return;
    }
    if (a->over_since < 0)
        a->over_since = a->now;
    if (a->screen == SCR_GAME && a->now >= a->over_since + T)
        go_debrief(a);
    else if (a->screen == SCR_DEBRIEF && a->loop && a->now >= a->over_since + T * 4) {
        a->demo_salt++;
        restart(a, true);
    }
}

static void relayout(ScrApp *a)
{
    if (a->screen == SCR_START) {
        scr_layout_start(a);
    } else if (a->screen == SCR_DEBRIEF) {
        scr_layout_debrief(a);
    } else if (a->m) {
        bs_text_set_lang(a->text, a->m->p->lang);
        ScrMeasure me = scr_measure_for(a->text);
        if (a->hint_w != a->out_w || a->hint_h != a->out_h)
            a->hint_left = a->hint_right = 0; /* a new size: start from the largest type */
        /* the choices' page: the one of the choice the keys (or the demo)
         * point at, else the one turned to */
        int focus = a->sel >= 0 ? a->sel + 1 : a->demo && a->demo_pick >= 0 ? a->demo_pick + 1 : 0;
        ScrLayoutIn in = {a->out_w, a->out_h, a->projector, a->exam || a->m->p->predict, a->demo, a->hint_left,
                          a->hint_right, a->choice_page, focus, a->view, a->table_page};
        scr_layout_game(a->lay, &in, &a->m->wk, &me);
        /* a phone shows one view: the other's page and sizes stay as they were */
        if (!a->lay->portrait || a->lay->view == 0)
            a->choice_page = a->lay->choice_page;
        if (a->lay->portrait && a->lay->view == 1)
            a->table_page = a->lay->table_page;
        if (a->lay->body_px_left > 0)
            a->hint_left = a->lay->body_px_left;
        if (a->lay->body_px_right > 0)
            a->hint_right = a->lay->body_px_right;
        a->hint_w = a->out_w;
        a->hint_h = a->out_h;
    }
    a->lay_dirty = false;
    a->ovl_dirty = true; /* panels sit in the game's layout */
}

void scr_app_frame(ScrApp *a, double now)
{
    a->now = now;
    if (!a->ren)
        return;
    scr_app_query_size(a);
    if (a->m && a->m->p->unwritten && a->frames != a->moved_frame) {
        /* the last move's save, in the frame after the one that shows its week */
        scr_model_write(a->m);
        toast_model_error(a);
    }
    demo_tick(a);
    bs_text_frame_begin(a->text);
    if (a->screen == SCR_PASS && !a->m)
        a->screen = SCR_START;
    if (a->lay_dirty)
        relayout(a);
    bool panel = a->m && (a->screen == SCR_PASS || (a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE));
    if (panel && a->ovl_dirty)
        scr_layout_panel(a);
    a->draw.nlog = 0;
    /* SDL may reset the viewport (window moves, HiDPI changes): set it and
     * the clip every frame */
    SDL_RenderSetViewport(a->ren, NULL);
    SDL_RenderSetClipRect(a->ren, NULL);
    SDL_SetRenderDrawBlendMode(a->ren, SDL_BLENDMODE_BLEND);
    SDL_Color bg = a->th.bg;
    SDL_SetRenderDrawColor(a->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(a->ren);
    if (a->screen == SCR_START)
        scr_draw_start(a);
    else if (a->screen == SCR_DEBRIEF)
        scr_draw_debrief(a);
    else if (a->m && a->screen == SCR_GAME)
        scr_draw_game(a);
    if (panel)
        scr_draw_panel(a);
    scr_draw_overlays(a);
    if (a->shot_pending) {
        a->shot_pending = false;
        char line[1400], where[1100];
        BsErrors e;
        bs_errors_init(&e, "");
        if (keep_png(a, a->shot_path, where, sizeof where, &e)) {
            if (a->shot_note[0])
                snprintf(line, sizeof line, "%s", a->shot_note);
            else
                snprintf(line, sizeof line, "%s %s", S(a, "screen.shot_saved"), where);
        } else {
            app_error_line(&e, 0, line, sizeof line);
        }
        bs_errors_free(&e);
        a->shot_note[0] = '\0';
        scr_app_toast(a, line);
    }
    if (!a->offscreen) {
        SDL_RenderPresent(a->ren);
        if (a->frames == 0)
            scr_stamp("first full frame");
    }
    a->frames++;
}

bool scr_app_wants_frame(const ScrApp *a)
{
    if (a->lay_dirty || a->shot_pending || (a->m && a->m->p->unwritten))
        return true;
    if (a->ovl_dirty && a->m && (a->screen == SCR_PASS || (a->screen == SCR_GAME && a->modal != SCR_MODAL_NONE)))
        return true;
    if (a->m && scr_anim_running(&a->m->anim, a->now))
        return true;
    if (a->demo && !a->paused)
        return true;
    if (a->toast[0] && a->now < a->toast_until + 0.1)
        return true;
    return false;
}
