/* The debrief as data: the outcome, the curves, the best and worst moments
 * (by how much each move changed the player's chance to win, against letting
 * that week pass), and the same seed played by the buyer-centric policy. */
#include "bs.h"

#include <string.h>

void bs_meters_read(const BsGame *g, BsWeekMeters *m)
{
    memset(m, 0, sizeof *m);
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(g, pw);
    for (int v = 0; v < g->nv; v++) {
        m->mindshare[v] = (float)g->v[v].mindshare;
        m->trust[v] = (float)g->v[v].trust;
        m->risk[v] = (float)g->v[v].risk;
        m->character[v] = (float)g->v[v].character;
        m->competence[v] = (float)g->v[v].competence;
        m->pwin[v] = (float)pw[v];
    }
    m->mindshare[BS_MAX_VENDORS] = (float)(total > 0 ? g->other / total : 0);
    m->p_no_decision = (float)bs_game_p_no_decision(g);
}

static void insert_sorted(BsMoment *arr, int *n, const BsMoment *m, bool best)
{
    int k = *n < 3 ? (*n)++ : 3;
    /* find position: best descending impact, worst ascending */
    while (k > 0) {
        const BsMoment *p = &arr[k - 1];
        /* best: by how much it helped; worst: mistakes first (the lesson is
         * the point), then by how much it hurt */
        bool before = best ? m->impact > p->impact
                           : ((m->verdict < 0) != (p->verdict < 0) ? m->verdict < 0 : m->impact < p->impact);
        if (!before)
            break;
        if (k < 3)
            arr[k] = arr[k - 1];
        k--;
    }
    if (k < 3)
        arr[k] = *m;
}

/* What a position is worth: the seat's chance to win at the end if everyone
 * seated played buyer-first from here on, averaged over a few futures. The
 * same futures (seeds) are used for the two positions compared. */
#define FUTURES 24
static double future_value(const BsGame *from, int seat, int week, const BsScenario *s)
{
    int me = from->seat[seat].vendor;
    double sum = 0;
    int pol = s->buyer_centric >= 0 ? s->buyer_centric : BS_POLICY_RANDOM;
    for (int k = 0; k < FUTURES; k++) {
        BsGame g = *from;
        g.quiet = true;
        uint64_t seed = bs_hash64(&k, sizeof k, from->seed * 0x9E3779B97F4A7C15ull + (uint64_t)week);
        bs_rng_seed(&g.rng_buyer, seed, 11);
        bs_rng_seed(&g.rng_rivals, seed, 12);
        bs_rng_seed(&g.rng_seats, seed, 13);
        while (!bs_game_over(&g)) {
            int ch[BS_MAX_SEATS];
            for (int se = 0; se < g.nseats; se++)
                ch[se] = bs_policy_pick_choice(&g, se, pol, -1, &g.rng_seats);
            if (!bs_game_step(&g, ch))
                break;
        }
        double pw[BS_MAX_VENDORS];
        bs_game_p_win(&g, pw); /* the chance, not the draw: less noise */
        sum += g.v[me].out ? 0.0 : pw[me];
    }
    return sum / FUTURES;
}

