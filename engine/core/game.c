/* The buyer model and the week.
 *
 * Order of resolution within a week (fixed; documented in scenarios/README.md):
 *   1. AI vendors pick their moves (policies see the table as the players do).
 *   2. Time passes: impressions decay (adstock), self-orientation relaxes,
 *      contradictions fade, other sources drift back to their level.
 *   3. Accepted gifts may be found out (one draw per vendor holding one).
 *   4. Every vendor's move is applied, in vendor order: raw effects shaped by
 *      the model (familiarity cap, character gate, loss aversion, weekly gain
 *      cap), then the action's own behaviour (needs, messages, objections,
 *      gifts, closing). Human seats then move along their choice's `next`.
 *   5. Contacts add impression (saturating); reliability follows contact
 *      regularity; untouched trust relaxes toward its start.
 *   6. Derived meters are recomputed (mindshare, trust, risk, fit, utility).
 *   7. The buyer decides if this was the last week, a vendor asked to close
 *      while the buyer was ready, or a seat reached an end state.
 *   8. Otherwise the next week begins: events fire (file order), derived
 *      meters are recomputed, seats take auto transitions, thoughts are chosen.
 */
#include "bs.h"
#include "internal/catalog.h"

#include <stdio.h>
#include <string.h>

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

static int popcount32(uint32_t x)
{
    int n = 0;
    while (x) {
        x &= x - 1;
        n++;
    }
    return n;
}

/*============================================================================
 * Messages: forgetting, spacing, belief
 *==========================================================================*/
#define FSRS_F (19.0 / 81.0)

static double recall_at(const BsMemory *m, int week)
{
    if (m->stability <= 0)
        return 0.0;
    double dt = 7.0 * (week - m->last_week);
    /* FSRS-4.5: R = (1 + F t / S)^-0.5 */
    return 1.0 / bs_sqrt(1.0 + FSRS_F * dt / m->stability);
}

double bs_msg_recall(const BsGame *g, const BsMemory *m) { return recall_at(m, g->week); }

/* Encounter weights fade: weight * exp(-dt / fade), tabulated at load. */
static double fade(const BsScenario *s, int dweeks)
{
    return dweeks <= 0 ? 1.0 : s->fade_tab[dweeks > BS_MAX_WEEKS ? BS_MAX_WEEKS : dweeks];
}

double bs_msg_belief(const BsGame *g, const BsMemory *m)
{
    if (m->stability <= 0)
        return 0.0;
    const BsModel *md = &g->scn->model;
    /* log(k_eff x exp(-dt / fade)) = ln_k - dt / fade: no log per call */
    int dt = g->week - m->k_week;
    double lk = m->ln_k - (dt > 0 ? (double)dt / md->belief_fade_weeks : 0.0);
    double b = md->belief_base + (lk > 0.0 ? md->belief_slope * lk : 0.0);
    if (m->extreme && b > md->belief_extreme_cap)
        b = md->belief_extreme_cap;
    return clamp(b, 0.0, 1.0);
}

/* One encounter with a message at `week`. weight: 1 own, more for a third party. */
static void msg_expose(const BsScenario *s, BsMemory *m, int week, double weight, bool extreme)
{
    const BsModel *md = &s->model;
    if (m->stability <= 0) {
        m->stability = md->forget_s0;
        m->this_week = 1;
        m->spaced = 1;
        m->k_eff = weight;
    } else if (m->last_week == week) {
        /* massed: a little, at most twice; a 4th+ repetition wears out */
        if (m->this_week < 3)
            m->stability = (m->stability * md->massed_gain);
        m->this_week++;
        m->k_eff = (m->k_eff * fade(s, week - m->k_week) + 0.1 * weight);
    } else {
        double r = recall_at(m, week);
        m->stability = (m->stability * (1.0 + md->spacing_gain * (1.0 - r)));
        m->this_week = 1;
        if (m->spaced < 255)
            m->spaced++;
        m->k_eff = (m->k_eff * fade(s, week - m->k_week) + weight);
    }
    m->k_week = (int8_t)week;
    m->last_week = (int8_t)week;
    m->ln_k = m->k_eff > 0 ? bs_log(m->k_eff) : 0.0;
    if (extreme)
        m->extreme = true;
}

bool bs_msg_accepted(const BsGame *g, int v, int msg)
{
    const BsModel *md = &g->scn->model;
    const BsMemory *m = &g->v[v].mem[msg];
    if (m->stability <= 0 || m->spaced < 2)
        return false; /* a point said once is never accepted */
    if (g->v[v].trust < md->accept_trust)
        return false;
    if (recall_at(m, g->week) < md->accept_recall)
        return false;
    return bs_msg_belief(g, m) >= md->accept_belief;
}

/*============================================================================
 * Derived meters
 *==========================================================================*/
static double risk_of(const BsGame *g, const BsVendorState *vs)
{
    const BsModel *md = &g->scn->model;
    double pfail = 1.0 - ((1.0 - md->fail_proof) * vs->competence + md->fail_proof * vs->q[BS_Q_PROOF]) / 100.0;
    if (pfail < md->fail_floor)
        pfail = md->fail_floor;
    double x = 100.0 * g->scn->stakes * pfail * (md->risk_base + md->risk_pressure * g->pressure / 100.0) +
               md->risk_exposure * vs->q[BS_Q_EXPOSURE];
    return clamp(x, 0.0, 100.0);
}

/* Fit and the buyer's case for her boss, in one pass over the messages
 * (and a message she accepts becomes hers: `adopted`).
 *
 * Fit: the weight of explicit needs the vendor knows and addressed (by
 * analysis, or by an accepted message that fits them), over all needs.
 *
 * The case for her boss ("brief"): what she can repeat of the vendor's key
 * messages, and believes. The sum over the messages of recall x belief (a
 * message she once accepted counts with recall 1: it is her point now), over
 * the number she needs to make a case (model.brief_messages), at most 1.
 * Recall is taken a week on, when she makes the case upstairs: a point made
 * this morning is not yet a point she can repeat. */
static void messages_of(BsGame *g, int v, double *fit, double *brief)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    BsVendorState *vs = &g->v[v];
    bool trusted = vs->trust >= md->accept_trust;
    uint32_t by_msg = 0;
    double sum = 0;
    for (int m = 0; m < s->nmessages; m++) {
        BsMemory *mem = &vs->mem[m];
        if (mem->stability <= 0)
            continue;
        double b = bs_msg_belief(g, mem);
        /* accepted now: as bs_msg_accepted; once accepted, she has made the
         * point her own and can put it to her boss however much she recalls */
        bool acc = trusted && mem->spaced >= 2 && b >= md->accept_belief && recall_at(mem, g->week) >= md->accept_recall;
        if (acc)
            mem->adopted = true;
        sum += (mem->adopted ? 1.0 : recall_at(mem, g->week + 1)) * b;
        if (acc && s->messages[m].fits)
            by_msg |= s->messages[m].fits;
    }
    *brief = md->brief_messages > 0 ? clamp(sum / md->brief_messages, 0, 1) : 0.0;
    uint32_t met = g->explicit_needs & vs->known & (vs->addressed | by_msg);
    double got = 0;
    for (int n = 0; met; n++, met >>= 1)
        if (met & 1)
            got += s->needs[n].weight;
    *fit = s->need_weight > 0 ? got / s->need_weight : 0.0;
}

static int open_objections(const BsGame *g, int v, double *severity)
{
    int n = 0;
    double sev = 0;
    for (int o = 0; o < g->scn->nobjections; o++) {
        uint8_t st = g->v[v].obj[o];
        if (st == BS_OBJ_OPEN || st == BS_OBJ_HARD || st == BS_OBJ_ACKED) {
            n++;
            double w = g->scn->objections[o].severity;
            sev += st == BS_OBJ_HARD ? g->scn->model.objection_hard * w : st == BS_OBJ_ACKED ? g->scn->model.objection_acked * w : w;
        }
    }
    if (severity)
        *severity = sev;
    return n;
}

static void derive(BsGame *g)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    double total = g->other, maxshare = 0;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    if (total <= 0)
        total = 1;
    for (int v = 0; v < g->nv; v++) {
        BsVendorState *vs = &g->v[v];
        vs->mindshare = vs->q[BS_Q_IMPRESSION] / total;
        if (vs->mindshare > maxshare)
            maxshare = vs->mindshare;
        double C = vs->q[BS_Q_CREDIBILITY], R = vs->q[BS_Q_RELIABILITY], N = vs->q[BS_Q_INTIMACY];
        double S = vs->q[BS_Q_SELF_ORIENTATION];
        vs->trust = clamp((C + R + N) / (3.0 * S), 0, 100);
        vs->character = clamp(0.6 * N + 0.4 * (100.0 - 25.0 * (S - 1.0)), 0, 100);
        vs->competence = clamp(0.6 * C + 0.4 * R, 0, 100);
    }
    for (int v = 0; v < g->nv; v++) {
        BsVendorState *vs = &g->v[v];
        vs->risk = risk_of(g, vs);
        messages_of(g, v, &vs->fit, &vs->brief);
        double sev;
        open_objections(g, v, &sev);
        double sal = maxshare > 0 ? vs->mindshare / maxshare : 0;
        vs->utility = md->u_scale * (md->u_fit * vs->fit + md->u_trust * vs->trust / 100.0 +
                                     md->u_salience * sal + md->u_value * g->value[v] +
                                     md->u_case * vs->brief) +
                      vs->gift_bonus - md->risk_penalty * vs->risk / 100.0 -
                      md->objection_penalty * sev;
    }
}

