/* Batch simulation: N seeded games with a policy in the human seat. */
#define _POSIX_C_SOURCE 200809L
#include "bs.h"

#include <string.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Plays one game with the options' policy for every seat; returns the
 * finished game. */
bool bs_sim_game_ex(const BsScenario *s, const BsSimOptions *so, uint64_t seed, int nseats,
                    BsGame *g, BsErrors *errs)
{
    int pol, arg, dpol = 0, darg = -1;
    if (!bs_policy_resolve(s, so->policy, &pol, &arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown policy \"%s\" (try random, always:ACTION or one of the scenario's)", so->policy);
        return false;
    }
    if (so->deviate_week > 0 && !bs_policy_resolve(s, so->deviate, &dpol, &darg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown policy \"%s\"", so->deviate);
        return false;
    }
    BsGameOptions o = {.nseats = nseats, .seed = seed, .rivals = so->rivals, .quiet = true};
    if (!bs_game_init(g, s, &o, errs))
        return false;
    while (!bs_game_over(g)) {
        int ch[BS_MAX_SEATS];
        bool dev = g->week == so->deviate_week;
        for (int se = 0; se < g->nseats; se++)
            ch[se] = bs_policy_pick_choice(g, se, dev ? dpol : pol, dev ? darg : arg, &g->rng_seats);
        if (!bs_game_step(g, ch)) {
            bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "", "internal: a policy picked an impossible move");
            return false;
        }
    }
    return true;
}

bool bs_sim_game(const BsScenario *s, const char *policy, const char *rivals, uint64_t seed,
                 int nseats, BsGame *g, BsErrors *errs)
{
    BsSimOptions o = {.policy = policy, .rivals = rivals};
    return bs_sim_game_ex(s, &o, seed, nseats, g, errs);
}

bool bs_sim_run(const BsScenario *s, const BsSimOptions *o, BsSimResult *r, BsErrors *errs)
{
    memset(r, 0, sizeof *r);
    int pol, arg;
    if (!bs_policy_resolve(s, o->policy, &pol, &arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown policy \"%s\" (try random, always:ACTION or one of the scenario's)", o->policy);
        return false;
    }
    if (o->rivals && *o->rivals && !bs_policy_resolve(s, o->rivals, &pol, &arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown rivals policy \"%s\"", o->rivals);
        return false;
    }
    double t0 = now_seconds();
    double ms = 0, tr = 0, rk = 0;
    for (int i = 0; i < o->runs; i++) {
        BsGame g;
        if (!bs_sim_game_ex(s, o, o->seed + (uint64_t)i, 1, &g, errs))
            return false;
        int me = g.seat[0].vendor;
        r->runs++;
        if (g.outcome == BS_OUT_DECIDED && g.winner == me)
            r->wins++;
        if (g.outcome == BS_OUT_NO_DECISION)
            r->no_decisions++;
        ms += g.v[me].mindshare;
        tr += g.v[me].trust;
        rk += g.v[me].risk;
        for (int k = 0; k < 3; k++)
            r->lessons[k] += g.lessons_fired >> k & 1;
        for (int st = 0; st < s->nstates; st++)
            r->state_visits[st] += g.seat[0].visits[st] > 0;
    }
    r->seconds = now_seconds() - t0;
    if (r->runs) {
        r->win_rate = (double)r->wins / r->runs;
        r->no_decision_rate = (double)r->no_decisions / r->runs;
        r->mean_mindshare = ms / r->runs;
        r->mean_trust = tr / r->runs;
        r->mean_risk = rk / r->runs;
    }
    r->games_per_second = r->seconds > 0 ? r->runs / r->seconds : 0;
    return true;
}
