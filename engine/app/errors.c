/* errors.c: the errors every layer reports, as the front ends show them
 * (app.h). The errors themselves are the core's BsErrors values. */
#include "app.h"

#include <stdarg.h>
#include <string.h>

void app_errors_add_at(BsErrors *e, const char *file, BsErrKind kind, int line, int col, const char *fmt, ...)
{
    if (file && *file)
        snprintf(e->file, sizeof e->file, "%s", file);
    char msg[sizeof e->items[0].msg];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bs_errors_add(e, kind, line, col, "", "%s", msg);
}

void app_errors_take(BsErrors *e, const BsErrors *from)
{
    if (!e || e == from)
        return;
    snprintf(e->file, sizeof e->file, "%s", from->file);
    for (int i = 0; i < from->count; i++)
        bs_errors_add(e, from->items[i].kind, from->items[i].line, from->items[i].col, from->items[i].path, "%s",
                      from->items[i].msg);
    e->dropped += from->dropped;
}

void app_error_line(const BsErrors *e, int i, char *out, size_t cap)
{
    if (i < 0 || i >= e->count) {
        snprintf(out, cap, "%s%sfailed (no reason recorded)", e->file, e->file[0] ? ": " : "");
        return;
    }
    const BsError *it = &e->items[i];
    const char *at = strcmp(it->path, "(root)") ? it->path : "";
    const char *sep = at[0] ? ": " : "";
    if (it->line > 0 && e->file[0])
        snprintf(out, cap, "%s:%d:%d: %s%s%s", e->file, it->line, it->col, at, sep, it->msg);
    else if (e->file[0])
        snprintf(out, cap, "%s: %s%s%s", e->file, at, sep, it->msg);
    else
        snprintf(out, cap, "%s%s%s", at, sep, it->msg);
}

void app_errors_print(FILE *f, const char *prefix, const BsErrors *e)
{
    char line[1400];
    for (int i = 0; i < e->count; i++) {
        app_error_line(e, i, line, sizeof line);
        fprintf(f, "%s%s\n", prefix ? prefix : "", line);
    }
    if (e->dropped)
        fprintf(f, "%s%s%s%d more problem(s) not shown\n", prefix ? prefix : "", e->file, e->file[0] ? ": " : "",
                e->dropped);
}
