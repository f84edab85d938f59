/* The debrief screen: the outcome; mindshare over the weeks as a stacked
 * area chart with the player's trust and career risk as lines; the
 * player's curve beside the buyer-centric policy's on the same seed; the
 * best and worst moments with their lessons and the buyer's thoughts; export
 * as PNG (the screen) and JSON (the data). */
#include "ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }


/*============================================================================
 * Texts
 *==========================================================================*/
static void moment_text(const ScrModel *m, const BsMoment *mo, ScrMomentText *out)
{
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    int vendor = m->deb.vendor;
    char wk[16], imp[32], tmp[SCR_LONG_CAP], txt[SCR_TEXT_CAP];
    snprintf(wk, sizeof wk, "%d", mo->week);
    scr_fmt_signed(imp, sizeof imp, mo->impact, 1);
    const char *kvh[] = {"week", wk, "impact", imp, NULL};
    app_fill(out->head, sizeof out->head, scr_str(m, "screen.moment_head"), kvh);
    const BsChoice *c = mo->state >= 0 && mo->choice >= 0 ? &s->states[mo->state].choices[mo->choice] : NULL;
    bs_format_s(s, vendor, mo->week, c ? c->text : "", txt, sizeof txt);
    const char *kvs[] = {"text", txt, "action", bs_action_text(s, t, mo->action, "label"), NULL};
    app_fill(out->said, sizeof out->said, scr_str(m, "screen.moment_said"), kvs);
    /* what the move itself did that week, as the game showed it then */
    char ms[32], tr[32], rk[32];
    scr_fmt_signed(ms, sizeof ms, 100.0 * mo->own_mindshare, 1);
    scr_fmt_signed(tr, sizeof tr, mo->own_trust, 0);
    scr_fmt_signed(rk, sizeof rk, mo->own_risk, 0);
    const char *kvo[] = {"mindshare", ms, "trust", tr, "risk", rk, NULL};
    app_fill(out->own, sizeof out->own, scr_str(m, "screen.moment_own"), kvo);
    /* the reason and the buyer's reaction, chosen by what the move did then */
    BsMove mv = {.action = (int16_t)mo->action, .choice = (int16_t)mo->choice, .state = (int16_t)mo->state,
                 .verdict = (int8_t)mo->verdict, .result = mo->result, .outcome = mo->outcome};
    const char *why = bs_move_why(s, t, &mv);
    bs_format_s(s, vendor, mo->week, why ? why : "", tmp, sizeof tmp);
    char n[8];
    int lesson = mo->lesson >= 1 && mo->lesson <= 3 ? mo->lesson : 1;
    snprintf(n, sizeof n, "%d", lesson);
    const char *kvl[] = {"n", n, "title", s->lessons[lesson - 1].title ? s->lessons[lesson - 1].title : "",
                         "why", tmp, NULL};
    app_fill(out->lesson, sizeof out->lesson, scr_str(m, "debrief.lesson_line"), kvl);
    const char *th = bs_move_thought(s, t, &mv);
    if (!th || !*th)
        th = mo->thought >= 0 ? s->thoughts[mo->thought].text : NULL;
    out->thought[0] = '\0';
    if (th && *th) {
        bs_format_s(s, vendor, mo->week, th, tmp, sizeof tmp);
        const char *kvt[] = {"buyer", s->buyer_name, "thought", tmp, NULL};
        app_fill(out->thought, sizeof out->thought, scr_str(m, "screen.moment_thought"), kvt);
    }
    out->verdict = mo->verdict;
}

/* How a player read the buyer, in a few words for the ranking. */
static void rank_read(const ScrModel *m, const BsPredictScore *p, char *out, size_t cap)
{
    char r[16], mm[16], bl[16], sk[32];
    snprintf(r, sizeof r, "%d", p->right);
    snprintf(mm, sizeof mm, "%d", p->made);
    snprintf(bl, sizeof bl, "%d", p->baseline);
    snprintf(sk, sizeof sk, "%+.0f%%", 100.0 * p->skill);
    const char *kvp[] = {"right", r, "made", mm, "baseline", bl, "skill", sk, NULL};
    app_fill(out, cap, scr_str(m, "screen.rank_read"), kvp);
}

/* Role-play: every player in a line, best first, with what they ran into. */
static void ranking_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrDebriefText *d = a->dt;
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    snprintf(d->rank_title, sizeof d->rank_title, "%s", scr_str(m, "screen.rank_title"));
    snprintf(d->rank_chart, sizeof d->rank_chart, "%s", scr_str(m, "screen.rank_chart"));
    const BsDebrief *d0 = &m->p->deb[0];
    const char *winner = d0->winner >= 0 ? s->vendors[d0->winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, NULL};
    if (d0->outcome == BS_OUT_NO_DECISION)
        app_fill(d->rank_outcome, sizeof d->rank_outcome, scr_str(m, "debrief.no_decision"), kv);
    else if (d0->winner >= 0 && m->p->g.seat_of[d0->winner] >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", m->p->g.seat_of[d0->winner] + 1);
        const char *kvn[] = {"buyer", s->buyer_name, "winner", winner, "n", n, NULL};
        app_fill(d->rank_outcome, sizeof d->rank_outcome, scr_str(m, "screen.rank_won_by_player"), kvn);
    } else
        app_fill(d->rank_outcome, sizeof d->rank_outcome, scr_str(m, "screen.rank_won_by"), kv);
    int order[BS_MAX_SEATS];
    d->nrank = scr_model_ranking(m, order);
    static const char *const place[BS_MAX_SEATS] = {"screen.place_1", "screen.place_2", "screen.place_3",
                                                    "screen.place_4", "screen.place_5"};
    for (int i = 0; i < d->nrank; i++) {
        int se = order[i];
        const BsDebrief *db = &m->p->deb[se];
        d->rank[i].seat = se;
        char n[16], sc[16], ms[16], tr[16], rk[16];
        snprintf(n, sizeof n, "%d", se + 1);
        snprintf(sc, sizeof sc, "%d", db->score);
        snprintf(ms, sizeof ms, "%.0f%%", 100.0 * db->final_mindshare);
        snprintf(tr, sizeof tr, "%.0f", db->final_trust);
        snprintf(rk, sizeof rk, "%.0f", db->final_risk);
        const char *ok = db->found_out ? "screen.rank_found_out"
                       : db->outcome == BS_OUT_NO_DECISION ? "screen.rank_no_decision"
                       : db->outcome == BS_OUT_DECIDED && db->winner == db->vendor ? "screen.rank_won"
                       : "screen.rank_lost";
        const char *kvh[] = {"place", scr_str(m, place[i]), "n", n, "vendor", s->vendors[db->vendor].name,
                             "outcome", scr_str(m, ok), NULL};
        app_fill(d->rank[i].head, sizeof d->rank[i].head, scr_str(m, "screen.rank_head"), kvh);
        const char *kvl[] = {"score", sc, "mindshare", ms, "trust", tr, "risk", rk, NULL};
        app_fill(d->rank[i].line, sizeof d->rank[i].line, scr_str(m, "screen.rank_line"), kvl);
        if (m->p->pred[se].made > 0) {
            char more[320];
            rank_read(m, &m->p->pred[se], more, sizeof more);
            size_t k = strlen(d->rank[i].line);
            snprintf(d->rank[i].line + k, sizeof d->rank[i].line - k, " \xC2\xB7 %s", more);
        }
        /* the lessons: the traps they ran into, and their best move */
        char traps[SCR_LONG_CAP] = "";
        for (int k = 0; k < 3; k++) {
            if (!(db->lessons_fired >> k & 1))
                continue;
            char ln[16], one[600];
            snprintf(ln, sizeof ln, "%d", k + 1);
            const char *kvt[] = {"n", ln, "title", s->lessons[k].title ? s->lessons[k].title : "", NULL};
            app_fill(one, sizeof one, scr_str(m, "screen.rank_lesson"), kvt);
            size_t len = strlen(traps);
            snprintf(traps + len, sizeof traps - len, "%s%s", len ? "; " : "", one);
        }
        if (traps[0]) {
            const char *kvt[] = {"lessons", traps, NULL};
            app_fill(d->rank[i].lessons, sizeof d->rank[i].lessons, scr_str(m, "screen.rank_traps"), kvt);
        } else {
            snprintf(d->rank[i].lessons, sizeof d->rank[i].lessons, "%s", scr_str(m, "screen.rank_no_traps"));
        }
        if (db->nbest > 0) {
            const BsMoment *mo = &db->best[0];
            char wk[16], imp[32], best[700];
            snprintf(wk, sizeof wk, "%d", mo->week);
            scr_fmt_signed(imp, sizeof imp, mo->impact, 1);
            const char *kvb[] = {"week", wk, "action", bs_action_text(s, t, mo->action, "label"), "impact", imp, NULL};
            app_fill(best, sizeof best, scr_str(m, "screen.rank_best"), kvb);
            size_t len = strlen(d->rank[i].lessons);
            snprintf(d->rank[i].lessons + len, sizeof d->rank[i].lessons - len, "\n%s", best);
        }
        const char *kvo[] = {"n", n, NULL};
        app_fill(d->rank[i].open, sizeof d->rank[i].open, scr_str(m, "screen.rank_open"), kvo);
    }
}

/* A legend label with the week the game ended: "Northwind, as you played (ended in week 9)". */
static void with_end(const ScrModel *m, char *out, size_t cap, int week)
{
    if (week <= 0)
        return;
    char wk[16], end[128];
    snprintf(wk, sizeof wk, "%d", week);
    const char *kv[] = {"week", wk, NULL};
    app_fill(end, sizeof end, scr_str(m, "screen.leg_ended"), kv);
    size_t n = strlen(out);
    snprintf(out + n, cap - n, " %s", end);
}