bool bs_buyer_ready(const BsGame *g, int v)
{
    const BsModel *md = &g->scn->model;
    const BsVendorState *vs = &g->v[v];
    return !vs->out && vs->trust >= md->ready_trust && vs->risk <= md->ready_risk &&
           vs->fit >= md->ready_fit;
}

/*============================================================================
 * The decision: decide at all? then whom?
 *==========================================================================*/
typedef struct {
    int list[BS_MAX_VENDORS], n;
    double p[BS_MAX_VENDORS];   /* P(vendor | decide), by vendor index */
    double p_nd;
    double parts[4];            /* risk, parity, overload, group: unweighted */
} Decision;

static void decision_odds(const BsGame *g, Decision *d)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    memset(d, 0, sizeof *d);
    /* shortlist: top K by mindshare x trust, among vendors still in */
    int order[BS_MAX_VENDORS] = {0}, n = 0;
    for (int v = 0; v < g->nv; v++)
        if (!g->v[v].out)
            order[n++] = v;
    for (int i = 1; i < n; i++) { /* insertion sort, stable by index */
        int x = order[i], k = i;
        double kx = g->v[x].mindshare * g->v[x].trust;
        while (k > 0 && g->v[order[k - 1]].mindshare * g->v[order[k - 1]].trust < kx) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = x;
    }
    int K = (int)md->shortlist;
    if (K > n)
        K = n;
    d->n = K;
    if (K == 0) {
        d->p_nd = 1.0;
        return;
    }
    double umax = -1e9, u1 = -1e9, u2 = -1e9;
    int lead = order[0];
    for (int i = 0; i < K; i++) {
        int v = order[i];
        d->list[i] = v;
        double u = g->v[v].utility;
        if (u > umax)
            umax = u;
        if (u > u1) {
            u2 = u1;
            u1 = u;
            lead = v;
        } else if (u > u2) {
            u2 = u;
        }
    }
    /* indecision: the leader's career risk, less what a case for her boss
     * (key messages she recalls and believes) takes off it */
    double pr = g->v[lead].risk / 100.0 * (1.0 - md->case_relief * g->v[lead].brief);
    double parity = K > 1 ? clamp(1.0 - (u1 - u2) / 2.0, 0, 1) : 0.0;
    if (g->v[lead].pushed_ready) /* asked for the decision at the right time: a recommendation */
        parity = clamp(parity - md->recommend_parity, 0, 1);
    /* overload: the doubts about the vendor the buyer leans to, plus the
     * contradictory claims in the air (JOLT: lack of information) */
    double overload = clamp((open_objections(g, lead, NULL) + g->v[lead].doubt + g->contradictions) / 4.0, 0, 1);
    double gap = s->consensus_gap;
    double ind = md->w_risk * pr + md->w_parity * parity + md->w_overload * overload +
                 md->w_consensus * gap;
    d->p_nd = 1.0 / (1.0 + bs_exp(-(md->nd_b0 + md->nd_b1 * ind)));
    /* whom: a logit whose temperature falls as the buyer becomes sure */
    double temp = md->temperature * (1.0 + md->temperature_slope * (ind - 0.5));
    if (temp < 0.2)
        temp = 0.2;
    /* The shortlist is soft at its edge: a vendor just below the K-th
     * (by mindshare x trust) is still considered now and then, one far
     * below hardly ever; its weight falls as (score / K-th score)^softness.
     * (Buyers change their shortlists: research 8.2.) */
    double z = 0, e[BS_MAX_VENDORS];
    double kth = g->v[order[K - 1]].mindshare * g->v[order[K - 1]].trust;
    for (int i = 0; i < K; i++) {
        e[i] = bs_exp((g->v[d->list[i]].utility - umax) / temp);
        z += e[i];
    }
    double out_w[BS_MAX_VENDORS] = {0};
    for (int i = K; i < n && md->shortlist_softness > 0 && kth > 0; i++) {
        int v = order[i];
        double r = g->v[v].mindshare * g->v[v].trust / kth;
        if (r <= 0)
            continue;
        double c = bs_exp(md->shortlist_softness * bs_log(r < 1 ? r : 1));
        out_w[v] = c * bs_exp((g->v[v].utility - umax) / temp);
        z += out_w[v];
    }
    for (int i = 0; i < K; i++)
        d->p[d->list[i]] = e[i] / z;
    for (int i = K; i < n; i++)
        d->p[order[i]] = out_w[order[i]] / z;
    d->parts[0] = pr;
    d->parts[1] = parity;
    d->parts[2] = overload;
    d->parts[3] = gap;
}

double bs_game_p_no_decision(const BsGame *g)
{
    Decision d;
    decision_odds(g, &d);
    return d.p_nd;
}

double bs_game_indecision(const BsGame *g, double parts[4])
{
    Decision d;
    decision_odds(g, &d);
    if (parts)
        memcpy(parts, d.parts, sizeof d.parts);
    const BsModel *md = &g->scn->model;
    return md->w_risk * d.parts[0] + md->w_parity * d.parts[1] + md->w_overload * d.parts[2] +
           md->w_consensus * d.parts[3];
}

void bs_game_p_win(const BsGame *g, double out[BS_MAX_VENDORS])
{
    Decision d;
    decision_odds(g, &d);
    for (int v = 0; v < BS_MAX_VENDORS; v++)
        out[v] = v < g->nv ? (1.0 - d.p_nd) * d.p[v] : 0.0;
}

/*============================================================================
 * Why she decided as she did
 *==========================================================================*/
static void add_why(BsWhy *out, int *n, int cap, int kind, int vendor, int other, double a, double b,
                    double weight)
{
    if (weight <= 0)
        return;
    BsWhy w = {(uint8_t)kind, vendor, other, a, b, weight};
    int k = *n < cap ? (*n)++ : cap;
    while (k > 0 && out[k - 1].weight < weight) { /* heaviest first */
        if (k < cap)
            out[k] = out[k - 1];
        k--;
    }
    if (k < cap)
        out[k] = w;
}

/* Where vendor `a` is ahead of vendor `b` in her utility, part by part. */
static void utility_gaps(const BsGame *g, int a, int b, BsWhy *out, int *n, int cap)
{
    const BsModel *md = &g->scn->model;
    const BsVendorState *va = &g->v[a], *vb = &g->v[b];
    double maxshare = 0, sa, sb;
    for (int v = 0; v < g->nv; v++)
        if (g->v[v].mindshare > maxshare)
            maxshare = g->v[v].mindshare;
    open_objections(g, a, &sa);
    open_objections(g, b, &sb);
    double K = md->u_scale, floor = 0.15; /* below this many utility points it hardly mattered */
    double parts[] = {
        K * md->u_trust * (va->trust - vb->trust) / 100.0,
        K * md->u_fit * (va->fit - vb->fit),
        maxshare > 0 ? K * md->u_salience * (va->mindshare - vb->mindshare) / maxshare : 0,
        md->risk_penalty * (vb->risk - va->risk) / 100.0,
        K * md->u_value * (g->value[a] - g->value[b]),
        md->objection_penalty * (sb - sa),
        K * md->u_case * (va->brief - vb->brief),
    };
    static const int kinds[] = {BS_WHY_TRUST, BS_WHY_FIT, BS_WHY_MINDSHARE, BS_WHY_CAREER, BS_WHY_VALUE,
                                BS_WHY_OBJECTIONS, BS_WHY_CASE};
    double av[] = {va->trust, va->fit, va->mindshare, va->risk, g->value[a], sa, va->brief};
    double bv[] = {vb->trust, vb->fit, vb->mindshare, vb->risk, g->value[b], sb, vb->brief};
    for (int i = 0; i < 7; i++)
        if (parts[i] >= floor)
            add_why(out, n, cap, kinds[i], a, b, av[i], bv[i], parts[i]);
}

int bs_decision_reasons(const BsGame *g, int me, BsWhy *out, int cap)
{
    int n = 0;
    if (cap <= 0)
        return 0;
    if (g->v[me].out) {
        add_why(out, &n, cap, BS_WHY_FOUND_OUT, me, -1, 0, 0, 1e9);
        return n;
    }
    Decision d;
    decision_odds(g, &d);
    const BsModel *md = &g->scn->model;
    /* the leader and the runner-up by her preference among the shortlist */
    int lead = -1, second = -1;
    for (int i = 0; i < d.n; i++) {
        int v = d.list[i];
        if (lead < 0 || g->v[v].utility > g->v[lead].utility) {
            second = lead;
            lead = v;
        } else if (second < 0 || g->v[v].utility > g->v[second].utility) {
            second = v;
        }
    }
    if (g->outcome == BS_OUT_NO_DECISION || g->outcome == BS_OUT_PLAYING) {
        if (lead < 0)
            return 0;
        add_why(out, &n, cap, BS_WHY_RISK, lead, -1, g->v[lead].risk, 0, md->w_risk * d.parts[0]);
        if (second >= 0)
            add_why(out, &n, cap, BS_WHY_PARITY, lead, second, d.p[lead], d.p[second], md->w_parity * d.parts[1]);
        double doubts = open_objections(g, lead, NULL) + g->v[lead].doubt + g->contradictions;
        add_why(out, &n, cap, BS_WHY_OVERLOAD, lead, -1, doubts, 0, md->w_overload * d.parts[2]);
        add_why(out, &n, cap, BS_WHY_GROUP, -1, -1, g->scn->group, 0, md->w_consensus * d.parts[3]);
        return n;
    }
    int w = g->winner;
    if (w < 0)
        return 0;
    int other = me;
    if (w == me) { /* what won it: against the one she liked next */
        other = -1;
        for (int i = 0; i < d.n; i++)
            if (d.list[i] != me && (other < 0 || g->v[d.list[i]].utility > g->v[other].utility))
                other = d.list[i];
        if (other < 0)
            return 0;
    } else {
        bool listed = false;
        for (int i = 0; i < d.n; i++)
            listed |= d.list[i] == me;
        if (!listed) {
            int rank = 1;
            double mine = g->v[me].mindshare * g->v[me].trust;
            for (int v = 0; v < g->nv; v++)
                rank += !g->v[v].out && g->v[v].mindshare * g->v[v].trust > mine;
            add_why(out, &n, cap, BS_WHY_SHORTLIST, w, me, rank, 0, 1e6);
        }
    }
    utility_gaps(g, w, other, out, &n, cap);
    return n;
}

