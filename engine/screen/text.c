/*
 * text.c: the text system: creation, frames, the texture and layout caches
 * and line breaking (font discovery and opening are in fonts.c; what the
 * files share is in text_internal.h). Contract and ownership: see text.h.
 */
#include "text_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#define DEFAULT_MAX_TEXTURES 1024u
#define DEFAULT_MAX_TEXTURE_BYTES ((size_t)128 * 1024 * 1024)
#define LAYOUT_MAX_ENTRIES 256u
#define LAYOUT_MAX_BYTES ((size_t)8 * 1024 * 1024)
#define ADV_MAX_ENTRIES ((size_t)1 << 16)

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

BsText *bs_text_create(SDL_Renderer *renderer, char *err, size_t errlen)
{
    BsTextFonts fonts;
    if (!bs_text_find_fonts(&fonts, err, errlen))
        return NULL;
    return bs_text_create_found(renderer, &fonts, err, errlen);
}

BsText *bs_text_create_found(SDL_Renderer *renderer, const BsTextFonts *fonts, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    BsText *t = calloc(1, sizeof *t);
    if (!t) {
        text_fmt_err(err, errlen, "out of memory");
        return NULL;
    }
    t->files = *fonts;
    if (TTF_Init() != 0) {
        text_fmt_err(err, errlen, "TTF_Init failed: %s", TTF_GetError());
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
        text_fmt_err(err, errlen, "out of memory");
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
    /* Close fonts not used in the frame that just ended, oldest first, while
     * more than BS_TEXT_KEEP_FONTS are open (a resize leaves old sizes). */
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

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

#define FNV_SEED 0xcbf29ce484222325ULL

static const char *sdl_err(void)
{
    const char *e = SDL_GetError();
    return (e && *e) ? e : "(no message)";
}

/* ------------------------------------------------------------------------ */
/* Intrusive LRU hash (Node and Lru: text_internal.h)                       */

static bool lru_init(Lru *l, size_t nbuckets)
{
    memset(l, 0, sizeof *l);
    l->buckets = calloc(nbuckets, sizeof *l->buckets);
    if (!l->buckets)
        return false;
    l->mask = nbuckets - 1;
    l->head.prev = l->head.next = &l->head;
    return true;
}

static void lru_link(Lru *l, Node *n)
{
    Node **b = &l->buckets[n->hash & l->mask];
    n->hnext = *b;
    *b = n;
    n->next = l->head.next;
    n->prev = &l->head;
    l->head.next->prev = n;
    l->head.next = n;
    l->count++;
    l->bytes += n->bytes;
}

static void lru_unlink(Lru *l, Node *n)
{
    Node **pp = &l->buckets[n->hash & l->mask];
    while (*pp && *pp != n)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = n->hnext;
    n->prev->next = n->next;
    n->next->prev = n->prev;
    l->count--;
    l->bytes -= n->bytes;
}

static void lru_touch(Lru *l, Node *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    n->next = l->head.next;
    n->prev = &l->head;
    l->head.next->prev = n;
    l->head.next = n;
}

static Node *lru_oldest(Lru *l)
{
    return l->head.prev == &l->head ? NULL : l->head.prev;
}

/* Re-buckets every node into nbuckets (a power of two). */
static bool lru_rehash(Lru *l, size_t nbuckets)
{
    if (nbuckets == l->mask + 1)
        return true;
    Node **nb = calloc(nbuckets, sizeof *nb);
    if (!nb)
        return false;
    for (Node *n = l->head.next; n != &l->head; n = n->next) {
        Node **b = &nb[n->hash & (nbuckets - 1)];
        n->hnext = *b;
        *b = n;
    }
    free(l->buckets);
    l->buckets = nb;
    l->mask = nbuckets - 1;
    return true;
}

/* A rendered line. Its key bytes follow the struct in the same block. */
typedef struct TexEntry {
    Node node; /* first member */
    SDL_Texture *tex;
    int w, h;
    SDL_Color color;
    size_t len;
} TexEntry;

static const char *tex_key(const TexEntry *e) { return (const char *)(e + 1); }

/* A wrapped paragraph. Its lines, then its key bytes, follow the struct. */
typedef struct LayoutEntry {
    Node node; /* first member */
    int max_w;
    char lang[16];
    size_t n_lines;
    size_t len;
} LayoutEntry;

static BsTextLine *layout_lines(LayoutEntry *e) { return (BsTextLine *)(void *)(e + 1); }
static const char *layout_key(const LayoutEntry *e)
{
    return (const char *)(e + 1) + e->n_lines * sizeof(BsTextLine);
}

/* ------------------------------------------------------------------------ */
/* Texture and layout caches                                                */

void textcache_query_renderer(BsText *t)
{
    t->max_tex_w = t->max_tex_h = 0;
    SDL_RendererInfo info;
    if (t->renderer && SDL_GetRendererInfo(t->renderer, &info) == 0) {
        t->max_tex_w = info.max_texture_width;
        t->max_tex_h = info.max_texture_height;
    }
}

static size_t pow2_at_least(size_t n, size_t lo, size_t hi)
{
    size_t p = lo;
    while (p < n && p < hi)
        p *= 2;
    return p;
}

bool textcache_init(BsText *t)
{
    t->max_textures = DEFAULT_MAX_TEXTURES;
    t->max_bytes = DEFAULT_MAX_TEXTURE_BYTES;
    return lru_init(&t->tex, pow2_at_least(t->max_textures, 64, (size_t)1 << 20)) &&
           lru_init(&t->lay, pow2_at_least(LAYOUT_MAX_ENTRIES, 64, 1024));
}

static void tex_free(BsText *t, TexEntry *e, bool destroy)
{
    lru_unlink(&t->tex, &e->node);
    if (destroy && e->tex)
        SDL_DestroyTexture(e->tex);
    free(e);
}

static void tex_clear(BsText *t, bool destroy)
{
    Node *n;
    while ((n = lru_oldest(&t->tex)) != NULL)
        tex_free(t, (TexEntry *)n, destroy);
}

static void tex_evict_to(BsText *t, size_t count, size_t bytes)
{
    Node *n;
    while ((t->tex.count > count || t->tex.bytes > bytes) &&
           (n = lru_oldest(&t->tex)) != NULL) {
        tex_free(t, (TexEntry *)n, true);
        t->st.evictions++;
    }
}

static void lay_free(BsText *t, LayoutEntry *e)
{
    lru_unlink(&t->lay, &e->node);
    free(e);
}

void textcache_purge_font(BsText *t, uint32_t font_id)
{
    Node *n = t->tex.head.next;
    while (n != &t->tex.head) {
        Node *next = n->next;
        if (n->font_id == font_id)
            tex_free(t, (TexEntry *)n, true);
        n = next;
    }
    n = t->lay.head.next;
    while (n != &t->lay.head) {
        Node *next = n->next;
        if (n->font_id == font_id)
            lay_free(t, (LayoutEntry *)n);
        n = next;
    }
}

void bs_text_set_cache_limits(BsText *t, size_t max_textures, size_t max_bytes)
{
    if (!t)
        return;
    t->max_textures = max_textures ? max_textures : DEFAULT_MAX_TEXTURES;
    t->max_bytes = max_bytes ? max_bytes : DEFAULT_MAX_TEXTURE_BYTES;
    tex_evict_to(t, t->max_textures, t->max_bytes);
    /* A failed rehash only makes chains longer. */
    (void)lru_rehash(&t->tex, pow2_at_least(t->max_textures, 64, (size_t)1 << 20));
}

void bs_text_drop_textures(BsText *t)
{
    if (t)
        tex_clear(t, true);
}

void bs_text_set_renderer(BsText *t, SDL_Renderer *renderer, bool old_renderer_destroyed)
{
    if (!t)
        return;
    tex_clear(t, !old_renderer_destroyed);
    t->renderer = renderer;
    textcache_query_renderer(t);
}

void textcache_free(BsText *t)
{
    if (t->tex.buckets)
        tex_clear(t, t->renderer != NULL);
    Node *n;
    if (t->lay.buckets)
        while ((n = lru_oldest(&t->lay)) != NULL)
            lay_free(t, (LayoutEntry *)n);
    free(t->tex.buckets);
    free(t->lay.buckets);
}

/* ------------------------------------------------------------------------ */
/* Layouts                                                                  */

static uint64_t layout_hash(uint32_t font_id, int max_w, const char *lang, const char *s,
                            size_t len)
{
    uint64_t h = fnv(FNV_SEED, &font_id, sizeof font_id);
    h = fnv(h, &max_w, sizeof max_w);
    h = fnv(h, lang, strlen(lang) + 1);
    return fnv(h, s, len);
}

const BsTextLine *textcache_find_layout(BsText *t, const BsFont *f, const char *utf8,
                                        size_t len, int max_w, size_t *n_lines,
                                        uint64_t *hash)
{
    uint64_t h = layout_hash(f->id, max_w, t->lang, utf8, len);
    *hash = h;
    for (Node *n = t->lay.buckets[h & t->lay.mask]; n; n = n->hnext) {
        LayoutEntry *e = (LayoutEntry *)n;
        if (n->hash == h && n->font_id == f->id && e->max_w == max_w && e->len == len &&
            strcmp(e->lang, t->lang) == 0 && memcmp(layout_key(e), utf8, len) == 0) {
            lru_touch(&t->lay, n);
            t->st.layout_hits++;
            *n_lines = e->n_lines;
            return layout_lines(e);
        }
    }
    t->st.layout_misses++;
    return NULL;
}

const BsTextLine *textcache_keep_layout(BsText *t, const BsFont *f, uint64_t hash,
                                        const char *utf8, size_t len, int max_w)
{
    /* Keep it, unless it would take a large share of the layout budget. */
    size_t lines_bytes = t->n_lines * sizeof(BsTextLine);
    size_t bytes = sizeof(LayoutEntry) + lines_bytes + len;
    if (len > LAYOUT_MAX_BYTES / 8 || bytes > LAYOUT_MAX_BYTES / 8)
        return t->lines;
    Node *old;
    while ((t->lay.count + 1 > LAYOUT_MAX_ENTRIES || t->lay.bytes + bytes > LAYOUT_MAX_BYTES) &&
           (old = lru_oldest(&t->lay)) != NULL)
        lay_free(t, (LayoutEntry *)old);
    LayoutEntry *e = malloc(bytes);
    if (!e)
        return t->lines; /* not cached; still a valid answer */
    memset(e, 0, sizeof *e);
    e->node.hash = hash;
    e->node.bytes = bytes;
    e->node.font_id = f->id;
    e->max_w = max_w;
    snprintf(e->lang, sizeof e->lang, "%s", t->lang);
    e->n_lines = t->n_lines;
    e->len = len;
    if (lines_bytes)
        memcpy(layout_lines(e), t->lines, lines_bytes);
    memcpy((char *)layout_lines(e) + lines_bytes, utf8, len);
    lru_link(&t->lay, &e->node);
    return layout_lines(e);
}

/* ------------------------------------------------------------------------ */
/* Textures                                                                 */

/* Longest prefix of t->san (length n) no wider than lim; returns its length
 * (t->san is left unchanged). */
static size_t fit_prefix(BsText *t, BsFont *f, size_t n, int lim, bool *failed)
{
    const unsigned char *u = (const unsigned char *)t->san;
    size_t good = 0, bad = n + 1;
    size_t probe = 256;
    int w = 0;
    for (;;) { /* gallop by bytes: 256, 512, ... */
        if (probe >= n) {
            probe = n;
        } else {
            while (probe > good && (u[probe] & 0xC0) == 0x80)
                probe--;
        }
        if (probe <= good)
            break;
        char keep = t->san[probe];
        t->san[probe] = '\0';
        bool ok = wrap_size_san(t, f, &w);
        t->san[probe] = keep;
        if (!ok) {
            *failed = true;
            return 0;
        }
        if (w <= lim) {
            good = probe;
            if (probe == n)
                return n;
            probe *= 2;
        } else {
            bad = probe;
            break;
        }
    }
    while (bad - good > 1) {
        size_t mid = good + (bad - good) / 2;
        while (mid > good && (u[mid] & 0xC0) == 0x80)
            mid--;
        if (mid <= good)
            break;
        char keep = t->san[mid];
        t->san[mid] = '\0';
        bool ok = wrap_size_san(t, f, &w);
        t->san[mid] = keep;
        if (!ok) {
            *failed = true;
            return 0;
        }
        if (w <= lim)
            good = mid;
        else
            bad = mid;
    }
    return good;
}

static uint64_t tex_hash(const BsFont *f, SDL_Color color, const char *utf8, size_t len)
{
    uint64_t hash = fnv(FNV_SEED, &f->id, sizeof f->id);
    const unsigned char rgba[4] = {color.r, color.g, color.b, color.a};
    hash = fnv(hash, rgba, sizeof rgba);
    return fnv(hash, utf8, len);
}

/* The cached texture of (f, color, utf8[0..len)), made the newest, or NULL. */
static TexEntry *tex_find(BsText *t, const BsFont *f, uint64_t hash, SDL_Color color,
                          const char *utf8, size_t len)
{
    for (Node *n = t->tex.buckets[hash & t->tex.mask]; n; n = n->hnext) {
        TexEntry *e = (TexEntry *)n;
        if (n->hash == hash && n->font_id == f->id && e->len == len &&
            e->color.r == color.r && e->color.g == color.g && e->color.b == color.b &&
            e->color.a == color.a && memcmp(tex_key(e), utf8, len) == 0) {
            lru_touch(&t->tex, n);
            t->st.hits++;
            return e;
        }
    }
    return NULL;
}

/* Renders t->san (n > 0 bytes) as an ARGB8888 surface (the caller frees
 * it), or NULL with t->err set. */
static SDL_Surface *render_san(BsText *t, BsFont *f, size_t n, int lim_w, SDL_Color color)
{
    /* A line that may be wider than a texture can be is cut to the longest
     * prefix that fits before rendering, so no giant surface is made (20,000
     * characters at 48 px would be a 940,000-pixel-wide surface). Text of
     * n bytes is at most about 2 em * n wide, so short text skips the check
     * (and an odd font that breaks the rule is still clipped below). */
    if ((size_t)n > (size_t)lim_w / 2 / (size_t)f->px) {
        bool failed = false;
        size_t cut = fit_prefix(t, f, n, lim_w, &failed);
        if (failed)
            return NULL;
        if (cut == 0)
            cut = wrap_next_char((const unsigned char *)t->san, 0, n); /* clipped below */
        t->san[cut] = '\0';
    }

    t->st.renders++;
    SDL_Surface *surf = fonts_sized(f) ? TTF_RenderUTF8_Blended(f->ttf, t->san, color) : NULL;
    if (!surf) {
        text_set_err(t, "TTF_RenderUTF8_Blended failed: %s", sdl_err());
        return NULL;
    }
    if (surf->format->format != SDL_PIXELFORMAT_ARGB8888) {
        SDL_Surface *conv = SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(surf);
        if (!conv) {
            text_set_err(t, "SDL_ConvertSurfaceFormat failed: %s", sdl_err());
            return NULL;
        }
        surf = conv;
    }
    return surf;
}

/* Makes a texture of surf's top-left cw x ch pixels and keeps it as the
 * newest entry for (f, color, utf8[0..len)). Frees surf. NULL with t->err
 * set on failure. */
static TexEntry *tex_store(BsText *t, const BsFont *f, uint64_t hash, SDL_Color color,
                           const char *utf8, size_t len, SDL_Surface *surf, int cw, int ch)
{
    size_t bytes = (size_t)cw * (size_t)ch * 4;

    /* Make room first, so the bounds hold at every moment. */
    size_t keep_n = t->max_textures > 0 ? t->max_textures - 1 : 0;
    size_t keep_b = t->max_bytes > bytes ? t->max_bytes - bytes : 0;
    tex_evict_to(t, keep_n, keep_b);

    TexEntry *e = malloc(sizeof *e + len);
    if (!e) {
        text_set_err(t, "out of memory");
        SDL_FreeSurface(surf);
        return NULL;
    }
    SDL_Texture *tex = SDL_CreateTexture(t->renderer, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, cw, ch);
    if (!tex) {
        text_set_err(t, "SDL_CreateTexture(%dx%d) failed: %s", cw, ch, sdl_err());
        free(e);
        SDL_FreeSurface(surf);
        return NULL;
    }
    if (SDL_UpdateTexture(tex, NULL, surf->pixels, surf->pitch) != 0) {
        text_set_err(t, "SDL_UpdateTexture failed: %s", sdl_err());
        SDL_DestroyTexture(tex);
        free(e);
        SDL_FreeSurface(surf);
        return NULL;
    }
    SDL_FreeSurface(surf);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);

    memset(e, 0, sizeof *e);
    e->node.hash = hash;
    e->node.bytes = bytes;
    e->node.font_id = f->id;
    e->tex = tex;
    e->w = cw;
    e->h = ch;
    e->color = color;
    e->len = len;
    memcpy((char *)(e + 1), utf8, len);
    lru_link(&t->tex, &e->node);
    return e;
}

SDL_Texture *bs_text_get(BsText *t, BsFont *f, const char *utf8, size_t len,
                         SDL_Color color, int *w, int *h)
{
    int dw, dh;
    if (!w)
        w = &dw;
    if (!h)
        h = &dh;
    *w = *h = 0;
    if (!t)
        return NULL;
    t->err[0] = '\0';
    if (!f || !f->ttf || (!utf8 && len > 0)) {
        text_set_err(t, "bs_text_get: %s", (!f || !f->ttf) ? "no font" : "text is NULL");
        return NULL;
    }
    if (len == 0)
        return NULL;

    uint64_t hash = tex_hash(f, color, utf8, len);
    TexEntry *e = tex_find(t, f, hash, color, utf8, len);
    if (e) {
        *w = e->w;
        *h = e->h;
        return e->tex;
    }

    if (!t->renderer) {
        text_set_err(t, "bs_text_get: no renderer");
        return NULL;
    }
    size_t n = wrap_sanitize(t, utf8, len);
    if (n == SIZE_MAX) {
        text_set_err(t, "out of memory");
        return NULL;
    }
    if (n == 0)
        return NULL; /* only control characters: nothing to draw */
    t->st.misses++;

    int lim_w = BS_TEXT_MAX_LINE_PX;
    if (t->max_tex_w > 0 && t->max_tex_w < lim_w)
        lim_w = t->max_tex_w;
    int lim_h = BS_TEXT_MAX_LINE_PX;
    if (t->max_tex_h > 0 && t->max_tex_h < lim_h)
        lim_h = t->max_tex_h;
    SDL_Surface *surf = render_san(t, f, n, lim_w, color);
    if (!surf)
        return NULL;
    int cw = surf->w < lim_w ? surf->w : lim_w;
    int ch = surf->h < lim_h ? surf->h : lim_h;
    if (cw < 1 || ch < 1) {
        SDL_FreeSurface(surf);
        return NULL;
    }
    e = tex_store(t, f, hash, color, utf8, len, surf, cw, ch);
    if (!e)
        return NULL;
    *w = cw;
    *h = ch;
    return e->tex;
}

/* ------------------------------------------------------------------------ */
/* Paragraphs                                                               */

int bs_text_draw(BsText *t, BsFont *f, const char *utf8, size_t len, int x, int y,
                 int max_w, SDL_Color color)
{
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(t, f, utf8, len, max_w, &n);
    if (!lines)
        return -1;
    char first_err[sizeof t->err];
    first_err[0] = '\0';
    int lh = f->line_h;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].len == 0)
            continue;
        int w = 0, h = 0;
        SDL_Texture *tex = bs_text_get(t, f, utf8 + lines[i].off, lines[i].len, color, &w, &h);
        if (!tex) {
            if (t->err[0] && !first_err[0])
                memcpy(first_err, t->err, sizeof first_err);
            continue;
        }
        SDL_Rect src = {0, 0, (max_w > 0 && w > max_w) ? max_w : w, h};
        SDL_Rect dst = {x, y + (int)i * lh, src.w, h};
        if (SDL_RenderCopy(t->renderer, tex, &src, &dst) != 0 && !first_err[0])
            snprintf(first_err, sizeof first_err, "SDL_RenderCopy failed: %s", sdl_err());
    }
    memcpy(t->err, first_err, sizeof t->err);
    long total = (long)n * lh;
    return total > INT_MAX ? INT_MAX : (int)total;
}

