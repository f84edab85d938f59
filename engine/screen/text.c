/*
 * text.c: the text system as a whole: creating and destroying it, its
 * language, frames and statistics, and the helpers its files share. The
 * parts live beside it: fonts.c (finding and opening fonts), textcache.c
 * (texture and layout caches, drawing) and wrap.c (measuring, UAX #14 line
 * breaking); what they share is in text_internal.h. Contract and ownership:
 * see text.h.
 */
#include "text_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

/* ------------------------------------------------------------------------ */
/* Helpers shared by the text system's files                                */

void text_fmt_err(char *buf, size_t n, const char *fmt, ...)
{
    if (!buf || n == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, n, fmt, ap);
    va_end(ap);
}

void text_set_err(BsText *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->err, sizeof t->err, fmt, ap);
    va_end(ap);
}

bool text_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return false;
    void *np = realloc(*p, ncap * elem);
    if (!np)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

/* ------------------------------------------------------------------------ */
/* Creation                                                                 */

BsText *bs_text_create(SDL_Renderer *renderer, BsErrors *errs)
{
    BsTextFonts fonts;
    if (!bs_text_find_fonts(&fonts, errs))
        return NULL;
    return bs_text_create_found(renderer, &fonts, errs);
}

BsText *bs_text_create_found(SDL_Renderer *renderer, const BsTextFonts *fonts, BsErrors *errs)
{
    BsText *t = calloc(1, sizeof *t);
    if (!t) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return NULL;
    }
    t->files = *fonts;
    if (TTF_Init() != 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "TTF_Init failed: %s", TTF_GetError());
        free(t);
        return NULL;
    }
    t->ttf_inited = true;
    init_linebreak();
    snprintf(t->lang, sizeof t->lang, "zh");
    t->renderer = renderer;
    textcache_query_renderer(t);
    t->frame = 1;
    snprintf(t->repl, sizeof t->repl, "%s", t->files.replacement ? "\xEF\xBF\xBD" : "?");
    if (!textcache_init(t) ||
        !text_grow((void **)&t->lines, &t->lines_cap, 16, sizeof *t->lines)) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        bs_text_destroy(t);
        return NULL;
    }
    return t;
}

const char *bs_text_error(const BsText *t) { return t ? t->err : "no text system"; }
const BsTextFonts *bs_text_fonts(const BsText *t) { return t ? &t->files : NULL; }

void bs_text_set_lang(BsText *t, const char *lang)
{
    if (!t)
        return;
    snprintf(t->lang, sizeof t->lang, "%s", lang ? lang : "");
}

/* ------------------------------------------------------------------------ */
/* Frames                                                                   */

void bs_text_frame_begin(BsText *t)
{
    if (!t)
        return;
    t->frame++;
    memset(&t->st, 0, sizeof t->st);
    /* Close fonts long unused, oldest first, while more than
     * BS_TEXT_KEEP_FONTS are open (a resize leaves old sizes). */
    fonts_close_stale(t);
}

BsTextStats bs_text_frame_stats(const BsText *t)
{
    BsTextStats s;
    memset(&s, 0, sizeof s);
    if (!t)
        return s;
    s = t->st;
    s.textures = t->tex.count;
    s.texture_bytes = t->tex.bytes;
    s.layouts = t->lay.count;
    s.fonts = fonts_open_count(t);
    return s;
}

/* ------------------------------------------------------------------------ */

void bs_text_destroy(BsText *t)
{
    if (!t)
        return;
    textcache_free(t);
    fonts_close_all(t);
    if (t->ttf_inited)
        TTF_Quit();
    fonts_unmap(t);
    free(t->san);
    free(t->lb);
    free(t->brks);
    free(t->cand);
    free(t->acc);
    free(t->lines);
    free(t);
}
