/* Loading scenarios (scenario.c): the malformed corpus in tests/data/malformed
 * (one file per kind of error, listed in its MANIFEST with the error kind and
 * line), every problem reported, all or nothing, case-sensitive keys, and
 * the action catalog's overrides. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MALFORMED BS_TEST_DATA "/malformed"

typedef struct {
    char file[128];
    BsErrKind kind;
    int line;
    char msg[128];
} Expect;

static int kind_of(const char *name)
{
    for (int k = BS_E_IO; k <= BS_E_SESSION; k++)
        if (!strcmp(bs_err_kind_name((BsErrKind)k), name))
            return k;
    return -1;
}

static int read_manifest(Expect *out, int cap)
{
    size_t len;
    char *text = t_read(MALFORMED "/MANIFEST", &len);
    assert_non_null(text);
    int n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || line[0] == '\0')
            continue;
        assert_true(n < cap);
        Expect *x = &out[n];
        char kind[32];
        int used = 0;
        if (sscanf(line, "%127s %31s %d %n", x->file, kind, &x->line, &used) < 3) {
            fprintf(stderr, "MANIFEST: cannot read the line \"%s\"\n", line);
            fail();
        }
        int k = kind_of(kind);
        if (k < 0) {
            fprintf(stderr, "MANIFEST: unknown error kind \"%s\"\n", kind);
            fail();
        }
        x->kind = (BsErrKind)k;
        snprintf(x->msg, sizeof x->msg, "%s", used > 0 ? line + used : "");
        n++;
    }
    free(text);
    return n;
}

static void every_malformed_file_is_rejected_with_its_kind_at_its_line(void **state)
{
    (void)state;
    static Expect ex[256];
    int n = read_manifest(ex, 256);
    assert_true(n >= 40);
    int failures = 0;
    for (int i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", MALFORMED, ex[i].file);
        BsErrors e;
        bs_errors_init(&e, path);
        BsScenario *s = bs_scenario_load(path, &e);
        bool found = false;
        for (int k = 0; k < e.count && !found; k++) {
            const BsError *it = &e.items[k];
            found = it->kind == ex[i].kind && it->line == ex[i].line && it->col > 0 &&
                    (!ex[i].msg[0] || strstr(it->msg, ex[i].msg));
        }
        if (s || !found) {
            failures++;
            fprintf(stderr, "%s: want a %s error at line %d%s%s%s; got %s with:\n", ex[i].file,
                    bs_err_kind_name(ex[i].kind), ex[i].line, ex[i].msg[0] ? " saying \"" : "",
                    ex[i].msg, ex[i].msg[0] ? "\"" : "", s ? "a LOADED scenario" : "no scenario");
            t_print_errors(&e);
        }
        bs_scenario_free(s);
        bs_errors_free(&e);
    }
    assert_int_equal(failures, 0);
}

/* The corpus and its manifest agree: no file is left unchecked. */
static void every_corpus_file_is_in_the_manifest(void **state)
{
    (void)state;
    static Expect ex[256];
    int n = read_manifest(ex, 256);
    DIR *d = opendir(MALFORMED);
    assert_non_null(d);
    struct dirent *de;
    int files = 0;
    while ((de = readdir(d))) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json"))
            continue;
        files++;
        bool listed = false;
        for (int i = 0; i < n && !listed; i++)
            listed = !strcmp(ex[i].file, de->d_name);
        if (!listed)
            fprintf(stderr, "%s is not in MANIFEST\n", de->d_name);
        assert_true(listed);
    }
    closedir(d);
    assert_int_equal(files, n);
}

/* Every malformed file differs from this one by one mistake. */
static void the_corpus_base_scenario_loads(void **state)
{
    (void)state;
    BsScenario *s = t_load(BS_TEST_DATA "/scenario-valid.json");
    assert_string_equal(s->id, "base");
    assert_int_equal(s->nvendors, 2);
    assert_int_equal(s->nstates, 3);
    bs_scenario_free(s);
}

static int line_of(const char *text, const char *marker)
{
    const char *at = strstr(text, marker);
    assert_non_null(at);
    int l = 1;
    for (const char *p = text; p < at; p++)
        l += *p == '\n';
    return l;
}

