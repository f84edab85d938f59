/* platform.h: what the screen needs from the platform it runs on, behind
 * one small seam (in the manner of sokol_app), so that the same screen runs
 * on a desktop, in a browser (its requestAnimationFrame drives the frames)
 * or under a test driver without #ifdefs spread through it.
 *
 * - The main loop is four callbacks: init, event, frame, cleanup. The
 *   platform owns the loop: it gathers events, calls frame, and sleeps when
 *   the application says nothing moves (ScrLoop.busy).
 * - Files the player keeps (a screenshot, the debrief's PNG and JSON) go
 *   through scr_platform_keep_file: the per-user folder on a desktop, a
 *   download in a browser.
 * - Fonts are found by one function, scr_platform_find_fonts: fontconfig on
 *   a desktop, the fonts the page fetched for its language in a browser
 *   (bs_text_find_fonts, text.h, asks it after BUYERSIM_FONT and before the
 *   fonts the game ships). */
#ifndef BS_SCREEN_PLATFORM_H
#define BS_SCREEN_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "bs.h"
#include "text.h"

typedef struct {
    void *ud;
    /* once, before the first event; false: nothing to run (the reason is
     * the application's to tell) */
    bool (*init)(void *ud);
    /* every event, in order, at `now` (seconds since the loop began) */
    void (*event)(void *ud, const SDL_Event *e, double now);
    /* a frame at `now` (seconds since the loop began); false: quit */
    bool (*frame)(void *ud, double now);
    /* frames wanted now (something moves), else the loop may sleep until the
     * next event or `idle_s` */
    bool (*busy)(void *ud);
    /* while not busy: one small piece of work ahead of time; true when it
     * did some (the loop asks again soon instead of sleeping). May be NULL */
    bool (*idle)(void *ud);
    /* once, after the last frame */
    void (*cleanup)(void *ud);
    double idle_s;                /* the longest sleep when idle (timers: demo, watch) */
} ScrLoop;

/* Runs the loop until frame returns false (a desktop: blocks; 60 frames a
 * second at most). Returns false when init did. */
bool scr_platform_run(const ScrLoop *loop);

/* Keeps a file the player asked for (name: "screenshot-....png"): on a
 * desktop it is written, atomically, into `dir` (the per-user folder) and
 * where says its path; a browser offers it as a download. False with errs
 * set (they name the file). */
bool scr_platform_keep_file(const char *dir, const char *name, const void *data, size_t len, char *where,
                            size_t where_cap, BsErrors *errs);

/* The fonts this platform offers for the game's text (a regular face with
 * Chinese and Latin glyphs, and bold: real or synthetic), checked with
 * fonts_verify (text_internal.h). False with the reason, and what to
 * install, in errs. */
bool scr_platform_find_fonts(BsTextFonts *out, BsErrors *errs);

/* The game's state changed (JSON: the screen, the week, the moves so far,
 * the score, where the choices are; screen.c, state_json). A browser's page
 * keeps it for the LMS and for tests; a desktop has no use for it, and says
 * so with scr_platform_reports() false (the state is then not written at
 * all, frame after frame). */
bool scr_platform_reports(void);
void scr_platform_report(const char *json);

/* The game speaks `lang` ("en" or "zh") from now on. A desktop's fonts
 * cover both; a browser's page loads only its language's fonts, so there
 * the page opens again in the other language (the start screen, where the
 * language is chosen; what is saved stays saved). */
void scr_platform_lang(const char *lang);

/* Whether a window may open fullscreen (projector mode): a desktop's may;
 * a browser's page goes fullscreen only from a key or a tap (the
 * Fullscreen API), so there projector mode opens in the page and F5 or F11
 * asks for fullscreen. */
bool scr_platform_can_start_fullscreen(void);

#endif
