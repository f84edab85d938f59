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
    const BsScenario *s = m->scn;
    const BsStrings *t = m->str ? m->str : m->str_en;
    char wk[16], imp[32], tmp[SCR_LONG_CAP], txt[SCR_TEXT_CAP];
    snprintf(wk, sizeof wk, "%d", mo->week);
    scr_fmt_signed(imp, sizeof imp, mo->impact, 1);
    const char *kvh[] = {"week", wk, "impact", imp, NULL};
    app_fill(out->head, sizeof out->head, scr_str(m, "screen.moment_head"), kvh);
    const BsChoice *c = mo->state >= 0 && mo->choice >= 0 ? &s->states[mo->state].choices[mo->choice] : NULL;
    bs_format(&m->g, m->deb.vendor, c ? c->text : "", txt, sizeof txt);
    const char *kvs[] = {"text", txt, "action", bs_action_text(s, t, mo->action, "label"), NULL};
    app_fill(out->said, sizeof out->said, scr_str(m, "screen.moment_said"), kvs);
    const char *why = mo->verdict < 0 || (mo->verdict == 0 && mo->impact < 0) ? bs_action_text(s, t, mo->action, "why_bad")
                                                                              : bs_action_text(s, t, mo->action, "why_good");
    bs_format(&m->g, m->deb.vendor, why ? why : "", tmp, sizeof tmp);
    char n[8];
    int lesson = mo->lesson >= 1 && mo->lesson <= 3 ? mo->lesson : 1;
    snprintf(n, sizeof n, "%d", lesson);
    const char *kvl[] = {"n", n, "title", s->lessons[lesson - 1].title ? s->lessons[lesson - 1].title : "",
                         "why", tmp, NULL};
    app_fill(out->lesson, sizeof out->lesson, scr_str(m, "debrief.lesson_line"), kvl);
    const char *th = c && c->think ? c->think : mo->thought >= 0 ? s->thoughts[mo->thought].text : NULL;
    out->thought[0] = '\0';
    if (th) {
        bs_format(&m->g, m->deb.vendor, th, tmp, sizeof tmp);
        const char *kvt[] = {"buyer", s->buyer_name, "thought", tmp, NULL};
        app_fill(out->thought, sizeof out->thought, scr_str(m, "screen.moment_thought"), kvt);
    }
    out->verdict = mo->verdict;
}

