/* The pass-the-seat screen (role-play) and the panels over the game: the
 * prediction ("which way will the buyer move?"), the reveal (how the player
 * read the buyer) and the facilitator's list of events to bring in. Their
 * texts are prepared when they open (fixed buffers); they are laid out like
 * the rest of the screen (containers and leaves, shrunk to fit, checked by
 * the tests) into their own layout, and drawn from it. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }

static const char *S(const ScrApp *a, const char *key) { return scr_str(a->m, key); }

/* Arrows the fonts have (the help overlay uses them too). */
static const char *const arrow[4] = {"", "\xE2\x86\x91", "=", "\xE2\x86\x93"}; /* none, up, same, down */
static const char *const dir_word[4] = {"", "ui.dir_up", "ui.dir_same", "ui.dir_down"};
static const char *const opt_key[3] = {"screen.opt_up", "screen.opt_same", "screen.opt_down"};
static const char *const meter_key[3] = {"screen.mindshare", "screen.trust_short", "screen.risk_short"};

/*============================================================================
 * Texts
 *==========================================================================*/
static void fill(const ScrApp *a, char *out, size_t cap, const char *key, const char *const *kv)
{
    app_fill(out, cap, S(a, key), kv);
}

static void reveal_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrPanel *p = a->pn;
    const BsGame *g = &m->p->g;
    int seat = m->p->seat < g->nseats ? m->p->seat : 0;
    const BsMove *mv = &g->last.move[g->seat[seat].vendor];
    int w = m->p->ss.nweeks - 1;
    int right = 0, made = 0;
    for (int k = 0; k < 3; k++) {
        int guess = w >= 0 ? m->p->ss.predict[w][seat][k] & 3 : 0;
        int real = (int)bs_predict_actual(&g->scn->model, mv, k);
        p->r_has[k] = guess != 0;
        p->r_right[k] = guess == real;
        p->r_head[k][0] = p->r_text[k][0] = '\0';
        if (!guess)
            continue;
        made++;
        right += guess == real;
        char gs[96], rs[160], num[32];
        snprintf(gs, sizeof gs, "%s %s", arrow[guess], S(a, dir_word[guess]));
        /* the move's own effect (against letting the week pass), which is
         * what the prediction is scored against */
        if (k == 0) {
            char n[32];
            scr_fmt_signed(n, sizeof n, 100.0 * (mv->has_own ? mv->own_mindshare : mv->d_mindshare), 1);
            const char *kvn[] = {"n", n, NULL};
            fill(a, num, sizeof num, "screen.pts", kvn);
        } else {
            double v = k == 1 ? (mv->has_own ? mv->own_trust : mv->d_trust) : (mv->has_own ? mv->own_risk : mv->d_risk);
            scr_fmt_signed(num, sizeof num, v, 0);
        }
        snprintf(rs, sizeof rs, "%s %s", arrow[real], S(a, dir_word[real]));
        const char *kvh[] = {"meter", S(a, meter_key[k]), NULL};
        fill(a, p->r_head[k], sizeof p->r_head[k], guess == real ? "screen.read_right" : "screen.read_wrong", kvh);
        const char *kvt[] = {"guess", gs, "real", rs, "delta", num, NULL};
        fill(a, p->r_text[k], sizeof p->r_text[k], "screen.read_line", kvt);
    }
    char r[16], n[16];
    snprintf(r, sizeof r, "%d", right);
    snprintf(n, sizeof n, "%d", made);
    const char *kv[] = {"buyer", m->p->scn->buyer_name, "right", r, "made", n, NULL};
    fill(a, p->r_title, sizeof p->r_title, made ? "screen.read_title" : "screen.read_none", kv);
    snprintf(p->r_go, sizeof p->r_go, "%s", S(a, "screen.read_go"));
}

/* The first pass-the-seat screen of a role-play tells the room how the
 * players start: equal (the default), or where their companies stand (a
 * handicap), each player's vendor with its mindshare and trust. */