/* ------------------------------------------------------------------------ */
/* Characters                                                               */

/* Strict UTF-8 decoder (Unicode Table 3-7): returns the length of the valid
 * sequence at s (1..4) and sets *cp, or 0 if the byte at s starts no valid
 * sequence (overlong, surrogate, > U+10FFFF, truncated, stray continuation). */
static size_t u8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (n < 2 || (s[1] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x1F) << 6) | (uint32_t)(s[1] & 0x3F);
        return 2;
    }
    if (c < 0xF0) {
        unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
        unsigned char hi = c == 0xED ? 0x9F : 0xBF;
        if (n < 3 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
              (uint32_t)(s[2] & 0x3F);
        return 3;
    }
    if (c < 0xF5) {
        unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
        unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
        if (n < 4 || s[1] < lo || s[1] > hi || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        *cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
              ((uint32_t)(s[2] & 0x3F) << 6) | (uint32_t)(s[3] & 0x3F);
        return 4;
    }
    return 0;
}

/* White space that is neither measured nor drawn at the end of a line. */
static bool is_trim_space(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that should not start a line (used only when a run without a
 * break opportunity has to be cut; UAX #14 handles the normal case). */
static bool is_nostart(uint32_t c)
{
    switch (c) {
    case ')': case ']': case '}': case ',': case '.': case ':': case ';':
    case '!': case '?': case '%':
    case 0x2019: case 0x201D: case 0x2025: case 0x2026: case 0x00B7:
    case 0x3001: case 0x3002: case 0x3005: case 0x3009: case 0x300B:
    case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3017:
    case 0x3019: case 0x301B: case 0x301E: case 0x301F: case 0x30FB:
    case 0x30FC:
    case 0xFF01: case 0xFF09: case 0xFF0C: case 0xFF0E: case 0xFF1A:
    case 0xFF1B: case 0xFF1F: case 0xFF3D: case 0xFF5D: case 0xFF65:
        return true;
    default:
        return false;
    }
}

/* Characters that should not end a line (opening brackets, ZWJ). */
static bool is_noend(uint32_t c)
{
    switch (c) {
    case '(': case '[': case '{':
    case 0x2018: case 0x201C: case 0x200D:
    case 0x3008: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
    case 0x3014: case 0x3016: case 0x3018: case 0x301A: case 0x301D:
    case 0xFF08: case 0xFF3B: case 0xFF5B:
        return true;
    default:
        return false;
    }
}

/* Marks that belong to the preceding character. */
static bool is_combining(uint32_t c)
{
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) ||
           (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) ||
           c == 0x200C || c == 0x200D || (c >= 0x20D0 && c <= 0x20FF) ||
           c == 0x3099 || c == 0x309A || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFE20 && c <= 0xFE2F) || (c >= 0x1F3FB && c <= 0x1F3FF) ||
           (c >= 0xE0100 && c <= 0xE01EF);
}

/* ------------------------------------------------------------------------ */
/* Measuring                                                                */

/* Writes s[0..n) to t->san as valid, NUL-terminated UTF-8 for SDL_ttf:
 * invalid bytes become t->repl, tab a space, other controls are dropped.
 * Returns the length, or SIZE_MAX when out of memory. */
size_t wrap_sanitize(BsText *t, const char *s, size_t n)
{
    if (n > (SIZE_MAX - 1) / 3 ||
        !text_grow((void **)&t->san, &t->san_cap, n * 3 + 1, 1))
        return SIZE_MAX;
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = u8_decode(u + i, n - i, &cp);
        if (k == 0) {
            size_t rl = strlen(t->repl);
            memcpy(t->san + o, t->repl, rl);
            o += rl;
            i++;
            continue;
        }
        if (cp == '\t') {
            t->san[o++] = ' ';
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
                   cp == 0x2029) {
            /* not drawn */
        } else {
            memcpy(t->san + o, u + i, k);
            o += k;
        }
        i += k;
    }
    t->san[o] = '\0';
    return o;
}

