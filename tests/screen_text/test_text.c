/*
 * Tests of the text system (engine/screen/text.h: text.c, fonts.c, wrap.c,
 * textcache.c): font discovery, UAX #14 wrapping, the texture cache and
 * that Chinese really draws glyphs. Headless: SDL's dummy video driver and
 * a software renderer drawing into an SDL_Surface.
 * Every test skips (with a message) when no CJK font is installed.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>
#include <linebreak.h>

#include "text.h"

#define SURF_W 800
#define SURF_H 600
#define PX 24

static const char ZH[] =
    "在这次采购中，客户最关心的是长期成本和风险。我们的方案（含三年维护）比竞争对手贵"
    "百分之十，但是客户的技术团队认为它更可靠、更容易集成！真的吗？他们说：“如果能证明"
    "投资回报，就可以考虑。”于是我们准备了详细的案例「华东制造」与数据。";

static const char EN[] =
    "The buyer does not care about your feature list. She cares about whether this "
    "purchase makes her look good in front of her boss, and whether the risk of "
    "switching vendors is worth the savings you promise.";

static const char MIXED[] =
    "客户说：We need the price under 10%，否则不行。Let's talk about ROI（投资回报）and "
    "the rollout plan for Q3。张经理 thinks the integration risk is too high.";

typedef struct Fixture {
    bool have_font;
    char why[1024];
    BsTextFonts fonts;
    SDL_Surface *surf;
    SDL_Renderer *ren;
    BsText *t;
    TTF_Font *ref; /* the same face and size, opened by the test, to check widths */
} Fixture;

static Fixture fx;

#define NEED_FONT()                                                                  \
    do {                                                                             \
        if (!fx.have_font) {                                                         \
            print_message("SKIP (no CJK font): %s\n", fx.why);                       \
            skip();                                                                  \
        }                                                                            \
    } while (0)

/* ------------------------------------------------------------------------ */
/* helpers                                                                  */

static uint32_t decode(const char *s, size_t n, size_t *k)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n == 0) {
        *k = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *k = 1;
        return u[0];
    }
    size_t len = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
    if (len > n || len == 1) {
        *k = 1;
        return 0xFFFD;
    }
    uint32_t cp = u[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++)
        cp = (cp << 6) | (u[i] & 0x3F);
    *k = len;
    return cp;
}

static bool is_closing(uint32_t c)
{
    static const uint32_t set[] = {0xFF0C, 0x3002, 0x3001, 0xFF09, 0x300D, 0xFF01,
                                   0xFF1F, 0xFF1A, 0xFF1B, 0x201D, 0x2019, 0x300F,
                                   ',',    '.',    ';',    ':',    '!',    '?',
                                   ')'};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c)
            return true;
    return false;
}

static bool is_hanzi(uint32_t c) { return c >= 0x4E00 && c <= 0x9FFF; }

static bool is_ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* last code point of s[0..n) */
static uint32_t last_cp(const char *s, size_t n)
{
    size_t i = n;
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0)
        i--;
    size_t k;
    return decode(s + i, n - i, &k);
}

/* Width of s[0..n) with the test's own font. */
static int ref_width(const char *s, size_t n)
{
    char *z = malloc(n + 1);
    assert_non_null(z);
    memcpy(z, s, n);
    z[n] = '\0';
    int w = 0, h = 0;
    if (n > 0)
        assert_int_equal(TTF_SizeUTF8(fx.ref, z, &w, &h), 0);
    free(z);
    return w;
}

static BsFont *font(int px, bool bold)
{
    BsFont *f = bs_text_font(fx.t, px, bold);
    if (!f)
        print_message("bs_text_font: %s\n", bs_text_error(fx.t));
    assert_non_null(f);
    return f;
}

static bool only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k;
        uint32_t c = decode(s + i, n - i, &k);
        if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x3000))
            return false;
        i += k;
    }
    return true;
}

/* Lines narrower than a run like "虑。”" must cut it somewhere. */
static bool allow_closing_start;

typedef struct Wrapped {
    BsTextLine lines[512];
    size_t n;
    int forced; /* line ends that are not UAX #14 break opportunities */
} Wrapped;

/* Wraps text at max_w with the 24 px regular font and checks the invariants
 * that hold for every text: order and coverage, no trailing or skipped
 * non-space, width <= max_w and equal to the real width, breaks at UAX #14
 * opportunities (or counted as forced), lines as full as they can be. */
