/*
 * The PNG writer: its files decode (checked by a small independent decoder
 * here: signature, chunk CRCs, IHDR, zlib stream, the five row filters) to
 * exactly the pixels written; and `buyersim render` writes such a file.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "ui.h"

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Decodes an 8-bit RGB or RGBA PNG; returns the pixels (malloc) or NULL. */
static uint8_t *decode(const uint8_t *png, size_t n, int *w, int *h, int *ch)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (n < 8 || memcmp(png, sig, 8))
        return NULL;
    size_t at = 8;
    uint8_t *idat = NULL;
    size_t idat_n = 0;
    bool end = false;
    *w = *h = *ch = 0;
    while (at + 12 <= n && !end) {
        uint32_t len = be32(png + at);
        if (at + 12 + len > n)
            break;
        const uint8_t *type = png + at + 4, *data = png + at + 8;
        uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), type, len + 4);
        assert_int_equal(crc, be32(data + len));
        if (!memcmp(type, "IHDR", 4)) {
            assert_int_equal(len, 13);
            *w = (int)be32(data);
            *h = (int)be32(data + 4);
            assert_int_equal(data[8], 8);
            *ch = data[9] == 6 ? 4 : data[9] == 2 ? 3 : 0;
            assert_true(*ch > 0);
            assert_int_equal(data[12], 0);
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = realloc(idat, idat_n + len);
            memcpy(idat + idat_n, data, len);
            idat_n += len;
        } else if (!memcmp(type, "IEND", 4)) {
            end = true;
        }
        at += 12 + len;
    }
    assert_true(end);
    size_t row = (size_t)*w * (size_t)*ch;
    uLongf raw_n = (uLongf)((row + 1) * (size_t)*h);
    uint8_t *raw = malloc(raw_n), *out = malloc(row * (size_t)*h);
    assert_int_equal(uncompress(raw, &raw_n, idat, (uLong)idat_n), Z_OK);
    assert_int_equal(raw_n, (row + 1) * (size_t)*h);
    for (int y = 0; y < *h; y++) {
        const uint8_t *src = raw + (size_t)y * (row + 1);
        uint8_t *cur = out + (size_t)y * row;
        const uint8_t *up = y ? cur - row : NULL;
        int f = src[0];
        assert_true(f <= 4);
        for (size_t i = 0; i < row; i++) {
            int a = i >= (size_t)*ch ? cur[i - (size_t)*ch] : 0, b = up ? up[i] : 0;
            int c = up && i >= (size_t)*ch ? up[i - (size_t)*ch] : 0;
            int pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : paeth(a, b, c);
            cur[i] = (uint8_t)(src[1 + i] + pred);
        }
    }
    free(raw);
    free(idat);
    return out;
}

static void round_trip(int w, int h, int ch)
{
    size_t pitch = (size_t)w * (size_t)ch + 5; /* a pitch wider than the row */
    uint8_t *pix = malloc(pitch * (size_t)h);
    uint32_t s = 12345;
    for (size_t i = 0; i < pitch * (size_t)h; i++) {
        s = s * 1103515245u + 12345u;
        /* smooth areas and noise, so every filter gets used */
        pix[i] = (uint8_t)(i % 97 < 60 ? (i / 7) & 0xF0 : s >> 24);
    }
    uint8_t *png;
    size_t n;
    assert_true(scr_png_encode(pix, w, h, (int)pitch, ch, &png, &n));
    int dw, dh, dch;
    uint8_t *back = decode(png, n, &dw, &dh, &dch);
    assert_non_null(back);
    assert_int_equal(dw, w);
    assert_int_equal(dh, h);
    assert_int_equal(dch, ch);
    for (int y = 0; y < h; y++)
        assert_memory_equal(back + (size_t)y * (size_t)w * (size_t)ch, pix + (size_t)y * pitch, (size_t)w * (size_t)ch);
    free(back);
    bs_free(png);
    free(pix);
}

static void pngs_decode_to_the_same_pixels(void **state)
{
    (void)state;
    round_trip(1, 1, 3);
    round_trip(7, 5, 3);
    round_trip(64, 33, 4);
    round_trip(300, 200, 3);
}