static void every_problem_is_reported_not_just_the_first(void **state)
{
    (void)state;
    char a[16384], b[16384];
    t_replace(t_small_scenario, "\"stakes\": 0.5", "\"stakes\": 7", a, sizeof a);
    t_replace(a, "\"action\": \"analyze\"", "\"action\": \"analyse\"", b, sizeof b);
    t_replace(b, "\"text\": \"T3\"", "\"txet\": \"T3\"", a, sizeof a);
    BsErrors e;
    bs_errors_init(&e, "three.json");
    assert_null(t_parse(a, &e));
    if (e.count != 4)
        t_print_errors(&e);
    /* three mistakes; the misspelt "text" is both unknown and missing */
    assert_int_equal(e.count, 4);
    assert_int_equal(e.dropped, 0);
    assert_int_equal(e.items[0].kind, BS_E_RANGE);
    assert_int_equal(e.items[0].line, line_of(a, "\"stakes\": 7"));
    assert_int_equal(t_count_kind(&e, BS_E_REF), 1);
    assert_int_equal(e.items[t_find_error(&e, BS_E_REF, 0)].line, line_of(a, "\"analyse\""));
    assert_int_equal(t_count_kind(&e, BS_E_KEY), 2);
    assert_true(t_find_error(&e, BS_E_KEY, line_of(a, "\"txet\"")) >= 0);
    bs_errors_free(&e);

    /* three independent errors of the same kind: three errors */
    t_replace(t_small_scenario, "\"need\": \"speed\", \"next\"", "\"need\": \"spee\", \"next\"", a, sizeof a);
    t_replace(a, "\"message\": \"fast\" } ] },", "\"message\": \"fas\" } ] },", b, sizeof b);
    t_replace(b, "\"need\": \"cost\"", "\"need\": \"cots\"", a, sizeof a);
    bs_errors_init(&e, "three.json");
    assert_null(t_parse(a, &e));
    if (e.count != 3)
        t_print_errors(&e);
    assert_int_equal(e.count, 3);
    assert_int_equal(t_count_kind(&e, BS_E_REF), 3);
    int lines[3] = {e.items[0].line, e.items[1].line, e.items[2].line};
    assert_true(lines[0] != lines[1] && lines[1] != lines[2] && lines[0] != lines[2]);
    bs_errors_free(&e);
}

static void hundreds_of_errors_are_kept_or_counted(void **state)
{
    (void)state;
    /* 300 unknown keys in the root: each is a problem; none is lost silently */
    static char text[65536], extra[32768];
    size_t n = 0;
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(extra + n, sizeof extra - n, "\"zz%03d\": 1, ", i);
    char *open = strchr(t_small_scenario, '{');
    assert_non_null(open);
    snprintf(text, sizeof text, "{%s%s", extra, open + 1);
    BsErrors e;
    bs_errors_init(&e, "many.json");
    assert_null(t_parse(text, &e));
    assert_true(e.count > 0);
    assert_int_equal(e.count + e.dropped, 300);
    bs_errors_free(&e);
}

static void the_loader_is_all_or_nothing(void **state)
{
    (void)state;
    /* one late mistake (the last section) is enough to get nothing back */
    BsErrors e;
    bs_errors_init(&e, "late.json");
    assert_null(t_parse(t_small_with("\"title\": \"L3\"", "\"title\": 3"), &e));
    assert_int_equal(e.count, 1);
    bs_errors_free(&e);
    /* a scenario that loads adds no errors, even to a list that has some */
    bs_errors_init(&e, "x.json");
    bs_errors_add(&e, BS_E_IO, 0, 0, "", "an earlier problem");
    BsScenario *s = t_parse(t_small_scenario, &e);
    assert_non_null(s);
    assert_int_equal(e.count, 1);
    bs_scenario_free(s);
    /* ... and one that fails is refused even after earlier errors */
    assert_null(t_parse(t_small_with("\"weeks\": 6", "\"weeks\": 1"), &e));
    assert_int_equal(e.count, 2);
    bs_errors_free(&e);
}