static bool debrief_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrDebriefText *d = a->dt;
    if (d->ok && m->p->deb_ok)
        return true;
    memset(d, 0, sizeof *d);
    if (!scr_model_debrief(m))
        return false;
    const BsDebrief *db = &m->deb;
    const BsScenario *s = m->p->scn;
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    snprintf(d->title, sizeof d->title, "%s", scr_str(m, "debrief.title"));
    const char *winner = db->winner >= 0 ? s->vendors[db->winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, "vendor", s->vendors[db->vendor].name, NULL};
    app_fill(d->outcome, sizeof d->outcome, scr_str(m, app_outcome_key(db->outcome, db->winner, db->vendor)), kv);
    /* why she decided as she did (above all: why she decided nothing); a
     * gift that came to light says it in the words of lesson 3 */
    snprintf(d->why_title, sizeof d->why_title, "%s", scr_str(m, "debrief.why_title"));
    if (db->found_out) {
        char fo[SCR_TEXT_CAP];
        app_fill(fo, sizeof fo, scr_str(m, "debrief.found_out"), kv);
        snprintf(d->why[d->nwhy++], sizeof d->why[0], "\xE2\x80\xA2 %s", fo);
    }
    for (int i = 0; i < db->nwhy && d->nwhy < 4; i++) {
        char line[SCR_TEXT_CAP];
        if (db->found_out && db->why[i].kind == BS_WHY_FOUND_OUT)
            continue;
        app_reason_text(s, t, &db->why[i], line, sizeof line);
        if (line[0])
            snprintf(d->why[d->nwhy++], sizeof d->why[0], "\xE2\x80\xA2 %s", line);
    }
    char ms[16], tr[16], rk[16];
    snprintf(ms, sizeof ms, "%.0f%%", 100.0 * db->final_mindshare);
    snprintf(tr, sizeof tr, "%.0f", db->final_trust);
    snprintf(rk, sizeof rk, "%.0f", db->final_risk);
    const char *kvf[] = {"mindshare", ms, "trust", tr, "risk", rk, NULL};
    app_fill(d->final, sizeof d->final, scr_str(m, "debrief.final"), kvf);
    snprintf(d->chart1, sizeof d->chart1, "%s", scr_str(m, "screen.chart_mindshare"));
    snprintf(d->chart2, sizeof d->chart2, "%s", scr_str(m, "screen.chart_centric"));
    if (db->has_centric) {
        const char *cw = db->centric_winner >= 0 ? s->vendors[db->centric_winner].name : "";
        const char *key = db->centric_outcome == BS_OUT_NO_DECISION ? "debrief.centric_no_decision"
                        : db->centric_winner == db->vendor ? "debrief.centric_won" : "debrief.centric_lost";
        const char *kvc[] = {"buyer", s->buyer_name, "winner", cw, "vendor", s->vendors[db->vendor].name, NULL};
        app_fill(d->centric, sizeof d->centric, scr_str(m, key), kvc);
    } else {
        snprintf(d->centric, sizeof d->centric, "%s", scr_str(m, "screen.centric_none"));
    }
    for (int v = 0; v < s->nvendors; v++)
        snprintf(d->legend[v], sizeof d->legend[v], "%s", s->vendors[v].name);
    snprintf(d->legend[BS_MAX_VENDORS], sizeof d->legend[0], "%s", scr_str(m, "screen.other_sources"));
    snprintf(d->leg_trust, sizeof d->leg_trust, "%s", scr_str(m, "screen.leg_trust"));
    snprintf(d->leg_risk, sizeof d->leg_risk, "%s", scr_str(m, "screen.leg_risk"));
    const char *kvv[] = {"vendor", s->vendors[db->vendor].name, NULL};
    app_fill(d->leg_you, sizeof d->leg_you, scr_str(m, "screen.leg_you"), kvv);
    app_fill(d->leg_centric, sizeof d->leg_centric, scr_str(m, "screen.leg_centric"), kvv);
    /* the two games may end in different weeks: then each says where */
    if (db->has_centric && db->decided_week != db->centric_decided_week) {
        with_end(m, d->leg_you, sizeof d->leg_you, db->decided_week);
        with_end(m, d->leg_centric, sizeof d->leg_centric, db->centric_decided_week);
    }
    snprintf(d->best_head, sizeof d->best_head, "%s", scr_str(m, "debrief.best"));
    snprintf(d->worst_head, sizeof d->worst_head, "%s", scr_str(m, "debrief.worst"));
    d->nbest = db->nbest;
    d->nworst = db->nworst;
    for (int i = 0; i < db->nbest; i++)
        moment_text(m, &db->best[i], &d->best[i]);
    for (int i = 0; i < db->nworst; i++)
        moment_text(m, &db->worst[i], &d->worst[i]);
    /* where no move stood out from chance (on one side, or at all) */
    if (!db->nbest && !db->nworst)
        snprintf(d->no_moments, sizeof d->no_moments, "%s", scr_str(m, "debrief.no_moments"));
    snprintf(d->no_best, sizeof d->no_best, "%s", scr_str(m, "screen.no_best"));
    snprintf(d->no_worst, sizeof d->no_worst, "%s", scr_str(m, "screen.no_worst"));
    /* every gift above the buyer's rules, and what it risked (lesson 3) */
    snprintf(d->gifts_title, sizeof d->gifts_title, "%s", scr_str(m, "debrief.gifts_title"));
    for (int i = 0; i < db->ngifts && i < 8; i++)
        app_gift_text(s, t, &db->gifts[i], d->gifts[d->ngifts++], sizeof d->gifts[0]);
    /* the key messages in her memory, week by week */
    snprintf(d->memory_title, sizeof d->memory_title, "%s", scr_str(m, "screen.memory_title"));
    snprintf(d->leg_accepted, sizeof d->leg_accepted, "%s", scr_str(m, "screen.leg_accepted"));
    d->nmsg = s->nmessages;
    for (int k = 0; k < s->nmessages; k++)
        bs_format_s(s, db->vendor, 0, s->messages[k].label, d->leg_msg[k], sizeof d->leg_msg[k]);
    snprintf(d->lessons_head, sizeof d->lessons_head, "%s", scr_str(m, "debrief.lessons"));
    for (int k = 0; k < 3; k++) {
        snprintf(d->lesson_title[k], sizeof d->lesson_title[k], "%d. %s%s", k + 1,
                 s->lessons[k].title ? s->lessons[k].title : "", db->lessons_fired >> k & 1 ? scr_str(m, "debrief.fired") : "");
        snprintf(d->lesson_text[k], sizeof d->lesson_text[k], "%s", s->lessons[k].text ? s->lessons[k].text : "");
    }
    snprintf(d->lessons, sizeof d->lessons, "%s", scr_str(m, "debrief.lessons"));
    for (int k = 0; k < 3; k++) {
        char line[600];
        snprintf(line, sizeof line, "\n%d. %s%s", k + 1, s->lessons[k].title ? s->lessons[k].title : "",
                 db->lessons_fired >> k & 1 ? scr_str(m, "debrief.fired") : "");
        size_t n = strlen(d->lessons);
        snprintf(d->lessons + n, sizeof d->lessons - n, "%s", line);
    }
    snprintf(d->button[0], sizeof d->button[0], "%s", scr_str(m, "screen.btn_export"));
    snprintf(d->button[1], sizeof d->button[1], "%s", scr_str(m, m->p->replay ? "screen.btn_start_screen" : "screen.btn_new"));
    snprintf(d->button[2], sizeof d->button[2], "%s", scr_str(m, "screen.btn_back"));
    snprintf(d->button[3], sizeof d->button[3], "%s", scr_str(m, "screen.btn_players"));
    d->nbuttons = s->nvendors > 0 && m->p->ss.nseats > 1 && a->deb_seat >= 0 ? 4 : 3;
    /* predict, then reveal: how well this player read the buyer, against
     * always guessing the most common answer */
    int seat = m->deb_seat;
    if (seat >= 0 && seat < m->p->ss.nseats && m->p->pred[seat].made > 0)
        app_predict_text(t, &m->p->pred[seat], d->predictions, sizeof d->predictions);
    if (m->p->ss.nseats > 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", seat + 1);
        const char *kvw[] = {"n", n, "vendor", s->vendors[db->vendor].name, NULL};
        app_fill(d->who, sizeof d->who, scr_str(m, "screen.debrief_of"), kvw);
        ranking_texts(a);
    }
    snprintf(d->axis_week, sizeof d->axis_week, "%s", scr_str(m, "screen.axis_week"));
    d->ok = true;
    return true;
}

/* Pages the clicker (or a finger) turns: a projector's, and a phone's. */
static bool deb_paged(const ScrApp *a) { return a->projector || scr_portrait(a->out_w, a->out_h); }
/* A projector's sizes (a phone has its own, whatever the mode). */
static bool deb_proj(const ScrApp *a) { return a->projector && !scr_portrait(a->out_w, a->out_h); }

int scr_debrief_pages(const ScrApp *a)
{
    if (a->m && a->deb_seat < 0 && a->m->p->ss.nseats > 1)
        return 1; /* the players compared */
    int moments = a->deb_mpages > 0 ? a->deb_mpages : deb_paged(a) ? 2 : 1;
    /* a projector (a phone): the charts, the moments, the key messages, the
     * lessons (a phone: the outcome and the mindshare chart apart when
     * they do not fit one page) */
    return deb_paged(a) ? moments + 2 + (a->deb_lpages > 0 ? a->deb_lpages : 1) + (a->deb_split ? 1 : 0) : moments;
}

