/* The game screen's layout: a pure function of the output size, the mode,
 * the week's texts and a text measurer. Every box gets a rectangle; text
 * boxes are exactly as tall as their wrapped text (or capped to whole
 * lines). A column that does not fit is laid out again with smaller type,
 * down to a floor (projector: 1/30 of the height), and then with long texts
 * capped to fewer lines, so nothing is ever drawn outside its box. */
#include "ui.h"

#include <math.h>
#include <string.h>

/*============================================================================
 * Sizes
 *==========================================================================*/
static int base_of(int w, int h)
{
    int b = h;
    if (w * 3 / 4 < b)
        b = w * 3 / 4;
    return b < 200 ? 200 : b;
}

bool scr_portrait(int w, int h) { return (long)h * 100 > (long)w * 115; }

/* A phone held at arm's length: the body text about 1/40 of the height
 * (21 px on a 390x844 screen, 16 px at 360x640), and no more than the
 * width allows for a readable line (about 18 em). */
static int portrait_body(int w, int h)
{
    long b = (long)w * 216 / 100;
    if (b > h)
        b = h;
    int px = (int)((b + 20) / 40);
    return px < 12 ? 12 : px;
}

int scr_base_body_px(int w, int h, bool projector)
{
    if (scr_portrait(w, h))
        return portrait_body(w, h);
    int b = base_of(w, h);
    int px = projector ? (b * 10 + 135) / 270 : (b * 10 + 190) / 380;
    int lo = scr_min_body_px(w, h, projector);
    return px < lo ? lo : px;
}

int scr_min_body_px(int w, int h, bool projector)
{
    if (scr_portrait(w, h)) { /* a little smaller, then the choices go over pages */
        int px = portrait_body(w, h) * 86 / 100;
        return px < 11 ? 11 : px;
    }
    if (projector)
        return (h + 31) / 32; /* readable from the back of the room (scenarios/README.md) */
    int px = base_of(w, h) / 62;
    return px < 11 ? 11 : px;
}

/*============================================================================
 * Builders
 *==========================================================================*/
int scr_lay_cont(ScrLayout *L, int parent, int kind, SDL_Rect r, int tag)
{
    if (L->ncont >= SCR_MAX_CONT) {
        L->overflow = true;
        return -1;
    }
    ScrCont *c = &L->cont[L->ncont];
    c->r = r;
    c->parent = parent;
    c->kind = (uint8_t)kind;
    c->tag = tag;
    return L->ncont++;
}

int scr_lay_box(ScrLayout *L, int cont, int kind, SDL_Rect r, int tag)
{
    if (L->nbox >= SCR_MAX_BOX || cont < 0) {
        L->overflow = true;
        return -1;
    }
    ScrBox *b = &L->box[L->nbox];
    memset(b, 0, sizeof *b);
    b->r = r;
    b->cont = cont;
    b->kind = (uint8_t)kind;
    b->tag = tag;
    return L->nbox++;
}

int scr_measure_lines(const ScrMeasure *me, const char *s, int px, bool bold, int w, int *line_h)
{
    int lh = me->line_h(me->ud, px, bold);
    if (line_h)
        *line_h = lh;
    if (!s || !*s || lh <= 0)
        return 0;
    int h = me->measure(me->ud, s, strlen(s), px, bold, w, NULL);
    return h <= 0 ? 0 : (h + lh - 1) / lh;
}

int scr_lay_text(ScrLayout *L, const ScrMeasure *me, ScrTextSpec t)
{
    int cont = t.cont, x = t.x, y = t.y, w = t.w, px = t.px, max_lines = t.lines;
    const char *s = t.s;
    bool bold = t.bold;
    if (!s || !*s || w <= 0)
        return -1;
    int lh;
    int lines = scr_measure_lines(me, s, px, bold, w, &lh);
    if (lines <= 0)
        return -1;
    bool cut = max_lines > 0 && lines > max_lines;
    if (cut)
        lines = max_lines;
    SDL_Rect r = {x, y, w, lines * lh};
    int b = scr_lay_box(L, cont, K_TEXT, r, t.tag);
    if (b < 0)
        return -1;
    ScrBox *bx = &L->box[b];
    bx->role = (uint8_t)t.role;
    bx->align = (uint8_t)t.align;
    bx->bold = bold;
    bx->px = px;
    bx->line_h = lh;
    bx->s = s;
    bx->len = strlen(s);
    bx->cut = cut;
    return b;
}

int scr_lay_must(ScrLayout *L, int b, int must)
{
    if (b >= 0 && b < L->nbox)
        L->box[b].must = (uint8_t)must;
    return b;
}

/* A text box whose text is set when drawn (numbers that animate). */
static int lay_dyn(ScrLayout *L, const ScrMeasure *me, int cont, SDL_Rect r, int px, bool bold, int align,
                   int tag, int sub)
{
    int b = scr_lay_box(L, cont, K_TEXT, r, tag);
    if (b < 0)
        return -1;
    ScrBox *bx = &L->box[b];
    bx->role = R_DYN;
    bx->align = (uint8_t)align;
    bx->bold = bold;
    bx->px = px;
    bx->line_h = me->line_h(me->ud, px, bold);
    bx->sub = sub;
    return b;
}

static int text_w(const ScrMeasure *me, const char *s, int px, bool bold)
{
    int w = 0;
    me->measure(me->ud, s, strlen(s), px, bold, 0, &w);
    return w;
}

static int bottom(const ScrLayout *L, int b) { return b >= 0 ? L->box[b].r.y + L->box[b].r.h : 0; }

/* The widest word of a text (spaces part words; Chinese breaks anywhere,
 * so a word of it is a character or a run of Latin). */
static int widest_word(const ScrMeasure *me, const char *s, int px, bool bold)
{
    int best = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *q = p;
        while (*q && *q != ' ' && (unsigned char)*q < 0xE0)
            q++;
        if (q == p && *q) /* a CJK character */
            q += (unsigned char)*q >= 0xF0 ? 4 : 3;
        if (q > p) {
            int w = 0;
            me->measure(me->ud, p, (size_t)(q - p), px, bold, 0, &w);
            best = best > w ? best : w;
        }
        p = q;
    }
    return best;
}

static int maxi(int a, int b) { return a > b ? a : b; }
static int mini(int a, int b) { return a < b ? a : b; }

typedef struct {
    ScrLayout *L;
    const ScrMeasure *me;
    const ScrWeek *wk;
    const ScrLayoutIn *in;
    int cap;                      /* line cap of long texts, 0 none */
    int cap2;                     /* ... of the less important ones */
    bool lean;                    /* projector: fewer labels, less padding */
    bool drop;                    /* leave out what can go (key messages) */
    bool bare;                    /* ... and the least important lines too (what came up, her words to a move) */
    bool bare2;                   /* ... and her thought on the move (the why stays) */
    bool compact;                 /* projector: the table's bars beside the names, not under them */
    bool paged;                   /* the choices over pages that fit the panel */
    bool portrait;                /* a phone: one column, the buyer or the table (scr_portrait) */
    int avail;                    /* the panel's last usable y */
    int body, small, title, big;  /* px */
    int lb, ls, lt, lg;           /* line heights */
    int pad, gap, tiny;
} Col;

static void col_init(Col *c, ScrLayout *L, const ScrMeasure *me, const ScrWeek *wk, const ScrLayoutIn *in,
                     int body, int cap)
{
    c->L = L;
    c->me = me;
    c->wk = wk;
    c->in = in;
    c->cap = cap;
    c->cap2 = cap;
    c->lean = in->projector;
    c->drop = false;
    c->bare = false;
    c->compact = false;
    c->bare2 = false;
    c->paged = false;
    c->portrait = scr_portrait(in->w, in->h);
    c->avail = 0;
    c->body = body;
    c->small = in->projector ? maxi((body * 85 + 50) / 100, (in->h + 35) / 36)
             : c->portrait ? (body * 85 + 50) / 100 : (body * 80 + 50) / 100;
    if (c->small > body)
        c->small = body;
    c->title = (body * 118 + 50) / 100;
    c->big = (body * 150 + 50) / 100;
    c->lb = me->line_h(me->ud, c->body, false);
    c->ls = me->line_h(me->ud, c->small, false);
    c->lt = me->line_h(me->ud, c->title, true);
    c->lg = me->line_h(me->ud, c->big, true);
    c->pad = maxi(3, body * 55 / 100);
    c->gap = maxi(2, body * 40 / 100);
    c->tiny = maxi(1, body * 18 / 100);
}

static void set_h(ScrLayout *L, int cont, int y_end)
{
    if (cont >= 0)
        L->cont[cont].r.h = y_end - L->cont[cont].r.y;
}

/*============================================================================
 * The top bar
 *==========================================================================*/
int scr_lay_margin(int w, int h)
{
    return scr_portrait(w, h) ? maxi(4, w * 22 / 1000) : maxi(4, base_of(w, h) * 16 / 1000);
}
int scr_lay_gap(int w, int h) { return scr_portrait(w, h) ? maxi(3, w * 16 / 1000) : maxi(3, base_of(w, h) * 12 / 1000); }

/* The last " · " in s (where a part of a title begins), or NULL. */
static char *strrstr_dot(char *s)
{
    char *last = NULL;
    for (char *p = strstr(s, " \xC2\xB7 "); p; p = strstr(p + 1, " \xC2\xB7 "))
        last = p;
    return last;
}

/* A phone's top bar: the week and the mode whole, the case's title in the
 * room left (shortened with an ellipsis: the buyer's name is just below),
 * the help's key only when the title keeps most of the bar. */
static int topbar_portrait(ScrLayout *L, const ScrMeasure *me, const ScrLayoutIn *in, const ScrWeek *wk, int body,
                           int margin)
{
    int px = body * 85 / 100;
    int lh = me->line_h(me->ud, px, true);
    int th = lh + 2 * maxi(2, px * 40 / 100);
    int bar = scr_lay_cont(L, 0, K_TOPBAR, (SDL_Rect){0, 0, in->w, th}, 0);
    int y = (th - lh) / 2;
    int gap = maxi(4, px * 6 / 10);
    int x1 = in->w - margin;
    int mw = text_w(me, wk->mode, px, true) + gap;
    int ww = text_w(me, wk->week, px, true) + 1;
    int hw = text_w(me, wk->help_hint, px, false) + 1;
    int room = x1 - mw - gap - ww - 2 * gap - margin;
    if (hw > 1 && room - hw - gap >= in->w * 45 / 100) {
        x1 -= hw;
        scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = hw, .s = wk->help_hint, .px = px,
                .role = R_MUTED, .align = A_RIGHT, .lines = 1});
        x1 -= gap;
    }
    x1 -= mw;
    int b = scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = mw, .s = wk->mode, .px = px,
            .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1, .tag = 1});
    scr_lay_must(L, b, SCR_WHOLE);
    x1 -= gap + ww;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = ww, .s = wk->week, .px = px, .bold = true,
            .role = R_TITLE, .align = A_LEFT, .lines = 1, .tag = 2});
    scr_lay_must(L, b, SCR_WHOLE);
    x1 -= gap * 2;
    if (x1 - margin > px * 2) { /* may end in an ellipsis */
        snprintf(L->bar_text, sizeof L->bar_text, "%s", wk->title);
        scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = margin, .y = y, .w = x1 - margin, .s = L->bar_text,
                .px = px, .bold = true, .role = R_BODY, .align = A_LEFT, .lines = 1, .tag = 3});
    }
    return th;
}