static void the_bundled_scenarios_load(void **state)
{
    (void)state;
    char paths[32][512];
    int n = t_bundled_scenarios(paths, 32);
    assert_true(n >= 1);
    for (int i = 0; i < n; i++) {
        BsScenario *s = t_load(paths[i]);
        assert_true(s->nvendors >= BS_MIN_VENDORS && s->nvendors <= BS_MAX_VENDORS);
        int humans = 0;
        for (int v = 0; v < s->nvendors; v++)
            humans += s->vendors[v].human;
        assert_true(humans >= 1);
        assert_true(s->start >= 0 && s->start < s->nstates);
        assert_true(s->buyer_centric >= 0);
        assert_true(s->weeks >= BS_MIN_WEEKS && s->weeks <= BS_MAX_WEEKS);
        assert_true(!strcmp(s->lang, "en") || !strcmp(s->lang, "zh"));
        /* the folder is the file's own */
        assert_true(strncmp(paths[i], s->dir, strlen(s->dir)) == 0);
        bs_scenario_free(s);
    }
}

static void keys_are_case_sensitive(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"\"say\": \"Go on.\"", "\"Say\": \"Go on.\""},
        {"\"format\": 1", "\"Format\": 1"},
        {"\"action\": \"analyze\"", "\"Action\": \"analyze\""},
        {"\"stakes\": 0.5", "\"Stakes\": 0.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        BsErrors e;
        bs_errors_init(&e, "case.json");
        assert_null(t_parse(t_small_with(cases[i][0], cases[i][1]), &e));
        char name[32];
        assert_int_equal(sscanf(cases[i][1], "\"%31[^\"]\"", name), 1);
        bool unknown = false;
        for (int k = 0; k < e.count; k++)
            unknown |= e.items[k].kind == BS_E_KEY && strstr(e.items[k].msg, "unknown") &&
                       strstr(e.items[k].msg, name);
        if (!unknown)
            t_print_errors(&e);
        assert_true(unknown);
        bs_errors_free(&e);
    }
    /* ids are case-sensitive too */
    BsErrors e;
    bs_errors_init(&e, "case.json");
    assert_null(t_parse(t_small_with("\"action\": \"analyze\"", "\"action\": \"Analyze\""), &e));
    assert_int_equal(t_count_kind(&e, BS_E_REF), 1);
    bs_errors_free(&e);
}

static void schema_is_allowed_at_the_root_only(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(t_small_with("\"format\": 1,", "\"$schema\": \"../scenario.schema.json\", \"format\": 1,"));
    bs_scenario_free(s);
    static const char *const elsewhere[][2] = {
        {"\"name\": \"Ann\",", "\"$schema\": \"x\", \"name\": \"Ann\","},
        {"\"say\": \"Go on.\",", "\"say\": \"Go on.\", \"$schema\": \"x\","},
        {"{ \"id\": \"me\",", "{ \"$schema\": \"x\", \"id\": \"me\","},
    };
    for (size_t i = 0; i < sizeof elsewhere / sizeof elsewhere[0]; i++) {
        BsErrors e;
        bs_errors_init(&e, "schema.json");
        assert_null(t_parse(t_small_with(elsewhere[i][0], elsewhere[i][1]), &e));
        assert_int_equal(e.count, 1);
        assert_int_equal(e.items[0].kind, BS_E_KEY);
        assert_non_null(strstr(e.items[0].msg, "$schema"));
        bs_errors_free(&e);
    }
    /* at the root it is still a string */
    BsErrors e;
    bs_errors_init(&e, "schema.json");
    assert_null(t_parse(t_small_with("\"format\": 1,", "\"$schema\": 5, \"format\": 1,"), &e));
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].kind, BS_E_TYPE);
    bs_errors_free(&e);
}

/* The effects of action `a` as a per-quantity table (NAN: not named). */
static void effects_of(const BsScenario *s, int a, double out[BS_Q_EFFECT_COUNT], int *count)
{
    for (int q = 0; q < BS_Q_EFFECT_COUNT; q++)
        out[q] = -999;
    BsRange r = s->actions[a].effects;
    for (int i = 0; i < r.count; i++) {
        const BsEffect *e = &s->effects[r.first + i];
        assert_true(out[e->q] == -999); /* each quantity once */
        out[e->q] = e->amount;
    }
    *count = r.count;
}