static void start_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrPanel *p = a->pn;
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    p->start[0] = '\0';
    if (g->nseats < 2 || m->p->replay || m->p->ss.nweeks > 0 || m->p->seat != 0)
        return;
    const char *kvb[] = {"buyer", s->buyer_name, NULL};
    if (!m->p->ss.uneven) {
        fill(a, p->start, sizeof p->start, "ui.equal_start", kvb);
        return;
    }
    fill(a, p->start, sizeof p->start, "ui.handicap", kvb);
    for (int se = 0; se < g->nseats; se++) {
        int v = g->seat[se].vendor;
        char ms[16], tr[16], line[512];
        snprintf(ms, sizeof ms, "%.0f%%", 100.0 * g->v[v].mindshare);
        snprintf(tr, sizeof tr, "%.0f", g->v[v].trust);
        const char *kvl[] = {"vendor", s->vendors[v].name, "mindshare", ms, "trust", tr, NULL};
        fill(a, line, sizeof line, "ui.handicap_line", kvl);
        const char *l = line;
        while (*l == ' ') /* the console's indent */
            l++;
        size_t n = strlen(p->start);
        snprintf(p->start + n, sizeof p->start - n, "\n%s", l);
    }
}

void scr_panel_texts(ScrApp *a)
{
    ScrModel *m = a->m;
    ScrPanel *p = a->pn;
    if (!m || !p)
        return;
    const BsScenario *s = m->p->scn;
    const BsGame *g = &m->p->g;
    int seat = m->p->seat < g->nseats ? m->p->seat : 0;
    const char *vendor = s->vendors[g->seat[seat].vendor].name;
    char n[16];
    snprintf(n, sizeof n, "%d", seat + 1);
    const char *kv[] = {"n", n, "vendor", vendor, "buyer", s->buyer_name, NULL};
    if (a->screen == SCR_PASS) {
        snprintf(p->week, sizeof p->week, "%s", m->wk.week);
        fill(a, p->title, sizeof p->title, "screen.pass_title", kv);
        fill(a, p->look, sizeof p->look, "screen.pass_look", kv);
        fill(a, p->go[0], sizeof p->go[0], "screen.pass_go", kv);
        fill(a, p->go[1], sizeof p->go[1], "screen.pass_go_touch", kv);
        start_texts(a);
    }
    switch (a->modal) {
    case SCR_MODAL_PREDICT: {
        fill(a, p->p_title, sizeof p->p_title, "screen.predict_title", kv);
        int k = a->pred_k >= 0 && a->pred_k < m->wk.nchoices ? a->pred_k : 0;
        const char *kvc[] = {"text", m->wk.choice[k].text, NULL};
        fill(a, p->p_chose, sizeof p->p_chose, "screen.predict_chose", kvc);
        for (int i = 0; i < 3; i++) {
            snprintf(p->p_meter[i], sizeof p->p_meter[i], "%s", S(a, meter_key[i]));
            snprintf(p->p_opt[i], sizeof p->p_opt[i], "%s %s", arrow[i + 1], S(a, opt_key[i]));
        }
        snprintf(p->p_hint[0], sizeof p->p_hint[0], "%s", S(a, "screen.predict_keys"));
        snprintf(p->p_hint[1], sizeof p->p_hint[1], "%s", S(a, "screen.predict_keys_touch"));
        snprintf(p->p_confirm[0], sizeof p->p_confirm[0], "%s", S(a, "screen.predict_confirm"));
        snprintf(p->p_confirm[1], sizeof p->p_confirm[1], "%s", S(a, "screen.predict_confirm_touch"));
        break;
    }
    case SCR_MODAL_REVEAL:
        reveal_texts(a);
        break;
    case SCR_MODAL_INJECT: {
        snprintf(p->i_title, sizeof p->i_title, "%s", S(a, "screen.inject_title"));
        char wk[16];
        snprintf(wk, sizeof wk, "%d", g->week);
        const char *kvw[] = {"week", wk, NULL};
        fill(a, p->i_sub, sizeof p->i_sub, "screen.inject_sub", kvw);
        snprintf(p->i_hint, sizeof p->i_hint, "%s", S(a, "screen.inject_keys"));
        const BsStrings *t = m->p->str ? m->p->str : m->p->str_en;
        p->i_n = 0;
        for (int e = 0; e < s->nevents && p->i_n < BS_MAX_EVENTS; e++) {
            if (!s->events[e].injectable)
                continue;
            const char *label = bs_event_text(s, t, e, "label");
            if (!label || !*label)
                label = s->events[e].id;
            bs_format(g, g->seat[0].vendor, label, p->i_item[p->i_n], sizeof p->i_item[p->i_n]);
            p->i_event[p->i_n++] = e;
        }
        break;
    }
    default:
        break;
    }
}

