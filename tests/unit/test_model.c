/* The single mechanics of DESIGN §4 and §7, checked on real games: a small
 * "lab" scenario whose one dialogue state offers exactly the moves a check
 * needs (the seat stays in it), with rivals that wait or pitch, and the
 * bundled ERP scenario where it offers the moves. */
#include "helpers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lab: `choices` is the body of the state's choices array, `model` the
 * body of the scenario's model object, `start` the body of my start meters. */
static BsScenario *lab(const char *choices, const char *model, const char *start)
{
    static char text[16384];
    int n = snprintf(text, sizeof text,
        "{\n"
        "  \"format\": 1, \"id\": \"lab\", \"lang\": \"en\", \"title\": \"Lab\", \"weeks\": 20,\n"
        "  \"buyer\": { \"name\": \"Ann\", \"role\": \"Buyer\", \"stakes\": 0.6, \"gift_cap\": 100,\n"
        "    \"needs\": [ { \"id\": \"speed\", \"label\": \"Speed\" }, { \"id\": \"cost\", \"label\": \"Cost\" } ] },\n"
        "  \"vendors\": [\n"
        "    { \"id\": \"me\", \"name\": \"Me\", \"human\": true, \"start\": { %s } },\n"
        "    { \"id\": \"quiet\", \"name\": \"Quiet\", \"policy\": \"always:wait\" },\n"
        "    { \"id\": \"busy\", \"name\": \"Busy\", \"policy\": \"always:pitch\" } ],\n"
        "  \"messages\": [ { \"id\": \"fast\", \"label\": \"Fast\", \"fits\": [\"speed\"] } ],\n"
        "  \"objections\": [ { \"id\": \"price\", \"label\": \"Too dear\", \"need\": \"cost\" } ],\n"
        "  \"actions\": {\n"
        "    \"credit_up\": { \"label\": \"Gain\", \"effects\": { \"credibility\": 4 } },\n"
        "    \"credit_down\": { \"label\": \"Loss\", \"effects\": { \"credibility\": -4 } },\n"
        "    \"warm\": { \"label\": \"Warm\", \"effects\": { \"intimacy\": 40 } },\n"
        "    \"selfish\": { \"label\": \"Selfish\", \"effects\": { \"self_orientation\": 1 } },\n"
        "    \"neutral\": { \"label\": \"Neutral\" },\n"
        "    \"big_gift\": { \"base\": \"gift\", \"value\": 1000 },\n"
        "    \"small_gift\": { \"base\": \"gift\", \"value\": 50 }\n"
        "  },\n"
        "  \"model\": { %s },\n"
        "  \"policies\": { \"buyer_centric\": { \"weights\": { \"ask\": 1 } } },\n"
        "  \"start\": \"lab\",\n"
        "  \"states\": { \"lab\": { \"say\": \"Yes?\", \"choices\": [ %s ] } },\n"
        "  \"lessons\": { \"1\": { \"title\": \"L1\", \"text\": \"T1\" }, \"2\": { \"title\": \"L2\", \"text\": \"T2\" },\n"
        "                 \"3\": { \"title\": \"L3\", \"text\": \"T3\" } }\n"
        "}\n",
        start ? start : "", model ? model : "", choices);
    assert_true(n > 0 && (size_t)n < sizeof text);
    return t_parse_ok(text);
}

#define CH(action) "{ \"text\": \"" action "\", \"action\": \"" action "\" }"
#define CH_MSG(action) "{ \"text\": \"" action "\", \"action\": \"" action "\", \"message\": \"fast\" }"

static double imp(const BsGame *g) { return g->v[0].q[BS_Q_IMPRESSION]; }

/*--------------------------------------------------------------------------*/

static void one_contact_then_silence_loses_half_its_impression_in_2_to_3_weeks(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("pitch") ", " CH("ask"), NULL, "\"impression\": 0");
    for (uint64_t seed = 1; seed <= 20; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        t_step(&g, "ask");                         /* week 1: the only contact */
        double after = imp(&g);
        assert_true(after > 0);
        t_step(&g, NULL);                          /* week 2: silence */
        t_step(&g, NULL);                          /* week 3: silence */
        double two = imp(&g);
        t_step(&g, NULL);                          /* week 4: silence */
        double three = imp(&g);
        if (!(two > 0.5 * after && three < 0.5 * after))
            fprintf(stderr, "seed %llu: %.3f after the contact, %.3f after 2 silent weeks, %.3f after 3\n",
                    (unsigned long long)seed, after, two, three);
        assert_true(two > 0.5 * after);
        assert_true(three < 0.5 * after);
        /* and it keeps fading, never growing, while nobody calls */
        for (int w = 0; w < 5; w++) {
            double before = imp(&g);
            t_step(&g, NULL);
            assert_true(imp(&g) < before);
        }
    }
    bs_scenario_free(s);
}

