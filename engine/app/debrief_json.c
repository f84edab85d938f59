/* debrief_json.c: a player's debrief as JSON (format 1), for the screen's
 * export button and any front end: the outcome and its reasons, the best
 * and worst moments and the mistakes with their effect against letting the
 * week pass, the gifts above the rules, the key messages in the buyer's
 * memory, the predictions' score, and the weeks as played and as played
 * buyer-first. */
#include "play.h"
#include "bs_buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JTEXT 1024
#define JTEXT_LONG 2048

/* What the export reads: the game, and the debrief of one of its seats. */
typedef struct {
    const AppPlay *p;
    const BsDebrief *deb;
    int seat;
} JSrc;

/* The export is written into one BsBuf (bs_buf.h), the program's growable
 * buffer, with its JSON string writer. */
static void jraw(BsBuf *b, const char *s) { bs_buf_append(b, s, strlen(s)); }

static void jnum(BsBuf *b, double v, int dec)
{
    char t[64];
    if (!(v == v) || v > 1e300 || v < -1e300)
        v = 0;
    snprintf(t, sizeof t, "%.*f", dec, v);
    jraw(b, t);
}

static void jstr(BsBuf *b, const char *s) { bs_buf_json_string(b, s ? s : ""); }

static const char *outcome_name(BsOutcomeKind k)
{
    return k == BS_OUT_DECIDED ? "decided" : k == BS_OUT_NO_DECISION ? "no_decision" : "playing";
}

static void jhistory(BsBuf *b, const BsHistory *h, int nv)
{
    jraw(b, "[");
    for (int i = 0; i <= h->nweeks; i++) {
        const BsWeekMeters *w = &h->w[i];
        jraw(b, i ? ",{\"week\":" : "{\"week\":");
        jnum(b, i, 0);
        jraw(b, ",\"mindshare\":[");
        for (int v = 0; v <= nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, (double)w->mindshare[v < nv ? v : BS_MAX_VENDORS], 4);
        }
        jraw(b, "],\"trust\":[");
        for (int v = 0; v < nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, (double)w->trust[v], 2);
        }
        jraw(b, "],\"risk\":[");
        for (int v = 0; v < nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, (double)w->risk[v], 2);
        }
        jraw(b, "],\"p_win\":[");
        for (int v = 0; v < nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, (double)w->pwin[v], 4);
        }
        jraw(b, "],\"p_no_decision\":");
        jnum(b, (double)w->p_no_decision, 4);
        jraw(b, "}");
    }
    jraw(b, "]");
}

/* One moment: the move, its effect on the chance to win against letting
 * the week pass (with the spread of the futures), what it did that week,
 * and the words it got. */
static void jmoment(BsBuf *b, const JSrc *m, const BsMoment *mo)
{
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    const BsChoice *c = mo->state >= 0 && mo->choice >= 0 ? &s->states[mo->state].choices[mo->choice] : NULL;
    char txt[JTEXT_LONG];
    jraw(b, "{\"week\":");
    jnum(b, mo->week, 0);
    jraw(b, ",\"action\":");
    jstr(b, mo->action >= 0 ? s->actions[mo->action].id : "");
    jraw(b, ",\"label\":");
    jstr(b, mo->action >= 0 ? bs_action_text(s, t, mo->action, "label") : "");
    bs_format_s(s, m->deb->vendor, mo->week, c ? c->text : "", txt, sizeof txt);
    jraw(b, ",\"choice\":");
    jstr(b, txt);
    jraw(b, ",\"impact_points\":");
    jnum(b, mo->impact, 2);
    jraw(b, ",\"impact_se\":");
    jnum(b, mo->impact_se, 2);
    jraw(b, ",\"clear\":");
    jraw(b, mo->clear ? "true" : "false");
    jraw(b, ",\"result\":");
    jstr(b, mo->result < BS_MR_COUNT ? bs_move_result_ids[mo->result] : "");
    jraw(b, ",\"own\":{\"mindshare_points\":");
    jnum(b, 100.0 * mo->own_mindshare, 2);
    jraw(b, ",\"trust\":");
    jnum(b, mo->own_trust, 2);
    jraw(b, ",\"risk\":");
    jnum(b, mo->own_risk, 2);
    jraw(b, "},\"verdict\":");
    jnum(b, mo->verdict, 0);
    jraw(b, ",\"lesson\":");
    jnum(b, mo->lesson, 0);
    if (mo->value > 0) {
        jraw(b, ",\"value\":");
        jnum(b, mo->value, 2);
    }
    BsMove mv = {.action = (int16_t)mo->action, .choice = (int16_t)mo->choice, .state = (int16_t)mo->state,
                 .verdict = (int8_t)mo->verdict, .result = mo->result, .outcome = mo->outcome};
    const char *why = mo->action >= 0 ? bs_move_why(s, t, &mv) : "";
    bs_format_s(s, m->deb->vendor, mo->week, why ? why : "", txt, sizeof txt);
    jraw(b, ",\"why\":");
    jstr(b, txt);
    const char *th = mo->action >= 0 ? bs_move_thought(s, t, &mv) : "";
    if (!th || !*th)
        th = mo->thought >= 0 ? s->thoughts[mo->thought].text : "";
    bs_format_s(s, m->deb->vendor, mo->week, th, txt, sizeof txt);
    jraw(b, ",\"thought\":");
    jstr(b, txt);
    jraw(b, "}");
}