static void wrap_and_check(const char *text, int max_w, const char *lang, Wrapped *out)
{
    size_t len = strlen(text);
    bs_text_set_lang(fx.t, lang);
    BsFont *f = font(PX, false);
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(fx.t, f, text, len, max_w, &n);
    if (!lines)
        print_message("bs_text_wrap: %s\n", bs_text_error(fx.t));
    assert_non_null(lines);
    assert_true(n <= sizeof out->lines / sizeof out->lines[0]);
    memcpy(out->lines, lines, n * sizeof *lines);
    out->n = n;
    out->forced = 0;

    static char brks[4096];
    assert_true(len <= sizeof brks);
    set_linebreaks_utf8((const utf8_t *)text, len, lang, brks);

    size_t prev_end = 0;
    for (size_t i = 0; i < n; i++) {
        const BsTextLine *l = &out->lines[i];
        assert_true(l->off >= prev_end);
        assert_true(l->off + l->len <= len);
        /* nothing but white space is dropped between lines */
        assert_true(only_space(text + prev_end, l->off - prev_end));
        if (l->len > 0) {
            assert_false(only_space(text + l->off + l->len - 1, 1)); /* no trailing space */
            assert_int_equal(l->w, ref_width(text + l->off, l->len));
            int tw = 0, th = 0; /* and it is the width that is drawn */
            assert_non_null(bs_text_get(fx.t, f, text + l->off, l->len,
                                        (SDL_Color){255, 255, 255, 255}, &tw, &th));
            assert_int_equal(l->w, tw);
        } else {
            assert_int_equal(l->w, 0);
        }
        if (max_w > 0 && l->w > max_w) {
            /* allowed only for a line of one character (plus its marks) */
            size_t k;
            (void)decode(text + l->off, l->len, &k);
            bool one_char = true;
            for (size_t j = k; j < l->len;) {
                size_t kk;
                uint32_t c = decode(text + l->off + j, l->len - j, &kk);
                one_char = one_char && c >= 0x0300 && c <= 0x036F;
                j += kk;
            }
            if (!one_char)
                fail_msg("line %zu is %d px wide, over max_w %d: %.*s", i, l->w, max_w,
                         (int)l->len, text + l->off);
        }
        if (i > 0 && l->len > 0 && !allow_closing_start) {
            size_t k;
            uint32_t first = decode(text + l->off, l->len, &k);
            if (is_closing(first))
                fail_msg("line %zu starts with closing punctuation U+%04X (max_w %d): %.*s",
                         i, (unsigned)first, max_w, (int)l->len, text + l->off);
        }
        if (i + 1 < n) {
            size_t next = out->lines[i + 1].off;
            char b = brks[next - 1];
            if (b != LINEBREAK_ALLOWBREAK && b != LINEBREAK_MUSTBREAK) {
                out->forced++;
            } else if (b == LINEBREAK_ALLOWBREAK && max_w > 0) {
                /* greedy: the next line's first segment would not have fit */
                size_t seg = next;
                while (seg < len && brks[seg] != LINEBREAK_ALLOWBREAK &&
                       brks[seg] != LINEBREAK_MUSTBREAK)
                    seg++;
                seg = seg < len ? seg + 1 : len;
                while (seg > next && only_space(text + seg - 1, 1))
                    seg--;
                int w = ref_width(text + l->off, seg - l->off);
                if (w <= max_w)
                    fail_msg("line %zu is not full: %d <= %d with the next segment", i, w,
                             max_w);
            }
        }
        prev_end = l->off + l->len;
    }
    assert_true(only_space(text + prev_end, len - prev_end));
    bs_text_set_lang(fx.t, "zh");
}

/* Renders texture at (0,0) on black and copies its pixels (ARGB). */
static Uint32 *snapshot(SDL_Texture *tex, int w, int h, int *lit)
{
    SDL_SetRenderDrawColor(fx.ren, 0, 0, 0, 255);
    SDL_RenderClear(fx.ren);
    SDL_Rect dst = {0, 0, w, h};
    assert_int_equal(SDL_RenderCopy(fx.ren, tex, NULL, &dst), 0);
    SDL_RenderFlush(fx.ren);
    Uint32 *px = calloc((size_t)w * (size_t)h, sizeof *px);
    assert_non_null(px);
    *lit = 0;
    for (int y = 0; y < h && y < SURF_H; y++) {
        const Uint32 *row = (const Uint32 *)(const void *)((const Uint8 *)fx.surf->pixels +
                                                           (size_t)y * (size_t)fx.surf->pitch);
        for (int x = 0; x < w && x < SURF_W; x++) {
            px[(size_t)y * (size_t)w + (size_t)x] = row[x] & 0xFFFFFF;
            *lit += (row[x] & 0xFFFFFF) != 0;
        }
    }
    return px;
}

/* ------------------------------------------------------------------------ */
/* setup                                                                    */