/*============================================================================
 * Layout
 *==========================================================================*/
typedef struct {
    ScrApp *a;
    ScrLayout *L;
    const ScrMeasure *me;
    int body, small, title, big, lb, ls, lt, lg, pad, gap, tiny, cap;
    bool lean;                    /* crowded: titles at body size, the keys' hints left out (the help has them) */
    int phone;                    /* 1 in the portrait layout: the texts for taps, not keys */
    int parent;                   /* the card's container */
} PCol;

static void pcol(PCol *c, ScrApp *a, const ScrMeasure *me, int body, int cap)
{
    c->a = a;
    c->L = a->ovl;
    c->me = me;
    c->body = body;
    bool phone = scr_portrait(a->out_w, a->out_h); /* a phone's sizes, whatever the mode */
    c->phone = phone;
    c->small = a->projector && !phone ? maxi(body * 85 / 100, (a->out_h + 35) / 36)
             : phone ? body * 85 / 100 : body * 82 / 100;
    if (c->small > body)
        c->small = body;
    c->title = body * 125 / 100;
    c->big = body * 2;
    c->lb = me->line_h(me->ud, c->body, true);
    c->ls = me->line_h(me->ud, c->small, false);
    c->lt = me->line_h(me->ud, c->title, true);
    c->lg = me->line_h(me->ud, c->big, true);
    c->pad = maxi(3, body * 70 / 100);
    c->gap = maxi(2, body * 45 / 100);
    c->tiny = maxi(1, body * 20 / 100);
    c->cap = cap;
    c->lean = false;
    c->parent = 0;
}

static int tw(const PCol *c, const char *s, int px, bool bold)
{
    int w = 0;
    c->me->measure(c->me->ud, s, strlen(s), px, bold, 0, &w);
    return w;
}

static int bot(const ScrLayout *L, int b, int dflt) { return b >= 0 ? L->box[b].r.y + L->box[b].r.h : dflt; }

static int text(PCol *c, int cont, int x, int y, int w, const char *s, int px, bool bold, int role, int align,
                int lines)
{
    if (c->cap && (lines == 0 || lines > c->cap))
        lines = c->cap;
    /* a panel's words are read whole (scr_layout_check reports a cut) */
    return scr_lay_must(c->L, scr_lay_text(c->L, c->me, (ScrTextSpec){.cont = cont, .x = x, .y = y, .w = w, .s = s,
            .px = px, .bold = bold, .role = role, .align = align, .lines = lines}), SCR_WHOLE);
}

/* A button: a container with its label centred in it. */
static int button(PCol *c, int parent, int kind, SDL_Rect r, int tag, const char *label, int px)
{
    int b = scr_lay_cont(c->L, parent, kind, r, tag);
    if (b < 0)
        return -1;
    int lh = c->me->line_h(c->me->ud, px, true);
    /* a phone's button may be two lines tall (button_h) */
    int lines = scr_portrait(c->a->out_w, c->a->out_h) && r.h >= 2 * lh ? 2 : 1;
    scr_lay_text(c->L, c->me, (ScrTextSpec){.cont = b, .x = r.x + c->tiny, .y = r.y + (r.h - lines * lh) / 2,
            .w = r.w - 2 * c->tiny, .s = label, .px = px, .bold = true, .role = R_LABEL, .align = A_CENTER,
            .lines = lines, .tag = tag});
    return b;
}

/* A button's height for its label, w wide: h, or on a phone a line more
 * when the label needs two ("Player 1: I'm ready, show my week"). */
static int button_h(const PCol *c, const char *label, int w, int h)
{
    if (!scr_portrait(c->a->out_w, c->a->out_h))
        return h;
    return scr_measure_lines(c->me, label, c->body, true, w - 2 * c->tiny, NULL) > 1 ? h + c->lb : h;
}