static void action_overrides_merge_effects(void **state)
{
    (void)state;
    BsScenario *plain = t_parse_ok(t_small_scenario);
    int ask = bs_scenario_action(plain, "ask");
    assert_int_equal(ask, BS_A_ASK);
    double def[BS_Q_EFFECT_COUNT];
    int ndef;
    effects_of(plain, ask, def, &ndef);
    assert_true(ndef >= 2);
    assert_true(def[BS_Q_CREDIBILITY] == -999); /* ask does not touch credibility by default */

    /* naming a new quantity adds it; naming an existing one replaces it; the
     * rest stay */
    BsScenario *s = t_parse_ok(t_small_with(
        "\"policies\":",
        "\"actions\": { \"ask\": { \"effects\": { \"credibility\": 7, \"impression\": 9 }, \"label\": \"Probe\" } },\n  \"policies\":"));
    double got[BS_Q_EFFECT_COUNT];
    int ngot;
    effects_of(s, ask, got, &ngot);
    assert_int_equal(ngot, ndef + 1);
    for (int q = 0; q < BS_Q_EFFECT_COUNT; q++) {
        if (q == BS_Q_CREDIBILITY)
            assert_true(got[q] == 7);
        else if (q == BS_Q_IMPRESSION)
            assert_true(got[q] == 9);
        else
            assert_true(got[q] == def[q]);
    }
    assert_string_equal(s->actions[ask].label, "Probe");
    /* the behaviour and the rest of the definition are unchanged */
    assert_int_equal(s->actions[ask].kind, plain->actions[ask].kind);
    assert_int_equal(s->actions[ask].lesson, plain->actions[ask].lesson);
    assert_int_equal(s->actions[ask].contact, plain->actions[ask].contact);
    /* other actions are untouched */
    for (int a = 0; a < plain->nactions; a++) {
        if (a == ask)
            continue;
        double x[BS_Q_EFFECT_COUNT], y[BS_Q_EFFECT_COUNT];
        int nx, ny;
        effects_of(plain, a, x, &nx);
        effects_of(s, a, y, &ny);
        assert_int_equal(nx, ny);
        assert_memory_equal(x, y, sizeof x);
    }
    bs_scenario_free(s);
    bs_scenario_free(plain);
}

static void a_builtin_action_cannot_change_its_base(void **state)
{
    (void)state;
    BsErrors e;
    bs_errors_init(&e, "base.json");
    assert_null(t_parse(t_small_with("\"policies\":", "\"actions\": { \"ask\": { \"base\": \"pitch\" } },\n  \"policies\":"), &e));
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].kind, BS_E_SEMANTIC);
    bs_errors_free(&e);
}

/* "probe" is a scenario action based on ask; "chat" has no base. */
static const char *probe_scenario(void)
{
    static char buf[16384];
    char a[16384];
    t_replace(t_small_scenario, "\"policies\":",
              "\"actions\": { \"probe\": { \"base\": \"ask\", \"label\": \"Probe\" },\n"
              "               \"chat\": { \"label\": \"Chat\", \"effects\": { \"impression\": 3 } } },\n  \"policies\":",
              a, sizeof a);
    t_replace(a, "{ \"text\": \"Ask\", \"action\": \"ask\", \"need\": \"speed\", \"next\": \"b\" },",
              "{ \"text\": \"Ask\", \"action\": \"ask\", \"need\": \"speed\", \"next\": \"b\" },\n"
              "      { \"text\": \"Probe\", \"action\": \"probe\", \"need\": \"cost\" },\n"
              "      { \"text\": \"Chat\", \"action\": \"chat\", \"need\": \"cost\" },",
              buf, sizeof buf);
    return buf;
}