/*============================================================================
 * Layout
 *==========================================================================*/
enum { DC_HEAD, DC_CHART1, DC_CHART2, DC_BEST, DC_WORST, DC_LESSONS, DC_BUTTONS, DC_MEMORY, DC_GIFTS, DC_NONE };
enum { LEG_TRUST = 100, LEG_RISK = 101, LEG_YOU = 200, LEG_CENTRIC = 201, LEG_ACCEPTED = 299, LEG_MSG = 300 };
/* The charts (K_CHART boxes, by tag) and which of them a column shows. */
enum { CH_MINDSHARE = 0, CH_CENTRIC = 1, CH_PLAYERS = 2, CH_MEMORY = 3 };
enum { SHOW_MINDSHARE = 1, SHOW_CENTRIC = 2, SHOW_MEMORY = 4 };

typedef struct {
    ScrApp *a;
    const ScrMeasure *me;
    int body, small, title, lb, ls, lt, pad, gap, tiny, cap;
    int charts;                   /* SHOW_*: the charts this column holds */
} DCol;

static void dcol_init(DCol *c, ScrApp *a, const ScrMeasure *me, int body, int cap)
{
    c->a = a;
    c->me = me;
    c->body = body;
    c->small = deb_proj(a) ? maxi(body * 85 / 100, (a->out_h + 35) / 36)
             : scr_portrait(a->out_w, a->out_h) ? body * 85 / 100 : body * 82 / 100;
    if (c->small > body)
        c->small = body;
    c->title = body * 125 / 100;
    c->lb = me->line_h(me->ud, body, false);
    c->ls = me->line_h(me->ud, c->small, false);
    c->lt = me->line_h(me->ud, c->title, true);
    c->pad = maxi(3, body * 55 / 100);
    c->gap = maxi(2, body * 40 / 100);
    c->tiny = maxi(1, body * 18 / 100);
    c->cap = cap;
    c->charts = SHOW_MINDSHARE | SHOW_CENTRIC | SHOW_MEMORY;
}

static int tw(const ScrMeasure *me, const char *s, int px, bool bold)
{
    int w = 0;
    me->measure(me->ud, s, strlen(s), px, bold, 0, &w);
    return w;
}

static int bot(const ScrLayout *L, int b, int dflt) { return b >= 0 ? L->box[b].r.y + L->box[b].r.h : dflt; }

/* Legend: swatch + label items flowing left to right (a label too long
 * for the width takes two lines). Returns the bottom. */
static int legend(DCol *c, int cont, int x, int y, int w, const int *tags, const char *const *labels, int n)
{
    ScrLayout *L = c->a->lay;
    int sw = maxi(4, c->ls * 8 / 10);
    int cx = x, cy = y, row_h = c->ls;
    for (int i = 0; i < n; i++) {
        int tww = mini(tw(c->me, labels[i], c->small, false), w - sw - c->tiny);
        int need = sw + c->tiny + tww;
        if (cx > x && cx + need > x + w) {
            cx = x;
            cy += row_h;
            row_h = c->ls;
        }
        scr_lay_box(L, cont, K_SWATCH, (SDL_Rect){cx, cy + (c->ls - sw) / 2, sw, sw}, tags[i]);
        int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cont, .x = cx + sw + c->tiny, .y = cy, .w = maxi(1, tww),
                .s = labels[i], .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = c->cap ? 2 : 0,
                .tag = tags[i]});
        scr_lay_must(L, b, SCR_WHOLE);
        row_h = maxi(row_h, bot(L, b, cy + c->ls) - cy);
        cx += need + c->gap * 2;
    }
    return cy + row_h;
}

static int lessons_card(DCol *c, int panel, int x, int y, int w)
{
    ScrLayout *L = c->a->lay;
    const ScrDebriefText *d = c->a->dt;
    int ls = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, DC_LESSONS);
    /* the three lessons stay whole: the moments give way first */
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = ls, .x = x, .y = y, .w = w, .s = d->lessons, .px = c->small,
            .role = R_SMALL, .align = A_LEFT, .lines = c->cap ? maxi(4, c->cap + 1) : 0});
    scr_lay_must(L, b, SCR_WHOLE);
    y = bot(L, b, y);
    L->cont[ls].r.h = y - L->cont[ls].r.y;
    return y;
}

/* One chart in a card: its title (and a line under it), the chart, its
 * legend beside it (a wide panel) or below. Returns the card's bottom. */
static int chart_card(DCol *c, int panel, int x, int y, int w, int tag, int chart, const char *title, const char *sub,
                      int h, bool side, int legw, const int *tags, const char *const *labels, int n, int *side_h)
{
    bool dry = side_h != NULL; /* the first pass: the side legend's height goes to *side_h */
    ScrLayout *L = c->a->lay;
    int cw = side ? w - legw - c->gap * 2 : w;
    int card = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, tag);
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = card, .x = x, .y = y, .w = w, .s = title, .px = c->small,
            .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = c->cap ? 1 : 2});
    int yy = bot(L, b, y);
    if (sub && *sub) {
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = card, .x = x, .y = yy, .w = w, .s = sub, .px = c->small,
                .role = R_SMALL, .align = A_LEFT, .lines = c->cap ? 1 : 0});
        yy = bot(L, b, yy);
    }
    yy += c->tiny;
    int ch = scr_lay_box(L, card, K_CHART, (SDL_Rect){x, yy, cw, maxi(1, h)}, chart);
    if (ch >= 0)
        L->box[ch].px = c->small;
    if (side) {
        int ly = legend(c, card, x + cw + c->gap * 2, yy, legw, tags, labels, n);
        if (dry)
            *side_h = ly - yy;
        yy = dry ? yy + 1 : maxi(yy + h, ly);
    } else {
        yy += maxi(1, h) + c->tiny;
        yy = legend(c, card, x, yy, w, tags, labels, n);
    }
    L->cont[card].r.h = yy - L->cont[card].r.y;
    return yy;
}

/* Left (or a projector's page): the charts; they take the height the texts
 * leave. The player's mindshare among every vendor's, with trust and career
 * risk; the player's mindshare beside the buyer-first play's (each to the
 * week its game ended); the key messages' recall, week by week. */
static int build_charts(DCol *c, int panel)
{
    ScrApp *a = c->a;
    ScrLayout *L = a->lay;
    const ScrDebriefText *d = a->dt;
    const BsDebrief *db = &a->m->deb;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    int nv = a->m->p->scn->nvendors;
    int show = c->charts;
    if (d->nmsg <= 0)
        show &= ~SHOW_MEMORY;
    int tags[BS_MAX_VENDORS + 3];
    const char *labels[BS_MAX_VENDORS + 3];
    int n = 0;
    tags[n] = db->vendor;
    labels[n++] = d->legend[db->vendor];
    for (int v = 0; v < nv; v++)
        if (v != db->vendor) {
            tags[n] = v;
            labels[n++] = d->legend[v];
        }
    tags[n] = BS_MAX_VENDORS;
    labels[n++] = d->legend[BS_MAX_VENDORS];
    tags[n] = LEG_TRUST;
    labels[n++] = d->leg_trust;
    tags[n] = LEG_RISK;
    labels[n++] = d->leg_risk;
    int tags2[2] = {LEG_YOU, LEG_CENTRIC};
    const char *labels2[2] = {d->leg_you, d->leg_centric};
    int tags3[BS_MAX_MESSAGES + 1];
    const char *labels3[BS_MAX_MESSAGES + 1];
    int n3 = 0;
    for (int k = 0; k < d->nmsg && k < BS_MAX_MESSAGES; k++) {
        tags3[n3] = LEG_MSG + k;
        labels3[n3++] = d->leg_msg[k];
    }
    tags3[n3] = LEG_ACCEPTED;
    labels3[n3++] = d->leg_accepted;

    int nc = L->ncont, nb = L->nbox;
    /* a wide panel keeps the legends beside the charts (the messages' long
     * names go below theirs) */
    bool side = P.w > P.h * 14 / 10 || P.w >= c->small * 36;
    int legw = 0;
    if (side) {
        int sw = maxi(4, c->ls * 8 / 10);
        for (int i = 0; i < n; i++)
            legw = maxi(legw, tw(c->me, labels[i], c->small, false));
        for (int i = 0; i < 2; i++)
            legw = maxi(legw, tw(c->me, labels2[i], c->small, false));
        legw = mini(legw + sw + c->tiny + c->tiny, w * 30 / 100);
    }
    /* the share of the charts' height each gets */
    int weight[3] = {show & SHOW_MINDSHARE ? 45 : 0, show & SHOW_CENTRIC ? 25 : 0, show & SHOW_MEMORY ? 30 : 0};
    int wsum = weight[0] + weight[1] + weight[2], ncharts = (weight[0] > 0) + (weight[1] > 0) + (weight[2] > 0);
    if (ncharts == 0)
        return y;
    /* dry run with zero-height charts to learn the text heights */
    int heights[3] = {0, 0, 0}, side_h[3] = {0, 0, 0};
    for (int pass = 0; pass < 2; pass++) {
        L->ncont = nc;
        L->nbox = nb;
        int yy = y;
        bool first = true;
        if (show & SHOW_MINDSHARE) {
            yy = chart_card(c, panel, x, yy, w, DC_CHART1, CH_MINDSHARE, d->chart1, NULL, heights[0], side, legw, tags,
                            labels, n, pass == 0 ? &side_h[0] : NULL);
            first = false;
        }
        if (show & SHOW_CENTRIC) {
            yy += first ? 0 : c->gap * 2;
            yy = chart_card(c, panel, x, yy, w, DC_CHART2, CH_CENTRIC, d->chart2, d->centric, heights[1], side, legw,
                            tags2, labels2, 2, pass == 0 ? &side_h[1] : NULL);
            first = false;
        }
        if (show & SHOW_MEMORY) {
            yy += first ? 0 : c->gap * 2;
            yy = chart_card(c, panel, x, yy, w, DC_MEMORY, CH_MEMORY, d->memory_title, NULL, heights[2], false, 0,
                            tags3, labels3, n3, pass == 0 ? &side_h[2] : NULL);
        }

        if (pass == 0) {
            /* each chart at least its share of the panel (and as tall as
             * a legend beside it); the rest by weight */
            int avail = P.y + P.h - c->pad - yy;
            int least = P.h * (c->cap ? 12 : 15) / 100, base[3], sum = 0;
            for (int i = 0; i < 3; i++) {
                base[i] = weight[i] ? maxi(least, side_h[i]) : 0;
                sum += base[i];
            }
            /* too little room: the charts at their least, and the caller
             * sees the column end below the panel (smaller text, please) */
            int rest = avail > sum ? avail - sum : 0, left = rest;
            for (int i = 0; i < 3; i++) {
                heights[i] = weight[i] ? base[i] + rest * weight[i] / wsum : 0;
                left -= weight[i] ? rest * weight[i] / wsum : 0;
            }
            for (int i = 2; i >= 0; i--)
                if (weight[i]) { /* the rounding's rest to the last chart */
                    heights[i] += left;
                    break;
                }
        } else {
            return yy;
        }
    }
    return y;
}