static int group_setup(void **state)
{
    (void)state;
    memset(&fx, 0, sizeof fx);
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    if (SDL_Init(SDL_INIT_VIDEO) != 0)
        print_message("SDL_Init: %s (continuing: the software renderer needs no video)\n",
                      SDL_GetError());
    fx.surf = SDL_CreateRGBSurfaceWithFormat(0, SURF_W, SURF_H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!fx.surf)
        return -1;
    fx.ren = SDL_CreateSoftwareRenderer(fx.surf);
    if (!fx.ren)
        return -1;
    BsErrors e;
    bs_errors_init(&e, "");
    fx.have_font = bs_text_find_fonts(&fx.fonts, &e);
    snprintf(fx.why, sizeof fx.why, "%s", e.count ? e.items[0].msg : "");
    bs_errors_free(&e);
    if (!fx.have_font) {
        print_message("SKIP: no usable CJK font: %s\n", fx.why);
        return 0;
    }
    fx.t = bs_text_create(fx.ren, &e);
    if (!fx.t) {
        print_message("bs_text_create failed although a font was found: %s\n", e.count ? e.items[0].msg : "");
        bs_errors_free(&e);
        return -1;
    }
    bs_errors_free(&e);
    if (TTF_Init() != 0)
        return -1;
    fx.ref = TTF_OpenFontIndex(fx.fonts.regular.path, PX, fx.fonts.regular.index);
    if (!fx.ref)
        return -1;
    TTF_SetFontHinting(fx.ref, TTF_HINTING_LIGHT); /* as fonts.c does */
    print_message("font: %s face %ld (%s); bold: %s face %ld%s\n", fx.fonts.regular.path,
                  fx.fonts.regular.index, TTF_FontFaceFamilyName(fx.ref), fx.fonts.bold.path,
                  fx.fonts.bold.index, fx.fonts.bold_synthetic ? " (synthetic)" : "");
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    if (fx.ref) {
        TTF_CloseFont(fx.ref);
        TTF_Quit();
    }
    bs_text_destroy(fx.t);
    if (fx.ren)
        SDL_DestroyRenderer(fx.ren);
    SDL_FreeSurface(fx.surf);
    SDL_Quit();
    return 0;
}

