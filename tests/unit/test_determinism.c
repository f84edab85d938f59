/* Determinism (DESIGN §4, §8): the same scenario, seed and moves give the
 * same state hash at every week, in two runs, across save/resume, after an
 * undo, and the same per-week log byte for byte. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXW (BS_MAX_WEEKS + 1)

/* A fixed but varied move script: the k-th offered choice, k from the week. */
static int scripted(const BsGame *g, int salt)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, 0, avail);
    if (n == 0)
        return -1;
    return avail[(g->week * 7 + salt) % n];
}

/* Plays a whole session with the script; records the hash at the start and
 * after every week. Returns the number of weeks played. */
static int play(const BsScenario *s, uint64_t seed, int salt, BsSession *ss, uint64_t *hashes)
{
    BsGameOptions o = {.nseats = 1, .seed = seed};
    BsGame g;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_game_init(&g, s, &o, &e));
    bs_errors_free(&e);
    bs_session_new(ss, s, &o);
    hashes[0] = bs_game_hash(&g);
    int w = 0;
    while (!bs_game_over(&g)) {
        int ch[BS_MAX_SEATS] = {scripted(&g, salt), -1, -1, -1, -1};
        assert_true(bs_session_play(ss, &g, ch));
        hashes[++w] = bs_game_hash(&g);
    }
    return w;
}

static void the_same_seed_and_moves_give_the_same_hash_every_week(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    for (uint64_t seed = 1; seed <= 10; seed++) {
        uint64_t h1[MAXW], h2[MAXW];
        BsSession a, b;
        int n1 = play(s, seed, (int)seed, &a, h1);
        int n2 = play(s, seed, (int)seed, &b, h2);
        assert_int_equal(n1, n2);
        assert_true(n1 >= 1 && n1 <= s->weeks);
        for (int w = 0; w <= n1; w++)
            assert_true(h1[w] == h2[w]);
        /* consecutive weeks never hash alike */
        for (int w = 1; w <= n1; w++)
            assert_true(h1[w] != h1[w - 1]);
    }
    bs_scenario_free(s);
}

static void a_scenario_loaded_twice_plays_the_same(void **state)
{
    (void)state;
    BsScenario *s1 = t_load(T_ERP), *s2 = t_load(T_ERP);
    assert_true(s1->hash == s2->hash);
    uint64_t h1[MAXW], h2[MAXW];
    BsSession a, b;
    int n1 = play(s1, 77, 3, &a, h1);
    int n2 = play(s2, 77, 3, &b, h2);
    assert_int_equal(n1, n2);
    assert_memory_equal(h1, h2, sizeof h1[0] * (size_t)(n1 + 1));
    bs_scenario_free(s1);
    bs_scenario_free(s2);
}

static void different_seeds_give_different_games(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    /* the rivals' moves over a game, per seed */
    int16_t moves[8][BS_MAX_WEEKS][BS_MAX_VENDORS];
    memset(moves, 0, sizeof moves);
    uint64_t first[8];
    for (int k = 0; k < 8; k++) {
        BsGameOptions o = {.nseats = 1, .seed = 1000 + (uint64_t)k};
        BsGame g;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_game_init(&g, s, &o, &e));
        bs_errors_free(&e);
        first[k] = bs_game_hash(&g);
        for (int w = 0; w < 6 && !bs_game_over(&g); w++) {
            int ch[BS_MAX_SEATS] = {scripted(&g, 1), -1, -1, -1, -1};
            assert_true(bs_game_step(&g, ch));
            for (int v = 0; v < g.nv; v++)
                moves[k][w][v] = g.last.move[v].action;
        }
    }
    for (int a = 0; a < 8; a++)
        for (int b = a + 1; b < 8; b++) {
            assert_true(first[a] != first[b]);
            /* the same human moves, yet the rivals play differently */
            assert_true(memcmp(moves[a], moves[b], sizeof moves[a]) != 0);
        }
    /* and the outcomes vary over seeds */
    int wins = 0, nd = 0;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        BsGame g;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_sim_game(s, "random", NULL, seed, 1, &g, &e));
        bs_errors_free(&e);
        wins += g.outcome == BS_OUT_DECIDED;
        nd += g.outcome == BS_OUT_NO_DECISION;
    }
    assert_true(wins > 0 && nd > 0);
    bs_scenario_free(s);
}

