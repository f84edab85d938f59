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

bool bs_scenario_offers(const BsScenario *s, int action)
{
    for (int st = 0; st < s->nstates; st++)
        for (int c = 0; c < s->states[st].nchoices; c++)
            if (s->states[st].choices[c].action == action)
                return true;
    return false;
}

/* A policy name for a seat, resolved; an always:ACTION that no state
 * offers is an error (it would silently play random). */
static bool seat_policy(const BsScenario *s, const char *name, const char *without, BsSeatPolicy *p,
                        BsErrors *errs)
{
    p->without = -1;
    if (!bs_policy_resolve(s, name, &p->policy, &p->arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "",
                      "unknown policy \"%s\" (try random, always:ACTION or one of the scenario's)", name);
        return false;
    }
    if (p->policy == BS_POLICY_ALWAYS && !bs_scenario_offers(s, p->arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "",
                      "\"%s\": no state of \"%s\" offers the action \"%s\", so the player could never play it",
                      name, s->id, s->actions[p->arg].id);
        return false;
    }
    if (without && *without) {
        p->without = bs_scenario_action(s, without);
        if (p->without < 0) {
            bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown action \"%s\" for --without", without);
            return false;
        }
    }
    return true;
}

/* Plays one game with the options' policy for every seat; returns the
 * finished game. `fallbacks`/`weeks` (may be NULL) count the seat-weeks in
 * which the policy fell back to a random offered choice. */
static bool sim_game(const BsScenario *s, const BsSimOptions *so, const BsSeatPolicy *sp,
                     const BsSeatPolicy *dev, uint64_t seed, int nseats, BsGame *g, long *weeks,
                     long *fallbacks, BsErrors *errs)
{
    BsGameOptions o = {.nseats = nseats, .seed = seed, .rivals = so->rivals, .quiet = true};
    if (!bs_game_init(g, s, &o, errs))
        return false;
    while (!bs_game_over(g)) {
        int ch[BS_MAX_SEATS];
        const BsSeatPolicy *p = g->week == so->deviate_week ? dev : sp;
        for (int se = 0; se < g->nseats; se++) {
            bool written = true;
            ch[se] = bs_policy_pick_choice_ex(g, se, p, &g->rng_seats, &written);
            if (weeks && ch[se] >= 0) {
                (*weeks)++;
                *fallbacks += !written;
            }
        }
        if (!bs_game_step(g, ch)) {
            bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "", "internal: a policy picked an impossible move");
            return false;
        }
    }
    return true;
}

static bool resolve_options(const BsScenario *s, const BsSimOptions *so, BsSeatPolicy *sp,
                            BsSeatPolicy *dev, BsErrors *errs)
{
    if (!seat_policy(s, so->policy, so->without, sp, errs))
        return false;
    *dev = *sp;
    if (so->deviate_week > 0 && !seat_policy(s, so->deviate, so->without, dev, errs))
        return false;
    int rp, ra;
    if (so->rivals && *so->rivals && !bs_policy_resolve(s, so->rivals, &rp, &ra)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown rivals policy \"%s\"", so->rivals);
        return false;
    }
    return true;
}

bool bs_sim_game_ex(const BsScenario *s, const BsSimOptions *so, uint64_t seed, int nseats,
                    BsGame *g, BsErrors *errs)
{
    BsSeatPolicy sp, dev;
    if (!resolve_options(s, so, &sp, &dev, errs))
        return false;
    return sim_game(s, so, &sp, &dev, seed, nseats, g, NULL, NULL, errs);
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
    BsSeatPolicy sp, dev;
    if (!resolve_options(s, o, &sp, &dev, errs))
        return false;
    double t0 = now_seconds();
    double ms = 0, tr = 0, rk = 0;
    for (int i = 0; i < o->runs; i++) {
        BsGame g;
        if (!sim_game(s, o, &sp, &dev, o->seed + (uint64_t)i, 1, &g, &r->weeks, &r->fallback_weeks, errs))
            return false;
        int me = g.seat[0].vendor;
        r->runs++;
        if (g.outcome == BS_OUT_DECIDED && g.winner == me)
            r->wins++;
        if (g.outcome == BS_OUT_DECIDED && g.winner >= 0)
            r->won_by[g.winner]++;
        if (g.outcome == BS_OUT_NO_DECISION)
            r->no_decisions++;
        ms += g.v[me].mindshare;
        tr += g.v[me].trust;
        rk += g.v[me].risk;
        for (int k = 0; k < 3; k++)
            r->lessons[k] += g.lessons_fired >> k & 1;
        for (int st = 0; st < s->nstates; st++)
            r->state_visits[st] += g.seat[0].visits[st] > 0;
        r->ended_in[g.seat[0].state]++;
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