/* A pitch is a cookie: the attention it buys is gone in a week or two,
 * while a question that surfaces a need is thought about between meetings. */
static void a_pitch_fades_faster_than_a_question(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("pitch") ", " CH("ask"), NULL, "\"impression\": 0");
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame p, a;
        t_game(&p, s, seed);
        a = p;
        t_step(&p, "pitch");
        t_step(&a, "ask");
        double p0 = imp(&p), a0 = imp(&a);
        assert_true(a0 > p0); /* the question surfaced a need: it earned more attention too */
        t_step(&p, NULL);
        t_step(&a, NULL);
        /* after one silent week the pitch keeps less of what it bought */
        assert_true(imp(&p) / p0 < 0.5);
        assert_true(imp(&a) / a0 > 0.7);
    }
    bs_scenario_free(s);
}

/* An extreme claim or an argument makes the buyer discount the vendor: its
 * own effect on mindshare is below letting the week pass; a pitch's is above. */
static void an_extreme_claim_costs_attention(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("pitch") ", " CH("extreme") ", " CH("argue"), NULL, "\"impression\": 10");
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        g.quiet = false;
        for (int k = 0; k < 3; k++) {
            static const char *const moves[] = {"pitch", "extreme", "argue"};
            BsGame t = g;
            t_step(&t, moves[k]);
            const BsMove *mv = &t.last.move[0];
            assert_true(mv->has_own);
            if (k == 0)
                assert_true(mv->own_mindshare > 0);
            else
                assert_true(mv->own_mindshare < 0);
            /* and what the move did is told apart from the week's change */
            assert_true(mv->own_mindshare != mv->d_mindshare || mv->d_mindshare == 0);
        }
    }
    bs_scenario_free(s);
}

/* A push before the buyer is ready earns no attention: its own mindshare
 * effect is no more than letting the week pass (a pitch's is well above), and
 * it is judged to have backfired. */
static void a_premature_push_costs_attention(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("push_close") ", " CH("pitch"), NULL, "\"impression\": 10");
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame g, p;
        t_game(&g, s, seed);
        g.quiet = false;
        p = g;
        assert_false(bs_buyer_ready(&g, 0));
        t_step(&g, "push_close");
        t_step(&p, "pitch");
        const BsMove *mv = &g.last.move[0];
        assert_int_equal(mv->outcome, BS_MO_NOT_READY);
        assert_true(mv->own_mindshare <= 1e-9);
        assert_true(p.last.move[0].own_mindshare > 0.005);
        assert_int_equal(mv->result, BS_MR_BACKFIRED);
    }
    bs_scenario_free(s);
}

/* A move with a cost and a gain the buyer both notice (a pitch before her
 * needs are known: a little attention, a little trust lost) is "flat" when
 * it left her chance to choose the vendor level or better, and "backfired"
 * only when the chance fell. */
static void a_mixed_move_is_judged_by_the_chance(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("pitch"), NULL, "\"impression\": 10");
    const BsModel *md = &s->model;
    int mixed = 0;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        g.quiet = false;
        for (int w = 0; w < 3; w++) {
            t_step(&g, "pitch");
            const BsMove *mv = &g.last.move[0];
            bool cost = mv->own_trust <= -md->felt_trust || mv->own_risk >= md->felt_risk ||
                        100.0 * mv->own_mindshare <= -md->felt_mindshare;
            bool gain = mv->own_trust >= md->felt_trust || mv->own_risk <= -md->felt_risk ||
                        100.0 * mv->own_mindshare >= md->felt_mindshare;
            if (!cost || !gain || mv->outcome != BS_MO_PLAIN)
                continue;
            mixed++;
            assert_int_equal(mv->result, mv->own_pwin >= 0 ? BS_MR_FLAT : BS_MR_BACKFIRED);
        }
    }
    print_message("# %d mixed pitches\n", mixed);
    assert_true(mixed >= 5);
    bs_scenario_free(s);
}

/* The buyer's words follow what the move did: a move that hurt is never
 * judged as having worked, a repeat of the same move wears thin. */
