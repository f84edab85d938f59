/* Words shared by the console and the screen: "{name}" templates from the
 * interface strings, and what a move's outcome means in words. */
#include "app.h"
#include "bs_buf.h"

#include <stdio.h>
#include <string.h>

/*============================================================================
 * Templates: "{name}" placeholders filled from pairs; never printf formats
 * (the strings come from a file).
 *==========================================================================*/
void app_fill(char *out, size_t cap, const char *tmpl, const char *const *kv)
{
    size_t n = 0;
    for (const char *p = tmpl; *p && n + 1 < cap;) {
        bool done = false;
        if (*p == '{') {
            for (int i = 0; kv && kv[i]; i += 2) {
                size_t kl = strlen(kv[i]);
                if (!strncmp(p + 1, kv[i], kl) && p[1 + kl] == '}') {
                    for (const char *v = kv[i + 1]; *v && n + 1 < cap; v++)
                        out[n++] = *v;
                    p += kl + 2;
                    done = true;
                    break;
                }
            }
        }
        if (!done)
            out[n++] = *p++;
    }
    out[n] = '\0';
}

void app_outcome_text(const BsGame *g, const BsStrings *t, int v, const BsMove *mv, char *out, size_t cap)
{
    const BsScenario *s = g->scn;
    static const char *const keys[] = {
        [BS_MO_NEED_REVEALED] = "outcome.need_revealed", [BS_MO_NEED_EXPLICIT] = "outcome.need_explicit",
        [BS_MO_ADDRESSED] = "outcome.addressed", [BS_MO_ACCEPTED] = "outcome.accepted",
        [BS_MO_OBJ_RAISED] = "outcome.obj_raised", [BS_MO_OBJ_HARDENED] = "outcome.obj_hardened",
        [BS_MO_OBJ_ACKED] = "outcome.obj_acked", [BS_MO_OBJ_RESOLVED] = "outcome.obj_resolved",
        [BS_MO_GIFT_OK] = "outcome.gift_ok", [BS_MO_GIFT_REFUSED] = "outcome.gift_refused",
        [BS_MO_GIFT_TAKEN] = "outcome.gift_taken", [BS_MO_NOT_READY] = "outcome.not_ready",
        [BS_MO_READY] = "outcome.ready",
    };
    out[0] = '\0';
    if (mv->outcome >= sizeof keys / sizeof keys[0] || !keys[mv->outcome])
        return;
    const char *target = "";
    switch (mv->outcome) {
    case BS_MO_NEED_REVEALED: case BS_MO_NEED_EXPLICIT:
        target = mv->target >= 0 ? s->needs[mv->target].label : ""; break;
    case BS_MO_ACCEPTED:
        target = mv->target >= 0 ? s->messages[mv->target].label : ""; break;
    case BS_MO_OBJ_RAISED: case BS_MO_OBJ_HARDENED: case BS_MO_OBJ_ACKED: case BS_MO_OBJ_RESOLVED:
        target = mv->target >= 0 ? s->objections[mv->target].label : ""; break;
    default: break;
    }
    const char *kv[] = {"target", target, "vendor", g->scn->vendors[v].name, "buyer", s->buyer_name, NULL};
    app_fill(out, cap, bs_str(t, keys[mv->outcome]), kv);
}


void app_json_string(FILE *f, const char *s)
{
    BsBuf b = {0}; /* the program's one JSON string writer (bs_buf.h) */
    bs_buf_json_string(&b, s);
    if (b.oom)
        fputs("\"\"", f);
    else
        fwrite(b.buf, 1, b.len, f);
    bs_buf_free(&b);
}

const char *app_outcome_key(BsOutcomeKind k, int winner, int me)
{
    if (k == BS_OUT_NO_DECISION)
        return "debrief.no_decision";
    if (k == BS_OUT_DECIDED)
        return winner == me ? "debrief.won" : "debrief.lost";
    return "debrief.unfinished";
}