static void save_and_resume_give_the_same_hash_every_week(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    uint64_t h[MAXW];
    BsSession ss;
    int n = play(s, 5, 2, &ss, h);
    /* save half way and at the end */
    for (int cut = 0; cut <= n; cut += n / 2 > 0 ? n / 2 : 1) {
        BsSession part = ss;
        part.nweeks = cut;
        char path[600];
        t_tmppath(path, sizeof path, "det.save");
        BsErrors e;
        bs_errors_init(&e, path);
        assert_true(bs_session_save(&part, s, path, &e));
        BsSession back;
        assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
        assert_int_equal(back.nweeks, cut);
        for (int w = 0; w <= cut; w++) {
            BsGame g;
            assert_true(bs_session_replay(&back, s, &g, w, &e));
            assert_true(bs_game_hash(&g) == h[w]);
        }
        /* resume and play on with the same moves: the same game */
        BsGame g;
        assert_true(bs_session_replay(&back, s, &g, -1, &e));
        for (int w = cut; w < n; w++) {
            int ch[BS_MAX_SEATS] = {ss.moves[w][0], -1, -1, -1, -1};
            assert_true(bs_session_play(&back, &g, ch));
            assert_true(bs_game_hash(&g) == h[w + 1]);
        }
        assert_int_equal(e.count, 0);
        bs_errors_free(&e);
    }
    bs_scenario_free(s);
}

static void undo_then_the_same_move_returns_to_the_same_hash(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    uint64_t h[MAXW];
    BsSession ss;
    int n = play(s, 9, 4, &ss, h);
    BsGame g;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_session_replay(&ss, s, &g, -1, &e));
    for (int w = n; w > 0; w--) {
        int8_t move = ss.moves[w - 1][0];
        assert_true(bs_session_undo(&ss, s, &g));
        assert_true(bs_game_hash(&g) == h[w - 1]);
        int ch[BS_MAX_SEATS] = {move, -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
        assert_true(bs_game_hash(&g) == h[w]);
        assert_true(bs_session_undo(&ss, s, &g));
        assert_int_equal(ss.nweeks, w - 1);
    }
    assert_false(bs_session_undo(&ss, s, &g));
    assert_true(bs_game_hash(&g) == h[0]);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

static void a_game_copied_mid_way_plays_on_identically(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsGame a;
    t_game(&a, s, 21);
    for (int w = 0; w < 4; w++) {
        int ch[BS_MAX_SEATS] = {scripted(&a, 5), -1, -1, -1, -1};
        assert_true(bs_game_step(&a, ch));
    }
    BsGame b = a;
    while (!bs_game_over(&a)) {
        int ch[BS_MAX_SEATS] = {scripted(&a, 5), -1, -1, -1, -1};
        assert_true(bs_game_step(&a, ch));
        assert_true(bs_game_step(&b, ch));
        assert_true(bs_game_hash(&a) == bs_game_hash(&b));
    }
    assert_true(bs_game_over(&b));
    assert_int_equal(a.outcome, b.outcome);
    assert_int_equal(a.winner, b.winner);
    bs_scenario_free(s);
}

/* Skipping the buyer's thoughts (batch simulation) must not change the game. */
static void quiet_games_are_the_same_games(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    for (uint64_t seed = 1; seed <= 5; seed++) {
        BsGameOptions lo = {.nseats = 1, .seed = seed}, qo = {.nseats = 1, .seed = seed, .quiet = true};
        BsGame l, q;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_game_init(&l, s, &lo, &e));
        assert_true(bs_game_init(&q, s, &qo, &e));
        bs_errors_free(&e);
        while (!bs_game_over(&l)) {
            assert_true(bs_game_hash(&l) == bs_game_hash(&q));
            int ch[BS_MAX_SEATS] = {scripted(&l, 6), -1, -1, -1, -1};
            assert_true(bs_game_step(&l, ch));
            assert_true(bs_game_step(&q, ch));
        }
        assert_true(bs_game_hash(&l) == bs_game_hash(&q));
    }
    bs_scenario_free(s);
}

static void the_session_log_is_byte_identical_across_runs(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    uint64_t h[MAXW];
    BsSession a, b, c;
    int na = play(s, 13, 1, &a, h);
    play(s, 13, 1, &b, h);
    play(s, 14, 1, &c, h);
    char *ta, *tb, *tc;
    size_t la, lb, lc;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_session_log_text(&a, s, &ta, &la, &e));
    assert_true(bs_session_log_text(&b, s, &tb, &lb, &e));
    assert_true(bs_session_log_text(&c, s, &tc, &lc, &e));
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    assert_true(la != lc || memcmp(ta, tc, la) != 0);
    /* one line per week, and the start */
    int lines = 0;
    for (size_t i = 0; i < la; i++)
        lines += ta[i] == '\n';
    assert_int_equal(lines, na + 1);
    assert_int_equal(strlen(ta), la);
    /* a replayed (resumed) session writes the same log */
    char path[600];
    t_tmppath(path, sizeof path, "log.save");
    assert_true(bs_session_save(&a, s, path, &e));
    BsSession back;
    assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
    char *tr;
    size_t lr;
    assert_true(bs_session_log_text(&back, s, &tr, &lr, &e));
    assert_int_equal(lr, la);
    assert_memory_equal(tr, ta, la);
    assert_int_equal(e.count, 0);
    bs_free(ta);
    bs_free(tb);
    bs_free(tc);
    bs_free(tr);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