int scr_lay_topbar(ScrLayout *L, const ScrMeasure *me, const ScrLayoutIn *in, const ScrWeek *wk, int body,
                   int margin)
{
    if (scr_portrait(in->w, in->h))
        return topbar_portrait(L, me, in, wk, body, margin);
    int px = in->projector ? maxi((body * 85) / 100, (in->h + 35) / 36) : (body * 85) / 100;
    int lh = me->line_h(me->ud, px, true);
    int th = lh + 2 * maxi(2, px * 35 / 100);
    int bar = scr_lay_cont(L, 0, K_TOPBAR, (SDL_Rect){0, 0, in->w, th}, 0);
    int y = (th - lh) / 2;
    int gap = maxi(4, px * 8 / 10);
    int x1 = in->w - margin;
    int hw = mini(text_w(me, wk->help_hint, px, false), in->w / 5);
    if (hw > 0) {
        x1 -= hw;
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = hw, .s = wk->help_hint, .px = px,
                .role = R_MUTED, .align = A_RIGHT, .lines = 1});
        (void)b;
        x1 -= gap;
    }
    int mw = mini(text_w(me, wk->mode, px, true) + gap, in->w / 5);
    if (mw > gap) {
        x1 -= mw;
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = mw, .s = wk->mode, .px = px,
                .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1, .tag = 1});
        if (b >= 0)
            L->box[b].kind = K_TEXT;
        x1 -= gap;
    }
    int ww = mini(text_w(me, wk->week, px, true), in->w / 4);
    x1 -= ww;
    scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = x1, .y = y, .w = ww, .s = wk->week, .px = px, .bold = true,
            .role = R_TITLE, .align = A_LEFT, .lines = 1, .tag = 2});
    x1 -= gap * 2;
    if (x1 - margin > px * 3) {
        /* "name · role · company": whole parts from the end go when it is
         * too long (never a word cut) */
        snprintf(L->bar_text, sizeof L->bar_text, "%s",
                 in->projector && wk->buyer_line[0] ? wk->buyer_line : wk->title);
        char *dot;
        while (text_w(me, L->bar_text, px, true) > x1 - margin && (dot = strrstr_dot(L->bar_text)) != NULL)
            *dot = '\0';
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = bar, .x = margin, .y = y, .w = x1 - margin, .s = L->bar_text,
                .px = px, .bold = true, .role = R_BODY, .align = A_LEFT, .lines = 1, .tag = 3});
        scr_lay_must(L, b, SCR_WHOLE);
    }
    return th;
}

/*============================================================================
 * The buyer (left)
 *==========================================================================*/
/* A phone's pager line ("Choices 1-3 of 8 · tap or swipe up: more"): the
 * lines its longest text takes at width w, from format fmt (at most 2). */
static int pager_lines(const Col *c, const char *fmt, int w)
{
    const ScrWeek *wk = c->wk;
    const char *kv[] = {"first", "88", "last", "88", "n", "88", "page", "88", "pages", "88", NULL};
    char head[200], t[400];
    app_fill(head, sizeof head, fmt, kv);
    int n = 1;
    for (int i = 0; i < 2; i++) {
        snprintf(t, sizeof t, "%s \xC2\xB7 %s", head, i ? wk->touch_back : wk->touch_more);
        n = maxi(n, scr_measure_lines(c->me, t, c->small, true, w, NULL));
    }
    return mini(n, 2);
}

/* Row r of the move's effect (0 your move, 1 the rivals and time) as chips,
 * an arrow of side `a` and "Mindshare +3.9", wrapped at cw from (cx, cy);
 * `whole`: each chip must show whole (a phone's feedback). Returns the y of
 * the chips' last line. */
static int lay_chips(Col *c, int rs, int r, int a, int cx, int cw, int cy, bool whole)
{
    ScrLayout *L = c->L;
    const ScrWeek *wk = c->wk;
    int chx = cx;
    for (int i = 0; i < wk->neff_cols; i++) {
        int need1 = a + c->tiny + text_w(c->me, wk->eff_chip[r][i], c->small, true);
        if (chx > cx && chx + need1 > cx + cw) {
            chx = cx;
            cy += c->ls;
        }
        need1 = mini(need1, cx + cw - chx);
        int ab = scr_lay_box(L, rs, K_CHIP_ARROW, (SDL_Rect){chx, cy + (c->ls - a) / 2, a, a}, i);
        if (ab >= 0)
            L->box[ab].sub = wk->eff_dir[r][i];
        int b = scr_lay_text(L, c->me, (ScrTextSpec){.cont = rs, .x = chx + a + c->tiny, .y = cy,
                .w = maxi(1, need1 - a - c->tiny), .s = wk->eff_chip[r][i], .px = c->small, .bold = true,
                .role = R_SMALL, .align = A_LEFT, .lines = 1, .tag = 30 + r * 10 + i});
        if (whole)
            scr_lay_must(L, b, SCR_WHOLE);
        chx += need1 + c->gap * 2;
    }
    return cy;
}

/* A phone's feedback on the last move, under the buyer's words: the move,
 * what it did itself (as chips: mindshare, trust, career risk, the chance
 * to win) and why, beside a bar in the verdict's colour. What came up, the
 * rivals and time, and her words and thought on it are on the buyer's
 * table. Week 1 has none (the situation is on the table). Returns the y below. */
static int lay_feedback(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    if (!wk->has_result)
        return y;
    int ip = maxi(3, c->pad * 6 / 10);
    int rs = scr_lay_cont(L, panel, K_RESULT, (SDL_Rect){x, y, w, 0}, 1);
    int vb = wk->verdict ? maxi(3, ip / 2) : 0;
    int cx = x + ip + (vb ? vb + ip : 0), cw = x + w - ip - cx;
    int cy = y + ip;
    int b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_head,
            .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
    cy = maxi(bottom(L, b), cy);
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_action, .px = c->body,
            .bold = true, .role = R_BODY, .align = A_LEFT, .lines = c->cap});
    scr_lay_must(L, b, SCR_WHOLE);
    cy = maxi(bottom(L, b), cy) + c->tiny;
    if (wk->neff_rows > 0) {
        /* the move's own row (a week let pass: the rivals and time, named) */
        int r = wk->eff_row0, a = maxi(4, c->ls * 7 / 10);
        if (r == 1) {
            b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->eff_label[1],
                    .px = c->small, .bold = true, .role = R_MUTED, .align = A_LEFT, .lines = 1, .tag = 21});
            cy = maxi(bottom(L, b), cy);
        }
        cy = lay_chips(c, rs, r, a, cx, cw, cy, true) + c->ls + c->tiny;
    }
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_why, .px = c->small,
            .role = R_SMALL, .align = A_LEFT, .lines = c->cap, .tag = 2});
    scr_lay_must(L, b, SCR_WHOLE);
    cy = maxi(bottom(L, b), cy);
    if (vb)
        scr_lay_box(L, rs, K_VERDICT_BAR, (SDL_Rect){x + ip, y + ip, vb, maxi(1, cy - y - ip)}, wk->verdict);
    set_h(L, rs, cy + ip);
    return cy + ip + c->gap + c->tiny;
}