static int test_setup(void **state)
{
    (void)state;
    if (fx.t) {
        bs_text_set_cache_limits(fx.t, 0, 0);
        bs_text_set_lang(fx.t, "zh");
        bs_text_frame_begin(fx.t);
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* fonts                                                                    */

static void test_font_found_has_cjk(void **state)
{
    (void)state;
    NEED_FONT();
    assert_true(fx.fonts.regular.path[0] != '\0');
    assert_true(TTF_GlyphIsProvided32(fx.ref, 0x4E2D) != 0);
    assert_true(TTF_GlyphIsProvided32(fx.ref, 'A') != 0);
    if (strstr(fx.fonts.regular.path, "NotoSansCJK") && !fx.fonts.from_env) {
        /* face 0 of the collection is Japanese: fontconfig's index is used */
        assert_int_not_equal(fx.fonts.regular.index, 0);
        const char *fam = TTF_FontFaceFamilyName(fx.ref);
        assert_non_null(fam);
        assert_non_null(strstr(fam, "SC"));
    }
    assert_true(bs_text_line_height(font(PX, false)) >= PX);
    assert_true(bs_text_font(fx.t, PX, true) != bs_text_font(fx.t, PX, false));
    assert_ptr_equal(bs_text_font(fx.t, PX, false), bs_text_font(fx.t, PX, false));
    assert_int_equal(bs_text_font_px(font(1, false)), BS_TEXT_MIN_PX);
    assert_int_equal(bs_text_font_px(font(100000, false)), BS_TEXT_MAX_PX);
}

static void test_env_override(void **state)
{
    (void)state;
    NEED_FONT();
    const char *old = getenv("BUYERSIM_FONT");
    char *saved = old ? strdup(old) : NULL;
    BsErrors e; /* the reason is the error's message: it names the font, no file position */
    BsTextFonts f;

    /* the found font, given explicitly with its face index */
    char spec[1100];
    snprintf(spec, sizeof spec, "%s:%ld", fx.fonts.regular.path, fx.fonts.regular.index);
    setenv("BUYERSIM_FONT", spec, 1);
    bs_errors_init(&e, "");
    assert_true(bs_text_find_fonts(&f, &e));
    assert_int_equal(e.count, 0);
    assert_true(f.from_env);
    assert_string_equal(f.regular.path, fx.fonts.regular.path);
    assert_int_equal(f.regular.index, fx.fonts.regular.index);
    assert_true(f.bold_synthetic);

    /* a file that does not exist */
    setenv("BUYERSIM_FONT", "/nonexistent/font.ttf", 1);
    assert_false(bs_text_find_fonts(&f, &e));
    assert_int_equal(e.count, 1);
    assert_non_null(strstr(e.items[0].msg, "BUYERSIM_FONT"));
    bs_errors_free(&e);
    assert_null(bs_text_create(fx.ren, &e));
    assert_int_equal(e.count, 1);
    assert_non_null(strstr(e.items[0].msg, "fonts-noto-cjk"));
    bs_errors_free(&e);

    /* a Latin-only font: refused, naming the package to install */
    const char *dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    FILE *probe = fopen(dejavu, "rb");
    if (probe) {
        fclose(probe);
        setenv("BUYERSIM_FONT", dejavu, 1);
        assert_false(bs_text_find_fonts(&f, &e));
        assert_int_equal(e.count, 1);
        print_message("DejaVu refused: %s\n", e.items[0].msg);
        assert_non_null(strstr(e.items[0].msg, "fonts-noto-cjk"));
        assert_non_null(strstr(e.items[0].msg, "Chinese"));
        bs_errors_free(&e);
    }

    if (saved) {
        setenv("BUYERSIM_FONT", saved, 1);
        free(saved);
    } else {
        unsetenv("BUYERSIM_FONT");
    }
}

/* ------------------------------------------------------------------------ */
/* wrapping                                                                 */

static void test_wrap_chinese(void **state)
{
    (void)state;
    NEED_FONT();
    int between_hanzi = 0;
    /* From 3 em: the widest run without a break opportunity in ZH, "虑。”",
     * is 3 characters (narrower lines must cut it, see test_wrap_narrow_cjk). */
    for (int max_w = 3 * PX; max_w <= 30 * PX; max_w += PX / 2 + 1) {
        Wrapped w;
        wrap_and_check(ZH, max_w, "zh", &w);
        assert_int_equal(w.forced, 0);
        assert_true(w.n >= 2);
        for (size_t i = 0; i + 1 < w.n; i++) {
            uint32_t a = last_cp(ZH + w.lines[i].off, w.lines[i].len);
            size_t k;
            uint32_t b = decode(ZH + w.lines[i + 1].off, w.lines[i + 1].len, &k);
            between_hanzi += is_hanzi(a) && is_hanzi(b);
        }
    }
    /* Chinese breaks between characters, not only at punctuation */
    assert_true(between_hanzi > 20);
}

static void test_wrap_english(void **state)
{
    (void)state;
    NEED_FONT();
    int widest_word = ref_width("switching", 9);
    for (int max_w = widest_word; max_w <= 700; max_w += 13) {
        Wrapped w;
        wrap_and_check(EN, max_w, "en", &w);
        assert_int_equal(w.forced, 0);
        for (size_t i = 0; i + 1 < w.n; i++) {
            size_t next = w.lines[i + 1].off;
            assert_true(EN[next - 1] == ' '); /* broke at a space */
            assert_true(EN[w.lines[i].off + w.lines[i].len] == ' ');
        }
    }
    /* no wrapping: one line */
    Wrapped one;
    wrap_and_check(EN, 0, "en", &one);
    assert_int_equal(one.n, 1);
    assert_int_equal(one.lines[0].len, strlen(EN));
}

static void test_wrap_mixed(void **state)
{
    (void)state;
    NEED_FONT();
    int widest_word = ref_width("integration", 11);
    for (int max_w = widest_word; max_w <= 900; max_w += 11) {
        Wrapped w;
        wrap_and_check(MIXED, max_w, "zh", &w);
        assert_int_equal(w.forced, 0);
        for (size_t i = 0; i + 1 < w.n; i++) {
            uint32_t a = last_cp(MIXED + w.lines[i].off, w.lines[i].len);
            size_t k;
            uint32_t b = decode(MIXED + w.lines[i + 1].off, w.lines[i + 1].len, &k);
            bool adjacent = w.lines[i].off + w.lines[i].len == w.lines[i + 1].off;
            if (adjacent && is_ascii_letter(a) && is_ascii_letter(b)) /* no word split */
                fail_msg("word split at max_w %d: [%.*s] [%.*s]", max_w, (int)w.lines[i].len,
                         MIXED + w.lines[i].off, (int)w.lines[i + 1].len,
                         MIXED + w.lines[i + 1].off);
        }
    }
}

static void test_wrap_long_word_forced(void **state)
{
    (void)state;
    NEED_FONT();
    static const char word[] = "Supercalifragilisticexpialidocious";
    int max_w = ref_width("MMMMM", 5);
    Wrapped w;
    wrap_and_check(word, max_w, "en", &w);
    assert_true(w.n >= 3);
    assert_int_equal(w.forced, (int)w.n - 1);
    size_t at = 0;
    for (size_t i = 0; i < w.n; i++) { /* contiguous, nothing lost */
        assert_int_equal(w.lines[i].off, at);
        assert_true(w.lines[i].len > 0);
        at += w.lines[i].len;
    }
    assert_int_equal(at, strlen(word));

    /* a long word among short ones: only the long word is cut */
    static const char text[] = "a b Pneumonoultramicroscopicsilicovolcanoconiosis c d";
    Wrapped w2;
    wrap_and_check(text, ref_width("MMMMMMMM", 8), "en", &w2);
    assert_true(w2.forced >= 1);
    assert_int_equal(w2.lines[0].len, 3); /* "a b" */

    /* narrower than one character: one character per line, no endless loop */
    static const char zh[] = "中文，测试。";
    BsFont *f = font(PX, false);
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(fx.t, f, zh, strlen(zh), 1, &n);
    assert_non_null(lines);
    assert_int_equal(n, 6);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(lines[i].len, 3);
    assert_int_equal(bs_text_draw(fx.t, f, zh, strlen(zh), 0, 0, 1,
                                  (SDL_Color){255, 255, 255, 255}),
                     6 * bs_text_line_height(f));
}

static void test_wrap_narrow_and_forced_cuts(void **state)
{
    (void)state;
    NEED_FONT();
    /* 2 em: "文，" and "文。" still fit, so punctuation never starts a line */
    static const char zh[] = "中文，中文。中文";
    Wrapped w;
    wrap_and_check(zh, 2 * PX, "zh", &w);
    assert_int_equal(w.forced, 0);
    assert_int_equal(w.n, 5);

    /* Narrower than some runs: cut, but every line still fits. */
    allow_closing_start = true;
    for (int max_w = PX; max_w < 3 * PX; max_w += 5)
        wrap_and_check(ZH, max_w, "zh", &w);
    allow_closing_start = false;

    /* A run without a break opportunity is not cut before a comma ... */
    static const char comma[] = "aaaa,bbbbbbbb";
    wrap_and_check(comma, ref_width("aaaa", 4), "en", &w);
    assert_true(w.forced >= 1);
    assert_int_equal(w.lines[0].len, 3);
    /* ... nor after an opening bracket ... */
    static const char open[] = "aaa(bbbbbbbbb";
    wrap_and_check(open, ref_width("aaa(", 4), "en", &w);
    assert_int_equal(w.lines[0].len, 3);
    assert_int_equal(open[w.lines[1].off], '(');
    /* ... nor before a combining mark (e + U+0301) */
#define E_ACUTE "e\xcc\x81"
    static const char comb[] = E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE E_ACUTE;
#undef E_ACUTE
    for (int max_w = 8; max_w < 60; max_w += 3) {
        wrap_and_check(comb, max_w, "en", &w);
        for (size_t i = 1; i < w.n; i++)
            assert_int_equal(comb[w.lines[i].off], 'e');
    }
}

static void test_wrap_edge_inputs(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    int lh = bs_text_line_height(f);
    SDL_Color white = {255, 255, 255, 255};
    size_t n = 99;

    assert_non_null(bs_text_wrap(fx.t, f, "", 0, 300, &n));
    assert_int_equal(n, 0);
    assert_non_null(bs_text_wrap(fx.t, f, NULL, 0, 300, &n));
    assert_int_equal(n, 0);
    assert_int_equal(bs_text_draw(fx.t, f, "", 0, 0, 0, 300, white), 0);
    assert_int_equal(bs_text_measure(fx.t, f, "", 0, 300, NULL), 0);

    const BsTextLine *l = bs_text_wrap(fx.t, f, "\n\n", 2, 300, &n);
    assert_non_null(l);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].len, 0);
    assert_int_equal(l[1].len, 0);
    assert_int_equal(bs_text_draw(fx.t, f, "\n\n", 2, 0, 0, 300, white), 2 * lh);

    l = bs_text_wrap(fx.t, f, "a\r\nb", 4, 300, &n);
    assert_int_equal(n, 2);
    assert_int_equal(l[0].off, 0);
    assert_int_equal(l[0].len, 1);
    assert_int_equal(l[1].off, 3);
    assert_int_equal(l[1].len, 1);

    l = bs_text_wrap(fx.t, f, "a\rb\n", 4, 300, &n); /* lone CR breaks too */
    assert_int_equal(n, 2);

    l = bs_text_wrap(fx.t, f, "a\n", 2, 300, &n);
    assert_int_equal(n, 1);
    l = bs_text_wrap(fx.t, f, "   ", 3, 300, &n);
    assert_int_equal(n, 1);
    assert_int_equal(l[0].len, 0);
    assert_int_equal(l[0].w, 0);

    /* invalid UTF-8, NUL bytes, controls: never a crash, never lost text */
    static const char bad[] = "ab\xff\xfe cd \xe6\x97 \xc0\x80 \xed\xa0\x80 e\0f\x01g \xe4\xb8\xad";
    size_t blen = sizeof bad - 1;
    for (int max_w = 1; max_w < 400; max_w += 37) {
        l = bs_text_wrap(fx.t, f, bad, blen, max_w, &n);
        assert_non_null(l);
        assert_true(n >= 1);
        assert_true(bs_text_draw(fx.t, f, bad, blen, 0, 0, max_w, white) >= lh);
    }
    int w = 0, h = 0;
    assert_non_null(bs_text_get(fx.t, f, "ab\xff", 3, white, &w, &h));
    assert_true(w > 0 && h > 0);
    assert_non_null(bs_text_get(fx.t, f, "\xe6\x97", 2, white, &w, &h)); /* truncated */

    /* text that draws nothing: NULL, 0x0, and no error */
    assert_null(bs_text_get(fx.t, f, "", 0, white, &w, &h));
    assert_int_equal(w, 0);
    assert_int_equal(h, 0);
    assert_string_equal(bs_text_error(fx.t), "");
    assert_null(bs_text_get(fx.t, f, "\r\n", 2, white, &w, &h));
    assert_int_equal(w, 0);
    assert_string_equal(bs_text_error(fx.t), "");

    /* bad arguments are errors, not crashes */
    assert_null(bs_text_wrap(fx.t, NULL, "x", 1, 100, &n));
    assert_true(bs_text_error(fx.t)[0] != '\0');
    assert_int_equal(bs_text_draw(fx.t, f, NULL, 5, 0, 0, 100, white), -1);

    /* libunibreak without language tailoring still works */
    bs_text_set_lang(fx.t, NULL);
    assert_non_null(bs_text_wrap(fx.t, f, ZH, strlen(ZH), 200, &n));
    bs_text_set_lang(fx.t, "zh");
}