static void a_move_is_judged_by_its_own_effect(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("extreme") ", " CH("analyze") ", " CH("ask"), NULL, NULL);
    BsGame g;
    t_game(&g, s, 2);
    g.quiet = false;
    t_step(&g, "extreme");
    assert_int_equal(g.last.move[0].result, BS_MR_BACKFIRED);
    t_step(&g, "ask");
    assert_int_equal(g.last.move[0].result, BS_MR_WORKED); /* a need came up */
    t_step(&g, "analyze");
    const BsMove first = g.last.move[0];
    t_step(&g, "analyze");
    t_step(&g, "analyze");
    const BsMove *third = &g.last.move[0];
    const BsModel *md = &s->model;
    /* the third analysis in a row: its own gains fade ... */
    assert_int_equal(third->streak, 2);
    assert_true(third->own_mindshare < 0.7 * first.own_mindshare);
    assert_true(third->own_trust < 0.7 * first.own_trust);
    /* ... and it is called a repeat unless it still clearly helped */
    bool strong = third->own_trust >= 2.0 * md->felt_trust || third->own_risk <= -2.0 * md->felt_risk ||
                  100.0 * third->own_mindshare >= 2.0 * md->felt_mindshare;
    assert_int_equal(third->result, strong ? BS_MR_WORKED : BS_MR_REPEATED);
    bs_scenario_free(s);
    /* and made often enough, it wears thin: with thresholds fit for a table
     * of three, where a point of mindshare is cheap, the fourth analysis in a
     * row is a repeat */
    s = lab(CH("analyze") ", " CH("ask"), "\"felt_mindshare\": 2.5, \"felt_trust\": 2", NULL);
    t_game(&g, s, 2);
    g.quiet = false;
    t_step(&g, "ask");
    for (int k = 0; k < 4; k++)
        t_step(&g, "analyze");
    assert_int_equal(g.last.move[0].streak, 3);
    assert_int_equal(g.last.move[0].result, BS_MR_REPEATED);
    bs_scenario_free(s);
}

/* Key messages she recalls and believes make her case to her boss easier:
 * the same game, one message said three times spaced out, leaves the vendor
 * more likely to be chosen than said once. */
static void a_case_for_the_boss_raises_the_chance(void **state)
{
    (void)state;
    BsScenario *s = lab(CH_MSG("pitch") ", " CH_MSG("repeat") ", " CH("wait"), NULL,
                        "\"credibility\": 50, \"reliability\": 50, \"intimacy\": 50");
    double sum_rep = 0, sum_once = 0;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        BsGame a, b;
        t_game(&a, s, seed);
        t_step(&a, "pitch");
        b = a;
        for (int w = 0; w < 5; w++) { /* repeated every other week, or never again */
            t_step(&a, w % 2 ? NULL : "repeat");
            t_step(&b, NULL);
        }
        assert_true(a.v[0].brief > b.v[0].brief);
        double pa[BS_MAX_VENDORS], pb[BS_MAX_VENDORS];
        bs_game_p_win(&a, pa);
        bs_game_p_win(&b, pb);
        sum_rep += pa[0];
        sum_once += pb[0];
    }
    assert_true(sum_rep > sum_once);
    bs_scenario_free(s);
}

/* The same holds in the bundled scenario for a vendor that visits once. */
static void one_contact_then_silence_fades_the_same_in_the_erp_scenario(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsGame g;
    t_game(&g, s, 3);
    int me = g.seat[0].vendor;
    t_step(&g, "ask");
    double after = g.v[me].q[BS_Q_IMPRESSION];
    t_step(&g, NULL);
    t_step(&g, NULL);
    double two = g.v[me].q[BS_Q_IMPRESSION];
    t_step(&g, NULL);
    double three = g.v[me].q[BS_Q_IMPRESSION];
    /* events may add to every vendor; with none in these weeks it is pure fade */
    assert_true(two > 0.5 * after);
    assert_true(three < 0.5 * after);
    bs_scenario_free(s);
}

/* Recall of the message at the start of week `at` after mentions in the
 * weeks listed (the first said with the pitch that carries it: a repeat is
 * offered only for a message already said; the rest repeated); returns the
 * memory too. */
static double recall_after(const BsScenario *s, const int *weeks, int n, int at, BsMemory *mem, BsGame *out)
{
    BsGame g;
    t_game(&g, s, 5);
    int k = 0;
    while (g.week < at) {
        bool say = k < n && weeks[k] == g.week;
        t_step(&g, say ? (k == 0 ? "pitch" : "repeat") : NULL);
        k += say;
    }
    assert_int_equal(k, n);
    assert_int_equal(g.week, at);
    *mem = g.v[0].mem[0];
    *out = g;
    return bs_msg_recall(&g, &g.v[0].mem[0]);
}

