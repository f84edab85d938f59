/* The game as the screen shows it: the session and game, every text of the
 * week prepared once (fixed buffers), the practice previews (a copy of the
 * game stepped with each choice), the animated meters, saving. No SDL
 * drawing here. */
#define _POSIX_C_SOURCE 200809L
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*============================================================================
 * Theme: Okabe-Ito colours for vendors (colour-blind safe), always labelled.
 *==========================================================================*/
static SDL_Color rgb(unsigned v)
{
    SDL_Color c = {(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
    return c;
}

void scr_theme_get(ScrTheme *t, bool projector)
{
    memset(t, 0, sizeof *t);
    if (!projector) {
        t->bg = rgb(0xE9EDF2);
        t->panel = rgb(0xFFFFFF);
        t->card = rgb(0xF4F6F9);
        t->border = rgb(0xC9D1DB);
        t->text = rgb(0x17202B);
        t->muted = rgb(0x55606E);
        t->accent = rgb(0x0072B2);
        t->accent_text = rgb(0xFFFFFF);
        t->says_bg = rgb(0xFFFFFF);
        t->says_border = rgb(0x8A97A8);
        t->think_bg = rgb(0xF1ECFA);
        t->think_border = rgb(0xB9A8DA);
        t->think_text = rgb(0x47326E);
        t->choice_bg = rgb(0xF4F6F9);
        t->choice_hover = rgb(0xDCEBF7);
        t->choice_sel = rgb(0xC4DDF2);
        t->badge_bg = rgb(0x0072B2);
        t->badge_text = rgb(0xFFFFFF);
        t->good = rgb(0x007A5A);
        t->bad = rgb(0xC04A00);
        t->warn = rgb(0xB07800);
        t->track = rgb(0xE3E8EE);
        t->news_bg = rgb(0xFFF3D6);
        t->news_text = rgb(0x5A3E00);
        t->dim = (SDL_Color){10, 16, 24, 200};
        static const unsigned pal[] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x56B4E9, 0xF0E442, 0x000000};
        for (int i = 0; i < BS_MAX_VENDORS; i++)
            t->vendor[i] = rgb(pal[i]);
        t->vendor[BS_MAX_VENDORS] = rgb(0x9AA3AE);
    } else {
        /* high contrast: white and yellow on black, saturated colours */
        t->dark = true;
        t->bg = rgb(0x000000);
        t->panel = rgb(0x0E0E0E);
        t->card = rgb(0x1C1C1C);
        t->border = rgb(0x7A7A7A);
        t->text = rgb(0xFFFFFF);
        t->muted = rgb(0xD0D0D0);
        t->accent = rgb(0xFFD400);
        t->accent_text = rgb(0x000000);
        t->says_bg = rgb(0x000000);
        t->says_border = rgb(0xFFFFFF);
        t->think_bg = rgb(0x1E1433);
        t->think_border = rgb(0xC8B4FF);
        t->think_text = rgb(0xE2D6FF);
        t->choice_bg = rgb(0x1C1C1C);
        t->choice_hover = rgb(0x36300A);
        t->choice_sel = rgb(0x4D4300);
        t->badge_bg = rgb(0xFFD400);
        t->badge_text = rgb(0x000000);
        t->good = rgb(0x3DDC97);
        t->bad = rgb(0xFF7A45);
        t->warn = rgb(0xFFD400);
        t->track = rgb(0x333333);
        t->news_bg = rgb(0x3A2C00);
        t->news_text = rgb(0xFFE38A);
        t->dim = (SDL_Color){0, 0, 0, 215};
        static const unsigned pal[] = {0x56B4E9, 0xE69F00, 0x009E73, 0xD55E00, 0xCC79A7, 0x0072B2, 0xF0E442, 0xFFFFFF};
        for (int i = 0; i < BS_MAX_VENDORS; i++)
            t->vendor[i] = rgb(pal[i]);
        t->vendor[BS_MAX_VENDORS] = rgb(0x8C8C8C);
    }
}

/*============================================================================
 * Strings
 *==========================================================================*/
const char *scr_str(const ScrModel *m, const char *key) { return app_play_str(m->p, key); }

void scr_fmt_signed(char *out, size_t cap, double v, int decimals)
{
    double lim = decimals ? 0.05 : 0.5;
    if (v > -lim && v < lim)
        v = 0;
    /* a real minus sign reads better than a hyphen */
    if (v < 0)
        snprintf(out, cap, "\xE2\x88\x92%.*f", decimals, -v);
    else
        snprintf(out, cap, "+%.*f", decimals, v);
}

static void fill1(const ScrModel *m, char *out, size_t cap, const char *key, const char *k1, const char *v1)
{
    const char *kv[] = {k1, v1, NULL};
    app_fill(out, cap, scr_str(m, key), k1 ? kv : NULL);
}

static void anim_targets(ScrModel *m);
static void chance_rebuild(ScrModel *m);

/*============================================================================
 * Opening a game
 *==========================================================================*/
ScrModel *scr_model_open(const ScrModelOptions *o, BsErrors *errs)
{
    ScrModel *m = calloc(1, sizeof *m);
    if (!m) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return NULL;
    }
    /* a demo plays for show: no autosave, nothing in the history */
    AppPlayOptions po = {.scenario = o->scenario, .lang = o->lang, .resume = o->resume,
                         .save = o->save ? o->save : o->mode == SCR_MODE_DEMO && !o->resume ? "" : NULL,
                         .rivals = o->rivals, .seed = o->seed, .has_seed = o->has_seed, .players = o->players,
                         .predict = o->predict, .vote = o->vote, .uneven = o->uneven, .replay = o->replay,
                         .record = o->mode != SCR_MODE_DEMO};
    BsErrors e;
    bs_errors_init(&e, o->resume ? o->resume : "");
    m->p = app_play_open(&po, &e);
    if (!m->p) {
        if (!e.count)
            bs_errors_add(&e, BS_E_IO, 0, 0, "", "cannot open");
        app_errors_take(errs, &e);
        bs_errors_free(&e);
        free(m);
        return NULL;
    }
    bs_errors_free(&e);
    /* the autosave is where a finished game's history comes from */
    m->p->record = m->p->record && m->p->save_path[0];
    m->p->defer_writes = true; /* scr_model_write, a frame after the move's */
    m->mode = o->mode;
    m->projector = o->projector;
    chance_rebuild(m);
    scr_model_refresh(m);
    anim_targets(m);
    scr_anim_settle(&m->anim);
    return m;
}