static void jmoments(BsBuf *b, const JSrc *m, const BsMoment *mo, int n)
{
    jraw(b, "[");
    for (int i = 0; i < n; i++) {
        if (i)
            jraw(b, ",");
        jmoment(b, m, &mo[i]);
    }
    jraw(b, "]");
}

static const char *const why_ids[BS_WHY_COUNT] = {
    [BS_WHY_PARITY] = "parity", [BS_WHY_RISK] = "risk", [BS_WHY_OVERLOAD] = "overload", [BS_WHY_GROUP] = "group",
    [BS_WHY_TRUST] = "trust", [BS_WHY_FIT] = "fit", [BS_WHY_MINDSHARE] = "mindshare", [BS_WHY_CAREER] = "career",
    [BS_WHY_VALUE] = "value", [BS_WHY_OBJECTIONS] = "objections", [BS_WHY_CASE] = "case",
    [BS_WHY_SHORTLIST] = "shortlist", [BS_WHY_FOUND_OUT] = "found_out",
};

/* Why she decided as she did: each reason's kind, vendors, numbers and words. */
static void jreasons(BsBuf *b, const JSrc *m, const BsDebrief *d)
{
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    jraw(b, "[");
    for (int i = 0; i < d->nwhy; i++) {
        const BsWhy *w = &d->why[i];
        char txt[JTEXT];
        app_reason_text(s, t, w, txt, sizeof txt);
        jraw(b, i ? ",{\"kind\":" : "{\"kind\":");
        jstr(b, w->kind < BS_WHY_COUNT ? why_ids[w->kind] : "");
        jraw(b, ",\"vendor\":");
        jstr(b, w->vendor >= 0 && w->vendor < s->nvendors ? s->vendors[w->vendor].id : "");
        jraw(b, ",\"other\":");
        jstr(b, w->other >= 0 && w->other < s->nvendors ? s->vendors[w->other].id : "");
        jraw(b, ",\"a\":");
        jnum(b, w->a, 4);
        jraw(b, ",\"b\":");
        jnum(b, w->b, 4);
        jraw(b, ",\"weight\":");
        jnum(b, w->weight, 4);
        jraw(b, ",\"text\":");
        jstr(b, txt);
        jraw(b, "}");
    }
    jraw(b, "]");
}

/* Every gift above the buyer's rules, what it risked, and the words. */
static void jgifts(BsBuf *b, const JSrc *m, const BsDebrief *d)
{
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    jraw(b, "[");
    for (int i = 0; i < d->ngifts; i++) {
        const BsMoment *g = &d->gifts[i];
        char txt[JTEXT];
        app_gift_text(s, t, g, txt, sizeof txt);
        jraw(b, i ? ",{\"week\":" : "{\"week\":");
        jnum(b, g->week, 0);
        jraw(b, ",\"action\":");
        jstr(b, g->action >= 0 ? s->actions[g->action].id : "");
        jraw(b, ",\"value\":");
        jnum(b, g->value, 2);
        jraw(b, ",\"taken\":");
        jraw(b, g->outcome == BS_MO_GIFT_TAKEN ? "true" : "false");
        jraw(b, ",\"own_risk\":");
        jnum(b, g->own_risk, 2);
        jraw(b, ",\"impact_points\":");
        jnum(b, g->impact, 2);
        jraw(b, ",\"impact_se\":");
        jnum(b, g->impact_se, 2);
        jraw(b, ",\"text\":");
        jstr(b, txt);
        jraw(b, "}");
    }
    jraw(b, "]");
}

/* Each key message's memory curve: recall and belief by week, and the
 * weeks the buyer had accepted it. */
static void jmemory(BsBuf *b, const JSrc *m, const BsHistory *h)
{
    const BsScenario *s = m->p->scn;
    jraw(b, "[");
    for (int k = 0; k < s->nmessages; k++) {
        jraw(b, k ? ",{\"id\":" : "{\"id\":");
        jstr(b, s->messages[k].id);
        jraw(b, ",\"label\":");
        jstr(b, s->messages[k].label);
        static const char *const keys[3] = {",\"recall\":[", "],\"belief\":[", "],\"accepted\":["};
        for (int part = 0; part < 3; part++) {
            jraw(b, keys[part]);
            for (int i = 0; i <= h->nweeks; i++) {
                if (i)
                    jraw(b, ",");
                if (part == 0)
                    jnum(b, (double)h->w[i].recall[k], 4);
                else if (part == 1)
                    jnum(b, (double)h->w[i].belief[k], 4);
                else
                    jraw(b, h->w[i].accepted[k] ? "true" : "false");
            }
        }
        jraw(b, "]}");
    }
    jraw(b, "]");
}