static int build_pass(PCol *c, SDL_Rect A)
{
    ScrPanel *p = c->a->pn;
    ScrLayout *L = c->L;
    int cw = A.w * (scr_portrait(c->a->out_w, c->a->out_h) ? 100 : c->a->projector ? 88 : 72) / 100;
    int x = A.x + (A.w - cw) / 2, y = A.y;
    int card = scr_lay_cont(L, c->parent, K_OVERLAY, (SDL_Rect){x, y, cw, 0}, 0);
    int ix = x + 2 * c->pad, iw = cw - 4 * c->pad, yy = y + 2 * c->pad;
    int b = text(c, card, ix, yy, iw, p->week, c->small, false, R_MUTED, A_CENTER, 0);
    yy = bot(L, b, yy) + c->gap;
    /* the title on one line if a little smaller type does it */
    int tpx = c->big;
    if (tw(c, p->title, tpx, true) > iw && tw(c, p->title, tpx * 80 / 100, true) <= iw)
        tpx = tpx * 80 / 100;
    b = text(c, card, ix, yy, iw, p->title, tpx, true, R_TITLE, A_CENTER, 0);
    yy = bot(L, b, yy) + c->gap * 2;
    b = text(c, card, ix, yy, iw, p->look, c->body, false, R_BODY, A_CENTER, 0);
    yy = bot(L, b, yy) + c->gap * 3;
    if (p->start[0]) { /* the first of a role-play: how the players start */
        b = text(c, card, ix, yy, iw, p->start, c->body, false, R_MUTED, A_CENTER, 0);
        yy = bot(L, b, yy) + c->gap * 3;
    }
    const char *go = p->go[c->phone];
    int bw = mini(tw(c, go, c->body, true) + 3 * c->pad, iw);
    int bh = button_h(c, go, bw, c->lb + 4 * c->tiny);
    button(c, card, K_NEXT_BUTTON, (SDL_Rect){ix + (iw - bw) / 2, yy, bw, bh}, 0, go, c->body);
    yy += bh + 2 * c->pad;
    L->cont[card].r.h = yy - y;
    return yy;
}

static int build_predict(PCol *c, SDL_Rect A)
{
    ScrApp *a = c->a;
    ScrPanel *p = a->pn;
    ScrLayout *L = c->L;
    int card = scr_lay_cont(L, c->parent, K_OVERLAY, (SDL_Rect){A.x, A.y, A.w, 0}, 0);
    int ix = A.x + c->pad, iw = A.w - 2 * c->pad, yy = A.y + c->pad;
    int b = text(c, card, ix, yy, iw, p->p_title, c->lean ? c->body : c->title, true, R_TITLE, A_LEFT, 0);
    yy = bot(L, b, yy) + c->tiny;
    b = text(c, card, ix, yy, iw, p->p_chose, c->small, false, R_MUTED, A_LEFT, 0);
    yy = bot(L, b, yy) + c->gap;
    int lw = 0, ow = 0;
    for (int i = 0; i < 3; i++) {
        lw = maxi(lw, tw(c, p->p_meter[i], c->body, true));
        ow = maxi(ow, tw(c, p->p_opt[i], c->body, true));
    }
    lw += c->gap;
    ow += 2 * c->pad;
    int inner = iw - 2 * c->tiny;
    bool inline_ = lw + 3 * ow + 2 * c->gap <= inner;
    int bh = c->lb + 3 * c->tiny;
    for (int k = 0; k < 3; k++) {
        int row = scr_lay_cont(L, card, K_LIST_ITEM, (SDL_Rect){ix, yy, iw, 0}, k);
        int rx = ix + c->tiny, ry = yy + c->tiny;
        int lh = inline_ ? bh : c->lb;
        scr_lay_text(L, c->me, (ScrTextSpec){.cont = row, .x = rx + c->tiny, .y = ry + (lh - c->lb) / 2,
                .w = (inline_ ? lw : inner) - c->tiny, .s = p->p_meter[k], .px = c->body, .bold = true, .role = R_BODY,
                .align = A_LEFT, .lines = 1, .tag = k});
        int bx = inline_ ? rx + lw : rx, by = inline_ ? ry : ry + c->lb + c->tiny;
        int bw = (rx + inner - bx - 2 * c->gap) / 3;
        for (int j = 0; j < 3; j++)
            button(c, row, K_BUTTON, (SDL_Rect){bx + j * (bw + c->gap), by, bw, bh}, k * 3 + j, p->p_opt[j], c->body);
        L->cont[row].r.h = by + bh + c->tiny - yy;
        yy += L->cont[row].r.h + c->tiny;
    }
    yy += c->gap;
    if (!c->lean) {
        b = text(c, card, ix, yy, iw, p->p_hint[c->phone], c->small, false, R_MUTED, A_LEFT, 0);
        yy = bot(L, b, yy) + c->gap;
    }
    const char *confirm = p->p_confirm[c->phone];
    int cw = mini(tw(c, confirm, c->body, true) + 3 * c->pad, iw);
    int ch = button_h(c, confirm, cw, bh);
    button(c, card, K_NEXT_BUTTON, (SDL_Rect){ix, yy, cw, ch}, 0, confirm, c->body);
    yy += ch + c->pad;
    L->cont[card].r.h = yy - A.y;
    return yy;
}

