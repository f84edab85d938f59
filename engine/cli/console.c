/* The console frontend: plays from a terminal, a screen reader or a pipe
 * (one choice number per line). Output is deterministic for golden tests. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "play.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Display columns of UTF-8 text (CJK is two columns wide). */
static int columns(const char *s)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned cp = *p;
        int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (len == 2) cp = (p[0] & 0x1Fu) << 6 | (p[1] & 0x3Fu);
        if (len == 3) cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
        if (len == 4) cp = 0x10000;
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6);
        w += wide ? 2 : 1;
        for (int i = 0; i < len && *p; i++)
            p++;
    }
    return w;
}

static void pad(FILE *f, const char *s, int width)
{
    fputs(s, f);
    for (int i = columns(s); i < width; i++)
        fputc(' ', f);
}

static void signed_num(char *out, size_t cap, double v, int decimals)
{
    if (v > -0.5 * (decimals ? 0.1 : 1) && v < 0.5 * (decimals ? 0.1 : 1))
        v = 0; /* no "-0" */
    snprintf(out, cap, "%+.*f", decimals, v);
}

/*============================================================================
 * One week on screen
 *==========================================================================*/
static const char *vendor_name(const BsGame *g, int v) { return g->scn->vendors[v].name; }

static void rule(FILE *f, const char *title)
{
    fprintf(f, "\n== %s ", title);
    for (int i = columns(title); i < 66; i++)
        fputc('=', f);
    fputc('\n', f);
}

/* A vendor's name on the table: "(you)" for the seat looking, "(player N)"
 * for the other people in a role-play. */
static void table_name(const BsGame *g, const BsStrings *t, int v, int seat, char *out, size_t cap)
{
    int se = g->seat_of[v];
    if (se == seat) {
        snprintf(out, cap, "%s %s", vendor_name(g, v), bs_str(t, "ui.you"));
    } else if (se >= 0) {
        char n[8], tag[64];
        snprintf(n, sizeof n, "%d", se + 1);
        const char *kv[] = {"n", n, NULL};
        app_fill(tag, sizeof tag, bs_str(t, "ui.player_tag"), kv);
        snprintf(out, cap, "%s %s", vendor_name(g, v), tag);
    } else {
        snprintf(out, cap, "%s", vendor_name(g, v));
    }
}