static void decide(BsGame *g)
{
    Decision d;
    decision_odds(g, &d);
    g->p_no_decision = d.p_nd;
    g->decided_week = g->week;
    if (bs_rng_unit(&g->rng_buyer) < d.p_nd || d.n == 0) {
        g->outcome = BS_OUT_NO_DECISION;
        g->winner = -1;
        return;
    }
    /* the shortlist first, then the vendors weighed softly below it */
    double r = bs_rng_unit(&g->rng_buyer), acc = 0;
    g->winner = d.list[d.n - 1];
    bool done = false;
    for (int i = 0; i < d.n && !done; i++) {
        acc += d.p[d.list[i]];
        if (r < acc) {
            g->winner = d.list[i];
            done = true;
        }
    }
    for (int v = 0; v < g->nv && !done; v++) {
        bool listed = false;
        for (int i = 0; i < d.n; i++)
            listed |= d.list[i] == v;
        if (listed || d.p[v] <= 0)
            continue;
        acc += d.p[v];
        if (r < acc) {
            g->winner = v;
            done = true;
        }
    }
    g->outcome = BS_OUT_DECIDED;
}

/*============================================================================
 * Values for conditions
 *==========================================================================*/
double bs_game_value(const BsGame *g, int v, BsQuantity q)
{
    const BsVendorState *vs = &g->v[v];
    switch (q) {
    case BS_Q_IMPRESSION: case BS_Q_CREDIBILITY: case BS_Q_RELIABILITY:
    case BS_Q_INTIMACY: case BS_Q_SELF_ORIENTATION: case BS_Q_PROOF: case BS_Q_EXPOSURE:
        return vs->q[q];
    case BS_Q_PRESSURE: return g->pressure;
    case BS_Q_TRUST: return vs->trust;
    case BS_Q_CHARACTER: return vs->character;
    case BS_Q_COMPETENCE: return vs->competence;
    case BS_Q_MINDSHARE: return vs->mindshare;
    case BS_Q_RISK: return vs->risk;
    case BS_Q_FIT: return vs->fit;
    case BS_Q_WEEK: return g->week;
    case BS_Q_WEEKS_LEFT: return g->scn->weeks - g->week;
    case BS_Q_UNKNOWN_NEEDS: return g->scn->nneeds - popcount32(vs->known);
    case BS_Q_KNOWN_NEEDS: return popcount32(vs->known);
    case BS_Q_OBJECTIONS: return open_objections(g, v, NULL);
    case BS_Q_ACCEPTED_MESSAGES: {
        int n = 0;
        for (int m = 0; m < g->scn->nmessages; m++)
            n += bs_msg_accepted(g, v, m);
        return n;
    }
    case BS_Q_STAKES: return g->scn->stakes;
    case BS_Q_RANK: {
        int r = 1;
        for (int u = 0; u < g->nv; u++)
            r += g->v[u].mindshare > vs->mindshare;
        return r;
    }
    case BS_Q_READY: return bs_buyer_ready(g, v);
    case BS_Q_FADING_MESSAGES: { /* said, and slipping below what she can repeat */
        int n = 0;
        for (int m = 0; m < g->scn->nmessages; m++)
            n += vs->mem[m].stability > 0 && recall_at(&vs->mem[m], g->week) < g->scn->model.accept_recall;
        return n;
    }
    case BS_Q_COUNT: break;
    }
    return 0;
}

static bool cmp(double a, int op, double b)
{
    switch (op) {
    case BS_CMP_LT: return a < b;
    case BS_CMP_LTE: return a <= b;
    case BS_CMP_GT: return a > b;
    case BS_CMP_GTE: return a >= b;
    default: return a == b;
    }
}

bool bs_game_cond(const BsGame *g, uint16_t ci, int v, int seat)
{
    const BsScenario *s = g->scn;
    const BsCond *c = &s->conds[ci];
    switch (c->kind) {
    case BS_C_TRUE: return true;
    case BS_C_ALL:
        for (int i = 0; i < c->count; i++)
            if (!bs_game_cond(g, s->cond_kids[c->first + i], v, seat))
                return false;
        return true;
    case BS_C_ANY:
        for (int i = 0; i < c->count; i++)
            if (bs_game_cond(g, s->cond_kids[c->first + i], v, seat))
                return true;
        return false;
    case BS_C_NOT: return !bs_game_cond(g, s->cond_kids[c->first], v, seat);
    case BS_C_CMP: return cmp(bs_game_value(g, v, (BsQuantity)c->q), c->cmp, c->value);
    case BS_C_FLAG: return g->flags >> c->arg & 1;
    case BS_C_KNOWN_NEED: return g->v[v].known >> c->arg & 1;
    case BS_C_EXPLICIT_NEED: return g->need_stage[c->arg] == BS_NEED_EXPLICIT;
    case BS_C_ACCEPTED: return bs_msg_accepted(g, v, c->arg);
    case BS_C_OBJECTION: {
        uint8_t st = g->v[v].obj[c->arg];
        return st == BS_OBJ_OPEN || st == BS_OBJ_HARD || st == BS_OBJ_ACKED;
    }
    case BS_C_VISITS:
        return seat >= 0 && cmp(g->seat[seat].visits[c->arg], c->cmp, c->value);
    case BS_C_LAST_ACTION: return g->v[v].last_action == c->arg;
    case BS_C_STATE: return seat >= 0 && g->seat[seat].state == c->arg;
    }
    return false;
}

/*============================================================================
 * Applying effects
 *==========================================================================*/
typedef struct {
    double contact[BS_MAX_VENDORS];          /* impression added this week (raw) */
    double fleet[BS_MAX_VENDORS];            /* ... of which fades fast (a cookie) */
    double gain[BS_MAX_VENDORS][3];          /* trust gains this week: C, R, N */
    bool touched[BS_MAX_VENDORS];
} Week;

/* Impression is one stock (q[IMPRESSION]) of which `fleeting` is the part
 * that fades fast. Lowering it takes from both in proportion. */
static void impression_scale(BsVendorState *vs, double f)
{
    vs->q[BS_Q_IMPRESSION] *= f;
    vs->fleeting *= f;
}

static void impression_add(BsVendorState *vs, double amount)
{
    double before = vs->q[BS_Q_IMPRESSION];
    vs->q[BS_Q_IMPRESSION] = clamp(before + amount, 0, 1000);
    if (amount < 0 && before > 0)
        vs->fleeting *= vs->q[BS_Q_IMPRESSION] / before;
}


/* A seller's effect on a vendor, shaped by the model. */
static void shaped(BsGame *g, Week *wk, int v, int q, double amount)
{
    const BsModel *md = &g->scn->model;
    BsVendorState *vs = &g->v[v];
    switch (q) {
    case BS_Q_IMPRESSION:
        if (amount > 0)
            wk->contact[v] += amount;
        else
            impression_add(vs, amount);
        return;
    case BS_Q_CREDIBILITY: case BS_Q_RELIABILITY: case BS_Q_INTIMACY: {
        int k = q - BS_Q_CREDIBILITY;
        if (amount > 0) {
            if (q == BS_Q_CREDIBILITY) /* character gates competence */
                amount *= md->character_gate + (1.0 - md->character_gate) * vs->character / 100.0;
            double room = md->trust_gain_cap - wk->gain[v][k];
            if (amount > room)
                amount = room > 0 ? room : 0;
            wk->gain[v][k] += amount;
            double top = 100.0;
            if (q == BS_Q_INTIMACY) { /* familiarity first */
                top = vs->intimacy_cap;
                if (vs->q[q] >= top)
                    return;
            }
            vs->q[q] = clamp(vs->q[q] + amount, 0, top);
        } else {
            vs->q[q] = clamp(vs->q[q] + amount * md->loss_aversion, 0, 100);
        }
        return;
    }
    case BS_Q_SELF_ORIENTATION: vs->q[q] = clamp(vs->q[q] + amount, 1, 5); return;
    case BS_Q_PROOF: /* more of the same evidence convinces less */
        if (amount > 0)
            amount *= clamp((100.0 - vs->q[q]) / md->proof_room, 0, 1);
        vs->q[q] = clamp(vs->q[q] + amount, 0, 100);
        return;
    case BS_Q_EXPOSURE: vs->q[q] = clamp(vs->q[q] + amount, 0, 100); return;
    case BS_Q_PRESSURE: g->pressure = clamp(g->pressure + amount, 0, 100); return;
    default: return;
    }
}

/* An event's effect: applied as written, only clamped. */
static void raw_effect(BsGame *g, int v, int q, double amount)
{
    if (q == BS_Q_PRESSURE) {
        g->pressure = clamp(g->pressure + amount, 0, 100);
        return;
    }
    BsVendorState *vs = &g->v[v];
    if (q == BS_Q_IMPRESSION) {
        impression_add(vs, amount);
        return;
    }
    double lo = q == BS_Q_SELF_ORIENTATION ? 1 : 0;
    double hi = q == BS_Q_SELF_ORIENTATION ? 5 : q == BS_Q_IMPRESSION ? 1000 : 100;
    vs->q[q] = clamp(vs->q[q] + amount, lo, hi);
}