static int build_reveal(PCol *c, SDL_Rect A)
{
    ScrPanel *p = c->a->pn;
    ScrLayout *L = c->L;
    int card = scr_lay_cont(L, c->parent, K_OVERLAY, (SDL_Rect){A.x, A.y, A.w, 0}, 0);
    int ix = A.x + c->pad, iw = A.w - 2 * c->pad, yy = A.y + c->pad;
    int b = text(c, card, ix, yy, iw, p->r_title, c->lean ? c->body : c->title, true, R_TITLE, A_LEFT, 0);
    yy = bot(L, b, yy) + c->gap;
    for (int k = 0; k < 3; k++) {
        if (!p->r_has[k])
            continue;
        int row = scr_lay_cont(L, card, K_LIST_ITEM, (SDL_Rect){ix, yy, iw, 0}, k);
        int ms = c->lb;
        int mx = ix + c->pad / 2, my = yy + c->tiny * 2;
        scr_lay_box(L, row, K_MARK, (SDL_Rect){mx, my, ms, ms}, p->r_right[k] ? 1 : 0);
        int tx = mx + ms + c->gap, tww = ix + iw - c->pad / 2 - tx;
        b = text(c, row, tx, my, tww, p->r_head[k], c->body, true, R_BODY, A_LEFT, 0);
        int y2 = bot(L, b, my);
        b = text(c, row, tx, y2, tww, p->r_text[k], c->small, false, R_SMALL, A_LEFT, 0);
        y2 = maxi(bot(L, b, y2), my + ms);
        L->cont[row].r.h = y2 + c->tiny * 2 - yy;
        yy += L->cont[row].r.h + c->tiny;
    }
    yy += c->gap;
    int bh = c->lb + 3 * c->tiny;
    int bw = mini(tw(c, p->r_go, c->body, true) + 3 * c->pad, iw);
    bh = button_h(c, p->r_go, bw, bh);
    button(c, card, K_NEXT_BUTTON, (SDL_Rect){ix, yy, bw, bh}, 0, p->r_go, c->body);
    yy += bh + c->pad;
    L->cont[card].r.h = yy - A.y;
    return yy;
}