static void test_measure_matches_draw(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    int mw = 0;
    int mh = bs_text_measure(fx.t, f, MIXED, strlen(MIXED), 300, &mw);
    assert_true(mh > 0);
    assert_true(mw > 0 && mw <= 300);
    BsTextStats s = bs_text_frame_stats(fx.t);
    size_t textures_before = s.textures;
    bs_text_frame_begin(fx.t);
    /* measuring created no texture */
    assert_int_equal(bs_text_measure(fx.t, f, EN, strlen(EN), 250, NULL) > 0, 1);
    s = bs_text_frame_stats(fx.t);
    assert_int_equal(s.renders, 0);
    assert_int_equal(s.textures, textures_before);
    int dh = bs_text_draw(fx.t, f, MIXED, strlen(MIXED), 0, 0, 300,
                          (SDL_Color){255, 255, 255, 255});
    assert_int_equal(dh, mh);
    assert_int_equal(mh % bs_text_line_height(f), 0);
}

/* ------------------------------------------------------------------------ */
/* cache                                                                    */

static void test_cache_reuses_textures(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    SDL_Color white = {255, 255, 255, 255}, red = {255, 0, 0, 255};
    static const char s[] = "你好，世界";
    bs_text_drop_textures(fx.t);
    bs_text_frame_begin(fx.t);
    int w1, h1, w2, h2;
    SDL_Texture *a = bs_text_get(fx.t, f, s, strlen(s), white, &w1, &h1);
    assert_non_null(a);
    assert_int_equal(w1, ref_width(s, strlen(s)));
    SDL_Texture *b = bs_text_get(fx.t, f, s, strlen(s), white, &w2, &h2);
    assert_ptr_equal(a, b);
    assert_int_equal(w1, w2);
    assert_int_equal(h1, h2);
    BsTextStats st = bs_text_frame_stats(fx.t);
    assert_int_equal(st.misses, 1);
    assert_int_equal(st.hits, 1);
    assert_int_equal(st.renders, 1);

    /* another colour, another size, a prefix: other textures */
    assert_ptr_not_equal(bs_text_get(fx.t, f, s, strlen(s), red, NULL, NULL), a);
    assert_ptr_not_equal(bs_text_get(fx.t, font(PX + 2, false), s, strlen(s), white, NULL, NULL),
                         a);
    assert_ptr_not_equal(bs_text_get(fx.t, f, s, 3, white, NULL, NULL), a);
    assert_int_equal(bs_text_frame_stats(fx.t).renders, 4);

    /* a paragraph drawn every frame is laid out and rendered once */
    bs_text_frame_begin(fx.t);
    assert_true(bs_text_draw(fx.t, f, ZH, strlen(ZH), 10, 10, 400, white) > 0);
    st = bs_text_frame_stats(fx.t);
    assert_true(st.renders > 3);
    assert_int_equal(st.layout_misses, 1);
    for (int frame = 0; frame < 5; frame++) {
        bs_text_frame_begin(fx.t);
        assert_true(bs_text_draw(fx.t, f, ZH, strlen(ZH), 10, 10, 400, white) > 0);
        st = bs_text_frame_stats(fx.t);
        assert_int_equal(st.renders, 0);
        assert_int_equal(st.misses, 0);
        assert_int_equal(st.measures, 0);
        assert_int_equal(st.layout_hits, 1);
        assert_true(st.hits > 3);
    }

    /* the renderer lost its textures: all re-rendered on demand */
    bs_text_drop_textures(fx.t);
    assert_int_equal(bs_text_frame_stats(fx.t).textures, 0);
    bs_text_frame_begin(fx.t);
    assert_non_null(bs_text_get(fx.t, f, s, strlen(s), white, NULL, NULL));
    assert_int_equal(bs_text_frame_stats(fx.t).renders, 1);
}