void cli_print_week(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool show_choices, bool exam)
{
    const BsScenario *s = g->scn;
    int me = g->seat[seat].vendor;
    char buf[4096], line[4200], wk[16], wks[16];
    snprintf(wk, sizeof wk, "%d", g->week);
    snprintf(wks, sizeof wks, "%d", s->weeks);
    const char *kvw[] = {"week", wk, "weeks", wks, NULL};
    app_fill(line, sizeof line, bs_str(t, "ui.week"), kvw);
    rule(f, line);

    for (int i = 0; i < g->now.nfired; i++) {
        const char *say = bs_event_text(s, t, g->now.fired[i], "say");
        const char *evthink = bs_event_text(s, t, g->now.fired[i], "think");
        if (*say) {
            bs_format(g, me, say, buf, sizeof buf);
            const char *kv[] = {"text", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.news"), kv);
            fprintf(f, "%s\n", line);
        }
        if (*evthink) {
            bs_format(g, me, evthink, buf, sizeof buf);
            const char *kv[] = {"buyer", s->buyer_name, "text", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.thinks"), kv);
            fprintf(f, "%s\n", line);
        }
    }
    const BsState *st = &s->states[g->seat[seat].state];
    const char *kvb[] = {"buyer", s->buyer_name, NULL};
    if (st->say && g->seat[seat].entered == g->week) { /* said when you arrive, not every week */
        bs_format(g, me, st->say, buf, sizeof buf);
        const char *kv[] = {"buyer", s->buyer_name, "text", buf, NULL};
        app_fill(line, sizeof line, bs_str(t, "ui.says"), kv);
        fprintf(f, "%s\n", line);
    }
    const char *think = bs_buyer_thought(g, seat);
    if (think) {
        bs_format(g, me, think, buf, sizeof buf);
        const char *kv[] = {"buyer", s->buyer_name, "text", buf, NULL};
        app_fill(line, sizeof line, bs_str(t, "ui.thinks"), kv);
        fprintf(f, "%s\n", line);
    }

    /* the buyer's table */
    fprintf(f, "\n%s\n", bs_str(t, "ui.table"));
    int width = 0;
    for (int v = 0; v < g->nv; v++) {
        table_name(g, t, v, seat, line, sizeof line);
        if (columns(line) > width)
            width = columns(line);
    }
    if (columns(bs_str(t, "ui.other_sources")) > width)
        width = columns(bs_str(t, "ui.other_sources"));
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    for (int v = 0; v <= g->nv; v++) {
        double share = v < g->nv ? g->v[v].mindshare : (total > 0 ? g->other / total : 0);
        if (v < g->nv)
            table_name(g, t, v, seat, line, sizeof line);
        else
            snprintf(line, sizeof line, "%s", bs_str(t, "ui.other_sources"));
        fputs("  ", f);
        pad(f, line, width + 2);
        int fillc = (int)(share * 30.0 + 0.5);
        for (int i = 0; i < 30; i++)
            fputc(i < fillc ? '#' : '.', f);
        fprintf(f, " %3.0f%%%s\n", share * 100.0, v < g->nv && g->v[v].out ? bs_str(t, "ui.out") : "");
    }
    const BsVendorState *vs = &g->v[me];
    char tr[16], ch[16], co[16], rk[16];
    snprintf(tr, sizeof tr, "%.0f", vs->trust);
    snprintf(ch, sizeof ch, "%.0f", vs->character);
    snprintf(co, sizeof co, "%.0f", vs->competence);
    snprintf(rk, sizeof rk, "%.0f", vs->risk);
    const char *kvt[] = {"trust", tr, "character", ch, "competence", co, "risk", rk, NULL};
    app_fill(line, sizeof line, bs_str(t, "ui.meters"), kvt);
    fprintf(f, "%s\n", line);
    if (!exam) { /* the meter a trainee follows week by week; an exam keeps it hidden */
        double pw[BS_MAX_VENDORS];
        bs_game_p_win(g, pw);
        char pc[16];
        snprintf(pc, sizeof pc, "%.0f%%", 100.0 * pw[me]);
        const char *kvc[] = {"buyer", s->buyer_name, "chance", pc, NULL};
        app_fill(line, sizeof line, bs_str(t, "ui.chance_now"), kvc);
        fprintf(f, "%s\n", line);
    }
    if (s->nmessages) {
        fprintf(f, "%s\n", bs_str(t, "ui.messages"));
        for (int m = 0; m < s->nmessages; m++) {
            const BsMemory *mem = &vs->mem[m];
            char status[512];
            if (mem->stability <= 0) {
                snprintf(status, sizeof status, "%s", bs_str(t, "ui.not_said"));
            } else {
                char rc[16], bl[16];
                snprintf(rc, sizeof rc, "%.0f%%", 100.0 * bs_msg_recall(g, mem));
                snprintf(bl, sizeof bl, "%.0f%%", 100.0 * bs_msg_belief(g, mem));
                const char *kvr[] = {"recall", rc, "belief", bl, NULL};
                app_fill(line, sizeof line, bs_str(t, "ui.recall"), kvr);
                snprintf(status, sizeof status, "%s%s", line, bs_msg_accepted(g, me, m) ? bs_str(t, "ui.accepted") : "");
            }
            const char *kvm[] = {"label", s->messages[m].label, "status", status, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.message_line"), kvm);
            fprintf(f, "%s\n", line);
        }
    }
    if (!show_choices)
        return;
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, seat, avail);
    if (n == 0) {
        app_fill(line, sizeof line, bs_str(t, "ui.no_choice"), kvb);
        fprintf(f, "\n%s\n", line);
        return;
    }
    fprintf(f, "\n%s\n", bs_str(t, "ui.your_move"));
    for (int i = 0; i < n; i++) {
        const BsChoice *c = &st->choices[avail[i]];
        bs_format(g, me, c->text, buf, sizeof buf);
        fprintf(f, "  %d. %s\n", i + 1, buf);
    }
}

/* "mindshare +2.4 pts, trust +3, career risk -1" */
static void effect_words(const BsStrings *t, const char *key, double ms, double tr, double rk, char *out, size_t cap)
{
    char a[16], b[16], c[16];
    signed_num(a, sizeof a, 100.0 * ms, 1);
    signed_num(b, sizeof b, tr, 0);
    signed_num(c, sizeof c, rk, 0);
    const char *kv[] = {"mindshare", a, "trust", b, "risk", c, NULL};
    app_fill(out, cap, bs_str(t, key), kv);
}

void cli_print_moves(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool exam)
{
    const BsScenario *s = g->scn;
    const BsWeekReport *r = &g->last;
    char line[4200], buf[4096];
    (void)seat;
    /* each seat's own move: what the move did, apart from what the rivals
     * and time did, and the buyer's reaction chosen by what it did */
    for (int se = 0; se < g->nseats; se++) {
        int v = g->seat[se].vendor;
        const BsMove *mv = &r->move[v];
        if (mv->action < 0)
            continue;
        char n[8];
        snprintf(n, sizeof n, "%d", se + 1);
        const char *kv[] = {"vendor", vendor_name(g, v), "n", n, "action", bs_action_text(s, t, mv->action, "label"), NULL};
        app_fill(line, sizeof line, bs_str(t, g->nseats > 1 ? "ui.result_seat" : "ui.result"), kv);
        fprintf(f, "\n%s\n", line);
        if (mv->has_own) {
            effect_words(t, "ui.own_effect", mv->own_mindshare, mv->own_trust, mv->own_risk, line, sizeof line);
            fprintf(f, "  %s\n", line);
            effect_words(t, "ui.drift_effect", mv->d_mindshare - mv->own_mindshare, mv->d_trust - mv->own_trust,
                         mv->d_risk - mv->own_risk, line, sizeof line);
            fprintf(f, "  %s\n", line);
        } else { /* the seat let the week pass: all of it is the rivals and time */
            effect_words(t, "ui.week_effect", mv->d_mindshare, mv->d_trust, mv->d_risk, line, sizeof line);
            fprintf(f, "  %s\n", line);
        }
        if (!exam && !bs_game_over(g)) {
            double pw[BS_MAX_VENDORS];
            bs_game_p_win(g, pw);
            char pc[16], d[16], dr[16];
            snprintf(pc, sizeof pc, "%.0f%%", 100.0 * pw[v]);
            signed_num(d, sizeof d, 100.0 * (mv->has_own ? mv->own_pwin : mv->d_pwin), 1);
            signed_num(dr, sizeof dr, 100.0 * (mv->d_pwin - mv->own_pwin), 1);
            const char *kvc[] = {"buyer", s->buyer_name, "vendor", vendor_name(g, v), "chance", pc, "delta", d,
                                 "drift", dr, NULL};
            app_fill(line, sizeof line, bs_str(t, mv->has_own ? "ui.chance_move" : "ui.chance_week"), kvc);
            fprintf(f, "  %s\n", line);
        }
        app_outcome_text(g, t, v, mv, buf, sizeof buf);
        if (buf[0])
            fprintf(f, "  %s\n", buf);
        const char *say = bs_move_say(s, t, mv);
        if (*say) {
            bs_format(g, v, say, buf, sizeof buf);
            const char *kvb[] = {"buyer", s->buyer_name, "text", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.says"), kvb);
            fprintf(f, "  %s\n", line);
        }
        const char *think = bs_move_thought(s, t, mv);
        if (*think) {
            bs_format(g, v, think, buf, sizeof buf);
            const char *kvb[] = {"buyer", s->buyer_name, "text", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.thinks"), kvb);
            fprintf(f, "  %s\n", line);
        }
        const char *why = bs_move_why(s, t, mv);
        if (why && *why) {
            bs_format(g, v, why, buf, sizeof buf);
            const char *kv2[] = {"why", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.why"), kv2);
            fprintf(f, "  %s\n", line);
        }
    }
    if (r->found_out >= 0) {
        const char *kv[] = {"vendor", vendor_name(g, r->found_out), NULL};
        app_fill(line, sizeof line, bs_str(t, "outcome.found_out"), kv);
        fprintf(f, "\n%s\n", line);
    }
    fprintf(f, "%s\n", bs_str(t, "ui.rivals"));
    for (int v = 0; v < g->nv; v++) {
        if (g->seat_of[v] >= 0)
            continue;
        fprintf(f, "  ");
        pad(f, vendor_name(g, v), 20);
        fprintf(f, " %s\n", r->move[v].action < 0 ? bs_str(t, "ui.is_out") : bs_action_text(s, t, r->move[v].action, "did"));
    }
}

/*============================================================================
 * Debrief
 *==========================================================================*/
static void print_moment(FILE *f, const BsScenario *s, const BsStrings *t, const BsMoment *m, int vendor)
{
    char imp[16], wk[16];
    signed_num(imp, sizeof imp, m->impact, 1);
    snprintf(wk, sizeof wk, "%d", m->week);
    const BsChoice *c = &s->states[m->state].choices[m->choice];
    char text[4096], line[4200];
    bs_format_s(s, vendor, m->week, c->text, text, sizeof text);
    const char *kv[] = {"week", wk, "text", text, "action", bs_action_text(s, t, m->action, "label"),
                        "impact", imp, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.moment"), kv);
    fprintf(f, "  %s\n", line);
    /* the reason and the buyer's reaction, as they were that week */
    BsMove mv = {.action = (int16_t)m->action, .choice = (int16_t)m->choice, .state = (int16_t)m->state,
                 .verdict = (int8_t)m->verdict, .result = m->result, .outcome = m->outcome};
    const char *why = bs_move_why(s, t, &mv);
    char n[8], whyf[2048];
    snprintf(n, sizeof n, "%d", m->lesson);
    bs_format_s(s, vendor, m->week, why ? why : "", whyf, sizeof whyf);
    const char *kvl[] = {"n", n, "title", s->lessons[m->lesson - 1].title, "why", whyf, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.lesson_line"), kvl);
    fprintf(f, "    %s\n", line);
    const char *thought = bs_move_thought(s, t, &mv);
    if (!*thought)
        thought = m->thought >= 0 ? s->thoughts[m->thought].text : NULL;
    if (thought) {
        bs_format_s(s, vendor, m->week, thought, text, sizeof text);
        const char *kvt[] = {"text", text, NULL};
        app_fill(line, sizeof line, bs_str(t, "debrief.thought"), kvt);
        fprintf(f, "    %s\n", line);
    }
}

/* A row of numbers under a week header: each number in a column as wide as
 * the header's ("  3"), so Chinese labels of any width still line up. */
static void curve_row(FILE *f, const char *label, int width, const float *v, int n, int upto, double scale,
                      const char *mark)
{
    pad(f, label, width);
    for (int w = 0; w <= upto; w++) {
        if (w <= n)
            fprintf(f, " %3.0f%s", scale * (double)v[w], mark && mark[w] ? "*" : " ");
        else
            fprintf(f, "  .  ");
    }
    fputc('\n', f);
}

void cli_print_debrief(FILE *f, const BsSession *ss, const BsScenario *s, const BsStrings *t, int seat)
{
    BsDebrief *dp = bs_malloc(sizeof *dp);
    BsErrors e;
    bs_errors_init(&e, "");
    if (!dp || !bs_debrief_build(ss, s, seat, dp, &e)) {
        if (!dp)
            fprintf(stderr, "buyersim: out of memory\n");
        bs_errors_print(&e, stderr);
        bs_errors_free(&e);
        bs_free(dp);
        return;
    }
    bs_errors_free(&e);
    const BsDebrief *d = dp;
    char line[4200];
    const char *winner = d->winner >= 0 ? s->vendors[d->winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, "vendor", s->vendors[d->vendor].name, NULL};
    rule(f, bs_str(t, "debrief.title"));
    if (d->found_out) {
        app_fill(line, sizeof line, bs_str(t, "debrief.found_out"), kv);
        fprintf(f, "%s\n", line);
    }
    app_fill(line, sizeof line, bs_str(t, app_outcome_key(d->outcome, d->winner, d->vendor)), kv);
    fprintf(f, "%s\n", line);
    if (d->nwhy > 0) { /* the outcome's reasons, with their numbers */
        fprintf(f, "%s\n", bs_str(t, "debrief.why_title"));
        for (int i = 0; i < d->nwhy; i++) {
            app_reason_text(s, t, &d->why[i], line, sizeof line);
            fprintf(f, "  - %s\n", line);
        }
    }
    char ms[16], tr[16], rk[16];
    snprintf(ms, sizeof ms, "%.0f%%", 100.0 * d->final_mindshare);
    snprintf(tr, sizeof tr, "%.0f", d->final_trust);
    snprintf(rk, sizeof rk, "%.0f", d->final_risk);
    const char *kvf[] = {"mindshare", ms, "trust", tr, "risk", rk, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.final"), kvf);
    fprintf(f, "%s\n", line);
    BsPredictScore ps;
    BsErrors pe;
    bs_errors_init(&pe, "");
    if (bs_session_predict_score(ss, s, seat, &ps, &pe) && ps.made > 0) {
        app_predict_text(t, &ps, line, sizeof line);
        fprintf(f, "%s\n", line);
    }
    bs_errors_free(&pe);
    if (d->nbest) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.best"));
        for (int i = 0; i < d->nbest; i++)
            print_moment(f, s, t, &d->best[i], d->vendor);
    }
    if (d->nworst) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.worst"));
        for (int i = 0; i < d->nworst; i++)
            print_moment(f, s, t, &d->worst[i], d->vendor);
    }
    if (!d->nbest && !d->nworst)
        fprintf(f, "\n%s\n", bs_str(t, "debrief.no_moments"));
    if (d->ngifts) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.gifts_title"));
        for (int i = 0; i < d->ngifts; i++) {
            app_gift_text(s, t, &d->gifts[i], line, sizeof line);
            fprintf(f, "  %s\n", line);
        }
    }
    /* the week header and every row below it: labels padded to one width */
    const char *labels[] = {bs_str(t, "debrief.curve_weeks"), bs_str(t, "debrief.curve_you"),
                            bs_str(t, "debrief.curve_centric"), bs_str(t, "debrief.curve_chance")};
    int width = 0;
    for (int i = 0; i < 4; i++)
        if (columns(labels[i]) > width)
            width = columns(labels[i]);
    for (int m = 0; m < s->nmessages; m++)
        if (columns(s->messages[m].label) + 2 > width)
            width = columns(s->messages[m].label) + 2;
    if (width > 48)
        width = 48;
    int upto = d->player.nweeks > d->centric.nweeks ? d->player.nweeks : d->centric.nweeks;
    float series[BS_MAX_WEEKS + 1];
    if (s->nmessages) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.memory_title"));
        pad(f, labels[0], width);
        for (int w = 0; w <= d->player.nweeks; w++)
            fprintf(f, " %3d ", w);
        fputc('\n', f);
        for (int m = 0; m < s->nmessages; m++) {
            char mark[BS_MAX_WEEKS + 1];
            for (int w = 0; w <= d->player.nweeks; w++) {
                series[w] = d->player.w[w].recall[m];
                mark[w] = (char)d->player.w[w].accepted[m];
            }
            char lab[600];
            snprintf(lab, sizeof lab, "  %s", s->messages[m].label);
            if (columns(lab) > width) { /* a long label on its own line, numbers below */
                fprintf(f, "%s\n", lab);
                lab[0] = '\0';
            }
            curve_row(f, lab, width, series, d->player.nweeks, d->player.nweeks, 100.0, mark);
        }
    }
    if (d->has_centric) {
        const char *cw = d->centric_winner >= 0 ? s->vendors[d->centric_winner].name : "";
        const char *kvc[] = {"buyer", s->buyer_name, "winner", cw, "vendor", s->vendors[d->vendor].name, NULL};
        fprintf(f, "\n%s\n", bs_str(t, "debrief.centric"));
        const char *ck = d->centric_outcome == BS_OUT_NO_DECISION ? "debrief.centric_no_decision"
                       : d->centric_winner == d->vendor ? "debrief.centric_won" : "debrief.centric_lost";
        app_fill(line, sizeof line, bs_str(t, ck), kvc);
        fprintf(f, "  %s", line);
        if (d->centric_decided_week > 0 && d->centric_decided_week != d->decided_week) {
            char wk[16];
            snprintf(wk, sizeof wk, "%d", d->centric_decided_week);
            const char *kvw[] = {"week", wk, NULL};
            app_fill(line, sizeof line, bs_str(t, "debrief.centric_decided"), kvw);
            fprintf(f, " %s", line);
        }
        fputc('\n', f);
        pad(f, labels[0], width);
        for (int w = 0; w <= upto; w++)
            fprintf(f, " %3d ", w);
        fputc('\n', f);
        for (int w = 0; w <= d->player.nweeks; w++)
            series[w] = d->player.w[w].mindshare[d->vendor];
        curve_row(f, labels[1], width, series, d->player.nweeks, upto, 100.0, NULL);
        for (int w = 0; w <= d->centric.nweeks; w++)
            series[w] = d->centric.w[w].mindshare[d->vendor];
        curve_row(f, labels[2], width, series, d->centric.nweeks, upto, 100.0, NULL);
        for (int w = 0; w <= d->player.nweeks; w++)
            series[w] = d->player.w[w].pwin[d->vendor];
        curve_row(f, labels[3], width, series, d->player.nweeks, upto, 100.0, NULL);
    }
    fprintf(f, "\n%s\n", bs_str(t, "debrief.lessons"));
    for (int k = 0; k < 3; k++)
        fprintf(f, "  %d. %s%s\n     %s\n", k + 1, s->lessons[k].title,
                d->lessons_fired >> k & 1 ? bs_str(t, "debrief.fired") : "", s->lessons[k].text);
    bs_free(dp);
}

/*============================================================================
 * The game loop
 *==========================================================================*/
static bool read_line(char *buf, size_t cap)
{
    if (!fgets(buf, (int)cap, stdin))
        return false;
    size_t n = strlen(buf);
    if (n && buf[n - 1] != '\n' && !feof(stdin)) { /* overlong line: drop the rest */
        int c;
        while ((c = getchar()) != EOF && c != '\n')
            ;
    }
    return true;
}

/* A line of input (1), end of input (0), or (watching) the file changed (2). */
static int read_input(char *buf, size_t cap, AppWatch *w)
{
    if (w && w->path) {
        for (;;) {
            struct pollfd pf = {.fd = 0, .events = POLLIN};
            int r = poll(&pf, 1, 400);
            if (r > 0)
                break;
            if (r < 0 && errno != EINTR)
                break;
            if (app_watch_changed(w))
                return 2;
        }
    }
    return read_line(buf, cap) ? 1 : 0;
}

void cli_errors_print(const BsErrors *e)
{
    app_errors_print(stderr, e->file[0] ? NULL : "buyersim: ", e);
}

/* Prints a move's problems (a save that failed, the history not written);
 * false when the game could not be saved. */
static bool report(const BsErrors *e)
{
    bool saved = true;
    for (int i = 0; i < e->count; i++)
        saved &= strcmp(e->items[i].path, "history") == 0;
    if (e->count) {
        if (!saved)
            fprintf(stderr, "buyersim: could not save the game:\n");
        cli_errors_print(e);
    }
    return saved;
}

/* Facilitator: list the events that can be brought in now, inject one. */
static bool inject_menu(FILE *out, AppPlay *p, const BsStrings *t, bool *saved)
{
    const BsScenario *s = p->scn;
    int list[BS_MAX_EVENTS], n = 0;
    for (int e = 0; e < s->nevents; e++)
        if (s->events[e].injectable)
            list[n++] = e;
    if (n == 0)
        return false;
    fprintf(out, "%s\n", bs_str(t, "ui.events"));
    for (int i = 0; i < n; i++)
        fprintf(out, "  %d. %s\n", i + 1, bs_event_text(s, t, list[i], "label"));
    fprintf(out, "%s", bs_str(t, "ui.event_prompt"));
    fflush(out);
    char in[64];
    if (!read_line(in, sizeof in))
        return false;
    char *end;
    long k = strtol(in, &end, 10);
    if (end == in || k < 1 || k > n)
        return false;
    BsErrors e;
    bs_errors_init(&e, p->save_path);
    bool ok = app_play_inject(p, list[k - 1], &e);
    if (!ok)
        fprintf(out, "%s\n", bs_str(t, "ui.event_refused"));
    else
        *saved &= report(&e);
    bs_errors_free(&e);
    return ok;
}

/* Predict, then reveal: before the week resolves, the seat says which way
 * the buyer's mindshare, trust and career risk will move. */
static bool ask_prediction(FILE *out, const BsStrings *t, BsPredict pred[3])
{
    for (;;) {
        fprintf(out, "%s", bs_str(t, "ui.predict_prompt"));
        fflush(out);
        char in[128];
        if (!read_line(in, sizeof in))
            return false;
        BsPredict p[3];
        int k = 0;
        for (char *c = in; *c && k < 4; c++) {
            char x = *c >= 'A' && *c <= 'Z' ? (char)(*c + 32) : *c;
            BsPredict v = x == 'u' || x == '+' ? BS_PREDICT_UP
                        : x == 's' || x == '=' ? BS_PREDICT_SAME
                        : x == 'd' || x == '-' ? BS_PREDICT_DOWN : BS_PREDICT_NONE;
            if (v != BS_PREDICT_NONE) {
                if (k < 3)
                    p[k] = v;
                k++;
            } else if (x != ' ' && x != ',' && x != '\n' && x != '\r' && x != '\t') {
                k = 99;
            }
        }
        if (k == 3) {
            memcpy(pred, p, sizeof p);
            return true;
        }
        fprintf(out, "%s\n", bs_str(t, "ui.predict_invalid"));
    }
}

static void reveal_predictions(FILE *out, const BsSession *ss, const BsGame *g, const BsStrings *t)
{
    static const char *const dir_keys[] = {"", "ui.dir_up", "ui.dir_same", "ui.dir_down"};
    static const char *const meter_keys[] = {"ui.meter_mindshare", "ui.meter_trust", "ui.meter_risk"};
    int w = ss->nweeks - 1;
    for (int se = 0; se < g->nseats; se++) {
        const BsMove *mv = &g->last.move[g->seat[se].vendor];
        char line[1024];
        line[0] = '\0';
        int right = 0;
        for (int k = 0; k < 3; k++) {
            BsPredict p = (BsPredict)ss->predict[w][se][k], real = bs_predict_actual(&g->scn->model, mv, k);
            if (p == BS_PREDICT_NONE)
                continue;
            right += p == real;
            char part[256];
            const char *kv[] = {"meter", bs_str(t, meter_keys[k]), "guess", bs_str(t, dir_keys[p]),
                                "real", bs_str(t, dir_keys[real]), NULL};
            app_fill(part, sizeof part, bs_str(t, p == real ? "ui.predict_right" : "ui.predict_wrong"), kv);
            strncat(line, part, sizeof line - strlen(line) - 1);
        }
        if (!line[0])
            continue;
        char n[8];
        snprintf(n, sizeof n, "%d", right);
        const char *kv[] = {"vendor", g->scn->vendors[g->seat[se].vendor].name, "right", n, "details", line, NULL};
        char msg[1400];
        app_fill(msg, sizeof msg, bs_str(t, "ui.predict_result"), kv);
        fprintf(out, "%s\n", msg);
    }
}

int cli_play_text(const PlayArgs *a)
{
    signal(SIGPIPE, SIG_IGN); /* a closed stdout is an error value, not a signal */
    AppPlayOptions po = {.scenario = a->scenario, .lang = a->lang, .resume = a->resume, .save = a->save,
                         .rivals = a->rivals, .seed = a->seed, .has_seed = a->has_seed, .players = a->players,
                         .predict = a->predict, .vote = a->vote, .uneven = a->uneven, .record = true};
    BsErrors e;
    bs_errors_init(&e, a->resume ? a->resume : a->scenario ? a->scenario : "");
    AppPlay *p = app_play_open(&po, &e);
    if (!p) {
        cli_errors_print(&e);
        bs_errors_free(&e);
        return 1;
    }
    bs_errors_free(&e);
    const BsStrings *t = app_play_strings(p);
    const BsScenario *s = p->scn;
    const BsGame *g = &p->g;

    FILE *out = stdout;
    char wk[16], line[4200];
    snprintf(wk, sizeof wk, "%d", s->weeks);
    fprintf(out, "buyersim: %s\n", s->title);
    {
        const char *kv[] = {"buyer", s->buyer_name, "role", s->buyer_role,
                            "company", s->buyer_company ? s->buyer_company : "", "weeks", wk, NULL};
        app_fill(line, sizeof line, bs_str(t, s->buyer_company ? "ui.intro_company" : "ui.intro"), kv);
        fprintf(out, "%s\n", line);
        for (int se = 0; se < g->nseats; se++) {
            char n[16];
            snprintf(n, sizeof n, "%d", se + 1);
            char others[8];
            snprintf(others, sizeof others, "%d", s->nvendors - 1);
            const char *kvp[] = {"n", n, "vendor", s->vendors[g->seat[se].vendor].name, "others", others, NULL};
            app_fill(line, sizeof line, bs_str(t, g->nseats > 1 ? "ui.you_are_seat" : "ui.you_are"), kvp);
            fprintf(out, "%s\n", line);
        }
        if (s->summary)
            fprintf(out, "%s\n", s->summary);
        if (g->nseats > 1) { /* a role-play: how the players start, said to the room */
            const char *kvb[] = {"buyer", s->buyer_name, NULL};
            app_fill(line, sizeof line, bs_str(t, p->ss.uneven ? "ui.handicap" : "ui.equal_start"), kvb);
            fprintf(out, "%s\n", line);
            for (int se = 0; p->ss.uneven && se < g->nseats; se++) {
                int v = g->seat[se].vendor;
                char ms[16], tr[16];
                snprintf(ms, sizeof ms, "%.0f%%", 100.0 * g->v[v].mindshare);
                snprintf(tr, sizeof tr, "%.0f", g->v[v].trust);
                const char *kvh[] = {"vendor", s->vendors[v].name, "mindshare", ms, "trust", tr, NULL};
                app_fill(line, sizeof line, bs_str(t, "ui.handicap_line"), kvh);
                fprintf(out, "%s\n", line);
            }
        }
    }
    bool saved = true, quit = false;
    AppWatch watch = {.path = a->watch};
    if (a->watch) {
        setvbuf(stdin, NULL, _IONBF, 0); /* poll() must see every byte not yet read */
        app_watch_changed(&watch);
    }
    p->since = (double)time(NULL);
    if (!bs_game_over(g)) { /* resumable from the first prompt on */
        bs_errors_init(&e, p->save_path);
        app_play_autosave(p, &e);
        saved &= report(&e);
        bs_errors_free(&e);
    }
    while (!bs_game_over(g) && !quit) {
        /* the seats choose in turn (the controller resolves the week after
         * the last); anything that changes the week shows it again from the
         * first seat */
        int se = p->seat;
        if (g->nseats > 1) {
            char n[16];
            snprintf(n, sizeof n, "%d", se + 1);
            const char *kvp[] = {"n", n, "vendor", s->vendors[g->seat[se].vendor].name, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.pass_to"), kvp);
            fprintf(out, "\n%s\n", line);
        }
        cli_print_week(out, g, t, se, true, a->exam);
        int avail[BS_MAX_CHOICES];
        int n = bs_game_choices(g, se, avail);
        for (;;) {
            char nn[16];
            snprintf(nn, sizeof nn, "%d", n);
            const char *kvn[] = {"n", nn, NULL};
            app_fill(line, sizeof line, bs_str(t, !n ? "ui.prompt_wait" : a->vote ? "ui.prompt_vote" : "ui.prompt"), kvn);
            fprintf(out, "%s", line);
            fflush(out);
            char in[256];
            int got = read_input(in, sizeof in, &watch);
            if (got == 2) { /* the author saved the case: play on with it, at the same week */
                bs_errors_init(&e, a->watch);
                int before = p->ss.nweeks, kept = app_play_reload(p, &watch, &e);
                const char *kvf[] = {"file", a->watch, NULL};
                if (kept < 0) { /* play on with the version that loaded */
                    app_fill(line, sizeof line, bs_str(t, "ui.reload_failed"), kvf);
                    fprintf(out, "\n%s\n", line);
                    fflush(out);
                    cli_errors_print(&e);
                    bs_errors_free(&e);
                    continue;
                }
                s = p->scn;
                char wk2[16], k1[16];
                snprintf(wk2, sizeof wk2, "%d", g->week);
                snprintf(k1, sizeof k1, "%d", kept + 1);
                const char *kvr[] = {"file", a->watch, "week", wk2, "from", k1, NULL};
                app_fill(line, sizeof line, bs_str(t, kept < before ? "ui.reloaded_back" : "ui.reloaded"), kvr);
                fprintf(out, "\n%s\n", line);
                saved &= report(&e);
                bs_errors_free(&e);
                break; /* show the week again, as the edited case has it */
            }
            if (got == 0) {
                quit = true;
                fprintf(out, "\n");
                break;
            }
            char *q = in;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == 'q' || *q == 'Q') {
                quit = true;
                break;
            }
            if (*q == '?' || *q == 'h' || *q == 'H') {
                fprintf(out, "%s\n", bs_str(t, "ui.keys"));
                continue;
            }
            if ((*q == 'e' || *q == 'E') && se == 0) { /* the facilitator brings in an event */
                if (inject_menu(out, p, t, &saved))
                    break; /* show the week again, with the news */
                continue;
            }
            if ((*q == 'u' || *q == 'U') && se == 0) {
                bs_errors_init(&e, p->save_path);
                if (app_play_undo(p, &e)) {
                    fprintf(out, "%s\n", bs_str(t, "ui.undone"));
                    saved &= report(&e);
                    bs_errors_free(&e);
                    break;
                }
                bs_errors_free(&e);
                fprintf(out, "%s\n", bs_str(t, "ui.cannot_undo"));
                continue;
            }
            int choice = -1;
            if (n > 0) {
                char *end;
                long k = strtol(q, &end, 10);
                while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
                    end++;
                if (end == q || *end != '\0' || k < 1 || k > n) {
                    app_fill(line, sizeof line, bs_str(t, "ui.invalid"), kvn);
                    fprintf(out, "%s\n", line);
                    continue;
                }
                choice = avail[k - 1];
            }
            BsPredict pred[3];
            if (p->predict && choice >= 0 && !ask_prediction(out, t, pred)) {
                quit = true;
                break;
            }
            bs_errors_init(&e, p->save_path);
            AppPlayStep step = app_play_choose(p, choice, p->predict && choice >= 0 ? pred : NULL,
                                               (double)time(NULL), &e);
            if (step == APP_PLAY_RESOLVED) {
                cli_print_moves(out, g, t, 0, a->exam);
                if (p->predict)
                    reveal_predictions(out, &p->ss, g, t);
                saved &= report(&e);
            } else if (step == APP_PLAY_REFUSED) {
                fprintf(stderr, "buyersim: internal error: the week could not be resolved\n");
                cli_errors_print(&e);
                saved = false;
                quit = true;
            }
            bs_errors_free(&e);
            break;
        }
    }
    if (bs_game_over(g)) {
        for (int se = 0; se < g->nseats; se++)
            cli_print_debrief(out, &p->ss, s, t, se);
    } else if (p->save_path[0]) {
        const char *kv[] = {"file", p->save_path, NULL};
        app_fill(line, sizeof line, bs_str(t, "ui.saved_resume"), kv);
        fprintf(out, "%s\n", line);
    }
    int rc = saved ? 0 : 1;
    if (fflush(out) != 0 || ferror(out))
        rc = 1;
    app_play_free(p);
    return rc;
}
