/* platform_web.c: the screen's platform seam (platform.h) in a browser
 * (Emscripten). The browser owns the loop: requestAnimationFrame calls one
 * tick per display frame. scr_platform_run never returns: it hands the loop
 * to the browser and unwinds to the page (Emscripten's simulated infinite
 * loop), leaving the C stack as it was, so what the callbacks point at on
 * the caller's stack stays valid, as on a desktop. A kept
 * file is offered as a download; the page (engine/web/page.js) does that. */
#include "platform.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <emscripten.h>

#include "text_internal.h"
#include "ui.h"

typedef struct {
    ScrLoop l;
    double t0, last_frame;
    bool running;
} WebLoop;

static WebLoop web_loop; /* the one loop of the page */

/* The page's side (engine/web/page.js). */
EM_JS(void, page_game_ended, (void), { if (Module.onGameEnded) Module.onGameEnded(); })
EM_JS(void, page_report, (const char *json), { if (Module.onGameState) Module.onGameState(UTF8ToString(json)); })
EM_JS(void, page_frame, (double ms, int ahead), { if (Module.onFrame) Module.onFrame(ms, ahead); })
EM_JS(void, page_lang, (const char *lang), { if (Module.onLang) Module.onLang(UTF8ToString(lang)); })
EM_JS(void, page_download, (const char *name, const void *data, size_t len),
      { Module.download(UTF8ToString(name), HEAPU8.slice(data, data + len)); })

static double now_s(void) { return emscripten_get_now() / 1000.0 - web_loop.t0; }

static void tick(void *ud)
{
    WebLoop *w = ud;
    const ScrLoop *l = &w->l;
    double t0 = emscripten_get_now(); /* the tick's time: its events and its frame */
    SDL_Event e;
    bool any = false;
    while (SDL_PollEvent(&e)) {
        l->event(l->ud, &e, now_s());
        any = true;
    }
    double now = now_s();
    /* idle: nothing moves and nothing happened; a frame only when a timer
     * may be due (the demo's clock, a watch) */
    if (!any && !l->busy(l->ud) && now - w->last_frame < (l->idle_s > 0 ? l->idle_s : 0.2)) {
        if (l->idle && l->idle(l->ud)) /* work ahead of time takes a tick too: measured as one */
            page_frame(emscripten_get_now() - t0, 1);
        return;
    }
    w->last_frame = now;
    bool go_on = l->frame(l->ud, now);
    page_frame(emscripten_get_now() - t0, 0); /* for the web benchmark */
    if (!go_on) {
        w->running = false;
        emscripten_cancel_main_loop();
        if (l->cleanup)
            l->cleanup(l->ud);
        page_game_ended();
    }
}

bool scr_platform_run(const ScrLoop *l)
{
    web_loop = (WebLoop){.l = *l, .t0 = emscripten_get_now() / 1000.0};
    if (l->init && !l->init(l->ud))
        return false;
    web_loop.running = true;
    /* 0: at the display's rate, from requestAnimationFrame; 1: unwind to
     * the page now, the code after this call never runs */
    emscripten_set_main_loop_arg(tick, &web_loop, 0, 1);
    return true;
}

bool scr_platform_reports(void) { return true; }

void scr_platform_report(const char *json) { page_report(json); }

void scr_platform_lang(const char *lang) { page_lang(lang); }

bool scr_platform_can_start_fullscreen(void) { return false; }

bool scr_platform_keep_file(const char *dir, const char *name, const void *data, size_t len, char *where,
                            size_t where_cap, BsErrors *errs)
{
    (void)dir;
    (void)errs;
    page_download(name, data, len);
    snprintf(where, where_cap, "%s (%s)", name, "download");
    return true;
}

/* The page fetches its language's fonts (engine/web/page.js) before the
 * game starts: its subset at /fonts/regular.otf and /fonts/bold.otf, or,
 * for a case with characters outside it, Debian's whole Noto Sans CJK
 * collections at /fonts/regular.ttc and /fonts/bold.ttc (face 2: SC). */
bool scr_platform_find_fonts(BsTextFonts *out, BsErrors *errs)
{
    char why[384];
    BsTextFontFile reg = {.path = "/fonts/regular.otf"}, bold = {.path = "/fonts/bold.otf"};
    if (access("/fonts/regular.ttc", R_OK) == 0) {
        reg = (BsTextFontFile){.path = "/fonts/regular.ttc", .index = 2};
        bold = (BsTextFontFile){.path = "/fonts/bold.ttc", .index = 2};
    }
    if (!fonts_verify(&reg, why, sizeof why, &out->replacement)) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "the page's font %s", why);
        return false;
    }
    out->regular = reg;
    out->bold_synthetic = !fonts_verify(&bold, why, sizeof why, NULL);
    out->bold = out->bold_synthetic ? reg : bold;
    return true;
}
