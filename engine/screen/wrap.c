/*
 * wrap.c: measuring text and breaking it into lines. Text is sanitized for
 * SDL_ttf (invalid bytes, control characters) and measured with
 * TTF_SizeUTF8; line breaks follow UAX #14 (libunibreak), with line ends
 * guessed from cached glyph advances and then measured, and runs with no
 * break opportunity cut between characters. bs_text_wrap serves repeated
 * paragraphs from the layout cache (textcache.c). Contract: text.h; shared
 * internals: text_internal.h.
 */
#include "text_internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

#define ADV_MAX_ENTRIES ((size_t)1 << 16)

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