bool app_play_debrief_json_text(AppPlay *play, int seat, char **out, size_t *len, BsErrors *errs)
{
    *out = NULL;
    *len = 0;
    if (!app_play_debrief(play, errs))
        return false;
    if (seat < 0 || seat >= play->ss.nseats)
        seat = 0;
    JSrc src = {play, &play->deb[seat], seat};
    const JSrc *m = &src;
    const BsDebrief *d = m->deb;
    const BsScenario *s = m->p->scn;
    BsBuf b = {0};
    jraw(&b, "{\"format\":1,\"scenario\":");
    jstr(&b, s->id);
    jraw(&b, ",\"lang\":");
    jstr(&b, s->lang);
    jraw(&b, ",\"seed\":");
    jnum(&b, (double)m->p->ss.seed, 0);
    jraw(&b, ",\"weeks_played\":");
    jnum(&b, m->p->ss.nweeks, 0);
    jraw(&b, ",\"vendor\":");
    jstr(&b, s->vendors[d->vendor].id);
    jraw(&b, ",\"vendors\":[");
    for (int v = 0; v < s->nvendors; v++) {
        if (v)
            jraw(&b, ",");
        jstr(&b, s->vendors[v].name);
    }
    jraw(&b, "],\"outcome\":");
    jstr(&b, outcome_name(d->outcome));
    jraw(&b, ",\"winner\":");
    jstr(&b, d->winner >= 0 ? s->vendors[d->winner].id : "");
    jraw(&b, ",\"won\":");
    jraw(&b, d->outcome == BS_OUT_DECIDED && d->winner == d->vendor ? "true" : "false");
    jraw(&b, ",\"final\":{\"mindshare\":");
    jnum(&b, d->final_mindshare, 4);
    jraw(&b, ",\"trust\":");
    jnum(&b, d->final_trust, 2);
    jraw(&b, ",\"risk\":");
    jnum(&b, d->final_risk, 2);
    jraw(&b, ",\"p_win\":");
    jnum(&b, d->p_win_final, 4);
    jraw(&b, "},\"lessons_fired\":[");
    bool first = true;
    for (int k = 0; k < 3; k++)
        if (d->lessons_fired >> k & 1) {
            if (!first)
                jraw(&b, ",");
            jnum(&b, k + 1, 0);
            first = false;
        }
    jraw(&b, "],\"decided_week\":");
    jnum(&b, d->decided_week, 0);
    jraw(&b, ",\"p_no_decision\":");
    jnum(&b, d->p_no_decision, 4);
    jraw(&b, ",\"score\":");
    jnum(&b, d->score, 0);
    jraw(&b, ",\"reasons\":");
    jreasons(&b, m, d);
    jraw(&b, ",\"best\":");
    jmoments(&b, m, d->best, d->nbest);
    jraw(&b, ",\"worst\":");
    jmoments(&b, m, d->worst, d->nworst);
    jraw(&b, ",\"mistakes\":");
    jmoments(&b, m, d->mistakes, d->nmistakes);
    jraw(&b, ",\"gifts\":");
    jgifts(&b, m, d);
    jraw(&b, ",\"messages\":");
    jmemory(&b, m, &d->player);
    jraw(&b, ",\"predictions\":");
    const BsPredictScore *ps = &m->p->pred[seat];
    if (ps->made > 0) {
        char txt[JTEXT];
        app_predict_text(m->p->str ? m->p->str : m->p->str_en, ps, txt, sizeof txt);
        jraw(&b, "{\"made\":");
        jnum(&b, ps->made, 0);
        jraw(&b, ",\"right\":");
        jnum(&b, ps->right, 0);
        jraw(&b, ",\"baseline\":");
        jnum(&b, ps->baseline, 0);
        jraw(&b, ",\"skill\":");
        jnum(&b, ps->skill, 4);
        jraw(&b, ",\"text\":");
        jstr(&b, txt);
        jraw(&b, "}");
    } else {
        jraw(&b, "null");
    }
    jraw(&b, ",\"history\":");
    jhistory(&b, &d->player, s->nvendors);
    jraw(&b, ",\"buyer_centric\":");
    if (d->has_centric) {
        jraw(&b, "{\"outcome\":");
        jstr(&b, outcome_name(d->centric_outcome));
        jraw(&b, ",\"winner\":");
        jstr(&b, d->centric_winner >= 0 ? s->vendors[d->centric_winner].id : "");
        jraw(&b, ",\"decided_week\":");
        jnum(&b, d->centric_decided_week, 0);
        jraw(&b, ",\"history\":");
        jhistory(&b, &d->centric, s->nvendors);
        jraw(&b, "}");
    } else {
        jraw(&b, "null");
    }
    jraw(&b, "}\n");
    if (b.oom) {
        bs_buf_free(&b);
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "(root)", "out of memory");
        return false;
    }
    *out = b.buf;
    *len = b.len;
    return true;
}

bool app_play_debrief_json(AppPlay *play, int seat, const char *path, BsErrors *errs)
{
    char *text;
    size_t len;
    if (!app_play_debrief_json_text(play, seat, &text, &len, errs))
        return false;
    bool ok = bs_write_file_atomic(path, text, len, false, errs);
    bs_free(text);
    return ok;
}
