/* buyersim's growable text buffer and JSON string writer: one of each for
 * the whole program. The core writes saves and game logs with them; the
 * other layers (app, console, screen) are meant to use them too instead of
 * buffers and escapers of their own. Not part of the game's API (bs.h).
 *
 * A BsBuf starts zeroed: BsBuf b = {0}. Appending grows it through
 * bs_realloc (so the allocation hooks see it); once an allocation fails, b.oom
 * is set and further appends do nothing, so a writer checks b.oom once, at
 * the end. b.buf holds b.len bytes and a NUL after them once anything was
 * appended (it is NULL before). The buffer owns b.buf: free it with
 * bs_buf_free, or take it and free it later with bs_free. */
#ifndef BS_BUF_H
#define BS_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *buf;
    size_t len, cap;
    bool oom;
} BsBuf;

/* Appends printf-style text. */
void bs_buf_printf(BsBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends `n` bytes (any bytes, NULs included: a PNG too). */
void bs_buf_append(BsBuf *b, const void *p, size_t n);
/* Appends `s` as a JSON string, quotes included: " and \ escaped, control
 * characters as \u00XX, everything else (UTF-8 included) as it is. */
void bs_buf_json_string(BsBuf *b, const char *s);
/* Frees the text and zeroes the buffer (ready for reuse). */
void bs_buf_free(BsBuf *b);

#endif