static int build_left(Col *c, int panel)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    L->pager = -1;
    L->choice_pages = 1;
    L->choice_page = L->choice_first = L->choice_end = 0;
    for (int k = 0; k < BS_MAX_CHOICES; k++)
        L->choice[k] = -1;
    int nc0 = L->ncont, nb0 = L->nbox, y0 = y;

    /* header: portrait, name, role. In projector mode the name is in the top
     * bar and the portrait sits beside the speech bubble. */
    int D = c->lean ? c->lb + c->lb / 4 : c->lt + c->ls;
    int ind;
    if (c->lean) {
        ind = D + c->gap;
        int hdr = scr_lay_cont(L, panel, K_HEADER, (SDL_Rect){x, y, D, D}, 0);
        scr_lay_box(L, hdr, K_PORTRAIT, (SDL_Rect){x, y, D, D}, 0);
    } else {
        int hdr = scr_lay_cont(L, panel, K_HEADER, (SDL_Rect){x, y, w, D}, 0);
        scr_lay_box(L, hdr, K_PORTRAIT, (SDL_Rect){x, y, D, D}, 0);
        int tx = x + D + c->gap, tw = w - D - c->gap;
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = hdr, .x = tx, .y = y, .w = tw, .s = wk->buyer, .px = c->title,
                .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = 1});
        int yy = b >= 0 ? bottom(L, b) : y;
        int rb = scr_lay_text(L, me, (ScrTextSpec){.cont = hdr, .x = tx, .y = yy, .w = tw, .s = wk->role, .px = c->small,
                .role = R_MUTED, .align = A_LEFT, .lines = c->portrait ? 2 : 1});
        if (c->portrait) { /* a phone: the role on two lines if need be; the bubbles indented less */
            int hh = maxi(D, bottom(L, rb) - y);
            L->cont[hdr].r.h = hh;
            y += hh + c->gap * 2;
            ind = maxi(c->pad, D * 40 / 100);
        } else {
            y += D + c->gap * 2;
            ind = maxi(c->pad, D * 55 / 100);
        }
    }
    /* bubbles are indented: the says tail and the thought circles live there */
    int bx = x + ind, bw = w - ind;
    int ip = maxi(3, c->pad * (c->lean ? 5 : 7) / 10);

    if (wk->news[0]) {
        int n = scr_lay_cont(L, panel, K_NEWS, (SDL_Rect){bx, y, bw, 0}, 0);
        int lb = scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = y + ip, .w = bw - 2 * ip,
                .s = wk->news_label, .px = c->small, .bold = true, .role = R_NEWS, .align = A_LEFT, .lines = 1});
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = maxi(bottom(L, lb), y + ip),
                .w = bw - 2 * ip, .s = wk->news, .px = c->small, .role = R_NEWS, .align = A_LEFT,
                .lines = c->cap2 ? mini(c->cap2, 3) : 0});
        scr_lay_must(L, tb, SCR_WHOLE);
        set_h(L, n, maxi(bottom(L, tb), bottom(L, lb)) + ip);
        y = L->cont[n].r.y + L->cont[n].r.h + c->gap;
    }
    if (wk->says[0]) {
        int n = scr_lay_cont(L, panel, K_SAYS, (SDL_Rect){bx, y, bw, 0}, 0);
        int lb = c->lean ? -1
                         : scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = y + ip, .w = bw - 2 * ip,
                                 .s = wk->says_label, .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT,
                                 .lines = 1});
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = maxi(bottom(L, lb), y + ip),
                .w = bw - 2 * ip, .s = wk->says, .px = c->body, .role = R_BODY, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, tb, SCR_WHOLE_FLOOR);
        set_h(L, n, maxi(bottom(L, tb), bottom(L, lb)) + ip);
        y = L->cont[n].r.y + L->cont[n].r.h + c->gap;
    }
    if (wk->thinks[0]) {
        int n = scr_lay_cont(L, panel, K_THINKS, (SDL_Rect){bx, y, bw, 0}, 0);
        int lb = c->lean ? -1
                         : scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = y + ip, .w = bw - 2 * ip,
                                 .s = wk->thinks_label, .px = c->small, .bold = true, .role = R_THINK, .align = A_LEFT,
                                 .lines = 1});
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = bx + ip, .y = maxi(bottom(L, lb), y + ip),
                .w = bw - 2 * ip, .s = wk->thinks, .px = c->body, .role = R_THINK, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, tb, SCR_WHOLE_FLOOR);
        set_h(L, n, maxi(bottom(L, tb), bottom(L, lb)) + ip);
        y = L->cont[n].r.y + L->cont[n].r.h + c->gap + c->tiny;
    }
    if (c->portrait && !c->bare) /* a phone: what the last move did, in short (the table has it all) */
        y = lay_feedback(c, panel, x, w, y);

    if (wk->over || wk->nchoices == 0) {
        int n = scr_lay_cont(L, panel, K_OUTCOME, (SDL_Rect){x, y, w, 0}, 0);
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = n, .x = x + ip, .y = y + ip, .w = w - 2 * ip,
                .s = wk->outcome, .px = c->body, .bold = true, .role = R_BODY, .align = A_LEFT, .lines = c->cap});
        scr_lay_must(L, tb, SCR_WHOLE_FLOOR);
        int by = maxi(bottom(L, tb), y + ip) + c->gap;
        const char *next = wk->next_label[c->portrait];
        int lw = mini(text_w(me, next, c->body, true) + 2 * c->pad, w - 2 * ip);
        int nb = scr_lay_cont(L, n, K_NEXT_BUTTON, (SDL_Rect){x + ip, by, lw, c->lb + 2 * ip}, 0);
        scr_lay_text(L, me, (ScrTextSpec){.cont = nb, .x = x + ip + c->pad, .y = by + ip, .w = lw - 2 * c->pad,
                .s = next, .px = c->body, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1});
        L->next_button = nb;
        set_h(L, n, by + c->lb + 3 * ip);
        y = L->cont[n].r.y + L->cont[n].r.h + c->gap;
        return y - c->gap;
    }

    int ch = scr_lay_cont(L, panel, K_CHOICES, (SDL_Rect){x, y, w, 0}, 0);
    /* the prompt (a room vote, a replay: its own words); a projector has no
     * room for it: the top bar's pill says "Room vote" or "Replay" there */
    bool label = !c->lean;
    int lb = label ? scr_lay_text(L, me, (ScrTextSpec){.cont = ch, .x = x, .y = y, .w = w, .s = wk->choose_label,
            .px = c->lean ? c->body : c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 2})
                   : -1;
    int y_label = y;
    y = maxi(bottom(L, lb), y) + (label ? c->tiny * 2 : 0);
    int label_h = y - y_label;
    int badge = c->lb;
    int cp = maxi(2, c->pad * (c->lean ? 25 : c->portrait ? 80 : 45) / 100); /* a phone: a finger's room */
    int cgap = maxi(2, c->gap * (c->lean ? 4 : c->portrait ? 10 : 6) / 10);
    int tx2 = x + cp + badge + c->gap, tw2 = x + w - cp - tx2;
    /* no pointer to preview with on a phone: one tap plays */
    bool preview = !c->in->exam && !c->in->demo && !(c->drop && c->lean) && !c->portrait;
    int pv_h = preview ? c->ls + 2 * c->tiny + cgap : 0;
    int first = 0, end = wk->nchoices;
    L->choice_pages = 1;
    L->choice_page = 0;
    for (int k = 0; k < wk->nchoices; k++)
        L->choice_page_of[k] = 0;
    if (c->paged && wk->nchoices > 1) {
        /* pages of whole choices above the pager's line: the first under
         * the buyer's words, the next ones in the whole panel (the room has
         * read her words by then) */
        int pager_h = (c->portrait ? pager_lines(c, wk->pager_fmt, w - 2 * cp) : 1) * c->ls + 2 * c->tiny + cgap;
        int room = c->avail - y - pager_h - pv_h;
        int page = 0, used = 0;
        for (int k = 0; k < wk->nchoices; k++) {
            int hk = maxi(scr_measure_lines(me, wk->choice[k].text, c->body, false, tw2, NULL) * c->lb, badge) + 2 * cp;
            if (used + (used > 0 ? cgap : 0) + hk > room && (used > 0 || page == 0)) {
                /* a phone whose first page has no choice: the prompt heads the next */
                bool prompt = c->portrait && label && page == 0 && used == 0;
                page++;
                used = 0;
                room = c->avail - y0 - pager_h - pv_h - (prompt ? label_h : 0);
            }
            used += (used > 0 ? cgap : 0) + hk;
            L->choice_page_of[k] = (int8_t)page;
        }
        if (page > 0) {
            int want = c->in->focus > 0 && c->in->focus <= wk->nchoices ? L->choice_page_of[c->in->focus - 1]
                                                                         : c->in->choice_page;
            want = want < 0 ? 0 : want > page ? page : want;
            L->choice_pages = page + 1;
            L->choice_page = want;
            if (want > 0) { /* a later page: the choices alone */
                L->ncont = nc0;
                L->nbox = nb0;
                y = y0;
                ch = scr_lay_cont(L, panel, K_CHOICES, (SDL_Rect){x, y, w, 0}, 0);
                if (c->portrait && label && want == 1 && L->choice_page_of[0] == 1) {
                    int b2 = scr_lay_text(L, me, (ScrTextSpec){.cont = ch, .x = x, .y = y, .w = w,
                            .s = wk->choose_label, .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT,
                            .lines = 2});
                    y = maxi(bottom(L, b2), y) + c->tiny * 2;
                }
            } else if (c->portrait && lb >= 0 && lb == L->nbox - 1 && L->choice_page_of[0] > 0) {
                L->nbox--; /* a phone: no choice under her words, nor the prompt */
                y = y_label;
            }
            first = wk->nchoices;
            end = 0;
            for (int k = 0; k < wk->nchoices; k++)
                if (L->choice_page_of[k] == want) {
                    first = mini(first, k);
                    end = k + 1;
                }
            if (end == 0) /* none under her words: all on the next pages */
                first = 0;
        }
    }
    L->choice_first = first;
    L->choice_end = end;
    for (int k = first; k < end; k++) {
        int cc = scr_lay_cont(L, ch, K_CHOICE, (SDL_Rect){x, y, w, 0}, k);
        L->choice[k] = cc;
        scr_lay_box(L, cc, K_BADGE, (SDL_Rect){x + cp, y + cp, badge, badge}, k);
        int tb = scr_lay_text(L, me, (ScrTextSpec){.cont = cc, .x = tx2, .y = y + cp, .w = tw2, .s = wk->choice[k].text,
                .px = c->body, .role = R_BODY, .align = A_LEFT, .lines = c->cap, .tag = k});
        scr_lay_must(L, tb, SCR_WHOLE_FLOOR);
        set_h(L, cc, maxi(bottom(L, tb), y + cp + badge) + cp);
        y = L->cont[cc].r.y + L->cont[cc].r.h + cgap;
    }
    if (L->choice_pages > 1) {
        /* "Choices 1-5 of 9 · Page Down: more" */
        char f[16], l[16], n[16];
        snprintf(f, sizeof f, "%d", first + 1);
        snprintf(l, sizeof l, "%d", end);
        snprintf(n, sizeof n, "%d", wk->nchoices);
        const char *kv[] = {"first", f, "last", l, "n", n, NULL};
        char head[200];
        app_fill(head, sizeof head, end == 0 ? wk->pager_none : end == first + 1 ? wk->pager_one : wk->pager_fmt, kv);
        if (c->portrait && end == 0) /* a phone: a tap (or a swipe) turns the page; at the bottom, under the thumb */
            app_fill(head, sizeof head, wk->touch_none, kv);
        if (c->portrait)
            snprintf(L->pager_text, sizeof L->pager_text, "%s \xC2\xB7 %s", head,
                     L->choice_page < L->choice_pages - 1 ? wk->touch_more : wk->touch_back);
        else if (end == 0)
            snprintf(L->pager_text, sizeof L->pager_text, "%s", head);
        else
            snprintf(L->pager_text, sizeof L->pager_text, "%s \xC2\xB7 %s", head,
                     L->choice_page < L->choice_pages - 1 ? wk->pager_more : wk->pager_back);
        int plines = c->portrait ? pager_lines(c, wk->pager_fmt, w - 2 * cp) : 1;
        if (c->portrait) { /* at the panel's foot, as tall as its text */
            plines = maxi(1, mini(plines, scr_measure_lines(me, L->pager_text, c->small, true, w - 2 * cp, NULL)));
            y = maxi(y, c->avail - (plines * c->ls + 2 * c->tiny));
        }
        int pg = scr_lay_cont(L, ch, K_PAGER, (SDL_Rect){x, y, w, plines * c->ls + 2 * c->tiny}, L->choice_page);
        int pb = scr_lay_text(L, me, (ScrTextSpec){.cont = pg, .x = x + cp, .y = y + c->tiny, .w = w - 2 * cp,
                .s = L->pager_text, .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = plines});
        scr_lay_must(L, pb, SCR_WHOLE);
        if (pb >= 0)
            set_h(L, pg, bottom(L, pb) + c->tiny);
        L->pager = pg;
        y = L->cont[pg].r.y + L->cont[pg].r.h + cgap;
    }
    if (preview) {
        int pv = scr_lay_cont(L, ch, K_PREVIEW, (SDL_Rect){x, y, w, c->ls + 2 * c->tiny}, 0);
        lay_dyn(L, me, pv, (SDL_Rect){x, y + c->tiny, w, c->ls}, c->small, false, A_LEFT, 0, 0);
        y += c->ls + 2 * c->tiny + cgap;
    }
    set_h(L, ch, y - cgap);
    return y - cgap;
}