/* Applies effects. `scale` shrinks gains, never losses (blind analysis, the
 * same move again); `att` says how the impression gained lasts, and
 * `att_mult` how much attention the contact earns (insight earns more). */
static void apply_effects(BsGame *g, Week *wk, int v, BsRange r, double scale, int att, double att_mult)
{
    for (int i = 0; i < r.count; i++) {
        const BsEffect *e = &g->scn->effects[r.first + i];
        double a = e->amount;
        if (a > 0 && e->q != BS_Q_SELF_ORIENTATION && e->q != BS_Q_PRESSURE && e->q != BS_Q_IMPRESSION)
            a *= scale;
        if (!wk) {
            raw_effect(g, v, e->q, a);
            continue;
        }
        if (e->q == BS_Q_IMPRESSION && a > 0) {
            if (att == BS_ATT_DISCOUNT)
                continue; /* the buyer hears it, and files it under "sales talk" */
            a *= att_mult; /* how much attention the contact earns, all said */
            if (att == BS_ATT_FLEETING)
                wk->fleet[v] += a;
        }
        shaped(g, wk, v, e->q, a);
    }
}

static void apply_range(BsGame *g, Week *wk, int v, BsRange r, double scale)
{
    apply_effects(g, wk, v, r, scale, BS_ATT_LASTING, 1.0);
}

/*============================================================================
 * Moves
 *==========================================================================*/
static int first_unknown_need(const BsGame *g, int v)
{
    for (int n = 0; n < g->scn->nneeds; n++)
        if (!(g->v[v].known >> n & 1))
            return n;
    for (int n = 0; n < g->scn->nneeds; n++)
        if (g->need_stage[n] != BS_NEED_EXPLICIT)
            return n;
    return -1;
}

static int weakest_message(const BsGame *g, int v)
{
    int best = -1;
    double br = 2;
    for (int m = 0; m < g->scn->nmessages; m++) {
        double r = recall_at(&g->v[v].mem[m], g->week);
        if (r < br) {
            br = r;
            best = m;
        }
    }
    return best;
}

static int target_objection(const BsGame *g, int v, int pref, bool acked_first)
{
    if (pref >= 0) {
        uint8_t st = g->v[v].obj[pref];
        return (st == BS_OBJ_OPEN || st == BS_OBJ_HARD || st == BS_OBJ_ACKED) ? pref : -1;
    }
    if (acked_first)
        for (int o = 0; o < g->scn->nobjections; o++)
            if (g->v[v].obj[o] == BS_OBJ_ACKED)
                return o;
    for (int o = 0; o < g->scn->nobjections; o++)
        if (g->v[v].obj[o] == BS_OBJ_OPEN || g->v[v].obj[o] == BS_OBJ_HARD)
            return o;
    return -1;
}

static void raise_objection(BsGame *g, int v, int o)
{
    uint8_t *st = &g->v[v].obj[o];
    if (*st == BS_OBJ_NONE || *st == BS_OBJ_RESOLVED)
        *st = BS_OBJ_OPEN;
}

typedef struct {
    int action, need, message, objection;
    double value;
    BsRange extra;
    bool chosen;      /* a seat picked it (not a forced wait) */
} Move;

/* Was this move the buyer-centric thing (+1), a mistake (-1), or neither?
 * One rule for the debrief, the lesson counts of `sim` and the screen. */
static int8_t verdict(const BsGame *g, int v, int kind, const BsMove *rep, bool explicit_known,
                      const Move *mv)
{
    const BsVendorState *vs = &g->v[v];
    switch (kind) {
    case BS_A_PITCH: return explicit_known ? 0 : -1;
    case BS_A_ASK: return rep->outcome == BS_MO_NEED_REVEALED || rep->outcome == BS_MO_NEED_EXPLICIT ? 1 : 0;
    case BS_A_ANALYZE: return vs->known ? 1 : 0;
    case BS_A_REPEAT: {
        int m = rep->target;
        return m >= 0 && vs->mem[m].spaced >= 2 && vs->mem[m].this_week == 1 ? 1 : 0;
    }
    case BS_A_EXTREME: case BS_A_ARGUE: return -1;
    case BS_A_ACKNOWLEDGE: return rep->outcome == BS_MO_OBJ_ACKED ? 1 : 0;
    case BS_A_EVIDENCE: return rep->outcome == BS_MO_OBJ_RESOLVED ? 1 : 0;
    case BS_A_REFERENCE: case BS_A_PILOT: case BS_A_INTERNAL_CASE: return 1;
    case BS_A_EXPERT_VISIT: return vs->trust < 40 ? -1 : 1;
    case BS_A_GIFT: return rep->outcome == BS_MO_GIFT_OK ? 0 : -1;
    case BS_A_PUSH_CLOSE: return rep->outcome == BS_MO_READY ? 1 : -1;
    case BS_A_WAIT: return mv->chosen ? -1 : 0;
    default: return 0;
    }
}

/* Does an ask teach the vendor something (a need unknown to it, or one
 * the buyer has not yet said she wants)? */
static bool ask_surfaces(const BsGame *g, int v, int need)
{
    int n = need >= 0 ? need : first_unknown_need(g, v);
    return n >= 0 && (!(g->v[v].known >> n & 1) || g->need_stage[n] != BS_NEED_EXPLICIT);
}

/* What a move's handler works with: the vendor making the move and what it
 * chose, the week's running totals and the report it fills. */
typedef struct {
    BsGame *g;
    Week *wk;
    int v;
    BsVendorState *vs;
    const Move *mv;
    const BsAction *a;
    BsMove *rep;
    BsRng *rng;
    bool explicit_known;      /* the vendor knows a need the buyer has said she wants */
    double contact0, fleet0;  /* the week's attention for the vendor before this move */
} MoveCtx;

/* The same move as last week: the same action (a question about another
 * need, or another key message restated, is not the same move; another
 * analysis, another study or another dinner is). Counts the streak. */
static void count_streak(BsVendorState *vs, const BsAction *a, const Move *mv, BsMove *rep)
{
    int key = a->kind == BS_A_ASK && mv->need >= 0 ? mv->need
            : a->kind == BS_A_REPEAT && mv->message >= 0 ? 100 + mv->message : -1;
    if (vs->last_action == mv->action && vs->last_target == key) {
        if (vs->streak < 255)
            vs->streak++;
    } else {
        vs->streak = 0;
    }
    vs->last_action = (int16_t)mv->action;
    vs->last_target = (int16_t)key;
    rep->streak = vs->streak;
}

/* A meeting: the buyer knows the vendor a little better, and the ceiling on
 * intimacy rises with familiarity. */
static void make_contact(const BsScenario *s, Week *wk, int v, BsVendorState *vs)
{
    wk->touched[v] = true;
    vs->familiarity += 1.0;
    vs->unfamiliar *= s->familiarity_step;
    vs->intimacy_cap = 100.0 * (1.0 - vs->unfamiliar);
}

/* scale: the share of the move's gains in trust and proof that land;
 * att_mult: the attention the contact earns (impression). */
static void move_weights(const BsGame *g, int v, int kind, const Move *mv, double *scale_out, double *att_out)
{
    const BsModel *md = &g->scn->model;
    const BsVendorState *vs = &g->v[v];
    double scale = 1.0, att_mult = 1.0;
    if (kind == BS_A_ANALYZE && vs->known == 0)
        scale = md->analyze_blind; /* a comparison against nothing she said: a meeting, little more */
    if (kind == BS_A_ANALYZE && vs->known != 0)
        att_mult = md->insight_salience; /* she thinks about the comparison between meetings */
    if (kind == BS_A_ASK) {
        if (ask_surfaces(g, v, mv->need))
            att_mult = md->insight_salience; /* a question about her problem stays with her */
        else
            att_mult = scale = md->ask_known_scale; /* nothing new: the buyer is being interviewed */
    }
    if (kind == BS_A_EXPERT_VISIT) { /* the buyer suspects an agenda while trust is low */
        scale = clamp(vs->trust / md->expert_trust, md->expert_floor, 1.0);
        att_mult = scale;
    }
    for (int k = 0; k < vs->streak && k < 8; k++) { /* the same move again: the buyer tunes out */
        scale *= md->same_move_fade;
        att_mult *= md->same_move_fade;
    }
    *scale_out = scale;
    *att_out = att_mult;
}

/* The handlers of the built-in actions' own behaviour, one per kind. Each
 * returns whether the move said its key message (or has none to say), so
 * that do_move does not say it a second time. */
static bool move_pitch(MoveCtx *c)
{
    BsGame *g = c->g;
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    BsVendorState *vs = c->vs;
    if (!c->explicit_known) {
        shaped(g, c->wk, c->v, BS_Q_SELF_ORIENTATION, md->pitch_self);
        if (s->nobjections > 0 && bs_rng_unit(c->rng) < md->pitch_objection) {
            int o = bs_rng_below(c->rng, s->nobjections);
            if (vs->obj[o] == BS_OBJ_NONE || vs->obj[o] == BS_OBJ_RESOLVED) {
                raise_objection(g, c->v, o);
                c->rep->outcome = BS_MO_OBJ_RAISED;
                c->rep->target = (int16_t)o;
            }
        }
    }
    if (c->mv->message >= 0)
        msg_expose(s, &vs->mem[c->mv->message], g->week, 1.0, false);
    return true;
}

