/* Policies pick moves: for AI vendors from the whole catalog, for a seat in
 * `sim` from the choices its state offers. First rule whose condition holds
 * and whose action is available, else a weighted draw, else uniform. */
#include "bs.h"
#include "internal/catalog.h"

/* Is this choice's target still worth it? (ask about an unknown need, answer
 * an open objection, repeat a fading message). Ties between choices with the
 * same action go to useful ones, as a sensible player would. */
static bool useful(const BsGame *g, int seat, int ci)
{
    const BsScenario *s = g->scn;
    int v = g->seat[seat].vendor;
    const BsChoice *c = &s->states[g->seat[seat].state].choices[ci];
    const BsVendorState *vs = &g->v[v];
    int kind = s->actions[c->action].kind;
    if (c->action == vs->last_action && kind != BS_A_WAIT && kind != BS_A_ASK)
        return false; /* the same move two weeks running wears thin (new questions do not) */
    switch (kind) {
    case BS_A_ASK:
        return c->need < 0 || !(vs->known >> c->need & 1) || g->need_stage[c->need] != BS_NEED_EXPLICIT;
    case BS_A_ACKNOWLEDGE: case BS_A_ARGUE:
        return c->objection < 0 || vs->obj[c->objection] == BS_OBJ_OPEN || vs->obj[c->objection] == BS_OBJ_HARD;
    case BS_A_EVIDENCE:
        return c->objection < 0 || (vs->obj[c->objection] != BS_OBJ_NONE && vs->obj[c->objection] != BS_OBJ_RESOLVED);
    case BS_A_REPEAT: /* a message worth repeating: said in an earlier week, and fading */
        return c->message < 0 || (vs->mem[c->message].last_week < g->week &&
                                  bs_msg_recall(g, &vs->mem[c->message]) < g->scn->model.accept_recall + 0.2);
    default:
        return true;
    }
}

/* Uniform pick among the choices in `cand` (useful ones first). */
static int pick_among(const BsGame *g, int seat, const int *cand, int n, BsRng *rng)
{
    int good[BS_MAX_CHOICES], ng = 0;
    for (int i = 0; i < n; i++)
        if (useful(g, seat, cand[i]))
            good[ng++] = cand[i];
    if (ng > 0)
        return good[bs_rng_below(rng, ng)];
    return cand[bs_rng_below(rng, n)];
}

int bs_policy_pick_choice(BsGame *g, int seat, int policy, int arg, BsRng *rng)
{
    BsSeatPolicy p = {policy, arg, -1};
    return bs_policy_pick_choice_ex(g, seat, &p, rng, NULL);
}

int bs_policy_pick_choice_ex(BsGame *g, int seat, const BsSeatPolicy *sp, BsRng *rng, bool *as_written)
{
    const BsScenario *s = g->scn;
    int policy = sp->policy, arg = sp->arg;
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, seat, avail);
    const BsState *st = &s->states[g->seat[seat].state];
    if (sp->without >= 0) { /* "the same play without X": X only when nothing else is offered */
        int k = 0;
        for (int i = 0; i < n; i++)
            if (st->choices[avail[i]].action != sp->without)
                avail[k++] = avail[i];
        if (k > 0)
            n = k;
    }
    if (as_written)
        *as_written = true;
    if (n == 0)
        return -1;
    int v = g->seat[seat].vendor;
    int cand[BS_MAX_CHOICES], nc = 0;
    if (policy == BS_POLICY_ALWAYS) {
        for (int i = 0; i < n; i++)
            if (st->choices[avail[i]].action == arg)
                cand[nc++] = avail[i];
        if (nc)
            return pick_among(g, seat, cand, nc, rng);
        if (as_written)
            *as_written = false;
        return avail[bs_rng_below(rng, n)];
    }
    if (policy < 0 || policy >= s->npolicies)
        return avail[bs_rng_below(rng, n)];
    const BsPolicy *p = &s->policies[policy];
    /* a rule applies when its condition holds and a choice offers its action
     * with a target still worth it (an open objection, an unknown need...) */
    for (int r = 0; r < p->nrules; r++) {
        nc = 0;
        for (int i = 0; i < n; i++)
            if (st->choices[avail[i]].action == p->rules[r].action && useful(g, seat, avail[i]))
                cand[nc++] = avail[i];
        if (nc && bs_game_cond(g, p->rules[r].cond, v, seat))
            return cand[bs_rng_below(rng, nc)];
    }
    /* weighted: an action's weight is shared by the choices offering it */
    double w[BS_MAX_CHOICES], total = 0;
    for (int i = 0; i < n; i++) {
        int a = st->choices[avail[i]].action, same = 0;
        for (int k = 0; k < n; k++)
            same += st->choices[avail[k]].action == a;
        double base = p->weight[a] / same;
        w[i] = useful(g, seat, avail[i]) ? base : base * 0.25;
        total += w[i];
    }
    if (total <= 0) {
        if (as_written) /* nothing it names is offered here */
            *as_written = false;
        return avail[bs_rng_below(rng, n)];
    }
    double r = bs_rng_unit(rng) * total;
    for (int i = 0; i < n; i++) {
        if (r < w[i])
            return avail[i];
        r -= w[i];
    }
    return avail[n - 1];
}

int bs_policy_pick_action(BsGame *g, int v, int policy, int arg, BsRng *rng)
{
    const BsScenario *s = g->scn;
    if (policy == BS_POLICY_ALWAYS)
        return arg;
    if (policy < 0 || policy >= s->npolicies)
        return bs_rng_below(rng, s->nactions);
    const BsPolicy *p = &s->policies[policy];
    int seat = g->seat_of[v];
    for (int r = 0; r < p->nrules; r++)
        if (bs_game_cond(g, p->rules[r].cond, v, seat))
            return p->rules[r].action;
    double total = p->total;
    if (total <= 0)
        return bs_rng_below(rng, s->nactions);
    double r = bs_rng_unit(rng) * total;
    for (int a = 0; a < s->nactions; a++) {
        if (r < p->weight[a])
            return a;
        r -= p->weight[a];
    }
    return s->nactions - 1;
}