/* The public API gives a vendor one move a week, so four mentions in one
 * week cannot be played through bs_game_step. The massed case is therefore
 * built from a game's real one-mention memory, given the most that three
 * same-week repetitions can add by the model's own definition (each
 * multiplies the stability by at most massed_gain) — an upper bound on the
 * massed recall. Schedules follow the calibration note (§8.4): mentions in
 * weeks 0, 1, 2 and 4, recall at day 35. */
static void four_spaced_mentions_are_recalled_3x_better_than_four_massed(void **state)
{
    (void)state;
    BsScenario *s = lab(CH_MSG("pitch") ", " CH_MSG("repeat"), NULL, NULL);
    static const int spaced_weeks[] = {1, 2, 3, 5};
    static const int once[] = {1};
    BsMemory spaced, single;
    BsGame gs, g1;
    double r_spaced = recall_after(s, spaced_weeks, 4, 6, &spaced, &gs);
    double r_single = recall_after(s, once, 1, 6, &single, &g1);
    assert_int_equal(spaced.spaced, 4);
    assert_int_equal(single.spaced, 1);

    BsMemory massed = single;
    for (int i = 0; i < 3; i++)
        massed.stability *= s->model.massed_gain;
    double r_massed = bs_msg_recall(&g1, &massed);
    printf("# recall five weeks on: spaced %.3f, massed (at most) %.3f, once %.3f\n", r_spaced, r_massed,
           r_single);
    assert_true(r_massed >= r_single);
    assert_true(r_spaced >= 3.0 * r_massed);
    assert_true(r_spaced >= 3.0 * r_single);
    assert_true(r_spaced > 0.5);

    /* a single mention: about 35% left after a week (DESIGN §4) */
    static const int first[] = {1};
    BsMemory m;
    BsGame g;
    double r1 = recall_after(s, first, 1, 2, &m, &g);
    assert_true(r1 > 0.30 && r1 < 0.40);
    /* never heard: nothing to recall */
    BsMemory none = {0};
    assert_true(bs_msg_recall(&g, &none) == 0.0);
    bs_scenario_free(s);
}

static void spaced_mentions_beat_the_same_number_in_a_row(void **state)
{
    (void)state;
    /* with gaps, each later mention lands on a more forgotten memory and
     * strengthens it more: weeks 1,3,5,7 beat 1,2,3,4 measured at week 11 */
    BsScenario *s = lab(CH_MSG("pitch") ", " CH_MSG("repeat"), NULL, NULL);
    static const int gaps[] = {1, 3, 5, 7}, row[] = {1, 2, 3, 4};
    BsMemory a, b;
    BsGame ga, gb;
    double r_gaps = recall_after(s, gaps, 4, 11, &a, &ga);
    double r_row = recall_after(s, row, 4, 11, &b, &gb);
    assert_true(a.stability > b.stability);
    assert_true(r_gaps > r_row);
    bs_scenario_free(s);
}

static void pushing_to_close_before_the_buyer_is_ready_raises_no_decision(void **state)
{
    (void)state;
    /* the ERP scenario: after a pitch, push to close or ask instead */
    BsScenario *s = t_load(T_ERP);
    double sum_push = 0, sum_ask = 0;
    int higher = 0, higher_pass = 0;
    const int runs = 200;
    for (uint64_t seed = 1; seed <= (uint64_t)runs; seed++) {
        BsGame a, b;
        t_game(&a, s, seed);
        t_step(&a, "pitch");
        if (t_choice(&a, 0, "push_close") < 0 || t_choice(&a, 0, "ask") < 0) {
            fprintf(stderr, "the ERP scenario no longer offers push_close and ask after a pitch\n");
            fail();
        }
        int me = a.seat[0].vendor;
        assert_false(bs_buyer_ready(&a, me));
        b = a;
        BsGame c = a;
        t_step(&a, "push_close");
        t_step(&b, "ask");
        t_step(&c, NULL); /* letting the week pass: the move's own effect (issue 10) */
        double pc = bs_game_p_no_decision(&c);
        if (bs_game_p_no_decision(&a) <= pc)
            fprintf(stderr, "seed %llu: no decision %.4f after pushing, %.4f after letting the week pass\n",
                    (unsigned long long)seed, bs_game_p_no_decision(&a), pc);
        higher_pass += bs_game_p_no_decision(&a) > pc;
        assert_false(bs_game_over(&a));
        assert_int_equal(a.last.move[me].outcome, BS_MO_NOT_READY);
        assert_true(a.lessons_fired & 4); /* a lesson-3 mistake */
        double pa = bs_game_p_no_decision(&a), pb = bs_game_p_no_decision(&b);
        if (pa <= pb)
            fprintf(stderr, "seed %llu: no decision %.4f after pushing, %.4f after asking\n",
                    (unsigned long long)seed, pa, pb);
        higher += pa > pb;
        sum_push += pa;
        sum_ask += pb;
    }
    printf("# ERP: mean chance of no decision %.3f after pushing, %.3f after asking; pushing raised it above "
           "letting the week pass in %d of %d, above asking in %d\n",
           sum_push / runs, sum_ask / runs, higher_pass, runs, higher);
    /* against letting the week pass (the move's own effect), in every
     * seed; against asking (which can tighten the race and so raise it
     * too), on average and in nearly every seed */
    assert_int_equal(higher_pass, runs);
    assert_true(sum_push > sum_ask);
    assert_true(higher >= runs * 95 / 100);
    bs_scenario_free(s);
}

