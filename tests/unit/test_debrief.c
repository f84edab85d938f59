/* The debrief as data (debrief.c): at most three best and three worst
 * moments, mistakes first among the worst, each moment true to the game
 * played, and the same seed played by the buyer-centric policy. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int scripted(const BsGame *g, int salt)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, 0, avail);
    return n ? avail[(g->week * 3 + salt) % n] : -1;
}

/* Plays the ERP scenario to the end with the script into `ss`. */
static void play(const BsScenario *s, uint64_t seed, int salt, BsSession *ss)
{
    BsGameOptions o = {.nseats = 1, .seed = seed};
    BsGame g;
    t_game(&g, s, seed);
    bs_session_new(ss, s, &o);
    while (!bs_game_over(&g)) {
        int ch[BS_MAX_SEATS] = {scripted(&g, salt), -1, -1, -1, -1};
        assert_true(bs_session_play(ss, &g, ch));
    }
}

static void build(const BsSession *ss, const BsScenario *s, BsDebrief *d)
{
    BsErrors e;
    bs_errors_init(&e, "");
    bool ok = bs_debrief_build(ss, s, 0, d, &e);
    if (!ok)
        t_print_errors(&e);
    assert_true(ok);
    bs_errors_free(&e);
}

/* What the seat did in each week, from a replay. */
typedef struct {
    int action, verdict, state, lesson;
} Played;

static int replay_moves(const BsSession *ss, const BsScenario *s, Played *out)
{
    BsGame g;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_session_replay(ss, s, &g, 0, &e));
    bs_errors_free(&e);
    int me = g.seat[0].vendor;
    for (int w = 0; w < ss->nweeks; w++) {
        out[w].state = g.seat[0].state;
        int ch[BS_MAX_SEATS] = {ss->moves[w][0], -1, -1, -1, -1};
        assert_true(bs_game_step(&g, ch));
        out[w].action = ch[0] >= 0 ? g.last.move[me].action : -1;
        out[w].verdict = g.last.move[me].verdict;
        out[w].lesson = g.last.move[me].lesson;
    }
    return ss->nweeks;
}

/* A moment is a week the seat really played, told as it was played. (Its
 * impact is the debrief's own estimate; only its sign is checked.) */
static void check_moment(const BsMoment *m, const BsSession *ss, const Played *p)
{
    assert_true(m->week >= 1 && m->week <= ss->nweeks);
    const Played *x = &p[m->week - 1];
    assert_int_equal(m->seat, 0);
    assert_int_equal(m->choice, ss->moves[m->week - 1][0]);
    assert_true(m->action >= 0);
    assert_int_equal(m->action, x->action);
    assert_int_equal(m->state, x->state);
    assert_int_equal(m->verdict, x->verdict);
    assert_int_equal(m->lesson, x->lesson);
    assert_true(m->lesson >= 1 && m->lesson <= 3);
}

static void the_debrief_has_at_most_three_best_and_three_worst_moments(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int with_worst = 0, with_best = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        BsSession ss;
        play(s, seed, (int)seed % 5, &ss);
        BsDebrief d;
        build(&ss, s, &d);
        Played p[BS_MAX_WEEKS];
        replay_moves(&ss, s, p);
        assert_true(d.nbest >= 0 && d.nbest <= 3);
        assert_true(d.nworst >= 0 && d.nworst <= 3);
        with_worst += d.nworst > 0;
        with_best += d.nbest > 0;
        int chosen = 0;
        for (int w = 0; w < ss.nweeks; w++)
            chosen += p[w].action >= 0;
        assert_true(d.nbest + d.nworst <= chosen);
        for (int i = 0; i < d.nworst; i++) {
            const BsMoment *m = &d.worst[i];
            check_moment(m, &ss, p);
            /* a worst moment is a mistake or a move that hurt; never a good move */
            assert_true(m->verdict <= 0);
            assert_true(m->verdict < 0 || m->impact < 0);
            if (i > 0) {
                const BsMoment *prev = &d.worst[i - 1];
                /* mistakes come first; then the most harmful first */
                if (prev->verdict > m->verdict)
                    fprintf(stderr, "seed %llu: worst moment %d (week %d, verdict %d, impact %.2f) comes after "
                            "week %d (verdict %d, impact %.2f)\n", (unsigned long long)seed, i, m->week,
                            m->verdict, m->impact, prev->week, prev->verdict, prev->impact);
                assert_true(prev->verdict <= m->verdict);
                if (prev->verdict == m->verdict)
                    assert_true(prev->impact <= m->impact);
            }
        }
        for (int i = 0; i < d.nbest; i++) {
            const BsMoment *m = &d.best[i];
            check_moment(m, &ss, p);
            /* a best moment is never a mistake, and it helped or was right */
            assert_true(m->verdict >= 0);
            assert_true(m->verdict > 0 || m->impact > 0);
            if (i > 0) {
                const BsMoment *prev = &d.best[i - 1];
                if (prev->verdict == m->verdict)
                    assert_true(prev->impact >= m->impact);
            }
        }
        /* no week is both one of the best and one of the worst */
        for (int i = 0; i < d.nbest; i++)
            for (int k = 0; k < d.nworst; k++)
                assert_true(d.best[i].week != d.worst[k].week);
        /* the lessons named are those of the mistakes */
        int lessons = 0;
        for (int w = 0; w < ss.nweeks; w++)
            if (p[w].action >= 0 && p[w].verdict < 0)
                lessons |= 1 << (p[w].lesson - 1);
        assert_int_equal(d.lessons_fired, lessons);
    }
    assert_true(with_worst > 0 && with_best > 0);
    bs_scenario_free(s);
}

