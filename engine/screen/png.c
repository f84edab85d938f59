/* A small PNG writer (8-bit RGB/RGBA, no interlace) over zlib: SDL2 without
 * SDL_image cannot write PNG. Each row gets the PNG filter (None, Sub, Up,
 * Average, Paeth) with the smallest sum of absolute values, the usual
 * heuristic (PNG spec 12.8). Files are written atomically. */
#include "ui.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "bs_buf.h"

/* The PNG is written into a BsBuf (bs_buf.h), the program's growable buffer. */
typedef BsBuf Buf;

static void put(Buf *b, const void *data, size_t n) { bs_buf_append(b, data, n); }

static void put32(Buf *b, uint32_t v)
{
    uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    put(b, x, 4);
}

static void chunk(Buf *b, const char type[4], const uint8_t *data, size_t n)
{
    put32(b, (uint32_t)n);
    size_t at = b->len;
    put(b, type, 4);
    if (n)
        put(b, data, n);
    if (b->oom)
        return;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)b->buf + at, (uInt)(n + 4));
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
    if (b.oom) {
        bs_buf_free(&b);
        return false;
    }
    *out = (uint8_t *)b.buf;
    *len = b.len;
    return true;
}

bool scr_write_file(const char *path, const void *data, size_t n, BsErrors *errs)
{
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_write_file_atomic(path, (const char *)data, n, false, &e);
    if (!ok && !e.count)
        bs_errors_add(&e, BS_E_IO, 0, 0, "", "cannot write");
    if (!ok)
        app_errors_take(errs, &e);
    bs_errors_free(&e);
    return ok;
}

bool scr_png_write(const char *path, const uint8_t *pix, int w, int h, int pitch, int channels, BsErrors *errs)
{
    uint8_t *png;
    size_t n;
    if (!scr_png_encode(pix, w, h, pitch, channels, &png, &n)) {
        app_errors_add_at(errs, path, BS_E_MEMORY, 0, 0, "cannot encode a %dx%d PNG (out of memory?)", w, h);
        return false;
    }
    bool ok = scr_write_file(path, png, n, errs);
    bs_free(png);
    return ok;
}

bool scr_png_encode_surface(SDL_Surface *s, uint8_t **out, size_t *len, BsErrors *errs)
{
    *out = NULL;
    *len = 0;
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "cannot convert the image: %s", SDL_GetError());
        return false;
    }
    bool ok = false;
    if (SDL_LockSurface(rgb) == 0) {
        ok = scr_png_encode(rgb->pixels, rgb->w, rgb->h, rgb->pitch, 3, out, len);
        if (!ok)
            bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "cannot encode a %dx%d PNG (out of memory?)", rgb->w,
                          rgb->h);
        SDL_UnlockSurface(rgb);
    } else {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot read the image: %s", SDL_GetError());
    }
    SDL_FreeSurface(rgb);
    return ok;
}

bool scr_png_write_surface(const char *path, SDL_Surface *s, BsErrors *errs)
{
    uint8_t *png;
    size_t n;
    if (!scr_png_encode_surface(s, &png, &n, errs))
        return false;
    bool ok = scr_write_file(path, png, n, errs);
    bs_free(png);
    return ok;
}

/*============================================================================
 * Reading (portraits): 8-bit PNGs, not interlaced; grey, RGB, palette, with
 * or without alpha. Anything else is refused (the initials are drawn).
 *==========================================================================*/
static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A problem with the file's content: FILE:1:1, as the core reports one. */
#define BAD_PNG(kind, ...) app_errors_add_at(errs, path, kind, 1, 1, __VA_ARGS__)