/* Role-play: every player in a line, best first, with what they ran into. */
static void ranking_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrDebriefText *d = a->dt;
    const BsScenario *s = m->scn;
    const BsStrings *t = m->str ? m->str : m->str_en;
    snprintf(d->rank_title, sizeof d->rank_title, "%s", scr_str(m, "screen.rank_title"));
    snprintf(d->rank_chart, sizeof d->rank_chart, "%s", scr_str(m, "screen.rank_chart"));
    const BsDebrief *d0 = &m->all[0];
    const char *winner = d0->winner >= 0 ? s->vendors[d0->winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, NULL};
    if (d0->outcome == BS_OUT_NO_DECISION)
        app_fill(d->rank_outcome, sizeof d->rank_outcome, scr_str(m, "debrief.no_decision"), kv);
    else if (d0->winner >= 0 && m->g.seat_of[d0->winner] >= 0) {
        char n[16];
        snprintf(n, sizeof n, "%d", m->g.seat_of[d0->winner] + 1);
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
        const BsDebrief *db = &m->all[se];
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
        if (m->pred_made[se] > 0) {
            char r[16], mm[16], pc[16], more[256];
            snprintf(r, sizeof r, "%d", m->pred_right[se]);
            snprintf(mm, sizeof mm, "%d", m->pred_made[se]);
            snprintf(pc, sizeof pc, "%.0f%%", 100.0 * m->pred_right[se] / m->pred_made[se]);
            const char *kvp[] = {"right", r, "made", mm, "percent", pc, NULL};
            app_fill(more, sizeof more, scr_str(m, "screen.rank_read"), kvp);
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

static bool debrief_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrDebriefText *d = a->dt;
    if (d->ok && m->deb_ok)
        return true;
    memset(d, 0, sizeof *d);
    if (!scr_model_debrief(m))
        return false;
    const BsDebrief *db = &m->deb;
    const BsScenario *s = m->scn;
    snprintf(d->title, sizeof d->title, "%s", scr_str(m, "debrief.title"));
    const char *winner = db->winner >= 0 ? s->vendors[db->winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, "vendor", s->vendors[db->vendor].name, NULL};
    app_fill(d->outcome, sizeof d->outcome, scr_str(m, app_outcome_key(db->outcome, db->winner, db->vendor)), kv);
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
    snprintf(d->best_head, sizeof d->best_head, "%s", scr_str(m, "debrief.best"));
    snprintf(d->worst_head, sizeof d->worst_head, "%s", scr_str(m, "debrief.worst"));
    d->nbest = db->nbest;
    d->nworst = db->nworst;
    for (int i = 0; i < db->nbest; i++)
        moment_text(m, &db->best[i], &d->best[i]);
    for (int i = 0; i < db->nworst; i++)
        moment_text(m, &db->worst[i], &d->worst[i]);
    snprintf(d->lessons, sizeof d->lessons, "%s", scr_str(m, "debrief.lessons"));
    for (int k = 0; k < 3; k++) {
        char line[600];
        snprintf(line, sizeof line, "\n%d. %s%s", k + 1, s->lessons[k].title ? s->lessons[k].title : "",
                 db->lessons_fired >> k & 1 ? scr_str(m, "debrief.fired") : "");
        size_t n = strlen(d->lessons);
        snprintf(d->lessons + n, sizeof d->lessons - n, "%s", line);
    }
    snprintf(d->button[0], sizeof d->button[0], "%s", scr_str(m, "screen.btn_export"));
    snprintf(d->button[1], sizeof d->button[1], "%s", scr_str(m, m->replay ? "screen.btn_start_screen" : "screen.btn_new"));
    snprintf(d->button[2], sizeof d->button[2], "%s", scr_str(m, "screen.btn_back"));
    snprintf(d->button[3], sizeof d->button[3], "%s", scr_str(m, "screen.btn_players"));
    d->nbuttons = s->nvendors > 0 && m->ss.nseats > 1 && a->deb_seat >= 0 ? 4 : 3;
    /* predict, then reveal: how well this player read the buyer */
    int seat = m->deb_seat;
    if (seat >= 0 && seat < m->ss.nseats && m->pred_made[seat] > 0) {
        char r[16], n[16], pc[16];
        snprintf(r, sizeof r, "%d", m->pred_right[seat]);
        snprintf(n, sizeof n, "%d", m->pred_made[seat]);
        snprintf(pc, sizeof pc, "%.0f%%", 100.0 * m->pred_right[seat] / m->pred_made[seat]);
        const char *kvp[] = {"right", r, "made", n, "percent", pc, NULL};
        app_fill(d->predictions, sizeof d->predictions, scr_str(m, "debrief.predictions"), kvp);
    }
    if (m->ss.nseats > 1) {
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

/*============================================================================
 * Layout
 *==========================================================================*/
enum { DC_HEAD, DC_CHART1, DC_CHART2, DC_BEST, DC_WORST, DC_LESSONS, DC_BUTTONS };
enum { LEG_TRUST = 100, LEG_RISK = 101, LEG_YOU = 200, LEG_CENTRIC = 201 };

typedef struct {
    ScrApp *a;
    const ScrMeasure *me;
    int body, small, title, lb, ls, lt, pad, gap, tiny, cap;
} DCol;

static void dcol_init(DCol *c, ScrApp *a, const ScrMeasure *me, int body, int cap)
{
    c->a = a;
    c->me = me;
    c->body = body;
    c->small = a->projector ? maxi(body * 85 / 100, (a->out_h + 35) / 36) : body * 82 / 100;
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
}

static int tw(const ScrMeasure *me, const char *s, int px, bool bold)
{
    int w = 0;
    me->measure(me->ud, s, strlen(s), px, bold, 0, &w);
    return w;
}

static int bot(const ScrLayout *L, int b, int dflt) { return b >= 0 ? L->box[b].r.y + L->box[b].r.h : dflt; }

/* Legend: swatch + label items flowing left to right. Returns the bottom. */
static int legend(DCol *c, int cont, int x, int y, int w, const int *tags, const char *const *labels, int n)
{
    ScrLayout *L = c->a->lay;
    int sw = maxi(4, c->ls * 8 / 10);
    int cx = x, cy = y;
    for (int i = 0; i < n; i++) {
        int tww = mini(tw(c->me, labels[i], c->small, false), w - sw - c->tiny);
        int need = sw + c->tiny + tww;
        if (cx > x && cx + need > x + w) {
            cx = x;
            cy += c->ls;
        }
        scr_lay_box(L, cont, K_SWATCH, (SDL_Rect){cx, cy + (c->ls - sw) / 2, sw, sw}, tags[i]);
        scr_lay_text(L, c->me, cont, cx + sw + c->tiny, cy, maxi(1, tww), labels[i], c->small, false, R_SMALL, A_LEFT, 1,
                     tags[i]);
        cx += need + c->gap * 2;
    }
    return cy + c->ls;
}

/* Left: the two charts; they take the height the texts leave. */
static int build_charts(DCol *c, int panel)
{
    ScrApp *a = c->a;
    ScrLayout *L = a->lay;
    const ScrDebriefText *d = a->dt;
    const BsDebrief *db = &a->m->deb;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    int nv = a->m->scn->nvendors;
    /* first pass: measure what is not a chart */
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

    int nc = L->ncont, nb = L->nbox;
    /* a wide panel keeps the legends beside the charts */
    bool side = P.w > P.h * 14 / 10;
    int legw = 0;
    if (side) {
        int sw = maxi(4, c->ls * 8 / 10);
        for (int i = 0; i < n; i++)
            legw = maxi(legw, tw(c->me, labels[i], c->small, false));
        for (int i = 0; i < 2; i++)
            legw = maxi(legw, tw(c->me, labels2[i], c->small, false));
        legw = mini(legw + sw + c->tiny + c->tiny, w * 30 / 100);
    }
    int cw = side ? w - legw - c->gap * 2 : w;
    /* dry run with zero-height charts to learn the text heights */
    int heights[2] = {0, 0};
    for (int pass = 0; pass < 2; pass++) {
        L->ncont = nc;
        L->nbox = nb;
        int yy = y;
        int c1 = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, yy, w, 0}, DC_CHART1);
        int b = scr_lay_text(L, c->me, c1, x, yy, w, d->chart1, c->small, true, R_LABEL, A_LEFT, c->cap ? 1 : 2, 0);
        yy = bot(L, b, yy) + c->tiny;
        int ch1 = scr_lay_box(L, c1, K_CHART, (SDL_Rect){x, yy, cw, maxi(1, heights[0])}, 0);
        if (ch1 >= 0)
            L->box[ch1].px = c->small;
        if (side) {
            int ly = legend(c, c1, x + cw + c->gap * 2, yy, legw, tags, labels, n);
            yy = pass ? maxi(yy + heights[0], ly) : yy + 1;
        } else {
            yy += maxi(1, heights[0]) + c->tiny;
            yy = legend(c, c1, x, yy, w, tags, labels, n);
        }
        L->cont[c1].r.h = yy - L->cont[c1].r.y;
        yy += c->gap * 2;
        int c2 = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, yy, w, 0}, DC_CHART2);
        b = scr_lay_text(L, c->me, c2, x, yy, w, d->chart2, c->small, true, R_LABEL, A_LEFT, c->cap ? 1 : 2, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, c->me, c2, x, yy, w, d->centric, c->small, false, R_SMALL, A_LEFT, c->cap ? 1 : 0, 0);
        yy = bot(L, b, yy) + c->tiny;
        int ch2 = scr_lay_box(L, c2, K_CHART, (SDL_Rect){x, yy, cw, maxi(1, heights[1])}, 1);
        if (ch2 >= 0)
            L->box[ch2].px = c->small;
        if (side) {
            int ly = legend(c, c2, x + cw + c->gap * 2, yy, legw, tags2, labels2, 2);
            yy = pass ? maxi(yy + heights[1], ly) : yy + 1;
        } else {
            yy += maxi(1, heights[1]) + c->tiny;
            yy = legend(c, c2, x, yy, w, tags2, labels2, 2);
        }
        L->cont[c2].r.h = yy - L->cont[c2].r.y;
        if (pass == 0) {
            int avail = P.y + P.h - c->pad - yy;
            int need = (P.h * (c->cap ? 24 : 30)) / 100;
            if (avail < need) /* the charts need room: ask for smaller text */
                return P.y + P.h + need - avail;
            heights[0] = avail * 62 / 100;
            heights[1] = avail - heights[0];
        } else {
            return yy;
        }
    }
    return y;
}

