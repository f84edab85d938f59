/* The debrief as data: the outcome and why, the curves, the best and worst
 * moments (by how much each move changed the player's chance to win,
 * against letting that week pass, kept only where that is clear of the
 * spread of the sampled futures), every gift above the rules, and the same
 * seed played by the buyer-centric policy. */
#include "bs.h"

#include <string.h>

void bs_meters_read(const BsGame *g, int vendor, BsWeekMeters *m)
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
    if (vendor >= 0 && vendor < g->nv)
        for (int k = 0; k < g->scn->nmessages; k++) {
            const BsMemory *mem = &g->v[vendor].mem[k];
            m->recall[k] = (float)bs_msg_recall(g, mem);
            m->belief[k] = (float)bs_msg_belief(g, mem);
            m->accepted[k] = bs_msg_accepted(g, vendor, k);
        }
}

static void insert_sorted(BsMoment *arr, int *n, const BsMoment *m, bool best)
{
    int k = *n < 3 ? (*n)++ : 3;
    while (k > 0) { /* best: the largest gain first; worst: the largest loss first */
        bool before = best ? m->impact > arr[k - 1].impact : m->impact < arr[k - 1].impact;
        if (!before)
            break;
        if (k < 3)
            arr[k] = arr[k - 1];
        k--;
    }
    if (k < 3)
        arr[k] = *m;
}

/* What a position is worth to `seat`: its chance to win at the end (the
 * chance, not the draw: less noise) when every seat plays buyer-first from
 * here on, in future k. Future k's random streams depend only on (game
 * seed, week, salt, k), so two positions of the same week meet the same
 * luck and their difference is the moves'. */
static double future_value(const BsGame *from, int seat, int week, int k, uint64_t salt)
{
    const BsScenario *s = from->scn;
    int me = from->seat[seat].vendor;
    int pol = s->buyer_centric >= 0 ? s->buyer_centric : BS_POLICY_RANDOM;
    BsGame g = *from;
    g.quiet = true;
    uint64_t key = from->seed * 0x9E3779B97F4A7C15ull + (uint64_t)week + salt * 0xD1B54A32D192ED03ull;
    uint64_t seed = bs_hash64(&k, sizeof k, key);
    bs_rng_seed(&g.rng_buyer, seed, 11);
    bs_rng_seed(&g.rng_rivals, seed, 12);
    bs_rng_seed(&g.rng_seats, seed, 13);
    while (!bs_game_over(&g)) {
        /* each seat's pick from a stream of its own per week: what one
         * seat's different state draws never shifts the others' luck */
        uint64_t ws = bs_rng_next(&g.rng_seats);
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < g.nseats; se++) {
            BsRng r;
            bs_rng_seed(&r, ws, (uint64_t)se);
            ch[se] = bs_policy_pick_choice(&g, se, pol, -1, &r);
        }
        if (!bs_game_step(&g, ch))
            break;
    }
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(&g, pw);
    return g.v[me].out ? 0.0 : pw[me];
}

/* Sums of the paired differences (points) over futures k0..k1-1. */
static bool impact_sums(const BsGame *before, const int *choices, int seat, int k0, int k1, uint64_t salt,
                        double *sum, double *sum2)
{
    BsGame real = *before, alt = *before;
    real.quiet = alt.quiet = true;
    int ch[BS_MAX_SEATS], none[BS_MAX_SEATS];
    for (int i = 0; i < BS_MAX_SEATS; i++)
        ch[i] = none[i] = i < before->nseats ? choices[i] : -1;
    none[seat] = -1;
    if (ch[seat] < 0 || k1 <= k0 || !bs_game_step(&real, ch) || !bs_game_step(&alt, none))
        return false;
    int week = before->week;
    for (int k = k0; k < k1; k++) {
        double d = 100.0 * (future_value(&real, seat, week, k, salt) - future_value(&alt, seat, week, k, salt));
        *sum += d;
        *sum2 += d * d;
    }
    return true;
}

static double mean_se(double sum, double sum2, int n, double *se)
{
    double mean = n > 0 ? sum / n : 0.0;
    if (se) {
        double var = n > 1 ? (sum2 - n * mean * mean) / (n - 1) : 0.0;
        *se = var > 0 ? bs_sqrt(var / n) : 0.0;
    }
    return mean;
}

double bs_move_impact(const BsGame *before, const int *choices, int seat, int futures, uint64_t salt,
                      double *se)
{
    double sum = 0, sum2 = 0;
    if (!impact_sums(before, choices, seat, 0, futures, salt, &sum, &sum2)) {
        if (se)
            *se = 0;
        return 0.0;
    }
    return mean_se(sum, sum2, futures, se);
}

/* A moment's effect is clear when it stands out of the futures' spread by
 * this many standard errors, and is at least this many points. Every move
 * is first measured over BS_DEBRIEF_FUTURES futures; the few strongest each
 * way are measured again over REFINE more, and judged on all of them. */