static int moment_cards(DCol *c, int panel, int x, int y, int w, const char *head, const ScrMomentText *mt, int first,
                        int n, int tag)
{
    mt += first;
    ScrLayout *L = c->a->lay;
    int sec = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, tag);
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = sec, .x = x, .y = y, .w = w, .s = head, .px = c->body,
            .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 1});
    int yy = bot(L, b, y) + c->tiny;
    int ip = maxi(2, c->pad * 6 / 10);
    for (int i = 0; i < n; i++) {
        int cd = scr_lay_cont(L, sec, K_LIST_ITEM, (SDL_Rect){x, yy, w, 0}, first + i + (tag == DC_WORST ? 10 : 0));
        int vb = maxi(3, ip / 2);
        int cx = x + ip + vb + ip, cw = x + w - ip - cx;
        int cy = yy + ip;
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = mt[i].head, .px = c->small,
                .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = c->cap ? 1 : 0});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = bot(L, b, cy);
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = mt[i].said, .px = c->small,
                .bold = true, .role = R_BODY, .align = A_LEFT, .lines = c->cap ? mini(c->cap, 3) : 0});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = bot(L, b, cy);
        if (!c->cap) { /* what the move itself did: the first to go when room is short */
            b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = mt[i].own,
                    .px = c->small, .role = R_MUTED, .align = A_LEFT});
            scr_lay_must(L, b, SCR_WHOLE);
            cy = bot(L, b, cy);
        }
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = mt[i].lesson,
                .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = bot(L, b, cy);
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = mt[i].thought,
                .px = c->small, .role = R_THINK, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = bot(L, b, cy);
        scr_lay_box(L, cd, K_VERDICT_BAR, (SDL_Rect){x + ip, yy + ip, vb, maxi(1, cy - yy - ip)},
                    tag == DC_BEST ? 1 : -1);
        L->cont[cd].r.h = cy + ip - yy;
        yy = cy + ip + c->tiny;
    }
    L->cont[sec].r.h = yy - c->tiny - y;
    return yy - c->tiny;
}

/* A card of a heading and lines (the gifts above the rules), each line
 * marked as a mistake. */
static int list_card(DCol *c, int panel, int x, int y, int w, const char *head, const char (*lines)[SCR_TEXT_CAP],
                     int first, int n, int tag)
{
    lines += first;
    ScrLayout *L = c->a->lay;
    int sec = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, tag);
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = sec, .x = x, .y = y, .w = w, .s = head, .px = c->body,
            .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 2});
    int yy = bot(L, b, y) + c->tiny;
    int ip = maxi(2, c->pad * 6 / 10);
    for (int i = 0; i < n; i++) {
        int cd = scr_lay_cont(L, sec, K_LIST_ITEM, (SDL_Rect){x, yy, w, 0}, 20 + first + i);
        int vb = maxi(3, ip / 2);
        int cx = x + ip + vb + ip, cw = x + w - ip - cx;
        int cy = yy + ip;
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = cx, .y = cy, .w = cw, .s = lines[i], .px = c->small,
                .role = R_SMALL, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = bot(L, b, cy);
        scr_lay_box(L, cd, K_VERDICT_BAR, (SDL_Rect){x + ip, yy + ip, vb, maxi(1, cy - yy - ip)}, -1);
        L->cont[cd].r.h = cy + ip - yy;
        yy = cy + ip + c->tiny;
    }
    L->cont[sec].r.h = yy - c->tiny - y;
    return yy - c->tiny;
}

/* A heading and a line: no moment of that kind stood out from chance. */
static int none_card(DCol *c, int panel, int x, int y, int w, const char *head, const char *text)
{
    ScrLayout *L = c->a->lay;
    int sec = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, DC_NONE);
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = sec, .x = x, .y = y, .w = w, .s = head, .px = c->body,
            .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 1});
    int yy = bot(L, b, y) + c->tiny;
    b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = sec, .x = x, .y = yy, .w = w, .s = text, .px = c->small,
            .role = R_SMALL, .align = A_LEFT, .lines = c->cap});
    scr_lay_must(L, b, SCR_WHOLE);
    yy = bot(L, b, yy);
    L->cont[sec].r.h = yy - y;
    return yy;
}

/* Right (or a projector's pages): the best and the worst moments (or that
 * none stood out from chance), the gifts above the buyer's rules, the
 * lessons; as units, so that they can go over pages (each page a run of
 * whole units) when they do not fit at the smallest type. */
enum { MU_BEST, MU_NO_BEST, MU_NONE, MU_WORST, MU_NO_WORST, MU_GIFT, MU_LESSONS, MU_LESSON };
#define MAX_UNITS (3 + 3 + 8 + 2)

static int moment_units(const ScrApp *a, uint8_t *kind, uint8_t *idx)
{
    const ScrDebriefText *d = a->dt;
    int n = 0;
#define UNIT(k, i) (kind[n] = (uint8_t)(k), idx[n++] = (uint8_t)(i))
    if (!d->nbest && !d->nworst) {
        UNIT(MU_NONE, 0);
    } else {
        for (int i = 0; i < d->nbest; i++)
            UNIT(MU_BEST, i);
        if (!d->nbest)
            UNIT(MU_NO_BEST, 0);
        for (int i = 0; i < d->nworst; i++)
            UNIT(MU_WORST, i);
        if (!d->nworst)
            UNIT(MU_NO_WORST, 0);
    }
    for (int i = 0; i < d->ngifts && i < 8; i++)
        UNIT(MU_GIFT, i);
    if (!deb_paged(a)) /* a projector (a phone) has the lessons on a page of their own */
        UNIT(MU_LESSONS, 0);
#undef UNIT
    return n;
}

/* A projector's lessons pages: the three lessons in full. */
static int lesson_units(uint8_t *kind, uint8_t *idx)
{
    for (int k = 0; k < 3; k++) {
        kind[k] = MU_LESSON;
        idx[k] = (uint8_t)k;
    }
    return 3;
}

/* The lessons card of a projector: its heading, then lessons [first, first + n). */
static int lessons_full(DCol *c, int panel, int x, int y, int w, int first, int n)
{
    ScrLayout *L = c->a->lay;
    const ScrDebriefText *d = c->a->dt;
    int ls = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, DC_LESSONS);
    int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = ls, .x = x, .y = y, .w = w, .s = d->lessons_head,
            .px = c->body, .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 1});
    int yy = bot(L, b, y) + c->gap;
    for (int k = first; k < first + n && k < 3; k++) {
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = ls, .x = x, .y = yy, .w = w, .s = d->lesson_title[k],
                .px = c->body, .bold = true, .role = R_BODY, .align = A_LEFT});
        scr_lay_must(L, b, SCR_WHOLE);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = ls, .x = x, .y = yy, .w = w, .s = d->lesson_text[k],
                .px = c->small, .role = R_SMALL, .align = A_LEFT});
        scr_lay_must(L, b, SCR_WHOLE);
        yy = bot(L, b, yy) + c->gap;
    }
    L->cont[ls].r.h = yy - c->gap - y;
    return yy - c->gap;
}