/*============================================================================
 * The buyer's table (right)
 *==========================================================================*/
/* The result card's table turned: a meter a row (its name in the first
 * column), a column for each of your move and the rivals and time (their
 * names on two lines if need be). Sizes, and whether it fits width cw. */
static void transposed_sizes(const Col *c, const ScrWeek *wk, int a, int cw, int cgap, int *mlabw, int colw[2],
                             int headw[2], int *head_lines)
{
    const ScrMeasure *me = c->me;
    int nc = wk->neff_cols;
    *mlabw = 0;
    for (int i = 0; i < nc; i++)
        *mlabw = maxi(*mlabw, text_w(me, wk->eff_head[i], c->small, false));
    int need = *mlabw;
    int cellw[2] = {0, 0};
    for (int r = wk->eff_row0; r < 2; r++) {
        for (int i = 0; i < nc; i++)
            cellw[r] = maxi(cellw[r], a + c->tiny + text_w(me, wk->eff_cell[r][i], c->small, true));
        headw[r] = text_w(me, wk->eff_label[r], c->small, true);
        colw[r] = maxi(cellw[r], headw[r]);
        need += colw[r] + cgap;
    }
    *head_lines = 1;
    if (need <= cw)
        return;
    for (int r = wk->eff_row0; r < 2; r++) {
        int lo = widest_word(me, wk->eff_label[r], c->small, true), hw = headw[r];
        while (hw - c->tiny >= lo && scr_measure_lines(me, wk->eff_label[r], c->small, true, hw - c->tiny, NULL) <= 2)
            hw -= c->tiny;
        if (hw < headw[r])
            *head_lines = 2;
        headw[r] = hw;
        colw[r] = maxi(cellw[r], hw);
    }
}

static bool transposed_fits(const Col *c, const ScrWeek *wk, int a, int cw, int cgap)
{
    int mlabw, colw[2] = {0, 0}, headw[2] = {0, 0}, hl;
    transposed_sizes(c, wk, a, cw, cgap, &mlabw, colw, headw, &hl);
    int need = mlabw;
    for (int r = wk->eff_row0; r < 2; r++)
        need += colw[r] + cgap;
    return need <= cw;
}

/* The vendors' rows: swatch, (badge,) name, bar, share and its change, and
 * what each rival did. Returns the y below. */
static int lay_table(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int tab = scr_lay_cont(L, panel, K_TABLE, (SDL_Rect){x, y, w, 0}, 0);
    int b = -1;
    if (!(c->drop && c->lean)) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = tab, .x = x, .y = y, .w = w, .s = wk->table_title, .px = c->body,
                .bold = true, .role = R_TITLE, .align = A_LEFT, .lines = c->cap ? 1 : 2});
        y = maxi(bottom(L, b), y);
    }
    if (!c->drop) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = tab, .x = x, .y = y, .w = w, .s = wk->you, .px = c->small,
                .role = R_MUTED, .align = A_LEFT, .lines = 1});
        y = maxi(bottom(L, b), y);
    }
    y += c->gap;

    int sw = maxi(4, c->ls * 7 / 10);
    int pct_w = text_w(me, "100%", c->body, true) + c->tiny;
    int del_w = text_w(me, "\xE2\x88\x92" "10.0", c->small, false) + c->tiny;
    int inner = w - sw - c->gap;
    bool badges = false;
    for (int v = 0; v < wk->nrows - 1 && v < BS_MAX_VENDORS; v++)
        badges |= wk->badge[v][0] != 0;
    int name_w = inner * (badges ? 46 : 38) / 100; /* role-play: the badges take room from the names */
    if (c->compact) { /* a crowded projector: a name on one line is worth more than a long bar */
        int widest = 0;
        for (int v = 0; v < wk->nrows; v++)
            widest = maxi(widest, text_w(me, wk->vname[v], c->body, v == wk->me));
        name_w = maxi(name_w, mini(widest + c->tiny + (badges ? c->ls * 2 : 0), inner * 58 / 100));
    }
    int bar_x = x + sw + c->gap + name_w + c->gap;
    int bar_w = x + w - del_w - c->gap / 2 - pct_w - c->gap / 2 - bar_x;
    if (bar_w < c->body * 2) { /* a very narrow panel: narrower names */
        name_w = maxi(c->body * 3, name_w - (c->body * 2 - bar_w));
        bar_x = x + sw + c->gap + name_w + c->gap;
        bar_w = x + w - del_w - c->gap / 2 - pct_w - c->gap / 2 - bar_x;
    }
    int rgap = maxi(2, c->gap * 5 / 10);
    for (int v = 0; v < wk->nrows; v++) {
        int row = scr_lay_cont(L, tab, K_ROW, (SDL_Rect){x, y, w, 0}, v);
        scr_lay_box(L, row, K_SWATCH, (SDL_Rect){x, y + (c->lb - sw) / 2, sw, sw}, v);
        int yy;
        /* role-play: a badge with the player's number before the name */
        const char *badge = v < wk->nrows - 1 && v < BS_MAX_VENDORS ? wk->badge[v] : "";
        int bdw = badge[0] ? text_w(me, badge, c->small, true) + 2 * c->tiny + 2 : 0;
        int bsp = bdw ? bdw + c->tiny * 2 : 0;
        /* role-play: "(you)" goes below a name that would wrap beside its badge */
        const char *vname = wk->vname[v];
        bool you_below = false;
        if (bdw && v == wk->me && wk->me_short[0]) {
            int room = c->lean ? w - sw - c->gap - del_w - pct_w - c->gap - bsp : name_w - bsp;
            if (text_w(me, vname, c->body, true) > room) {
                vname = wk->me_short;
                you_below = true;
            }
        }
        if (bdw) {
            int bb = scr_lay_box(L, row, K_SEAT, (SDL_Rect){x + sw + c->gap, y + (c->lb - c->ls) / 2, bdw, c->ls}, v);
            if (bb >= 0) {
                L->box[bb].px = c->small;
                L->box[bb].bold = true;
            }
        }
        bool did_inline = false;
        int name_box = -1;
        if ((c->lean || c->portrait) && !c->compact) {
            /* projector (and a phone): the name on its own line, the bar below it at full width;
             * what a rival did beside its name when there is room */
            int px_x = x + w - del_w - c->gap / 2 - pct_w;
            int nx = x + sw + c->gap;
            int room = px_x - c->gap / 2 - nx - bsp;
            int nw = text_w(me, vname, c->body, v == wk->me);
            if (v < BS_MAX_VENDORS && wk->did[v][0] && !you_below &&
                nw + c->gap * 2 + text_w(me, wk->did[v], c->small, false) <= room) {
                scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = nx + bsp, .y = y, .w = nw, .s = vname,
                        .px = c->body, .bold = v == wk->me, .role = R_BODY, .align = A_LEFT, .lines = 1, .tag = v});
                scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = nx + bsp + nw + c->gap * 2,
                        .y = y + (c->lb - c->ls), .w = room - nw - c->gap * 2, .s = wk->did[v], .px = c->small,
                        .role = R_MUTED, .align = A_LEFT, .lines = 1, .tag = v});
                did_inline = true;
            } else { /* (a phone: a long name on two lines) */
                name_box = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = nx + bsp, .y = y, .w = room, .s = vname,
                        .px = c->body, .bold = v == wk->me, .role = R_BODY, .align = A_LEFT,
                        .lines = c->portrait ? 2 : 1, .tag = v});
            }
            lay_dyn(L, me, row, (SDL_Rect){px_x, y, pct_w, c->lb}, c->body, true, A_RIGHT, v, 0);
            lay_dyn(L, me, row, (SDL_Rect){px_x + pct_w + c->gap / 2, y + (c->lb - c->ls) / 2, del_w, c->ls},
                    c->small, false, A_RIGHT, v, 1);
            yy = y + c->lb;
            if (c->portrait)
                yy = maxi(yy, bottom(L, name_box));
            int th = maxi(4, c->lb * 30 / 100);
            int tr = scr_lay_box(L, row, K_BAR_TRACK, (SDL_Rect){nx, yy, px_x + pct_w - nx, th}, v);
            L->row_track[v] = tr;
            yy += th;
        } else {
            int nb = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = x + sw + c->gap + bsp, .y = y,
                    .w = name_w - bsp, .s = vname, .px = c->body, .bold = v == wk->me, .role = R_BODY, .align = A_LEFT,
                    .lines = 2, .tag = v});
            int th = maxi(4, c->lb * 55 / 100);
            int tr = scr_lay_box(L, row, K_BAR_TRACK, (SDL_Rect){bar_x, y + (c->lb - th) / 2, maxi(1, bar_w), th}, v);
            L->row_track[v] = tr;
            int px_x = bar_x + maxi(1, bar_w) + c->gap / 2;
            lay_dyn(L, me, row, (SDL_Rect){px_x, y, pct_w, c->lb}, c->body, true, A_RIGHT, v, 0);
            lay_dyn(L, me, row, (SDL_Rect){px_x + pct_w + c->gap / 2, y + (c->lb - c->ls) / 2, del_w, c->ls}, c->small,
                    false, A_RIGHT, v, 1);
            yy = maxi(bottom(L, nb), y + c->lb);
        }
        if (you_below) {
            int db = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = x + sw + c->gap + bsp, .y = yy,
                    .w = w - sw - c->gap - bsp, .s = wk->me_you, .px = c->small, .bold = true, .role = R_MUTED,
                    .align = A_LEFT, .lines = 1, .tag = v});
            yy = maxi(bottom(L, db), yy);
        }
        /* a crowded projector keeps what a rival did only beside its name:
         * the room goes to what your move did */
        if (v < BS_MAX_VENDORS && wk->did[v][0] && !did_inline && !(c->drop && c->lean)) {
            int db = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = x + sw + c->gap, .y = yy, .w = w - sw - c->gap,
                    .s = wk->did[v], .px = c->small, .role = R_MUTED, .align = A_LEFT, .lines = 1, .tag = v});
            yy = maxi(bottom(L, db), yy);
        }
        set_h(L, row, yy);
        y = yy + rgap;
    }
    set_h(L, tab, y - rgap);
    y += c->gap;
    return y;
}

/* Trust and career risk side by side (a projector: the chance to win a
 * third card). Returns the y below. */