#define CLEAR_SE 3.0
#define CLEAR_MIN 1.0
#define REFINE 160
#define CANDIDATES 4

typedef struct {
    int ch[BS_MAX_SEATS];
    double sum, sum2;            /* paired differences over the futures so far */
    BsMoment m;
} Cand;

/* The candidate moment of the seat's move in week w + 1 (`before` the game
 * at the start of that week, `g` after it): the move against letting that
 * week pass, both followed by the same buyer-first futures, so that a
 * mistake's cost shows even when it comes due later (a doubt raised, trust
 * lost). */
static void measure_move(const BsScenario *s, const BsGame *before, const BsGame *g, const int *ch, int seat,
                         int w, int state, Cand *c)
{
    const BsMove *mv = &g->last.move[g->seat[seat].vendor];
    memcpy(c->ch, ch, sizeof c->ch);
    c->sum = c->sum2 = 0;
    impact_sums(before, ch, seat, 0, BS_DEBRIEF_FUTURES, 0, &c->sum, &c->sum2);
    double se_imp = 0, imp = mean_se(c->sum, c->sum2, BS_DEBRIEF_FUTURES, &se_imp);
    BsMoment m = {
        .week = w + 1, .seat = seat, .action = mv->action, .choice = ch[seat], .state = state,
        .lesson = mv->lesson, .verdict = mv->verdict, .impact = imp, .impact_se = se_imp,
        .thought = bs_game_over(g) ? -1 : g->now.thought[seat], .outcome = mv->outcome,
        .result = mv->result, .own_mindshare = mv->own_mindshare, .own_trust = mv->own_trust,
        .own_risk = mv->own_risk,
    };
    double mag = imp < 0 ? -imp : imp;
    m.clear = mag >= CLEAR_MIN && mag >= CLEAR_SE * se_imp;
    if (s->actions[mv->action].kind == BS_A_GIFT) {
        const BsChoice *cc = &s->states[state].choices[ch[seat]];
        m.value = cc->value >= 0 ? cc->value : s->actions[mv->action].value;
    }
    c->m = m;
}

/* The session replayed from `g` (its start): the player's meters week by
 * week, a candidate moment for each move the seat made, and the lessons
 * its mistakes and gifts touch. */
static bool replay_moves(const BsSession *ss, const BsScenario *s, int seat, BsGame *g, BsDebrief *d, Cand *cand,
                         int *ncand, BsErrors *errs)
{
    int me = d->vendor;
    bs_meters_read(g, me, &d->player.w[0]);
    for (int w = 0; w < ss->nweeks && !bs_game_over(g); w++) {
        for (int i = 0; i < ss->ninject; i++)
            if (ss->inject[i].week == w + 1)
                bs_game_inject(g, ss->inject[i].event);
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < BS_MAX_SEATS; se++)
            ch[se] = se < ss->nseats ? ss->moves[w][se] : -1;
        int state = g->seat[seat].state;
        BsGame before = *g;
        if (!bs_game_step(g, ch)) {
            bs_errors_add(errs, BS_E_SESSION, 0, 0, "weeks", "the move in week %d is not possible", w + 1);
            return false;
        }
        bs_meters_read(g, me, &d->player.w[w + 1]);
        d->player.nweeks = w + 1;
        const BsMove *mv = &g->last.move[me];
        if (ch[seat] < 0 || mv->action < 0)
            continue;
        Cand *c = &cand[*ncand];
        measure_move(s, &before, g, ch, seat, w, state, c);
        if (c->m.verdict < 0)
            d->lessons_fired |= 1 << (c->m.lesson - 1);
        /* every gift above the rules, whatever it did that week */
        if (mv->outcome == BS_MO_GIFT_REFUSED || mv->outcome == BS_MO_GIFT_TAKEN)
            d->lessons_fired |= 1 << 2;
        (*ncand)++;
    }
    return true;
}

/* best: moves that clearly helped; worst: moves that clearly hurt.
 * Within the spread of the futures a move is neither. The strongest
 * few each way are measured again over more futures first. */