/* Width in pixels of t->san as it stands (NUL-terminated). */
bool wrap_size_san(BsText *t, BsFont *f, int *w)
{
    int h = 0;
    *w = 0;
    if (t->san[0] == '\0')
        return true;
    t->st.measures++;
    if (!fonts_sized(f) || TTF_SizeUTF8(f->ttf, t->san, w, &h) != 0) {
        text_set_err(t, "TTF_SizeUTF8 failed: %s", TTF_GetError());
        return false;
    }
    return true;
}

static bool measure(BsText *t, BsFont *f, const char *s, size_t n, int *w)
{
    *w = 0;
    if (n == 0)
        return true;
    if (wrap_sanitize(t, s, n) == SIZE_MAX) {
        text_set_err(t, "out of memory");
        return false;
    }
    return wrap_size_san(t, f, w);
}

/* ------------------------------------------------------------------------ */
/* Width estimates                                                          */

static size_t adv_slot(const BsFont *f, uint32_t key)
{
    size_t i = (size_t)(key * 2654435761u) & (f->adv_cap - 1);
    while (f->adv_key[i] != 0 && f->adv_key[i] != key)
        i = (i + 1) & (f->adv_cap - 1);
    return i;
}

static bool adv_grow(BsFont *f)
{
    size_t ncap = f->adv_cap ? f->adv_cap * 2 : 256;
    uint32_t *nk = calloc(ncap, sizeof *nk);
    int *nv = calloc(ncap, sizeof *nv);
    if (!nk || !nv) {
        free(nk);
        free(nv);
        return false;
    }
    BsFont nf = *f;
    nf.adv_key = nk;
    nf.adv_val = nv;
    nf.adv_cap = ncap;
    for (size_t i = 0; i < f->adv_cap; i++) {
        if (f->adv_key[i]) {
            size_t j = adv_slot(&nf, f->adv_key[i]);
            nk[j] = f->adv_key[i];
            nv[j] = f->adv_val[i];
        }
    }
    free(f->adv_key);
    free(f->adv_val);
    f->adv_key = nk;
    f->adv_val = nv;
    f->adv_cap = ncap;
    return true;
}