static int moment_cards(DCol *c, int panel, int x, int y, int w, const char *head, const ScrMomentText *mt, int n,
                        int tag)
{
    ScrLayout *L = c->a->lay;
    int sec = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, tag);
    int b = scr_lay_text(L, c->me, sec, x, y, w, head, c->body, true, R_TITLE, A_LEFT, 1, 0);
    int yy = bot(L, b, y) + c->tiny;
    int ip = maxi(2, c->pad * 6 / 10);
    for (int i = 0; i < n; i++) {
        int cd = scr_lay_cont(L, sec, K_LIST_ITEM, (SDL_Rect){x, yy, w, 0}, i + (tag == DC_WORST ? 10 : 0));
        int vb = maxi(3, ip / 2);
        int cx = x + ip + vb + ip, cw = x + w - ip - cx;
        int cy = yy + ip;
        b = scr_lay_text(L, c->me, cd, cx, cy, cw, mt[i].head, c->small, true, R_LABEL, A_LEFT, 1, 0);
        cy = bot(L, b, cy);
        b = scr_lay_text(L, c->me, cd, cx, cy, cw, mt[i].said, c->small, true, R_BODY, A_LEFT, c->cap ? mini(c->cap, 3) : 0, 0);
        cy = bot(L, b, cy);
        b = scr_lay_text(L, c->me, cd, cx, cy, cw, mt[i].lesson, c->small, false, R_SMALL, A_LEFT, c->cap, 0);
        cy = bot(L, b, cy);
        b = scr_lay_text(L, c->me, cd, cx, cy, cw, mt[i].thought, c->small, false, R_THINK, A_LEFT, c->cap, 0);
        cy = bot(L, b, cy);
        scr_lay_box(L, cd, K_VERDICT_BAR, (SDL_Rect){x + ip, yy + ip, vb, maxi(1, cy - yy - ip)},
                    tag == DC_BEST ? 1 : -1);
        L->cont[cd].r.h = cy + ip - yy;
        yy = cy + ip + c->tiny;
    }
    L->cont[sec].r.h = yy - c->tiny - y;
    return yy - c->tiny;
}

