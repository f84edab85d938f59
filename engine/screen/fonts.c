/*
 * fonts.c: finding the font files (BUYERSIM_FONT, the platform's fonts, or
 * the fonts the game ships; a font
 * must have U+4E2D and Latin glyphs, and whether it has U+FFFD decides how
 * invalid UTF-8 is drawn) and opening them at the sizes asked for (one
 * FreeType face per file and style, mapped into memory once). Contract:
 * text.h; shared internals: text_internal.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "text_internal.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "platform.h"

#define VERIFY_PX 16
#define CJK_PROBE 0x4E2Du /* 中 */

/* ------------------------------------------------------------------------ */
/* Font discovery                                                           */

/* Opens file at a small size and checks it has Chinese and Latin glyphs.
 * On failure writes the reason (a clause) to why. */
bool fonts_verify(const BsTextFontFile *file, char *why, size_t n, bool *replacement)
{
    TTF_Font *f = TTF_OpenFontIndex(file->path, VERIFY_PX, file->index);
    if (!f) {
        text_fmt_err(why, n, "cannot be opened as face %ld (%s)", file->index,
                     TTF_GetError());
        return false;
    }
    bool ok = true;
    if (!TTF_GlyphIsProvided32(f, CJK_PROBE)) {
        const char *fam = TTF_FontFaceFamilyName(f);
        text_fmt_err(why, n, "(%s) has no Chinese glyphs (U+4E2D is missing)",
                     fam ? fam : "unnamed family");
        ok = false;
    } else if (!TTF_GlyphIsProvided32(f, 'A')) {
        text_fmt_err(why, n, "has no Latin glyphs (U+0041 is missing)");
        ok = false;
    }
    if (replacement) /* how invalid UTF-8 is drawn: U+FFFD, else '?' */
        *replacement = TTF_GlyphIsProvided32(f, 0xFFFD) != 0;
    TTF_CloseFont(f);
    return ok;
}

/* BUYERSIM_FONT=path[:index] */
static bool parse_env_font(const char *v, BsTextFontFile *out, BsErrors *errs)
{
    size_t len = strlen(v);
    const char *colon = strrchr(v, ':');
    size_t plen = len;
    long index = 0;
    if (colon && colon[1] != '\0' && colon != v) {
        const char *d = colon + 1;
        size_t nd = strspn(d, "0123456789");
        if (d[nd] == '\0' && nd <= 9) {
            index = strtol(d, NULL, 10);
            plen = (size_t)(colon - v);
        }
    }
    if (plen >= sizeof out->path) {
        bs_errors_add(errs, BS_E_LIMIT, 0, 0, "", "BUYERSIM_FONT: path is too long (%zu bytes)", plen);
        return false;
    }
    memcpy(out->path, v, plen);
    out->path[plen] = '\0';
    out->index = index;
    return true;
}

/* The fonts the game ships: <data>/fonts/zh-{regular,bold}.otf, the web
 * build's Chinese subsets (with Latin), where they were installed. */
bool fonts_bundled(BsTextFonts *out)
{
    BsTextFontFile reg = {0}, bold = {0};
    char why[384];
    snprintf(reg.path, sizeof reg.path, "%s/fonts/zh-regular.otf", app_data_dir());
    snprintf(bold.path, sizeof bold.path, "%s/fonts/zh-bold.otf", app_data_dir());
    if (access(reg.path, R_OK) != 0 || !fonts_verify(&reg, why, sizeof why, &out->replacement))
        return false;
    out->regular = reg;
    out->bold_synthetic = access(bold.path, R_OK) != 0 || !fonts_verify(&bold, why, sizeof why, NULL);
    out->bold = out->bold_synthetic ? reg : bold;
    return true;
}

