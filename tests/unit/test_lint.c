/* The author's checks: warnings from `check` (lint.c) about lines that do not
 * fit what their choice does and states a player cannot leave, and `audit`
 * (audit.c) telling a case that teaches the wrong lesson from one that
 * teaches the right one. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The index of the first warning whose path starts with `path` and whose
 * text holds `text`, or -1. */
static int find_warning(const BsErrors *w, const char *path, const char *text)
{
    for (int i = 0; i < w->count; i++)
        if (!strncmp(w->items[i].path, path, strlen(path)) && strstr(w->items[i].msg, text))
            return i;
    return -1;
}

static int lint_text(const char *text, BsErrors *w, bool dynamic)
{
    BsScenario *s = t_parse_ok(text);
    bs_errors_init(w, "lint");
    int n = dynamic ? bs_scenario_lint(s, w) : bs_scenario_lint_lines(s, w);
    bs_scenario_free(s);
    return n;
}

static void the_bundled_cases_have_no_warnings(void **state)
{
    (void)state;
    char paths[16][512];
    int n = t_bundled_scenarios(paths, 16);
    assert_true(n >= 6);
    for (int i = 0; i < n; i++) {
        BsScenario *s = t_load(paths[i]);
        BsErrors w;
        bs_errors_init(&w, paths[i]);
        int got = bs_scenario_lint(s, &w);
        if (got)
            t_print_errors(&w);
        assert_int_equal(got, 0);
        bs_errors_free(&w);
        bs_scenario_free(s);
    }
}

static void the_small_case_has_no_line_warnings(void **state)
{
    (void)state;
    BsErrors w;
    assert_int_equal(lint_text(t_small_scenario, &w, false), 0);
    bs_errors_free(&w);
}

/* An extreme claim always hurts: leading to warm lines, or a "think" meant
 * for when it works, is flagged at the choice's line. */
static void a_warm_reply_to_an_extreme_claim_is_flagged(void **state)
{
    (void)state;
    char text[8192], t2[8192];
    t_replace(t_small_scenario, "{ \"text\": \"Pitch\", \"action\": \"pitch\", \"message\": \"fast\" } ] },",
              "{ \"text\": \"Pitch\", \"action\": \"pitch\", \"message\": \"fast\" },\n"
              "      { \"text\": \"Brag\", \"action\": \"extreme\", \"next\": \"b\", \"think\": \"Impressive!\",\n"
              "        \"react\": { \"worked\": { \"say\": \"Wow.\" } } } ] },",
              text, sizeof text);
    t_replace(text, "\"b\": { \"say\": \"Go on.\",", "\"b\": { \"say\": \"Go on.\", \"tone\": \"warm\",", t2,
              sizeof t2);
    BsErrors w;
    assert_true(lint_text(t2, &w, false) >= 3);
    int warm = find_warning(&w, "states.a.choices[2]", "warm");
    assert_true(warm >= 0);
    assert_int_equal(w.items[warm].line, 16); /* the choice's own line */
    assert_true(w.items[warm].col > 0);
    assert_true(find_warning(&w, "states.a.choices[2]", "react.backfired.think") >= 0);
    assert_true(find_warning(&w, "states.a.choices[2]", "react.worked is never shown") >= 0);
    /* the good moves are not flagged */
    assert_int_equal(find_warning(&w, "states.a.choices[0]", ""), -1);
    bs_errors_free(&w);
    /* a question never backfires: leading to cold lines is flagged too */
    t_replace(t_small_scenario, "\"b\": { \"say\": \"Go on.\",", "\"b\": { \"say\": \"Go on.\", \"tone\": \"cold\",",
              text, sizeof text);
    assert_int_equal(lint_text(text, &w, false), 1);
    assert_true(find_warning(&w, "states.a.choices[0]", "turn cold") >= 0);
    bs_errors_free(&w);
}

/* A repeat is offered only once its message was said: a repeat of a message
 * no choice says is never offered. */
static void a_repeat_of_a_message_never_said_is_flagged(void **state)
{
    (void)state;
    char text[8192];
    t_replace(t_small_scenario, "\"action\": \"pitch\", \"message\": \"fast\"", "\"action\": \"pitch\"", text,
              sizeof text);
    BsErrors w;
    assert_int_equal(lint_text(text, &w, false), 1);
    assert_true(find_warning(&w, "states.b.choices[1]", "never offered") >= 0);
    bs_errors_free(&w);
}