/* The same, where the seat is in a close race for the lead: pushing must
 * still make "no decision" likelier than asking (DESIGN §7), not less
 * likely because the pusher drops out of the race. */
/* In a close race, a vendor that pushes too early drops out of the race:
 * the buyer's choice gets clearer (the chance of no decision may even fall),
 * but the pusher's own chance to win falls. That is the lesson. */
static void pushing_to_close_early_in_a_close_race_costs_the_pusher(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("ask") ", " CH("push_close"), NULL, NULL);
    int worse = 0;
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame a, b;
        t_game(&a, s, seed);
        assert_false(bs_buyer_ready(&a, 0));
        b = a;
        t_step(&a, "push_close");
        t_step(&b, "ask");
        assert_false(bs_game_over(&a));
        assert_int_equal(a.last.move[0].outcome, BS_MO_NOT_READY);
        double pa[BS_MAX_VENDORS], pb[BS_MAX_VENDORS];
        bs_game_p_win(&a, pa);
        bs_game_p_win(&b, pb);
        if (pa[0] >= pb[0])
            fprintf(stderr, "seed %llu: chance to win %.4f after pushing, %.4f after asking\n",
                    (unsigned long long)seed, pa[0], pb[0]);
        worse += pa[0] < pb[0];
    }
    bs_scenario_free(s);
    assert_int_equal(worse, 10);
}

static void a_gift_above_the_cap_raises_career_risk(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("big_gift") ", " CH("small_gift"), NULL, NULL);
    const int runs = 400;
    double big = 0, small = 0;
    int taken = 0, refused = 0;
    for (uint64_t seed = 1; seed <= (uint64_t)runs; seed++) {
        BsGame a, b;
        t_game(&a, s, seed);
        b = a;
        double before = a.v[0].risk;
        t_step(&a, "big_gift");
        t_step(&b, "small_gift");
        big += a.v[0].risk;
        small += b.v[0].risk;
        /* the gift lesson (3) is named for an above-cap gift, and only then */
        assert_true(a.lessons_fired & (1 << 2));
        assert_false(b.lessons_fired & (1 << 2));
        assert_int_equal(b.last.move[0].outcome, BS_MO_GIFT_OK);
        uint8_t out = a.last.move[0].outcome;
        assert_true(out == BS_MO_GIFT_TAKEN || out == BS_MO_GIFT_REFUSED);
        if (out == BS_MO_GIFT_TAKEN) {
            taken++;
            /* an accepted gift above the cap is exposure: risk jumps */
            assert_true(a.v[0].q[BS_Q_EXPOSURE] > 0);
            assert_true(a.v[0].risk >= before + 10.0);
        } else {
            refused++;
            /* refused, and on record: she must report it or hide it (issue 10) */
            assert_true(a.v[0].q[BS_Q_EXPOSURE] == s->model.gift_offer_exposure);
            assert_true(a.v[0].risk > before);
        }
        assert_true(b.v[0].q[BS_Q_EXPOSURE] == 0);
    }
    printf("# mean career risk: %.2f after a gift above the cap (%d taken, %d refused), %.2f within it\n",
           big / runs, taken, refused, small / runs);
    assert_true(taken > 0 && refused > 0);
    assert_true(big / runs > small / runs + 3.0);
    bs_scenario_free(s);
}