static void the_debrief_tells_the_game_as_it_was_played(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    play(s, 7, 2, &ss);
    BsDebrief d;
    build(&ss, s, &d);
    BsGame g;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_session_replay(&ss, s, &g, -1, &e));
    bs_errors_free(&e);
    int me = g.seat[0].vendor;
    assert_int_equal(d.vendor, me);
    assert_int_equal(d.outcome, g.outcome);
    assert_int_equal(d.winner, g.winner);
    assert_true(d.final_trust == g.v[me].trust);
    assert_true(d.final_risk == g.v[me].risk);
    assert_true(d.final_mindshare == g.v[me].mindshare);
    assert_int_equal(d.player.nweeks, ss.nweeks);
    assert_true(d.player.w[ss.nweeks].trust[me] == (float)g.v[me].trust);
    /* week 0 is the start */
    BsGame g0;
    t_game(&g0, s, 7);
    assert_true(d.player.w[0].trust[me] == (float)g0.v[me].trust);
    bs_scenario_free(s);
}

static void the_buyer_centric_comparison_exists_for_the_erp_scenario(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    assert_true(s->buyer_centric >= 0);
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsSession ss;
        play(s, seed, 1, &ss);
        BsDebrief d;
        build(&ss, s, &d);
        assert_true(d.has_centric);
        assert_true(d.centric.nweeks >= 1 && d.centric.nweeks <= s->weeks);
        assert_true(d.centric_outcome == BS_OUT_DECIDED || d.centric_outcome == BS_OUT_NO_DECISION);
        /* the same start */
        assert_memory_equal(&d.centric.w[0], &d.player.w[0], sizeof d.player.w[0]);
        /* the same game as the simulator plays with that policy and seed */
        BsGame c;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_sim_game(s, "buyer_centric", NULL, seed, 1, &c, &e));
        bs_errors_free(&e);
        assert_int_equal(d.centric_outcome, c.outcome);
        assert_int_equal(d.centric_winner, c.winner);
        assert_int_equal(d.centric.nweeks, c.decided_week);
    }
    bs_scenario_free(s);
}

static void a_scenario_without_buyer_centric_has_no_comparison(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(t_small_with("\"policies\": { \"buyer_centric\": { \"weights\": { \"ask\": 1 } } },\n", ""));
    assert_int_equal(s->buyer_centric, -1);
    BsSession ss;
    BsGameOptions o = {.nseats = 1, .seed = 1};
    BsGame g;
    t_game(&g, s, 1);
    bs_session_new(&ss, s, &o);
    while (!bs_game_over(&g)) {
        int ch[BS_MAX_SEATS] = {scripted(&g, 0), -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
    }
    BsDebrief d;
    build(&ss, s, &d);
    assert_false(d.has_centric);
    bs_scenario_free(s);
}

static void a_gift_above_the_cap_is_named_in_the_debrief(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int named = 0, missing = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        BsGameOptions o = {.nseats = 1, .seed = seed};
        BsGame g;
        BsSession ss;
        t_game(&g, s, seed);
        bs_session_new(&ss, s, &o);
        static const char *const path[] = {"ask", "analyze", "acknowledge", "gift"};
        int k = 0;
        while (!bs_game_over(&g)) {
            /* after the gift the seat lets the weeks pass: no other mistake */
            int c = k < 4 ? t_choice(&g, 0, path[k]) : -1;
            if (k < 4 && c < 0)
                break;
            int ch[BS_MAX_SEATS] = {c, -1, -1, -1, -1};
            assert_true(bs_session_play(&ss, &g, ch));
            k++;
        }
        if (k < 4)
            continue; /* an event moved the seat elsewhere */
        BsDebrief d;
        build(&ss, s, &d);
        /* the lesson is named, and the gift, the only mistake of the game,
         * is among the worst moments */
        bool gift = false;
        for (int i = 0; i < d.nworst; i++)
            gift |= d.worst[i].action == BS_A_GIFT && d.worst[i].lesson == 3 && d.worst[i].week == 4;
        if (!(d.lessons_fired & 4) || !gift) {
            fprintf(stderr, "seed %llu: gift lesson %s, gift %s the worst moments\n", (unsigned long long)seed,
                    d.lessons_fired & 4 ? "named" : "NOT named", gift ? "among" : "NOT among");
            missing++;
        }
        named++;
    }
    bs_scenario_free(s);
    assert_true(named > 0);
    assert_int_equal(missing, 0);
}

