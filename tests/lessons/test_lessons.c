/* The lessons must hold (DESIGN section 7): for the bundled case given on
 * the command line, every property of `buyersim audit`, whose thresholds
 * live in the engine (engine/core/audit.c) and nowhere else. Tune the cases
 * and the model, never the thresholds.
 *
 * The debrief's moments are measured again in 3,000 buyer-first games
 * (issue 10); BS_MOMENT_GAMES sets fewer for the sanitizer build, where the
 * point is memory safety, not statistics. */
#include "../unit/helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *case_path;

static void test_the_case_teaches_every_lesson(void **state)
{
    (void)state;
    BsScenario *s = t_load(case_path);
    BsAuditOptions o;
    bs_audit_defaults(&o);
    o.moment_games = 3000;
    const char *env = getenv("BS_MOMENT_GAMES");
    if (env && atoi(env) > 0)
        o.moment_games = atoi(env);
    BsAudit *a = malloc(sizeof *a);
    assert_non_null(a);
    BsErrors e;
    bs_errors_init(&e, case_path);
    bool ok = bs_audit_run(s, &o, a, &e);
    if (!ok)
        t_print_errors(&e);
    bs_errors_free(&e);
    assert_true(ok);
    printf("# %s (%s): %.1f s\n", s->id, s->lang, a->seconds);
    int failed = 0;
    for (int i = 0; i < a->n; i++) {
        const BsAuditItem *it = &a->items[i];
        printf("  %-4s %-24s %10.4f  %-22s %s\n", it->pass ? "ok" : "FAIL", it->id, it->value, it->need, it->what);
        if (!it->pass) {
            fprintf(stderr, "%s: %s misses: %s (%s)\n", case_path, it->id, it->need, it->why);
            failed++;
        }
    }
    /* every property the issue and the design name is there */
    static const char *const required[] = {
        "buyer_centric_wins", "pitch_loses", "no_spam", "extreme_costs_trust", "argue_costs_trust", "random_band",
        "gift_loses", "gift_raises_risk", "pitch_close_no_decision", "relationship_loses", "repetition_pays",
        "one_move_small", "one_move_small_worst", "move_order", "moments_honest", "states_reached",
        "lessons_fired", "lines_agree",
    };
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++) {
        bool found = false;
        for (int i = 0; i < a->n; i++)
            found |= !strcmp(a->items[i].id, required[k]);
        if (!found)
            fprintf(stderr, "%s: the audit has no property \"%s\"\n", case_path, required[k]);
        assert_true(found);
    }
    assert_int_equal(failed, 0);
    assert_true(a->pass);
    free(a);
    bs_scenario_free(s);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_lessons SCENARIO.json\n");
        return 2;
    }
    case_path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_case_teaches_every_lesson),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