static int build_moments(DCol *c, int panel)
{
    ScrLayout *L = c->a->lay;
    const ScrDebriefText *d = c->a->dt;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    if (c->a->projector) {
        /* a page each on a projector: the best moments, then the worst and the lessons */
        if (c->a->deb_page == 1)
            return d->nbest ? moment_cards(c, panel, x, y, w, d->best_head, d->best, d->nbest, DC_BEST) : y;
        if (d->nworst)
            y = moment_cards(c, panel, x, y, w, d->worst_head, d->worst, d->nworst, DC_WORST) + c->gap * 2;
    } else if (P.w > P.h * 13 / 10 && d->nbest && d->nworst) {
        /* a wide panel: the best and the worst side by side */
        int cw = (w - c->gap * 2) / 2;
        int y1 = moment_cards(c, panel, x, y, cw, d->best_head, d->best, d->nbest, DC_BEST);
        int y2 = moment_cards(c, panel, x + cw + c->gap * 2, y, cw, d->worst_head, d->worst, d->nworst, DC_WORST);
        y = maxi(y1, y2) + c->gap * 2;
    } else {
        if (d->nbest)
            y = moment_cards(c, panel, x, y, w, d->best_head, d->best, d->nbest, DC_BEST) + c->gap * 2;
        if (d->nworst)
            y = moment_cards(c, panel, x, y, w, d->worst_head, d->worst, d->nworst, DC_WORST) + c->gap * 2;
    }
    int ls = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, 0}, DC_LESSONS);
    int b = scr_lay_text(L, c->me, ls, x, y, w, d->lessons, c->small, false, R_SMALL, A_LEFT, c->cap ? c->cap + 1 : 0, 0);
    y = bot(L, b, y);
    L->cont[ls].r.h = y - L->cont[ls].r.y;
    return y;
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
        int vendor = m->all[se].vendor;
        int cd = scr_lay_cont(L, panel, K_LIST_ITEM, (SDL_Rect){x, y, w, 0}, se);
        int sw = maxi(6, c->lb * 7 / 10);
        scr_lay_box(L, cd, K_SWATCH, (SDL_Rect){x + ip, y + ip + (c->lb - sw) / 2, sw, sw}, vendor);
        int tx = x + ip + sw + c->gap, tww = x + w - ip - tx;
        int ow = mini(tw(c->me, d->rank[i].open, c->small, true) + c->tiny, tww / 3);
        int b = scr_lay_text(L, c->me, cd, tx, y + ip, tww - ow - c->gap, d->rank[i].head, c->body, true, R_BODY,
                             A_LEFT, c->cap ? 1 : 2, 0);
        scr_lay_text(L, c->me, cd, x + w - ip - ow, y + ip + (c->lb - c->ls) / 2, ow, d->rank[i].open, c->small, true,
                     R_LABEL, A_RIGHT, 1, 0);
        int yy = maxi(bot(L, b, y + ip), y + ip + c->lb);
        b = scr_lay_text(L, c->me, cd, tx, yy, tww, d->rank[i].line, c->small, false, R_MUTED, A_LEFT,
                         c->cap ? 1 : 2, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, c->me, cd, tx, yy, tww, d->rank[i].lessons, c->small, false, R_SMALL, A_LEFT, c->cap, 0);
        yy = bot(L, b, yy);
        L->cont[cd].r.h = yy + ip - y;
        y = yy + ip + c->gap;
    }
    /* the players' mindshare over the weeks, in their vendors' colours */
    int room = P.y + P.h - c->pad - y;
    if (room > P.h / 4 && room > c->ls * 6) {
        int cc = scr_lay_cont(L, panel, K_CARD, (SDL_Rect){x, y, w, room}, DC_CHART1);
        int b = scr_lay_text(L, c->me, cc, x, y, w, d->rank_chart, c->small, true, R_LABEL, A_LEFT, 1, 0);
        int yy = bot(L, b, y) + c->tiny;
        int ch = scr_lay_box(L, cc, K_CHART, (SDL_Rect){x, yy, w, y + room - yy}, 2);
        if (ch >= 0)
            L->box[ch].px = c->small;
        y += room;
    } else {
        y -= c->gap;
    }
    return y;
}