static void weeks_let_pass_are_no_moments(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGameOptions o = {.nseats = 1, .seed = 2};
    BsGame g;
    t_game(&g, s, 2);
    bs_session_new(&ss, s, &o);
    while (!bs_game_over(&g)) {
        int ch[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
    }
    BsDebrief d;
    build(&ss, s, &d);
    assert_int_equal(d.nbest, 0);
    assert_int_equal(d.nworst, 0);
    assert_int_equal(d.player.nweeks, s->weeks);
    bs_scenario_free(s);
}

static void an_empty_session_and_a_bad_seat(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGameOptions o = {.nseats = 1, .seed = 2};
    bs_session_new(&ss, s, &o);
    BsDebrief d;
    build(&ss, s, &d);
    assert_int_equal(d.nbest + d.nworst, 0);
    assert_int_equal(d.player.nweeks, 0);
    assert_int_equal(d.outcome, BS_OUT_PLAYING);
    BsErrors e;
    bs_errors_init(&e, "");
    assert_false(bs_debrief_build(&ss, s, 1, &d, &e));
    assert_false(bs_debrief_build(&ss, s, -1, &d, &e));
    assert_true(e.count >= 2);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

/* A debrief that teaches: moments agree with what the move did, every
 * outcome says why with numbers, and the key messages' memory is there. */
static void moments_agree_with_the_moves_and_the_outcome_is_explained(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int nd = 0, lost = 0, explained = 0, listed = 0;
    for (uint64_t seed = 1; seed <= 12; seed++) {
        BsSession ss;
        play(s, seed, (int)seed, &ss);
        BsDebrief *d = malloc(sizeof *d);
        assert_non_null(d);
        build(&ss, s, d);
        for (int i = 0; i < d->nbest; i++) { /* a best moment worked, and helped clearly */
            assert_true(d->best[i].result == BS_MR_WORKED);
            assert_true(d->best[i].verdict >= 0);
            assert_true(d->best[i].clear && d->best[i].impact > 0);
            assert_true(d->best[i].impact >= 3.0 * d->best[i].impact_se);
            listed++;
        }
        for (int i = 0; i < d->nworst; i++) { /* a worst moment never a good move */
            assert_true(d->worst[i].result != BS_MR_WORKED);
            assert_true(d->worst[i].verdict <= 0);
            assert_true(d->worst[i].clear && d->worst[i].impact < 0);
            listed++;
        }
        if (d->outcome == BS_OUT_NO_DECISION) {
            nd++;
            /* why she decided nothing: the parts of her indecision */
            assert_true(d->nwhy >= 1);
            for (int i = 0; i < d->nwhy; i++)
                assert_true(d->why[i].kind <= BS_WHY_GROUP);
            explained += d->nwhy >= 1;
        } else if (d->outcome == BS_OUT_DECIDED && d->winner != d->vendor) {
            lost++;
            /* a loss: where the winner was ahead */
            assert_true(d->nwhy >= 1);
            assert_int_equal(d->why[0].vendor, d->winner);
            explained++;
        }
        for (int i = 1; i < d->nwhy; i++) /* heaviest first */
            assert_true(d->why[i].weight <= d->why[i - 1].weight);
        /* the key messages' memory, week by week, for the player's vendor */
        assert_int_equal(d->player.vendor, d->vendor);
        for (int w = 1; w <= d->player.nweeks; w++)
            for (int m = 0; m < s->nmessages; m++)
                assert_true(d->player.w[w].recall[m] >= 0 && d->player.w[w].recall[m] <= 1);
        free(d);
    }
    printf("# 12 games: %d no decision, %d lost, all %d explained; %d moments listed\n", nd, lost, explained, listed);
    assert_true(nd + lost > 0);
    assert_int_equal(explained, nd + lost);
    bs_scenario_free(s);
}

/* The buyer-first row covers every week it was played, and says when that
 * game was decided. */
static void the_buyer_first_comparison_says_when_it_was_decided(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    play(s, 3, 1, &ss);
    BsDebrief *d = malloc(sizeof *d);
    assert_non_null(d);
    build(&ss, s, d);
    assert_true(d->has_centric);
    assert_true(d->centric_decided_week >= 1 && d->centric_decided_week <= s->weeks);
    assert_int_equal(d->centric.nweeks, d->centric_decided_week);
    assert_true(d->decided_week >= 1 && d->decided_week == d->player.nweeks);
    free(d);
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_debrief_has_at_most_three_best_and_three_worst_moments),
        cmocka_unit_test(the_debrief_tells_the_game_as_it_was_played),
        cmocka_unit_test(the_buyer_centric_comparison_exists_for_the_erp_scenario),
        cmocka_unit_test(a_scenario_without_buyer_centric_has_no_comparison),
        cmocka_unit_test(a_gift_above_the_cap_is_named_in_the_debrief),
        cmocka_unit_test(weeks_let_pass_are_no_moments),
        cmocka_unit_test(an_empty_session_and_a_bad_seat),
        cmocka_unit_test(moments_agree_with_the_moves_and_the_outcome_is_explained),
        cmocka_unit_test(the_buyer_first_comparison_says_when_it_was_decided),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
