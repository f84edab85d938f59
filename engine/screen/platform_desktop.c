/* platform_desktop.c: the screen's platform seam (platform.h) on a desktop:
 * SDL's event loop, asleep while nothing moves, at most 60 frames a second;
 * kept files written into the per-user folder. */
#include "platform.h"

#include <stdio.h>

#include "ui.h"

bool scr_platform_run(const ScrLoop *l)
{
    if (l->init && !l->init(l->ud))
        return false;
    Uint64 freq = SDL_GetPerformanceFrequency(), t0 = SDL_GetPerformanceCounter();
    Uint32 idle_ms = (Uint32)((l->idle_s > 0 ? l->idle_s : 0.2) * 1000.0);
#define NOW() ((double)(SDL_GetPerformanceCounter() - t0) / (double)freq)
    for (;;) {
        SDL_Event e;
        if (!l->busy(l->ud)) {
            /* idle: sleep until something happens (or a timer may be due) */
            if (SDL_WaitEventTimeout(&e, (int)idle_ms))
                l->event(l->ud, &e, NOW());
        }
        while (SDL_PollEvent(&e))
            l->event(l->ud, &e, NOW());
        Uint64 f0 = SDL_GetPerformanceCounter();
        if (!l->frame(l->ud, (double)(f0 - t0) / (double)freq))
            break;
        double spent = (double)(SDL_GetPerformanceCounter() - f0) / (double)freq;
        if (l->busy(l->ud) && spent < 1.0 / 60)
            SDL_Delay((Uint32)((1.0 / 60 - spent) * 1000.0));
    }
#undef NOW
    if (l->cleanup)
        l->cleanup(l->ud);
    return true;
}

bool scr_platform_keep_file(const char *dir, const char *name, const void *data, size_t len, char *where,
                            size_t where_cap, BsErrors *errs)
{
    snprintf(where, where_cap, "%s/%s", dir, name);
    return scr_write_file(where, data, len, errs);
}