typedef int (*DBuild)(DCol *c, int panel);

static void dfit(ScrApp *a, const ScrMeasure *me, int panel, DBuild build)
{
    ScrLayout *L = a->lay;
    int nc = L->ncont, nb = L->nbox;
    int base = scr_base_body_px(a->out_w, a->out_h, a->projector);
    /* the debrief's words are not the buyer's: 1/36 of the height will do
     * on a projector, where the charts need the room */
    int lo = a->projector ? (a->out_h + 35) / 36 : scr_min_body_px(a->out_w, a->out_h, false);
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
    bs_text_set_lang(a->text, a->m->lang);
    ScrMeasure me = scr_measure_for(a->text);
    ScrLayoutIn in = {a->out_w, a->out_h, a->projector, a->exam, a->demo, 0, 0};
    int body = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int margin = scr_lay_margin(a->out_w, a->out_h), gap = scr_lay_gap(a->out_w, a->out_h);
    int y = scr_lay_topbar(L, &me, &in, &a->m->wk, body, margin) + gap;
    int W = a->out_w - 2 * margin;
    L->body_px_left = body;

    /* the outcome, across the top */
    DCol c;
    dcol_init(&c, a, &me, body, 0);
    int head = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, 0}, DC_HEAD);
    bool ranking = a->deb_seat < 0 && a->m->ss.nseats > 1;
    int yy = y + c.pad, b;
    if (ranking) {
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->rank_title, c.title, true, R_TITLE,
                         A_LEFT, 2, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->rank_outcome, c.small, false, R_MUTED,
                         A_LEFT, 2, 0);
        yy = bot(L, b, yy) + c.pad;
    } else {
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->who, c.small, true, R_LABEL, A_LEFT, 1, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->outcome, c.title, true, R_TITLE, A_LEFT,
                         2, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->final, c.small, false, R_MUTED, A_LEFT,
                         2, 0);
        yy = bot(L, b, yy);
        b = scr_lay_text(L, &me, head, margin + c.pad, yy, W - 2 * c.pad, d->predictions, c.small, true, R_BODY,
                         A_LEFT, 2, 0);
        yy = bot(L, b, yy) + c.pad;
    }
    L->cont[head].r.h = yy - y;
    y = yy + gap;

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
    for (int i = 0; i < nbut; i++) {
        int bw = mini(tw(&me, d->button[i], bpx, true) + 2 * c.pad, (W - (nbut - 1) * gap) / nbut);
        int bc = scr_lay_cont(L, 0, K_BUTTON, (SDL_Rect){bx, by, bw, bh}, i);
        scr_lay_text(L, &me, bc, bx + c.pad / 2, by + (bh - blh) / 2, bw - c.pad, d->button[i], bpx, true, R_LABEL,
                     A_CENTER, 1, i);
        bx += bw + gap;
    }
    int ph = by - gap - y;
    if (ranking) {
        int list = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_BEST);
        dfit(a, &me, list, build_ranking);
        return;
    }
    if (a->projector) {
        /* on a projector, two pages (the clicker turns them): the charts, then the moments */
        if (a->deb_page <= 0) {
            int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, W, ph}, DC_CHART1);
            dfit(a, &me, left, build_charts);
        } else {
            int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin, y, W, ph}, DC_BEST);
            dfit(a, &me, right, build_moments);
        }
        return;
    }
    int lw = (W - gap) * 44 / 100; /* the moments need the words */
    int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, y, lw, ph}, DC_CHART1);
    int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin + lw + gap, y, W - lw - gap, ph}, DC_BEST);
    dfit(a, &me, left, build_charts);
    dfit(a, &me, right, build_moments);
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