/* A state nobody leaves for weeks, from quick games of the usual policies. */
static void a_state_nobody_leaves_is_flagged(void **state)
{
    (void)state;
    char text[8192], t2[8192];
    t_replace(t_small_scenario, "\"weeks\": 6", "\"weeks\": 20", t2, sizeof t2);
    /* "b" lets the seat go on only from week 15 */
    t_replace(t2, "{ \"text\": \"Analyze\", \"action\": \"analyze\", \"next\": \"c\" }",
              "{ \"text\": \"Analyze\", \"action\": \"analyze\" },\n"
              "      { \"text\": \"Go on\", \"action\": \"wait\", \"next\": \"c\", \"when\": { \"week\": { \"gte\": 15 } } }",
              text, sizeof text);
    BsErrors w;
    assert_true(lint_text(text, &w, true) >= 1);
    int stuck = find_warning(&w, "states.b", "nobody leaves");
    if (stuck < 0)
        t_print_errors(&w);
    assert_true(stuck >= 0);
    assert_true(strstr(w.items[stuck].msg, "buyer_centric") != NULL);
    assert_int_equal(w.items[stuck].line, 16); /* the state's own line */
    bs_errors_free(&w);
    /* the same state with a way on from week 3 is fine */
    t_replace(text, "\"gte\": 15", "\"gte\": 3", t2, sizeof t2);
    lint_text(t2, &w, true);
    assert_int_equal(find_warning(&w, "states.b", "nobody leaves"), -1);
    bs_errors_free(&w);
}

static const BsAuditItem *item(const BsAudit *a, const char *id)
{
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->items[i].id, id))
            return &a->items[i];
    static const BsAuditItem none = {.id = "none"};
    fprintf(stderr, "no audit item %s\n", id);
    fail();
    return &none;
}

static void quick(BsAuditOptions *o)
{
    bs_audit_defaults(o);
    o->runs = 300;
    o->runs_paired = 300;
    o->order_seeds = 60;
    o->moment_games = 4;
    o->moment_futures = 40;
}

/* A case in which a pitch earns more than a good question, the opposite of
 * the lesson: the audit fails it, says which property and why, and the same
 * audit gives the same numbers twice. */
static void the_audit_fails_a_case_where_pitching_pays(void **state)
{
    (void)state;
    BsScenario *good = t_load(T_ERP);
    BsAuditOptions o;
    quick(&o);
    BsAudit a, b;
    BsErrors e;
    bs_errors_init(&e, "audit");
    assert_true(bs_audit_run(good, &o, &a, &e));
    assert_true(item(&a, "pitch_loses")->pass);
    assert_true(item(&a, "extreme_loses")->pass);

    /* the same case where a pitch is worth ten of them */
    size_t len;
    char *text = t_read(T_ERP, &len);
    assert_non_null(text);
    static char bad[1 << 20];
    const char *at = strstr(text, "\"actions\": {");
    assert_non_null(at);
    size_t head = (size_t)(at - text) + strlen("\"actions\": {");
    assert_true(len + 200 < sizeof bad);
    snprintf(bad, sizeof bad, "%.*s\n    \"pitch\": { \"effects\": { \"impression\": 60, \"credibility\": 8 } },%s",
             (int)head, text, text + head);
    free(text);
    BsScenario *s = t_parse_ok(bad);
    assert_true(bs_audit_run(s, &o, &a, &e));
    assert_false(a.pass);
    /* a pitch's own effect now ranks above a good question's ... */
    const BsAuditItem *p = item(&a, "move_order");
    assert_false(p->pass);
    assert_true(p->value < p->lo);
    assert_true(strlen(p->what) > 0 && strlen(p->need) > 0 && strlen(p->why) > 0);
    /* ... and the buyer-first player no longer wins most games */
    assert_false(item(&a, "buyer_centric_wins")->pass);
    /* deterministic: the same options give the same measurements */
    assert_true(bs_audit_run(s, &o, &b, &e));
    assert_int_equal(a.n, b.n);
    for (int i = 0; i < a.n; i++) {
        assert_string_equal(a.items[i].id, b.items[i].id);
        assert_true(a.items[i].value == b.items[i].value);
        assert_int_equal(a.items[i].pass, b.items[i].pass);
    }
    assert_int_equal(e.count, 0);
    bs_errors_free(&e);
    bs_scenario_free(s);
    bs_scenario_free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_bundled_cases_have_no_warnings),
        cmocka_unit_test(the_small_case_has_no_line_warnings),
        cmocka_unit_test(a_warm_reply_to_an_extreme_claim_is_flagged),
        cmocka_unit_test(a_repeat_of_a_message_never_said_is_flagged),
        cmocka_unit_test(a_state_nobody_leaves_is_flagged),
        cmocka_unit_test(the_audit_fails_a_case_where_pitching_pays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
