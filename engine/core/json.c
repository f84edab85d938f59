#include "internal/json.h"

#include <stdio.h>
#include <string.h>

/*============================================================================
 * Paths
 *==========================================================================*/
static bool plain_key(const char *k)
{
    if (!*k)
        return false;
    for (const char *c = k; *c; c++) {
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
              (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' || *c == '$'))
            return false;
    }
    return true;
}

size_t bs_path_key(BsPath *p, const char *key)
{
    size_t old = p->len, room = sizeof p->buf - p->len;
    int n;
    if (plain_key(key))
        n = snprintf(p->buf + p->len, room, "%s%s", p->len ? "." : "", key);
    else
        n = snprintf(p->buf + p->len, room, "[\"%.40s\"]", key);
    if (n > 0)
        p->len += (size_t)n < room ? (size_t)n : room - 1;
    return old;
}

size_t bs_path_index(BsPath *p, int i)
{
    size_t old = p->len, room = sizeof p->buf - p->len;
    int n = snprintf(p->buf + p->len, room, "[%d]", i);
    if (n > 0)
        p->len += (size_t)n < room ? (size_t)n : room - 1;
    return old;
}

void bs_path_pop(BsPath *p, size_t old)
{
    p->len = old;
    p->buf[old] = '\0';
}

/*============================================================================
 * The strict scanner: validates and records value offsets in pre-order,
 * the same order in which a walk over cJSON's tree meets the values.
 *==========================================================================*/
typedef struct {
    const char *s;
    size_t n, i;
    uint32_t *offs;
    size_t noffs, cap;
    int depth;
    BsErrors *errs;
    bool failed;
} Scan;

static void scan_fail(Scan *sc, size_t at, const char *what)
{
    if (sc->failed)
        return;
    sc->failed = true;
    int l, c;
    bs_line_col(sc->s, at, &l, &c);
    bs_errors_add(sc->errs, BS_E_SYNTAX, l, c, "", "invalid JSON: %s", what);
}

static void skip_ws(Scan *sc)
{
    while (sc->i < sc->n) {
        char c = sc->s[sc->i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            sc->i++;
        else
            break;
    }
}

static bool record(Scan *sc)
{
    if (sc->noffs == sc->cap) {
        size_t ncap = sc->cap ? sc->cap * 2 : 256;
        uint32_t *n = bs_realloc(sc->offs, ncap * sizeof *n);
        if (!n) {
            sc->failed = true;
            bs_errors_add(sc->errs, BS_E_MEMORY, 0, 0, "", "out of memory");
            return false;
        }
        sc->offs = n;
        sc->cap = ncap;
    }
    sc->offs[sc->noffs++] = (uint32_t)sc->i;
    return true;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_u4(Scan *sc, size_t at)
{
    if (at + 4 > sc->n)
        return -1;
    int v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(sc->s[at + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static void scan_string(Scan *sc)
{
    size_t start = sc->i++;
    while (sc->i < sc->n) {
        unsigned char c = (unsigned char)sc->s[sc->i];
        if (c == '"') {
            sc->i++;
            return;
        }
        if (c < 0x20) {
            scan_fail(sc, sc->i, "control character inside a string (use \\n, \\t)");
            return;
        }
        if (c == '\\') {
            size_t at = sc->i;
            if (sc->i + 1 >= sc->n)
                break;
            char e = sc->s[sc->i + 1];
            if (strchr("\"\\/bfnrt", e)) {
                sc->i += 2;
                continue;
            }
            if (e != 'u') {
                scan_fail(sc, at, "unknown escape in a string");
                return;
            }
            int v = read_u4(sc, sc->i + 2);
            if (v < 0) {
                scan_fail(sc, at, "bad \\u escape");
                return;
            }
            sc->i += 6;
            if (v == 0) {
                scan_fail(sc, at, "\\u0000 (NUL) is not allowed in text");
                return;
            }
            if (v >= 0xDC00 && v <= 0xDFFF) {
                scan_fail(sc, at, "lone low surrogate in \\u escape");
                return;
            }
            if (v >= 0xD800 && v <= 0xDBFF) {
                int lo = (sc->i + 1 < sc->n && sc->s[sc->i] == '\\' && sc->s[sc->i + 1] == 'u')
                             ? read_u4(sc, sc->i + 2)
                             : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    scan_fail(sc, at, "lone high surrogate in \\u escape");
                    return;
                }
                sc->i += 6;
            }
            continue;
        }
        sc->i++;
    }
    scan_fail(sc, start, "unterminated string");
}

static void scan_number(Scan *sc)
{
    size_t start = sc->i;
    if (sc->s[sc->i] == '-')
        sc->i++;
    if (sc->i >= sc->n)
        goto bad;
    if (sc->s[sc->i] == '0') {
        sc->i++;
    } else if (sc->s[sc->i] >= '1' && sc->s[sc->i] <= '9') {
        while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
    } else {
        goto bad;
    }
    if (sc->i < sc->n && sc->s[sc->i] == '.') {
        sc->i++;
        if (sc->i >= sc->n || sc->s[sc->i] < '0' || sc->s[sc->i] > '9')
            goto bad;
        while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
    }
    if (sc->i < sc->n && (sc->s[sc->i] == 'e' || sc->s[sc->i] == 'E')) {
        sc->i++;
        if (sc->i < sc->n && (sc->s[sc->i] == '+' || sc->s[sc->i] == '-'))
            sc->i++;
        if (sc->i >= sc->n || sc->s[sc->i] < '0' || sc->s[sc->i] > '9')
            goto bad;
        while (sc->i < sc->n && sc->s[sc->i] >= '0' && sc->s[sc->i] <= '9')
            sc->i++;
    }
    if (sc->i - start > 512 && !sc->failed) { /* far beyond any real number; keeps strtod cheap */
        int l, c;
        bs_line_col(sc->s, start, &l, &c);
        sc->failed = true;
        bs_errors_add(sc->errs, BS_E_LIMIT, l, c, "", "a number longer than 512 characters");
    }
    return;
bad:
    scan_fail(sc, start, "malformed number");
}

static void scan_value(Scan *sc);

static void scan_container(Scan *sc, char open)
{
    char close = open == '{' ? '}' : ']';
    size_t start = sc->i;
    if (++sc->depth > BS_MAX_DEPTH) {
        int l, c;
        bs_line_col(sc->s, start, &l, &c);
        sc->failed = true;
        bs_errors_add(sc->errs, BS_E_LIMIT, l, c, "",
                      "nesting deeper than %d levels", BS_MAX_DEPTH);
        return;
    }
    sc->i++;
    skip_ws(sc);
    if (sc->i < sc->n && sc->s[sc->i] == close) {
        sc->i++;
        sc->depth--;
        return;
    }
    for (;;) {
        skip_ws(sc);
        if (open == '{') {
            if (sc->i >= sc->n || sc->s[sc->i] != '"') {
                scan_fail(sc, sc->i, "expected a \"key\"");
                return;
            }
            scan_string(sc);
            if (sc->failed)
                return;
            skip_ws(sc);
            if (sc->i >= sc->n || sc->s[sc->i] != ':') {
                scan_fail(sc, sc->i, "expected ':' after a key");
                return;
            }
            sc->i++;
        }
        scan_value(sc);
        if (sc->failed)
            return;
        skip_ws(sc);
        if (sc->i < sc->n && sc->s[sc->i] == ',') {
            sc->i++;
            continue;
        }
        if (sc->i < sc->n && sc->s[sc->i] == close) {
            sc->i++;
            sc->depth--;
            return;
        }
        scan_fail(sc, sc->i, open == '{' ? "expected ',' or '}'" : "expected ',' or ']'");
        return;
    }
}

static void scan_value(Scan *sc)
{
    skip_ws(sc);
    if (sc->i >= sc->n) {
        scan_fail(sc, sc->i, "unexpected end of file");
        return;
    }
    if (!record(sc))
        return;
    char c = sc->s[sc->i];
    switch (c) {
    case '{':
    case '[': scan_container(sc, c); return;
    case '"': scan_string(sc); return;
    case 't':
        if (sc->n - sc->i >= 4 && !memcmp(sc->s + sc->i, "true", 4)) {
            sc->i += 4;
            return;
        }
        break;
    case 'f':
        if (sc->n - sc->i >= 5 && !memcmp(sc->s + sc->i, "false", 5)) {
            sc->i += 5;
            return;
        }
        break;
    case 'n':
        if (sc->n - sc->i >= 4 && !memcmp(sc->s + sc->i, "null", 4)) {
            sc->i += 4;
            return;
        }
        break;
    default:
        if (c == '-' || (c >= '0' && c <= '9')) {
            scan_number(sc);
            return;
        }
    }
    scan_fail(sc, sc->i, "unexpected character");
}

/*============================================================================
 * Position map
 *==========================================================================*/
static size_t ptr_slot(const void *p, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 20) & (cap - 1);
}

static void map_put(BsJson *j, const cJSON *node, uint32_t off)
{
    size_t k = ptr_slot(node, j->map_cap);
    while (j->map[k].node)
        k = (k + 1) & (j->map_cap - 1);
    j->map[k].node = node;
    j->map[k].off = off;
}

static bool assign(BsJson *j, const cJSON *node, const uint32_t *offs, size_t n, size_t *at)
{
    if (*at >= n)
        return false;
    map_put(j, node, offs[(*at)++]);
    for (const cJSON *c = node->child; c; c = c->next)
        if (!assign(j, c, offs, n, at))
            return false;
    return true;
}

void bs_json_pos(const BsJson *j, const cJSON *node, int *line, int *col)
{
    *line = *col = 0;
    if (!j->map || !node)
        return;
    size_t k = ptr_slot(node, j->map_cap);
    while (j->map[k].node) {
        if (j->map[k].node == node) {
            bs_line_col(j->text, j->map[k].off, line, col);
            return;
        }
        k = (k + 1) & (j->map_cap - 1);
    }
}

/* Duplicate keys: cJSON keeps both and its getters return the first, so a
 * second "say" would silently vanish. Reported for every object. */
static void check_dups(BsJson *j, const cJSON *node, BsPath *path, BsErrors *errs)
{
    if (cJSON_IsObject(node)) {
        for (const cJSON *a = node->child; a; a = a->next) {
            for (const cJSON *b = node->child; b != a; b = b->next) {
                if (a->string && b->string && !strcmp(a->string, b->string)) {
                    int l, c;
                    bs_json_pos(j, a, &l, &c);
                    size_t old = bs_path_key(path, a->string);
                    bs_errors_add(errs, BS_E_KEY, l, c, path->buf,
                                  "duplicate key \"%s\"", a->string);
                    bs_path_pop(path, old);
                    break;
                }
            }
        }
    }
    int i = 0;
    for (const cJSON *c = node->child; c; c = c->next, i++) {
        size_t old = cJSON_IsObject(node) ? bs_path_key(path, c->string ? c->string : "")
                                          : bs_path_index(path, i);
        check_dups(j, c, path, errs);
        bs_path_pop(path, old);
    }
}

bool bs_json_parse(BsJson *j, const char *text, size_t len, BsErrors *errs)
{
    memset(j, 0, sizeof *j);
    j->text = text;
    /* Text only: no NUL bytes (cJSON would cut strings there), valid UTF-8
     * (nothing downstream, fonts included, ever sees invalid text). */
    const char *nul = memchr(text, 0, len);
    size_t bad;
    if (nul || !bs_utf8_valid(text, len, &bad)) {
        size_t at = nul ? (size_t)(nul - text) : bad;
        int l, c;
        bs_line_col(text, at, &l, &c);
        bs_errors_add(errs, BS_E_ENCODING, l, c, "", nul ? "NUL byte in the file (not UTF-8 text)"
                                                         : "invalid UTF-8 at byte %zu", at);
        return false;
    }
    Scan sc = {.s = text, .n = len, .errs = errs};
    /* A UTF-8 byte-order mark (Windows editors add one) is skipped. */
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        sc.i = 3;
    scan_value(&sc);
    if (!sc.failed) {
        skip_ws(&sc);
        if (sc.i < sc.n)
            scan_fail(&sc, sc.i, "extra text after the end of the document");
    }
    if (sc.failed) {
        bs_free(sc.offs);
        return false;
    }
    const char *end = NULL;
    j->root = cJSON_ParseWithLengthOpts(text + (sc.offs[0] > 0 ? sc.offs[0] : 0),
                                        len + 1 - (sc.offs[0] > 0 ? sc.offs[0] : 0), &end, 1);
    if (!j->root) {
        /* The strict scan passed, so this is memory (or a cJSON limit). */
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "the JSON parser ran out of memory");
        bs_free(sc.offs);
        return false;
    }
    size_t cap = 16;
    while (cap < sc.noffs * 2)
        cap *= 2;
    j->map = bs_malloc(cap * sizeof *j->map);
    if (!j->map) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        bs_free(sc.offs);
        bs_json_free(j);
        return false;
    }
    memset(j->map, 0, cap * sizeof *j->map);
    j->map_cap = cap;
    size_t at = 0;
    bool ok = assign(j, j->root, sc.offs, sc.noffs, &at) && at == sc.noffs;
    bs_free(sc.offs);
    if (!ok) {
        bs_errors_add(errs, BS_E_SYNTAX, 0, 0, "", "internal: JSON tree and text disagree");
        bs_json_free(j);
        return false;
    }
    /* Duplicates are reported but the tree stays usable, so that the caller
     * can go on and report every other problem too. */
    BsPath path = {{0}, 0};
    check_dups(j, j->root, &path, errs);
    return true;
}

void bs_json_free(BsJson *j)
{
    if (j->root)
        cJSON_Delete(j->root);
    bs_free(j->map);
    j->root = NULL;
    j->map = NULL;
}