static int lay_meters(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int b;
    /* trust and career risk, side by side */
    int ip = maxi(3, c->pad * 6 / 10);
    int mt = scr_lay_cont(L, panel, K_METERS, (SDL_Rect){x, y, w, 0}, 0);
    /* a projector: the chance to win is a third card in this row */
    bool third = wk->has_chance && c->lean;
    int tw = (w - c->gap) * 56 / 100, rw = w - c->gap - tw, chw = 0;
    if (third) {
        tw = (w - 2 * c->gap) * 40 / 100;
        rw = (w - 2 * c->gap) * 28 / 100;
        chw = w - 2 * c->gap - tw - rw;
    }
    int tc = scr_lay_cont(L, mt, K_TRUST, (SDL_Rect){x, y, tw, 0}, 0);
    int rc = scr_lay_cont(L, mt, K_RISK, (SDL_Rect){x + tw + c->gap, y, rw, 0}, 0);
    int numw = text_w(me, "100", c->big, true) + c->tiny;
    int ty = y + ip;
    int lbl_w = tw - 2 * ip - numw - c->tiny;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = tc, .x = x + ip, .y = ty, .w = lbl_w,
            .s = c->lean ? wk->meter_names[1] : wk->trust_label, .px = c->small, .bold = true, .role = R_LABEL,
            .align = A_LEFT, .lines = 2});
    lay_dyn(L, me, tc, (SDL_Rect){x + tw - ip - numw, ty, numw, c->lg}, c->big, true, A_RIGHT, 0, 0);
    ty = maxi(bottom(L, b), ty + c->lg) + c->tiny;
    int bh = maxi(4, c->ls * 55 / 100);
    scr_lay_box(L, tc, K_METER_BAR, (SDL_Rect){x + ip, ty, tw - 2 * ip, bh}, 0);
    ty += bh + c->tiny * 2;
    int nw = text_w(me, "100", c->small, true) + c->tiny;
    const char *sub[2] = {wk->character_label, wk->competence_label};
    if (c->lean && c->drop) {
        /* a crowded projector: trust without its two faces (the room goes
         * to what your move did) */
    } else if (c->lean) {
        /* projector: one line each, the bar beside the label */
        int lw2 = maxi(text_w(me, sub[0], c->small, false), text_w(me, sub[1], c->small, false)) + c->tiny;
        lw2 = mini(lw2, (tw - 2 * ip) * 58 / 100);
        int sbh = maxi(3, c->ls * 30 / 100);
        for (int i = 0; i < 2; i++) {
            scr_lay_text(L, me, (ScrTextSpec){.cont = tc, .x = x + ip, .y = ty, .w = lw2, .s = sub[i], .px = c->small,
                    .role = R_SMALL, .align = A_LEFT, .lines = 1, .tag = i + 1});
            int nx = x + ip + lw2;
            lay_dyn(L, me, tc, (SDL_Rect){nx, ty, nw, c->ls}, c->small, true, A_RIGHT, i + 1, 0);
            int bx2 = nx + nw + c->gap;
            scr_lay_box(L, tc, K_METER_BAR, (SDL_Rect){bx2, ty + (c->ls - sbh) / 2, maxi(1, x + tw - ip - bx2), sbh},
                        i + 1);
            ty += c->ls + c->tiny;
        }
        ty += c->tiny;
    } else {
        for (int i = 0; i < 2; i++) {
            b = scr_lay_text(L, me, (ScrTextSpec){.cont = tc, .x = x + ip, .y = ty, .w = tw - 2 * ip - nw - c->tiny,
                    .s = sub[i], .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = 1, .tag = i + 1});
            lay_dyn(L, me, tc, (SDL_Rect){x + tw - ip - nw, ty, nw, c->ls}, c->small, true, A_RIGHT, i + 1, 0);
            ty = maxi(bottom(L, b), ty + c->ls) + c->tiny;
            int sbh = maxi(3, c->ls * 35 / 100);
            scr_lay_box(L, tc, K_METER_BAR, (SDL_Rect){x + ip, ty, tw - 2 * ip, sbh}, i + 1);
            ty += sbh + c->tiny * 2;
        }
    }
    ty += ip - c->tiny * 2;
    int rx = x + tw + c->gap;
    int ry = y + ip;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = rc, .x = rx + ip, .y = ry, .w = rw - 2 * ip,
            .s = c->lean ? wk->meter_names[2] : wk->risk_label, .px = c->small, .bold = true, .role = R_LABEL,
            .align = A_LEFT, .lines = 2});
    ry = maxi(bottom(L, b), ry) + c->tiny;
    int gw = rw - 2 * ip;
    int gh = gw / 2 + c->tiny;
    int room = ty - ip - ry; /* match the trust box's height when we can */
    if (gh > room && room > c->lg * 2) {
        gh = room;
        gw = mini(gw, gh * 2);
    }
    scr_lay_box(L, rc, K_GAUGE, (SDL_Rect){rx + ip + (rw - 2 * ip - gw) / 2, ry, gw, gh}, 0);
    ry += gh + ip;
    int mh = maxi(ty, ry);
    if (third) {
        int cx0 = x + tw + c->gap + rw + c->gap;
        int cc = scr_lay_cont(L, mt, K_CHANCE, (SDL_Rect){cx0, y, chw, 0}, 0);
        int cy = y + ip;
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = cc, .x = cx0 + ip, .y = cy, .w = chw - 2 * ip,
                .s = wk->chance_short, .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 2});
        cy = maxi(bottom(L, b), cy);
        int vw = text_w(me, wk->chance_value, c->big, true) + c->tiny;
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = cc, .x = cx0 + ip, .y = cy, .w = mini(vw, chw - 2 * ip),
                .s = wk->chance_value, .px = c->big, .bold = true, .role = R_BODY, .align = A_LEFT, .lines = 1,
                .tag = 1});
        if (c->drop && wk->nchance >= 1 && chw - 2 * ip - vw - c->gap > c->lb * 2) {
            /* crowded: the weeks so far beside the number */
            int sx = cx0 + ip + vw + c->gap;
            scr_lay_box(L, cc, K_SPARK, (SDL_Rect){sx, cy, cx0 + chw - ip - sx, maxi(4, c->lg)}, 0);
            cy = maxi(bottom(L, b), cy + c->lg);
        } else {
            cy = maxi(bottom(L, b), cy) + c->tiny;
            int sh = maxi(c->ls, mh - ip - cy);
            if (wk->nchance >= 1) {
                scr_lay_box(L, cc, K_SPARK, (SDL_Rect){cx0 + ip, cy, chw - 2 * ip, sh}, 0);
                cy += sh;
            }
        }
        mh = maxi(mh, cy + ip);
        set_h(L, cc, mh);
    }
    set_h(L, tc, mh);
    set_h(L, rc, mh);
    set_h(L, mt, mh);
    y = mh + c->gap;
    return y;
}

/* The buyer's chance to choose you, if she decided now, as a row of its own
 * (not on a projector, where it is a card beside the meters). */
static int lay_chance_row(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int ip = maxi(3, c->pad * 6 / 10);
    bool third = wk->has_chance && c->lean;
    int b;
    /* the buyer's chance to choose you, if she decided now (not in an
     * exam): its words, the weeks so far, the number; one row */
    if (wk->has_chance && !third) {
        int cc = scr_lay_cont(L, panel, K_CHANCE, (SDL_Rect){x, y, w, 0}, 0);
        const char *label = c->lean ? wk->chance_short : wk->chance_label;
        int label_lines = c->portrait ? 0 : 2; /* a phone's narrow row: as many as it takes */
        int vw = text_w(me, "100%", c->big, true) + c->tiny;
        int spw = c->drop && !c->lean ? 0 : (w - 2 * ip) * 28 / 100;
        int lw2 = w - 2 * ip - vw - c->gap - (spw ? spw + c->gap : 0);
        int cy = y + ip;
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = cc, .x = x + ip, .y = cy, .w = lw2, .s = label, .px = c->small,
                .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = label_lines});
        int vb = scr_lay_text(L, me, (ScrTextSpec){.cont = cc, .x = x + w - ip - vw, .y = cy, .w = vw,
                .s = wk->chance_value, .px = c->big, .bold = true, .role = R_BODY, .align = A_RIGHT, .lines = 1,
                .tag = 1});
        int end_y = maxi(bottom(L, b), bottom(L, vb));
        if (spw && wk->nchance >= 1) { /* week by week so far */
            int sh = mini(end_y - cy, maxi(8, c->lg));
            scr_lay_box(L, cc, K_SPARK, (SDL_Rect){x + ip + lw2 + c->gap, cy + (end_y - cy - sh) / 2, spw, sh}, 0);
        }
        set_h(L, cc, end_y + ip);
        y = end_y + ip + c->gap;
    }
    return y;
}

/* The result card's numbers: what your move did apart from what the rivals
 * and time did, as a small table (or turned, or as chips when narrow).
 * Returns the y below. */