static int build_inject(PCol *c, SDL_Rect A)
{
    ScrPanel *p = c->a->pn;
    ScrLayout *L = c->L;
    int cw = A.w * (scr_portrait(c->a->out_w, c->a->out_h) ? 100 : c->a->projector ? 88 : 64) / 100;
    int x = A.x + (A.w - cw) / 2;
    int card = scr_lay_cont(L, c->parent, K_OVERLAY, (SDL_Rect){x, A.y, cw, 0}, 0);
    int ix = x + c->pad, iw = cw - 2 * c->pad, yy = A.y + c->pad;
    int b = text(c, card, ix, yy, iw, p->i_title, c->lean ? c->body : c->title, true, R_TITLE, A_LEFT, 0);
    yy = bot(L, b, yy);
    b = text(c, card, ix, yy, iw, p->i_sub, c->small, false, R_MUTED, A_LEFT, 0);
    yy = bot(L, b, yy) + c->gap;
    /* a long list in two columns (a projector's large type) */
    int bs = c->lb;
    int item_h = c->lb + 5 * c->tiny;
    int hint_h = c->ls * 2 + c->gap + c->pad;
    int cols = yy + p->i_n * item_h + hint_h > A.y + A.h && p->i_n > 4 ? 2 : 1;
    int per = (p->i_n + cols - 1) / cols;
    int colw = (iw - (cols - 1) * c->gap) / cols;
    int top = yy, bottom_y = yy;
    for (int i = 0; i < p->i_n; i++) {
        int col = i / per;
        int cx = ix + col * (colw + c->gap);
        if (i % per == 0)
            yy = top;
        int it = scr_lay_cont(L, card, K_LIST_ITEM, (SDL_Rect){cx, yy, colw, 0}, i);
        int tx = cx + c->tiny * 2;
        if (i < 10) /* keys 1-9, then 0 */
            scr_lay_box(L, it, K_BADGE, (SDL_Rect){tx, yy + c->tiny * 2, bs, bs}, i);
        tx += bs + c->gap;
        b = text(c, it, tx, yy + c->tiny * 2, cx + colw - c->tiny * 2 - tx, p->i_item[i], c->body, false, R_BODY,
                 A_LEFT, 2);
        int y2 = maxi(bot(L, b, yy), yy + c->tiny * 2 + bs);
        L->cont[it].r.h = y2 + c->tiny * 2 - yy;
        yy += L->cont[it].r.h + c->tiny;
        bottom_y = maxi(bottom_y, yy);
    }
    yy = bottom_y;
    yy += c->gap;
    b = c->lean ? -1 : text(c, card, ix, yy, iw, p->i_hint, c->small, false, R_MUTED, A_LEFT, 0);
    yy = bot(L, b, yy) + c->pad;
    L->cont[card].r.h = yy - A.y;
    return yy;
}

/* Where a panel over the game goes: in place of the choices (the buyer's
 * words stay in view, and so does the table), or, when that is too small,
 * over the whole of the buyer's side below the name. */
static SDL_Rect panel_area(const ScrApp *a, bool whole)
{
    const ScrLayout *L = a->lay;
    SDL_Rect P = {0, 0, a->out_w, a->out_h};
    int panel = -1;
    for (int i = 0; i < L->ncont; i++)
        if (L->cont[i].kind == K_PANEL_LEFT) {
            P = L->cont[i].r;
            panel = i;
            break;
        }
    if (panel < 0 || P.w < 50 || P.h < 50) /* no game layout */
        return (SDL_Rect){0, 0, a->out_w, a->out_h};
    int top = P.y;
    for (int i = 0; i < L->ncont; i++) {
        const ScrCont *c = &L->cont[i];
        if (c->parent != panel)
            continue;
        if (c->kind == K_HEADER && c->r.w > P.w / 2)
            top = maxi(top, c->r.y + c->r.h);
        if (!whole && (c->kind == K_CHOICES || c->kind == K_OUTCOME))
            top = maxi(top, c->r.y);
    }
    return (SDL_Rect){P.x, top, P.w, P.y + P.h - top};
}

SDL_Rect scr_panel_area(const ScrApp *a) { return panel_area(a, false); }

typedef int (*PBuild)(PCol *c, SDL_Rect A);

/* Lays out a panel into area A (type from the base size down to the floor,
 * then fewer lines); false if even that does not fit. */