static void a_gift_above_the_cap_names_the_gift_lesson_in_the_erp_scenario(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    int gifts = 0;
    for (uint64_t seed = 1; seed <= 30; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        /* ask, analyze, acknowledge: to the price talk, where a big gift is offered */
        static const char *const path[] = {"ask", "analyze", "acknowledge"};
        bool there = true;
        for (int i = 0; i < 3 && there; i++) {
            there = t_choice(&g, 0, path[i]) >= 0 && !bs_game_over(&g);
            if (there)
                t_step(&g, path[i]);
        }
        if (!there || bs_game_over(&g))
            continue;
        int c = t_choice(&g, 0, "gift");
        if (c < 0)
            continue;
        const BsChoice *ch = &s->states[g.seat[0].state].choices[c];
        double value = ch->value >= 0 ? ch->value : s->actions[ch->action].value;
        if (value <= s->gift_cap)
            continue;
        BsGame alt = g;
        assert_false(g.lessons_fired & 4);
        t_step(&g, "gift");
        assert_true(g.lessons_fired & 4);
        /* against the same week spent on a pilot, when offered */
        if (t_choice(&alt, 0, "pilot") >= 0) {
            t_step(&alt, "pilot");
            if (g.last.move[g.seat[0].vendor].outcome == BS_MO_GIFT_TAKEN)
                assert_true(g.v[g.seat[0].vendor].risk > alt.v[alt.seat[0].vendor].risk);
        }
        gifts++;
    }
    if (gifts == 0) {
        fprintf(stderr, "the ERP scenario no longer offers an above-cap gift after ask, analyze, acknowledge\n");
        fail();
    }
    bs_scenario_free(s);
}

static void losses_weigh_more_than_gains(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("credit_up") ", " CH("credit_down"), NULL, NULL);
    BsGame a, b;
    t_game(&a, s, 1);
    b = a;
    double c0 = a.v[0].q[BS_Q_CREDIBILITY], t0 = a.v[0].trust;
    t_step(&a, "credit_up");
    t_step(&b, "credit_down");
    double gain = a.v[0].q[BS_Q_CREDIBILITY] - c0, loss = c0 - b.v[0].q[BS_Q_CREDIBILITY];
    printf("# credibility: +4 moved it by %+.2f, -4 by %+.2f\n", gain, -loss);
    assert_true(gain > 0);
    assert_true(gain <= 4.0 + 1e-9);
    assert_true(loss > gain);
    /* a loss lands whole, weighed by the loss aversion */
    assert_true(loss > 4.0 * s->model.loss_aversion - 1e-9 && loss < 4.0 * s->model.loss_aversion + 1e-9);
    /* and the trust meter shows it */
    assert_true(t0 - b.v[0].trust > a.v[0].trust - t0);
    bs_scenario_free(s);

    /* with no loss aversion and no character gate, the two are equal */
    s = lab(CH("credit_up") ", " CH("credit_down"), "\"loss_aversion\": 1, \"character_gate\": 1", NULL);
    t_game(&a, s, 1);
    b = a;
    c0 = a.v[0].q[BS_Q_CREDIBILITY];
    t_step(&a, "credit_up");
    t_step(&b, "credit_down");
    gain = a.v[0].q[BS_Q_CREDIBILITY] - c0;
    loss = c0 - b.v[0].q[BS_Q_CREDIBILITY];
    assert_true(gain > 4.0 - 1e-9 && gain < 4.0 + 1e-9);
    assert_true(loss > 4.0 - 1e-9 && loss < 4.0 + 1e-9);
    bs_scenario_free(s);
}

static void intimacy_cannot_exceed_the_familiarity_cap(void **state)
{
    (void)state;
    /* no intimacy at the start, a huge intimacy effect and no weekly gain
     * cap: only familiarity holds intimacy back */
    BsScenario *s = lab(CH("warm") ", " CH("pitch"), "\"trust_gain_cap\": 50, \"same_move_fade\": 1",
                        "\"intimacy\": 0");
    BsGame g;
    t_game(&g, s, 2);
    assert_true(g.v[0].q[BS_Q_INTIMACY] == 0);
    double scale = s->model.familiarity_scale, prev = 0;
    for (int contacts = 1; contacts <= 12; contacts++) {
        t_step(&g, contacts % 4 == 0 ? "pitch" : "warm");
        double n = g.v[0].q[BS_Q_INTIMACY];
        /* the documented cap: 100 (1 - e^(-contacts / familiarity_scale)) */
        double cap = 100.0 * (1.0 - exp(-contacts / scale));
        if (n > cap + 1e-6)
            fprintf(stderr, "after %d contacts intimacy is %.3f, above the cap %.3f\n", contacts, n, cap);
        assert_true(n <= cap + 1e-6);
        assert_true(n <= g.v[0].intimacy_cap + 1e-9);
        if (contacts == 1) /* +40 asked, the cap allows about 22 */
            assert_true(n < 40.0 && n > cap - 1e-6);
        if (contacts % 4 != 0)
            assert_true(n > prev); /* the cap grows with each contact */
        prev = n;
    }
    /* silence does not raise the cap */
    double cap_before = g.v[0].intimacy_cap;
    t_step(&g, NULL);
    t_step(&g, NULL);
    assert_true(g.v[0].intimacy_cap <= cap_before + 1e-12);
    bs_scenario_free(s);
}