/*============================================================================
 * The debrief in words: why the buyer decided as she did, gifts above the
 * rules, how well the trainee read the buyer. Shared by the console and the
 * screen, so both say the same.
 *==========================================================================*/
static void pct(char *out, size_t cap, double share) { snprintf(out, cap, "%.0f%%", 100.0 * share); }

void app_reason_text(const BsScenario *s, const BsStrings *t, const BsWhy *w, char *out, size_t cap)
{
    static const char *const keys[BS_WHY_COUNT] = {
        [BS_WHY_PARITY] = "why.parity", [BS_WHY_RISK] = "why.risk", [BS_WHY_OVERLOAD] = "why.overload",
        [BS_WHY_GROUP] = "why.group", [BS_WHY_TRUST] = "why.trust", [BS_WHY_FIT] = "why.fit",
        [BS_WHY_MINDSHARE] = "why.mindshare", [BS_WHY_CAREER] = "why.career", [BS_WHY_VALUE] = "why.value",
        [BS_WHY_OBJECTIONS] = "why.objections", [BS_WHY_CASE] = "why.case", [BS_WHY_SHORTLIST] = "why.shortlist",
        [BS_WHY_FOUND_OUT] = "why.found_out",
    };
    out[0] = '\0';
    if (w->kind >= BS_WHY_COUNT)
        return;
    char a[32], b[32];
    switch (w->kind) {
    case BS_WHY_PARITY: case BS_WHY_FIT: case BS_WHY_MINDSHARE: case BS_WHY_CASE:
        pct(a, sizeof a, w->a);
        pct(b, sizeof b, w->b);
        break;
    case BS_WHY_OBJECTIONS:
        snprintf(a, sizeof a, "%.1f", w->a);
        snprintf(b, sizeof b, "%.1f", w->b);
        break;
    default:
        snprintf(a, sizeof a, "%.0f", w->a);
        snprintf(b, sizeof b, "%.0f", w->b);
        break;
    }
    const char *vendor = w->vendor >= 0 ? s->vendors[w->vendor].name : "";
    const char *other = w->other >= 0 ? s->vendors[w->other].name : "";
    const char *kv[] = {"vendor", vendor, "other", other, "buyer", s->buyer_name, "a", a, "b", b, NULL};
    app_fill(out, cap, bs_str(t, keys[w->kind]), kv);
}

void app_gift_text(const BsScenario *s, const BsStrings *t, const BsMoment *m, char *out, size_t cap)
{
    char wk[16], val[48], risk[16], imp[16];
    snprintf(wk, sizeof wk, "%d", m->week);
    snprintf(val, sizeof val, "%s%.0f", s->currency ? s->currency : "", m->value);
    snprintf(risk, sizeof risk, "%+.0f", m->own_risk);
    snprintf(imp, sizeof imp, "%+.1f", m->impact);
    const char *kv[] = {"week", wk, "action", bs_action_text(s, t, m->action, "label"), "value", val,
                        "risk", risk, "impact", imp, "buyer", s->buyer_name, NULL};
    app_fill(out, cap, bs_str(t, m->outcome == BS_MO_GIFT_TAKEN ? "debrief.gift_taken" : "debrief.gift_refused"), kv);
}

void app_predict_text(const BsStrings *t, const BsPredictScore *p, char *out, size_t cap)
{
    char r[16], m[16], b[16], sk[64];
    snprintf(r, sizeof r, "%d", p->right);
    snprintf(m, sizeof m, "%d", p->made);
    snprintf(b, sizeof b, "%d", p->baseline);
    if (p->skill > 0.005)
        snprintf(sk, sizeof sk, "%+.0f%%", 100.0 * p->skill);
    else
        snprintf(sk, sizeof sk, "%+.0f%% %s", 100.0 * p->skill, bs_str(t, "debrief.predict_none"));
    const char *kv[] = {"right", r, "made", m, "baseline", b, "skill", sk, NULL};
    app_fill(out, cap, bs_str(t, "debrief.predictions"), kv);
}
