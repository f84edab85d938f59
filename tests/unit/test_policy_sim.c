/* Policies (policy.c) and batch simulation (sim.c): always:ACTION, rules in
 * order, weights, random; sim's counts; every game ends by its last week. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void resolve(const BsScenario *s, const char *name, int *pol, int *arg)
{
    if (!bs_policy_resolve(s, name, pol, arg)) {
        fprintf(stderr, "cannot resolve policy \"%s\"\n", name);
        fail();
    }
}

/* Is some offered choice of the seat an `action`? */
static bool offered(const BsGame *g, int action)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, 0, avail);
    const BsState *st = &g->scn->states[g->seat[0].state];
    for (int i = 0; i < n; i++)
        if (st->choices[avail[i]].action == action)
            return true;
    return false;
}

static bool is_offered_choice(const BsGame *g, int c)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, 0, avail);
    for (int i = 0; i < n; i++)
        if (avail[i] == c)
            return true;
    return false;
}

static void always_action_picks_that_action_whenever_offered(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int total_hits = 0;
    for (int a = 0; a < s->nactions; a++) {
        char name[96];
        snprintf(name, sizeof name, "always:%s", s->actions[a].id);
        int pol, arg;
        resolve(s, name, &pol, &arg);
        assert_int_equal(pol, BS_POLICY_ALWAYS);
        assert_int_equal(arg, a);
        int hits = 0, weeks = 0;
        for (uint64_t seed = 1; seed <= 20; seed++) {
            BsGame g;
            t_game(&g, s, seed);
            BsRng rng;
            bs_rng_seed(&rng, seed, 9);
            while (!bs_game_over(&g)) {
                int c = bs_policy_pick_choice(&g, 0, pol, arg, &rng);
                weeks++;
                if (c >= 0) {
                    assert_true(is_offered_choice(&g, c));
                    int got = s->states[g.seat[0].state].choices[c].action;
                    if (offered(&g, a)) {
                        assert_int_equal(got, a);
                        hits++;
                    }
                } else {
                    int avail[BS_MAX_CHOICES];
                    assert_int_equal(bs_game_choices(&g, 0, avail), 0);
                }
                /* for an AI vendor: that action, always */
                assert_int_equal(bs_policy_pick_action(&g, 1, pol, arg, &rng), a);
                int ch[BS_MAX_SEATS] = {c, -1, -1, -1, -1};
                assert_true(bs_game_step(&g, ch));
            }
        }
        assert_true(weeks > 0);
        total_hits += hits;
    }
    assert_true(total_hits > 100);
    bs_scenario_free(s);
}

/* A lab scenario where the rival "r" plays policy "p" and the seat is
 * offered ask, pitch and analyze. */
static BsScenario *rules_lab(const char *policy_body)
{
    static char text[8192];
    snprintf(text, sizeof text,
        "{ \"format\": 1, \"id\": \"rules\", \"lang\": \"en\", \"title\": \"Rules\", \"weeks\": 8,\n"
        "  \"buyer\": { \"name\": \"Ann\", \"role\": \"Buyer\", \"stakes\": 0.5,\n"
        "    \"needs\": [ { \"id\": \"speed\", \"label\": \"Speed\" } ] },\n"
        "  \"vendors\": [ { \"id\": \"me\", \"name\": \"Me\", \"human\": true },\n"
        "                { \"id\": \"r\", \"name\": \"R\", \"policy\": \"p\" } ],\n"
        "  \"policies\": { \"p\": { %s }, \"buyer_centric\": { \"weights\": { \"ask\": 1 } } },\n"
        "  \"start\": \"s\",\n"
        "  \"states\": { \"s\": { \"choices\": [\n"
        "    { \"text\": \"Ask\", \"action\": \"ask\" }, { \"text\": \"Pitch\", \"action\": \"pitch\" },\n"
        "    { \"text\": \"Analyze\", \"action\": \"analyze\" } ] } },\n"
        "  \"lessons\": { \"1\": { \"title\": \"a\", \"text\": \"b\" }, \"2\": { \"title\": \"a\", \"text\": \"b\" },\n"
        "                 \"3\": { \"title\": \"a\", \"text\": \"b\" } } }\n",
        policy_body);
    return t_parse_ok(text);
}

