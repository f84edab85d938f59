/*
 * text.h: UTF-8 text for the SDL2 screen (fonts, Unicode line breaking,
 * cached line textures). The public interface of the text system, which is
 * made of text.c (creation, frames), fonts.c (finding and opening fonts),
 * textcache.c (texture and layout caches, drawing) and wrap.c (measuring,
 * line breaking); text_internal.h is what they share.
 *
 * Contract
 * --------
 * - Fonts are found with fontconfig (lang zh-cn, Simplified Chinese + Latin,
 *   using the face index fontconfig returns: NotoSansCJK-Regular.ttc face 0
 *   is Japanese, face 2 is SC). Bold: fontconfig's bold match if it really
 *   is bold and has CJK glyphs, else synthetic (TTF_STYLE_BOLD on regular).
 *   BUYERSIM_FONT=path[:index] overrides (bold is then synthetic). A font
 *   without U+4E2D is refused with a message naming fonts-noto-cjk.
 * - Line breaking follows UAX #14 (libunibreak, set_linebreaks_utf8; works
 *   with bookworm's libunibreak 1.1, UAX #14 rev. 30): breaks only where allowed,
 *   always at mandatory breaks (LF, CRLF, CR, ...). Trailing white space at
 *   a break is neither measured nor drawn. A run with no break opportunity
 *   that is wider than the line is broken between characters, avoiding a
 *   closing punctuation mark at line start, an opening one at line end and
 *   a break before a combining mark where it can. A line holds at least one
 *   character (with its combining marks), so only a single character wider
 *   than max_w can make a line wider than max_w (bs_text_draw clips it).
 *   Line ends are guessed from cached glyph advances, then every line is
 *   measured with TTF_SizeUTF8, so widths are exact.
 * - Lines: "" has no line; each mandatory break ends a line and the text
 *   after the last one is a line if non-empty ("a\n" = 1 line, "\n\n" = 2).
 * - Invalid UTF-8 never crashes: each bad byte is drawn as U+FFFD, or as '?'
 *   when the font lacks U+FFFD (Noto Sans CJK does); tab is drawn as a
 *   space; other control characters are not drawn. Offsets always refer to
 *   the caller's bytes.
 * - Text is rendered (TTF_RenderUTF8_Blended) once per (font, colour, bytes)
 *   and kept as a texture in an LRU cache bounded by count and pixel bytes.
 *   Layouts (wrapped lines) are cached too, so drawing the same paragraph
 *   every frame measures and renders nothing. A line wider than the
 *   renderer's max texture width (and than BS_TEXT_MAX_LINE_PX) is clipped.
 * - Errors are values: creation and finding fonts return NULL / false with
 *   the reason in the caller's BsErrors (bs.h; no file named: the reason
 *   names the font); later calls return NULL / false / -1 and the message
 *   is in bs_text_error(). Nothing exits or logs.
 * - Not thread-safe: use one BsText from the thread that owns the renderer.
 *
 * Ownership and lifetimes
 * -----------------------
 * - BsText owns its fonts, textures, layouts and scratch buffers; destroy it
 *   with bs_text_destroy() before the renderer (or use
 *   bs_text_set_renderer(t, NULL, true) if the renderer is already gone).
 * - BsFont*: owned by BsText. Valid until the end of the frame in which it
 *   was last returned (the next bs_text_frame_begin()); after that the font
 *   may be closed to make room for other sizes. Ask bs_text_font() every
 *   frame (a lookup in a small table) or at least after each resize.
 * - SDL_Texture* from bs_text_get(): owned by the cache. Draw it right away;
 *   any later call on the same BsText may evict it. Never destroy it.
 * - BsTextLine arrays from bs_text_wrap(): owned by BsText, valid until the
 *   next bs_text_wrap/measure/draw, bs_text_font, bs_text_frame_begin or
 *   bs_text_destroy call on it. Copy them to keep them.
 * - Cache bounds: a single texture larger than the byte bound is still made
 *   (everything else is evicted first) so that a line can always be drawn.
 *
 * Frames: call bs_text_frame_begin() once per frame; it resets the per-frame
 * counters of bs_text_frame_stats() and closes fonts unused last frame when
 * more than a few are open (sizes change as the window is resized).
 * On SDL_RENDER_TARGETS_RESET / SDL_RENDER_DEVICE_RESET call
 * bs_text_drop_textures(); everything is re-rendered on demand (layouts are
 * kept: they do not depend on the renderer). Textures are ARGB8888 with
 * SDL_BLENDMODE_BLEND; the colour's alpha is honoured.
 */
#ifndef BS_SCREEN_TEXT_H
#define BS_SCREEN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "bs.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Widest line texture ever created, whatever the renderer allows. */
#define BS_TEXT_MAX_LINE_PX 16384
/* Font pixel sizes are clamped to this range. */
#define BS_TEXT_MIN_PX 4
#define BS_TEXT_MAX_PX 1024
/* At most this many font sizes open at once (and so in one frame). */
#define BS_TEXT_MAX_FONTS 32
/* bs_text_frame_begin() closes fonts unused for BS_TEXT_STALE_FRAMES frames
 * above this many (the sizes a resize left, not the ones the look ahead of
 * ahead.c readied for the next week, between frames that do not use them). */
#define BS_TEXT_KEEP_FONTS 8
#define BS_TEXT_STALE_FRAMES 600

typedef struct BsText BsText;
typedef struct BsFont BsFont;

typedef struct BsTextFontFile {
    char path[1024];
    long index; /* face index inside a collection (.ttc); 0 for plain files */
} BsTextFontFile;

