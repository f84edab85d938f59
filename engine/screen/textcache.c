/*
 * textcache.c: the caches of the text system and drawing from them. Lines
 * are rendered (TTF_RenderUTF8_Blended) once per (font, colour, bytes) and
 * kept as textures in an LRU hash bounded by count and pixel bytes; wrapped
 * paragraphs (layouts) are kept in another, so drawing the same paragraph
 * every frame measures and renders nothing. Contract: text.h; shared
 * internals: text_internal.h.
 */
#include "text_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_TEXTURES 1024u
#define DEFAULT_MAX_TEXTURE_BYTES ((size_t)128 * 1024 * 1024)
#define LAYOUT_MAX_ENTRIES 1024u /* the week shown and the weeks ahead (ahead.c) */
#define LAYOUT_MAX_BYTES ((size_t)8 * 1024 * 1024)

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

bool bs_text_cached(BsText *t, BsFont *f, const char *utf8, size_t len, SDL_Color color)
{
    if (!t || !f || !f->ttf || !utf8 || len == 0)
        return false;
    return tex_find(t, f, tex_hash(f, color, utf8, len), color, utf8, len) != NULL;
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