static void rules_fire_in_order(void **state)
{
    (void)state;
    /* both rules hold from week 3 on; the first one listed wins. The third
     * names an action the seat is never offered, so for the seat it is
     * skipped in favour of the weights. */
    BsScenario *s = rules_lab(
        "\"rules\": [ { \"when\": { \"week\": { \"gte\": 3 } }, \"do\": \"pitch\" },\n"
        "             { \"when\": { \"week\": { \"gte\": 2 } }, \"do\": \"analyze\" },\n"
        "             { \"do\": \"reference\" } ],\n"
        "  \"weights\": { \"ask\": 1 }");
    int pol = bs_scenario_policy(s, "p");
    assert_true(pol >= 0);
    int pitch = bs_scenario_action(s, "pitch"), analyze = bs_scenario_action(s, "analyze"),
        ask = bs_scenario_action(s, "ask"), reference = bs_scenario_action(s, "reference");
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        BsRng rng;
        bs_rng_seed(&rng, seed, 4);
        while (!bs_game_over(&g)) {
            int wk = g.week, last = g.v[0].last_action;
            int want_ai = wk >= 3 ? pitch : wk >= 2 ? analyze : reference;
            assert_int_equal(bs_policy_pick_action(&g, 1, pol, -1, &rng), want_ai);
            int c = bs_policy_pick_choice(&g, 0, pol, -1, &rng);
            int got = s->states[g.seat[0].state].choices[c].action;
            /* the seat: the same, except that reference is not offered (so the
             * weights decide) and that a seat does not make the same move
             * two weeks running when a later rule offers another */
            int want_seat = wk >= 3 ? (last == pitch ? analyze : pitch) : wk >= 2 ? analyze : ask;
            assert_int_equal(got, want_seat);
            int ch[BS_MAX_SEATS] = {c, -1, -1, -1, -1};
            assert_true(bs_game_step(&g, ch));
            /* the rival really played by its policy */
            assert_int_equal(g.last.week, wk);
            assert_int_equal(g.last.move[1].action, want_ai);
        }
    }
    bs_scenario_free(s);
}

static void weights_set_the_odds_and_zero_means_never(void **state)
{
    (void)state;
    BsScenario *s = rules_lab("\"weights\": { \"pitch\": 3, \"ask\": 1, \"analyze\": 0 }");
    int pol = bs_scenario_policy(s, "p");
    int pitch = bs_scenario_action(s, "pitch"), ask = bs_scenario_action(s, "ask");
    BsGame g;
    t_game(&g, s, 1);
    BsRng rng;
    bs_rng_seed(&rng, 123, 1);
    int counts[BS_MAX_ACTIONS] = {0};
    const int draws = 8000;
    for (int i = 0; i < draws; i++)
        counts[bs_policy_pick_action(&g, 1, pol, -1, &rng)]++;
    assert_int_equal(counts[pitch] + counts[ask], draws);
    double share = (double)counts[pitch] / draws;
    assert_true(share > 0.72 && share < 0.78);
    bs_scenario_free(s);
}

static void random_picks_only_what_is_offered_and_everything_in_time(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int pol, arg;
    resolve(s, "random", &pol, &arg);
    assert_int_equal(pol, BS_POLICY_RANDOM);
    BsGame g;
    t_game(&g, s, 5);
    BsRng rng;
    bs_rng_seed(&rng, 5, 5);
    int seen[BS_MAX_ACTIONS] = {0};
    for (int i = 0; i < 5000; i++) {
        int a = bs_policy_pick_action(&g, 1, pol, arg, &rng);
        assert_true(a >= 0 && a < s->nactions);
        seen[a]++;
        int c = bs_policy_pick_choice(&g, 0, pol, arg, &rng);
        assert_true(is_offered_choice(&g, c));
    }
    for (int a = 0; a < s->nactions; a++)
        assert_true(seen[a] > 0);
    /* unknown names do not resolve */
    assert_false(bs_policy_resolve(s, "always:dance", &pol, &arg));
    assert_false(bs_policy_resolve(s, "nobody", &pol, &arg));
    bs_scenario_free(s);
}

static void sim_counts_add_up(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    static const char *const policies[] = {"buyer_centric", "random", "always:pitch", "always:wait"};
    for (int p = 0; p < 4; p++) {
        BsSimOptions o = {.policy = policies[p], .runs = 300, .seed = 11};
        BsSimResult r;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_sim_run(s, &o, &r, &e));
        assert_int_equal(e.count, 0);
        bs_errors_free(&e);
        assert_int_equal(r.runs, 300);
        int losses = r.runs - r.wins - r.no_decisions;
        assert_true(r.wins >= 0 && r.no_decisions >= 0 && losses >= 0);
        assert_int_equal(r.wins + r.no_decisions + losses, r.runs);
        assert_true(r.win_rate >= 0 && r.win_rate <= 1);
        assert_true(r.no_decision_rate >= 0 && r.no_decision_rate <= 1);
        assert_true(r.win_rate == (double)r.wins / r.runs);
        assert_true(r.no_decision_rate == (double)r.no_decisions / r.runs);
        assert_true(r.mean_mindshare >= 0 && r.mean_mindshare <= 1);
        assert_true(r.mean_trust >= 0 && r.mean_trust <= 100);
        assert_true(r.mean_risk >= 0 && r.mean_risk <= 100);
        for (int k = 0; k < 3; k++)
            assert_true(r.lessons[k] >= 0 && r.lessons[k] <= r.runs);
        assert_int_equal(r.state_visits[s->start], r.runs);
        for (int st = 0; st < s->nstates; st++)
            assert_true(r.state_visits[st] >= 0 && r.state_visits[st] <= r.runs);
        printf("# %-14s win %5.1f%%  no decision %5.1f%%\n", policies[p], 100 * r.win_rate,
               100 * r.no_decision_rate);
    }
    bs_scenario_free(s);
}