SDL_Surface *scr_png_load(const char *path, BsErrors *errs)
{
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        app_errors_add_at(errs, path, BS_E_IO, 0, 0, "%s", SDL_GetError());
        return NULL;
    }
    Sint64 size = SDL_RWsize(rw);
    if (size < 8 || size > (16 << 20)) {
        SDL_RWclose(rw);
        BAD_PNG(BS_E_LIMIT, "not a portrait-sized file");
        return NULL;
    }
    uint8_t *f = malloc((size_t)size);
    if (!f || SDL_RWread(rw, f, 1, (size_t)size) != (size_t)size) {
        SDL_RWclose(rw);
        app_errors_add_at(errs, path, f ? BS_E_IO : BS_E_MEMORY, 0, 0, f ? "cannot read" : "out of memory");
        free(f);
        return NULL;
    }
    SDL_RWclose(rw);
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    SDL_Surface *out = NULL;
    uint8_t *idat = NULL, *raw = NULL;
    size_t idat_n = 0, at = 8, n = (size_t)size;
    int w = 0, h = 0, type = -1, ch = 0, bpc = 1; /* bytes per channel */
    uint8_t pal[256][4];
    memset(pal, 255, sizeof pal);
    if (memcmp(f, sig, 8)) {
        BAD_PNG(BS_E_SYNTAX, "not a PNG");
        goto done;
    }
    while (at + 12 <= n) {
        uint32_t len = be32(f + at);
        if (len > n - at - 12)
            break;
        const uint8_t *t = f + at + 4, *d = f + at + 8;
        if (!memcmp(t, "IHDR", 4) && len >= 13) {
            w = (int)be32(d);
            h = (int)be32(d + 4);
            type = d[9];
            bpc = d[8] == 16 ? 2 : 1;
            if ((d[8] != 8 && !(d[8] == 16 && type != 3)) || d[12] != 0 || w <= 0 || h <= 0 || w > 4096 ||
                h > 4096) {
                BAD_PNG(BS_E_RANGE, "only 8- or 16-bit, non-interlaced PNGs up to 4096 px");
                goto done;
            }
            ch = type == 0 ? 1 : type == 2 ? 3 : type == 3 ? 1 : type == 4 ? 2 : type == 6 ? 4 : 0;
            if (!ch) {
                BAD_PNG(BS_E_RANGE, "unknown PNG colour type %d", type);
                goto done;
            }
        } else if (!memcmp(t, "PLTE", 4)) {
            for (uint32_t i = 0; i < len / 3 && i < 256; i++) {
                pal[i][0] = d[3 * i];
                pal[i][1] = d[3 * i + 1];
                pal[i][2] = d[3 * i + 2];
            }
        } else if (!memcmp(t, "tRNS", 4) && type == 3) {
            for (uint32_t i = 0; i < len && i < 256; i++)
                pal[i][3] = d[i];
        } else if (!memcmp(t, "IDAT", 4)) {
            uint8_t *p = realloc(idat, idat_n + len);
            if (!p) {
                app_errors_add_at(errs, path, BS_E_MEMORY, 0, 0, "out of memory");
                goto done;
            }
            idat = p;
            memcpy(idat + idat_n, d, len);
            idat_n += len;
        } else if (!memcmp(t, "IEND", 4)) {
            break;
        }
        at += 12 + len;
    }
    if (!ch || !idat) {
        BAD_PNG(BS_E_SYNTAX, "incomplete PNG");
        goto done;
    }
    size_t bpp = (size_t)ch * (size_t)bpc;
    size_t row = (size_t)w * bpp;
    uLongf raw_n = (uLongf)((row + 1) * (size_t)h);
    raw = malloc(raw_n);
    if (!raw) {
        app_errors_add_at(errs, path, BS_E_MEMORY, 0, 0, "out of memory");
        goto done;
    }
    if (uncompress(raw, &raw_n, idat, (uLong)idat_n) != Z_OK || raw_n != (row + 1) * (size_t)h) {
        BAD_PNG(BS_E_SYNTAX, "damaged PNG data");
        goto done;
    }
    for (int y = 0; y < h; y++) { /* undo the filters in place */
        uint8_t *cur = raw + (size_t)y * (row + 1);
        const uint8_t *up = y ? cur - (row + 1) : NULL;
        int ft = cur[0];
        for (size_t i = 0; i < row; i++) {
            int a = i >= bpp ? cur[1 + i - bpp] : 0, b = up ? up[1 + i] : 0;
            int c = up && i >= bpp ? up[1 + i - bpp] : 0;
            int pred = ft == 0 ? 0 : ft == 1 ? a : ft == 2 ? b : ft == 3 ? (a + b) / 2 : paeth(a, b, c);
            cur[1 + i] = (uint8_t)(cur[1 + i] + pred);
        }
    }
    out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ABGR8888); /* R,G,B,A bytes */
    if (!out) {
        app_errors_add_at(errs, path, BS_E_MEMORY, 0, 0, "%s", SDL_GetError());
        goto done;
    }
    for (int y = 0; y < h; y++) {
        const uint8_t *s = raw + (size_t)y * (row + 1) + 1;
        uint8_t *o = (uint8_t *)out->pixels + (size_t)y * (size_t)out->pitch;
        for (int x = 0; x < w; x++, o += 4) {
            const uint8_t *p = s + (size_t)x * bpp; /* 16-bit: the high byte of each */
            int k = bpc;
            switch (type) {
            case 0: o[0] = o[1] = o[2] = p[0]; o[3] = 255; break;
            case 4: o[0] = o[1] = o[2] = p[0]; o[3] = p[k]; break;
            case 2: o[0] = p[0]; o[1] = p[k]; o[2] = p[2 * k]; o[3] = 255; break;
            case 3: memcpy(o, pal[p[0]], 4); break;
            default: o[0] = p[0]; o[1] = p[k]; o[2] = p[2 * k]; o[3] = p[3 * k]; break;
            }
        }
    }
done:
    free(raw);
    free(idat);
    free(f);
    return out;
}
#undef BAD_PNG