/* Advance of one code point as sanitize() will draw it (a guess: shaping
 * and kerning are ignored; every line is measured for real afterwards). */
static int advance(BsFont *f, uint32_t cp)
{
    if (cp == '\t')
        cp = ' ';
    else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
             cp == 0x2029)
        return 0;
    uint32_t key = cp + 1;
    if (f->adv_cap) {
        size_t i = adv_slot(f, key);
        if (f->adv_key[i] == key)
            return f->adv_val[i];
    }
    int minx, maxx, miny, maxy, adv = 0;
    if (!fonts_sized(f) || TTF_GlyphMetrics32(f->ttf, cp, &minx, &maxx, &miny, &maxy, &adv) != 0 || adv < 0)
        adv = f->px / 2;
    if (f->adv_n < ADV_MAX_ENTRIES && (f->adv_n + 1) * 2 > f->adv_cap && !adv_grow(f))
        return adv;
    if (f->adv_n < ADV_MAX_ENTRIES) {
        size_t i = adv_slot(f, key);
        f->adv_key[i] = key;
        f->adv_val[i] = adv;
        f->adv_n++;
    }
    return adv;
}

/* ------------------------------------------------------------------------ */
/* Line breaking                                                            */

/* Start of the character that ends at end (lb is valid UTF-8, start is a
 * character boundary, end > start). */