static void draw_chart(ScrApp *a, const ScrBox *b, int bi)
{
    const ScrTheme *th = &a->th;
    const BsDebrief *db = &a->m->deb;
    const ScrDebriefText *d = a->dt;
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
    if (n < 2)
        return;
    float xs[BS_MAX_WEEKS + 1], top[BS_MAX_WEEKS + 1], bo[BS_MAX_WEEKS + 1];
    for (int i = 0; i < n; i++)
        xs[i] = (float)P.x + (float)P.w * (float)i / (float)(n - 1);
    double ymax = 1.0;
    int seats = a->m->ss.nseats;
    if (b->tag == 2) { /* role-play: every player's mindshare */
        h = &a->m->all[0].player;
        ymax = 0.2;
        for (int se = 0; se < seats; se++)
            for (int i = 0; i <= h->nweeks; i++)
                if ((double)h->w[i].mindshare[a->m->all[se].vendor] > ymax)
                    ymax = (double)h->w[i].mindshare[a->m->all[se].vendor];
        ymax = ceil(ymax * 10.0 - 1e-9) / 10.0;
    } else if (b->tag == 1) {
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
    (void)d;
    int nv = a->m->scn->nvendors;
    if (b->tag == 2) {
        float ys[BS_MAX_WEEKS + 1];
        float lw2 = (float)px * 0.25f;
        if (lw2 < 2) lw2 = 2;
        for (int se = 0; se < seats; se++) {
            int v = a->m->all[se].vendor;
            for (int i = 0; i < n; i++)
                ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].mindshare[v] / ymax * P.h);
            polyline(r, xs, ys, n, lw2, th->vendor[v], false);
        }
        return;
    }
    if (b->tag == 0) {
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
        float lw2 = (float)px * 0.22f;
        if (lw2 < 2) lw2 = 2;
        polyline(r, xs, ys, n, lw2 * 2.0f, th->panel, false);
        polyline(r, xs, ys, n, lw2, th->text, false);
        polyline(r, xs, ys2, n, lw2 * 2.0f, th->panel, true);
        polyline(r, xs, ys2, n, lw2, th->text, true);
    } else {
        float ys[BS_MAX_WEEKS + 1];
        float lw2 = (float)px * 0.25f;
        if (lw2 < 2) lw2 = 2;
        if (db->has_centric) {
            int n2 = db->centric.nweeks + 1;
            if (n2 > n) n2 = n;
            for (int i = 0; i < n2; i++)
                ys[i] = (float)(P.y + P.h) - (float)((double)db->centric.w[i].mindshare[db->vendor] / ymax * P.h);
            polyline(r, xs, ys, n2, lw2, th->text, true);
        }
        for (int i = 0; i < n; i++)
            ys[i] = (float)(P.y + P.h) - (float)((double)h->w[i].mindshare[db->vendor] / ymax * P.h);
        polyline(r, xs, ys, n, lw2 * 1.3f, th->vendor[db->vendor], false);
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

/*============================================================================
 * JSON export
 *==========================================================================*/
typedef struct {
    char *p;
    size_t n, cap;
    bool fail;
} JBuf;

static void jput(JBuf *b, const char *s, size_t n)
{
    if (b->fail)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 8192;
        while (cap < b->n + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->fail = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void jraw(JBuf *b, const char *s) { jput(b, s, strlen(s)); }

static void jnum(JBuf *b, double v, int dec)
{
    char t[64];
    if (!(v == v) || v > 1e300 || v < -1e300)
        v = 0;
    snprintf(t, sizeof t, "%.*f", dec, v);
    jraw(b, t);
}

static void jstr(JBuf *b, const char *s)
{
    jraw(b, "\"");
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        char e[8];
        if (*p == '"' || *p == '\\') {
            e[0] = '\\';
            e[1] = (char)*p;
            jput(b, e, 2);
        } else if (*p == '\n') {
            jraw(b, "\\n");
        } else if (*p < 0x20) {
            snprintf(e, sizeof e, "\\u%04x", *p);
            jraw(b, e);
        } else {
            jput(b, (const char *)p, 1);
        }
    }
    jraw(b, "\"");
}

static const char *outcome_name(BsOutcomeKind k)
{
    return k == BS_OUT_DECIDED ? "decided" : k == BS_OUT_NO_DECISION ? "no_decision" : "playing";
}

static void jhistory(JBuf *b, const BsHistory *h, int nv)
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
            jnum(b, w->mindshare[v < nv ? v : BS_MAX_VENDORS], 4);
        }
        jraw(b, "],\"trust\":[");
        for (int v = 0; v < nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, w->trust[v], 2);
        }
        jraw(b, "],\"risk\":[");
        for (int v = 0; v < nv; v++) {
            if (v)
                jraw(b, ",");
            jnum(b, w->risk[v], 2);
        }
        jraw(b, "],\"p_no_decision\":");
        jnum(b, w->p_no_decision, 4);
        jraw(b, "}");
    }
    jraw(b, "]");
}