static bool find_fonts_inner(BsTextFonts *out, BsErrors *errs)
{
    char why[384];
    const char *env = getenv("BUYERSIM_FONT");
    if (env && *env) {
        if (!parse_env_font(env, &out->regular, errs))
            return false;
        if (!fonts_verify(&out->regular, why, sizeof why, &out->replacement)) {
            bs_errors_add(errs, BS_E_IO, 0, 0, "",
                          "BUYERSIM_FONT=%s: the font %s. Point it at a font with Chinese "
                          "glyphs, e.g. /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc:2 "
                          "from the Debian package fonts-noto-cjk",
                          env, why);
            return false;
        }
        out->bold = out->regular;
        out->bold_synthetic = true;
        out->from_env = true;
        return true;
    }

    /* the platform's fonts (fontconfig on a desktop, the page's in a
     * browser), else the fonts the game ships */
    BsErrors perr;
    bs_errors_init(&perr, "");
    bool ok = scr_platform_find_fonts(out, &perr) || fonts_bundled(out);
    if (!ok)
        app_errors_take(errs, &perr);
    bs_errors_free(&perr);
    return ok;
}

bool bs_text_find_fonts(BsTextFonts *out, BsErrors *errs)
{
    if (!out) {
        bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "", "bs_text_find_fonts: out is NULL");
        return false;
    }
    memset(out, 0, sizeof *out);
    if (TTF_Init() != 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "TTF_Init failed: %s", TTF_GetError());
        return false;
    }
    bool ok = find_fonts_inner(out, errs);
    TTF_Quit();
    return ok;
}

/* ------------------------------------------------------------------------ */
/* Opening fonts at a size                                                  */

static void close_font(BsText *t, BsFont *f)
{
    textcache_purge_font(t, f->id); /* the face stays open for the other sizes */
    free(f->adv_key);
    free(f->adv_val);
    memset(f, 0, sizeof *f);
}

bool fonts_sized(BsFont *f)
{
    if (f->face->px == f->px)
        return true;
    if (TTF_SetFontSize(f->face->ttf, f->px) != 0) {
        f->face->px = 0; /* its size is unknown now: set it again next time */
        return false;
    }
    f->face->px = f->px;
    return true;
}

size_t fonts_open_count(const BsText *t)
{
    size_t n = 0;
    for (size_t i = 0; i < BS_TEXT_MAX_FONTS; i++)
        n += t->fonts[i].ttf != NULL;
    return n;
}

/* Least recently used open font last used before frame `before`, or NULL. */
static BsFont *lru_font(BsText *t, uint64_t before)
{
    BsFont *best = NULL;
    for (size_t i = 0; i < BS_TEXT_MAX_FONTS; i++) {
        BsFont *f = &t->fonts[i];
        if (f->ttf && f->last_frame < before && (!best || f->last_frame < best->last_frame))
            best = f;
    }
    return best;
}

void fonts_close_stale(BsText *t)
{
    uint64_t before = t->frame > BS_TEXT_STALE_FRAMES ? t->frame - BS_TEXT_STALE_FRAMES : 0;
    while (fonts_open_count(t) > BS_TEXT_KEEP_FONTS) {
        BsFont *f = lru_font(t, before);
        if (!f)
            break;
        close_font(t, f);
    }
}

void fonts_close_all(BsText *t)
{
    for (size_t i = 0; i < BS_TEXT_MAX_FONTS; i++) {
        free(t->fonts[i].adv_key);
        free(t->fonts[i].adv_val);
    }
    for (int i = 0; i < 2; i++)
        if (t->faces[i].ttf)
            TTF_CloseFont(t->faces[i].ttf);
}

void fonts_unmap(BsText *t)
{
    for (int i = 0; i < 2; i++)
        if (t->map[i])
            munmap(t->map[i], t->map_len[i]);
}

/* A free slot for a new size: an empty one, else the least recently used
 * font not used this frame, closed. NULL (error set) if every slot was used
 * this frame. */