static size_t prev_char(const unsigned char *lb, size_t start, size_t end)
{
    size_t q = end - 1;
    while (q > start && (lb[q] & 0xC0) == 0x80)
        q--;
    return q;
}

size_t wrap_next_char(const unsigned char *lb, size_t pos, size_t end)
{
    uint32_t cp;
    size_t k = u8_decode(lb + pos, end - pos, &cp);
    return pos + (k ? k : 1);
}

static uint32_t char_at(const unsigned char *lb, size_t pos, size_t end)
{
    uint32_t cp = 0;
    return u8_decode(lb + pos, end - pos, &cp) ? cp : 0xFFFD;
}

/* End of [start, end) without trailing white space. */
static size_t trim_end(const unsigned char *lb, size_t start, size_t end)
{
    while (end > start) {
        size_t q = prev_char(lb, start, end);
        if (!is_trim_space(char_at(lb, q, end)))
            break;
        end = q;
    }
    return end;
}

typedef struct Fit {
    BsText *t;
    BsFont *f;
    const char *s;
    size_t start;
    int max_w;
    bool failed; /* measuring failed: abandon the layout */
} Fit;

/* Does the line [start, cand[j]) (trimmed) fit? Sets *w and *lend. */
static bool fits_cand(Fit *c, size_t j, int *w, size_t *lend)
{
    *lend = trim_end(c->t->lb, c->start, c->t->cand[j].pos);
    if (!measure(c->t, c->f, c->s + c->start, *lend - c->start, w)) {
        c->failed = true;
        return false;
    }
    return *w <= c->max_w;
}

