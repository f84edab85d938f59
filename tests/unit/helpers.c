#define _XOPEN_SOURCE 700
#include "helpers.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

BsScenario *t_load(const char *path)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = bs_scenario_load(path, &e);
    if (!s)
        bs_errors_print(&e, stderr);
    bs_errors_free(&e);
    assert_non_null(s);
    return s;
}

BsScenario *t_parse(const char *text, BsErrors *errs)
{
    return bs_scenario_parse("inline.json", text, strlen(text), errs);
}

BsScenario *t_parse_ok(const char *text)
{
    BsErrors e;
    bs_errors_init(&e, "inline.json");
    BsScenario *s = t_parse(text, &e);
    if (!s)
        t_print_errors(&e);
    bs_errors_free(&e);
    assert_non_null(s);
    return s;
}

void t_replace(const char *text, const char *from, const char *to, char *out, size_t cap)
{
    const char *at = strstr(text, from);
    if (!at) {
        fprintf(stderr, "t_replace: \"%s\" is not in the text\n", from);
        fail();
        return;
    }
    int n = snprintf(out, cap, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    assert_true(n >= 0 && (size_t)n < cap);
}

const char *t_small_with(const char *from, const char *to)
{
    static char buf[16384];
    t_replace(t_small_scenario, from, to, buf, sizeof buf);
    return buf;
}

static char g_tmpdir[512];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void rm_tmpdir(void)
{
    if (g_tmpdir[0])
        nftw(g_tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *t_tmpdir(void)
{
    if (!g_tmpdir[0]) {
        const char *base = getenv("TMPDIR");
        snprintf(g_tmpdir, sizeof g_tmpdir, "%s/bs-unit-XXXXXX", base && *base ? base : "/tmp");
        if (!mkdtemp(g_tmpdir)) {
            perror("mkdtemp");
            g_tmpdir[0] = '\0';
            fail();
        }
        atexit(rm_tmpdir);
    }
    return g_tmpdir;
}

void t_tmppath(char *out, size_t cap, const char *name)
{
    int n = snprintf(out, cap, "%s/%s", t_tmpdir(), name);
    assert_true(n > 0 && (size_t)n < cap);
}

void t_write(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

char *t_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf)
            break;
        if (n + 1 >= cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = nb;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - 1 - n, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        if (len)
            *len = n;
    }
    return buf;
}

int t_count_kind(const BsErrors *e, BsErrKind k)
{
    int n = 0;
    for (int i = 0; i < e->count; i++)
        n += e->items[i].kind == k;
    return n;
}

int t_find_error(const BsErrors *e, BsErrKind k, int line)
{
    for (int i = 0; i < e->count; i++)
        if (e->items[i].kind == k && (line == 0 || e->items[i].line == line))
            return i;
    return -1;
}

void t_print_errors(const BsErrors *e)
{
    for (int i = 0; i < e->count; i++) {
        const BsError *it = &e->items[i];
        fprintf(stderr, "  %s:%d:%d: %s: [%s] %s\n", e->file, it->line, it->col, it->path,
                bs_err_kind_name(it->kind), it->msg);
    }
    if (e->dropped)
        fprintf(stderr, "  (%d more not stored)\n", e->dropped);
}

int t_choice(const BsGame *g, int seat, const char *action)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, seat, avail);
    const BsState *st = &g->scn->states[g->seat[seat].state];
    for (int i = 0; i < n; i++)
        if (!strcmp(g->scn->actions[st->choices[avail[i]].action].id, action))
            return avail[i];
    return -1;
}

void t_game(BsGame *g, const BsScenario *s, uint64_t seed)
{
    BsErrors e;
    bs_errors_init(&e, s->path);
    BsGameOptions o = {.nseats = 1, .seed = seed};
    bool ok = bs_game_init(g, s, &o, &e);
    if (!ok)
        t_print_errors(&e);
    bs_errors_free(&e);
    assert_true(ok);
}

