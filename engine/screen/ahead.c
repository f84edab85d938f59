/* ahead.c: the week after each choice, made ready while the trainee reads.
 *
 * The frame that plays a move lays out a new week and renders its texts:
 * several milliseconds, tens on a slow machine or in a browser. The engine
 * is deterministic, so the week each choice leads to is known before it is
 * chosen: while nothing is due, the application plays each choice on a copy
 * of the game (scr_model_peek), lays its week out and draws it dry (its
 * texts rendered into the text cache, nothing drawn). When the trainee
 * chooses, the frame finds its paragraphs measured and its lines rendered.
 *
 * One piece per idle tick, so that a key pressed meanwhile waits little: a
 * choice's layout, then its texts a few milliseconds at a time. What is
 * made here only fills caches: the screen always lays out and draws the
 * real game, so a look ahead that guessed wrong costs time, never a wrong
 * picture; the copy is never drawn, saved or recorded. Before the next
 * weeks, the week shown is drawn dry with the pointer over each choice: its
 * previews' lines are ready for the first time the pointer comes. */
#include "ui.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define AHEAD_SLICE_S 0.002 /* new lines rendered per idle tick: about this long */

struct ScrAhead {
    AppPlay play;
    ScrModel m;
    ScrLayout lay;
    uint64_t key;                 /* the position the work is for */
    int previews;                 /* the week shown's choices whose preview is ready */
    int next;                     /* the choice whose next week is being made ready */
    bool laid;                    /* its week is laid out; its texts are next */
};

double scr_seconds(void)
{
    return (double)SDL_GetPerformanceCounter() / (double)SDL_GetPerformanceFrequency();
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    return h;
}

/* What the layout after a move depends on: the game, its position, the
 * window and the type sizes it starts from. */
static uint64_t position_key(const ScrApp *a)
{
    const AppPlay *p = a->m->p;
    uint64_t h = mix(0, (uint64_t)(uintptr_t)a->m);
    const int64_t v[] = {(int64_t)p->ss.seed, (int64_t)p->ss.hash, p->ss.nweeks, p->ss.ninject, p->seat,
                         a->out_w, a->out_h, a->projector, a->exam, a->view, a->hint_left, a->hint_right,
                         a->hint_w, a->hint_h, a->m->wk.nchoices};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        h = mix(h, (uint64_t)v[i]);
    return h;
}

/* The week after the choice laid out as relayout (window.c) would lay it
 * out after the move: the first page of choices, none pointed at. */
static bool lay_out(ScrApp *a, struct ScrAhead *h)
{
    if (!scr_model_peek(a->m, h->next, &h->m, &h->play))
        return false;
    bs_text_set_lang(a->text, h->play.lang);
    ScrMeasure me = scr_measure_for(a->text);
    bool same = a->hint_w == a->out_w && a->hint_h == a->out_h;
    ScrLayoutIn in = {a->out_w, a->out_h, a->projector, a->exam || h->play.predict, a->demo,
                      same ? a->hint_left : 0, same ? a->hint_right : 0, 0, 0, a->view, 0};
    scr_layout_game(&h->lay, &in, &h->m.wk, &me);
    return true;
}

/* Draws a laid-out week dry, the pointer over choice `hover` (-1 none): no
 * renderer, so that no shape is drawn, and the draw's dry mode, so that no
 * line is; new lines rendered until the slice's time is up. True when
 * every line is in the cache. */
static bool draw_dry(ScrApp *a, ScrModel *wm, ScrLayout *wl, int hover_k)
{
    ScrModel *m = a->m;
    ScrLayout *lay = a->lay;
    SDL_Renderer *ren = a->ren;
    int hover = a->hover, sel = a->sel;
    a->m = wm;
    a->lay = wl;
    a->ren = a->draw.ren = NULL;
    a->hover = hover_k;
    a->sel = -1;
    a->draw.dry = true;
    a->draw.dry_until = scr_seconds() + AHEAD_SLICE_S;
    a->draw.dry_left = 0;
    scr_draw_game(a);
    gfx_flush(NULL); /* nothing of it may reach the next frame's batch */
    bool done = a->draw.dry_left == 0;
    a->draw.dry = false;
    a->m = m;
    a->lay = lay;
    a->ren = a->draw.ren = ren;
    a->hover = hover;
    a->sel = sel;
    return done;
}

bool scr_app_ahead(ScrApp *a)
{
    if (!a->m || !a->ren || a->screen != SCR_GAME || a->modal != SCR_MODAL_NONE || a->demo ||
        a->paused || a->help || a->reveal || a->black || a->lay_dirty)
        return false;
    if (!a->ahead && !(a->ahead = calloc(1, sizeof *a->ahead)))
        return false;
    struct ScrAhead *h = a->ahead;
    uint64_t key = position_key(a);
    if (h->key != key) {
        h->key = key;
        h->previews = h->next = 0;
        h->laid = false;
    }
    if (h->previews < a->m->wk.nchoices) {
        if (draw_dry(a, a->m, a->lay, h->previews))
            h->previews++;
        return true;
    }
    if (h->next >= a->m->wk.nchoices)
        return false;
    /* no bs_text_frame_begin: the sizes used here count as the last frame's,
     * so that neither closes the other's fonts (and their lines) */
    if (!h->laid) {
        h->laid = lay_out(a, h);
        if (!h->laid)
            h->next++; /* nothing to get ready for this one */
        return true;
    }
    if (draw_dry(a, &h->m, &h->lay, -1)) {
        h->next++;
        h->laid = false;
    }
    return true;
}
