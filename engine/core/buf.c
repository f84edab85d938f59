/* The growable text buffer and the JSON string writer (bs_buf.h). */
#include "bs_buf.h"
#include "bs.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void bs_buf_printf(BsBuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->buf ? b->buf + b->len : NULL, b->buf ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->oom = true;
            return;
        }
        if (b->buf && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t ncap = b->cap ? b->cap * 2 : 1024;
        while (ncap < b->len + (size_t)n + 1)
            ncap *= 2;
        char *nb = bs_realloc(b->buf, ncap);
        if (!nb) {
            b->oom = true;
            return;
        }
        b->buf = nb;
        b->cap = ncap;
    }
}

void bs_buf_append(BsBuf *b, const void *p, size_t n)
{
    if (b->oom)
        return;
    if (!b->buf || b->len + n >= b->cap) {
        size_t ncap = b->cap ? b->cap * 2 : 1024;
        while (ncap < b->len + n + 1) {
            if (ncap > (size_t)-1 / 2) {
                b->oom = true;
                return;
            }
            ncap *= 2;
        }
        char *nb = bs_realloc(b->buf, ncap);
        if (!nb) {
            b->oom = true;
            return;
        }
        b->buf = nb;
        b->cap = ncap;
    }
    if (n)
        memcpy(b->buf + b->len, p, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void bs_buf_json_string(BsBuf *b, const char *s)
{
    bs_buf_printf(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            bs_buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            bs_buf_printf(b, "\\u%04x", *p);
        else
            bs_buf_printf(b, "%c", *p);
    }
    bs_buf_printf(b, "\"");
}

void bs_buf_free(BsBuf *b)
{
    bs_free(b->buf);
    memset(b, 0, sizeof *b);
}