static void a_scenario_action_with_a_base_inherits_its_behaviour(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(probe_scenario());
    int probe = bs_scenario_action(s, "probe"), chat = bs_scenario_action(s, "chat");
    assert_true(probe >= BS_A_BUILTIN_COUNT && chat >= BS_A_BUILTIN_COUNT);
    assert_int_equal(s->actions[probe].kind, BS_A_ASK);
    assert_int_equal(s->actions[probe].lesson, s->actions[BS_A_ASK].lesson);
    assert_int_equal(s->actions[probe].contact, s->actions[BS_A_ASK].contact);
    double x[BS_Q_EFFECT_COUNT], y[BS_Q_EFFECT_COUNT];
    int nx, ny;
    effects_of(s, probe, x, &nx);
    effects_of(s, BS_A_ASK, y, &ny);
    assert_int_equal(nx, ny);
    assert_memory_equal(x, y, sizeof x);
    assert_true(s->actions[chat].kind != BS_A_ASK);

    /* in a game, probing reveals the need like asking; chatting does not */
    int cost = 1;
    assert_string_equal(s->needs[cost].id, "cost");
    BsGame g;
    t_game(&g, s, 11);
    t_step(&g, "probe");
    assert_true(g.v[0].known >> cost & 1);
    assert_int_equal(g.last.move[0].outcome, BS_MO_NEED_REVEALED);
    assert_int_equal(g.last.move[0].action, probe);

    t_game(&g, s, 11);
    t_step(&g, "chat");
    assert_false(g.v[0].known >> cost & 1);
    assert_int_equal(g.last.move[0].action, chat);
    bs_scenario_free(s);

    /* the bundled ERP scenario's site_visit is a reference */
    s = t_load(T_ERP);
    int sv = bs_scenario_action(s, "site_visit");
    if (sv >= 0)
        assert_int_equal(s->actions[sv].kind, BS_A_REFERENCE);
    bs_scenario_free(s);
}

static void model_coefficients_are_overridable_and_checked(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(t_small_with("\"policies\":", "\"model\": { \"decay\": 0.5, \"loss_aversion\": 3 },\n  \"policies\":"));
    BsModel def;
    bs_model_defaults(&def);
    assert_true(s->model.decay == 0.5);
    assert_true(s->model.loss_aversion == 3);
    assert_true(s->model.temperature == def.temperature);
    bs_scenario_free(s);

    BsErrors e;
    bs_errors_init(&e, "model.json");
    assert_null(t_parse(t_small_with("\"policies\":", "\"model\": { \"decay\": 1.5, \"decya\": 0.5 },\n  \"policies\":"), &e));
    assert_int_equal(e.count, 2);
    assert_int_equal(t_count_kind(&e, BS_E_RANGE), 1);
    int k = t_find_error(&e, BS_E_KEY, 0);
    assert_true(k >= 0);
    assert_non_null(strstr(e.items[k].msg, "did you mean \"decay\""));
    bs_errors_free(&e);
}

static void errors_carry_a_json_path(void **state)
{
    (void)state;
    BsErrors e;
    bs_errors_init(&e, "path.json");
    assert_null(t_parse(t_small_with("\"action\": \"repeat\"", "\"action\": \"repaet\""), &e));
    assert_int_equal(e.count, 1);
    assert_string_equal(e.items[0].path, "states.b.choices[1].action");
    assert_non_null(strstr(e.items[0].msg, "did you mean \"repeat\""));
    bs_errors_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_malformed_file_is_rejected_with_its_kind_at_its_line),
        cmocka_unit_test(every_corpus_file_is_in_the_manifest),
        cmocka_unit_test(the_corpus_base_scenario_loads),
        cmocka_unit_test(every_problem_is_reported_not_just_the_first),
        cmocka_unit_test(hundreds_of_errors_are_kept_or_counted),
        cmocka_unit_test(the_loader_is_all_or_nothing),
        cmocka_unit_test(the_bundled_scenarios_load),
        cmocka_unit_test(keys_are_case_sensitive),
        cmocka_unit_test(schema_is_allowed_at_the_root_only),
        cmocka_unit_test(action_overrides_merge_effects),
        cmocka_unit_test(a_builtin_action_cannot_change_its_base),
        cmocka_unit_test(a_scenario_action_with_a_base_inherits_its_behaviour),
        cmocka_unit_test(model_coefficients_are_overridable_and_checked),
        cmocka_unit_test(errors_carry_a_json_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
