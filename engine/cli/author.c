/* Tools for scenario authors: audit (does the case teach the right
 * lessons?) and new (a starter case that passes it). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int usage_fail(const char *msg, const char *arg)
{
    fprintf(stderr, "buyersim: %s%s%s\nTry 'buyersim audit --help'.\n", msg, arg ? " " : "", arg ? arg : "");
    return 1;
}

static void print_value(FILE *f, const BsAuditItem *it)
{
    if (it->na)
        fprintf(f, "%-9s", "n/a");
    else if (!strcmp(it->unit, "%"))
        fprintf(f, "%7.1f%% ", 100.0 * it->value);
    else if (!strcmp(it->unit, "pts"))
        fprintf(f, "%+6.1f pts", 100.0 * it->value);
    else
        fprintf(f, "%8.1f ", it->value);
}

static void json_item(FILE *f, const BsAuditItem *it)
{
    fprintf(f, "{\"id\":");
    app_json_string(f, it->id);
    fprintf(f, ",\"what\":");
    app_json_string(f, it->what);
    fprintf(f, ",\"value\":%.4f,\"unit\":", it->value);
    app_json_string(f, it->unit);
    fprintf(f, ",\"lo\":%.4f,\"hi\":%.4f,\"need\":", it->lo < -1e8 ? -1e8 : it->lo, it->hi);
    app_json_string(f, it->need);
    fprintf(f, ",\"pass\":%s,\"applies\":%s,\"why\":", it->pass ? "true" : "false", it->na ? "false" : "true");
    app_json_string(f, it->why);
    fprintf(f, "}");
}

bool cli_apply_sets(BsScenario *s, const char *const *sets, int n, BsErrors *e)
{
    for (int i = 0; i < n; i++) {
        char name[64];
        const char *eq = strchr(sets[i], '=');
        char *end = NULL;
        double v = eq ? strtod(eq + 1, &end) : 0;
        if (!eq || (size_t)(eq - sets[i]) >= sizeof name || end == eq + 1 || *end) {
            bs_errors_add(e, BS_E_SYNTAX, 0, 0, "", "--set wants NAME=NUMBER, not \"%s\"", sets[i]);
            return false;
        }
        memcpy(name, sets[i], (size_t)(eq - sets[i]));
        name[eq - sets[i]] = '\0';
        if (!bs_scenario_set_model(s, name, v, e))
            return false;
    }
    return true;
}

BsScenario *cli_load_with_sets(const char *path, const char *const *sets, int n)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = app_load_scenario(path, &e);
    if (s && !cli_apply_sets(s, sets, n, &e)) {
        bs_scenario_free(s);
        s = NULL;
    }
    if (!s)
        cli_errors_print(&e);
    bs_errors_free(&e);
    return s;
}

int cli_audit(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: buyersim audit SCENARIO... [--json] [--runs N] [--moments N]\n"
                   "Does the case teach the right lessons? Plays thousands of seeded games with\n"
                   "each policy and checks every property of the design (buyer-first play wins,\n"
                   "pitching loses, no single move dominates, repetition pays, a move's own\n"
                   "effect shows the lesson, the debrief's moments are clear of chance ...).\n"
                   "Prints a pass/fail table; where a property misses, what drives it.\n"
                   "Exit 0 if every property holds, 1 if any misses or the case does not load.\n"
                   "--runs N: games per policy (default 2000; the close comparisons use 1.5x).\n"
                   "--moments N: debriefs whose moments are measured again (default 40).\n"
                   "--set NAME=VALUE: a model coefficient, as the case's \"model\" would set it\n"
                   "(repeatable): \"what if?\" without editing the file.\n");
            return 0;
        }
    const char *files[64], *sets[32];
    int nfiles = 0, nsets = 0;
    bool json = false;
    BsAuditOptions o;
    bs_audit_defaults(&o);
    const char *lang = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json"))
            json = true;
        else if (!strcmp(a, "--lang") && i + 1 < argc)
            lang = argv[++i];
        else if (!strcmp(a, "--set") && i + 1 < argc && nsets < 32)
            sets[nsets++] = argv[++i];
        else if ((!strcmp(a, "--runs") || !strcmp(a, "--moments")) && i + 1 < argc) {
            char *end;
            long v = strtol(argv[++i], &end, 10);
            if (*end || v < 1 || v > 1000000)
                return usage_fail("audit: a number from 1 to 1000000, not", argv[i]);
            if (!strcmp(a, "--runs")) {
                o.runs = (int)v;
                o.runs_paired = (int)(v + v / 2);
            } else {
                o.moment_games = (int)v;
            }
        } else if (a[0] == '-')
            return usage_fail("audit: unknown option", a);
        else if (nfiles < 64)
            files[nfiles++] = a;
    }
    if (!nfiles)
        return usage_fail("audit: give a scenario", NULL);
    int bad = 0;
    if (json && nfiles > 1)
        printf("[");
    for (int fi = 0; fi < nfiles; fi++) {
        char path[1200];
        if (!app_scenario_path(files[fi], app_lang(lang), path, sizeof path)) {
            fprintf(stderr, "buyersim: audit: no such scenario: %s\n", files[fi]);
            bad++;
            continue;
        }
        BsScenario *s = cli_load_with_sets(path, sets, nsets);
        if (!s) {
            bad++;
            continue;
        }
        BsErrors e;
        bs_errors_init(&e, path);
        BsAudit *au = bs_malloc(sizeof *au);
        if (!au || !bs_audit_run(s, &o, au, &e)) {
            for (int i = 0; i < e.count; i++)
                fprintf(stderr, "buyersim: audit: %s: %s\n", path, e.items[i].msg);
            if (!au)
                fprintf(stderr, "buyersim: audit: out of memory\n");
            bs_errors_free(&e);
            bs_free(au);
            bs_scenario_free(s);
            bad++;
            continue;
        }
        bs_errors_free(&e);
        bad += !au->pass;
        if (json) {
            printf("%s{\"scenario\":", fi ? "," : "");
            app_json_string(stdout, s->id);
            printf(",\"lang\":");
            app_json_string(stdout, s->lang);
            printf(",\"file\":");
            app_json_string(stdout, path);
            printf(",\"pass\":%s,\"seconds\":%.2f,\"runs\":%d,\"properties\":[", au->pass ? "true" : "false",
                   au->seconds, o.runs);
            for (int i = 0; i < au->n; i++) {
                if (i)
                    printf(",");
                json_item(stdout, &au->items[i]);
            }
            printf("]}");
        } else {
            int failed = 0;
            for (int i = 0; i < au->n; i++)
                failed += !au->items[i].pass;
            printf("%s%s (%s): %s, %d of %d properties hold (%.1f s)\n", fi ? "\n" : "", s->id, s->lang,
                   au->pass ? "teaches the lessons" : "MISSES", au->n - failed, au->n, au->seconds);
            for (int i = 0; i < au->n; i++) {
                const BsAuditItem *it = &au->items[i];
                printf("  %-4s ", it->pass ? "ok" : "FAIL");
                print_value(stdout, it);
                printf("  %-22s %s", it->need, it->what);
                printf("\n");
                if (it->why[0] && (!it->pass || it->na))
                    printf("       why: %s\n", it->why);
            }
        }
        bs_free(au);
        bs_scenario_free(s);
    }
    if (json)
        printf(nfiles > 1 ? "]\n" : "\n");
    return bad ? 1 : 0;
}

/*============================================================================
 * new: a starter case that passes audit
 *==========================================================================*/