static bool move_ask(MoveCtx *c)
{
    BsGame *g = c->g;
    BsVendorState *vs = c->vs;
    int n = c->mv->need >= 0 ? c->mv->need : first_unknown_need(g, c->v);
    if (n >= 0) {
        c->rep->target = (int16_t)n;
        if (!(vs->known >> n & 1)) {
            vs->known |= 1u << n;
            if (g->need_stage[n] < BS_NEED_IMPLIED)
                g->need_stage[n] = BS_NEED_IMPLIED;
            c->rep->outcome = BS_MO_NEED_REVEALED;
        } else if (g->need_stage[n] != BS_NEED_EXPLICIT) {
            g->need_stage[n] = BS_NEED_EXPLICIT;
            g->explicit_needs |= 1u << n;
            c->rep->outcome = BS_MO_NEED_EXPLICIT;
        }
    }
    return false;
}

static bool move_analyze(MoveCtx *c)
{
    BsGame *g = c->g;
    const BsModel *md = &g->scn->model;
    BsVendorState *vs = c->vs;
    if (!vs->known)
        return false;
    uint32_t news = vs->known & ~vs->addressed; /* needs this analysis speaks to first */
    for (int n = 0; n < g->scn->nneeds; n++) {
        if (!(vs->known >> n & 1))
            continue;
        if (g->need_stage[n] >= BS_NEED_IMPLIED && g->need_stage[n] != BS_NEED_EXPLICIT) {
            g->need_stage[n] = BS_NEED_EXPLICIT;
            g->explicit_needs |= 1u << n;
            news |= 1u << n;
        }
        vs->addressed |= 1u << n;
    }
    if (news) /* the same analysis again brings nothing new to say so */
        c->rep->outcome = BS_MO_ADDRESSED;
    g->contradictions = g->contradictions > md->analyze_clarity ? g->contradictions - md->analyze_clarity : 0;
    return false;
}

/* A key message said again (repeat) or by a third party (reference): the
 * buyer may accept it, which counts as proof. (inline: called from two
 * handlers, it would otherwise stay a call on the simulation's hot path,
 * 1% more instructions per game.) */
static inline void restate(MoveCtx *c, double belief, bool target_always)
{
    BsGame *g = c->g;
    const BsModel *md = &g->scn->model;
    BsVendorState *vs = c->vs;
    int m = c->mv->message >= 0 ? c->mv->message : weakest_message(g, c->v);
    if (m < 0)
        return;
    msg_expose(g->scn, &vs->mem[m], g->week, belief, false);
    if (target_always)
        c->rep->target = (int16_t)m;
    if (!vs->mem[m].announced && bs_msg_accepted(g, c->v, m)) {
        vs->mem[m].announced = true;
        c->rep->outcome = BS_MO_ACCEPTED;
        c->rep->target = (int16_t)m;
        shaped(g, c->wk, c->v, BS_Q_PROOF, md->accepted_proof);
    }
}

static bool move_repeat(MoveCtx *c)
{
    restate(c, 1.0, true);
    return true;
}

static bool move_reference(MoveCtx *c)
{
    restate(c, c->g->scn->model.belief_third_party, false);
    return true;
}

static bool move_extreme(MoveCtx *c)
{
    BsGame *g = c->g;
    g->contradictions += g->scn->model.extreme_confusion;
    if (c->mv->message >= 0) {
        msg_expose(g->scn, &c->vs->mem[c->mv->message], g->week, 1.0, true);
        c->rep->target = (int16_t)c->mv->message;
    }
    return true;
}

static bool move_argue(MoveCtx *c)
{
    int o = target_objection(c->g, c->v, c->mv->objection, false);
    if (o >= 0) {
        c->rep->target = (int16_t)o;
        if (bs_rng_unit(c->rng) < c->g->scn->model.argue_resolve) {
            c->vs->obj[o] = BS_OBJ_RESOLVED;
            c->rep->outcome = BS_MO_OBJ_RESOLVED;
        } else {
            c->vs->obj[o] = BS_OBJ_HARD;
            c->rep->outcome = BS_MO_OBJ_HARDENED;
        }
    }
    return false;
}

static bool move_acknowledge(MoveCtx *c)
{
    BsGame *g = c->g;
    BsVendorState *vs = c->vs;
    int o = target_objection(g, c->v, c->mv->objection, false);
    if (o >= 0) {
        c->rep->target = (int16_t)o;
        vs->obj[o] = BS_OBJ_ACKED;
        c->rep->outcome = BS_MO_OBJ_ACKED;
        int n = g->scn->objections[o].need;
        if (n >= 0 && !(vs->known >> n & 1)) {
            vs->known |= 1u << n;
            if (g->need_stage[n] < BS_NEED_IMPLIED)
                g->need_stage[n] = BS_NEED_IMPLIED;
        }
    }
    return false;
}

static bool move_evidence(MoveCtx *c)
{
    BsGame *g = c->g;
    const BsModel *md = &g->scn->model;
    BsVendorState *vs = c->vs;
    int o = target_objection(g, c->v, c->mv->objection, true);
    if (o >= 0) {
        c->rep->target = (int16_t)o;
        uint8_t st = vs->obj[o];
        double p = (md->evidence_base + md->evidence_trust * vs->competence / 100.0) *
                   (st == BS_OBJ_ACKED ? 1.0 : st == BS_OBJ_OPEN ? md->evidence_open : md->evidence_hard);
        if (bs_rng_unit(c->rng) < p) {
            vs->obj[o] = BS_OBJ_RESOLVED;
            c->rep->outcome = BS_MO_OBJ_RESOLVED;
        }
    }
    if (c->mv->message >= 0)
        msg_expose(g->scn, &vs->mem[c->mv->message], g->week, md->belief_third_party, false);
    return true;
}

static bool move_gift(MoveCtx *c)
{
    BsGame *g = c->g;
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    BsVendorState *vs = c->vs;
    Week *wk = c->wk;
    int v = c->v;
    double value = c->mv->value >= 0 ? c->mv->value : c->a->value;
    double cap = s->gift_cap;
    if (value <= cap) {
        shaped(g, wk, v, BS_Q_INTIMACY, md->gift_ok_intimacy);
        vs->gift_bonus += md->reciprocity * md->u_scale;
        c->rep->outcome = BS_MO_GIFT_OK;
    } else if (bs_rng_unit(c->rng) < s->integrity) {
        /* refused, and still on record: she must report the offer or
         * hide it, and either way it is now about her */
        shaped(g, wk, v, BS_Q_INTIMACY, -md->gift_refuse_intimacy);
        shaped(g, wk, v, BS_Q_SELF_ORIENTATION, md->gift_refuse_self);
        vs->q[BS_Q_EXPOSURE] = clamp(vs->q[BS_Q_EXPOSURE] + md->gift_offer_exposure, 0, 100);
        vs->gift_offered += value;
        c->rep->outcome = BS_MO_GIFT_REFUSED;
    } else {
        /* exposure grows with the log of how far above the cap: twice
         * the cap is gift_exposure, a bribe fifty times over is ruin */
        double ratio = cap > 0 ? value / cap : 50.0;
        vs->q[BS_Q_EXPOSURE] = clamp(vs->q[BS_Q_EXPOSURE] + md->gift_exposure * bs_log(1.0 + ratio) / bs_log(3.0), 0, 100);
        shaped(g, wk, v, BS_Q_SELF_ORIENTATION, md->gift_refuse_self * 0.5);
        vs->gift_over += value;
        vs->gift_offered += value;
        vs->gift_bonus += 2.0 * md->reciprocity * md->u_scale;
        c->rep->outcome = BS_MO_GIFT_TAKEN;
    }
    return false;
}

static bool move_push_close(MoveCtx *c)
{
    BsGame *g = c->g;
    const BsModel *md = &g->scn->model;
    BsVendorState *vs = c->vs;
    Week *wk = c->wk;
    int v = c->v;
    if (bs_buyer_ready(g, v)) {
        vs->pushed_ready = true;
        c->rep->outcome = BS_MO_READY;
        return false;
    }
    shaped(g, wk, v, BS_Q_SELF_ORIENTATION, md->close_self);
    shaped(g, wk, v, BS_Q_PRESSURE, md->close_pressure);
    shaped(g, wk, v, BS_Q_INTIMACY, -md->close_intimacy);
    vs->doubt += md->close_doubt; /* "why the rush? what am I missing?" */
    /* and she files the meeting under pressure, not help: a push
     * before she is ready earns no attention */
    wk->contact[v] = c->contact0;
    wk->fleet[v] = c->fleet0;
    c->rep->outcome = BS_MO_NOT_READY;
    return false;
}

static bool move_wait(MoveCtx *c)
{
    c->rep->outcome = BS_MO_NOTHING;
    return true; /* no contact, nothing said */
}

/* The action's own behaviour, by kind; pilot, internal case, expert visit
 * and the scenario's own actions have none beyond their effects. */
static bool move_behaviour(MoveCtx *c, int kind)
{
    switch (kind) {
    case BS_A_PITCH: return move_pitch(c);
    case BS_A_ASK: return move_ask(c);
    case BS_A_ANALYZE: return move_analyze(c);
    case BS_A_REPEAT: return move_repeat(c);
    case BS_A_EXTREME: return move_extreme(c);
    case BS_A_ARGUE: return move_argue(c);
    case BS_A_ACKNOWLEDGE: return move_acknowledge(c);
    case BS_A_EVIDENCE: return move_evidence(c);
    case BS_A_REFERENCE: return move_reference(c);
    case BS_A_GIFT: return move_gift(c);
    case BS_A_PUSH_CLOSE: return move_push_close(c);
    case BS_A_WAIT: return move_wait(c);
    default: return false;
    }
}