static void self_orientation_lowers_trust(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("selfish") ", " CH("neutral"), NULL, NULL);
    for (uint64_t seed = 1; seed <= 10; seed++) {
        BsGame a, b;
        t_game(&a, s, seed);
        b = a;
        t_step(&a, "selfish");
        t_step(&b, "neutral");
        const BsVendorState *x = &a.v[0], *y = &b.v[0];
        assert_true(x->q[BS_Q_SELF_ORIENTATION] > y->q[BS_Q_SELF_ORIENTATION] + 0.5);
        /* credibility, reliability and intimacy are the same in both games */
        for (int q = BS_Q_CREDIBILITY; q <= BS_Q_INTIMACY; q++)
            assert_true(x->q[q] == y->q[q]);
        assert_true(x->trust < y->trust);
        assert_true(x->character < y->character);
        /* the trusted-advisor equation */
        for (int k = 0; k < 2; k++) {
            const BsVendorState *v = k ? y : x;
            double t = (v->q[BS_Q_CREDIBILITY] + v->q[BS_Q_RELIABILITY] + v->q[BS_Q_INTIMACY]) /
                       (3.0 * v->q[BS_Q_SELF_ORIENTATION]);
            if (t > 100)
                t = 100;
            assert_true(v->trust > t - 1e-9 && v->trust < t + 1e-9);
        }
    }
    bs_scenario_free(s);
}

static void a_point_said_once_is_never_accepted(void **state)
{
    (void)state;
    static const char *const starts[] = {
        "\"credibility\": 0, \"reliability\": 0, \"intimacy\": 0",
        "\"credibility\": 50, \"reliability\": 50, \"intimacy\": 50",
        "\"credibility\": 100, \"reliability\": 100, \"intimacy\": 100, \"self_orientation\": 1",
    };
    for (int k = 0; k < 3; k++) {
        /* every other hurdle removed: only "said more than once" remains */
        BsScenario *s = lab(CH_MSG("pitch") ", " CH_MSG("repeat") ", " CH("ask"),
                            "\"accept_recall\": 0, \"accept_belief\": 0, \"accept_trust\": 0", starts[k]);
        BsGame g;
        t_game(&g, s, 4);
        assert_true(t_choice(&g, 0, "repeat") < 0); /* nothing said yet: nothing to repeat */
        t_step(&g, "pitch");
        for (int w = 0; w < 6; w++) {
            assert_false(bs_msg_accepted(&g, 0, 0));
            assert_true(bs_game_value(&g, 0, BS_Q_ACCEPTED_MESSAGES) == 0);
            t_step(&g, "ask");
        }
        /* said again in a later week: now it is */
        t_step(&g, "repeat");
        assert_true(bs_msg_accepted(&g, 0, 0));
        bs_scenario_free(s);
    }
    /* with the default hurdles too, whatever the trust */
    BsScenario *s = lab(CH_MSG("pitch") ", " CH_MSG("repeat") ", " CH("ask"), NULL, starts[2]);
    BsGame g;
    t_game(&g, s, 4);
    assert_true(g.v[0].trust >= 99.0);
    t_step(&g, "pitch");
    assert_false(bs_msg_accepted(&g, 0, 0));
    bs_scenario_free(s);
}

static void the_decision_comes_at_the_last_week_at_the_latest(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("ask") ", " CH("pitch"), NULL, NULL);
    for (uint64_t seed = 1; seed <= 20; seed++) {
        BsGame g;
        t_game(&g, s, seed);
        int weeks = 0;
        while (!bs_game_over(&g)) {
            t_step(&g, weeks % 2 ? "ask" : "pitch");
            weeks++;
            assert_true(weeks <= s->weeks);
        }
        assert_int_equal(weeks, s->weeks);
        assert_int_equal(g.decided_week, s->weeks);
        assert_true(g.outcome == BS_OUT_DECIDED || g.outcome == BS_OUT_NO_DECISION);
        if (g.outcome == BS_OUT_DECIDED)
            assert_true(g.winner >= 0 && g.winner < g.nv);
        else
            assert_int_equal(g.winner, -1);
        assert_true(g.p_no_decision >= 0 && g.p_no_decision <= 1);
        /* a finished game takes no more moves */
        int ch[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
        assert_false(bs_game_step(&g, ch));
    }
    bs_scenario_free(s);
}