/* Lays out units [from, to) from the panel's top; returns the bottom. */
static int lay_units(DCol *c, int panel, const uint8_t *kind, const uint8_t *idx, int from, int to)
{
    ScrLayout *L = c->a->lay;
    const ScrDebriefText *d = c->a->dt;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    for (int u = from; u < to;) {
        int v = u + 1; /* a run of one kind: one card */
        while (v < to && kind[v] == kind[u])
            v++;
        switch (kind[u]) {
        case MU_BEST:
            y = moment_cards(c, panel, x, y, w, d->best_head, d->best, idx[u], v - u, DC_BEST);
            break;
        case MU_WORST:
            y = moment_cards(c, panel, x, y, w, d->worst_head, d->worst, idx[u], v - u, DC_WORST);
            break;
        case MU_NONE:
            y = none_card(c, panel, x, y, w, d->best_head, d->no_moments);
            break;
        case MU_NO_BEST:
            y = none_card(c, panel, x, y, w, d->best_head, d->no_best);
            break;
        case MU_NO_WORST:
            y = none_card(c, panel, x, y, w, d->worst_head, d->no_worst);
            break;
        case MU_GIFT:
            y = list_card(c, panel, x, y, w, d->gifts_title, d->gifts, idx[u], v - u, DC_GIFTS);
            break;
        case MU_LESSON:
            y = lessons_full(c, panel, x, y, w, idx[u], v - u);
            break;
        default:
            y = lessons_card(c, panel, x, y, w);
            break;
        }
        y += c->gap * 2;
        u = v;
    }
    return y - c->gap * 2;
}

/* Where the moments' pages begin (unit indexes, first[npages] = n) at
 * type size body: whole units while they fit above the pager's line; on a
 * projector the worst moments begin a page of their own. */
static int moment_pages(ScrApp *a, const ScrMeasure *me, int panel, int body, const uint8_t *kind, const uint8_t *idx,
                        int n, int *first)
{
    ScrLayout *L = a->lay;
    int nc = L->ncont, nb = L->nbox;
    SDL_Rect P = L->cont[panel].r;
    DCol c;
    dcol_init(&c, a, me, body, 0);
    int avail = P.y + P.h - c.pad - (c.ls + c.tiny * 2);
    int np = 0;
    first[np++] = 0;
    int u = 0;
    while (u < n && np < MAX_UNITS) {
        int v = u + 1;
        while (v < n) {
            if (deb_proj(a) && kind[v] >= MU_WORST && kind[v - 1] < MU_WORST)
                break;
            L->ncont = nc;
            L->nbox = nb;
            if (lay_units(&c, panel, kind, idx, u, v + 1) > avail)
                break;
            v++;
        }
        first[np++] = v;
        u = v;
    }
    L->ncont = nc;
    L->nbox = nb;
    return np - 1;
}

/* The moments column: the largest type (down to the floor) at which they
 * take as few pages as they can (one; on a projector the best and the worst
 * apart), then the page asked for, with a line that says which page it is
 * when there are more than that. */
static int fit_units(ScrApp *a, const ScrMeasure *me, int panel, bool lessons, int page)
{
    ScrLayout *L = a->lay;
    uint8_t kind[MAX_UNITS], idx[MAX_UNITS];
    int n = lessons ? lesson_units(kind, idx) : moment_units(a, kind, idx);
    int fewest = 1;
    for (int u = 1; u < n; u++)
        fewest += deb_proj(a) && kind[u] >= MU_WORST && kind[u - 1] < MU_WORST;
    int base = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int lo = deb_proj(a) ? (a->out_h + 35) / 36 : scr_min_body_px(a->out_w, a->out_h, false);
    if (lo > base)
        lo = base;
    int first[MAX_UNITS + 1], np = 0, body = base;
    int best_np = 1 << 20, best_body = base;
    for (int it = 0; it < 40; it++) {
        np = moment_pages(a, me, panel, body, kind, idx, n, first);
        if (np < best_np) {
            best_np = np;
            best_body = body;
        }
        if (np <= fewest || body <= lo)
            break;
        body = maxi(lo, body * 95 / 100 < body - 1 ? body * 95 / 100 : body - 1);
    }
    if (scr_portrait(a->out_w, a->out_h) && best_body != body) {
        /* a phone: as few pages as any size takes, at the largest type that takes that few */
        body = best_body;
        np = moment_pages(a, me, panel, body, kind, idx, n, first);
    }
    if (page >= np)
        page = np - 1;
    if (page < 0)
        page = 0;
    DCol c;
    dcol_init(&c, a, me, body, 0);
    int y = lay_units(&c, panel, kind, idx, first[page], first[page + 1]);
    SDL_Rect P = L->cont[panel].r;
    if (np > fewest && !scr_portrait(a->out_w, a->out_h)) { /* "Page 2 of 3 · Page Down / Page Up" (a phone: its own line) */
        char pg[16], pgs[16];
        snprintf(pg, sizeof pg, "%d", page + 1);
        snprintf(pgs, sizeof pgs, "%d", np);
        const char *kv[] = {"page", pg, "pages", pgs, NULL};
        app_fill(L->pager_text, sizeof L->pager_text, scr_str(a->m, "screen.moments_page"), kv);
        int py = P.y + P.h - c.pad - c.ls - c.tiny;
        int pc = scr_lay_cont(L, panel, K_PAGER, (SDL_Rect){P.x + c.pad, py - c.tiny, P.w - 2 * c.pad, c.ls + 2 * c.tiny},
                              page);
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = pc, .x = P.x + c.pad * 3 / 2, .y = py, .w = P.w - 3 * c.pad,
                .s = L->pager_text, .px = c.small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
        scr_lay_must(L, b, SCR_WHOLE);
        L->pager = pc;
        (void)y;
    }
    if (y > P.y + P.h) /* one unit taller than the panel even at the floor */
        L->overflow = true;
    return np;
}

/* Role-play: the players compared, a card each (a click opens theirs). */
static int build_ranking(DCol *c, int panel)
{
    ScrLayout *L = c->a->lay;
    const ScrDebriefText *d = c->a->dt;
    const ScrModel *m = c->a->m;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    int ip = maxi(2, c->pad * 7 / 10);
    for (int i = 0; i < d->nrank; i++) {
        int se = d->rank[i].seat;
        int vendor = m->p->deb[se].vendor;
        int cd = scr_lay_cont(L, panel, K_LIST_ITEM, (SDL_Rect){x, y, w, 0}, se);
        int sw = maxi(6, c->lb * 7 / 10);
        scr_lay_box(L, cd, K_SWATCH, (SDL_Rect){x + ip, y + ip + (c->lb - sw) / 2, sw, sw}, vendor);
        int tx = x + ip + sw + c->gap, tww = x + w - ip - tx;
        int ow = mini(tw(c->me, d->rank[i].open, c->small, true) + c->tiny, tww / 3);
        int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = tx, .y = y + ip, .w = tww - ow - c->gap,
                .s = d->rank[i].head, .px = c->body, .bold = true, .role = R_BODY, .align = A_LEFT,
                .lines = c->cap ? 1 : 0});
        scr_lay_must(L, b, SCR_WHOLE);
        scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = x + w - ip - ow, .y = y + ip + (c->lb - c->ls) / 2,
                .w = ow, .s = d->rank[i].open, .px = c->small, .bold = true, .role = R_LABEL, .align = A_RIGHT,
                .lines = 1});
        int yy = maxi(bot(L, b, y + ip), y + ip + c->lb);
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = tx, .y = yy, .w = tww, .s = d->rank[i].line,
                .px = c->small, .role = R_MUTED, .align = A_LEFT, .lines = c->cap ? 1 : 0});
        scr_lay_must(L, b, SCR_WHOLE);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cd, .x = tx, .y = yy, .w = tww, .s = d->rank[i].lessons,
                .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, b, SCR_WHOLE);
        yy = bot(L, b, yy);
        L->cont[cd].r.h = yy + ip - y;
        y = yy + ip + c->gap;
    }
    /* the players' mindshare over the weeks, in their vendors' colours */
    int room = P.y + P.h - c->pad - y;
    if (room > P.h / 4 && room > c->ls * 6) {
        int cc = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, room}, DC_CHART1);
        int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = cc, .x = x, .y = y, .w = w, .s = d->rank_chart,
                .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
        int yy = bot(L, b, y) + c->tiny;
        int ch = scr_lay_box(L, cc, K_CHART, (SDL_Rect){x, yy, w, y + room - yy}, CH_PLAYERS);
        if (ch >= 0)
            L->box[ch].px = c->small;
        y += room;
    } else {
        y -= c->gap;
    }
    return y;
}

typedef int (*DBuild)(DCol *c, int panel);

static void dfit(ScrApp *a, const ScrMeasure *me, int panel, DBuild build, int charts)
{
    ScrLayout *L = a->lay;
    int nc = L->ncont, nb = L->nbox;
    int base = scr_base_body_px(a->out_w, a->out_h, a->projector);
    /* the debrief's words are not the buyer's: 1/36 of the height will do
     * on a projector, where the charts need the room */
    int lo = deb_proj(a) ? (a->out_h + 35) / 36 : scr_min_body_px(a->out_w, a->out_h, false);
    if (lo > base)
        lo = base;
    SDL_Rect P = L->cont[panel].r;
    int avail = P.y + P.h;
    int body = base;
    DCol c;
    for (int it = 0; it < 10; it++) {
        L->ncont = nc;
        L->nbox = nb;
        dcol_init(&c, a, me, body, 0);
        c.charts = charts;
        int end = build(&c, panel) + c.pad;
        if (end <= avail)
            return;
        if (body <= lo)
            break;
        double k = (double)(avail - P.y) / (double)(end - P.y);
        int nb2 = (int)(body * (k > 0.25 ? sqrt(k) : 0.5) * 0.985);
        if (nb2 >= body)
            nb2 = body - 1;
        body = nb2 < lo ? lo : nb2;
    }
    for (int cap = 5; cap >= 1; cap--) {
        L->ncont = nc;
        L->nbox = nb;
        dcol_init(&c, a, me, lo, cap);
        c.charts = charts;
        int end = build(&c, panel) + c.pad;
        if (end <= avail)
            return;
    }
    /* a tiny window: keep what fits */
    L->overflow = true;
    int k = nb;
    for (int i = nb; i < L->nbox; i++)
        if (L->box[i].r.y + L->box[i].r.h <= avail)
            L->box[k++] = L->box[i];
    L->nbox = k;
    for (int i = nc; i < L->ncont; i++) {
        SDL_Rect *r = &L->cont[i].r;
        if (r->y + r->h > avail)
            r->h = maxi(0, avail - r->y);
        if (r->y > avail)
            r->y = avail;
    }
}