void scr_model_free(ScrModel *m)
{
    if (!m)
        return;
    if (!scr_model_write(m)) /* a move's writes still due: nowhere left to show a problem but here */
        fprintf(stderr, "buyersim: %s\n", m->last_error);
    app_play_free(m->p);
    free(m);
}

/*============================================================================
 * The week's texts
 *==========================================================================*/
static size_t u8len(const unsigned char *p)
{
    return *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
}

static void initials(const char *name, char *out, size_t cap)
{
    /* first letters of the first and last word; one character for a name
     * without spaces (a Chinese name: its surname) */
    const unsigned char *p = (const unsigned char *)name;
    size_t n = 0;
    out[0] = '\0';
    if (!*p)
        return;
    size_t k = u8len(p);
    for (size_t i = 0; i < k && p[i] && n + 1 < cap; i++)
        out[n++] = (char)p[i];
    const char *last = strrchr(name, ' ');
    if (last && last[1] && *p < 0x80) {
        const unsigned char *q = (const unsigned char *)last + 1;
        size_t kk = u8len(q);
        for (size_t i = 0; i < kk && q[i] && n + 1 < cap; i++)
            out[n++] = (char)q[i];
    }
    out[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (out[i] >= 'a' && out[i] <= 'z')
            out[i] = (char)(out[i] - 32);
}

static double other_share(const BsGame *g)
{
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    return total > 0 ? g->other / total : 0;
}

static void append(char *out, size_t cap, const char *sep, const char *s)
{
    size_t n = strlen(out);
    if (n && sep)
        snprintf(out + n, cap - n, "%s", sep);
    n = strlen(out);
    snprintf(out + n, cap - n, "%s", s);
}


/* Practice previews: which way the choice itself would move each meter,
 * measured as the game measures a move (the week played with it against
 * the same week let pass, same seed), so the preview agrees with the
 * result card's "your move" after the week. */
static void previews(ScrModel *m)
{
    ScrWeek *w = &m->wk;
    const BsGame *g = &m->p->g;
    int me = w->me;
    for (int k = 0; k < w->nchoices; k++)
        memset(w->choice[k].dir, 0, 3);
    if (m->mode == SCR_MODE_EXAM || m->p->predict || w->nchoices == 0) /* predicting is guessing without a hint */
        return;
    BsGame *c = malloc(2 * sizeof *c);
    if (!c)
        return;
    BsGame *pass = c + 1;
    int ch[BS_MAX_SEATS];
    for (int se = 0; se < BS_MAX_SEATS; se++)
        ch[se] = se < g->nseats && se < m->p->seat ? m->p->pending[se] : -1;
    /* the week let pass: the same for every choice */
    *pass = *g;
    pass->quiet = true;
    if (!bs_game_step(pass, ch)) {
        free(c);
        return;
    }
    for (int k = 0; k < w->nchoices; k++) {
        *c = *g;
        c->quiet = true;
        ch[m->p->seat] = w->choice[k].avail;
        if (!bs_game_step(c, ch))
            continue;
        BsMove mv = {.has_own = true,
                     .own_mindshare = c->v[me].mindshare - pass->v[me].mindshare,
                     .own_trust = c->v[me].trust - pass->v[me].trust,
                     .own_risk = c->v[me].risk - pass->v[me].risk};
        for (int i = 0; i < 3; i++) {
            BsPredict d = bs_predict_actual(&c->scn->model, &mv, i);
            w->choice[k].dir[i] = (int8_t)(d == BS_PREDICT_UP ? 1 : d == BS_PREDICT_DOWN ? -1 : 0);
        }
    }
    free(c);
}

/* The chance meter: shown in practice, predict, vote and demo, and when a
 * past game is replayed; an exam shows no chance. */
static bool chance_shown(const ScrModel *m) { return m->mode != SCR_MODE_EXAM || m->p->replay; }

/* The chance at the start of a week, every vendor's. */
static void chance_record(ScrModel *m, int week, const BsGame *g)
{
    if (week < 0 || week >= BS_MAX_WEEKS)
        return;
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(g, pw);
    for (int v = 0; v < BS_MAX_VENDORS; v++)
        m->chance[week][v] = (float)pw[v];
}

/* The chance at the start of every week played (a saved or past game, a
 * new one), each week as its players saw it: its events brought in too. */
static void chance_rebuild(ScrModel *m)
{
    m->nchance = 0;
    BsGame *g = malloc(sizeof *g);
    if (!g)
        return;
    for (int w = 0; w < m->p->ss.nweeks && w < BS_MAX_WEEKS; w++) {
        BsErrors e;
        bs_errors_init(&e, "");
        bool ok = bs_session_replay_start(&m->p->ss, m->p->scn, g, w + 1, &e);
        bs_errors_free(&e);
        if (!ok)
            break;
        chance_record(m, w, g);
        m->nchance = w + 1;
    }
    free(g);
}

/* The meter's weeks so far (the weeks played, or shown in a replay), and now. */
static void chance_history(ScrModel *m, int vendor, double now)
{
    ScrWeek *w = &m->wk;
    int weeks = m->p->replay ? m->p->view_week : m->p->ss.nweeks;
    if (weeks > m->nchance)
        weeks = m->nchance;
    w->nchance = 0;
    for (int i = 0; i < weeks; i++)
        w->chance_hist[w->nchance++] = m->chance[i][vendor];
    w->chance_hist[w->nchance++] = (float)now;
}

static int8_t dir_of(double v, int decimals)
{
    double lim = decimals ? 0.05 : 0.5; /* as the number shows: +0.0 is no change */
    return (int8_t)(v >= lim ? 1 : v <= -lim ? -1 : 0);
}

/* What the seat's move did, apart from the rivals and time: the numbers and
 * their words. Without a measured move (the seat let the week pass) the
 * whole week is the rivals' and time's. */
static void effects(ScrModel *m, const BsMove *mv, bool chance)
{
    ScrWeek *w = &m->wk;
    static const char *const head_key[SCR_EFF_COLS] = {"screen.mindshare", "screen.trust_short", "screen.risk_short",
                                                       "screen.chance_short"};
    static const char *const chip_key[SCR_EFF_COLS] = {"screen.chip_mindshare", "screen.chip_trust",
                                                       "screen.chip_risk", "screen.chip_chance"};
    static const int decimals[SCR_EFF_COLS] = {1, 0, 0, 1};
    w->neff_cols = chance ? 4 : 3;
    w->week_val[0] = 100.0 * mv->d_mindshare;
    w->week_val[1] = mv->d_trust;
    w->week_val[2] = mv->d_risk;
    w->week_val[3] = 100.0 * mv->d_pwin;
    double own[SCR_EFF_COLS] = {0, 0, 0, 0};
    if (mv->has_own) {
        own[0] = 100.0 * mv->own_mindshare;
        own[1] = mv->own_trust;
        own[2] = mv->own_risk;
        own[3] = 100.0 * mv->own_pwin;
    }
    w->neff_rows = mv->has_own ? 2 : 1;
    w->eff_row0 = mv->has_own ? 0 : 1;
    snprintf(w->eff_label[0], sizeof w->eff_label[0], "%s", scr_str(m, "screen.own_row"));
    snprintf(w->eff_label[1], sizeof w->eff_label[1], "%s", scr_str(m, "screen.drift_row"));
    for (int i = 0; i < SCR_EFF_COLS; i++) {
        snprintf(w->eff_head[i], sizeof w->eff_head[i], "%s", scr_str(m, head_key[i]));
        w->eff_val[0][i] = own[i];
        w->eff_val[1][i] = w->week_val[i] - own[i];
        for (int r = 0; r < 2; r++) {
            scr_fmt_signed(w->eff_cell[r][i], sizeof w->eff_cell[r][i], w->eff_val[r][i], decimals[i]);
            w->eff_dir[r][i] = dir_of(w->eff_val[r][i], decimals[i]);
            fill1(m, w->eff_chip[r][i], sizeof w->eff_chip[r][i], chip_key[i], "n", w->eff_cell[r][i]);
        }
    }
}

/* The top bar: the case, the week, the mode, the seat; the buyer's name and role. */
static void week_head(ScrModel *m, ScrWeek *w, int seat, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    snprintf(w->title, sizeof w->title, "%s", s->title ? s->title : s->id);
    char wk[16], wks[16];
    int week = g->week > s->weeks ? s->weeks : g->week;
    if (bs_game_over(g) && g->decided_week > 0)
        week = g->decided_week;
    snprintf(wk, sizeof wk, "%d", week);
    snprintf(wks, sizeof wks, "%d", s->weeks);
    const char *kvw[] = {"week", wk, "weeks", wks, NULL};
    app_fill(w->week, sizeof w->week, scr_str(m, "ui.week"), kvw);
    snprintf(w->mode, sizeof w->mode, "%s",
             scr_str(m, m->p->replay ? "screen.mode_replay"
                      : m->p->vote ? "screen.mode_vote"
                      : m->p->predict ? "screen.mode_predict"
                      : m->mode == SCR_MODE_EXAM ? "screen.mode_exam"
                      : m->mode == SCR_MODE_DEMO ? "screen.mode_demo" : "screen.mode_practice"));
    w->vote = m->p->vote;
    w->replay = m->p->replay;
    if (g->nseats > 1) {
        char n[16];
        snprintf(n, sizeof n, "%d", seat + 1);
        const char *kv[] = {"n", n, "vendor", s->vendors[me].name, NULL};
        app_fill(w->you, sizeof w->you, scr_str(m, "ui.you_are_seat"), kv);
    } else {
        fill1(m, w->you, sizeof w->you, "screen.you_sell", "vendor", s->vendors[me].name);
    }
    snprintf(w->help_hint, sizeof w->help_hint, "%s", scr_str(m, "screen.help_hint"));
    initials(s->buyer_name, w->initials, sizeof w->initials);
    snprintf(w->buyer, sizeof w->buyer, "%s", s->buyer_name);
    if (s->buyer_company && *s->buyer_company)
        snprintf(w->role, sizeof w->role, "%s \xC2\xB7 %s", s->buyer_role ? s->buyer_role : "", s->buyer_company);
    else
        snprintf(w->role, sizeof w->role, "%s", s->buyer_role ? s->buyer_role : "");

    snprintf(w->buyer_line, sizeof w->buyer_line, "%s \xC2\xB7 %s", w->buyer, w->role);
}

/* What the buyer says and thinks this week, and the week's news. */
static void week_buyer(ScrModel *m, ScrWeek *w, int seat, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    char buf[SCR_LONG_CAP];
    /* news: the events of this week */
    snprintf(w->news_label, sizeof w->news_label, "%s", scr_str(m, "screen.news"));
    char ev_think[SCR_LONG_CAP] = "";
    const BsStrings *tt = m->p->str ? m->p->str : m->p->str_en;
    for (int i = 0; i < g->now.nfired; i++) {
        const char *say = bs_event_text(s, tt, g->now.fired[i], "say");
        const char *evt = bs_event_text(s, tt, g->now.fired[i], "think");
        if (say && *say) {
            bs_format(g, me, say, buf, sizeof buf);
            append(w->news, sizeof w->news, "\n", buf);
        }
        if (evt && *evt) {
            bs_format(g, me, evt, buf, sizeof buf);
            append(ev_think, sizeof ev_think, "\n", buf);
        }
    }
    const BsState *st = &s->states[g->seat[seat].state];
    const char *kvb[] = {"buyer", s->buyer_name, NULL};
    app_fill(w->says_label, sizeof w->says_label, scr_str(m, "screen.says"), kvb);
    app_fill(w->thinks_label, sizeof w->thinks_label, scr_str(m, "screen.thinks"), kvb);
    if (st->say)
        bs_format(g, me, st->say, w->says, sizeof w->says);
    const char *think = bs_buyer_thought(g, seat);
    if (ev_think[0])
        append(w->thinks, sizeof w->thinks, NULL, ev_think);
    if (think) {
        bs_format(g, me, think, buf, sizeof buf);
        if (!strstr(w->thinks, buf))
            append(w->thinks, sizeof w->thinks, "\n", buf);
    }
}

/* The seat's choices (or how the game ended), and the labels around them. */
static void week_choices(ScrModel *m, ScrWeek *w, int seat, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    const BsState *st = &s->states[g->seat[seat].state];
    const char *kvb[] = {"buyer", s->buyer_name, NULL};
    /* choices, or the outcome */
    w->over = bs_game_over(g);
    if (m->p->replay) {
        const char *kvr[] = {"vendor", s->vendors[me].name, NULL};
        app_fill(w->choose_label, sizeof w->choose_label, scr_str(m, "screen.replay_label"), kvr);
    } else {
        snprintf(w->choose_label, sizeof w->choose_label, "%s",
                 scr_str(m, m->p->vote ? "screen.vote_prompt" : "ui.your_move"));
    }
    snprintf(w->preview_hint, sizeof w->preview_hint, "%s", scr_str(m, "screen.preview_hint"));
    snprintf(w->preview_label, sizeof w->preview_label, "%s", scr_str(m, "screen.preview_label"));
    snprintf(w->pager_fmt, sizeof w->pager_fmt, "%s", scr_str(m, "screen.choices_page"));
    snprintf(w->pager_one, sizeof w->pager_one, "%s", scr_str(m, "screen.choices_one"));
    snprintf(w->pager_none, sizeof w->pager_none, "%s", scr_str(m, "screen.choices_none"));
    snprintf(w->pager_more, sizeof w->pager_more, "%s", scr_str(m, "screen.choices_more"));
    snprintf(w->pager_back, sizeof w->pager_back, "%s", scr_str(m, "screen.choices_back"));
    snprintf(w->touch_more, sizeof w->touch_more, "%s", scr_str(m, "screen.touch_more"));
    snprintf(w->touch_back, sizeof w->touch_back, "%s", scr_str(m, "screen.touch_back"));
    snprintf(w->touch_none, sizeof w->touch_none, "%s", scr_str(m, "screen.touch_none"));
    snprintf(w->page_fmt, sizeof w->page_fmt, "%s", scr_str(m, "screen.page_of"));
    snprintf(w->tab[0], sizeof w->tab[0], "%s", scr_str(m, "screen.tab_buyer"));
    snprintf(w->tab[1], sizeof w->tab[1], "%s", scr_str(m, "screen.tab_table"));
    snprintf(w->meter_names[0], sizeof w->meter_names[0], "%s", scr_str(m, "screen.mindshare"));
    snprintf(w->meter_names[1], sizeof w->meter_names[1], "%s", scr_str(m, "screen.trust_short"));
    snprintf(w->meter_names[2], sizeof w->meter_names[2], "%s", scr_str(m, "screen.risk_short"));
    if (w->over) {
        const char *winner = g->winner >= 0 ? s->vendors[g->winner].name : "";
        const char *kv[] = {"buyer", s->buyer_name, "winner", winner, "vendor", s->vendors[me].name, NULL};
        app_fill(w->outcome, sizeof w->outcome, scr_str(m, app_outcome_key(g->outcome, g->winner, me)), kv);
        snprintf(w->next_label[0], sizeof w->next_label[0], "%s", scr_str(m, "screen.next_debrief"));
        snprintf(w->next_label[1], sizeof w->next_label[1], "%s", scr_str(m, "screen.next_debrief_touch"));
    } else {
        int avail[BS_MAX_CHOICES];
        int n = bs_game_choices(g, seat, avail);
        for (int k = 0; k < n; k++) {
            bs_format(g, me, st->choices[avail[k]].text, w->choice[k].text, sizeof w->choice[k].text);
            w->choice[k].avail = avail[k];
        }
        w->nchoices = n;
        if (n == 0) {
            app_fill(w->outcome, sizeof w->outcome, scr_str(m, "ui.no_choice"), kvb);
            snprintf(w->wait_text, sizeof w->wait_text, "%s", scr_str(m, "screen.let_pass"));
            snprintf(w->next_label[0], sizeof w->next_label[0], "%s", scr_str(m, "screen.let_pass"));
            snprintf(w->next_label[1], sizeof w->next_label[1], "%s", scr_str(m, "screen.let_pass_touch"));
        }
        previews(m);
    }

}

/* The buyer's table: every vendor's name, what the rivals did, the meters' labels. */
static void week_table(ScrModel *m, ScrWeek *w, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    /* the buyer's table */
    snprintf(w->table_title, sizeof w->table_title, "%s", scr_str(m, "screen.table"));
    for (int v = 0; v < g->nv; v++) {
        if (g->nseats > 1 && g->seat_of[v] >= 0) {
            /* role-play: every vendor a person plays wears a badge */
            char n[16];
            snprintf(n, sizeof n, "%d", g->seat_of[v] + 1);
            fill1(m, w->badge[v], sizeof w->badge[v], "screen.seat_badge", "n", n);
        }
        if (v == me && !(m->p->replay && g->nseats > 1)) {
            snprintf(w->vname[v], sizeof w->vname[v], "%s %s", s->vendors[v].name, scr_str(m, "ui.you"));
            snprintf(w->me_short, sizeof w->me_short, "%s", s->vendors[v].name);
            snprintf(w->me_you, sizeof w->me_you, "%s", scr_str(m, "ui.you"));
        }
        else
            snprintf(w->vname[v], sizeof w->vname[v], "%s", s->vendors[v].name);
        if (g->v[v].out)
            snprintf(w->did[v], sizeof w->did[v], "%s", scr_str(m, "screen.out"));
        else if (v != me && g->last.week > 0 && g->last.move[v].action >= 0)
            snprintf(w->did[v], sizeof w->did[v], "%s", bs_action_text(s, m->p->str ? m->p->str : m->p->str_en, g->last.move[v].action, "did"));
        else if (v != me && g->last.week > 0)
            snprintf(w->did[v], sizeof w->did[v], "%s", scr_str(m, "screen.no_contact"));
    }
    snprintf(w->vname[g->nv], sizeof w->vname[g->nv], "%s", scr_str(m, "screen.other_sources"));
    w->nrows = g->nv + 1;
    snprintf(w->trust_label, sizeof w->trust_label, "%s", scr_str(m, "screen.trust"));
    snprintf(w->character_label, sizeof w->character_label, "%s", scr_str(m, "screen.character"));
    snprintf(w->competence_label, sizeof w->competence_label, "%s", scr_str(m, "screen.competence"));
    snprintf(w->risk_label, sizeof w->risk_label, "%s", scr_str(m, "screen.risk"));
}

/* The chance to be chosen if she decided now (not in an exam, nor at the end). */
static void week_chance(ScrModel *m, ScrWeek *w, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    /* the buyer's chance to choose the seat's vendor if she decided now: a
     * meter to follow week by week (an exam keeps it hidden; so does the end,
     * when she has decided) */
    w->weeks = s->weeks;
    w->has_chance = chance_shown(m) && !w->over;
    if (w->has_chance) {
        double pw[BS_MAX_VENDORS];
        bs_game_p_win(g, pw);
        const char *kvc[] = {"buyer", s->buyer_name, NULL};
        app_fill(w->chance_label, sizeof w->chance_label, scr_str(m, "screen.chance_label"), kvc);
        app_fill(w->chance_short, sizeof w->chance_short, scr_str(m, "screen.chance_label_short"), kvc);
        snprintf(w->chance_value, sizeof w->chance_value, "%.0f%%", 100.0 * pw[me]);
        chance_history(m, me, pw[me]);
    }
}

/* The last week's result: what the seat's move did apart from the rivals and
 * time, why, and the buyer's words and thought on it (week 1: the situation). */
static void week_result(ScrModel *m, ScrWeek *w, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    char buf[SCR_LONG_CAP], tmp[SCR_LONG_CAP];
    /* the result of the last week: what the seat's move did, apart from
     * what the rivals and time did, and the buyer's reaction to it */
    const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
    if (g->last.week > 0) {
        const BsMove *mv = &g->last.move[me];
        char lw[16];
        snprintf(lw, sizeof lw, "%d", g->last.week);
        fill1(m, w->result_head, sizeof w->result_head, "screen.result_head", "week", lw);
        if (mv->action >= 0)
            snprintf(w->result_action, sizeof w->result_action, "%s", bs_action_text(s, t, mv->action, "label"));
        else
            snprintf(w->result_action, sizeof w->result_action, "%s", scr_str(m, "screen.you_waited"));
        effects(m, mv, w->has_chance);
        if (mv->action >= 0) {
            app_outcome_text(g, t, me, mv, w->result_outcome, sizeof w->result_outcome);
            w->result = mv->result;
            int r = mv->result > BS_MR_NONE && mv->result < BS_MR_COUNT ? mv->result
                  : mv->verdict > 0 ? BS_MR_WORKED : mv->verdict < 0 ? BS_MR_BACKFIRED : BS_MR_FLAT;
            const char *why = bs_move_why(s, t, mv);
            if (why && *why) {
                bs_format(g, me, why, tmp, sizeof tmp);
                const char *kvy[] = {"why", tmp, NULL};
                app_fill(w->result_why, sizeof w->result_why, scr_str(m, "ui.why"), kvy);
                w->verdict = (int8_t)(r == BS_MR_WORKED ? 1 : r == BS_MR_BACKFIRED ? -1 : 2);
            }
            const char *say = bs_move_say(s, t, mv);
            if (say && *say) {
                bs_format(g, me, say, tmp, sizeof tmp);
                const char *kv[] = {"buyer", s->buyer_name, "text", tmp, NULL};
                app_fill(w->result_say, sizeof w->result_say, scr_str(m, "screen.reaction_says"), kv);
            }
            const char *rt = bs_move_thought(s, t, mv);
            if (rt && *rt) {
                bs_format(g, me, rt, tmp, sizeof tmp);
                const char *kv[] = {"buyer", s->buyer_name, "thought", tmp, NULL};
                app_fill(w->result_thought, sizeof w->result_thought, scr_str(m, "screen.reaction"), kv);
            }
        }
        if (g->last.found_out >= 0) {
            const char *kv[] = {"vendor", s->vendors[g->last.found_out].name, NULL};
            app_fill(buf, sizeof buf, scr_str(m, "outcome.found_out"), kv);
            append(w->result_outcome, sizeof w->result_outcome, "\n", buf);
        }
        w->has_result = true;
    } else {
        snprintf(w->result_head, sizeof w->result_head, "%s", scr_str(m, "screen.situation"));
        if (s->summary)
            bs_format(g, me, s->summary, w->result_outcome, sizeof w->result_outcome);
        char others[16];
        snprintf(others, sizeof others, "%d", s->nvendors - 1);
        const char *kv[] = {"vendor", s->vendors[me].name, "others", others, NULL};
        app_fill(w->result_why, sizeof w->result_why, scr_str(m, "ui.you_are"), kv);
    }
}

/* The key messages as the buyer remembers and believes them. */
static void week_messages(ScrModel *m, ScrWeek *w, int me)
{
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    /* key messages */
    snprintf(w->messages_label, sizeof w->messages_label, "%s", scr_str(m, "screen.messages"));
    w->nmsg = s->nmessages;
    for (int k = 0; k < s->nmessages; k++) {
        snprintf(w->msg[k], sizeof w->msg[k], "%s", s->messages[k].label);
        const BsMemory *mem = &g->v[me].mem[k];
        if (mem->stability <= 0) {
            snprintf(w->msg_status[k], sizeof w->msg_status[k], "%s", scr_str(m, "screen.not_said"));
            w->msg_alpha[k] = 0.45f;
        } else {
            double rc = bs_msg_recall(g, mem), bl = bs_msg_belief(g, mem);
            w->msg_accepted[k] = bs_msg_accepted(g, me, k);
            char pct[16], bel[16];
            snprintf(pct, sizeof pct, "%.0f%%", 100.0 * rc);
            snprintf(bel, sizeof bel, "%.0f%%", 100.0 * bl);
            const char *kvm[] = {"recall", pct, "belief", bel, NULL};
            app_fill(w->msg_status[k], sizeof w->msg_status[k],
                     scr_str(m, w->msg_accepted[k] ? "screen.memory_accepted" : "screen.memory"), kvm);
            w->msg_alpha[k] = (float)(0.25 + 0.75 * rc);
        }
    }
}

void scr_model_refresh(ScrModel *m)
{
    ScrWeek *w = &m->wk;
    const BsGame *g = &m->p->g;
    int seat = m->p->seat < g->nseats ? m->p->seat : 0;
    int me = g->seat[seat].vendor;
    memset(w, 0, sizeof *w);
    w->me = me;
    week_head(m, w, seat, me);
    week_buyer(m, w, seat, me);
    week_choices(m, w, seat, me);
    week_table(m, w, me);
    week_chance(m, w, me);
    week_result(m, w, me);
    week_messages(m, w, me);
}

/*============================================================================
 * Animation
 *==========================================================================*/
float scr_anim_value(const ScrEase *e, double t0, double now)
{
    if (t0 < 0 || now >= t0 + SCR_ANIM_S)
        return e->to;
    double x = (now - t0) / SCR_ANIM_S;
    if (x < 0)
        x = 0;
    double k = 1.0 - (1.0 - x) * (1.0 - x) * (1.0 - x); /* ease-out cubic */
    return (float)((double)e->from + (double)(e->to - e->from) * k);
}

bool scr_anim_running(const ScrAnim *a, double now) { return a->t0 >= 0 && now < a->t0 + SCR_ANIM_S; }

static void anim_targets(ScrModel *m)
{
    ScrAnim *a = &m->anim;
    const BsGame *g = &m->p->g;
    int me = m->wk.me;
    for (int v = 0; v < g->nv; v++)
        a->share[v].to = (float)g->v[v].mindshare;
    a->share[BS_MAX_VENDORS].to = (float)other_share(g);
    a->trust.to = (float)g->v[me].trust;
    a->character.to = (float)g->v[me].character;
    a->competence.to = (float)g->v[me].competence;
    a->risk.to = (float)g->v[me].risk;
}

void scr_anim_settle(ScrAnim *a)
{
    a->t0 = -1;
    for (int i = 0; i <= BS_MAX_VENDORS; i++)
        a->share[i].from = a->share[i].to;
    a->trust.from = a->trust.to;
    a->character.from = a->character.to;
    a->competence.from = a->competence.to;
    a->risk.from = a->risk.to;
}

/* From what is on screen now to the game's values. */
static void anim_start(ScrModel *m, double now, bool deltas)
{
    ScrAnim *a = &m->anim;
    ScrEase *all[] = {&a->trust, &a->character, &a->competence, &a->risk};
    float shown_share[BS_MAX_VENDORS + 1];
    for (int i = 0; i <= BS_MAX_VENDORS; i++)
        shown_share[i] = scr_anim_value(&a->share[i], a->t0, now);
    float shown[4];
    for (int i = 0; i < 4; i++)
        shown[i] = scr_anim_value(all[i], a->t0, now);
    /* a seat change may show another vendor's meters: no easing between them */
    anim_targets(m);
    for (int i = 0; i <= BS_MAX_VENDORS; i++) {
        a->share[i].from = shown_share[i];
        a->delta[i] = 100.0f * (a->share[i].to - shown_share[i]);
    }
    for (int i = 0; i < 4; i++)
        all[i]->from = shown[i];
    a->show_delta = deltas;
    a->t0 = now;
}

/*============================================================================
 * Playing
 *==========================================================================*/
/* A move's first problem, as one line, for the screen to show. */
static void keep_error(ScrModel *m, const BsErrors *e)
{
    if (e->count)
        app_error_line(e, 0, m->last_error, sizeof m->last_error);
}

bool scr_model_write(ScrModel *m)
{
    if (!m->p->unwritten)
        return true;
    BsErrors e;
    bs_errors_init(&e, m->p->save_path);
    bool ok = app_play_write(m->p, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    return ok;
}

bool scr_model_save(ScrModel *m, const char *path, BsErrors *errs)
{
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = app_play_save(m->p, path, &e);
    if (!ok) {
        if (!e.count)
            bs_errors_add(&e, BS_E_IO, 0, 0, "", "cannot save");
        keep_error(m, &e);
        app_errors_take(errs, &e);
    }
    bs_errors_free(&e);
    return ok;
}

bool scr_model_choose(ScrModel *m, int k, double now) { return scr_model_choose_predicted(m, k, NULL, now); }

bool scr_model_choose_predicted(ScrModel *m, int k, const BsPredict pred[3], double now)
{
    AppPlay *p = m->p;
    if (bs_game_over(&p->g))
        return false;
    ScrWeek *w = &m->wk;
    int choice = -1;
    if (k >= 0) {
        if (k >= w->nchoices)
            return false;
        choice = w->choice[k].avail;
    } else if (w->nchoices > 0) {
        return false; /* a seat with choices must pick one */
    }
    /* the chance meter's week, as the players saw it when they chose */
    int played = p->ss.nweeks;
    bool fresh = played == m->nchance && played < BS_MAX_WEEKS;
    if (fresh && p->seat + 1 >= p->g.nseats)
        chance_record(m, played, &p->g);
    BsErrors e;
    bs_errors_init(&e, p->save_path);
    AppPlayStep step = app_play_choose(p, choice, pred, now, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    if (step == APP_PLAY_NEXT_SEAT) {
        scr_model_refresh(m);
        anim_targets(m); /* another seat: its own meters, shown as they are */
        scr_anim_settle(&m->anim);
        return false;
    }
    if (step == APP_PLAY_REFUSED) {
        scr_model_refresh(m);
        return false;
    }
    if (fresh)
        m->nchance = played + 1;
    else if (m->nchance != p->ss.nweeks)
        chance_rebuild(m);
    scr_model_refresh(m);
    anim_start(m, now, true);
    return true;
}

bool scr_model_peek(const ScrModel *m, int k, ScrModel *out, AppPlay *play)
{
    const AppPlay *p = m->p;
    if (p->replay || p->predict || bs_game_over(&p->g) || p->seat + 1 < p->g.nseats || k < 0 ||
        k >= m->wk.nchoices)
        return false;
    *play = *p;
    play->save_path[0] = '\0'; /* a copy: never saved, never recorded */
    play->record = false;
    play->defer_writes = true;
    *out = *m;
    out->p = play;
    int played = play->ss.nweeks;
    bool fresh = played == out->nchance && played < BS_MAX_WEEKS;
    if (fresh)
        chance_record(out, played, &play->g);
    BsErrors e;
    bs_errors_init(&e, "");
    AppPlayStep step = app_play_choose(play, m->wk.choice[k].avail, NULL, 0.0, &e);
    bs_errors_free(&e);
    if (step != APP_PLAY_RESOLVED || bs_game_over(&play->g))
        return false; /* the last week leads to the debrief: nothing to get ready */
    if (fresh)
        out->nchance = played + 1;
    scr_model_refresh(out);
    anim_start(out, 1e9, true); /* from m's meters, long settled: the move's changes shown */
    scr_anim_settle(&out->anim);
    return true;
}

bool scr_model_undo(ScrModel *m, double now)
{
    AppPlay *p = m->p;
    bool first_seat = p->seat == 0;
    BsErrors e;
    bs_errors_init(&e, p->save_path);
    bool ok = app_play_undo(p, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    if (!ok)
        return false;
    if (!first_seat) { /* back to the first seat of this week */
        scr_model_refresh(m);
        return true;
    }
    if (m->nchance > p->ss.nweeks)
        m->nchance = p->ss.nweeks;
    scr_model_refresh(m);
    anim_start(m, now, false);
    return true;
}

int scr_model_policy_choice(ScrModel *m, const char *policy, uint64_t salt)
{
    int pol, arg;
    if (m->wk.nchoices == 0 || bs_game_over(&m->p->g))
        return -1;
    if (!bs_policy_resolve(m->p->scn, policy ? policy : "buyer_centric", &pol, &arg) &&
        !bs_policy_resolve(m->p->scn, "random", &pol, &arg))
        return 0;
    BsGame *c = malloc(sizeof *c);
    if (!c)
        return 0;
    *c = m->p->g;
    BsRng rng;
    bs_rng_seed(&rng, m->p->g.seed ^ salt, (uint64_t)m->p->g.week * 131u + (uint64_t)m->p->seat);
    int pick = bs_policy_pick_choice(c, m->p->seat, pol, arg, &rng);
    free(c);
    for (int k = 0; k < m->wk.nchoices; k++)
        if (m->wk.choice[k].avail == pick)
            return k;
    return 0;
}

/* After the game was replaced (a restart, a reload): the first seat's turn
 * of the week it is at, the meters where they are. */
static void game_replaced(ScrModel *m)
{
    chance_rebuild(m);
    scr_model_refresh(m);
    anim_targets(m);
    scr_anim_settle(&m->anim);
}

void scr_model_restart(ScrModel *m, uint64_t seed)
{
    scr_model_write(m); /* the last move's save and record first (a problem stays in last_error) */
    app_play_restart(m->p, seed);
    game_replaced(m);
}

int scr_model_reload(ScrModel *m, const AppWatch *w, BsErrors *errs)
{
    scr_model_write(m);
    BsErrors e;
    bs_errors_init(&e, w->path);
    int kept = app_play_reload(m->p, w, &e);
    if (kept < 0) {
        if (!e.count)
            bs_errors_add(&e, BS_E_IO, 0, 0, "", "cannot open");
        app_errors_take(errs, &e);
    } else {
        keep_error(m, &e); /* reloaded; the autosave may have failed */
    }
    bs_errors_free(&e);
    if (kept >= 0)
        game_replaced(m);
    return kept;
}

bool scr_model_debrief(ScrModel *m)
{
    BsErrors e;
    bs_errors_init(&e, m->p->scenario_path);
    bool ok = app_play_debrief(m->p, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    if (ok) {
        if (m->deb_seat < 0 || m->deb_seat >= m->p->ss.nseats)
            m->deb_seat = 0;
        m->deb = m->p->deb[m->deb_seat];
    }
    return ok;
}

bool scr_model_debrief_seat(ScrModel *m, int seat)
{
    if (seat < 0 || seat >= m->p->ss.nseats)
        seat = 0;
    m->deb_seat = seat;
    if (!scr_model_debrief(m))
        return false;
    m->deb = m->p->deb[seat];
    return true;
}

int scr_model_ranking(const ScrModel *m, int order[BS_MAX_SEATS]) { return app_play_ranking(m->p, order); }

void scr_model_view_week(ScrModel *m, int week, double now)
{
    AppPlay *p = m->p;
    if (!p->replay)
        return;
    int before = p->view_week;
    BsErrors e;
    bs_errors_init(&e, p->scenario_path);
    bool ok = app_play_view_week(p, week, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    if (!ok)
        return;
    scr_model_refresh(m);
    if (p->view_week == before + 1) {
        anim_start(m, now, true);
    } else {
        anim_targets(m);
        scr_anim_settle(&m->anim);
    }
}

int scr_model_replay_choice(const ScrModel *m)
{
    int made = app_play_replay_move(m->p);
    for (int k = 0; made >= 0 && k < m->wk.nchoices; k++)
        if (m->wk.choice[k].avail == made)
            return k;
    return -1;
}

bool scr_model_inject(ScrModel *m, int event)
{
    BsErrors e;
    bs_errors_init(&e, m->p->save_path);
    bool ok = app_play_inject(m->p, event, &e);
    keep_error(m, &e);
    bs_errors_free(&e);
    if (ok) {
        scr_model_refresh(m);
        anim_targets(m);
        scr_anim_settle(&m->anim);
    }
    return ok;
}