static bool fits_pos(Fit *c, size_t pos, int *w)
{
    if (!measure(c->t, c->f, c->s + c->start, pos - c->start, w)) {
        c->failed = true;
        return false;
    }
    return *w <= c->max_w;
}

/* Cuts a run without break opportunity, [start, fend), which does not fit:
 * returns the farthest character boundary b whose prefix fits (at least one
 * character), moved back so that the next line does not start with closing
 * punctuation or a combining mark when that is possible. */
static size_t force_break(Fit *c, size_t fend, int *out_w)
{
    const unsigned char *lb = c->t->lb;
    size_t first = wrap_next_char(lb, c->start, fend); /* with its combining marks */
    while (first < fend && is_combining(char_at(lb, first, fend)))
        first = wrap_next_char(lb, first, fend);
    size_t good = first;
    int good_w = 0, w = 0;
    if (fits_pos(c, first, &good_w)) {
        size_t bad = fend;
        size_t step = 1;
        for (;;) { /* gallop: 2, 4, 8, ... characters */
            size_t probe = good;
            for (size_t i = 0; i < step && probe < bad; i++)
                probe = wrap_next_char(lb, probe, bad);
            if (probe >= bad)
                break;
            if (fits_pos(c, probe, &w)) {
                good = probe;
                good_w = w;
                step *= 2;
            } else {
                bad = probe;
                break;
            }
        }
        while (!c->failed) { /* bisect bytes, aligned to characters */
            size_t mid = good + (bad - good) / 2;
            while (mid > good && (lb[mid] & 0xC0) == 0x80)
                mid--;
            if (mid <= good)
                mid = wrap_next_char(lb, good, bad);
            if (mid >= bad)
                break;
            if (fits_pos(c, mid, &w)) {
                good = mid;
                good_w = w;
            } else {
                bad = mid;
            }
        }
    }
    size_t b = good;
    while (b > first) {
        uint32_t nx = char_at(lb, b, fend);
        uint32_t pv = char_at(lb, prev_char(lb, c->start, b), b);
        if (!is_nostart(nx) && !is_combining(nx) && !is_noend(pv))
            break;
        b = prev_char(lb, c->start, b);
    }
    if (b != good)
        (void)fits_pos(c, b, &good_w);
    *out_w = good_w;
    return b;
}