/* Portraits: what the writer writes, the reader reads back (RGB and RGBA). */
static void portraits_read_back(void **state)
{
    (void)state;
    for (int ch = 3; ch <= 4; ch++) {
        int w = 37, h = 23;
        uint8_t pix[37 * 23 * 4];
        for (size_t i = 0; i < sizeof pix; i++)
            pix[i] = (uint8_t)(i * 7 + i / 37);
        char path[256], err[1400];
        snprintf(path, sizeof path, "/tmp/buyersim-portrait-%d-%d.png", (int)getpid(), ch);
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(scr_png_write(path, pix, w, h, w * ch, ch, &e));
        SDL_Surface *s = scr_png_load(path, &e);
        app_error_line(&e, 0, err, sizeof err);
        bs_errors_free(&e);
        if (!s) {
            fail_msg("%s", err);
            return;
        }
        assert_int_equal(s->w, w);
        assert_int_equal(s->h, h);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                const uint8_t *o = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch + (size_t)x * 4;
                const uint8_t *q = pix + ((size_t)y * (size_t)w + (size_t)x) * (size_t)ch;
                assert_int_equal(o[0], q[0]);
                assert_int_equal(o[1], q[1]);
                assert_int_equal(o[2], q[2]);
                assert_int_equal(o[3], ch == 4 ? q[3] : 255);
            }
        SDL_FreeSurface(s);
        remove(path);
    }
    /* errors name the file: one that cannot be opened has no line (FILE:
     * message), one that is no PNG is wrong from its start (FILE:1:1) */
    BsErrors e;
    bs_errors_init(&e, "");
    assert_null(scr_png_load("/nonexistent/x.png", &e));
    assert_int_equal(e.count, 1);
    assert_string_equal(e.file, "/nonexistent/x.png");
    assert_int_equal(e.items[0].line, 0);
    bs_errors_free(&e);
    char path[256];
    snprintf(path, sizeof path, "/tmp/buyersim-notpng-%d.png", (int)getpid());
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("GIF89a, not a PNG at all", f);
    fclose(f);
    bs_errors_init(&e, "");
    assert_null(scr_png_load(path, &e));
    remove(path);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.file, path);
    assert_int_equal(e.items[0].line, 1);
    assert_int_equal(e.items[0].col, 1);
    char line[1400], want[400];
    app_error_line(&e, 0, line, sizeof line);
    snprintf(want, sizeof want, "%s:1:1: not a PNG", path);
    assert_string_equal(line, want);
    bs_errors_free(&e);
}

static void bad_sizes_are_refused(void **state)
{
    (void)state;
    uint8_t px[12] = {0}, *png;
    size_t n;
    assert_false(scr_png_encode(px, 0, 1, 3, 3, &png, &n));
    assert_false(scr_png_encode(px, 1, 1, 3, 2, &png, &n));
    assert_false(scr_png_encode(px, 70000, 1, 3, 3, &png, &n));
}

static uint8_t *slurp(const char *path, size_t *n)
{
    *n = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = len > 0 ? malloc((size_t)len) : NULL;
    if (p)
        *n = fread(p, 1, (size_t)len, f);
    fclose(f);
    return p;
}

/* A real screen, written to a file: decodes, and has the screen's size. */
static void the_screen_as_a_file(void **state)
{
    (void)state;
    BsTextFonts fonts;
    BsErrors fe;
    bs_errors_init(&fe, "");
    bool have_fonts = bs_text_find_fonts(&fonts, &fe);
    bs_errors_free(&fe);
    if (!have_fonts)
        skip();
    PlayArgs pa = {.players = 1, .demo_seconds = 4.0};
    ScrAppOptions o = {.w = 800, .h = 600, .offscreen = true, .args = pa};
    BsErrors errs;
    bs_errors_init(&errs, "");
    ScrApp *a = scr_app_create(&o, &errs);
    char err[1400];
    app_error_line(&errs, 0, err, sizeof err);
    bs_errors_free(&errs);
    if (!a) {
        fail_msg("%s", err);
        return;
    }
    ScrModelOptions mo = {.scenario = "erp-rollout", .lang = "en", .save = "", .players = 1};
    bs_errors_init(&errs, "");
    assert_true(scr_app_open_game(a, &mo, &errs));
    bs_errors_free(&errs);
    scr_app_frame(a, 100);
    char path[256];
    snprintf(path, sizeof path, "/tmp/buyersim-png-test-%d.png", (int)getpid());
    bs_errors_init(&errs, path);
    assert_true(scr_app_save_png(a, path, &errs));
    assert_int_equal(errs.count, 0);
    bs_errors_free(&errs);
    size_t n;
    uint8_t *png = slurp(path, &n);
    if (!png) {
        fail_msg("no file %s", path);
        return;
    }
    int w, h, ch;
    uint8_t *pix = decode(png, n, &w, &h, &ch);
    if (!pix) {
        fail_msg("%s does not decode", path);
        return;
    }
    assert_int_equal(w, 800);
    assert_int_equal(h, 600);
    /* the top-left pixel is the top bar's colour */
    SDL_Color bar = a->th.panel;
    assert_true(abs(pix[0] - bar.r) <= 1 && abs(pix[1] - bar.g) <= 1 && abs(pix[2] - bar.b) <= 1);
    free(pix);
    bs_free(png);
    remove(path);
    scr_app_destroy(a);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pngs_decode_to_the_same_pixels),
        cmocka_unit_test(bad_sizes_are_refused),
        cmocka_unit_test(portraits_read_back),
        cmocka_unit_test(the_screen_as_a_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