static int lay_effects(Col *c, int rs, int cx, int cw, int cy)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int b;
    int a = maxi(4, c->ls * 7 / 10);
    int nc = wk->neff_cols;
    cy += c->tiny;
    /* a small table: a row each (your move; the rivals and time), a
     * column per meter; as chips under each row's name when it is too
     * narrow for that */
    int labw = 0, colw[SCR_EFF_COLS], cellw[SCR_EFF_COLS], headw[SCR_EFF_COLS], need = 0;
    for (int r = wk->eff_row0; r < 2; r++)
        labw = maxi(labw, text_w(me, wk->eff_label[r], c->small, true));
    for (int i = 0; i < nc; i++) {
        cellw[i] = 0;
        for (int r = wk->eff_row0; r < 2; r++)
            cellw[i] = maxi(cellw[i], a + c->tiny + text_w(me, wk->eff_cell[r][i], c->small, true));
        headw[i] = text_w(me, wk->eff_head[i], c->small, false);
        colw[i] = maxi(cellw[i], headw[i]);
        need += colw[i];
    }
    int cgap = c->gap * 3 / 2;
    need += labw + nc * cgap;
    int head_lines = 1;
    if (need > cw) { /* narrower columns: their heads on two lines (never inside a word) */
        need = labw + nc * cgap;
        for (int i = 0; i < nc; i++) {
            /* the narrowest two lines, so a head breaks in its middle */
            int lo = widest_word(me, wk->eff_head[i], c->small, false);
            int hw = headw[i];
            if (hw <= cellw[i]) { /* as narrow as its numbers already */
                need += colw[i];
                continue;
            }
            while (hw - c->tiny >= lo &&
                   scr_measure_lines(me, wk->eff_head[i], c->small, false, hw - c->tiny, NULL) <= 2)
                hw -= c->tiny;
            headw[i] = hw;
            colw[i] = maxi(cellw[i], hw);
            if (scr_measure_lines(me, wk->eff_head[i], c->small, false, hw, NULL) > 1)
                head_lines = 2;
            need += colw[i];
        }
    }
    int lab_lines = 1;
    /* too wide: the table turned (a meter a row) if that fits, else the
     * rows' names on two lines (never inside a word), else chips */
    bool turned = need > cw && transposed_fits(c, wk, a, cw, cgap);
    if (need > cw && !turned) {
        int lw = labw, lo = 0;
        for (int r = wk->eff_row0; r < 2; r++)
            lo = maxi(lo, widest_word(me, wk->eff_label[r], c->small, true));
        bool ok = true;
        while (ok && lw - c->tiny >= lo) {
            for (int r = wk->eff_row0; r < 2 && ok; r++)
                ok = scr_measure_lines(me, wk->eff_label[r], c->small, true, lw - c->tiny, NULL) <= 2;
            if (ok)
                lw -= c->tiny;
        }
        if (lw < labw) {
            need -= labw - lw;
            labw = lw;
            lab_lines = 2;
        }
    }
    if (need <= cw && !turned) {
        int extra = mini((cw - need) / (nc + 1), c->gap * 3);
        int colx[SCR_EFF_COLS];
        int xx = cx + labw + cgap + extra;
        for (int i = 0; i < nc; i++) {
            colx[i] = xx;
            scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = xx, .y = cy + (head_lines - 1) * c->ls,
                    .w = mini(headw[i], colw[i]), .s = wk->eff_head[i], .px = c->small, .role = R_MUTED,
                    .align = A_LEFT, .lines = 2, .tag = 10 + i});
            xx += colw[i] + cgap + extra;
        }
        /* a head on one line sits on the lower of two */
        for (int i = L->nbox - 1; i >= 0 && L->box[i].cont == rs && L->box[i].tag >= 10 && L->box[i].tag < 20; i--)
            if (L->box[i].r.h > c->ls)
                L->box[i].r.y -= c->ls;
        cy += c->ls * head_lines;
        for (int r = wk->eff_row0; r < 2; r++) {
            int lb = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = labw, .s = wk->eff_label[r],
                    .px = c->small, .bold = true, .role = r == 0 ? R_BODY : R_MUTED, .align = A_LEFT,
                    .lines = lab_lines, .tag = 20 + r});
            int row_end = maxi(bottom(L, lb), cy + c->ls);
            for (int i = 0; i < nc; i++) {
                int ab = scr_lay_box(L, rs, K_CHIP_ARROW, (SDL_Rect){colx[i], cy + (c->ls - a) / 2, a, a}, i);
                if (ab >= 0)
                    L->box[ab].sub = wk->eff_dir[r][i];
                scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = colx[i] + a + c->tiny, .y = cy,
                        .w = colw[i] - a - c->tiny, .s = wk->eff_cell[r][i], .px = c->small, .bold = true,
                        .role = R_SMALL, .align = A_LEFT, .lines = 1, .tag = 30 + r * 10 + i});
            }
            cy = row_end;
        }
    } else if (turned) {
        /* narrower still: a meter a row, a column each for your move
         * and for the rivals and time */
        int mlabw = 0, colw2[2] = {0, 0}, headw2[2] = {0, 0}, hl = 1;
        transposed_sizes(c, wk, a, cw, cgap, &mlabw, colw2, headw2, &hl);
        int colx2[2], xx = cx + mlabw + cgap;
        for (int r = wk->eff_row0; r < 2; r++) {
            colx2[r] = xx;
            int hb = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = xx, .y = cy, .w = headw2[r],
                    .s = wk->eff_label[r], .px = c->small, .bold = true, .role = r == 0 ? R_BODY : R_MUTED,
                    .align = A_LEFT, .lines = 2, .tag = 20 + r});
            if (hb >= 0 && L->box[hb].r.h < hl * c->ls) /* one line: on the lower of two */
                L->box[hb].r.y += hl * c->ls - L->box[hb].r.h;
            xx += colw2[r] + cgap;
        }
        cy += hl * c->ls;
        for (int i = 0; i < nc; i++) {
            scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = mlabw, .s = wk->eff_head[i],
                    .px = c->small, .role = R_MUTED, .align = A_LEFT, .lines = 1, .tag = 10 + i});
            for (int r = wk->eff_row0; r < 2; r++) {
                int ab = scr_lay_box(L, rs, K_CHIP_ARROW, (SDL_Rect){colx2[r], cy + (c->ls - a) / 2, a, a}, i);
                if (ab >= 0)
                    L->box[ab].sub = wk->eff_dir[r][i];
                scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = colx2[r] + a + c->tiny, .y = cy,
                        .w = colw2[r] - a - c->tiny, .s = wk->eff_cell[r][i], .px = c->small, .bold = true,
                        .role = R_SMALL, .align = A_LEFT, .lines = 1, .tag = 30 + r * 10 + i});
            }
            cy += c->ls;
        }
    } else {
        for (int r = wk->eff_row0; r < 2; r++) {
            b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->eff_label[r],
                    .px = c->small, .bold = true, .role = r == 0 ? R_BODY : R_MUTED, .align = A_LEFT, .lines = 1,
                    .tag = 20 + r});
            cy = maxi(bottom(L, b), cy);
            cy = lay_chips(c, rs, r, a, cx, cw, cy, false) + c->ls;
        }
    }
    cy += c->tiny;
    return cy;
}

/* What the last week did: your move apart from the rivals and time, why,
 * and the buyer's words and thought on it. Returns the y below. */
static int lay_result(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int ip = maxi(3, c->pad * 6 / 10);
    int b;
    int rs = scr_lay_cont(L, panel, K_RESULT, (SDL_Rect){x, y, w, 0}, 0);
    int vb = wk->verdict ? maxi(3, ip / 2) : 0;
    int cx = x + ip + (vb ? vb + ip : 0), cw = x + w - ip - cx;
    int cy = y + ip;
    int cap = c->cap;
    if (!(c->drop && wk->has_result)) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_head,
                .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = 1});
        cy = maxi(bottom(L, b), cy);
    }
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_action, .px = c->body,
            .bold = true, .role = R_BODY, .align = A_LEFT, .lines = cap});
    scr_lay_must(L, b, SCR_WHOLE);
    cy = maxi(bottom(L, b), cy);
    if (wk->has_result && wk->neff_rows > 0)
        cy = lay_effects(c, rs, cx, cw, cy);
    if (!c->bare || !wk->has_result) { /* what came up: the table and the why say most of it */
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_outcome,
                .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = c->cap2, .tag = 1});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = maxi(bottom(L, b), cy);
    }
    int why_y = cy;
    b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_why, .px = c->small,
            .role = R_SMALL, .align = A_LEFT, .lines = cap, .tag = 2});
    scr_lay_must(L, b, SCR_WHOLE);
    cy = maxi(bottom(L, b), cy);
    if (vb && cy > why_y)
        scr_lay_box(L, rs, K_VERDICT_BAR, (SDL_Rect){x + ip, why_y, vb, cy - why_y}, wk->verdict);
    if (!c->bare) { /* the thought stays: it is the buyer's real reaction */
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_say,
                .px = c->small, .role = R_BODY, .align = A_LEFT, .lines = c->cap2, .tag = 4});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = maxi(bottom(L, b), cy);
    }
    if (!c->bare2) {
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = rs, .x = cx, .y = cy, .w = cw, .s = wk->result_thought,
                .px = c->small, .role = R_THINK, .align = A_LEFT, .lines = c->cap2, .tag = 3});
        scr_lay_must(L, b, SCR_WHOLE);
        cy = maxi(bottom(L, b), cy);
    }
    set_h(L, rs, cy + ip);
    y = cy + ip + c->gap;
    return y;
}

/* The key messages, fading as the buyer forgets them (left out when the
 * column is crowded). Returns the y below. */
static int lay_messages(Col *c, int panel, int x, int w, int y)
{
    ScrLayout *L = c->L;
    const ScrMeasure *me = c->me;
    const ScrWeek *wk = c->wk;
    int b;
    int cap = c->cap;
    if (wk->nmsg > 0 && !c->drop) {
        int ms = scr_lay_cont(L, panel, K_MESSAGES, (SDL_Rect){x, y, w, 0}, 0);
        b = scr_lay_text(L, me, (ScrTextSpec){.cont = ms, .x = x, .y = y, .w = w, .s = wk->messages_label,
                .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = cap ? 1 : 2});
        y = maxi(bottom(L, b), y) + c->tiny;
        int ck = maxi(4, c->ls * 8 / 10);
        for (int k = 0; k < wk->nmsg; k++) {
            int row = scr_lay_cont(L, ms, K_MSGROW, (SDL_Rect){x, y, w, 0}, k);
            int stw0 = text_w(me, wk->msg_status[k], c->small, true) + c->tiny;
            if (c->portrait && stw0 > w * 45 / 100) {
                /* a phone: "recall 36% · belief 45%" on a line of its own, under the message */
                int lx = x;
                if (wk->msg_accepted[k]) {
                    scr_lay_box(L, row, K_CHECK, (SDL_Rect){x, y + (c->ls - ck) / 2, ck, ck}, k);
                    lx += ck + c->tiny;
                }
                int lbx = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = lx, .y = y, .w = x + w - lx,
                        .s = wk->msg[k], .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = cap ? 1 : 2,
                        .tag = k});
                int yy = maxi(bottom(L, lbx), y + c->ls);
                int sb = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = lx, .y = yy, .w = x + w - lx,
                        .s = wk->msg_status[k], .px = c->small, .bold = true, .role = R_SMALL, .align = A_RIGHT,
                        .lines = 1, .tag = k});
                yy = maxi(bottom(L, sb), yy);
                set_h(L, row, yy);
                y = yy + c->tiny;
                continue;
            }
            int stw = mini(stw0, w / 2);
            int sx = x + w - stw;
            scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = sx, .y = y, .w = stw, .s = wk->msg_status[k],
                    .px = c->small, .bold = true, .role = R_SMALL, .align = A_RIGHT, .lines = 1, .tag = k});
            int lx = x;
            if (wk->msg_accepted[k]) {
                scr_lay_box(L, row, K_CHECK, (SDL_Rect){x, y + (c->ls - ck) / 2, ck, ck}, k);
                lx += ck + c->tiny;
            }
            int lbx = scr_lay_text(L, me, (ScrTextSpec){.cont = row, .x = lx, .y = y, .w = sx - c->gap - lx,
                    .s = wk->msg[k], .px = c->small, .role = R_SMALL, .align = A_LEFT, .lines = cap ? 1 : 2, .tag = k});
            int yy = maxi(bottom(L, lbx), y + c->ls);
            set_h(L, row, yy);
            y = yy + c->tiny;
        }
        set_h(L, ms, y - c->tiny);
    }
    return y;
}

/* A phone's table: its parts (the vendors, trust and risk, the chance, the
 * last week, the key messages) in one column, over pages of whole parts
 * when they do not fit (c->paged), with a pager line at the bottom. */
typedef int (*UnitFn)(Col *c, int panel, int x, int w, int y);