static void sim_matches_the_games_it_plays(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSimOptions o = {.policy = "random", .runs = 50, .seed = 100};
    BsSimResult r;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_sim_run(s, &o, &r, &e));
    int wins = 0, nd = 0;
    for (int i = 0; i < 50; i++) {
        BsGame g;
        assert_true(bs_sim_game(s, "random", NULL, 100 + (uint64_t)i, 1, &g, &e));
        wins += g.outcome == BS_OUT_DECIDED && g.winner == g.seat[0].vendor;
        nd += g.outcome == BS_OUT_NO_DECISION;
    }
    assert_int_equal(r.wins, wins);
    assert_int_equal(r.no_decisions, nd);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

static void sim_refuses_unknown_policies(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSimResult r;
    BsErrors e;
    bs_errors_init(&e, "");
    BsSimOptions o = {.policy = "always:juggle", .runs = 10, .seed = 1};
    assert_false(bs_sim_run(s, &o, &r, &e));
    assert_int_equal(t_count_kind(&e, BS_E_REF), 1);
    BsSimOptions o2 = {.policy = "random", .rivals = "nobody", .runs = 10, .seed = 1};
    assert_false(bs_sim_run(s, &o2, &r, &e));
    assert_int_equal(t_count_kind(&e, BS_E_REF), 2);
    BsGame g;
    assert_false(bs_sim_game(s, "nobody", NULL, 1, 1, &g, &e));
    assert_int_equal(t_count_kind(&e, BS_E_REF), 3);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

static void a_full_game_always_ends_by_its_last_week(void **state)
{
    (void)state;
    char paths[32][512];
    int np = t_bundled_scenarios(paths, 32);
    assert_true(np >= 1);
    static const char *const policies[] = {"random", "buyer_centric", "always:pitch", "always:wait",
                                           "always:push_close", "always:gift"};
    for (int k = 0; k < np; k++) {
        BsScenario *s = t_load(paths[k]);
        for (int p = 0; p < 6; p++) {
            for (uint64_t seed = 1; seed <= 100; seed++) {
                BsGame g;
                BsErrors e;
                bs_errors_init(&e, "");
                bool ok = bs_sim_game(s, policies[p], seed % 3 == 0 ? "random" : NULL, seed, 1, &g, &e);
                if (!ok)
                    t_print_errors(&e);
                assert_true(ok);
                bs_errors_free(&e);
                assert_true(bs_game_over(&g));
                assert_true(g.decided_week >= 1 && g.decided_week <= s->weeks);
                assert_true(g.week <= s->weeks);
                assert_true(g.outcome == BS_OUT_DECIDED || g.outcome == BS_OUT_NO_DECISION);
            }
        }
        bs_scenario_free(s);
    }
}

static void more_seats_play_together(void **state)
{
    (void)state;
    /* two human vendors, each seat with its own cursor */
    const char *text = t_small_with("{ \"id\": \"them\", \"name\": \"Them\", \"policy\": \"always:pitch\" }",
                                    "{ \"id\": \"them\", \"name\": \"Them\", \"human\": true, \"policy\": \"always:pitch\" }");
    BsScenario *s = t_parse_ok(text);
    BsGameOptions o = {.nseats = 2, .seed = 3};
    BsGame g;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_game_init(&g, s, &o, &e));
    assert_int_equal(g.nseats, 2);
    int ch[BS_MAX_SEATS] = {0, 1, -1, -1, -1}; /* ask -> b; pitch stays in a */
    assert_true(bs_game_step(&g, ch));
    assert_string_equal(s->states[g.seat[0].state].id, "b");
    assert_string_equal(s->states[g.seat[1].state].id, "a");
    /* three seats is more than the scenario has */
    BsGameOptions o3 = {.nseats = 3, .seed = 3};
    assert_false(bs_game_init(&g, s, &o3, &e));
    assert_true(e.count >= 1);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(always_action_picks_that_action_whenever_offered),
        cmocka_unit_test(rules_fire_in_order),
        cmocka_unit_test(weights_set_the_odds_and_zero_means_never),
        cmocka_unit_test(random_picks_only_what_is_offered_and_everything_in_time),
        cmocka_unit_test(sim_counts_add_up),
        cmocka_unit_test(sim_matches_the_games_it_plays),
        cmocka_unit_test(sim_refuses_unknown_policies),
        cmocka_unit_test(a_full_game_always_ends_by_its_last_week),
        cmocka_unit_test(more_seats_play_together),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
