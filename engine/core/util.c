/* Allocation hook, errors, random numbers, deterministic math, hashing,
 * UTF-8 and file reading: the small things every other module uses. */
#include "bs.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*============================================================================
 * Allocation
 *==========================================================================*/
static void *sys_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    if (n == 0) {
        free(p);
        return NULL;
    }
    return realloc(p, n);
}

static BsReallocFn g_realloc = sys_realloc;
static void *g_realloc_ud;

static void *cjson_malloc(size_t n) { return bs_malloc(n); }
static void cjson_free(void *p) { bs_free(p); }

void bs_set_allocator(BsReallocFn fn, void *ud)
{
    g_realloc = fn ? fn : sys_realloc;
    g_realloc_ud = fn ? ud : NULL;
    cJSON_Hooks hooks = {cjson_malloc, cjson_free};
    cJSON_InitHooks(&hooks);
}

void *bs_malloc(size_t n) { return g_realloc(g_realloc_ud, NULL, n ? n : 1); }
void *bs_realloc(void *p, size_t n) { return g_realloc(g_realloc_ud, p, n ? n : 1); }
void bs_free(void *p)
{
    if (p)
        g_realloc(g_realloc_ud, p, 0);
}

char *bs_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = bs_malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

const char *bs_version(void) { return BS_VERSION; }

/*============================================================================
 * Errors
 *==========================================================================*/
#define BS_MAX_ERRORS 200

void bs_errors_init(BsErrors *e, const char *file)
{
    memset(e, 0, sizeof *e);
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
}

void bs_errors_free(BsErrors *e)
{
    bs_free(e->items);
    e->items = NULL;
    e->count = e->cap = e->dropped = 0;
}

void bs_errors_add(BsErrors *e, BsErrKind kind, int line, int col, const char *path,
                   const char *fmt, ...)
{
    if (!e)
        return;
    if (e->count >= BS_MAX_ERRORS) {
        e->dropped++;
        return;
    }
    if (e->count == e->cap) {
        int ncap = e->cap ? e->cap * 2 : 8;
        BsError *n = bs_realloc(e->items, (size_t)ncap * sizeof *n);
        if (!n) {
            e->dropped++; /* still counts: the caller sees count+dropped > 0 */
            return;
        }
        e->items = n;
        e->cap = ncap;
    }
    BsError *it = &e->items[e->count++];
    it->kind = kind;
    it->line = line;
    it->col = col;
    snprintf(it->path, sizeof it->path, "%s", path && *path ? path : "(root)");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->msg, sizeof it->msg, fmt, ap);
    va_end(ap);
}

void bs_errors_print(const BsErrors *e, void *stream)
{
    FILE *f = stream;
    for (int i = 0; i < e->count; i++) {
        const BsError *it = &e->items[i];
        if (it->line > 0)
            fprintf(f, "%s:%d:%d: %s: %s\n", e->file, it->line, it->col, it->path, it->msg);
        else
            fprintf(f, "%s: %s: %s\n", e->file, it->path, it->msg);
    }
    if (e->dropped)
        fprintf(f, "%s: %d more problem(s) not shown\n", e->file, e->dropped);
}

