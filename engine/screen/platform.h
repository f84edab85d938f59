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
 * - Fonts are found by one function, bs_text_find_fonts (text.h): fontconfig
 *   on a desktop, the fonts shipped beside the page in a browser. */
#ifndef BS_SCREEN_PLATFORM_H
#define BS_SCREEN_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "bs.h"

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

#endif