static bool fit(ScrApp *a, const ScrMeasure *me, PBuild build, SDL_Rect A, int parent, bool allow_caps, int *end_out)
{
    ScrLayout *L = a->ovl;
    int base = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int lo = scr_min_body_px(a->out_w, a->out_h, a->projector);
    if (!a->projector || scr_portrait(a->out_w, a->out_h)) /* a panel may go a little smaller than the buyer's words */
        lo = maxi(10, lo * 9 / 10);
    if (lo > base)
        lo = base;
    int nc = L->ncont, nb = L->nbox;
    PCol c;
    int body = base;
    for (int it = 0; it < 24; it++) {
        L->ncont = nc;
        L->nbox = nb;
        pcol(&c, a, me, body, 0);
        c.parent = parent;
        *end_out = build(&c, A);
        L->body_px_left = L->body_px_right = c.body;
        if (*end_out <= A.y + A.h)
            return true;
        if (body <= lo)
            break;
        body = maxi(lo, body * 92 / 100);
    }
    /* at the floor: titles at body size and no keys' hints (cap 0), then
     * fewer lines (a cut, which scr_layout_check reports) */
    static const int caps[] = {0, 3, 2, 1};
    for (int i = 0; i < 4 && allow_caps; i++) {
        L->ncont = nc;
        L->nbox = nb;
        pcol(&c, a, me, lo, caps[i]);
        c.lean = true;
        c.parent = parent;
        *end_out = build(&c, A);
        if (*end_out <= A.y + A.h)
            return true;
    }
    return false;
}

void scr_layout_panel(ScrApp *a)
{
    ScrLayout *L = a->ovl;
    scr_layout_begin(L, a->out_w, a->out_h, a->projector);
    a->ovl_dirty = false;
    if (!a->m)
        return;
    bs_text_set_lang(a->text, a->m->p->lang);
    ScrMeasure me = scr_measure_for(a->text);
    int m = scr_lay_margin(a->out_w, a->out_h);
    int in = maxi(4, scr_lay_gap(a->out_w, a->out_h));
    SDL_Rect A = {m, m, a->out_w - 2 * m, a->out_h - 2 * m};
    int nc = L->ncont, nb = L->nbox, end = 0;
    bool fits, center = true;
    if (a->screen == SCR_PASS) {
        fits = fit(a, &me, build_pass, A, 0, true, &end);
    } else if (a->modal == SCR_MODAL_INJECT) {
        fits = fit(a, &me, build_inject, A, 0, true, &end);
    } else if (a->modal == SCR_MODAL_PREDICT || a->modal == SCR_MODAL_REVEAL) {
        PBuild build = a->modal == SCR_MODAL_PREDICT ? build_predict : build_reveal;
        center = false;
        fits = false;
        for (int whole = 0; whole < 2 && !fits; whole++) {
            L->ncont = nc;
            L->nbox = nb;
            SDL_Rect C = panel_area(a, whole != 0);
            /* the cover hides the choices (or the whole side); the card sits in it */
            int cover = scr_lay_cont(L, 0, K_PANEL_LEFT, C, 0);
            A = (SDL_Rect){C.x + in, C.y + (whole ? in : 0), C.w - 2 * in, C.h - in - (whole ? in : 0)};
            fits = fit(a, &me, build, A, cover, whole != 0, &end);
        }
    } else {
        return;
    }
    if (!fits) {
        /* a tiny window: keep what fits */
        L->overflow = true;
        int bottom = A.y + A.h;
        int k = nb;
        for (int i = nb; i < L->nbox; i++)
            if (L->box[i].r.y + L->box[i].r.h <= bottom)
                L->box[k++] = L->box[i];
        L->nbox = k;
        for (int i = nc; i < L->ncont; i++) {
            SDL_Rect *r = &L->cont[i].r;
            if (r->y + r->h > bottom)
                r->h = maxi(0, bottom - r->y);
        }
        return;
    }
    if (center && end < A.y + A.h) {
        int dy = (A.y + A.h - end) / 2;
        for (int i = nc; i < L->ncont; i++)
            L->cont[i].r.y += dy;
        for (int i = nb; i < L->nbox; i++)
            L->box[i].r.y += dy;
    }
}

/*============================================================================
 * Drawing
 *==========================================================================*/
static void cross(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float x0 = (float)b.x, y0 = (float)b.y, w = (float)b.w, h = (float)b.h;
    float lw = h * 0.16f < 1.5f ? 1.5f : h * 0.16f;
    gfx_line(r, x0 + w * 0.2f, y0 + h * 0.2f, x0 + w * 0.8f, y0 + h * 0.8f, lw, c);
    gfx_line(r, x0 + w * 0.8f, y0 + h * 0.2f, x0 + w * 0.2f, y0 + h * 0.8f, lw, c);
    gfx_flush(r);
}

static bool predict_ready(const ScrApp *a) { return a->pred[0] && a->pred[1] && a->pred[2]; }