void scr_layout_debrief(ScrApp *a)
{
    ScrLayout *L = a->lay;
    scr_layout_begin(L, a->out_w, a->out_h, a->projector);
    if (!debrief_texts(a))
        return;
    const ScrDebriefText *d = a->dt;
    bs_text_set_lang(a->text, a->m->p->lang);
    ScrMeasure me = scr_measure_for(a->text);
    ScrLayoutIn in = {.w = a->out_w, .h = a->out_h, .projector = a->projector, .exam = a->exam, .demo = a->demo};
    int body = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int margin = scr_lay_margin(a->out_w, a->out_h), gap = scr_lay_gap(a->out_w, a->out_h);
    int y = scr_lay_topbar(L, &me, &in, &a->m->wk, body, margin) + gap;
    int W = a->out_w - 2 * margin;
    L->body_px_left = body;
    bool ranking = a->deb_seat < 0 && a->m->p->ss.nseats > 1;
    /* a projector: which page is which depends on how many pages the
     * moments take, known from laying out one of theirs first */
    static bool inner;
    if (deb_paged(a) && !ranking && !inner) {
        int keep = a->deb_page;
        inner = true;
        a->deb_split = false;
        if (scr_portrait(a->out_w, a->out_h)) { /* a phone: the chart under the outcome, or a page of its own? */
            a->deb_page = 0;
            scr_layout_debrief(a); /* sets a->deb_split */
        }
        a->deb_page = 1;
        scr_layout_debrief(a); /* counts the pages (a->deb_mpages, deb_lpages) */
        inner = false;
        a->deb_page = keep;
        scr_layout_begin(L, a->out_w, a->out_h, a->projector);
        L->body_px_left = body;
        if (scr_portrait(a->out_w, a->out_h)) /* a phone keeps its top bar (the week, the mode) */
            scr_lay_topbar(L, &me, &in, &a->m->wk, body, margin);
    }
    int pages = scr_debrief_pages(a);
    if (a->deb_page >= pages)
        a->deb_page = pages - 1;
    if (a->deb_page < 0)
        a->deb_page = 0;

    /* the outcome across the top, and why she decided as she did (on a
     * projector: on the first page, with the charts) */
    DCol c;
    int y0 = y, nc0 = L->ncont, nb0 = L->nbox, hbody = body, yy, b, head;
    /* the head takes at most about a quarter of the screen (a tall screen's
     * type is large): smaller type until it does, down to the floor */
    int floor_px = deb_proj(a) ? (a->out_h + 35) / 36 : scr_min_body_px(a->out_w, a->out_h, false);
    /* a projector's later pages: the moments, the charts, the lessons get
     * the room (the first page said the outcome) */
    bool headless = deb_paged(a) && !ranking && a->deb_page > 0;
    bool phone = scr_portrait(a->out_w, a->out_h);
    for (; !headless;) {
        L->ncont = nc0;
        L->nbox = nb0;
        y = y0;
        dcol_init(&c, a, &me, hbody, 0);
        head = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, 0}, DC_HEAD);
        yy = y + c.pad;
        int hx = margin + c.pad, hw = W - 2 * c.pad;
        if (ranking) {
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->rank_title,
                    .px = c.title, .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 2});
            yy = bot(L, b, yy);
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->rank_outcome,
                    .px = c.small, .role = R_MUTED, .align = A_LEFT});
            scr_lay_must(L, b, SCR_WHOLE);
            yy = bot(L, b, yy) + c.pad;
        } else {
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->who, .px = c.small,
                    .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
            yy = bot(L, b, yy);
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->outcome,
                    .px = c.title, .bold = true, .role = R_TITLE, .align = A_LEFT});
            scr_lay_must(L, b, SCR_WHOLE);
            yy = bot(L, b, yy);
            if (d->nwhy > 0 && (!deb_paged(a) || a->deb_page <= 0)) {
                yy += c.tiny;
                b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->why_title,
                        .px = c.small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
                yy = bot(L, b, yy);
                /* the reasons in two columns when the screen is wide enough */
                bool two = d->nwhy > 2 ? hw > c.small * 44 : d->nwhy > 1 && hw > c.body * 50;
                int colw = two ? (hw - c.gap * 3) / 2 : hw;
                int rows = two ? (d->nwhy + 1) / 2 : d->nwhy;
                int top = yy, low = yy;
                for (int i = 0; i < d->nwhy; i++) {
                    int col = two ? i / rows : 0;
                    if (two && i == rows)
                        yy = top;
                    b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx + col * (colw + c.gap * 3), .y = yy,
                            .w = colw, .s = d->why[i], .px = c.small, .role = R_BODY, .align = A_LEFT});
                    scr_lay_must(L, b, SCR_WHOLE);
                    yy = bot(L, b, yy);
                    low = maxi(low, yy);
                }
                yy = low + c.tiny;
            }
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->final,
                    .px = c.small, .role = R_MUTED, .align = A_LEFT});
            scr_lay_must(L, b, SCR_WHOLE);
            yy = bot(L, b, yy);
            b = scr_lay_text(L, &me, (ScrTextSpec){.cont = head, .x = hx, .y = yy, .w = hw, .s = d->predictions,
                    .px = c.small, .bold = true, .role = R_BODY, .align = A_LEFT});
            scr_lay_must(L, b, SCR_WHOLE);
            yy = bot(L, b, yy) + c.pad;
        }
        /* (a phone's first page: the outcome and its reasons, then the chart) */
        int most = !phone ? 27 : a->deb_split && a->deb_page == 0 ? 100 : 60;
        if (yy - y <= a->out_h * most / 100 || hbody * 92 / 100 < floor_px)
            break;
        hbody = hbody * 92 / 100;
    }
    if (!headless) {
        L->cont[head].r.h = yy - y;
        y = yy + gap;
    }
    dcol_init(&c, a, &me, body, 0); /* the buttons keep the base size */

    /* buttons along the bottom */
    int bpx = body, blh = c.lb;
    int nbut = d->nbuttons;
    bool narrow = false;
    for (int i = 0; i < nbut; i++)
        narrow |= tw(&me, d->button[i], body, true) + 2 * c.pad > (W - (nbut - 1) * gap) / nbut;
    if (narrow) { /* a narrow screen: smaller labels */
        bpx = c.small;
        blh = c.ls;
    }
    int bh = blh + 2 * c.tiny * 2;
    int by = a->out_h - margin - bh;
    int bx = margin;
    if (phone) {
        /* a phone: two buttons a row, as wide as a thumb likes */
        int per = 2, bw = (W - gap) / 2;
        bpx = body;
        blh = c.lb;
        const char *label[4];
        for (int i = 0; i < nbut && i < 4; i++) {
            label[i] = d->button[i];
            if (tw(&me, label[i], body, true) + c.pad > bw)
                bpx = c.small, blh = c.ls;
        }
        bool keyless = false;
        for (int i = 0; i < nbut && i < 4; i++)
            keyless |= tw(&me, label[i], bpx, true) + c.pad > bw;
        for (int i = 0; i < nbut && i < 4 && keyless; i++) {
            /* too long still: the labels without their keys ("E · "), which a phone has not */
            const char *dot = strstr(label[i], " \xC2\xB7 ");
            if (dot && dot - label[i] <= 4)
                label[i] = dot + 4;
        }
        bh = blh + 2 * c.tiny * 3;
        int rows = (nbut + per - 1) / per;
        by = a->out_h - margin - rows * bh - (rows - 1) * gap;
        for (int i = 0; i < nbut && i < 4; i++) {
            int bx2 = margin + (i % per) * (bw + gap), by2 = by + (i / per) * (bh + gap);
            int bc = scr_lay_cont(L, 0, K_BUTTON, (SDL_Rect){bx2, by2, bw, bh}, i);
            int b2 = scr_lay_text(L, &me, (ScrTextSpec){.cont = bc, .x = bx2 + c.pad / 2, .y = by2 + (bh - blh) / 2,
                    .w = bw - c.pad, .s = label[i], .px = bpx, .bold = true, .role = R_LABEL, .align = A_CENTER,
                    .lines = 1, .tag = i});
            scr_lay_must(L, b2, SCR_WHOLE);
        }
        nbut = 0;
    }
    for (int i = 0; i < nbut; i++) {
        int bw = mini(tw(&me, d->button[i], bpx, true) + 2 * c.pad, (W - (nbut - 1) * gap) / nbut);
        int bc = scr_lay_cont(L, 0, K_BUTTON, (SDL_Rect){bx, by, bw, bh}, i);
        scr_lay_text(L, &me, (ScrTextSpec){.cont = bc, .x = bx + c.pad / 2, .y = by + (bh - blh) / 2, .w = bw - c.pad,
                .s = d->button[i], .px = bpx, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1, .tag = i});
        bx += bw + gap;
    }
    int ph = by - gap - y;
    if (phone && !ranking) {
        /* a phone: the page and how to turn it, on every page, above the buttons */
        int pgh = c.ls + 2 * c.tiny;
        ph -= pgh + gap;
        int py = by - gap - pgh;
        char pg[16], pgs[16], head2[160];
        snprintf(pg, sizeof pg, "%d", a->deb_page + 1);
        snprintf(pgs, sizeof pgs, "%d", scr_debrief_pages(a));
        const char *kv[] = {"page", pg, "pages", pgs, NULL};
        app_fill(head2, sizeof head2, a->m->wk.page_fmt, kv);
        snprintf(L->pager_text, sizeof L->pager_text, "%s \xC2\xB7 %s", head2,
                 a->deb_page < scr_debrief_pages(a) - 1 ? a->m->wk.touch_more : a->m->wk.touch_back);
        int pc = scr_lay_cont(L, 0, K_PAGER, (SDL_Rect){margin, py, W, pgh}, a->deb_page);
        int b2 = scr_lay_text(L, &me, (ScrTextSpec){.cont = pc, .x = margin + c.pad, .y = py + c.tiny,
                .w = W - 2 * c.pad, .s = L->pager_text, .px = c.small, .bold = true, .role = R_LABEL,
                .align = A_LEFT, .lines = 1});
        scr_lay_must(L, b2, SCR_WHOLE);
        L->pager = pc;
    }
    if (ranking) {
        int list = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_BEST);
        dfit(a, &me, list, build_ranking, 0);
        return;
    }
    if (deb_paged(a)) {
        /* on a projector (a phone), pages (the clicker turns them): the charts, the
         * best moments, the worst with the gifts and the lessons, the key
         * messages in her memory */
        int mp = a->deb_mpages > 0 ? a->deb_mpages : 2;
        /* a phone whose outcome takes the first page: the chart the next */
        int p = a->deb_page - (a->deb_split && a->deb_page >= 1 ? 1 : 0);
        if (inner && a->deb_page == 0) {
            /* a phone: the chart fits under the outcome whole, at a height worth reading, or goes to a page of its own */
            int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, ph}, DC_CHART1);
            int nb1 = L->nbox;
            dfit(a, &me, left, build_charts, SHOW_MINDSHARE);
            bool ok = !L->overflow && ph > 0;
            for (int i = nb1; i < L->nbox; i++)
                ok &= !(L->box[i].must && L->box[i].cut) &&
                      !(L->box[i].kind == K_CHART && L->box[i].r.h < a->out_h / 5);
            a->deb_split = !ok;
            return;
        }
        if (inner) { /* count the pages of the moments and of the lessons */
            int nc = L->ncont, nb = L->nbox;
            int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_BEST);
            a->deb_mpages = fit_units(a, &me, right, false, 0);
            L->ncont = nc;
            L->nbox = nb;
            right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_LESSONS);
            a->deb_lpages = fit_units(a, &me, right, true, 0);
        } else if (a->deb_split && a->deb_page == 0) {
            /* the outcome and its reasons alone */
        } else if (p <= 0) {
            int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, ph}, DC_CHART1);
            dfit(a, &me, left, build_charts, SHOW_MINDSHARE);
        } else if (p <= mp) {
            int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_BEST);
            fit_units(a, &me, right, false, p - 1);
        } else if (p == mp + 1) {
            int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, ph}, DC_MEMORY);
            dfit(a, &me, left, build_charts, SHOW_CENTRIC | SHOW_MEMORY);
        } else {
            int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_LESSONS);
            fit_units(a, &me, right, true, p - mp - 2);
        }
        return;
    }
    int lw = (W - gap) * 44 / 100; /* the moments need the words */
    int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, lw, ph}, DC_CHART1);
    int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin + lw + gap, y, W - lw - gap, ph}, DC_BEST);
    dfit(a, &me, left, build_charts, SHOW_MINDSHARE | SHOW_CENTRIC | SHOW_MEMORY);
    a->deb_mpages = fit_units(a, &me, right, false, a->deb_page);
    if (a->deb_page >= a->deb_mpages)
        a->deb_page = a->deb_mpages - 1;
}