const char *bs_err_kind_name(BsErrKind k)
{
    static const char *const names[] = {
        "ok", "io", "limit", "encoding", "syntax", "type", "key", "range",
        "ref", "graph", "path", "semantic", "memory", "session",
    };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

/*============================================================================
 * Random numbers: splitmix64, one independent stream per purpose.
 *==========================================================================*/
void bs_rng_seed(BsRng *r, uint64_t seed, uint64_t stream)
{
    r->s = seed ^ (stream * 0xD1B54A32D192ED03ull);
    (void)bs_rng_next(r);
}

uint64_t bs_rng_next(BsRng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double bs_rng_unit(BsRng *r) { return (double)(bs_rng_next(r) >> 11) * 0x1.0p-53; }

int bs_rng_below(BsRng *r, int n)
{
    if (n <= 1)
        return 0;
    /* Lemire's multiply-shift; the tiny bias is irrelevant for n <= 64 and the
     * result is identical on every machine. */
    uint64_t x = bs_rng_next(r) >> 32;
    return (int)((x * (uint64_t)n) >> 32);
}

/*============================================================================
 * Deterministic math. libm's exp/log may differ in the last bit between C
 * libraries; these use only +, -, *, / and exact scaling, so a game is the
 * same bytes everywhere (IEEE double, no FMA contraction: see CMake flags).
 *==========================================================================*/
static double scale2(double x, int k)
{
    /* x * 2^k for |k| <= 1000 without ldexp (exact, by repeated scaling). */
    while (k > 60) {
        x *= 0x1.0p60;
        k -= 60;
    }
    while (k < -60) {
        x *= 0x1.0p-60;
        k += 60;
    }
    union { double d; uint64_t u; } p;
    p.u = (uint64_t)(k + 1023) << 52;
    return x * p.d;
}

double bs_exp(double x)
{
    if (x != x)
        return x;
    if (x > 709.0)
        return HUGE_VAL;
    if (x < -745.0)
        return 0.0;
    /* x = k ln2 + r, |r| <= ln2/2 */
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
    double kd = x * 1.44269504088896338700 + (x < 0 ? -0.5 : 0.5);
    int k = (int)kd;
    double r = (x - k * ln2_hi) - k * ln2_lo;
    /* Taylor to degree 13 by Horner, |r| <= 0.35: error < 1e-17 */
    static const double inv_fact[14] = {
        1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
        1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800.0,
    };
    double sum = inv_fact[13];
    for (int i = 12; i >= 0; i--)
        sum = sum * r + inv_fact[i];
    return scale2(sum, k);
}

double bs_log(double x)
{
    if (x != x || x < 0.0)
        return (double)NAN;
    if (x == 0.0)
        return -HUGE_VAL;
    /* x = m * 2^e with m in [sqrt(1/2), sqrt(2)) */
    union { double d; uint64_t u; } p = {x};
    int e = (int)((p.u >> 52) & 0x7ff);
    if (e == 0) { /* subnormal */
        p.d = x * 0x1.0p54;
        e = (int)((p.u >> 52) & 0x7ff) - 54;
    }
    e -= 1023;
    p.u = (p.u & 0x000fffffffffffffull) | 0x3ff0000000000000ull;
    double m = p.d;
    if (m > 1.41421356237309504880) {
        m *= 0.5;
        e++;
    }
    /* log(m) = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172 */
    double s = (m - 1.0) / (m + 1.0), s2 = s * s, sum = 1.0 / 29;
    for (int i = 27; i >= 1; i -= 2) /* s * sum of s2^k / (2k+1), by Horner */
        sum = sum * s2 + 1.0 / i;
    sum *= s;
    return 2.0 * sum + e * 6.93147180559945309417e-01;
}

uint64_t bs_hash64(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    if (h == 0)
        h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

/*============================================================================
 * UTF-8 and files
 *==========================================================================*/
bool bs_utf8_valid(const char *str, size_t n, size_t *bad_at)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len;
        uint32_t cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            goto bad;
        }
        if (i + len > n)
            goto bad;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                goto bad;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            goto bad;
        i += len;
    }
    return true;
bad:
    if (bad_at)
        *bad_at = i;
    return false;
}

void bs_line_col(const char *text, size_t off, int *line, int *col)
{
    int l = 1, c = 1;
    size_t i = 0;
    if (off >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* an invisible byte-order mark is no column */
        i = 3;
    for (; i < off && text[i]; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

char *bs_read_file(const char *path, size_t max, size_t *len, BsErrors *errs)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = bs_malloc(cap);
    if (!buf) {
        fclose(f);
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return NULL;
    }
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max + 1) {
                bs_errors_add(errs, BS_E_LIMIT, 1, 1, "", /* FILE:1:1: like every other error */
                              "file is larger than %zu bytes (the limit)", max);
                goto fail;
            }
            char *nb = bs_realloc(buf, cap * 2);
            if (!nb) {
                bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
                goto fail;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "read error: %s", strerror(errno));
        goto fail;
    }
    fclose(f);
    f = NULL;
    if (n > max) {
        bs_errors_add(errs, BS_E_LIMIT, 1, 1, "", "file is larger than %zu bytes (the limit)", max);
        goto fail;
    }
    buf[n] = '\0';
    const char *nul = memchr(buf, 0, n);
    if (nul) {
        int l, c;
        bs_line_col(buf, (size_t)(nul - buf), &l, &c);
        bs_errors_add(errs, BS_E_ENCODING, l, c, "", "NUL byte in the file (not UTF-8 text)");
        goto fail;
    }
    size_t bad;
    if (!bs_utf8_valid(buf, n, &bad)) {
        int l, c;
        bs_line_col(buf, bad, &l, &c);
        bs_errors_add(errs, BS_E_ENCODING, l, c, "", "invalid UTF-8 at byte %zu", bad);
        goto fail;
    }
    *len = n;
    return buf;
fail:
    if (f)
        fclose(f);
    bs_free(buf);
    return NULL;
}