void scr_draw_panel(ScrApp *a)
{
    const ScrLayout *L = a->ovl;
    const ScrTheme *th = &a->th;
    SDL_Renderer *r = a->ren;
    if (!a->m || L->ncont < 2)
        return;
    int rad = maxi(4, L->body_px_left / 3);
    int bw = a->projector ? 3 : (a->out_h >= 900 ? 2 : 1);
    if (a->screen == SCR_PASS) {
        /* nothing of the game behind: the last player's move stays private */
        gfx_rect(r, (SDL_Rect){0, 0, a->out_w, a->out_h}, th->bg);
    } else if (a->modal == SCR_MODAL_INJECT) {
        gfx_rect(r, (SDL_Rect){0, 0, a->out_w, a->out_h}, th->dim);
    }
    for (int i = 1; i < L->ncont; i++) {
        const ScrCont *c = &L->cont[i];
        if (c->r.h <= 0)
            continue;
        switch (c->kind) {
        case K_PANEL_LEFT: /* the cover over the choices: the table stays in view (it moves on a reveal) */
            gfx_round(r, c->r, rad, th->panel);
            break;
        case K_OVERLAY:
            gfx_round_border(r, c->r, rad, a->screen == SCR_PASS ? 0 : bw + 1, th->panel, th->accent);
            break;
        case K_LIST_ITEM: {
            bool focus = (a->modal == SCR_MODAL_PREDICT && a->pred_row == c->tag) ||
                         (a->modal == SCR_MODAL_INJECT && (a->inj_sel == c->tag || a->ovl_hover == c->tag));
            SDL_Color fill = a->modal == SCR_MODAL_INJECT && focus ? th->choice_hover : th->card;
            gfx_round_border(r, c->r, rad / 2, focus ? bw + 1 : 0, fill, th->accent);
            break;
        }
        case K_BUTTON: { /* a prediction: row * 3 + (up, same, down) */
            int row = c->tag / 3, v = c->tag % 3 + 1;
            bool chosen = row >= 0 && row < 3 && a->pred[row] == v;
            bool hov = a->ovl_hover == c->tag;
            SDL_Color fill = chosen ? th->accent : hov ? th->choice_hover : th->panel;
            gfx_round_border(r, c->r, rad / 2, chosen ? bw + 1 : bw, fill, chosen ? th->text : th->border);
            break;
        }
        case K_NEXT_BUTTON: {
            bool off = a->modal == SCR_MODAL_PREDICT && !predict_ready(a);
            gfx_round_border(r, c->r, rad / 2, off ? bw : 0, off ? th->card : th->accent, th->border);
            break;
        }
        default:
            break;
        }
    }
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        const ScrCont *c = &L->cont[b->cont];
        switch (b->kind) {
        case K_TEXT: {
            SDL_Color col = b->role == R_MUTED || b->role == R_LABEL ? th->muted : th->text;
            if (c->kind == K_BUTTON) {
                int row = c->tag / 3, v = c->tag % 3 + 1;
                col = row >= 0 && row < 3 && a->pred[row] == v ? th->accent_text : th->text;
            } else if (c->kind == K_NEXT_BUTTON) {
                col = a->modal == SCR_MODAL_PREDICT && !predict_ready(a) ? th->muted : th->accent_text;
            } else if (c->kind == K_LIST_ITEM && a->modal == SCR_MODAL_PREDICT) {
                col = th->text;
            }
            scr_draw_box_text(&a->draw, L, i, b->s, b->len, col);
            break;
        }
        case K_MARK:
            if (b->tag)
                gfx_check(r, b->r, th->good);
            else
                cross(r, b->r, th->bad);
            break;
        case K_BADGE: {
            float rad2 = (float)b->r.w * 0.5f;
            gfx_circle(r, (float)b->r.x + rad2, (float)b->r.y + rad2, rad2, th->badge_bg);
            char n[4] = {(char)(b->tag < 9 ? '1' + b->tag : '0'), 0, 0, 0};
            scr_draw_line(&a->draw, n, (int)(rad2 * 1.15f), true, b->r, A_CENTER, th->badge_text, i);
            break;
        }
        default:
            break;
        }
    }
    gfx_flush(r);
}