static void test_cache_bounded(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    SDL_Color white = {255, 255, 255, 255};
    char buf[64];

    bs_text_set_cache_limits(fx.t, 8, 0);
    bs_text_frame_begin(fx.t);
    for (int i = 0; i < 100; i++) {
        snprintf(buf, sizeof buf, "第%d行 line %d", i, i);
        assert_non_null(bs_text_get(fx.t, f, buf, strlen(buf), white, NULL, NULL));
        assert_true(bs_text_frame_stats(fx.t).textures <= 8);
    }
    BsTextStats st = bs_text_frame_stats(fx.t);
    assert_int_equal(st.renders, 100);
    assert_true(st.evictions >= 92);
    /* LRU: the most recent is still there */
    snprintf(buf, sizeof buf, "第%d行 line %d", 99, 99);
    bs_text_get(fx.t, f, buf, strlen(buf), white, NULL, NULL);
    assert_int_equal(bs_text_frame_stats(fx.t).renders, 100);

    /* bound by pixel bytes */
    size_t max_bytes = 64 * 1024;
    bs_text_set_cache_limits(fx.t, 1000, max_bytes);
    assert_true(bs_text_frame_stats(fx.t).texture_bytes <= max_bytes);
    for (int i = 0; i < 100; i++) {
        snprintf(buf, sizeof buf, "字节%d", i);
        int w, h;
        assert_non_null(bs_text_get(fx.t, f, buf, strlen(buf), white, &w, &h));
        assert_true((size_t)w * (size_t)h * 4 < max_bytes);
        assert_true(bs_text_frame_stats(fx.t).texture_bytes <= max_bytes);
    }
    bs_text_set_cache_limits(fx.t, 0, 0);
}