static void an_invalid_choice_changes_nothing(void **state)
{
    (void)state;
    BsScenario *s = lab(CH("ask") ", " CH("pitch"), NULL, NULL);
    BsGame g, copy;
    t_game(&g, s, 9);
    copy = g;
    uint64_t h = bs_game_hash(&g);
    int bad[][BS_MAX_SEATS] = {{2, -1, -1, -1, -1}, {9, -1, -1, -1, -1}, {-2, -1, -1, -1, -1}};
    for (int i = 0; i < 3; i++) {
        assert_false(bs_game_step(&g, bad[i]));
        assert_true(bs_game_hash(&g) == h);
        assert_int_equal(memcmp(&g.v, &copy.v, sizeof g.v), 0);
        assert_int_equal(g.week, 1);
    }
    bs_scenario_free(s);
}

static void meters_stay_in_their_ranges_over_random_games(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    for (uint64_t seed = 1; seed <= 300; seed++) {
        BsGame g;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_sim_game(s, "random", "random", seed, 1, &g, &e));
        bs_errors_free(&e);
        double share = 0;
        for (int v = 0; v < g.nv; v++) {
            const BsVendorState *x = &g.v[v];
            assert_true(x->q[BS_Q_IMPRESSION] >= 0);
            for (int q = BS_Q_CREDIBILITY; q <= BS_Q_INTIMACY; q++)
                assert_true(x->q[q] >= 0 && x->q[q] <= 100);
            assert_true(x->q[BS_Q_SELF_ORIENTATION] >= 1 && x->q[BS_Q_SELF_ORIENTATION] <= 5);
            assert_true(x->q[BS_Q_PROOF] >= 0 && x->q[BS_Q_PROOF] <= 100);
            assert_true(x->q[BS_Q_EXPOSURE] >= 0);
            assert_true(x->trust >= 0 && x->trust <= 100);
            assert_true(x->risk >= 0 && x->risk <= 100);
            assert_true(x->fit >= 0 && x->fit <= 1);
            assert_true(x->mindshare >= 0 && x->mindshare <= 1);
            share += x->mindshare;
        }
        assert_true(g.pressure >= 0 && g.pressure <= 100);
        /* the other sources always hold some attention */
        assert_true(share < 1.0);
    }
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_contact_then_silence_loses_half_its_impression_in_2_to_3_weeks),
        cmocka_unit_test(one_contact_then_silence_fades_the_same_in_the_erp_scenario),
        cmocka_unit_test(four_spaced_mentions_are_recalled_3x_better_than_four_massed),
        cmocka_unit_test(spaced_mentions_beat_the_same_number_in_a_row),
        cmocka_unit_test(pushing_to_close_before_the_buyer_is_ready_raises_no_decision),
        cmocka_unit_test(pushing_to_close_early_in_a_close_race_costs_the_pusher),
        cmocka_unit_test(a_gift_above_the_cap_raises_career_risk),
        cmocka_unit_test(a_gift_above_the_cap_names_the_gift_lesson_in_the_erp_scenario),
        cmocka_unit_test(losses_weigh_more_than_gains),
        cmocka_unit_test(intimacy_cannot_exceed_the_familiarity_cap),
        cmocka_unit_test(self_orientation_lowers_trust),
        cmocka_unit_test(a_point_said_once_is_never_accepted),
        cmocka_unit_test(a_pitch_fades_faster_than_a_question),
        cmocka_unit_test(an_extreme_claim_costs_attention),
        cmocka_unit_test(a_premature_push_costs_attention),
        cmocka_unit_test(a_mixed_move_is_judged_by_the_chance),
        cmocka_unit_test(a_move_is_judged_by_its_own_effect),
        cmocka_unit_test(a_case_for_the_boss_raises_the_chance),
        cmocka_unit_test(the_decision_comes_at_the_last_week_at_the_latest),
        cmocka_unit_test(an_invalid_choice_changes_nothing),
        cmocka_unit_test(meters_stay_in_their_ranges_over_random_games),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
