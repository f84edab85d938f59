/* Warnings for authors (`buyersim check`): things that load fine but will
 * tell the trainee something untrue, or that nobody will ever see. */
#include "bs.h"
#include "internal/catalog.h"

#include <stdio.h>
#include <string.h>

/* The moves that never work for the buyer: she discounts an extreme claim
 * or an argument, and a gift above her rules is a career bet. */
static bool never_works(const BsScenario *s, const BsChoice *c)
{
    const BsAction *a = &s->actions[c->action];
    if (a->attention == BS_ATT_DISCOUNT && a->contact)
        return true;
    if (a->kind == BS_A_GIFT) {
        double v = c->value >= 0 ? c->value : a->value;
        return v > s->gift_cap;
    }
    return false;
}

/* The moves that never backfire: they may fall flat, never hurt. */
static bool never_backfires(const BsScenario *s, const BsChoice *c)
{
    const BsAction *a = &s->actions[c->action];
    if (a->attention == BS_ATT_DISCOUNT)
        return false;
    for (int i = 0; i < c->effects.count; i++) /* a choice's own effects may hurt */
        if (s->effects[c->effects.first + i].amount < 0 &&
            s->effects[c->effects.first + i].q != BS_Q_PRESSURE &&
            s->effects[c->effects.first + i].q != BS_Q_EXPOSURE)
            return false;
    switch (a->kind) {
    case BS_A_ASK: case BS_A_ANALYZE: case BS_A_ACKNOWLEDGE: case BS_A_EVIDENCE: case BS_A_REFERENCE:
    case BS_A_PILOT: case BS_A_INTERNAL_CASE:
        for (int i = 0; i < a->effects.count; i++)
            if (s->effects[a->effects.first + i].amount < 0 && s->effects[a->effects.first + i].q != BS_Q_PRESSURE &&
                s->effects[a->effects.first + i].q != BS_Q_SELF_ORIENTATION)
                return false;
        return true;
    default:
        return false;
    }
}

/* Does any choice other than a repeat say message m? */
static bool said_somewhere(const BsScenario *s, int m)
{
    for (int st = 0; st < s->nstates; st++)
        for (int k = 0; k < s->states[st].nchoices; k++) {
            const BsChoice *c = &s->states[st].choices[k];
            if (c->message == m && s->actions[c->action].kind != BS_A_REPEAT && s->actions[c->action].contact)
                return true;
        }
    return false;
}

static void warn_at(BsErrors *w, int line, int col, const char *path, const char *msg)
{
    bs_errors_add(w, BS_E_SEMANTIC, line, col, path, "warning: %s", msg);
}

static void lint_static(const BsScenario *s, BsErrors *w)
{
    static const char *const tone_names[] = {"", "warm", "neutral", "cold"};
    char path[160], msg[256];
    for (int st = 0; st < s->nstates; st++) {
        const BsState *S = &s->states[st];
        for (int k = 0; k < S->nchoices; k++) {
            const BsChoice *c = &S->choices[k];
            const char *aid = s->actions[c->action].id;
            snprintf(path, sizeof path, "states.%s.choices[%d]", S->id, k);
            /* a choice without "next" stays: the state's lines are not said again */
            int to = c->next >= 0 ? c->next : st;
            int tone = c->next >= 0 ? s->states[to].tone : BS_TONE_NONE;
            bool bad = never_works(s, c), good = never_backfires(s, c);
            if (bad && tone == BS_TONE_WARM) {
                snprintf(msg, sizeof msg,
                         "\"%s\" always backfires, but it leads to \"%s\", whose lines are warm: the buyer "
                         "would sound pleased after a move that hurt",
                         aid, s->states[to].id);
                warn_at(w, c->line, c->col, path, msg);
            }
            if (good && tone == BS_TONE_COLD) {
                snprintf(msg, sizeof msg,
                         "\"%s\" never backfires, but it leads to \"%s\", whose lines are %s: the buyer would "
                         "turn cold after a move that helped",
                         aid, s->states[to].id, tone_names[tone]);
                warn_at(w, c->line, c->col, path, msg);
            }
            if (bad && c->think) {
                snprintf(msg, sizeof msg,
                         "\"think\" is the buyer's reaction when the move works, and \"%s\" never does here: "
                         "give it as react.backfired.think",
                         aid);
                warn_at(w, c->line, c->col, path, msg);
            }
            if (bad && (c->react[BS_MR_WORKED][0] || c->react[BS_MR_WORKED][1])) {
                snprintf(msg, sizeof msg, "react.worked is never shown: \"%s\" never works here", aid);
                warn_at(w, c->line, c->col, path, msg);
            }
            if (good && (c->react[BS_MR_BACKFIRED][0] || c->react[BS_MR_BACKFIRED][1])) {
                snprintf(msg, sizeof msg, "react.backfired is never shown: \"%s\" never backfires", aid);
                warn_at(w, c->line, c->col, path, msg);
            }
            if (s->actions[c->action].kind == BS_A_REPEAT && c->message >= 0 && !said_somewhere(s, c->message)) {
                snprintf(msg, sizeof msg,
                         "this repeat is never offered: no other choice says \"%s\" first (a repeat is offered "
                         "only for a message already said)",
                         s->messages[c->message].id);
                warn_at(w, c->line, c->col, path, msg);
            }
        }
    }
}