/*============================================================================
 * Drawing
 *==========================================================================*/
static void polyline(SDL_Renderer *r, const float *xs, const float *ys, int n, float w, SDL_Color c, bool dashed)
{
    for (int i = 0; i + 1 < n; i++) {
        if (!dashed) {
            gfx_line(r, xs[i], ys[i], xs[i + 1], ys[i + 1], w, c);
            continue;
        }
        float dx = xs[i + 1] - xs[i], dy = ys[i + 1] - ys[i];
        float len = sqrtf(dx * dx + dy * dy);
        float dash = w * 3.0f;
        for (float t = 0; t < len; t += dash * 2) {
            float t1 = t + dash < len ? t + dash : len;
            gfx_line(r, xs[i] + dx * t / len, ys[i] + dy * t / len, xs[i] + dx * t1 / len, ys[i] + dy * t1 / len, w, c);
        }
    }
    for (int i = 0; i < n; i++)
        if (!dashed)
            gfx_circle(r, xs[i], ys[i], w * 0.5f, c);
    gfx_flush(r);
}

/* The key messages' colours in the memory chart (its own legend). */
static SDL_Color msg_color(const ScrTheme *th, int k)
{
    static const int order[] = {0, 1, 2, 3, 4, 5, 7};
    SDL_Color c = th->vendor[order[k % 7]];
    if (k >= 7) /* more messages than colours: a lighter shade */
        c = gfx_mix(c, th->panel, 0.45f);
    return c;
}