static int build_right_portrait(Col *c, int panel)
{
    static const UnitFn units[] = {lay_table, lay_meters, lay_chance_row, lay_result, lay_messages};
    enum { NU = (int)(sizeof units / sizeof units[0]) };
    ScrLayout *L = c->L;
    const ScrWeek *wk = c->wk;
    SDL_Rect P = L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, top = P.y + c->pad;
    L->table_pages = 1;
    L->table_page = 0;
    L->pager = -1;
    int y = top;
    if (!c->paged) {
        for (int u = 0; u < NU; u++)
            y = units[u](c, panel, x, w, y);
        return y;
    }
    int cp = maxi(2, c->pad * 80 / 100);
    int plines = pager_lines(c, wk->page_fmt, w - 2 * cp);
    int pager_h = plines * c->ls + 2 * c->tiny;
    int limit = c->avail - pager_h;
    int nc = L->ncont, nb = L->nbox;
    int page_of[NU], page = 0;
    for (int u = 0; u < NU; u++) {
        int y2 = units[u](c, panel, x, w, y);
        if (y2 > y && y2 > limit && y > top) {
            page++;
            L->ncont = nc;
            L->nbox = nb;
            y = top;
            y2 = units[u](c, panel, x, w, y);
        }
        page_of[u] = page;
        L->ncont = nc;
        L->nbox = nb;
        y = y2;
    }
    int want = c->in->table_page < 0 ? 0 : c->in->table_page > page ? page : c->in->table_page;
    for (int v = 0; v <= BS_MAX_VENDORS; v++) /* the bars: on the table's page only */
        L->row_track[v] = -1;
    y = top;
    for (int u = 0; u < NU; u++)
        if (page_of[u] == want)
            y = units[u](c, panel, x, w, y);
    L->table_pages = page + 1;
    L->table_page = want;
    if (page > 0) { /* "Page 1 of 2 · tap or swipe up: more" */
        char pg[16], pgs[16], head[160];
        snprintf(pg, sizeof pg, "%d", want + 1);
        snprintf(pgs, sizeof pgs, "%d", page + 1);
        const char *kv[] = {"page", pg, "pages", pgs, NULL};
        app_fill(head, sizeof head, wk->page_fmt, kv);
        snprintf(L->pager_text, sizeof L->pager_text, "%s \xC2\xB7 %s", head, want < page ? wk->touch_more : wk->touch_back);
        plines = maxi(1, mini(plines, scr_measure_lines(c->me, L->pager_text, c->small, true, w - 2 * cp, NULL)));
        pager_h = plines * c->ls + 2 * c->tiny;
        int py = maxi(y, c->avail - pager_h);
        int pg_c = scr_lay_cont(L, panel, K_PAGER, (SDL_Rect){x, py, w, pager_h}, want);
        int pb = scr_lay_text(L, c->me, (ScrTextSpec){.cont = pg_c, .x = x + cp, .y = py + c->tiny, .w = w - 2 * cp,
                .s = L->pager_text, .px = c->small, .bold = true, .role = R_LABEL, .align = A_LEFT, .lines = plines});
        scr_lay_must(L, pb, SCR_WHOLE);
        L->pager = pg_c;
        y = py + pager_h;
    }
    return y;
}

static int build_right(Col *c, int panel)
{
    if (c->portrait)
        return build_right_portrait(c, panel);
    SDL_Rect P = c->L->cont[panel].r;
    int x = P.x + c->pad, w = P.w - 2 * c->pad, y = P.y + c->pad;
    y = lay_table(c, panel, x, w, y);
    y = lay_meters(c, panel, x, w, y);
    y = lay_chance_row(c, panel, x, w, y);
    y = lay_result(c, panel, x, w, y);
    return lay_messages(c, panel, x, w, y);
}

/*============================================================================
 * Fitting
 *==========================================================================*/
typedef int (*BuildFn)(Col *c, int panel);

/* Lays out one column into `panel`, shrinking type and then capping lines
 * until it fits. Returns the body px used. */
/* Font sizes come from a ladder (5% steps down from the base size), so a
 * game uses few sizes and their fonts and rendered lines stay cached. */
static int ladder(int base, int k) { return (int)(base * pow(0.95, k) + 0.5); }

/* A phone's column over pages at type size px (cap, cap2: line caps;
 * bare, bare2: what may go, gone): the number of pages when every one of
 * them fits in the panel (whichever page `in` asks for), else 0. */
static int pages_fit(ScrLayout *L, const ScrMeasure *me, const ScrWeek *wk, const ScrLayoutIn *in, int panel,
                     BuildFn build, int avail, int px, int cap, int cap2, bool bare, bool bare2)
{
    int nc = L->ncont, nb = L->nbox;
    ScrLayoutIn pin = *in;
    pin.focus = 0;
    int pages = 1;
    for (int p = 0; p < pages && p < 64; p++) {
        pin.choice_page = pin.table_page = p;
        L->ncont = nc;
        L->nbox = nb;
        Col c;
        col_init(&c, L, me, wk, &pin, px, cap);
        c.cap2 = cap2;
        c.bare = bare;
        c.bare2 = bare2;
        c.paged = true;
        c.drop = false;
        c.avail = avail - c.pad;
        int end = build(&c, panel) + (bare ? c.pad / 2 : c.pad);
        if (p == 0)
            pages = L->choice_pages * L->table_pages;
        if (end > avail) {
            pages = 0;
            break;
        }
    }
    L->ncont = nc;
    L->nbox = nb;
    return pages;
}

static int fit_column(ScrLayout *L, const ScrMeasure *me, const ScrWeek *wk, const ScrLayoutIn *in, int panel,
                      BuildFn build, int lo, int hint, int *cap_out, double *scale_out)
{
    int nc = L->ncont, nb = L->nbox;
    int base = scr_base_body_px(in->w, in->h, in->projector);
    if (lo > base)
        lo = base;
    SDL_Rect P = L->cont[panel].r;
    int avail = P.y + P.h;
    Col c;
    int kmax = 0;
    while (ladder(base, kmax + 1) >= lo && kmax < 60)
        kmax++;
    /* start from last time's size; one step bigger if that fits too */
    int kk = 0;
    if (hint > 0)
        while (kk < kmax && ladder(base, kk) > hint)
            kk++;
    int best = -1;
    bool grown = false;
    for (int it = 0; it < 12 && kk <= kmax; it++) {
        L->ncont = nc;
        L->nbox = nb;
        col_init(&c, L, me, wk, in, ladder(base, kk), 0);
        c.avail = avail - c.pad;
        int end = build(&c, panel) + c.pad;
        if (end <= avail) {
            best = kk;
            /* plenty of room left: one size up (once), if it fits */
            if (kk > 0 && !grown && best == kk && avail - end > (avail - P.y) / 7) {
                grown = true;
                kk--;
                continue;
            }
            break;
        }
        if (grown) { /* the bigger size did not fit: the one before did */
            kk = best;
            L->ncont = nc;
            L->nbox = nb;
            col_init(&c, L, me, wk, in, ladder(base, kk), 0);
            build(&c, panel);
            break;
        }
        double need = end - P.y, have = avail - P.y;
        double ratio = have / need;
        /* text height goes about with the square of the type size */
        int steps = ratio > 0.2 ? (int)ceil(log(sqrt(ratio)) / log(0.95)) : 8;
        kk += steps < 1 ? 1 : steps > 6 ? 6 : steps;
    }
    if (best >= 0) {
        *cap_out = 0;
        *scale_out = (double)ladder(base, best) / base;
        return ladder(base, best);
    }
    if (scr_portrait(in->w, in->h)) {
        /* a phone: over pages, as few as any size takes, at the largest
         * type that takes that few; then without the short feedback under
         * her words; then fewer lines. A step is taken only when every
         * page of it fits, so that the pages are the same whichever is shown */
        int pick = -1, fewest = 1 << 20;
        for (int k = 0; k <= kmax; k++) {
            int pages = pages_fit(L, me, wk, in, panel, build, avail, ladder(base, k), 0, 0, false, false);
            if (pages > 0 && pages < fewest) {
                fewest = pages;
                pick = k;
            }
        }
        static const int pcap[][2] = {{0, 0}, {0, 0}, {6, 5}, {5, 4}, {4, 3}, {3, 2}, {2, 1}, {1, 1}};
        int px = pick >= 0 ? ladder(base, pick) : lo;
        for (int k = pick >= 0 ? -1 : 0; k < (int)(sizeof pcap / sizeof pcap[0]); k++) {
            bool bare = k >= 0, bare2 = k >= 1;
            if (k >= 0 && !pages_fit(L, me, wk, in, panel, build, avail, lo, pcap[k][0], pcap[k][1], bare, bare2))
                continue;
            L->ncont = nc;
            L->nbox = nb;
            col_init(&c, L, me, wk, in, k >= 0 ? lo : px, k >= 0 ? pcap[k][0] : 0);
            c.cap2 = k >= 0 ? pcap[k][1] : 0;
            c.bare = bare;
            c.bare2 = bare2;
            c.paged = true;
            c.drop = false;
            c.avail = avail - c.pad;
            build(&c, panel);
            *cap_out = k >= 0 && pcap[k][0] ? pcap[k][0] : k >= 0 ? 99 : 0;
            *scale_out = (double)(k >= 0 ? lo : px) / base;
            return k >= 0 ? lo : px;
        }
    }
    /* at the smallest type: leave out what may go; then the choices over
     * pages (the buyer's side) and the bars beside the names (the table);
     * then the least important lines (bare); only then fewer lines for long
     * texts, a cut that scr_layout_check reports */
    typedef struct {
        int cap, cap2;
        bool compact, bare, bare2;
    } Step;
    static const Step steps[] = {{0, 0, false, false, false}, {0, 0, true, false, false}, {0, 0, true, true, false},
                 {0, 0, true, true, true},    {6, 5, true, true, true},    {5, 4, true, true, true},
                 {4, 3, true, true, true},    {3, 2, true, true, true},    {2, 1, true, true, true},
                 {1, 1, true, true, true}};
    /* a phone: pages first (of choices, of the table's parts), nothing left
     * out; then the short feedback under her words goes (the table has it) */
    static const Step psteps[] = {{0, 0, true, false, false}, {0, 0, true, true, false}, {0, 0, true, true, true},
                 {6, 5, true, true, true},    {5, 4, true, true, true},    {4, 3, true, true, true},
                 {3, 2, true, true, true},    {2, 1, true, true, true},    {1, 1, true, true, true}};
    bool portrait = scr_portrait(in->w, in->h);
    const Step *st = portrait ? psteps : steps;
    int ncaps = portrait ? (int)(sizeof psteps / sizeof psteps[0]) : (int)(sizeof steps / sizeof steps[0]);
    for (int k = 0; k < ncaps; k++) {
        L->ncont = nc;
        L->nbox = nb;
        col_init(&c, L, me, wk, in, lo, st[k].cap);
        c.cap2 = st[k].cap2;
        c.bare = st[k].bare;
        c.bare2 = st[k].bare2;
        c.compact = c.paged = st[k].compact;
        c.drop = true;
        if (portrait) { /* the table's names keep their own line; nothing dropped but by bare */
            c.compact = false;
            c.drop = false;
        }
        c.avail = avail - c.pad;
        int end = build(&c, panel) + (c.bare ? c.pad / 2 : c.pad); /* at the tightest, half the padding below */
        if (end <= avail || k == ncaps - 1) {
            *cap_out = st[k].cap ? st[k].cap : 99;
            *scale_out = (double)lo / base;
            if (end > avail) {
                /* still too tall (a tiny window): drop what falls outside */
                L->overflow = true;
                int keep = nb;
                for (int i = nb; i < L->nbox; i++) {
                    SDL_Rect r = L->box[i].r;
                    if (r.y + r.h <= avail - c.pad / 2)
                        L->box[keep++] = L->box[i];
                }
                L->nbox = keep;
                for (int i = nc; i < L->ncont; i++) {
                    SDL_Rect *r = &L->cont[i].r;
                    if (r->y + r->h > avail) {
                        r->h = avail - r->y;
                        if (r->h < 0) {
                            r->h = 0;
                            r->y = avail;
                        }
                    }
                }
            }
            return lo;
        }
    }
    return lo;
}