static void jmoments(JBuf *b, const ScrModel *m, const BsMoment *mo, int n)
{
    const BsScenario *s = m->scn;
    const BsStrings *t = m->str ? m->str : m->str_en;
    jraw(b, "[");
    for (int i = 0; i < n; i++) {
        const BsChoice *c = mo[i].state >= 0 && mo[i].choice >= 0 ? &s->states[mo[i].state].choices[mo[i].choice] : NULL;
        jraw(b, i ? ",{\"week\":" : "{\"week\":");
        jnum(b, mo[i].week, 0);
        jraw(b, ",\"action\":");
        jstr(b, s->actions[mo[i].action].id);
        jraw(b, ",\"label\":");
        jstr(b, bs_action_text(s, t, mo[i].action, "label"));
        jraw(b, ",\"choice\":");
        jstr(b, c ? c->text : "");
        jraw(b, ",\"impact_points\":");
        jnum(b, mo[i].impact, 2);
        jraw(b, ",\"verdict\":");
        jnum(b, mo[i].verdict, 0);
        jraw(b, ",\"lesson\":");
        jnum(b, mo[i].lesson, 0);
        const char *th = c && c->think ? c->think : mo[i].thought >= 0 ? s->thoughts[mo[i].thought].text : NULL;
        jraw(b, ",\"thought\":");
        jstr(b, th);
        jraw(b, "}");
    }
    jraw(b, "]");
}