/* A few hundred quick games with each of the usual policies: where seats
 * stay for many weeks, and which end states they reach. */
#define LINT_GAMES 400
static void lint_dynamic(const BsScenario *s, BsErrors *w)
{
    /* the first two are players whose stays matter: a sensible one and a
     * random trainee (relationship_only asks forever by design) */
    static const char *const policies[] = {"buyer_centric", "random", "pitch_close", "relationship_only",
                                           "always:push_close"};
    int reached[BS_MAX_STATES] = {0};
    int long_stay = s->weeks / 3 > 5 ? s->weeks / 3 : 5;
    char path[160], msg[256];
    for (size_t p = 0; p < sizeof policies / sizeof policies[0]; p++) {
        int pol, arg;
        if (!bs_policy_resolve(s, policies[p], &pol, &arg))
            continue;
        if (pol == BS_POLICY_ALWAYS && !bs_scenario_offers(s, arg))
            continue;
        int stuck[BS_MAX_STATES] = {0}; /* games in which a seat stayed long_stay weeks running */
        for (int k = 0; k < LINT_GAMES; k++) {
            BsGame g;
            BsGameOptions o = {.nseats = 1, .seed = 1 + (uint64_t)k, .quiet = true};
            BsErrors e;
            bs_errors_init(&e, "");
            bool ok = bs_game_init(&g, s, &o, &e);
            bs_errors_free(&e);
            if (!ok)
                return;
            uint8_t hit[BS_MAX_STATES] = {0};
            int run_state = g.seat[0].state, run = 0;
            while (!bs_game_over(&g)) {
                int st = g.seat[0].state;
                run = st == run_state ? run + 1 : 1;
                run_state = st;
                if (run >= long_stay)
                    hit[st] = 1;
                int ch[BS_MAX_SEATS] = {bs_policy_pick_choice(&g, 0, pol, arg, &g.rng_seats), -1, -1, -1, -1};
                if (!bs_game_step(&g, ch))
                    break;
            }
            reached[g.seat[0].state] = 1;
            for (int st = 0; st < s->nstates; st++) {
                stuck[st] += hit[st];
                reached[st] |= g.seat[0].visits[st] > 0;
            }
        }
        for (int st = 0; st < s->nstates && p < 2; st++)
            if (!s->states[st].end && stuck[st] * 4 >= LINT_GAMES) {
                snprintf(path, sizeof path, "states.%s", s->states[st].id);
                snprintf(msg, sizeof msg,
                         "%s stays here %d weeks or more in a row in %d%% of its games: a state nobody leaves "
                         "(give a choice a \"next\", or an \"auto\" transition)",
                         policies[p], long_stay, 100 * stuck[st] / LINT_GAMES);
                warn_at(w, s->states[st].line, s->states[st].col, path, msg);
            }
    }
    for (int st = 0; st < s->nstates; st++)
        if (s->states[st].end && !reached[st]) {
            snprintf(path, sizeof path, "states.%s", s->states[st].id);
            snprintf(msg, sizeof msg,
                     "end state \"%s\" is never reached in %d games of each usual policy", s->states[st].id,
                     LINT_GAMES);
            warn_at(w, s->states[st].line, s->states[st].col, path, msg);
        }
}

int bs_scenario_lint_lines(const BsScenario *s, BsErrors *warn)
{
    int before = warn->count + warn->dropped;
    lint_static(s, warn);
    return warn->count + warn->dropped - before;
}

int bs_scenario_lint(const BsScenario *s, BsErrors *warn)
{
    int before = warn->count + warn->dropped;
    lint_static(s, warn);
    lint_dynamic(s, warn);
    return warn->count + warn->dropped - before;
}