static void draw_chart(ScrApp *a, const ScrBox *b, int bi)
{
    const ScrTheme *th = &a->th;
    const BsDebrief *db = &a->m->deb;
    SDL_Renderer *r = a->ren;
    int px = b->px;
    BsFont *f = bs_text_font(a->text, px, false);
    int lh = f ? bs_text_line_height(f) : px;
    int lw = 0;
    if (f)
        bs_text_measure(a->text, f, "100%", 4, 0, &lw);
    lw += px / 2;
    SDL_Rect P = {b->r.x + lw, b->r.y + lh / 2, b->r.w - lw - px, b->r.h - lh - lh / 2};
    if (P.w < 10 || P.h < 10)
        return;
    const BsHistory *h = &db->player;
    int n = h->nweeks + 1;
    /* the buyer-first game may end in another week: its chart covers both */
    if (b->tag == CH_CENTRIC && db->has_centric && db->centric.nweeks + 1 > n)
        n = db->centric.nweeks + 1;
    if (n < 2)
        return;
    float xs[BS_MAX_WEEKS + 1], top[BS_MAX_WEEKS + 1], bo[BS_MAX_WEEKS + 1];
    for (int i = 0; i < n; i++)
        xs[i] = (float)P.x + (float)P.w * (float)i / (float)(n - 1);
    double ymax = 1.0;
    int seats = a->m->p->ss.nseats;
    if (b->tag == CH_PLAYERS) { /* role-play: every player's mindshare */
        h = &a->m->p->deb[0].player;
        ymax = 0.2;
        for (int se = 0; se < seats; se++)
            for (int i = 0; i <= h->nweeks; i++)
                if ((double)h->w[i].mindshare[a->m->p->deb[se].vendor] > ymax)
                    ymax = (double)h->w[i].mindshare[a->m->p->deb[se].vendor];
        ymax = ceil(ymax * 10.0 - 1e-9) / 10.0;
    } else if (b->tag == CH_CENTRIC) {
        ymax = 0.2;
        for (int i = 0; i <= h->nweeks; i++)
            if ((double)h->w[i].mindshare[db->vendor] > ymax) ymax = (double)h->w[i].mindshare[db->vendor];
        if (db->has_centric)
            for (int i = 0; i <= db->centric.nweeks; i++)
                if ((double)db->centric.w[i].mindshare[db->vendor] > ymax) ymax = (double)db->centric.w[i].mindshare[db->vendor];
        ymax = ceil(ymax * 10.0 - 1e-9) / 10.0;
    }
    /* grid and labels */
    for (int g = 0; g <= 4; g++) {
        int gy = P.y + P.h - (int)((double)P.h * g / 4.0 + 0.5);
        gfx_rect(r, (SDL_Rect){P.x, gy, P.w, 1}, gfx_mix(th->panel, th->muted, 0.35f));
        if (g % 2 == 0) {
            char lab[16];
            snprintf(lab, sizeof lab, "%.0f%%", 100.0 * ymax * g / 4.0);
            scr_draw_line(&a->draw, lab, px, false, (SDL_Rect){b->r.x, gy - lh / 2, lw - px / 3, lh}, A_RIGHT, th->muted, bi);
        }
    }
    int every = 1;
    int wlab = 0;
    if (f)
        bs_text_measure(a->text, f, "52", 2, 0, &wlab);
    while (every < n && (float)P.w / (float)(n - 1) * (float)every < (float)wlab * 2.2f)
        every++;
    for (int i = 0; i < n; i += every) {
        char lab[16];
        snprintf(lab, sizeof lab, "%d", i);
        int cx = (int)xs[i];
        SDL_Rect lr = {cx - wlab, P.y + P.h + 1, wlab * 2, lh};
        if (lr.x < b->r.x) lr.x = b->r.x;
        if (lr.x + lr.w > b->r.x + b->r.w) lr.x = b->r.x + b->r.w - lr.w;
        if (lr.y + lr.h > b->r.y + b->r.h) lr.h = b->r.y + b->r.h - lr.y;
        scr_draw_line(&a->draw, lab, px, false, lr, A_CENTER, th->muted, bi);
    }
    int nv = a->m->p->scn->nvendors;
    float lw2 = (float)px * 0.25f;
    if (lw2 < 2)
        lw2 = 2;
    if (b->tag == CH_PLAYERS) {
        float ys[BS_MAX_WEEKS + 1];
        for (int se = 0; se < seats; se++) {
            int v = a->m->p->deb[se].vendor;
            for (int i = 0; i < n; i++)
                ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].mindshare[v] / ymax * P.h);
            polyline(r, xs, ys, n, lw2, th->vendor[v], false);
        }
        return;
    }
    if (b->tag == CH_MEMORY) {
        /* each key message's recall, week by week; a dot where the buyer had
         * accepted it; the dashed line: recall enough to be accepted */
        float half = (float)(P.y + P.h) - 0.5f * (float)P.h;
        float xs50[2] = {(float)P.x, (float)(P.x + P.w)}, ys50[2] = {half, half};
        polyline(r, xs50, ys50, 2, lw2 * 0.5f, gfx_mix(th->panel, th->muted, 0.7f), true);
        float ys[BS_MAX_WEEKS + 1];
        int nm = a->m->p->scn->nmessages;
        for (int k = 0; k < nm; k++) {
            SDL_Color col = msg_color(th, k);
            for (int i = 0; i < n; i++)
                ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].recall[k] * P.h);
            polyline(r, xs, ys, n, lw2, col, false);
            for (int i = 0; i < n; i++)
                if (h->w[i].accepted[k]) {
                    gfx_circle(r, xs[i], ys[i], lw2 * 2.2f, th->panel);
                    gfx_circle(r, xs[i], ys[i], lw2 * 1.7f, col);
                }
            gfx_flush(r);
        }
        return;
    }
    if (b->tag == CH_MINDSHARE) {
        /* stacked areas: the player at the bottom, other sources on top */
        for (int i = 0; i < n; i++)
            bo[i] = (float)(P.y + P.h);
        int order[BS_MAX_VENDORS + 1], k = 0;
        order[k++] = db->vendor;
        for (int v = 0; v < nv; v++)
            if (v != db->vendor)
                order[k++] = v;
        order[k++] = BS_MAX_VENDORS;
        for (int j = 0; j < k; j++) {
            int slot = order[j];
            int src = slot;
            for (int i = 0; i < n; i++) {
                double sh = (double)h->w[i].mindshare[src];
                /* the shares add up to 1: the last band closes at the top exactly */
                top[i] = j == k - 1 ? (float)P.y : bo[i] - (float)(sh * P.h);
            }
            gfx_band(r, xs, top, bo, n, th->vendor[slot]);
            for (int i = 0; i < n; i++)
                bo[i] = top[i];
        }
        float ys[BS_MAX_WEEKS + 1], ys2[BS_MAX_WEEKS + 1];
        for (int i = 0; i < n; i++) {
            ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].trust[db->vendor] / 100.0 * P.h);
            ys2[i] = (float)(P.y + P.h) - (float)((double)h->w[i].risk[db->vendor] / 100.0 * P.h);
        }
        float lw3 = (float)px * 0.22f;
        if (lw3 < 2) lw3 = 2;
        polyline(r, xs, ys, n, lw3 * 2.0f, th->panel, false);
        polyline(r, xs, ys, n, lw3, th->text, false);
        polyline(r, xs, ys2, n, lw3 * 2.0f, th->panel, true);
        polyline(r, xs, ys2, n, lw3, th->text, true);
        return;
    }
    /* as played beside buyer-first, each to the week its game ended, with
     * a mark there */
    float ys[BS_MAX_WEEKS + 1] = {0};
    SDL_Color grid = gfx_mix(th->panel, th->muted, 0.55f);
    int n1 = h->nweeks + 1;
    if (db->has_centric) {
        int n2 = db->centric.nweeks + 1;
        for (int i = 0; i < n2; i++)
            ys[i] = (float)(P.y + P.h) - (float)((double)db->centric.w[i].mindshare[db->vendor] / ymax * P.h);
        if (db->centric_decided_week > 0 && n2 >= 1) {
            gfx_line(r, xs[n2 - 1], (float)P.y, xs[n2 - 1], (float)(P.y + P.h), 1.0f, grid);
            gfx_flush(r);
        }
        polyline(r, xs, ys, n2, lw2, th->text, true);
        if (db->centric_decided_week > 0 && n2 >= 1) {
            gfx_circle(r, xs[n2 - 1], ys[n2 - 1], lw2 * 2.2f, th->panel);
            gfx_circle(r, xs[n2 - 1], ys[n2 - 1], lw2 * 1.6f, th->text);
            gfx_flush(r);
        }
    }
    for (int i = 0; i < n1; i++)
        ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].mindshare[db->vendor] / ymax * P.h);
    if (db->decided_week > 0) {
        gfx_line(r, xs[n1 - 1], (float)P.y, xs[n1 - 1], (float)(P.y + P.h), 1.0f, grid);
        gfx_flush(r);
    }
    polyline(r, xs, ys, n1, lw2 * 1.3f, th->vendor[db->vendor], false);
    if (db->decided_week > 0) {
        gfx_circle(r, xs[n1 - 1], ys[n1 - 1], lw2 * 2.6f, th->panel);
        gfx_circle(r, xs[n1 - 1], ys[n1 - 1], lw2 * 2.0f, th->vendor[db->vendor]);
        gfx_flush(r);
    }
}

void scr_draw_debrief(ScrApp *a)
{
    const ScrLayout *L = a->lay;
    const ScrTheme *th = &a->th;
    SDL_Renderer *r = a->ren;
    int rad = L->body_px_left / 3;
    for (int i = 0; i < L->ncont; i++) {
        const ScrCont *c = &L->cont[i];
        switch (c->kind) {
        case K_TOPBAR:
            gfx_rect(r, c->r, th->panel);
            gfx_rect(r, (SDL_Rect){c->r.x, c->r.y + c->r.h - 2, c->r.w, 2}, th->border);
            break;
        case K_PANEL_LEFT:
        case K_PANEL_RIGHT:
            gfx_round(r, c->r, rad, th->panel);
            break;
        case K_LIST_ITEM: {
            bool hov = a->deb_seat < 0 && a->deb_hover == 100 + c->tag;
            gfx_round_border(r, c->r, rad / 2, hov ? 2 : 0, hov ? th->choice_hover : th->card, th->accent);
            break;
        }
        case K_BUTTON:
            gfx_round_border(r, c->r, rad, a->deb_hover == c->tag ? 3 : 0, c->tag == 0 ? th->accent : th->card,
                             th->text);
            break;
        case K_PAGER: /* a phone's "Page 2 of 5 · tap or swipe up: more" */
            if (L->portrait)
                gfx_round_border(r, c->r, rad / 2, 1, th->panel, th->accent);
            break;
        default:
            break;
        }
    }
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        const ScrCont *c = &L->cont[b->cont];
        switch (b->kind) {
        case K_TEXT: {
            SDL_Color col = b->role == R_MUTED || b->role == R_LABEL ? th->muted : b->role == R_THINK ? th->think_text
                                                                                                      : th->text;
            if (c->kind == K_TOPBAR && b->tag == 1) {
                gfx_round(r, b->r, b->r.h / 2, th->accent);
                col = th->accent_text;
            }
            if (c->kind == K_BUTTON && c->tag == 0)
                col = th->accent_text;
            else if (c->kind == K_BUTTON)
                col = th->text;
            scr_draw_box_text(&a->draw, L, i, b->s, b->len, col);
            break;
        }
        case K_CHART:
            draw_chart(a, b, i);
            break;
        case K_SWATCH:
            if (b->tag == LEG_TRUST || b->tag == LEG_RISK || b->tag == LEG_CENTRIC) {
                float cy = (float)b->r.y + (float)b->r.h * 0.5f, lw = (float)b->r.h * 0.25f;
                if (b->tag == LEG_RISK || b->tag == LEG_CENTRIC) {
                    gfx_line(r, (float)b->r.x, cy, (float)b->r.x + (float)b->r.w * 0.38f, cy, lw, th->text);
                    gfx_line(r, (float)b->r.x + (float)b->r.w * 0.62f, cy, (float)(b->r.x + b->r.w), cy, lw, th->text);
                } else {
                    gfx_line(r, (float)b->r.x, cy, (float)(b->r.x + b->r.w), cy, lw, th->text);
                }
                gfx_flush(r);
            } else if (b->tag == LEG_ACCEPTED) { /* the dot of an accepted week */
                float dr = (float)b->r.h * 0.32f;
                gfx_circle(r, (float)b->r.x + (float)b->r.w * 0.5f, (float)b->r.y + (float)b->r.h * 0.5f, dr, th->text);
                gfx_flush(r);
            } else if (b->tag >= LEG_MSG && b->tag < LEG_MSG + BS_MAX_MESSAGES) {
                float cy = (float)b->r.y + (float)b->r.h * 0.5f, lw = (float)b->r.h * 0.3f;
                gfx_line(r, (float)b->r.x, cy, (float)(b->r.x + b->r.w), cy, lw, msg_color(th, b->tag - LEG_MSG));
                gfx_flush(r);
            } else {
                int slot = b->tag == LEG_YOU ? a->m->deb.vendor : b->tag;
                if (slot >= 0 && slot <= BS_MAX_VENDORS)
                    gfx_round(r, b->r, b->r.w / 4, th->vendor[slot]);
            }
            break;
        case K_VERDICT_BAR:
            gfx_rect(r, b->r, b->tag > 0 ? th->good : th->bad);
            break;
        default:
            break;
        }
    }
    gfx_flush(r);
}