typedef struct BsTextFonts {
    BsTextFontFile regular;
    BsTextFontFile bold;  /* equals regular when bold_synthetic */
    bool bold_synthetic;  /* no real bold face: TTF_STYLE_BOLD on regular */
    bool from_env;        /* BUYERSIM_FONT was used */
    bool replacement;     /* the regular face has U+FFFD (found while verifying it) */
} BsTextFonts;

/* One laid-out line: bytes [off, off+len) of the caller's text (trailing
 * white space and the line terminator excluded) and its width in pixels. */
typedef struct BsTextLine {
    size_t off;
    size_t len;
    int w;
} BsTextLine;

typedef struct BsTextStats {
    /* since the last bs_text_frame_begin() (or creation) */
    unsigned long hits;          /* bs_text_get served from the cache */
    unsigned long misses;        /* bs_text_get had to render */
    unsigned long renders;       /* TTF_RenderUTF8_Blended calls */
    unsigned long evictions;     /* textures evicted to stay in bounds */
    unsigned long measures;      /* TTF_SizeUTF8 calls */
    unsigned long layout_hits;   /* wrap served from the layout cache */
    unsigned long layout_misses; /* wrap computed */
    /* now */
    size_t textures;      /* textures held */
    size_t texture_bytes; /* their pixel bytes (w * h * 4) */
    size_t layouts;       /* layouts held */
    size_t fonts;         /* fonts open */
} BsTextStats;

/* Finds the regular and bold font files (fontconfig, or BUYERSIM_FONT) and
 * checks that they have Chinese glyphs. Needs no renderer or SDL_Init.
 * Returns false with the reason in errs (which may name fonts-noto-cjk). */
bool bs_text_find_fonts(BsTextFonts *out, BsErrors *errs);

/* Creates the text system for a renderer: finds fonts (as above), TTF_Init.
 * Returns NULL with the reason in errs on failure. */
BsText *bs_text_create(SDL_Renderer *renderer, BsErrors *errs);
/* The same with fonts bs_text_find_fonts found already (perhaps on another
 * thread, while the window opened: it takes tens of milliseconds). */
BsText *bs_text_create_found(SDL_Renderer *renderer, const BsTextFonts *fonts, BsErrors *errs);
void bs_text_destroy(BsText *t); /* NULL is fine */

/* Last error message ("" if none). Owned by t. */
const char *bs_text_error(const BsText *t);
const BsTextFonts *bs_text_fonts(const BsText *t);

/* Line-breaking language for libunibreak: "zh" (default) or "en" (others
 * are passed through; up to 15 characters). */
void bs_text_set_lang(BsText *t, const char *lang);

/* Texture cache bounds; 0 means the default (1024 textures, 128 MiB).
 * Evicts at once if the cache is over the new bounds. */
void bs_text_set_cache_limits(BsText *t, size_t max_textures, size_t max_bytes);

/* Font at a pixel size (the em size, i.e. TTF point size at 72 dpi;
 * clamped to [BS_TEXT_MIN_PX, BS_TEXT_MAX_PX]), regular or bold, opened on
 * first use and cached by (px, bold). NULL with bs_text_error() on failure. */
BsFont *bs_text_font(BsText *t, int px, bool bold);
int bs_text_font_px(const BsFont *f);
int bs_text_line_height(const BsFont *f); /* distance between baselines */

void bs_text_frame_begin(BsText *t);
BsTextStats bs_text_frame_stats(const BsText *t);

/* Breaks utf8[0..len) into lines no wider than max_w pixels (max_w <= 0:
 * only mandatory breaks). Sets *n_lines. Returns the lines (owned by t, see
 * above; non-NULL also when *n_lines is 0) or NULL on error. */
const BsTextLine *bs_text_wrap(BsText *t, BsFont *f, const char *utf8, size_t len,
                               int max_w, size_t *n_lines);

/* Texture of one line of text (no wrapping; control characters are not
 * drawn), rendered once and then served from the cache; *w and *h get its
 * size (may be NULL). Returns NULL with *w = *h = 0 for text that draws
 * nothing ("" or only control characters; bs_text_error() is "") and on
 * error (bs_text_error() says why). */
SDL_Texture *bs_text_get(BsText *t, BsFont *f, const char *utf8, size_t len,
                         SDL_Color color, int *w, int *h);
/* Whether bs_text_get would find this line rendered (a find: it stays in
 * the cache a while longer). */
bool bs_text_cached(BsText *t, BsFont *f, const char *utf8, size_t len, SDL_Color color);

/* Draws a wrapped paragraph with its top-left at (x, y), lines no wider than
 * max_w (max_w <= 0: no wrapping). Returns the height used (lines * line
 * height), or -1 if the text could not be laid out. A line that fails to
 * render is skipped and the error kept in bs_text_error(). */
int bs_text_draw(BsText *t, BsFont *f, const char *utf8, size_t len, int x, int y,
                 int max_w, SDL_Color color);

/* Like bs_text_draw without drawing or creating textures: returns the height
 * (or -1) and sets *out_w (may be NULL) to the widest line. */
int bs_text_measure(BsText *t, BsFont *f, const char *utf8, size_t len, int max_w,
                    int *out_w);

/* Destroys every cached texture (renderer lost them: SDL_RENDER_TARGETS_RESET
 * or SDL_RENDER_DEVICE_RESET). They are re-rendered on demand. */
void bs_text_drop_textures(BsText *t);

/* Switches to another renderer (e.g. recreated after a device loss). If
 * old_renderer_destroyed, the old textures are forgotten without
 * SDL_DestroyTexture (SDL_DestroyRenderer already freed them); otherwise
 * they are destroyed now. renderer may be NULL (textures then unavailable). */
void bs_text_set_renderer(BsText *t, SDL_Renderer *renderer, bool old_renderer_destroyed);

#ifdef __cplusplus
}
#endif

#endif /* BS_SCREEN_TEXT_H */
