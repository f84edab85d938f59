/* The console frontend: plays from a terminal, a screen reader or a pipe
 * (one choice number per line). Output is deterministic for golden tests. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
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

void cli_print_week(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool show_choices)
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
        int w = columns(vendor_name(g, v)) + (g->seat_of[v] >= 0 ? columns(bs_str(t, "ui.you")) + 1 : 0);
        if (w > width)
            width = w;
    }
    if (columns(bs_str(t, "ui.other_sources")) > width)
        width = columns(bs_str(t, "ui.other_sources"));
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    for (int v = 0; v <= g->nv; v++) {
        double share = v < g->nv ? g->v[v].mindshare : (total > 0 ? g->other / total : 0);
        if (v < g->nv && g->seat_of[v] >= 0)
            snprintf(line, sizeof line, "%s %s", vendor_name(g, v), bs_str(t, "ui.you"));
        else
            snprintf(line, sizeof line, "%s", v < g->nv ? vendor_name(g, v) : bs_str(t, "ui.other_sources"));
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
    if (s->nmessages) {
        fprintf(f, "%s\n", bs_str(t, "ui.messages"));
        for (int m = 0; m < s->nmessages; m++) {
            const BsMemory *mem = &vs->mem[m];
            char status[512];
            if (mem->stability <= 0) {
                snprintf(status, sizeof status, "%s", bs_str(t, "ui.not_said"));
            } else {
                char rc[16];
                snprintf(rc, sizeof rc, "%.0f%%", 100.0 * bs_msg_recall(g, mem));
                const char *kvr[] = {"recall", rc, NULL};
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

void cli_print_moves(FILE *f, const BsGame *g, const BsStrings *t, int seat)
{
    const BsScenario *s = g->scn;
    const BsWeekReport *r = &g->last;
    char line[4200], buf[4096], a[16], b[16], c[16];
    int me = g->seat[seat].vendor;
    /* each seat's own move, with its why */
    for (int se = 0; se < g->nseats; se++) {
        int v = g->seat[se].vendor;
        const BsMove *mv = &r->move[v];
        if (mv->action < 0)
            continue;
        signed_num(a, sizeof a, 100.0 * mv->d_mindshare, 1);
        signed_num(b, sizeof b, mv->d_trust, 0);
        signed_num(c, sizeof c, mv->d_risk, 0);
        const char *kv[] = {"vendor", vendor_name(g, v), "action", bs_action_text(s, t, mv->action, "label"),
                            "mindshare", a, "trust", b, "risk", c, NULL};
        app_fill(line, sizeof line, bs_str(t, g->nseats > 1 ? "ui.result_seat" : "ui.result"), kv);
        fprintf(f, "\n%s\n", line);
        app_outcome_text(g, t, v, mv, buf, sizeof buf);
        if (buf[0])
            fprintf(f, "  %s\n", buf);
        const char *why = mv->verdict > 0 ? bs_action_text(s, t, mv->action, "why_good")
                        : mv->verdict < 0 ? bs_action_text(s, t, mv->action, "why_bad") : "";
        if (why && *why) {
            bs_format(g, v, why, buf, sizeof buf);
            const char *kv2[] = {"why", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.why"), kv2);
            fprintf(f, "  %s\n", line);
        }
        /* the buyer's reaction to this move */
        const char *think = bs_move_thought(s, t, mv);
        if (*think && se == seat) {
            bs_format(g, v, think, buf, sizeof buf);
            const char *kvb[] = {"buyer", s->buyer_name, "text", buf, NULL};
            app_fill(line, sizeof line, bs_str(t, "ui.thinks"), kvb);
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
    (void)me;
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
    (void)c->think;
    char text[4096], line[4200];
    bs_format_s(s, vendor, m->week, c->text, text, sizeof text);
    const char *kv[] = {"week", wk, "text", text, "action", bs_action_text(s, t, m->action, "label"),
                        "impact", imp, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.moment"), kv);
    fprintf(f, "  %s\n", line);
    const char *why = m->verdict < 0 || (m->verdict == 0 && m->impact < 0)
                          ? bs_action_text(s, t, m->action, "why_bad")
                          : bs_action_text(s, t, m->action, "why_good");
    char n[8], whyf[2048];
    snprintf(n, sizeof n, "%d", m->lesson);
    bs_format_s(s, vendor, m->week, why ? why : "", whyf, sizeof whyf);
    const char *kvl[] = {"n", n, "title", s->lessons[m->lesson - 1].title, "why", whyf, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.lesson_line"), kvl);
    fprintf(f, "    %s\n", line);
    BsMove mv = {.action = (int16_t)m->action, .choice = (int16_t)m->choice, .state = (int16_t)m->state,
                 .verdict = (int8_t)m->verdict};
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


void cli_print_debrief(FILE *f, const BsSession *ss, const BsScenario *s, const BsStrings *t, int seat)
{
    BsDebrief d;
    BsErrors e;
    bs_errors_init(&e, "");
    if (!bs_debrief_build(ss, s, seat, &d, &e)) {
        bs_errors_print(&e, stderr);
        bs_errors_free(&e);
        return;
    }
    bs_errors_free(&e);
    char line[4200];
    const char *winner = d.winner >= 0 ? s->vendors[d.winner].name : "";
    const char *kv[] = {"buyer", s->buyer_name, "winner", winner, "vendor", s->vendors[d.vendor].name, NULL};
    rule(f, bs_str(t, "debrief.title"));
    if (d.found_out) {
        app_fill(line, sizeof line, bs_str(t, "debrief.found_out"), kv);
        fprintf(f, "%s\n", line);
    }
    app_fill(line, sizeof line, bs_str(t, app_outcome_key(d.outcome, d.winner, d.vendor)), kv);
    fprintf(f, "%s\n", line);
    char ms[16], tr[16], rk[16];
    snprintf(ms, sizeof ms, "%.0f%%", 100.0 * d.final_mindshare);
    snprintf(tr, sizeof tr, "%.0f", d.final_trust);
    snprintf(rk, sizeof rk, "%.0f", d.final_risk);
    const char *kvf[] = {"mindshare", ms, "trust", tr, "risk", rk, NULL};
    app_fill(line, sizeof line, bs_str(t, "debrief.final"), kvf);
    fprintf(f, "%s\n", line);
    int right = 0, made = 0;
    BsErrors pe;
    bs_errors_init(&pe, "");
    if (bs_session_predictions(ss, s, seat, &right, &made, &pe) && made > 0) {
        char r[16], m[16], pc[16];
        snprintf(r, sizeof r, "%d", right);
        snprintf(m, sizeof m, "%d", made);
        snprintf(pc, sizeof pc, "%.0f%%", 100.0 * right / made);
        const char *kvp[] = {"right", r, "made", m, "percent", pc, NULL};
        app_fill(line, sizeof line, bs_str(t, "debrief.predictions"), kvp);
        fprintf(f, "%s\n", line);
    }
    bs_errors_free(&pe);
    if (d.nbest) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.best"));
        for (int i = 0; i < d.nbest; i++)
            print_moment(f, s, t, &d.best[i], d.vendor);
    }
    if (d.nworst) {
        fprintf(f, "\n%s\n", bs_str(t, "debrief.worst"));
        for (int i = 0; i < d.nworst; i++)
            print_moment(f, s, t, &d.worst[i], d.vendor);
    }
    if (d.has_centric) {
        const char *cw = d.centric_winner >= 0 ? s->vendors[d.centric_winner].name : "";
        const char *kvc[] = {"buyer", s->buyer_name, "winner", cw, "vendor", s->vendors[d.vendor].name, NULL};
        fprintf(f, "\n%s\n", bs_str(t, "debrief.centric"));
        const char *ck = d.centric_outcome == BS_OUT_NO_DECISION ? "debrief.centric_no_decision"
                       : d.centric_winner == d.vendor ? "debrief.centric_won" : "debrief.centric_lost";
        app_fill(line, sizeof line, bs_str(t, ck), kvc);
        fprintf(f, "  %s\n", line);
        fprintf(f, "  %s", bs_str(t, "debrief.curve_weeks"));
        for (int w = 0; w <= d.player.nweeks; w++)
            fprintf(f, " %2d", w);
        fprintf(f, "\n  %s", bs_str(t, "debrief.curve_you"));
        for (int w = 0; w <= d.player.nweeks; w++)
            fprintf(f, " %2.0f", 100.0 * (double)d.player.w[w].mindshare[d.vendor]);
        fprintf(f, "\n  %s", bs_str(t, "debrief.curve_centric"));
        for (int w = 0; w <= d.centric.nweeks; w++)
            fprintf(f, " %2.0f", 100.0 * (double)d.centric.w[w].mindshare[d.vendor]);
        fprintf(f, "\n");
    }
    fprintf(f, "\n%s\n", bs_str(t, "debrief.lessons"));
    for (int k = 0; k < 3; k++)
        fprintf(f, "  %d. %s%s\n     %s\n", k + 1, s->lessons[k].title,
                d.lessons_fired >> k & 1 ? bs_str(t, "debrief.fired") : "", s->lessons[k].text);
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

static void default_save_path(const BsScenario *s, char *out, size_t cap)
{
    const char *dir = app_user_dir();
    if (dir)
        snprintf(out, cap, "%s/autosave-%s-%s.json", dir, s->id, s->lang);
    else
        out[0] = '\0';
}

static void log_path_of(const char *save, char *out, size_t cap)
{
    snprintf(out, cap, "%s", save);
    size_t n = strlen(out);
    if (n > 5 && !strcmp(out + n - 5, ".json"))
        out[n - 5] = '\0';
    strncat(out, ".log.jsonl", cap - strlen(out) - 1);
}

/* Wall-clock time spent playing, for the records (not part of the game). */
static void count_time(BsSession *ss, time_t *since)
{
    time_t now = time(NULL);
    if (now > *since && now - *since < 3600) /* an idle hour is not play */
        ss->seconds += (uint32_t)(now - *since);
    *since = now;
}

static bool autosave(const BsSession *ss, const BsScenario *s, const char *path)
{
    if (!path[0])
        return true;
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_session_save(ss, s, path, &e);
    if (ok) {
        char logp[1100];
        log_path_of(path, logp, sizeof logp);
        ok = bs_session_write_log(ss, s, logp, &e);
    }
    if (!ok) {
        fprintf(stderr, "buyersim: could not save the game:\n");
        bs_errors_print(&e, stderr);
    }
    bs_errors_free(&e);
    return ok;
}

/* Facilitator: list the events that can be brought in now, inject one. */
static bool inject_menu(FILE *out, BsSession *ss, const BsScenario *s, BsGame *g, const BsStrings *t)
{
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
    if (!bs_session_inject(ss, g, list[k - 1])) {
        fprintf(out, "%s\n", bs_str(t, "ui.event_refused"));
        return false;
    }
    return true;
}

/* Predict, then reveal: before the week resolves, the seat says which way
 * the buyer's mindshare, trust and career risk will move. */
static bool ask_prediction(FILE *out, BsSession *ss, const BsStrings *t, int seat)
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
            bs_session_predict(ss, seat, p);
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
            BsPredict p = (BsPredict)ss->predict[w][se][k], real = bs_predict_actual(mv, k);
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
    const char *lang = app_lang(a->lang);
    char path[1200];
    BsSession ss;
    BsScenario *s = NULL;
    if (a->resume) {
        s = app_load_session(a->resume, a->scenario, lang, &ss);
        if (!s)
            return 1;
        snprintf(path, sizeof path, "%s", s->path);
    } else {
        if (!app_scenario_path(a->scenario, lang, path, sizeof path)) {
            fprintf(stderr, "buyersim: no scenario \"%s\" (give a file, or a bundled id)\n", a->scenario ? a->scenario : "");
            return 1;
        }
        s = app_load_scenario(path);
        if (!s)
            return 1;
        BsGameOptions o = {.nseats = a->players > 0 ? a->players : 1,
                           .seed = a->has_seed ? a->seed : s->seed, .rivals = a->rivals};
        bs_session_new(&ss, s, &o);
    }
    if (!a->lang)
        lang = s->lang; /* the interface follows the scenario unless asked */
    BsStrings *t = app_strings(lang);
    if (!t) {
        bs_scenario_free(s);
        return 1;
    }
    char save[1100];
    if (a->save)
        snprintf(save, sizeof save, "%s", a->save);
    else if (a->resume)
        snprintf(save, sizeof save, "%s", a->resume);
    else
        default_save_path(s, save, sizeof save);

    BsGame g;
    BsErrors e;
    bs_errors_init(&e, path);
    if (!bs_session_replay(&ss, s, &g, -1, &e)) {
        bs_errors_print(&e, stderr);
        bs_errors_free(&e);
        bs_strings_free(t);
        bs_scenario_free(s);
        return 1;
    }
    bs_errors_free(&e);

    FILE *out = stdout;
    char wk[16], line[4200];
    snprintf(wk, sizeof wk, "%d", s->weeks);
    fprintf(out, "buyersim: %s\n", s->title);
    {
        const char *kv[] = {"buyer", s->buyer_name, "role", s->buyer_role,
                            "company", s->buyer_company ? s->buyer_company : "", "weeks", wk, NULL};
        app_fill(line, sizeof line, bs_str(t, s->buyer_company ? "ui.intro_company" : "ui.intro"), kv);
        fprintf(out, "%s\n", line);
        for (int se = 0; se < g.nseats; se++) {
            char n[16];
            snprintf(n, sizeof n, "%d", se + 1);
            char others[8];
            snprintf(others, sizeof others, "%d", s->nvendors - 1);
            const char *kvp[] = {"n", n, "vendor", s->vendors[g.seat[se].vendor].name, "others", others, NULL};
            app_fill(line, sizeof line, bs_str(t, g.nseats > 1 ? "ui.you_are_seat" : "ui.you_are"), kvp);
            fprintf(out, "%s\n", line);
        }
        if (s->summary)
            fprintf(out, "%s\n", s->summary);
    }
    int rc = 0;
    bool quit = false;
    time_t since = time(NULL);
    if (!bs_game_over(&g) && !autosave(&ss, s, save)) /* resumable from the first prompt on */
        rc = 1;
    while (!bs_game_over(&g) && !quit) {
        int ch[BS_MAX_SEATS];
        bool undone = false;
        for (int se = 0; se < g.nseats && !quit && !undone; se++) {
            if (g.nseats > 1) {
                char n[16];
                snprintf(n, sizeof n, "%d", se + 1);
                const char *kvp[] = {"n", n, "vendor", s->vendors[g.seat[se].vendor].name, NULL};
                app_fill(line, sizeof line, bs_str(t, "ui.pass_to"), kvp);
                fprintf(out, "\n%s\n", line);
            }
            cli_print_week(out, &g, t, se, true);
            int avail[BS_MAX_CHOICES];
            int n = bs_game_choices(&g, se, avail);
            for (;;) {
                char nn[16];
                snprintf(nn, sizeof nn, "%d", n);
                const char *kvn[] = {"n", nn, NULL};
                app_fill(line, sizeof line, bs_str(t, !n ? "ui.prompt_wait" : a->vote ? "ui.prompt_vote" : "ui.prompt"), kvn);
                fprintf(out, "%s", line);
                fflush(out);
                char in[256];
                if (!read_line(in, sizeof in)) {
                    quit = true;
                    fprintf(out, "\n");
                    break;
                }
                char *p = in;
                while (*p == ' ' || *p == '\t')
                    p++;
                if (*p == 'q' || *p == 'Q') {
                    quit = true;
                    break;
                }
                if (*p == '?' || *p == 'h' || *p == 'H') {
                    fprintf(out, "%s\n", bs_str(t, "ui.keys"));
                    continue;
                }
                if ((*p == 'e' || *p == 'E') && se == 0) { /* the facilitator brings in an event */
                    if (inject_menu(out, &ss, s, &g, t)) {
                        autosave(&ss, s, save);
                        undone = true; /* show the week again, with the news */
                        break;
                    }
                    continue;
                }
                if ((*p == 'u' || *p == 'U') && se == 0) {
                    if (bs_session_undo(&ss, s, &g)) {
                        fprintf(out, "%s\n", bs_str(t, "ui.undone"));
                        autosave(&ss, s, save);
                        undone = true;
                    } else {
                        fprintf(out, "%s\n", bs_str(t, "ui.cannot_undo"));
                        continue;
                    }
                    break;
                }
                if (n == 0) {
                    ch[se] = -1;
                    break;
                }
                char *end;
                long k = strtol(p, &end, 10);
                while (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n')
                    end++;
                if (end != p && *end == '\0' && k >= 1 && k <= n) {
                    ch[se] = avail[k - 1];
                    if (a->predict && !ask_prediction(out, &ss, t, se))
                        quit = true;
                    break;
                }
                app_fill(line, sizeof line, bs_str(t, "ui.invalid"), kvn);
                fprintf(out, "%s\n", line);
            }
        }
        if (quit || undone)
            continue;
        count_time(&ss, &since);
        if (!bs_session_play(&ss, &g, ch)) {
            fprintf(stderr, "buyersim: internal error: the week could not be resolved\n");
            rc = 1;
            break;
        }
        cli_print_moves(out, &g, t, 0);
        if (a->predict)
            reveal_predictions(out, &ss, &g, t);
        if (!autosave(&ss, s, save))
            rc = 1;
    }
    if (bs_game_over(&g)) {
        for (int se = 0; se < g.nseats; se++)
            cli_print_debrief(out, &ss, s, t, se);
        char err[256];
        if (!app_history_record(&ss, s, err, sizeof err))
            fprintf(stderr, "buyersim: the game was not added to your history: %s\n", err);
    } else if (save[0]) {
        const char *kv[] = {"file", save, NULL};
        app_fill(line, sizeof line, bs_str(t, "ui.saved_resume"), kv);
        fprintf(out, "%s\n", line);
    }
    if (fflush(out) != 0 || ferror(out))
        rc = 1;
    bs_strings_free(t);
    bs_scenario_free(s);
    return rc;
}