/* One vendor's move of the week: the streak, the contact, the action's
 * effects (weighted), its own behaviour, and the verdict on it. */
static void do_move(BsGame *g, Week *wk, int v, const Move *mv, BsMove *rep, BsRng *rng)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    const BsAction *a = &s->actions[mv->action];
    BsVendorState *vs = &g->v[v];
    rep->action = (int16_t)mv->action;
    rep->target = -1;
    rep->outcome = BS_MO_PLAIN;
    count_streak(vs, a, mv, rep);
    if (vs->out) { /* found out with a gift: no longer in the deal, makes no move */
        rep->action = -1;
        rep->outcome = BS_MO_NOTHING;
        return;
    }
    if (a->contact)
        make_contact(s, wk, v, vs);
    int kind = a->kind;
    bool explicit_known = (vs->known & g->explicit_needs) != 0;
    double scale, att_mult;
    move_weights(g, v, kind, mv, &scale, &att_mult);
    MoveCtx c = {.g = g, .wk = wk, .v = v, .vs = vs, .mv = mv, .a = a, .rep = rep, .rng = rng,
                 .explicit_known = explicit_known, .contact0 = wk->contact[v], .fleet0 = wk->fleet[v]};
    apply_effects(g, wk, v, a->effects, scale, a->attention, att_mult);
    apply_effects(g, wk, v, mv->extra, 1.0, a->attention, 1.0);
    if (a->attention == BS_ATT_DISCOUNT && a->contact) /* she discounts what {vendor} says */
        impression_scale(vs, 1.0 - md->discount_share);

    bool exposed = move_behaviour(&c, kind); /* the choice's key message was said */
    /* any other move that carries a key message says it too (an analysis
     * that makes the point, a pilot proposal built around it) */
    if (!exposed && mv->message >= 0 && a->contact)
        msg_expose(s, &vs->mem[mv->message], g->week, 1.0, false);
    rep->lesson = a->lesson;
    rep->verdict = verdict(g, v, kind, rep, explicit_known, mv);
}

/*============================================================================
 * Dialogue: seats walking the state machine
 *==========================================================================*/
static void enter_state(BsGame *g, Week *wk, int seat, int st)
{
    BsSeat *se = &g->seat[seat];
    se->state = (int16_t)st;
    /* the week in which the buyer will be seen in this state: a choice's
     * `next` is taken while the week resolves, so it shows the week after */
    se->entered = (int8_t)(wk ? g->week + 1 : g->week);
    if (se->visits[st] < 255)
        se->visits[st]++;
    const BsState *S = &g->scn->states[st];
    if (S->on_enter.count) {
        Week local;
        if (!wk) {
            memset(&local, 0, sizeof local);
            wk = &local;
        }
        apply_range(g, wk, se->vendor, S->on_enter, 1.0);
        if (wk == &local) /* outside a week: impression lands at once */
            g->v[se->vendor].q[BS_Q_IMPRESSION] += local.contact[se->vendor];
    }
    if (S->end)
        se->ended = true;
}

static void take_autos(BsGame *g, int seat)
{
    for (int hop = 0; hop < 8; hop++) {
        BsSeat *se = &g->seat[seat];
        if (se->ended)
            return;
        const BsState *S = &g->scn->states[se->state];
        int next = -1;
        for (int i = 0; i < S->nauto && next < 0; i++)
            if (bs_game_cond(g, S->autos[i].when, se->vendor, seat))
                next = S->autos[i].next;
        if (next < 0)
            return;
        enter_state(g, NULL, seat, next);
        derive(g);
    }
}

/* A repetition needs something said before: "as I said" about a message
 * the buyer never heard is not offered. */
static bool can_repeat(const BsGame *g, int v, int msg)
{
    const BsVendorState *vs = &g->v[v];
    if (msg >= 0)
        return vs->mem[msg].stability > 0;
    for (int m = 0; m < g->scn->nmessages; m++)
        if (vs->mem[m].stability > 0)
            return true;
    return false;
}

int bs_game_choices(const BsGame *g, int seat, int out[BS_MAX_CHOICES])
{
    const BsSeat *se = &g->seat[seat];
    if (se->ended || g->v[se->vendor].out)
        return 0;
    const BsScenario *s = g->scn;
    const BsState *S = &s->states[se->state];
    int n = 0;
    for (int i = 0; i < S->nchoices; i++) {
        const BsChoice *c = &S->choices[i];
        if (s->actions[c->action].kind == BS_A_REPEAT && !can_repeat(g, se->vendor, c->message))
            continue;
        if (bs_game_cond(g, c->when, se->vendor, seat))
            out[n++] = i;
    }
    return n;
}

/*============================================================================
 * Events, thoughts, week start
 *==========================================================================*/
static bool fired(const BsGame *g, int e) { return g->fired[e >> 3] >> (e & 7) & 1; }

static void fire_event(BsGame *g, int e)
{
    const BsScenario *s = g->scn;
    const BsEvent *ev = &s->events[e];
    g->fired[e >> 3] |= (uint8_t)(1u << (e & 7));
    if (g->now.nfired < BS_MAX_EVENTS_PER_WEEK)
        g->now.fired[g->now.nfired++] = (int16_t)e;
    for (int v = 0; v < g->nv; v++) {
        bool hit = ev->target == BS_TARGET_ALL ? true
                 : ev->target == BS_TARGET_HUMANS ? g->seat_of[v] >= 0
                 : ev->target == v;
        if (!hit)
            continue;
        for (int i = 0; i < ev->effects.count; i++) {
            const BsEffect *ef = &s->effects[ev->effects.first + i];
            if (ef->q != BS_Q_PRESSURE)
                raw_effect(g, v, ef->q, ef->amount);
        }
        if (ev->objection >= 0)
            raise_objection(g, v, ev->objection);
    }
    for (int i = 0; i < ev->effects.count; i++) { /* buyer-wide, once */
        const BsEffect *ef = &s->effects[ev->effects.first + i];
        if (ef->q == BS_Q_PRESSURE)
            raw_effect(g, 0, ef->q, ef->amount);
    }
    if (ev->flag >= 0)
        g->flags |= 1ull << ev->flag;
    if (ev->go >= 0)
        for (int se = 0; se < g->nseats; se++)
            if (!g->seat[se].ended)
                enter_state(g, NULL, se, ev->go);
}

static void choose_thoughts(BsGame *g)
{
    for (int se = 0; se < g->nseats; se++) {
        g->now.thought[se] = -1;
        for (int t = 0; t < g->scn->nthoughts; t++)
            if (bs_game_cond(g, g->scn->thoughts[t].when, g->seat[se].vendor, se)) {
                g->now.thought[se] = (int16_t)t;
                break;
            }
    }
}

const char *bs_buyer_thought(const BsGame *g, int seat)
{
    const BsSeat *se = &g->seat[seat];
    const BsState *st = &g->scn->states[se->state];
    if (st->think && se->entered == g->week)
        return st->think;
    if (g->now.thought[seat] >= 0)
        return g->scn->thoughts[g->now.thought[seat]].text;
    return st->think;
}

static void begin_week(BsGame *g)
{
    const BsScenario *s = g->scn;
    memset(&g->now, 0, sizeof g->now);
    g->now.week = g->week;
    g->now.found_out = -1;
    for (int se = 0; se < BS_MAX_SEATS; se++)
        g->now.thought[se] = -1;
    /* derived meters are current here: the week's resolution ended with them */
    int viewer = g->nseats > 0 ? g->seat[0].vendor : 0;
    for (int e = 0; e < s->nevents; e++) {
        const BsEvent *ev = &s->events[e];
        if (ev->when == 0 && ev->injectable)
            continue; /* injection only */
        if (ev->once && fired(g, e))
            continue;
        if (bs_game_cond(g, ev->when, viewer, 0)) {
            fire_event(g, e);
            derive(g);
        }
    }
    for (int se = 0; se < g->nseats; se++)
        take_autos(g, se);
    if (!g->quiet)
        choose_thoughts(g);
}

/*============================================================================
 * Game lifecycle
 *==========================================================================*/
