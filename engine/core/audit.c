/* `buyersim audit`: does a case teach the right lessons? Every property of
 * DESIGN section 7, measured by seeded simulation, with its threshold, and
 * where one misses, what drives it. The thresholds live here and nowhere
 * else: the lesson tests and the author's guide use this. */
#define _POSIX_C_SOURCE 200809L
#include "bs.h"
#include "internal/catalog.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void bs_audit_defaults(BsAuditOptions *o)
{
    memset(o, 0, sizeof *o);
    o->runs = 2000;
    o->runs_paired = 3000;
    o->order_seeds = 500;
    o->moment_games = 40;
    o->moment_futures = 160;
    o->seed = 1;
}

/*============================================================================
 * Recording properties
 *==========================================================================*/
static BsAuditItem *item(BsAudit *a, const char *id, const char *what)
{
    if (a->n >= BS_AUDIT_MAX)
        return &a->items[BS_AUDIT_MAX - 1];
    BsAuditItem *it = &a->items[a->n++];
    memset(it, 0, sizeof *it);
    snprintf(it->id, sizeof it->id, "%s", id);
    snprintf(it->what, sizeof it->what, "%s", what);
    return it;
}

static void why(BsAuditItem *it, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void why(BsAuditItem *it, const char *fmt, ...)
{
    size_t n = strlen(it->why);
    if (n + 3 >= sizeof it->why)
        return;
    if (n) {
        it->why[n++] = ';';
        it->why[n++] = ' ';
        it->why[n] = '\0';
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->why + n, sizeof it->why - n, fmt, ap);
    va_end(ap);
}

/* value within [lo, hi]; the need is written for people ("at least 60%"). */
static void judge(BsAuditItem *it, double value, double lo, double hi, const char *need, const char *unit)
{
    it->value = value;
    it->lo = lo;
    it->hi = hi;
    it->pass = value >= lo && value <= hi;
    snprintf(it->need, sizeof it->need, "%s", need);
    snprintf(it->unit, sizeof it->unit, "%s", unit);
}

/*============================================================================
 * Simulations, with what they tell about a miss
 *==========================================================================*/
typedef struct {
    const BsScenario *s;
    const BsAuditOptions *o;
    BsAudit *a;
    BsErrors *errs;
    int visited[BS_MAX_STATES];
    int lessons[3];
    bool failed;
} Ctx;

/* The k-th seeded one-seat game of the audit; false (and c->failed) if it
 * cannot start. */
static bool start_game(Ctx *c, int k, bool quiet, BsGame *g, BsGameOptions *go)
{
    *go = (BsGameOptions){.nseats = 1, .seed = c->o->seed + (uint64_t)k, .quiet = quiet};
    c->failed |= !bs_game_init(g, c->s, go, c->errs);
    return !c->failed;
}

static bool run(Ctx *c, const char *policy, const char *rivals, const char *without, int runs, BsSimResult *r)
{
    BsSimOptions so = {.policy = policy, .rivals = rivals, .runs = runs, .seed = c->o->seed, .without = without};
    if (!bs_sim_run(c->s, &so, r, c->errs)) {
        c->failed = true;
        return false;
    }
    for (int k = 0; k < c->s->nstates; k++)
        c->visited[k] += r->state_visits[k];
    for (int k = 0; k < 3; k++)
        c->lessons[k] += r->lessons[k];
    return true;
}

/* Who won, and where the player's games ended: what drives a win rate. */
static void explain_wins(Ctx *c, BsAuditItem *it, const char *policy, const BsSimResult *r)
{
    const BsScenario *s = c->s;
    int top = -1;
    for (int v = 0; v < s->nvendors; v++)
        if (v != 0 && (top < 0 || r->won_by[v] > r->won_by[top]))
            top = v;
    why(it, "%s: no decision in %.0f%% of games", policy, 100.0 * r->no_decision_rate);
    if (top >= 0 && r->won_by[top] > 0)
        why(it, "%s won %.0f%%", s->vendors[top].name, 100.0 * r->won_by[top] / r->runs);
    why(it, "at the end: mindshare %.0f%%, trust %.0f, career risk %.0f", 100 * r->mean_mindshare,
        r->mean_trust, r->mean_risk);
    int st = -1;
    for (int k = 0; k < s->nstates; k++)
        if (st < 0 || r->ended_in[k] > r->ended_in[st])
            st = k;
    if (st >= 0 && !s->states[st].end)
        why(it, "%.0f%% of its games reach the decision in state \"%s\"", 100.0 * r->ended_in[st] / r->runs,
            s->states[st].id);
    if (r->weeks && r->fallback_weeks * 20 > r->weeks)
        why(it, "it ran as written in only %.0f%% of the player's weeks",
            100.0 - 100.0 * (double)r->fallback_weeks / (double)r->weeks);
}

/* The states that offer an action, and the first week a buyer-first game
 * stops reaching any of them: what drives a spam policy's result. */
static void explain_offers(Ctx *c, BsAuditItem *it, int action, const BsSimResult *r)
{
    const BsScenario *s = c->s;
    char list[256] = "";
    int n = 0;
    for (int st = 0; st < s->nstates; st++)
        for (int k = 0; k < s->states[st].nchoices; k++)
            if (s->states[st].choices[k].action == action) {
                if (n < 4) {
                    size_t l = strlen(list);
                    snprintf(list + l, sizeof list - l, "%s\"%s\"", n ? ", " : "", s->states[st].id);
                }
                n++;
                break;
            }
    why(it, "offered in %d state%s (%s%s)", n, n == 1 ? "" : "s", list, n > 4 ? ", ..." : "");
    if (r->weeks)
        why(it, "played as written in %.0f%% of the player's weeks",
            100.0 - 100.0 * (double)r->fallback_weeks / (double)r->weeks);
}

/*============================================================================
 * The move's own mindshare effect, in order (lesson 1, visible)
 *==========================================================================*/
static int group_of(int kind)
{
    switch (kind) {
    case BS_A_ASK: case BS_A_ANALYZE: return 0;
    case BS_A_PITCH: return 1;
    case BS_A_EXTREME: case BS_A_ARGUE: return 2;
    default: return -1;
    }
}

static void move_order(Ctx *c)
{
    const BsScenario *s = c->s;
    BsAuditItem *it = item(c->a, "move_order",
                           "a move's own mindshare effect ranks the best ask/analyze above pitch, pitch above "
                           "extreme/argue (weeks 1-4)");
    int checked = 0, ordered = 0;
    int miss_state[BS_MAX_STATES] = {0}, miss_pair[3] = {0};
    int pol_bc = s->buyer_centric >= 0 ? s->buyer_centric : BS_POLICY_RANDOM;
    for (int k = 0; k < c->o->order_seeds; k++) {
        BsGame g;
        BsGameOptions go;
        if (!start_game(c, k, true, &g, &go))
            return;
        /* half the seeds reach weeks 2-4 buyer-first, half at random */
        int pol = k % 2 ? pol_bc : BS_POLICY_RANDOM;
        for (int w = 1; w <= 4 && !bs_game_over(&g); w++) {
            int avail[BS_MAX_CHOICES], n = bs_game_choices(&g, 0, avail);
            const BsState *st = &s->states[g.seat[0].state];
            double best[3] = {-1e9, -1e9, -1e9}, worst[3] = {1e9, 1e9, 1e9};
            bool has[3] = {false, false, false};
            BsGame pass = g;
            int none[BS_MAX_SEATS] = {-1, -1, -1, -1, -1};
            bs_game_step(&pass, none);
            for (int i = 0; i < n; i++) {
                int gr = group_of(s->actions[st->choices[avail[i]].action].kind);
                if (gr < 0)
                    continue;
                BsGame t = g;
                int ch[BS_MAX_SEATS] = {avail[i], -1, -1, -1, -1};
                bs_game_step(&t, ch);
                double e = t.v[t.seat[0].vendor].mindshare - pass.v[pass.seat[0].vendor].mindshare;
                has[gr] = true;
                if (e > best[gr])
                    best[gr] = e;
                if (e < worst[gr])
                    worst[gr] = e;
            }
            int groups = has[0] + has[1] + has[2];
            if (groups >= 2) {
                /* the best question or analysis above every pitch and every
                 * extreme claim or argument; every pitch above every extreme
                 * claim or argument. (A question about what she already told
                 * you learns nothing and earns little: it need not beat a pitch.) */
                bool ok = true;
                for (int hi = 0; hi < 3; hi++)
                    for (int lo = hi + 1; lo < 3; lo++)
                        if (has[hi] && has[lo] && !((hi == 0 ? best[hi] : worst[hi]) > best[lo])) {
                            ok = false;
                            miss_pair[hi + lo - 1]++;
                        }
                checked++;
                ordered += ok;
                if (!ok)
                    miss_state[g.seat[0].state]++;
            }
            int ch[BS_MAX_SEATS] = {bs_policy_pick_choice(&g, 0, pol, -1, &g.rng_seats), -1, -1, -1, -1};
            bs_game_step(&g, ch);
        }
    }
    judge(it, checked ? (double)ordered / checked : 1.0, 0.90, 1.0, "at least 90% of seed-weeks", "%");
    if (!checked)
        why(it, "no week 1-4 offers two of these groups of moves");
    if (!it->pass) {
        static const char *const pair[] = {"ask/analyze above pitch", "ask/analyze above extreme/argue",
                                           "pitch above extreme/argue"};
        for (int p = 0; p < 3; p++)
            if (miss_pair[p])
                why(it, "%s missed in %d seed-weeks", pair[p], miss_pair[p]);
        int st = 0;
        for (int k = 1; k < s->nstates; k++)
            if (miss_state[k] > miss_state[st])
                st = k;
        why(it, "most misses in state \"%s\"", s->states[st].id);
    }
}

/*============================================================================
 * A gift above the cap raises the shown career risk in its week (lesson 3)
 *==========================================================================*/
static void gift_risk(Ctx *c)
{
    const BsScenario *s = c->s;
    BsAuditItem *it = item(c->a, "gift_raises_risk",
                           "a gift above the buyer's rules raises the career risk shown in the week it is given");
    int gifts = 0, raised = 0;
    BsSeatPolicy sp = {BS_POLICY_ALWAYS, -1, -1};
    for (int a = 0; a < s->nactions; a++)
        if (s->actions[a].kind == BS_A_GIFT && bs_scenario_offers(s, a))
            sp.arg = a;
    if (sp.arg < 0) {
        judge(it, 1, 1, 1, "(no gift offered)", "");
        it->na = true;
        return;
    }
    for (int k = 0; k < c->o->order_seeds / 5 + 1; k++) {
        BsGame g;
        BsGameOptions go;
        if (!start_game(c, k, false, &g, &go))
            return;
        while (!bs_game_over(&g)) {
            int ch[BS_MAX_SEATS] = {bs_policy_pick_choice_ex(&g, 0, &sp, &g.rng_seats, NULL), -1, -1, -1, -1};
            const BsState *st = &s->states[g.seat[0].state];
            double value = -1;
            if (ch[0] >= 0 && s->actions[st->choices[ch[0]].action].kind == BS_A_GIFT) {
                const BsChoice *cc = &st->choices[ch[0]];
                value = cc->value >= 0 ? cc->value : s->actions[cc->action].value;
            }
            double risk_before = g.v[g.seat[0].vendor].risk;
            if (!bs_game_step(&g, ch))
                break;
            const BsMove *mv = &g.last.move[g.seat[0].vendor];
            /* (a risk at the top, with the gift or without it, cannot show a rise) */
            double top = 100.0 - s->model.felt_risk, without = g.v[g.seat[0].vendor].risk - mv->own_risk;
            if (value > s->gift_cap && mv->action >= 0 && risk_before < top && without < top) {
                gifts++;
                raised += mv->own_risk >= s->model.felt_risk && mv->d_risk > 0;
            }
        }
    }
    judge(it, gifts ? (double)raised / gifts : 1.0, 1.0, 1.0, "every one", "%");
    if (!gifts) {
        it->na = true;
        why(it, "no gift above the cap (%g) is offered", s->gift_cap);
    } else if (!it->pass) {
        why(it, "%d of %d gifts above the cap left the shown risk unchanged or lower", gifts - raised, gifts);
    }
}

/*============================================================================
 * The debrief's moments are honest: measured again with other futures
 *==========================================================================*/
static void moments_honest(Ctx *c)
{
    const BsScenario *s = c->s;
    char what[160];
    snprintf(what, sizeof what, "in %d buyer-first games, no best moment hurt and no worst moment helped "
             "(measured again over %d other futures)", c->o->moment_games, c->o->moment_futures);
    BsAuditItem *it = item(c->a, "moments_honest", what);
    if (s->buyer_centric < 0) {
        judge(it, 0, 1, 1, "a buyer_centric policy", "");
        why(it, "the case has no buyer_centric policy");
        return;
    }
    int listed = 0, wrong = 0, games = 0;
    BsDebrief *d = bs_malloc(sizeof *d);
    if (!d) {
        c->failed = true;
        return;
    }
    for (int k = 0; k < c->o->moment_games && !c->failed; k++) {
        BsGame g;
        BsGameOptions go;
        if (!start_game(c, k, true, &g, &go))
            break;
        BsSession ss;
        bs_session_new(&ss, s, &go);
        /* a trainee who plays buyer-first, with one random week in three */
        while (!bs_game_over(&g)) {
            int pol = g.week % 3 == 0 ? BS_POLICY_RANDOM : s->buyer_centric;
            int ch[BS_MAX_SEATS] = {bs_policy_pick_choice(&g, 0, pol, -1, &g.rng_seats), -1, -1, -1, -1};
            if (!bs_session_play(&ss, &g, ch))
                break;
        }
        if (!bs_debrief_build(&ss, s, 0, d, c->errs)) {
            c->failed = true;
            break;
        }
        games++;
        for (int pass = 0; pass < 2 && !c->failed; pass++) {
            const BsMoment *list = pass ? d->worst : d->best;
            int n = pass ? d->nworst : d->nbest;
            for (int i = 0; i < n; i++) {
                BsGame before;
                if (!bs_session_replay_start(&ss, s, &before, list[i].week, c->errs)) {
                    c->failed = true;
                    break;
                }
                int ch[BS_MAX_SEATS];
                for (int se = 0; se < BS_MAX_SEATS; se++)
                    ch[se] = se < ss.nseats ? ss.moves[list[i].week - 1][se] : -1;
                double se = 0;
                double again = bs_move_impact(&before, ch, 0, c->o->moment_futures, 1 + (uint64_t)k, &se);
                listed++;
                /* opposite beyond the new measurement's own spread (2 SE) */
                if (pass ? again > 2 * se : again < -2 * se) {
                    wrong++;
                    if (wrong <= 2)
                        why(it, "seed %llu week %d (%s): %s %+.1f, measured again %+.1f",
                            (unsigned long long)go.seed, list[i].week, s->actions[list[i].action].id,
                            pass ? "worst" : "best", list[i].impact, again);
                }
            }
        }
    }
    bs_free(d);
    if (c->failed)
        return;
    judge(it, (double)wrong, 0, 0, "none", "");
    it->count = listed;
    if (listed == 0)
        why(it, "no moment was clear enough to list in %d games", games);
}

/*============================================================================
 * The audit
 *==========================================================================*/
/* The policies every property needs; an item for each one missing. */
static void need_policies(Ctx *c)
{
    static const char *const required[] = {"buyer_centric", "pitch_close", "relationship_only"};
    char what[160];
    for (int i = 0; i < 3; i++)
        if (bs_scenario_policy(c->s, required[i]) < 0) {
            snprintf(what, sizeof what, "the case defines the policy \"%s\"", required[i]);
            BsAuditItem *it = item(c->a, "policies", what);
            judge(it, 0, 1, 1, "defined", "");
            why(it, "add \"%s\" under \"policies\" (see the author's guide)", required[i]);
        }
}

/* 1. buyer-first play wins (its result, `bc`, is the yardstick of 6-8) */
static bool buyer_first_wins(Ctx *c, BsSimResult *bc)
{
    if (!run(c, "buyer_centric", NULL, NULL, c->o->runs_paired, bc))
        return false;
    BsAuditItem *it = item(c->a, "buyer_centric_wins", "buyer_centric (ask, analyse, repeat spaced, take the risk off) wins");
    judge(it, bc->win_rate, 0.60, 1.0, "at least 60%", "%");
    if (!it->pass)
        explain_wins(c, it, "buyer_centric", bc);
    return true;
}

/* 2. the novice loses */
static bool novice_loses(Ctx *c)
{
    BsSimResult r;
    if (!run(c, "always:pitch", NULL, NULL, c->o->runs, &r))
        return false;
    BsAuditItem *it = item(c->a, "pitch_loses", "always:pitch (pitch every week) wins");
    judge(it, r.win_rate, 0, 0.15, "at most 15%", "%");
    if (!it->pass)
        explain_wins(c, it, "always:pitch", &r);
    return true;
}

/* 3. no spam strategy dominates; extremes and arguing cost trust. The gift
 * every week's result goes to `gift_r` (and *gift_run) for 4. */
static bool no_spam(Ctx *c, BsSimResult *gift_r, bool *gift_run)
{
    const BsScenario *s = c->s;
    BsAudit *a = c->a;
    BsSimResult r, spam_r = {0};
    BsAuditItem *it;
    char what[160];
    double spam_max = 0;
    int spam_arg = -1;
    for (int x = 0; x < s->nactions; x++) {
        if (!bs_scenario_offers(s, x))
            continue;
        char pol[96];
        snprintf(pol, sizeof pol, "always:%s", s->actions[x].id);
        if (!run(c, pol, NULL, NULL, c->o->runs, &r))
            return false;
        if (r.win_rate > spam_max || spam_arg < 0) {
            spam_max = r.win_rate;
            spam_arg = x;
            spam_r = r;
        }
        int kind = s->actions[x].kind;
        if ((kind == BS_A_EXTREME || kind == BS_A_ARGUE) && x == kind) {
            snprintf(what, sizeof what, "always:%s ends with trust below 30", s->actions[x].id);
            it = item(a, kind == BS_A_EXTREME ? "extreme_costs_trust" : "argue_costs_trust", what);
            judge(it, r.mean_trust, -1e9, 29.999, "below 30", "");
            if (!it->pass)
                explain_offers(c, it, x, &r);
            snprintf(what, sizeof what, "always:%s wins", s->actions[x].id);
            it = item(a, kind == BS_A_EXTREME ? "extreme_loses" : "argue_loses", what);
            judge(it, r.win_rate, 0, 0.15, "at most 15%", "%");
            if (!it->pass)
                explain_wins(c, it, pol, &r);
        }
        if (x == BS_A_GIFT) {
            *gift_r = r;
            *gift_run = true;
        }
    }
    if (spam_arg >= 0) {
        snprintf(what, sizeof what, "no single move every week wins much (best: always:%s)", s->actions[spam_arg].id);
        it = item(a, "no_spam", what);
        judge(it, spam_max, 0, 0.20, "at most 20%", "%");
        if (!it->pass)
            explain_offers(c, it, spam_arg, &spam_r);
    }
    return true;
}

/* 4. random play, and the gift against it */
static bool random_and_gift(Ctx *c, const BsSimResult *gift_r, bool gift_run)
{
    BsSimResult r;
    if (!run(c, "random", NULL, NULL, c->o->runs, &r))
        return false;
    BsAuditItem *it = item(c->a, "random_band", "random play wins");
    judge(it, r.win_rate, 0.05, 0.35, "5% to 35%", "%");
    if (!it->pass)
        explain_wins(c, it, "random", &r);
    if (gift_run) {
        it = item(c->a, "gift_loses", "always:gift wins at most half as often as random play");
        double limit = r.win_rate / 2;
        judge(it, gift_r->win_rate, 0, limit, "", "%");
        snprintf(it->need, sizeof it->need, "at most %.1f%%", 100 * limit);
        if (!it->pass)
            explain_wins(c, it, "always:gift", gift_r);
    }
    gift_risk(c);
    return true;
}

/* 5. everyone pitching and pushing: no decision */
static bool pushing_stalls(Ctx *c)
{
    BsSimResult r;
    if (!run(c, "pitch_close", "pitch_close", NULL, c->o->runs, &r))
        return false;
    BsAuditItem *it = item(c->a, "pitch_close_no_decision", "every vendor plays pitch_close: no decision");
    judge(it, r.no_decision_rate, 0.40, 0.60, "40% to 60%", "%");
    if (!it->pass)
        why(it, "no decision in %.0f%%: the buyer's risk and doubts decide it (model: nd_b0, nd_b1, w_*)",
            100 * r.no_decision_rate);
    return true;
}

/* 6. relationship only is not enough */
static bool relationship_trails(Ctx *c, const BsSimResult *bc)
{
    BsSimResult r;
    if (!run(c, "relationship_only", NULL, NULL, c->o->runs_paired, &r))
        return false;
    BsAuditItem *it = item(c->a, "relationship_loses", "relationship_only trails buyer_centric");
    judge(it, bc->win_rate - r.win_rate, 0.25, 1.0, "by at least 25 points", "pts");
    if (!it->pass)
        explain_wins(c, it, "relationship_only", &r);
    return true;
}

/* 7. repetition pays (lesson 2) */
static bool repetition_pays(Ctx *c, const BsSimResult *bc)
{
    BsAuditItem *it;
    if (!bs_scenario_offers(c->s, BS_A_REPEAT)) {
        it = item(c->a, "repetition_pays", "buyer_centric with spaced repetition beats it without repeat");
        judge(it, 0, 1, 1, "a state that offers repeat", "");
        why(it, "no state offers \"repeat\": the case cannot teach lesson 2's \"say it again\"");
        return true;
    }
    BsSimResult r;
    if (!run(c, "buyer_centric", NULL, "repeat", c->o->runs_paired, &r))
        return false;
    it = item(c->a, "repetition_pays", "buyer_centric with spaced repetition beats it without repeat");
    judge(it, bc->win_rate - r.win_rate, 0.05, 1.0, "by at least 5 points", "pts");
    if (!it->pass) {
        why(it, "with repeat %.1f%%, without %.1f%%", 100 * bc->win_rate, 100 * r.win_rate);
        why(it, "key messages weigh in the decision by model.u_case and model.case_relief");
    }
    return true;
}

/* 8. no single move swings buyer-first play by much */
static bool one_move_small(Ctx *c, const BsSimResult *bc)
{
    const BsScenario *s = c->s;
    BsSimResult r;
    double worst = 0, sum = 0;
    int worst_week = 0;
    for (int w = 1; w <= s->weeks; w++) {
        BsSimOptions so = {.policy = "buyer_centric", .runs = c->o->runs, .seed = c->o->seed, .deviate_week = w,
                           .deviate = "random"};
        if (!bs_sim_run(s, &so, &r, c->errs))
            return false;
        double d = 100 * (bc->win_rate - r.win_rate);
        d = d < 0 ? -d : d;
        sum += d;
        if (d > worst) {
            worst = d;
            worst_week = w;
        }
    }
    BsAuditItem *it = item(c->a, "one_move_small", "one random week moves buyer_centric's win rate, on average over the weeks");
    judge(it, sum / s->weeks / 100, 0, 0.06, "at most 6 points", "pts");
    it = item(c->a, "one_move_small_worst", "... and in its worst week");
    judge(it, worst / 100, 0, 0.12, "at most 12 points", "pts");
    if (!it->pass)
        why(it, "week %d", worst_week);
    return true;
}

/* 10. the buyer's words agree with what the moves do (check's warnings
 * about lines: tone, reactions that never show, repeats never offered) */
static void lines_agree(Ctx *c)
{
    const BsScenario *s = c->s;
    BsAuditItem *it = item(c->a, "lines_agree", "every line fits what its choice does (no warnings about lines from check)");
    BsErrors w;
    bs_errors_init(&w, s->path);
    int nw = bs_scenario_lint_lines(s, &w);
    for (int i = 0; i < w.count && i < 2; i++)
        why(it, "%d:%d %s: %s", w.items[i].line, w.items[i].col, w.items[i].path, w.items[i].msg);
    if (nw > 2)
        why(it, "and %d more (buyersim check)", nw - 2);
    bs_errors_free(&w);
    judge(it, nw, 0, 0, "none", "");
}

/* 11. the case is walked: every state and every lesson */
static void case_walked(Ctx *c)
{
    const BsScenario *s = c->s;
    BsAuditItem *it = item(c->a, "states_reached", "every state is reached by some policy");
    int missing = 0;
    for (int k = 0; k < s->nstates; k++)
        if (!c->visited[k]) {
            if (missing < 4)
                why(it, "\"%s\" never reached", s->states[k].id);
            missing++;
        }
    judge(it, missing, 0, 0, "none missing", "");
    it = item(c->a, "lessons_fired", "every lesson's mistake is made by some policy");
    int unseen = 0;
    for (int k = 0; k < 3; k++)
        if (!c->lessons[k]) {
            why(it, "no policy makes a mistake of lesson %d", k + 1);
            unseen++;
        }
    judge(it, unseen, 0, 0, "all three", "");
}

bool bs_audit_run(const BsScenario *s, const BsAuditOptions *o, BsAudit *a, BsErrors *errs)
{
    memset(a, 0, sizeof *a);
    double t0 = now_seconds();
    Ctx c = {.s = s, .o = o, .a = a, .errs = errs};
    need_policies(&c);
    if (a->n) { /* the rest needs them */
        a->seconds = now_seconds() - t0;
        return true;
    }
    BsSimResult bc, gift_r = {0};
    bool gift_run = false;
    if (!buyer_first_wins(&c, &bc) || !novice_loses(&c) || !no_spam(&c, &gift_r, &gift_run) ||
        !random_and_gift(&c, &gift_r, gift_run) || !pushing_stalls(&c) || !relationship_trails(&c, &bc) ||
        !repetition_pays(&c, &bc) || !one_move_small(&c, &bc))
        return false;
    /* 9. visible cause and effect */
    move_order(&c);
    if (c.failed)
        return false;
    moments_honest(&c);
    if (c.failed)
        return false;
    lines_agree(&c);
    case_walked(&c);
    a->pass = true;
    for (int i = 0; i < a->n; i++)
        a->pass &= a->items[i].pass;
    a->seconds = now_seconds() - t0;
    return !c.failed;
}