static bool push_line(BsText *t, size_t off, size_t len, int w)
{
    if (!text_grow((void **)&t->lines, &t->lines_cap, t->n_lines + 1, sizeof *t->lines)) {
        text_set_err(t, "out of memory");
        return false;
    }
    t->lines[t->n_lines].off = off;
    t->lines[t->n_lines].len = len;
    t->lines[t->n_lines].w = w;
    t->n_lines++;
    return true;
}

/* Fills t->lb (s[0..len) as valid UTF-8 for libunibreak), t->brks (its
 * break opportunities) and, when max_w > 0, t->acc (estimated widths). */
static bool analyse(BsText *t, BsFont *f, const char *s, size_t len, int max_w)
{
    if (len == SIZE_MAX || !text_grow((void **)&t->lb, &t->lb_cap, len, 1) ||
        !text_grow((void **)&t->brks, &t->brks_cap, len, 1) ||
        !text_grow((void **)&t->cand, &t->cand_cap, len + 1, sizeof *t->cand) ||
        !text_grow((void **)&t->acc, &t->acc_cap, len + 1, sizeof *t->acc)) {
        text_set_err(t, "out of memory");
        return false;
    }
    /* libunibreak gets valid UTF-8 with the same offsets: each invalid byte
     * (and NUL) becomes 'x', so its character boundaries are ours. */
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t k = u8_decode(u + i, len - i, &cp);
        if (k == 0 || cp == 0) {
            t->lb[i++] = 'x';
        } else {
            memcpy(t->lb + i, u + i, k);
            i += k;
        }
    }
    set_linebreaks_utf8(t->lb, len, t->lang[0] ? t->lang : NULL, t->brks);
    if (max_w > 0) {
        t->acc[0] = 0;
        for (size_t i = 0; i < len;) {
            uint32_t cp = 0;
            size_t k = u8_decode(t->lb + i, len - i, &cp);
            if (k == 0) /* cannot happen: lb is valid */
                k = 1;
            for (size_t j = 1; j < k; j++)
                t->acc[i + j] = t->acc[i];
            t->acc[i + k] = t->acc[i] + advance(f, cp);
            i += k;
        }
    }
    return true;
}

/* Turns t->brks into the candidate line ends t->cand; the end of the text
 * is always one, and mandatory. */
static void collect_cands(BsText *t, size_t len)
{
    size_t nc = 0;
    for (size_t i = 0; i < len; i++) {
        if (t->brks[i] == LINEBREAK_MUSTBREAK || t->brks[i] == LINEBREAK_ALLOWBREAK) {
            t->cand[nc].pos = i + 1;
            t->cand[nc].must = t->brks[i] == LINEBREAK_MUSTBREAK;
            nc++;
        }
    }
    if (nc == 0 || t->cand[nc - 1].pos != len) {
        t->cand[nc].pos = len;
        nc++;
    }
    t->cand[nc - 1].must = true; /* end of text */
}

/* Last candidate in [ci, mi] whose line from start fits by the estimated
 * advances (ci if none does). */