static void test_font_sizes_follow_resizes(void **state)
{
    (void)state;
    NEED_FONT();
    SDL_Color white = {255, 255, 255, 255};
    /* a window being resized: a new size every frame */
    for (int frame = 0; frame < 60; frame++) {
        bs_text_frame_begin(fx.t);
        BsFont *body = font(12 + frame, false);
        BsFont *title = font(20 + frame, true);
        assert_ptr_equal(body, bs_text_font(fx.t, 12 + frame, false));
        assert_true(bs_text_draw(fx.t, body, ZH, 60, 0, 0, 300, white) > 0);
        assert_true(bs_text_draw(fx.t, title, "标题 Title", 13, 0, 0, 300, white) > 0);
        BsTextStats st = bs_text_frame_stats(fx.t);
        assert_true(st.fonts <= BS_TEXT_MAX_FONTS); /* the oldest size gives its slot to the new one */
    }
    /* textures of closed fonts went with them */
    assert_true(bs_text_frame_stats(fx.t).textures < 200);
    /* the sizes of the resize, unused a while: closed down to the few kept */
    for (int frame = 0; frame <= BS_TEXT_STALE_FRAMES; frame++)
        bs_text_frame_begin(fx.t);
    assert_true(bs_text_frame_stats(fx.t).fonts <= BS_TEXT_KEEP_FONTS);

    /* too many sizes in one frame: an error, not a crash or a dangling font */
    bs_text_frame_begin(fx.t);
    int got = 0;
    for (int px = 10; px < 10 + BS_TEXT_MAX_FONTS + 4; px++)
        got += bs_text_font(fx.t, px, false) != NULL;
    assert_int_equal(got, BS_TEXT_MAX_FONTS);
    assert_non_null(strstr(bs_text_error(fx.t), "too many"));
    for (int frame = 0; frame <= BS_TEXT_STALE_FRAMES + 1; frame++)
        bs_text_frame_begin(fx.t);
    assert_true(bs_text_frame_stats(fx.t).fonts <= BS_TEXT_KEEP_FONTS);
    assert_non_null(bs_text_font(fx.t, 77, false));
}

/* ------------------------------------------------------------------------ */
/* drawing                                                                  */

static void test_chinese_draws_glyphs(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(32, false);
    SDL_Color white = {255, 255, 255, 255};
    int w1, h1, w2, h2, w3, h3, lit_zh, lit_tofu, lit_wen;

    SDL_Texture *zh = bs_text_get(fx.t, f, "中文", strlen("中文"), white, &w1, &h1);
    assert_non_null(zh);
    Uint32 *img_zh = snapshot(zh, w1, h1, &lit_zh);

    /* U+FFFF twice: no font has it, so this is what missing glyphs look like */
    assert_int_equal(TTF_GlyphIsProvided32(fx.ref, 0xFFFF), 0);
    static const char tofu[] = "\xef\xbf\xbf\xef\xbf\xbf";
    SDL_Texture *tf = bs_text_get(fx.t, f, tofu, strlen(tofu), white, &w2, &h2);
    assert_non_null(tf);
    Uint32 *img_tofu = snapshot(tf, w2, h2, &lit_tofu);

    SDL_Texture *wen = bs_text_get(fx.t, f, "文中", strlen("文中"), white, &w3, &h3);
    assert_non_null(wen);
    Uint32 *img_wen = snapshot(wen, w3, h3, &lit_wen);

    print_message("lit pixels: 中文 %d, tofu %d, 文中 %d (of %dx%d)\n", lit_zh, lit_tofu,
                  lit_wen, w1, h1);
    assert_true(lit_zh > 200);
    int cw = w1 < w2 ? w1 : w2, ch = h1 < h2 ? h1 : h2;
    int diff_tofu = 0, diff_wen = 0;
    for (int y = 0; y < ch; y++)
        for (int x = 0; x < cw; x++)
            diff_tofu += img_zh[y * w1 + x] != img_tofu[y * w2 + x];
    for (int y = 0; y < h1 && y < h3; y++)
        for (int x = 0; x < w1 && x < w3; x++)
            diff_wen += img_zh[y * w1 + x] != img_wen[y * w3 + x];
    assert_true(diff_tofu > 100); /* real glyphs, not boxes */
    assert_true(diff_wen > 100);  /* and different glyphs for different characters */
    free(img_zh);
    free(img_tofu);
    free(img_wen);

    /* drawing a paragraph puts pixels in the surface */
    SDL_SetRenderDrawColor(fx.ren, 0, 0, 0, 255);
    SDL_RenderClear(fx.ren);
    int used = bs_text_draw(fx.t, f, ZH, strlen(ZH), 0, 0, SURF_W, white);
    SDL_RenderFlush(fx.ren);
    assert_true(used > bs_text_line_height(f));
    int lit = 0;
    for (int y = 0; y < SURF_H; y++) {
        const Uint32 *row = (const Uint32 *)(const void *)((const Uint8 *)fx.surf->pixels +
                                                           (size_t)y * (size_t)fx.surf->pitch);
        for (int x = 0; x < SURF_W; x++)
            lit += (row[x] & 0xFFFFFF) != 0;
    }
    assert_true(lit > 5000);
}

