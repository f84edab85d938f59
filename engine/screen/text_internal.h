/*
 * text_internal.h: what the files of the text system share (internal to
 * engine/screen; callers include text.h). The BsText and BsFont structs,
 * the LRU hash the caches are built on, and the few functions one file
 * lends another, each prefixed with the name of the file that defines it:
 *
 *   text.c       text_*       creation, destruction, frames, errors
 *   fonts.c      fonts_*      finding font files (BUYERSIM_FONT, the
 *                             platform's, the shipped ones; U+4E2D and U+FFFD
 *                             checks) and opening sizes
 *   textcache.c  textcache_*  the rendered-line (texture) and layout caches,
 *                             drawing lines and paragraphs
 *   wrap.c       wrap_*       sanitizing and measuring text, UAX #14 line
 *                             breaking, bs_text_wrap and bs_text_measure
 *
 * Contract and ownership of the whole: see text.h.
 */
#ifndef BS_SCREEN_TEXT_INTERNAL_H
#define BS_SCREEN_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "text.h"

#if defined(__GNUC__)
#define BS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define BS_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------------ */
/* Intrusive LRU hash (used for textures and layouts; textcache.c)          */

typedef struct Node {
    struct Node *hnext;       /* hash chain */
    struct Node *prev, *next; /* LRU list, most recent first */
    uint64_t hash;
    size_t bytes;             /* what the entry counts against the bound */
    uint32_t font_id;
} Node;

typedef struct Lru {
    Node **buckets;
    size_t mask;
    Node head; /* sentinel: head.next = newest, head.prev = oldest */
    size_t count, bytes;
} Lru;

/* ------------------------------------------------------------------------ */
/* The text system                                                          */

/* One FreeType face per font file and style, shared by every size: opening
 * a face copies several MB of tables out of the CJK fonts, about 10 ms a
 * size on the first screen (full first frame under Xvfb 200 -> 138 ms with
 * one face); changing a face's size is cheap, and empties SDL_ttf's glyph
 * cache, which rendered text does not miss: it is kept as textures. */
typedef struct Face {
    TTF_Font *ttf;
    int px; /* the size it is set to now */
} Face;

struct BsFont {
    TTF_Font *ttf; /* NULL: free slot; else face->ttf */
    Face *face;
    int px;
    bool bold;
    uint32_t id; /* never reused, so cache keys never alias a closed font */
    uint64_t last_frame;
    int line_h;
    /* code point -> advance, to guess where a line ends before measuring it
     * (open addressing; key cp + 1, 0 = empty; wrap.c) */
    uint32_t *adv_key;
    int *adv_val;
    size_t adv_cap, adv_n;
};

typedef struct Cand {
    size_t pos; /* a line may end after byte pos - 1 */
    bool must;
} Cand;

struct BsText {
    SDL_Renderer *renderer;
    int max_tex_w, max_tex_h; /* 0: unlimited */
    BsTextFonts files;
    bool ttf_inited;
    char lang[16];
    char repl[4]; /* what an invalid byte is drawn as */

    BsFont fonts[BS_TEXT_MAX_FONTS];
    uint32_t next_font_id;
    /* the font files, mapped once: SDL_ttf reads a file font through
     * unbuffered read() and lseek() calls (thousands for a first page of
     * text, costly in a VM); from memory it copies */
    void *map[2];
    Face faces[2]; /* regular, bold */
    size_t map_len[2];
    uint64_t frame;

    Lru tex;
    size_t max_textures, max_bytes;
    Lru lay;

    /* scratch */
    char *san;          /* sanitized, NUL-terminated text for SDL_ttf */
    size_t san_cap;
    unsigned char *lb;  /* valid-UTF-8 copy for libunibreak, same offsets */
    size_t lb_cap;
    char *brks;
    size_t brks_cap;
    Cand *cand;
    size_t cand_cap;
    int64_t *acc; /* acc[i]: estimated width of text[0..i) at boundaries */
    size_t acc_cap;
    BsTextLine *lines;
    size_t lines_cap, n_lines;