bool bs_game_init(BsGame *g, const BsScenario *s, const BsGameOptions *o, BsErrors *errs)
{
    memset(g, 0, sizeof *g);
    g->scn = s;
    g->seed = o->seed;
    g->quiet = o->quiet;
    bs_rng_seed(&g->rng_buyer, o->seed, 1);
    bs_rng_seed(&g->rng_rivals, o->seed, 2);
    bs_rng_seed(&g->rng_seats, o->seed, 3);
    g->week = 1;
    g->pressure = s->pressure;
    g->nv = s->nvendors;
    g->winner = -1;
    g->outcome = BS_OUT_PLAYING;
    int humans = 0;
    for (int v = 0; v < s->nvendors; v++)
        humans += s->vendors[v].human;
    int nseats = o->nseats < 1 ? 1 : o->nseats;
    if (nseats > s->nvendors || nseats > BS_MAX_SEATS || humans == 0) {
        bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "",
                      "%d players asked for, but this scenario has %d vendors (at most %d players)",
                      nseats, s->nvendors, s->nvendors < BS_MAX_SEATS ? s->nvendors : BS_MAX_SEATS);
        return false;
    }
    int rival_policy = 0, rival_arg = -1;
    if (o->rivals && *o->rivals && !bs_policy_resolve(s, o->rivals, &rival_policy, &rival_arg)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "", "unknown policy \"%s\" for the rivals", o->rivals);
        return false;
    }
    /* Seats: the playable vendors first, then (role-play with more players
     * than that) the next vendors in order; the rest keep their policies. */
    for (int v = 0; v < s->nvendors; v++)
        g->seat_of[v] = -1;
    for (int pass = 0; pass < 2; pass++)
        for (int v = 0; v < s->nvendors && g->nseats < nseats; v++) {
            if (s->vendors[v].human != (pass == 0))
                continue;
            BsSeat *se = &g->seat[g->nseats];
            se->vendor = v;
            g->seat_of[v] = g->nseats;
            g->nseats++;
        }
    /* In a role-play every player starts as the first playable vendor does,
     * unless the session keeps the vendors' own starts (a handicap). */
    int model_seat = g->seat[0].vendor;
    double total = 0;
    for (int v = 0; v < s->nvendors; v++) {
        const BsVendor *vd = g->seat_of[v] >= 0 && !o->uneven ? &s->vendors[model_seat] : &s->vendors[v];
        BsVendorState *vs = &g->v[v];
        g->value[v] = vd->value;
        memcpy(vs->q, vd->start, sizeof vs->q);
        memcpy(g->start_q[v], vd->start, sizeof g->start_q[v]);
        double n0 = clamp(vd->start[BS_Q_INTIMACY], 0, 99);
        /* familiarity so far: as many contacts as the start intimacy needs */
        vs->familiarity = -s->model.familiarity_scale * bs_log(1.0 - n0 / 100.0);
        vs->unfamiliar = 1.0 - n0 / 100.0;
        vs->intimacy_cap = n0;
        vs->last_contact = -1;
        vs->last_action = -1;
        vs->last_target = -1;
        for (int m = 0; m < BS_MAX_MESSAGES; m++)
            vs->mem[m].last_week = vs->mem[m].k_week = 0;
        total += vd->start[BS_Q_IMPRESSION];
        g->policy[v] = s->vendors[v].policy;
        g->policy_arg[v] = s->vendors[v].policy_arg;
    }
    g->other = s->model.other_share < 1 ? total * s->model.other_share / (1.0 - s->model.other_share) : total;
    g->other_level = g->other;
    for (int v = 0; v < s->nvendors; v++)
        if (g->seat_of[v] < 0 && o->rivals && *o->rivals) {
            g->policy[v] = rival_policy;
            g->policy_arg[v] = rival_arg;
        }
    for (int se = 0; se < g->nseats; se++)
        enter_state(g, NULL, se, s->start);
    derive(g);
    begin_week(g);
    return true;
}

bool bs_game_over(const BsGame *g) { return g->outcome != BS_OUT_PLAYING; }

static void choice_move(const BsGame *g, int seat, int ci, Move *mv)
{
    const BsChoice *c = &g->scn->states[g->seat[seat].state].choices[ci];
    mv->action = c->action;
    mv->need = c->need;
    mv->message = c->message;
    mv->objection = c->objection;
    mv->value = c->value;
    mv->extra = c->effects;
    mv->chosen = true;
}

/* The week itself, once every choice is known to be valid. */
/* 1. moves: what each seat chose (or a wait) and what each rival's policy
 * picks. Each rival draws from a stream of its own for this week, so one
 * vendor's choices never shift another's luck (and a move's effect can be
 * measured against the same week without it). */
static void pick_moves(BsGame *g, const int *choices, Move *moves, BsWeekReport *rep)
{
    uint64_t rivals_seed = bs_rng_next(&g->rng_rivals);
    for (int v = 0; v < g->nv; v++) {
        Move *mv = &moves[v];
        memset(mv, 0, sizeof *mv);
        mv->need = mv->message = mv->objection = -1;
        mv->value = -1;
        rep->move[v].choice = -1;
        rep->move[v].state = -1;
        int se = g->seat_of[v];
        if (se >= 0) {
            rep->move[v].state = g->seat[se].state;
            if (choices[se] >= 0) {
                choice_move(g, se, choices[se], mv);
                rep->move[v].choice = (int16_t)choices[se];
            } else {
                mv->action = BS_A_WAIT;
            }
        } else {
            BsRng rr;
            bs_rng_seed(&rr, rivals_seed, (uint64_t)v);
            mv->action = bs_policy_pick_action(g, v, g->policy[v], g->policy_arg[v], &rr);
        }
    }
}

/* 2. time passes: impressions fade, self-orientation relaxes, other
 * sources drift back, pressure, contradictions and doubt fade. */
static void time_passes(BsGame *g)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    for (int v = 0; v < g->nv; v++) {
        BsVendorState *vs = &g->v[v];
        double lasting = vs->q[BS_Q_IMPRESSION] - vs->fleeting;
        vs->fleeting *= md->fleeting_decay;
        vs->q[BS_Q_IMPRESSION] = md->decay * (lasting > 0 ? lasting : 0) + vs->fleeting;
        vs->q[BS_Q_SELF_ORIENTATION] = 1.0 + (vs->q[BS_Q_SELF_ORIENTATION] - 1.0) * (1.0 - md->self_relax);
        vs->pushed_ready = false;
    }
    g->other = md->decay * g->other + (1.0 - md->decay) * g->other_level;
    g->pressure += (s->pressure - g->pressure) * md->pressure_relax;
    g->contradictions *= md->contradiction_fade;
    for (int v = 0; v < g->nv; v++)
        g->v[v].doubt *= md->contradiction_fade;
}

/* 3. gifts found out: one draw per vendor holding a gift above the rules. */
static void gifts_found_out(BsGame *g, BsWeekReport *rep)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    for (int v = 0; v < g->nv; v++) {
        BsVendorState *vs = &g->v[v];
        if (vs->out || vs->gift_over <= 0)
            continue;
        double cap = s->gift_cap > 1 ? s->gift_cap : 1;
        double p = clamp(md->detect_base + md->detect_scale * bs_sqrt(vs->gift_over / (5.0 * cap)), 0,
                         md->detect_max);
        if (bs_rng_unit(&g->rng_buyer) < p) {
            vs->out = true;
            rep->found_out = v;
            g->pressure = clamp(g->pressure + md->found_out_pressure, 0, 100);
        }
    }
}

/* 4. the moves applied in vendor order, each with a stream of its own;
 * seats move along their choice. */
static void apply_moves(BsGame *g, Week *wk, const Move *moves, const int *choices, BsWeekReport *rep,
                        uint64_t week_seed)
{
    const BsScenario *s = g->scn;
    for (int v = 0; v < g->nv; v++) {
        BsRng rng;
        bs_rng_seed(&rng, week_seed, 100u + (uint64_t)v);
        do_move(g, wk, v, &moves[v], &rep->move[v], &rng);
        int se = g->seat_of[v];
        if (se >= 0 && rep->move[v].verdict < 0)
            g->lessons_fired |= 1 << (rep->move[v].lesson - 1);
        if (se >= 0 && choices[se] >= 0) {
            int nx = s->states[g->seat[se].state].choices[choices[se]].next;
            if (nx >= 0)
                enter_state(g, wk, se, nx);
        }
    }
}

/* 5. contact adds impression (saturating); reliability follows contact
 * regularity; untouched trust relaxes toward its start. */
static void settle_contacts(BsGame *g, Week *wk)
{
    const BsScenario *s = g->scn;
    const BsModel *md = &s->model;
    for (int v = 0; v < g->nv; v++) {
        BsVendorState *vs = &g->v[v];
        double x = wk->contact[v];
        if (x > 0) { /* saturating: one vendor cannot own the buyer's week */
            double added = x / (1.0 + x / md->contact_cap);
            vs->q[BS_Q_IMPRESSION] += added;
            vs->fleeting += added * wk->fleet[v] / x;
        }
        if (wk->touched[v]) {
            if (vs->last_contact == g->week - 1)
                shaped(g, wk, v, BS_Q_RELIABILITY, md->reliability_gain);
            vs->last_contact = (int8_t)g->week;
        } else {
            int since = vs->last_contact < 0 ? g->week : g->week - vs->last_contact;
            if (since >= 2)
                shaped(g, wk, v, BS_Q_RELIABILITY, -md->reliability_loss);
            for (int q = BS_Q_CREDIBILITY; q <= BS_Q_INTIMACY; q++)
                vs->q[q] += (g->start_q[v][q] - vs->q[q]) * md->trust_relax;
        }
        for (int m = 0; m < s->nmessages; m++)
            if (vs->mem[m].last_week != g->week)
                vs->mem[m].this_week = 0;
    }
}

/* 7. does the buyer decide now: the last week, a vendor asked to close
 * while she was ready, a seat reached an end, or every seat is out? */
static bool decision_due(const BsGame *g)
{
    bool decide_now = g->week >= g->scn->weeks;
    for (int v = 0; v < g->nv; v++)
        decide_now |= g->v[v].pushed_ready;
    for (int se = 0; se < g->nseats; se++)
        decide_now |= g->seat[se].ended;
    bool all_out = g->nseats > 0;
    for (int se = 0; se < g->nseats; se++)
        all_out &= g->v[g->seat[se].vendor].out;
    return decide_now | all_out;
}