static void batch_simulation_is_deterministic(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSimOptions o = {.policy = "random", .runs = 200, .seed = 42};
    BsSimResult r1, r2;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_sim_run(s, &o, &r1, &e));
    assert_true(bs_sim_run(s, &o, &r2, &e));
    assert_int_equal(r1.wins, r2.wins);
    assert_int_equal(r1.no_decisions, r2.no_decisions);
    assert_true(r1.mean_trust == r2.mean_trust);
    assert_true(r1.mean_risk == r2.mean_risk);
    assert_memory_equal(r1.lessons, r2.lessons, sizeof r1.lessons);
    assert_memory_equal(r1.state_visits, r2.state_visits, sizeof r1.state_visits);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

/* Pinned across machines: fixed scenarios, seeds and the scripted moves
 * give these values on every machine and compiler (gcc and clang give the
 * same), so a change that alters games is seen here. Two pins per game:
 *  - the state hash (bs_game_hash, the save's "state"): the raw bytes of the
 *    state, doubles included. The engine guarantees IEEE-754 determinism
 *    (its own exp/log/pow in util.c, -ffp-contract=off, no fast-math), so
 *    the bytes agree on every little-endian IEEE-754 machine; a big-endian
 *    one differs by byte order only, and checks the second pin alone.
 *  - FNV-1a of the per-week CSV log (bs_session_csv_text): the values as
 *    printed with fixed precision, independent of byte order and layout.
 * The scenarios: tests/data/scenario-valid.json (a fixture nobody tunes:
 * the engine alone) and the bundled erp-rollout (the whole model over 12
 * weeks; its content hash is pinned too, so that a retune of the case is
 * told apart from a change of the engine). If a change is meant to alter
 * games, update the values (saves made before it no longer replay). */
static uint64_t fnv1a(const char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
    return h;
}

static void a_known_game_gives_the_pinned_hashes(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        uint64_t content, seed;
        int salt, weeks;
        uint64_t state_hash, csv_hash;
    } pin[] = {
        {BS_TEST_DATA "/scenario-valid.json", 0xd6a3b45a8efc8bfbull, 1, 0, 4, 0xfab7b3e63d18c96dull, 0x97fa1467316c46d7ull},
        {BS_TEST_DATA "/scenario-valid.json", 0xd6a3b45a8efc8bfbull, 42, 3, 3, 0x7256e1dbd58eaa37ull, 0x5ae8a35c70fb9630ull},
        {BS_TEST_DATA "/scenario-valid.json", 0xd6a3b45a8efc8bfbull, 4294967295ull, 5, 3, 0x076c257b22f61f2eull,
         0xe4d075bfdaaa2aeaull},
        {T_ERP, 0x63025523788d7f26ull, 7, 1, 12, 0x73e6fdacee1d35c6ull, 0x5521a027eaf907d2ull},
    };
    const uint16_t probe = 1;
    bool little = *(const unsigned char *)&probe == 1;
    int bad = 0;
    for (size_t k = 0; k < sizeof pin / sizeof pin[0]; k++) {
        BsScenario *s = t_load(pin[k].file);
        uint64_t h[MAXW];
        BsSession ss;
        int n = play(s, pin[k].seed, pin[k].salt, &ss, h);
        char *csv = NULL;
        size_t len = 0;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_session_csv_text(&ss, s, &csv, &len, &e));
        bs_errors_free(&e);
        uint64_t c = fnv1a(csv, len);
        bs_free(csv);
        bool same = s->hash == pin[k].content && n == pin[k].weeks && c == pin[k].csv_hash &&
                    (!little || h[n] == pin[k].state_hash);
        printf("%s %s: content %016llx, seed %llu salt %d: %d weeks, state %016llx, csv %016llx\n",
               same ? "pinned" : "CHANGED", strrchr(pin[k].file, '/') + 1, (unsigned long long)s->hash,
               (unsigned long long)pin[k].seed, pin[k].salt, n, (unsigned long long)h[n], (unsigned long long)c);
        if (s->hash != pin[k].content)
            printf("  (the scenario file itself changed: re-pin if that was meant)\n");
        bad += !same;
        bs_scenario_free(s);
    }
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_same_seed_and_moves_give_the_same_hash_every_week),
        cmocka_unit_test(a_scenario_loaded_twice_plays_the_same),
        cmocka_unit_test(different_seeds_give_different_games),
        cmocka_unit_test(save_and_resume_give_the_same_hash_every_week),
        cmocka_unit_test(undo_then_the_same_move_returns_to_the_same_hash),
        cmocka_unit_test(a_game_copied_mid_way_plays_on_identically),
        cmocka_unit_test(quiet_games_are_the_same_games),
        cmocka_unit_test(the_session_log_is_byte_identical_across_runs),
        cmocka_unit_test(batch_simulation_is_deterministic),
        cmocka_unit_test(a_known_game_gives_the_pinned_hashes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
