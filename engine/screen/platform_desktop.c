/* platform_desktop.c: the screen's platform seam (platform.h) on a desktop:
 * SDL's event loop, asleep while nothing moves, at most 60 frames a second;
 * kept files written into the per-user folder; fonts found by fontconfig. */
#include "platform.h"

#include <stdio.h>

#include <fontconfig/fontconfig.h>

#include "text_internal.h"
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
            /* idle: a piece of work ahead of time, else sleep until something
             * happens (or a timer may be due) */
            if (l->idle && l->idle(l->ud)) {
                if (!SDL_PollEvent(&e))
                    continue;
                l->event(l->ud, &e, NOW());
            } else if (SDL_WaitEventTimeout(&e, (int)idle_ms)) {
                l->event(l->ud, &e, NOW());
            }
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

bool scr_platform_reports(void) { return false; }

void scr_platform_report(const char *json) { (void)json; }

void scr_platform_lang(const char *lang) { (void)lang; }

bool scr_platform_can_start_fullscreen(void) { return true; }

bool scr_platform_keep_file(const char *dir, const char *name, const void *data, size_t len, char *where,
                            size_t where_cap, BsErrors *errs)
{
    snprintf(where, where_cap, "%s/%s", dir, name);
    return scr_write_file(where, data, len, errs);
}

static bool fc_match(FcConfig *cfg, const char *query, BsTextFontFile *out, int *weight)
{
    FcPattern *p = FcNameParse((const FcChar8 *)query);
    if (!p)
        return false;
    FcConfigSubstitute(cfg, p, FcMatchPattern);
    FcDefaultSubstitute(p);
    FcResult r = FcResultNoMatch;
    FcPattern *m = FcFontMatch(cfg, p, &r);
    FcPatternDestroy(p);
    if (!m)
        return false;
    FcChar8 *file = NULL;
    int index = 0, w = FC_WEIGHT_REGULAR;
    bool ok = FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch && file &&
              strlen((const char *)file) < sizeof out->path;
    if (ok) {
        snprintf(out->path, sizeof out->path, "%s", (const char *)file);
        if (FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        if (FcPatternGetInteger(m, FC_WEIGHT, 0, &w) != FcResultMatch)
            w = FC_WEIGHT_REGULAR;
        out->index = index;
        *weight = w;
    }
    FcPatternDestroy(m);
    return ok;
}

/* The sans-serif font fontconfig prefers for Simplified Chinese (it has
 * Latin too), and its bold face when there is a real one. */
bool scr_platform_find_fonts(BsTextFonts *out, BsErrors *errs)
{
    char why[384];
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "fontconfig could not load its configuration; install the Debian "
                      "packages fontconfig and fonts-noto-cjk, or set "
                      "BUYERSIM_FONT=/path/to/font.ttc[:face]");
        return false;
    }
    int weight = 0;
    bool ok = fc_match(cfg, "sans-serif:lang=zh-cn", &out->regular, &weight);
    if (!ok) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "fontconfig found no font at all; install the Debian package "
                      "fonts-noto-cjk (apt-get install fonts-noto-cjk), or set "
                      "BUYERSIM_FONT=/path/to/font.ttc[:face]");
    } else if (!fonts_verify(&out->regular, why, sizeof why, &out->replacement)) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "",
                      "no font for Simplified Chinese was found: fontconfig chose %s "
                      "(face %ld), which %s. Install the Debian package fonts-noto-cjk "
                      "(apt-get install fonts-noto-cjk), or set "
                      "BUYERSIM_FONT=/path/to/font.ttc[:face]",
                      out->regular.path, out->regular.index, why);
        ok = false;
    }
    if (ok) {
        BsTextFontFile bold;
        if (fc_match(cfg, "sans-serif:lang=zh-cn:weight=bold", &bold, &weight) &&
            weight >= FC_WEIGHT_DEMIBOLD && fonts_verify(&bold, why, sizeof why, NULL)) {
            out->bold = bold;
            out->bold_synthetic = false;
        } else {
            out->bold = out->regular;
            out->bold_synthetic = true;
        }
    }
    FcConfigDestroy(cfg);
    return ok;
}