static void test_very_long_line(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    SDL_Color white = {255, 255, 255, 255};
    static const char cycle[] = "采购决策需要信任风险和时间";
    size_t clen = strlen(cycle); /* 13 characters of 3 bytes */
    size_t nchars = 20000;
    size_t len = nchars * 3;
    char *zh = malloc(len + 1);
    assert_non_null(zh);
    for (size_t i = 0; i < nchars; i++)
        memcpy(zh + i * 3, cycle + (i * 3) % clen, 3);
    zh[len] = '\0';

    /* one line, clipped to the widest texture allowed */
    int w = 0, h = 0;
    SDL_Texture *tex = bs_text_get(fx.t, f, zh, len, white, &w, &h);
    assert_non_null(tex);
    assert_true(w > 0 && w <= BS_TEXT_MAX_LINE_PX);
    assert_true(w > BS_TEXT_MAX_LINE_PX - 2 * PX);

    /* wrapped: every line fits */
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(fx.t, f, zh, len, 600, &n);
    assert_non_null(lines);
    assert_true(n >= nchars * PX / 600);
    for (size_t i = 0; i < n; i++)
        assert_true(lines[i].w <= 600);
    bs_text_set_cache_limits(fx.t, 64, 0);
    assert_true(bs_text_draw(fx.t, f, zh, len, 0, 0, 600, white) > 0);
    assert_true(bs_text_frame_stats(fx.t).textures <= 64);
    bs_text_set_cache_limits(fx.t, 0, 0);

    /* no wrapping: a single line with its real width */
    lines = bs_text_wrap(fx.t, f, zh, len, 0, &n);
    assert_non_null(lines);
    assert_int_equal(n, 1);
    assert_true(lines[0].w > BS_TEXT_MAX_LINE_PX);

    /* 20,000 Latin letters without a space: forced breaks, all fit */
    memset(zh, 'W', nchars);
    lines = bs_text_wrap(fx.t, f, zh, nchars, 500, &n);
    assert_non_null(lines);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(lines[i].w <= 500);
        total += lines[i].len;
    }
    assert_int_equal(total, nchars);
    assert_non_null(bs_text_get(fx.t, f, zh, nchars, white, &w, &h));
    assert_true(w <= BS_TEXT_MAX_LINE_PX);
    free(zh);
}

static void test_set_renderer(void **state)
{
    (void)state;
    NEED_FONT();
    BsFont *f = font(PX, false);
    SDL_Color white = {255, 255, 255, 255};
    assert_non_null(bs_text_get(fx.t, f, "换渲染器", 12, white, NULL, NULL));
    /* renderer recreated after a device loss: the old one is gone */
    SDL_Renderer *old = fx.ren;
    SDL_DestroyRenderer(old);
    fx.ren = SDL_CreateSoftwareRenderer(fx.surf);
    assert_non_null(fx.ren);
    bs_text_set_renderer(fx.t, fx.ren, true);
    assert_int_equal(bs_text_frame_stats(fx.t).textures, 0);
    bs_text_frame_begin(fx.t);
    assert_non_null(bs_text_get(fx.t, f, "换渲染器", 12, white, NULL, NULL));
    assert_int_equal(bs_text_frame_stats(fx.t).renders, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_font_found_has_cjk, test_setup),
        cmocka_unit_test_setup(test_env_override, test_setup),
        cmocka_unit_test_setup(test_wrap_chinese, test_setup),
        cmocka_unit_test_setup(test_wrap_english, test_setup),
        cmocka_unit_test_setup(test_wrap_mixed, test_setup),
        cmocka_unit_test_setup(test_wrap_long_word_forced, test_setup),
        cmocka_unit_test_setup(test_wrap_narrow_and_forced_cuts, test_setup),
        cmocka_unit_test_setup(test_wrap_edge_inputs, test_setup),
        cmocka_unit_test_setup(test_measure_matches_draw, test_setup),
        cmocka_unit_test_setup(test_cache_reuses_textures, test_setup),
        cmocka_unit_test_setup(test_cache_bounded, test_setup),
        cmocka_unit_test_setup(test_font_sizes_follow_resizes, test_setup),
        cmocka_unit_test_setup(test_chinese_draws_glyphs, test_setup),
        cmocka_unit_test_setup(test_very_long_line, test_setup),
        cmocka_unit_test_setup(test_set_renderer, test_setup),
    };
    int failed = cmocka_run_group_tests_name("screen_text", tests, group_setup, group_teardown);
    /* Everything skipped for want of a CJK font: tell CTest (SKIP_RETURN_CODE). */
    if (failed == 0 && !fx.have_font)
        return 77;
    return failed;
}
