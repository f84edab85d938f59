/* A small PNG writer (8-bit RGB/RGBA, no interlace) over zlib: SDL2 without
 * SDL_image cannot write PNG. Each row gets the PNG filter (None, Sub, Up,
 * Average, Paeth) with the smallest sum of absolute values, the usual
 * heuristic (PNG spec 12.8). Files are written atomically. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef struct {
    uint8_t *p;
    size_t n, cap;
    bool fail;
} Buf;

static void put(Buf *b, const void *data, size_t n)
{
    if (b->fail)
        return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->fail = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
}

static void put32(Buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    put(b, x, 4);
}

static void chunk(Buf *b, const char type[4], const uint8_t *data, size_t n)
{
    put32(b, (uint32_t)n);
    size_t at = b->n;
    put(b, type, 4);
    if (n)
        put(b, data, n);
    if (b->fail)
        return;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, b->p + at, (uInt)(n + 4));
    put32(b, (uint32_t)crc);
}

static int paeth(int a, int b, int c)
{
    int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

bool scr_png_encode(const uint8_t *pix, int w, int h, int pitch, int ch, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (w <= 0 || h <= 0 || (ch != 3 && ch != 4) || w > 65535 || h > 65535)
        return false;
    size_t row = (size_t)w * (size_t)ch;
    size_t raw_n = (row + 1) * (size_t)h;
    uint8_t *raw = malloc(raw_n);
    uint8_t *cand = malloc(5 * row);
    if (!raw || !cand) {
        free(raw);
        free(cand);
        return false;
    }
    for (int y = 0; y < h; y++) {
        const uint8_t *cur = pix + (size_t)y * (size_t)pitch;
        const uint8_t *up = y ? pix + (size_t)(y - 1) * (size_t)pitch : NULL;
        long best = -1;
        int best_f = 0;
        for (int f = 0; f < 5; f++) {
            uint8_t *o = cand + (size_t)f * row;
            long sum = 0;
            for (size_t i = 0; i < row; i++) {
                int a = i >= (size_t)ch ? cur[i - (size_t)ch] : 0;
                int b = up ? up[i] : 0;
                int c = up && i >= (size_t)ch ? up[i - (size_t)ch] : 0;
                int pred = f == 0 ? 0 : f == 1 ? a : f == 2 ? b : f == 3 ? (a + b) / 2 : paeth(a, b, c);
                uint8_t v = (uint8_t)(cur[i] - pred);
                o[i] = v;
                sum += v < 128 ? v : 256 - v;
            }
            if (best < 0 || sum < best) {
                best = sum;
                best_f = f;
            }
        }
        uint8_t *dst = raw + (size_t)y * (row + 1);
        dst[0] = (uint8_t)best_f;
        memcpy(dst + 1, cand + (size_t)best_f * row, row);
    }
    free(cand);
    uLongf zn = compressBound((uLong)raw_n);
    uint8_t *z = malloc(zn);
    if (!z || compress2(z, &zn, raw, (uLong)raw_n, 6) != Z_OK) {
        free(z);
        free(raw);
        return false;
    }
    free(raw);
    Buf b = {0};
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    put(&b, sig, 8);
    uint8_t ihdr[13] = {(uint8_t)(w >> 24), (uint8_t)(w >> 16), (uint8_t)(w >> 8), (uint8_t)w,
                        (uint8_t)(h >> 24), (uint8_t)(h >> 16), (uint8_t)(h >> 8), (uint8_t)h,
                        8, (uint8_t)(ch == 4 ? 6 : 2), 0, 0, 0};
    chunk(&b, "IHDR", ihdr, sizeof ihdr);
    chunk(&b, "IDAT", z, zn);
    chunk(&b, "IEND", NULL, 0);
    free(z);
    if (b.fail) {
        free(b.p);
        return false;
    }
    *out = b.p;
    *len = b.n;
    return true;
}

bool scr_png_write(const char *path, const uint8_t *pix, int w, int h, int pitch, int channels,
                   char *err, size_t errlen)
{
    uint8_t *png;
    size_t n;
    if (!scr_png_encode(pix, w, h, pitch, channels, &png, &n)) {
        snprintf(err, errlen, "cannot encode a %dx%d PNG (out of memory?)", w, h);
        return false;
    }
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_write_file_atomic(path, (const char *)png, n, false, &e);
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, e.count ? e.items[0].msg : "cannot write");
    bs_errors_free(&e);
    free(png);
    return ok;
}

bool scr_png_write_surface(const char *path, SDL_Surface *s, char *err, size_t errlen)
{
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb) {
        snprintf(err, errlen, "cannot convert the image: %s", SDL_GetError());
        return false;
    }
    bool ok = false;
    if (SDL_LockSurface(rgb) == 0) {
        ok = scr_png_write(path, rgb->pixels, rgb->w, rgb->h, rgb->pitch, 3, err, errlen);
        SDL_UnlockSurface(rgb);
    } else {
        snprintf(err, errlen, "cannot read the image: %s", SDL_GetError());
    }
    SDL_FreeSurface(rgb);
    return ok;
}