static BsFont *free_slot(BsText *t)
{
    for (size_t i = 0; i < BS_TEXT_MAX_FONTS; i++)
        if (!t->fonts[i].ttf)
            return &t->fonts[i];
    BsFont *slot = lru_font(t, t->frame);
    if (!slot) {
        text_set_err(t, "too many font sizes in one frame (at most %d)", BS_TEXT_MAX_FONTS);
        return NULL;
    }
    close_font(t, slot);
    return slot;
}

/* Maps font file `which` (0 regular, 1 a separate bold file) into memory
 * once. On failure nothing is mapped and the face is opened from the file. */
static void map_file(BsText *t, int which, const BsTextFontFile *file)
{
    if (t->map[which])
        return;
    int fd = open(file->path, O_RDONLY);
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size < ((uint64_t)1 << 31)) {
        void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m != MAP_FAILED) {
            t->map[which] = m;
            t->map_len[which] = (size_t)st.st_size;
        }
    }
    if (fd >= 0)
        close(fd);
}

/* Opens the regular or bold face (once; later sizes share it) at px. */
static Face *open_face(BsText *t, bool bold, int px)
{
    const BsTextFontFile *file = bold ? &t->files.bold : &t->files.regular;
    int which = bold && strcmp(t->files.bold.path, t->files.regular.path) ? 1 : 0;
    map_file(t, which, file);
    Face *face = &t->faces[bold ? 1 : 0];
    if (face->ttf)
        return face;
    TTF_Font *ttf = NULL;
    if (t->map[which]) {
        SDL_RWops *rw = SDL_RWFromConstMem(t->map[which], (int)t->map_len[which]);
        if (rw)
            ttf = TTF_OpenFontIndexRW(rw, 1, px, file->index);
    }
    if (!ttf)
        ttf = TTF_OpenFontIndex(file->path, px, file->index);
    if (!ttf) {
        text_set_err(t, "cannot open font %s (face %ld) at %d px: %s", file->path, file->index,
                     px, TTF_GetError());
        return NULL;
    }
    if (bold && t->files.bold_synthetic)
        TTF_SetFontStyle(ttf, TTF_STYLE_BOLD);
    /* Light hinting: the desktop default (fontconfig hintslight), and about a
     * third cheaper than normal hinting for CJK outlines (CFF). */
    TTF_SetFontHinting(ttf, TTF_HINTING_LIGHT);
    face->ttf = ttf;
    face->px = px;
    return face;
}

BsFont *bs_text_font(BsText *t, int px, bool bold)
{
    if (!t)
        return NULL;
    if (px < BS_TEXT_MIN_PX)
        px = BS_TEXT_MIN_PX;
    if (px > BS_TEXT_MAX_PX)
        px = BS_TEXT_MAX_PX;
    for (size_t i = 0; i < BS_TEXT_MAX_FONTS; i++) {
        BsFont *f = &t->fonts[i];
        if (f->ttf && f->px == px && f->bold == bold) {
            f->last_frame = t->frame;
            return f;
        }
    }
    BsFont *slot = free_slot(t);
    if (!slot)
        return NULL;
    Face *face = open_face(t, bold, px);
    if (!face)
        return NULL;
    slot->ttf = face->ttf;
    slot->face = face;
    slot->px = px;
    slot->bold = bold;
    if (!fonts_sized(slot)) {
        const BsTextFontFile *file = bold ? &t->files.bold : &t->files.regular;
        text_set_err(t, "cannot set font %s to %d px: %s", file->path, px, TTF_GetError());
        memset(slot, 0, sizeof *slot);
        return NULL;
    }
    TTF_Font *ttf = face->ttf;
    if (++t->next_font_id == 0)
        ++t->next_font_id;
    slot->id = t->next_font_id;
    slot->last_frame = t->frame;
    slot->line_h = TTF_FontLineSkip(ttf);
    if (slot->line_h < 1)
        slot->line_h = TTF_FontHeight(ttf) > 0 ? TTF_FontHeight(ttf) : px;
    return slot;
}

int bs_text_font_px(const BsFont *f) { return f ? f->px : 0; }
int bs_text_line_height(const BsFont *f) { return f ? f->line_h : 0; }