    BsTextStats st;
    char err[512];
};

/* ------------------------------------------------------------------------ */
/* text.c                                                                   */

/* printf into buf (n bytes); nothing if buf is NULL or n is 0. */
BS_PRINTF(3, 4)
void text_fmt_err(char *buf, size_t n, const char *fmt, ...);
/* printf into t->err. */
BS_PRINTF(2, 3)
void text_set_err(BsText *t, const char *fmt, ...);
/* Grows *p (realloc) to hold at least need elements of size elem; *cap
 * counts elements. false when out of memory (*p is then unchanged). */
bool text_grow(void **p, size_t *cap, size_t need, size_t elem);

/* ------------------------------------------------------------------------ */
/* fonts.c                                                                  */

/* Sets f's shared face to f's size; false (SDL_ttf's error set) if it fails. */
bool fonts_sized(BsFont *f);
/* file opens and has U+4E2D and Latin glyphs; else false with the reason (a
 * clause) in why. replacement (may be NULL): whether it has U+FFFD. */
bool fonts_verify(const BsTextFontFile *file, char *why, size_t n, bool *replacement);
/* the fonts the game ships (the web build's subsets, installed with the
 * data): the Chinese ones, which have Latin too. False when absent. */
bool fonts_bundled(BsTextFonts *out);
/* How many font sizes are open. */
size_t fonts_open_count(const BsText *t);
/* Closes fonts not used for BS_TEXT_STALE_FRAMES frames, oldest first, while
 * more than BS_TEXT_KEEP_FONTS are open. */
void fonts_close_stale(BsText *t);
/* Frees every size's advance table and closes the faces (before TTF_Quit). */
void fonts_close_all(BsText *t);
/* Unmaps the font files (after the faces reading them are closed). */
void fonts_unmap(BsText *t);

/* ------------------------------------------------------------------------ */
/* textcache.c                                                              */

/* Sets the default bounds and makes both caches' tables; false when out of
 * memory (textcache_free still cleans up). */
bool textcache_init(BsText *t);
/* Empties both caches (destroying textures if t has a renderer) and frees
 * their tables. Safe after a failed textcache_init. */
void textcache_free(BsText *t);
/* Reads the renderer's largest texture size into t (0: unlimited/none). */
void textcache_query_renderer(BsText *t);
/* Drops every texture and layout made with font font_id. */
void textcache_purge_font(BsText *t, uint32_t font_id);
/* The cached layout of (f, max_w, t->lang, utf8[0..len)), or NULL (a miss).
 * Sets *hash to the key's hash for textcache_keep_layout. Counts the hit or
 * miss in t->st. */
const BsTextLine *textcache_find_layout(BsText *t, const BsFont *f, const char *utf8,
                                        size_t len, int max_w, size_t *n_lines,
                                        uint64_t *hash);
/* Keeps t->lines / t->n_lines as the layout of that key (unless it would
 * take a large share of the budget, or memory is short). Returns the lines
 * to hand out: the cached copy, or t->lines. */
const BsTextLine *textcache_keep_layout(BsText *t, const BsFont *f, uint64_t hash,
                                        const char *utf8, size_t len, int max_w);

/* ------------------------------------------------------------------------ */
/* wrap.c                                                                   */

/* Writes s[0..n) to t->san as valid, NUL-terminated UTF-8 for SDL_ttf:
 * invalid bytes become t->repl, tab a space, other controls are dropped.
 * Returns the length, or SIZE_MAX when out of memory. */
size_t wrap_sanitize(BsText *t, const char *s, size_t n);
/* Width in pixels of t->san as it stands (NUL-terminated). */
bool wrap_size_san(BsText *t, BsFont *f, int *w);
/* Start of the character after the one at pos (s is valid UTF-8 up to end). */
size_t wrap_next_char(const unsigned char *s, size_t pos, size_t end);

#endif /* BS_SCREEN_TEXT_INTERNAL_H */