void scr_layout_begin(ScrLayout *L, int w, int h, bool projector)
{
    memset(L, 0, sizeof *L);
    L->w = w;
    L->h = h;
    L->projector = projector;
    L->portrait = scr_portrait(w, h);
    L->next_button = -1;
    L->pager = -1;
    L->choice_pages = 1;
    L->table_pages = 1;
    L->tab[0] = L->tab[1] = -1;
    for (int i = 0; i < BS_MAX_CHOICES; i++)
        L->choice[i] = -1;
    for (int i = 0; i <= BS_MAX_VENDORS; i++)
        L->row_track[i] = -1;
    scr_lay_cont(L, -1, K_SCREEN, (SDL_Rect){0, 0, w, h}, 0);
}

/* A phone (or a window of that shape): the top bar, two tabs (the buyer
 * and the choices; the buyer's table), and the view asked for in one
 * column below them, over pages when it does not fit. A projector's mode
 * keeps its colours; the sizes are a phone's. */
static void layout_portrait(ScrLayout *L, const ScrLayoutIn *in0, const ScrWeek *wk, const ScrMeasure *me)
{
    ScrLayoutIn in = *in0;
    in.projector = false;
    scr_layout_begin(L, in.w, in.h, in0->projector);
    L->portrait = true;
    L->view = in.view == 1 ? 1 : 0;
    int body = scr_base_body_px(in.w, in.h, false);
    L->min_body_px = L->floor_px = scr_min_body_px(in.w, in.h, false);
    int margin = scr_lay_margin(in.w, in.h), gap = scr_lay_gap(in.w, in.h);
    int y = scr_lay_topbar(L, me, &in, wk, body, margin) + gap;
    int tpx = body * 88 / 100;
    int tlh = me->line_h(me->ud, tpx, true);
    int tp = maxi(3, tpx * 45 / 100);
    int W = in.w - 2 * margin;
    int tw = (W - gap) / 2;
    for (int i = 0; i < 2; i++) {
        SDL_Rect r = {margin + i * (tw + gap), y, i ? W - gap - tw : tw, tlh + 2 * tp};
        int t = scr_lay_cont(L, 0, K_TAB, r, i);
        L->tab[i] = t;
        int b = scr_lay_text(L, me, (ScrTextSpec){.cont = t, .x = r.x + tp, .y = r.y + tp, .w = r.w - 2 * tp,
                .s = wk->tab[i], .px = tpx, .bold = true, .role = R_LABEL, .align = A_CENTER, .lines = 1, .tag = i});
        scr_lay_must(L, b, SCR_WHOLE);
    }
    y += tlh + 2 * tp + gap;
    int panel = scr_lay_cont(L, 0, L->view ? K_PANEL_RIGHT : K_PANEL_LEFT,
                             (SDL_Rect){margin, y, W, in.h - y - margin}, 0);
    int lo = L->min_body_px;
    if (L->view)
        L->body_px_right = fit_column(L, me, wk, &in, panel, build_right, lo, in.hint_right, &L->clip_lines_right,
                                      &L->scale_right);
    else
        L->body_px_left = fit_column(L, me, wk, &in, panel, build_left, lo, in.hint_left, &L->clip_lines_left,
                                     &L->scale_left);
}

void scr_layout_game(ScrLayout *L, const ScrLayoutIn *in, const ScrWeek *wk, const ScrMeasure *me)
{
    if (scr_portrait(in->w, in->h)) {
        layout_portrait(L, in, wk, me);
        return;
    }
    scr_layout_begin(L, in->w, in->h, in->projector);
    int body = scr_base_body_px(in->w, in->h, in->projector);
    L->min_body_px = scr_min_body_px(in->w, in->h, in->projector);
    L->floor_px = L->min_body_px;
    int margin = scr_lay_margin(in->w, in->h);
    int gap = scr_lay_gap(in->w, in->h);
    int top = scr_lay_topbar(L, me, in, wk, body, margin) + gap;
    int cw = in->w - 2 * margin - gap;
    int ph = in->h - top - margin;
    /* The buyer's words and the choices never go below the floor (projector:
     * 1/32 of the height); the table's labels may go to 1/36 there. */
    int lo = scr_min_body_px(in->w, in->h, in->projector);
    int lo_right = in->projector ? (in->h + 35) / 36 : lo;
    /* the buyer's side takes a little over half the width; when the table
     * cannot show the feedback on the last move whole, it takes more (the
     * buyer's side has clicker pages for its choices) */
    static const int splits[] = {555, 540, 500, 460};
    int nc = L->ncont, nb = L->nbox;
    for (int i = in->projector ? 1 : 0; i < (int)(sizeof splits / sizeof splits[0]); i++) {
        L->ncont = nc;
        L->nbox = nb;
        int lw = cw * splits[i] / 1000;
        int left = scr_lay_cont(L, 0, K_PANEL_LEFT, (SDL_Rect){margin, top, lw, ph}, 0);
        int right = scr_lay_cont(L, 0, K_PANEL_RIGHT, (SDL_Rect){margin + lw + gap, top, cw - lw, ph}, 0);
        int rb = L->nbox;
        L->body_px_right = fit_column(L, me, wk, in, right, build_right, lo_right, in->hint_right,
                                      &L->clip_lines_right, &L->scale_right);
        bool whole = true;
        for (int b = rb; b < L->nbox; b++)
            whole &= !(L->box[b].must && L->box[b].cut);
        if (!whole && i + 1 < (int)(sizeof splits / sizeof splits[0]))
            continue;
        L->body_px_left = fit_column(L, me, wk, in, left, build_left, lo, in->hint_left, &L->clip_lines_left,
                                     &L->scale_left);
        break;
    }
}

/*============================================================================
 * Checks
 *==========================================================================*/
bool scr_rect_inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w && in.y + in.h <= out.y + out.h;
}

bool scr_rect_overlap(SDL_Rect a, SDL_Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h && a.w > 0 && a.h > 0 &&
           b.w > 0 && b.h > 0;
}

int scr_layout_check(const ScrLayout *L, char *msg, size_t cap)
{
    int bad = 0;
    if (cap)
        msg[0] = '\0';
#define PROBLEM(...)                                  \
    do {                                              \
        if (!bad++ && cap)                            \
            snprintf(msg, cap, __VA_ARGS__);          \
    } while (0)
    SDL_Rect screen = {0, 0, L->w, L->h};
    if (L->overflow)
        PROBLEM("some text did not fit and was left out");
    for (int i = 0; i < L->ncont; i++) {
        const ScrCont *c = &L->cont[i];
        SDL_Rect par = c->parent >= 0 ? L->cont[c->parent].r : screen;
        if (!scr_rect_inside(c->r, par))
            PROBLEM("container %d (kind %d) {%d,%d,%d,%d} outside its parent %d {%d,%d,%d,%d}", i, c->kind, c->r.x,
                    c->r.y, c->r.w, c->r.h, c->parent, par.x, par.y, par.w, par.h);
        for (int j = i + 1; j < L->ncont; j++)
            if (L->cont[j].parent == c->parent && scr_rect_overlap(c->r, L->cont[j].r))
                PROBLEM("containers %d and %d (kinds %d, %d) overlap", i, j, c->kind, L->cont[j].kind);
    }
    for (int i = 0; i < L->nbox; i++) {
        const ScrBox *b = &L->box[i];
        if (b->cont < 0 || b->cont >= L->ncont) {
            PROBLEM("box %d has no container", i);
            continue;
        }
        if (b->must && b->cut)
            PROBLEM("text cut: box %d (\"%.60s\") needs more lines than its %d", i, b->s ? b->s : "",
                    b->line_h > 0 ? b->r.h / b->line_h : 0);
        if (b->must == SCR_WHOLE_FLOOR && L->floor_px > 0 && b->px > 0 && b->px < L->floor_px)
            PROBLEM("text under the floor: box %d (\"%.40s\") is %d px, the floor %d px", i, b->s ? b->s : "", b->px,
                    L->floor_px);
        if (!scr_rect_inside(b->r, L->cont[b->cont].r))
            PROBLEM("box %d (kind %d, \"%.40s\") {%d,%d,%d,%d} outside container %d (kind %d) {%d,%d,%d,%d}", i,
                    b->kind, b->s ? b->s : "", b->r.x, b->r.y, b->r.w, b->r.h, b->cont, L->cont[b->cont].kind,
                    L->cont[b->cont].r.x, L->cont[b->cont].r.y, L->cont[b->cont].r.w, L->cont[b->cont].r.h);
        for (int j = i + 1; j < L->nbox; j++)
            if (scr_rect_overlap(b->r, L->box[j].r))
                PROBLEM("boxes %d (\"%.30s\") and %d (\"%.30s\") overlap", i, b->s ? b->s : "", j,
                        L->box[j].s ? L->box[j].s : "");
        /* a leaf may not overlap a container it is not inside (a sibling's) */
        for (int j = 0; j < L->ncont; j++) {
            int k = b->cont;
            bool ancestor = false;
            while (k >= 0) {
                if (k == j) {
                    ancestor = true;
                    break;
                }
                k = L->cont[k].parent;
            }
            if (!ancestor && L->cont[j].kind != K_SCREEN && scr_rect_overlap(b->r, L->cont[j].r)) {
                /* containers nested in the box's own container are fine only if
                 * they do not overlap the box: report */
                PROBLEM("box %d (\"%.30s\") overlaps container %d (kind %d)", i, b->s ? b->s : "", j,
                        L->cont[j].kind);
            }
        }
    }
#undef PROBLEM
    return bad;
}