/* The case id from a file name: letters, digits, - and _, starting with a letter. */
static void id_from_name(const char *name, char *out, size_t cap)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = 0;
    for (const char *p = base; *p && n + 1 < cap && n < 48; p++) {
        if (!strcmp(p, ".json"))
            break;
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (n == 0 && !(c >= 'a' && c <= 'z'))
            continue; /* an id starts with a letter */
        out[n++] = ok ? c : '-';
    }
    if (n == 0)
        n = (size_t)snprintf(out, cap, "my-case");
    out[n] = '\0';
}

/* Replaces the first `from` in `text` (a heap string) by `to`; returns the
 * new heap string, or NULL. */
static char *replace_once(char *text, const char *from, const char *to)
{
    char *at = strstr(text, from);
    if (!at)
        return NULL;
    size_t lt = strlen(text), lf = strlen(from), lo = strlen(to);
    char *r = bs_malloc(lt - lf + lo + 1);
    if (!r)
        return NULL;
    size_t head = (size_t)(at - text);
    memcpy(r, text, head);
    memcpy(r + head, to, lo);
    memcpy(r + head + lo, at + lf, lt - head - lf + 1);
    bs_free(text);
    return r;
}

int cli_new(int argc, char **argv)
{
    const char *name = NULL, *lang = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            printf("Usage: buyersim new NAME [--lang en|zh]\n"
                   "Writes NAME.json: a complete starter case (a buyer with hidden needs, five vendors,\n"
                   "the rivals' policies, buyer_centric, pitch_close and relationship_only, a dialogue,\n"
                   "events, thoughts and the three lessons) that passes `buyersim audit`. Rewrite its\n"
                   "texts and numbers, then run check and audit after each change, and play it with\n"
                   "`buyersim play --watch NAME.json` to see every edit at once. Never overwrites a file.\n");
            return 0;
        }
        if (!strcmp(argv[i], "--lang") && i + 1 < argc)
            lang = argv[++i];
        else if (argv[i][0] == '-')
            return usage_fail("new: unknown option", argv[i]);
        else if (!name)
            name = argv[i];
        else
            return usage_fail("new: one NAME only, not", argv[i]);
    }
    if (!name)
        return usage_fail("new: give the new case a NAME", NULL);
    lang = app_lang(lang);
    char path[1200], tmpl[1200], id[64], schema[1400];
    size_t nl = strlen(name);
    snprintf(path, sizeof path, "%s%s", name, nl > 5 && !strcmp(name + nl - 5, ".json") ? "" : ".json");
    FILE *exists = fopen(path, "rb");
    if (exists) {
        fclose(exists);
        fprintf(stderr, "buyersim: new: %s already exists; choose another name (nothing was written)\n", path);
        return 1;
    }
    id_from_name(path, id, sizeof id);
    snprintf(tmpl, sizeof tmpl, "%s/assets/templates/new-%s.json", app_data_dir(), lang);
    BsErrors e;
    bs_errors_init(&e, tmpl);
    size_t len = 0;
    char *text = bs_read_file(tmpl, BS_MAX_FILE_BYTES, &len, &e);
    if (!text) {
        bs_errors_print(&e, stderr);
        bs_errors_free(&e);
        return 1;
    }
    char idline[128];
    snprintf(idline, sizeof idline, "\"id\": \"%s\"", id);
    snprintf(schema, sizeof schema, "\"$schema\": \"%s/scenarios/scenario.schema.json\"", app_data_dir());
    text = replace_once(text, "\"id\": \"my-case\"", idline);
    if (text)
        text = replace_once(text, "\"$schema\": \"../scenario.schema.json\"", schema);
    if (!text) {
        fprintf(stderr, "buyersim: new: the template %s is not the one this buyersim expects\n", tmpl);
        bs_errors_free(&e);
        return 1;
    }
    /* it must load before it is written (and the next step is theirs) */
    BsScenario *s = bs_scenario_parse(path, text, strlen(text), &e);
    if (!s) {
        bs_errors_print(&e, stderr);
        bs_free(text);
        bs_errors_free(&e);
        return 1;
    }
    bs_scenario_free(s);
    bool ok = bs_write_file_atomic(path, text, strlen(text), false, &e);
    if (!ok)
        bs_errors_print(&e, stderr);
    bs_free(text);
    bs_errors_free(&e);
    if (!ok)
        return 1;
    printf("Wrote %s (case \"%s\", %s).\n"
           "Next: rewrite its texts, then\n"
           "  buyersim check %s          every problem, with its line\n"
           "  buyersim audit %s          does it still teach the lessons?\n"
           "  buyersim play --watch %s   play it; saving the file reloads it at the same week\n",
           path, id, strcmp(lang, "zh") ? "English" : "Chinese", path, path, path);
    return 0;
}