bool scr_debrief_json(const ScrModel *m, const char *path, char *err, size_t errlen)
{
    if (!m->deb_ok) {
        snprintf(err, errlen, "no debrief yet");
        return false;
    }
    const BsDebrief *d = &m->deb;
    const BsScenario *s = m->scn;
    JBuf b = {0};
    jraw(&b, "{\"format\":1,\"scenario\":");
    jstr(&b, s->id);
    jraw(&b, ",\"lang\":");
    jstr(&b, s->lang);
    jraw(&b, ",\"seed\":");
    jnum(&b, (double)m->ss.seed, 0);
    jraw(&b, ",\"weeks_played\":");
    jnum(&b, m->ss.nweeks, 0);
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
    jraw(&b, "],\"best\":");
    jmoments(&b, m, d->best, d->nbest);
    jraw(&b, ",\"worst\":");
    jmoments(&b, m, d->worst, d->nworst);
    jraw(&b, ",\"history\":");
    jhistory(&b, &d->player, s->nvendors);
    jraw(&b, ",\"buyer_centric\":");
    if (d->has_centric) {
        jraw(&b, "{\"outcome\":");
        jstr(&b, outcome_name(d->centric_outcome));
        jraw(&b, ",\"winner\":");
        jstr(&b, d->centric_winner >= 0 ? s->vendors[d->centric_winner].id : "");
        jraw(&b, ",\"history\":");
        jhistory(&b, &d->centric, s->nvendors);
        jraw(&b, "}");
    } else {
        jraw(&b, "null");
    }
    jraw(&b, "}\n");
    if (b.fail) {
        free(b.p);
        snprintf(err, errlen, "out of memory");
        return false;
    }
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_write_file_atomic(path, b.p, b.n, false, &e);
    if (!ok)
        snprintf(err, errlen, "%s: %s", path, e.count ? e.items[0].msg : "cannot write");
    bs_errors_free(&e);
    free(b.p);
    return ok;
}