/* One week, in the order documented at the top of this file. */
static void resolve_week(BsGame *g, const int *choices)
{
    double before[BS_MAX_VENDORS][3], pw_before[BS_MAX_VENDORS] = {0};
    for (int v = 0; v < g->nv; v++) {
        before[v][0] = g->v[v].mindshare;
        before[v][1] = g->v[v].trust;
        before[v][2] = g->v[v].risk;
    }
    if (!g->quiet)
        bs_game_p_win(g, pw_before);
    /* the report is written in place: nothing below can fail */
    BsWeekReport *rep = &g->last;
    int16_t fired_now[BS_MAX_EVENTS_PER_WEEK], thought_now[BS_MAX_SEATS];
    int nfired_now = g->now.nfired;
    memcpy(fired_now, g->now.fired, sizeof fired_now);
    memcpy(thought_now, g->now.thought, sizeof thought_now);
    memset(rep, 0, sizeof *rep);
    rep->week = g->week;
    memcpy(rep->fired, fired_now, sizeof rep->fired);
    rep->nfired = nfired_now;
    memcpy(rep->thought, thought_now, sizeof rep->thought);
    rep->found_out = -1;

    Move moves[BS_MAX_VENDORS];
    pick_moves(g, choices, moves, rep);
    /* Each vendor's move draws its chances from a stream of its own, so
     * one vendor's move never changes the luck of another's: a move's own
     * effect can be measured against letting the week pass. */
    uint64_t week_seed = bs_rng_next(&g->rng_buyer);
    time_passes(g);
    gifts_found_out(g, rep);
    Week wk;
    memset(&wk, 0, sizeof wk);
    apply_moves(g, &wk, moves, choices, rep, week_seed);
    settle_contacts(g, &wk);
    /* 6. derived meters; the report's deltas */
    derive(g);
    double pw[BS_MAX_VENDORS] = {0};
    if (!g->quiet)
        bs_game_p_win(g, pw);
    for (int v = 0; v < g->nv; v++) {
        rep->move[v].d_mindshare = g->v[v].mindshare - before[v][0];
        rep->move[v].d_trust = g->v[v].trust - before[v][1];
        rep->move[v].d_risk = g->v[v].risk - before[v][2];
        rep->move[v].d_pwin = pw[v] - pw_before[v];
    }
    if (decision_due(g)) {
        decide(g);
        return;
    }
    /* 8. the next week */
    g->week++;
    begin_week(g);
}

const char *const bs_move_result_ids[BS_MR_COUNT] = {"", "worked", "flat", "backfired", "repeated"};

/* What the move did this time, from its own effect and its outcome. */
static uint8_t judge(const BsModel *md, const BsMove *mv)
{
    switch (mv->outcome) {
    case BS_MO_OBJ_RAISED: case BS_MO_OBJ_HARDENED: case BS_MO_GIFT_REFUSED: case BS_MO_GIFT_TAKEN:
    case BS_MO_NOT_READY:
        return BS_MR_BACKFIRED;
    default: break;
    }
    bool hurt = mv->own_trust <= -md->felt_trust || mv->own_risk >= md->felt_risk ||
                100.0 * mv->own_mindshare <= -md->felt_mindshare;
    bool moved = mv->own_trust >= md->felt_trust || mv->own_risk <= -md->felt_risk ||
                 100.0 * mv->own_mindshare >= md->felt_mindshare;
    if (hurt) /* a cost she notices: it backfired, unless what it bought (attention, say)
                 outweighs it, and then it did little: a cookie that cost some trust */
        return moved && mv->own_pwin >= 0 ? BS_MR_FLAT : BS_MR_BACKFIRED;
    bool opened = false;
    switch (mv->outcome) {
    case BS_MO_NEED_REVEALED: case BS_MO_NEED_EXPLICIT: case BS_MO_ADDRESSED: case BS_MO_ACCEPTED:
    case BS_MO_OBJ_ACKED: case BS_MO_OBJ_RESOLVED: case BS_MO_READY: case BS_MO_GIFT_OK:
        opened = true;
        break;
    default: break;
    }
    bool strong = mv->own_trust >= 2.0 * md->felt_trust || mv->own_risk <= -2.0 * md->felt_risk ||
                  100.0 * mv->own_mindshare >= 2.0 * md->felt_mindshare;
    if (opened || (moved && mv->streak == 0))
        return BS_MR_WORKED;
    if (mv->streak > 0) /* the same again: worn thin, unless it still clearly helped */
        return strong ? BS_MR_WORKED : BS_MR_REPEATED;
    return BS_MR_FLAT;
}

bool bs_game_step(BsGame *g, const int *choices)
{
    if (bs_game_over(g))
        return false;
    /* 0. validate every seat's choice before changing anything */
    for (int se = 0; se < g->nseats; se++) {
        int avail[BS_MAX_CHOICES];
        int n = bs_game_choices(g, se, avail), c = choices ? choices[se] : -1;
        bool ok = c == -1; /* a seat may always let a week pass */
        for (int i = 0; i < n && !ok; i++)
            ok = avail[i] == c;
        if (!ok)
            return false;
    }
    int none[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
    if (!choices)
        choices = none;
    bool measure = false;
    for (int se = 0; se < g->nseats; se++)
        measure |= !g->quiet && choices[se] >= 0;
    if (!measure) {
        resolve_week(g, choices);
        return true;
    }
    /* The move's own effect: the same week, same seed, with the seat
     * letting it pass instead (a quiet copy: no thoughts, no nesting). */
    BsGame pre = *g;
    resolve_week(g, choices);
    for (int se = 0; se < g->nseats; se++) {
        int v = g->seat[se].vendor;
        BsMove *mv = &g->last.move[v];
        if (choices[se] < 0 || mv->action < 0)
            continue;
        BsGame alt = pre;
        alt.quiet = true;
        int ch[BS_MAX_SEATS];
        memcpy(ch, choices, sizeof ch);
        ch[se] = -1;
        resolve_week(&alt, ch);
        double pw_real[BS_MAX_VENDORS], pw_alt[BS_MAX_VENDORS];
        bs_game_p_win(g, pw_real);
        bs_game_p_win(&alt, pw_alt);
        mv->has_own = true;
        mv->own_mindshare = g->v[v].mindshare - alt.v[v].mindshare;
        mv->own_trust = g->v[v].trust - alt.v[v].trust;
        mv->own_risk = g->v[v].risk - alt.v[v].risk;
        mv->own_pwin = pw_real[v] - pw_alt[v];
        mv->result = judge(&g->scn->model, mv);
    }
    return true;
}

bool bs_game_inject(BsGame *g, int e)
{
    if (bs_game_over(g) || e < 0 || e >= g->scn->nevents || !g->scn->events[e].injectable)
        return false;
    fire_event(g, e);
    derive(g);
    for (int se = 0; se < g->nseats; se++)
        take_autos(g, se);
    if (!g->quiet)
        choose_thoughts(g);
    return true;
}

/*============================================================================
 * Hash of the whole state, field by field (padding never enters).
 *==========================================================================*/
#define H(x) h = bs_hash64(&(x), sizeof(x), h)
uint64_t bs_game_hash(const BsGame *g)
{
    uint64_t h = 0;
    H(g->week); H(g->pressure); H(g->flags); H(g->need_stage); H(g->contradictions);
    H(g->other); H(g->rng_buyer.s); H(g->rng_rivals.s); H(g->rng_seats.s);
    H(g->fired); H(g->outcome); H(g->winner);
    for (int v = 0; v < g->nv; v++) {
        const BsVendorState *vs = &g->v[v];
        H(vs->q); H(vs->fleeting); H(vs->familiarity); H(vs->gift_over); H(vs->gift_offered);
        H(vs->gift_bonus); H(vs->doubt); H(vs->known); H(vs->addressed); H(vs->obj); H(vs->last_contact);
        H(vs->last_action); H(vs->last_target); H(vs->streak); H(vs->out);
        for (int m = 0; m < g->scn->nmessages; m++) {
            H(vs->mem[m].stability); H(vs->mem[m].last_week); H(vs->mem[m].spaced);
            H(vs->mem[m].k_eff); H(vs->mem[m].extreme); H(vs->mem[m].announced); H(vs->mem[m].adopted);
        }
    }
    for (int se = 0; se < g->nseats; se++) {
        H(g->seat[se].state); H(g->seat[se].ended); H(g->seat[se].entered);
        h = bs_hash64(g->seat[se].visits, (size_t)g->scn->nstates, h);
    }
    return h;
}
#undef H

/*============================================================================
 * Text placeholders
 *==========================================================================*/
size_t bs_format(const BsGame *g, int vendor, const char *text, char *out, size_t cap)
{
    return bs_format_s(g->scn, vendor, g->week, text, out, cap);
}

size_t bs_format_s(const BsScenario *s, int vendor, int week, const char *text, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0)
        return 0;
    for (const char *p = text ? text : ""; *p;) {
        const char *rep = NULL;
        char num[16];
        size_t skip = 0;
        if (*p == '{') {
            static const char *const keys[] = {"{vendor}", "{buyer}", "{company}", "{role}", "{week}", "{weeks}"};
            for (int k = 0; k < 6 && !rep; k++) {
                size_t kl = strlen(keys[k]);
                if (!strncmp(p, keys[k], kl)) {
                    skip = kl;
                    switch (k) {
                    case 0: rep = s->vendors[vendor >= 0 ? vendor : 0].name; break;
                    case 1: rep = s->buyer_name; break;
                    case 2: rep = s->buyer_company ? s->buyer_company : ""; break;
                    case 3: rep = s->buyer_role; break;
                    case 4: snprintf(num, sizeof num, "%d", week); rep = num; break;
                    default: snprintf(num, sizeof num, "%d", s->weeks); rep = num; break;
                    }
                }
            }
        }
        if (rep) {
            for (const char *r = rep; *r && n + 1 < cap; r++)
                out[n++] = *r;
            p += skip;
        } else {
            if (n + 1 < cap)
                out[n++] = *p;
            p++;
        }
    }
    /* never leave half a UTF-8 sequence at a truncation */
    if (n + 1 >= cap) {
        size_t k = n;
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)out[k - 1] & 0x80)) {
            unsigned char lead = (unsigned char)out[k - 1];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (n - (k - 1) < need)
                n = k - 1;
        }
    }
    out[n] = '\0';
    return n;
}