static size_t guess_cand(const BsText *t, size_t start, size_t ci, size_t mi, int max_w)
{
    size_t lo = ci, hi = mi;
    while (lo < hi) {
        size_t mid = lo + (hi - lo + 1) / 2;
        size_t e = trim_end(t->lb, start, t->cand[mid].pos);
        if (t->acc[e] - t->acc[start] <= (int64_t)max_w)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

/* Farthest candidate in [ci, mi] whose line really fits, measured: gallop
 * up or down from the guess g, then bisect. Returns it (SIZE_MAX: none)
 * with its width and trimmed end; c->failed if measuring failed. */
static size_t best_cand(Fit *c, size_t g, size_t ci, size_t mi, int *good_w,
                        size_t *good_lend)
{
    size_t good = SIZE_MAX, bad = mi + 1;
    int w = 0;
    size_t l = 0;
    if (fits_cand(c, g, &w, &l)) {
        good = g, *good_w = w, *good_lend = l;
        size_t step = 1;
        while (good + step < bad && !c->failed) {
            size_t probe = good + step;
            if (fits_cand(c, probe, &w, &l)) {
                good = probe, *good_w = w, *good_lend = l;
                step *= 2;
            } else {
                bad = probe;
            }
        }
    } else {
        bad = g;
        size_t step = 1;
        while (bad > ci && !c->failed) {
            size_t probe = bad - ci > step ? bad - step : ci;
            if (fits_cand(c, probe, &w, &l)) {
                good = probe, *good_w = w, *good_lend = l;
                break;
            }
            bad = probe;
            step *= 2;
        }
    }
    while (good != SIZE_MAX && bad - good > 1 && !c->failed) {
        size_t mid = good + (bad - good) / 2;
        if (fits_cand(c, mid, &w, &l))
            good = mid, *good_w = w, *good_lend = l;
        else
            bad = mid;
    }
    return good;
}

/* The line from c->start no wider than c->max_w (> 0), ending at a
 * candidate in [ci, mi] (mi: the next mandatory break) or, if none fits,
 * cut between characters. Sets *end (where the next line starts), *lend
 * (its end without trailing white space) and *lw (its width). false if
 * measuring failed. */
static bool fit_line(Fit *c, size_t ci, size_t mi, size_t *end, size_t *lend, int *lw)
{
    BsText *t = c->t;
    /* Guess from the advances, then measure. Usually two measurements, none
     * much longer than the line (SDL_ttf gets slow on long CJK strings). */
    size_t g = guess_cand(t, c->start, ci, mi, c->max_w);
    int good_w = 0;
    size_t good_lend = 0;
    size_t good = best_cand(c, g, ci, mi, &good_w, &good_lend);
    if (c->failed)
        return false;
    if (good != SIZE_MAX && (good_lend > c->start || t->cand[good].must)) {
        *end = t->cand[good].pos;
        *lend = good_lend;
        *lw = good_w;
        return true;
    }
    /* Nothing but white space fits before the first too-wide run: cut that
     * run between characters. */
    size_t k = good == SIZE_MAX ? ci : good + 1;
    size_t fend = trim_end(t->lb, c->start, t->cand[k].pos);
    if (fend <= c->start) /* cannot happen: an empty line fits */
        fend = t->cand[k].pos;
    *end = *lend = force_break(c, fend, lw);
    return !c->failed;
}

/* Lays s[0..len) out into t->lines / t->n_lines. */
static bool wrap_compute(BsText *t, BsFont *f, const char *s, size_t len, int max_w)
{
    t->n_lines = 0;
    if (len == 0)
        return true;
    if (!analyse(t, f, s, len, max_w))
        return false;
    collect_cands(t, len);

    Fit c = {t, f, s, 0, max_w, false};
    size_t ci = 0, mi = SIZE_MAX; /* mi: first mandatory break >= ci */
    while (c.start < len) {
        while (t->cand[ci].pos <= c.start)
            ci++;
        if (mi == SIZE_MAX || mi < ci) {
            mi = ci;
            while (!t->cand[mi].must)
                mi++;
        }
        size_t end = 0, lend = 0;
        int lw = 0;
        if (max_w <= 0) {
            end = t->cand[mi].pos;
            lend = trim_end(t->lb, c.start, end);
            if (!measure(t, f, s + c.start, lend - c.start, &lw))
                return false;
        } else if (!fit_line(&c, ci, mi, &end, &lend, &lw)) {
            return false;
        }
        if (!push_line(t, c.start, lend - c.start, lw))
            return false;
        c.start = end;
    }
    return true;
}

/* ------------------------------------------------------------------------ */
/* Paragraphs                                                               */

const BsTextLine *bs_text_wrap(BsText *t, BsFont *f, const char *utf8, size_t len,
                               int max_w, size_t *n_lines)
{
    size_t dummy;
    if (!n_lines)
        n_lines = &dummy;
    *n_lines = 0;
    if (!t)
        return NULL;
    t->err[0] = '\0';
    if (!f || !f->ttf || (!utf8 && len > 0)) {
        text_set_err(t, "bs_text_wrap: %s", (!f || !f->ttf) ? "no font" : "text is NULL");
        return NULL;
    }
    if (len == 0) {
        t->n_lines = 0;
        return t->lines;
    }
    if (max_w < 0)
        max_w = 0;

    uint64_t hash = 0;
    const BsTextLine *cached = textcache_find_layout(t, f, utf8, len, max_w, n_lines, &hash);
    if (cached)
        return cached;
    if (!wrap_compute(t, f, utf8, len, max_w)) {
        t->n_lines = 0;
        return NULL;
    }
    *n_lines = t->n_lines;
    return textcache_keep_layout(t, f, hash, utf8, len, max_w);
}

int bs_text_measure(BsText *t, BsFont *f, const char *utf8, size_t len, int max_w,
                    int *out_w)
{
    if (out_w)
        *out_w = 0;
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(t, f, utf8, len, max_w, &n);
    if (!lines)
        return -1;
    int widest = 0;
    for (size_t i = 0; i < n; i++)
        if (lines[i].w > widest)
            widest = lines[i].w;
    if (out_w)
        *out_w = widest;
    long total = (long)n * f->line_h;
    return total > INT_MAX ? INT_MAX : (int)total;
}