bool bs_debrief_build(const BsSession *ss, const BsScenario *s, int seat, BsDebrief *d, BsErrors *errs)
{
    memset(d, 0, sizeof *d);
    d->seat = seat;
    BsGame g;
    if (!bs_session_replay(ss, s, &g, 0, errs))
        return false;
    if (seat < 0 || seat >= g.nseats) {
        bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "", "no player %d in this session", seat + 1);
        return false;
    }
    int me = g.seat[seat].vendor;
    d->vendor = me;
    bs_meters_read(&g, &d->player.w[0]);
    for (int w = 0; w < ss->nweeks && !bs_game_over(&g); w++) {
        for (int i = 0; i < ss->ninject; i++)
            if (ss->inject[i].week == w + 1)
                bs_game_inject(&g, ss->inject[i].event);
        int ch[BS_MAX_SEATS], alt[BS_MAX_SEATS];
        for (int se = 0; se < ss->nseats; se++)
            alt[se] = ch[se] = ss->moves[w][se];
        alt[seat] = -1;
        int state = g.seat[seat].state;
        BsGame other = g;
        if (!bs_game_step(&g, ch)) {
            bs_errors_add(errs, BS_E_SESSION, 0, 0, "weeks", "the move in week %d is not possible", w + 1);
            return false;
        }
        bs_game_step(&other, alt);
        /* the move against letting that week pass, both followed by the same
         * buyer-first futures: a mistake's cost shows even when it comes due
         * later (a doubt raised, trust lost) */
        double v_real = ch[seat] < 0 ? 0 : future_value(&g, seat, w + 1, s);
        double v_alt = ch[seat] < 0 ? 0 : future_value(&other, seat, w + 1, s);
        bs_meters_read(&g, &d->player.w[w + 1]);
        d->player.nweeks = w + 1;
        const BsMove *mv = &g.last.move[me];
        if (ch[seat] < 0 || mv->action < 0)
            continue;
        BsMoment m = {
            .week = w + 1, .seat = seat, .action = mv->action, .choice = ch[seat], .state = state,
            .lesson = mv->lesson, .verdict = mv->verdict,
            .impact = 100.0 * (v_real - v_alt),
            .thought = bs_game_over(&g) ? -1 : g.now.thought[seat], .outcome = mv->outcome,
        };
        if (m.verdict < 0)
            d->lessons_fired |= 1 << (m.lesson - 1);
        /* best: moves that helped; worst: moves that hurt, mistakes first.
         * A mistake that looked good that week (a gift's reciprocity) is
         * not listed as a best moment, and a good move never as a worst. */
        if (m.impact > 0.05 && m.verdict >= 0)
            insert_sorted(d->best, &d->nbest, &m, true);
        if (m.verdict < 0 || m.impact < -0.05)
            insert_sorted(d->worst, &d->nworst, &m, false);
    }
    d->outcome = g.outcome;
    d->winner = g.winner;
    d->found_out = g.v[me].out;
    d->final_mindshare = g.v[me].mindshare;
    d->final_trust = g.v[me].trust;
    d->final_risk = g.v[me].risk;
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(&g, pw);
    d->p_win_final = pw[me];
    d->score = (int)(100.0 * pw[me] + 0.5);

    /* the same seed, this seat played by the scenario's buyer-centric policy */
    if (s->buyer_centric >= 0) {
        BsGame c;
        BsGameOptions o = {.nseats = ss->nseats, .seed = ss->seed,
                           .rivals = ss->rivals[0] ? ss->rivals : NULL, .quiet = true};
        if (!bs_game_init(&c, s, &o, errs))
            return false;
        bs_meters_read(&c, &d->centric.w[0]);
        for (int w = 0; !bs_game_over(&c) && w < BS_MAX_WEEKS; w++) {
            int ch[BS_MAX_SEATS];
            for (int se = 0; se < c.nseats; se++) {
                if (se == seat) {
                    ch[se] = bs_policy_pick_choice(&c, se, s->buyer_centric, -1, &c.rng_seats);
                } else { /* other players as they played, while their move still exists */
                    int avail[BS_MAX_CHOICES], n = bs_game_choices(&c, se, avail), want = w < ss->nweeks ? ss->moves[w][se] : -1;
                    ch[se] = -1;
                    for (int i = 0; i < n; i++)
                        if (avail[i] == want)
                            ch[se] = want;
                }
            }
            if (!bs_game_step(&c, ch))
                break;
            bs_meters_read(&c, &d->centric.w[w + 1]);
            d->centric.nweeks = w + 1;
        }
        d->has_centric = true;
        d->centric_outcome = c.outcome;
        d->centric_winner = c.winner;
    }
    return true;
}