static bool pick_moments(const BsSession *ss, const BsScenario *s, int seat, BsDebrief *d, Cand *cand, int ncand,
                         BsErrors *errs)
{
    for (int sign = 1; sign >= -1; sign -= 2) {
        bool used[BS_MAX_WEEKS] = {false};
        for (int pick = 0; pick < CANDIDATES; pick++) {
            /* only where the words agree: a best moment is a move that
             * worked (and no mistake); a worst moment never a buyer-first
             * move nor one that worked. Where they disagree, the number comes
             * from where the dialogue led, not from the buyer. */
            int bi = -1;
            for (int i = 0; i < ncand; i++) {
                const BsMoment *m = &cand[i].m;
                bool worked = m->result == BS_MR_WORKED || (m->result == BS_MR_NONE && m->verdict > 0);
                bool fits = sign > 0 ? worked && m->verdict >= 0 : !worked && m->verdict <= 0;
                if (used[i] || !fits || sign * m->impact <= CLEAR_MIN / 2)
                    continue;
                if (bi < 0 || sign * m->impact > sign * cand[bi].m.impact)
                    bi = i;
            }
            if (bi < 0)
                break;
            used[bi] = true;
            Cand *c = &cand[bi];
            BsGame before; /* the game at the start of the move's week, again */
            if (!bs_session_replay_start(ss, s, &before, c->m.week, errs))
                return false;
            impact_sums(&before, c->ch, seat, BS_DEBRIEF_FUTURES, BS_DEBRIEF_FUTURES + REFINE, 0, &c->sum,
                        &c->sum2);
            c->m.impact = mean_se(c->sum, c->sum2, BS_DEBRIEF_FUTURES + REFINE, &c->m.impact_se);
            double mag = c->m.impact < 0 ? -c->m.impact : c->m.impact;
            c->m.clear = mag >= CLEAR_MIN && mag >= CLEAR_SE * c->m.impact_se;
            if (c->m.clear && sign * c->m.impact > 0)
                insert_sorted(sign > 0 ? d->best : d->worst, sign > 0 ? &d->nbest : &d->nworst, &c->m, sign > 0);
        }
    }
    return true;
}

/* How the game ended for vendor `me`: the outcome, the final meters, the
 * chances and the buyer's reasons. */
static void final_state(const BsGame *g, int me, BsDebrief *d)
{
    d->outcome = g->outcome;
    d->winner = g->winner;
    d->found_out = g->v[me].out;
    d->final_mindshare = g->v[me].mindshare;
    d->final_trust = g->v[me].trust;
    d->final_risk = g->v[me].risk;
    d->p_no_decision = g->outcome != BS_OUT_PLAYING ? g->p_no_decision : bs_game_p_no_decision(g);
    d->decided_week = g->outcome != BS_OUT_PLAYING ? g->decided_week : 0;
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(g, pw);
    d->p_win_final = pw[me];
    d->score = (int)(100.0 * pw[me] + 0.5);
    if (g->outcome != BS_OUT_PLAYING)
        d->nwhy = bs_decision_reasons(g, me, d->why, 4);
}

/* The same seed, this seat played by the scenario's buyer-centric policy;
 * the other players as they played, while their move still exists. */
static bool centric_game(const BsSession *ss, const BsScenario *s, int seat, BsDebrief *d, BsErrors *errs)
{
    int me = d->vendor;
    BsGame c;
    BsGameOptions o = {.nseats = ss->nseats, .seed = ss->seed, .rivals = ss->rivals[0] ? ss->rivals : NULL,
                       .quiet = true, .uneven = ss->uneven};
    if (!bs_game_init(&c, s, &o, errs))
        return false;
    bs_meters_read(&c, me, &d->centric.w[0]);
    for (int w = 0; !bs_game_over(&c) && w < BS_MAX_WEEKS; w++) {
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < c.nseats; se++) {
            if (se == seat) {
                ch[se] = bs_policy_pick_choice(&c, se, s->buyer_centric, -1, &c.rng_seats);
            } else {
                int avail[BS_MAX_CHOICES], n = bs_game_choices(&c, se, avail),
                    want = w < ss->nweeks ? ss->moves[w][se] : -1;
                ch[se] = -1;
                for (int i = 0; i < n; i++)
                    if (avail[i] == want)
                        ch[se] = want;
            }
        }
        if (!bs_game_step(&c, ch))
            break;
        bs_meters_read(&c, me, &d->centric.w[w + 1]);
        d->centric.nweeks = w + 1;
    }
    d->has_centric = true;
    d->centric_outcome = c.outcome;
    d->centric_winner = c.winner;
    d->centric_decided_week = c.outcome != BS_OUT_PLAYING ? c.decided_week : 0;
    return true;
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
    d->player.vendor = d->centric.vendor = me;
    Cand cand[BS_MAX_WEEKS];
    int ncand = 0;
    if (!replay_moves(ss, s, seat, &g, d, cand, &ncand, errs) || !pick_moments(ss, s, seat, d, cand, ncand, errs))
        return false;
    /* the moves against a lesson, and every gift above the rules (lesson
     * 3), with what each did, first ones first */
    for (int i = 0; i < ncand; i++) {
        const BsMoment *m = &cand[i].m;
        if (m->verdict < 0 && d->nmistakes < 8)
            d->mistakes[d->nmistakes++] = *m;
        if ((m->outcome == BS_MO_GIFT_REFUSED || m->outcome == BS_MO_GIFT_TAKEN) && d->ngifts < 8)
            d->gifts[d->ngifts++] = *m;
    }
    final_state(&g, me, d);
    if (s->buyer_centric >= 0)
        return centric_game(ss, s, seat, d, errs);
    return true;
}