void t_step(BsGame *g, const char *action)
{
    int ch[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
    if (action) {
        ch[0] = t_choice(g, 0, action);
        if (ch[0] < 0) {
            fprintf(stderr, "t_step: \"%s\" is not offered in state \"%s\" (week %d)\n", action,
                    g->scn->states[g->seat[0].state].id, g->week);
            fail();
        }
    }
    assert_true(bs_game_step(g, ch));
}

static int cmp_path(const void *a, const void *b) { return strcmp(a, b); }

int t_bundled_scenarios(char paths[][512], int cap)
{
    static const char *const langs[] = {"en", "zh"};
    int n = 0;
    for (int l = 0; l < 2; l++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/scenarios/%s", BS_SOURCE_DIR, langs[l]);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        struct dirent *de;
        while ((de = readdir(d)) && n < cap) {
            size_t len = strlen(de->d_name);
            if (len > 5 && !strcmp(de->d_name + len - 5, ".json"))
                snprintf(paths[n++], 512, "%s/%s", dir, de->d_name);
        }
        closedir(d);
    }
    qsort(paths, (size_t)n, 512, cmp_path);
    return n;
}

/* Two vendors, four states, every kind of thing once: for focused tests. */
const char t_small_scenario[] =
    "{\n"
    "  \"format\": 1, \"id\": \"small\", \"lang\": \"en\", \"title\": \"Small\", \"weeks\": 6,\n"
    "  \"buyer\": { \"name\": \"Ann\", \"role\": \"Buyer\", \"stakes\": 0.5, \"gift_cap\": 100,\n"
    "    \"needs\": [ { \"id\": \"speed\", \"label\": \"Speed\" }, { \"id\": \"cost\", \"label\": \"Cost\" } ] },\n"
    "  \"vendors\": [\n"
    "    { \"id\": \"me\", \"name\": \"Me\", \"human\": true },\n"
    "    { \"id\": \"them\", \"name\": \"Them\", \"policy\": \"always:pitch\" } ],\n"
    "  \"messages\": [ { \"id\": \"fast\", \"label\": \"Fast\", \"fits\": [\"speed\"] } ],\n"
    "  \"objections\": [ { \"id\": \"price\", \"label\": \"Too dear\", \"need\": \"cost\" } ],\n"
    "  \"policies\": { \"buyer_centric\": { \"weights\": { \"ask\": 1 } } },\n"
    "  \"start\": \"a\",\n"
    "  \"states\": {\n"
    "    \"a\": { \"say\": \"Hello {vendor}.\", \"choices\": [\n"
    "      { \"text\": \"Ask\", \"action\": \"ask\", \"need\": \"speed\", \"next\": \"b\" },\n"
    "      { \"text\": \"Pitch\", \"action\": \"pitch\", \"message\": \"fast\" } ] },\n"
    "    \"b\": { \"say\": \"Go on.\", \"choices\": [\n"
    "      { \"text\": \"Analyze\", \"action\": \"analyze\", \"next\": \"c\" },\n"
    "      { \"text\": \"Repeat\", \"action\": \"repeat\", \"message\": \"fast\" } ] },\n"
    "    \"c\": { \"auto\": [ { \"when\": { \"week\": { \"gte\": 5 } }, \"next\": \"d\" } ],\n"
    "      \"choices\": [ { \"text\": \"Close\", \"action\": \"push_close\", \"when\": { \"trust\": { \"gte\": 0 } } } ] },\n"
    "    \"d\": { \"end\": true } },\n"
    "  \"events\": [ { \"id\": \"e\", \"when\": { \"week\": { \"gte\": 2 } }, \"flag\": \"f\", \"effects\": { \"pressure\": 5 } } ],\n"
    "  \"thoughts\": [ { \"when\": { \"flag\": \"f\" }, \"text\": \"Hmm.\" } ],\n"
    "  \"lessons\": { \"1\": { \"title\": \"L1\", \"text\": \"T1\" }, \"2\": { \"title\": \"L2\", \"text\": \"T2\" },\n"
    "                 \"3\": { \"title\": \"L3\", \"text\": \"T3\" } }\n"
    "}\n";
