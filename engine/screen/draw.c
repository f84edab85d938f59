/* Drawing the game screen from its layout: panels, the buyer's bubbles,
 * the choices with their previews, the buyer's table with animated bars and
 * meters, and the overlays (help, hidden state, pause, black screen, toast,
 * pass the seat). Text goes through BsText's caches: nothing is rendered
 * or allocated per frame once a week's texts have been drawn once. */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/*============================================================================
 * Text
 *==========================================================================*/
/* Lines are set closer than the font's own line skip (Noto Sans CJK: 1.45
 * em, mostly empty space above the glyphs): 1.28 em keeps CJK and Latin
 * ascenders and descenders apart and saves an eighth of the height. */
int scr_line_step(const BsFont *f)
{
    int lh = bs_text_line_height(f), px = bs_text_font_px(f);
    int step = (px * 128 + 50) / 100;
    return step < lh ? step : lh;
}

static int m_measure(void *ud, const char *s, size_t len, int px, bool bold, int max_w, int *w)
{
    BsText *t = ud;
    BsFont *f = bs_text_font(t, px, bold);
    if (!f) {
        if (w)
            *w = 0;
        return 0;
    }
    int h = bs_text_measure(t, f, s, len, max_w, w);
    int lh = bs_text_line_height(f);
    return h <= 0 || lh <= 0 ? 0 : (h / lh) * scr_line_step(f);
}

static int m_line_h(void *ud, int px, bool bold)
{
    BsFont *f = bs_text_font(ud, px, bold);
    return f ? scr_line_step(f) : px;
}

ScrMeasure scr_measure_for(BsText *t)
{
    ScrMeasure m = {t, m_measure, m_line_h};
    return m;
}

static bool has_cjk(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i + 2 < n + 1 && i < n; i++) {
        if (u[i] >= 0xE3 && u[i] <= 0xE9 && i + 2 < n) /* U+3000..U+9FFF */
            return true;
    }
    return false;
}

static void log_line(ScrDraw *d, SDL_Rect r, int box, const char *s, size_t n)
{
    if (!d->log || d->nlog >= d->log_cap)
        return;
    d->log[d->nlog].r = r;
    d->log[d->nlog].box = box;
    d->log[d->nlog].cjk = has_cjk(s, n);
    d->nlog++;
}

/* A line's texture (bs_text_get). In a dry run, a line not rendered yet is
 * rendered only while there is time left, else counted as left for later. */
static SDL_Texture *line_tex(ScrDraw *d, BsFont *f, const char *s, size_t n, SDL_Color c, int *w, int *h)
{
    if (d->dry && scr_seconds() > d->dry_until && !bs_text_cached(d->text, f, s, n, c)) {
        d->dry_left++;
        return NULL;
    }
    return bs_text_get(d->text, f, s, n, c, w, h);
}

/* Copies a line texture into rect `clip` at (x, y), cut to the clip. */
static void blit(ScrDraw *d, SDL_Texture *tex, int tw, int th, int x, int y, SDL_Rect clip, SDL_Color c, int box,
                 const char *s, size_t n)
{
    SDL_Rect dst = {x, y, tw, th};
    SDL_Rect src = {0, 0, tw, th};
    if (dst.x < clip.x) {
        src.x += clip.x - dst.x;
        src.w -= clip.x - dst.x;
        dst.w -= clip.x - dst.x;
        dst.x = clip.x;
    }
    if (dst.y < clip.y) {
        src.y += clip.y - dst.y;
        src.h -= clip.y - dst.y;
        dst.h -= clip.y - dst.y;
        dst.y = clip.y;
    }
    if (dst.x + dst.w > clip.x + clip.w) {
        int cut = dst.x + dst.w - (clip.x + clip.w);
        dst.w -= cut;
        src.w -= cut;
    }
    if (dst.y + dst.h > clip.y + clip.h) {
        int cut = dst.y + dst.h - (clip.y + clip.h);
        dst.h -= cut;
        src.h -= cut;
    }
    if (dst.w <= 0 || dst.h <= 0 || d->dry)
        return;
    /* changing a texture's alpha makes the software renderer rebuild its
     * blitter: only when it must */
    if (c.a != 255)
        SDL_SetTextureAlphaMod(tex, c.a);
    SDL_RenderCopy(d->ren, tex, &src, &dst);
    if (c.a != 255)
        SDL_SetTextureAlphaMod(tex, 255);
    log_line(d, dst, box, s, n);
}

static size_t utf8_back(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    n--;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

int scr_draw_box_text(ScrDraw *d, const ScrLayout *L, int box, const char *s, size_t len, SDL_Color c)
{
    const ScrBox *b = &L->box[box];
    if (!s || !len || b->r.w <= 0 || b->r.h <= 0)
        return 0;
    BsFont *f = bs_text_font(d->text, b->px, b->bold);
    if (!f)
        return 0;
    size_t n = 0;
    const BsTextLine *lines = bs_text_wrap(d->text, f, s, len, b->r.w, &n);
    if (!lines)
        return 0;
    int lh = bs_text_line_height(f), step = scr_line_step(f);
    int fit = step > 0 ? b->r.h / step : 0;
    if ((size_t)fit > n)
        fit = (int)n;
    /* copy what we need: the wrap result lives until the next measure */
    enum { MAXL = 64 };
    BsTextLine ln[MAXL];
    if (fit > MAXL)
        fit = MAXL;
    memcpy(ln, lines, sizeof ln[0] * (size_t)fit);
    bool cut = (size_t)fit < n;
    SDL_Color opaque = {c.r, c.g, c.b, 255};
    for (int i = 0; i < fit; i++) {
        const char *ls = s + ln[i].off;
        size_t ll = ln[i].len;
        char buf[1024];
        if (cut && i == fit - 1 && ll + 4 < sizeof buf) {
            /* the text goes on: end the last line that fits with an ellipsis,
             * at a place the line may break (never inside a word: "ERP" in a
             * Chinese title stays whole); by characters only when no break
             * leaves room */
            size_t k = ll;
            int ew = 0;
            bs_text_measure(d->text, f, "\xE2\x80\xA6", 3, 0, &ew);
            size_t n2 = 0;
            const BsTextLine *l2 = ew < b->r.w ? bs_text_wrap(d->text, f, ls, ll, b->r.w - ew, &n2) : NULL;
            if (l2 && n2 > 1 && l2[0].len > 0)
                k = l2[0].off + l2[0].len;
            for (;;) {
                memcpy(buf, ls, k);
                memcpy(buf + k, "\xE2\x80\xA6", 4);
                int w = 0;
                bs_text_measure(d->text, f, buf, k + 3, 0, &w);
                if (w <= b->r.w || k == 0)
                    break;
                k = utf8_back(ls, k);
            }
            ls = buf;
            ll = k + 3;
        }
        int w, h;
        SDL_Texture *tex = line_tex(d, f, ls, ll, opaque, &w, &h);
        if (!tex)
            continue;
        int x = b->r.x;
        if (b->align == A_CENTER)
            x += (b->r.w - w) / 2;
        else if (b->align == A_RIGHT)
            x += b->r.w - w;
        if (x < b->r.x)
            x = b->r.x;
        SDL_Rect lr = {b->r.x, b->r.y + i * step, b->r.w, step};
        blit(d, tex, w, h, x, lr.y + (step - lh) / 2, lr, c, box, ls, ll);
    }
    return fit;
}

/* Numbers change every frame while they animate: draw them from one cached
 * texture per character instead of rendering each new value. */
static bool is_number(const char *s, size_t n)
{
    if (n == 0 || n > 16)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || ch == '%' || ch == '+' || ch == '.' || ch == '-')
            continue;
        if (ch == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x88 && (unsigned char)s[i + 2] == 0x92) {
            i += 2; /* U+2212 minus sign */
            continue;
        }
        return false;
    }
    return true;
}

static void draw_number(ScrDraw *d, BsFont *f, const char *s, size_t n, SDL_Rect r, int align, SDL_Color c, int box)
{
    SDL_Texture *tex[16];
    int tw[16], th[16], k = 0, total = 0;
    SDL_Color opaque = {c.r, c.g, c.b, 255};
    for (int i = 0; d->dry && i < 10; i++) /* ready for any value an animation passes */
        line_tex(d, f, &"0123456789"[i], 1, opaque, NULL, NULL);
    for (size_t i = 0; i < n && k < 16; k++) {
        size_t len = (unsigned char)s[i] == 0xE2 ? 3 : 1;
        tex[k] = line_tex(d, f, s + i, len, opaque, &tw[k], &th[k]);
        total += tex[k] ? tw[k] : 0;
        i += len;
    }
    int x = r.x;
    if (align == A_CENTER)
        x += (r.w - total) / 2;
    else if (align == A_RIGHT)
        x += r.w - total;
    if (x < r.x)
        x = r.x;
    int lh = bs_text_line_height(f);
    for (int i = 0; i < k; i++) {
        if (!tex[i])
            continue;
        blit(d, tex[i], tw[i], th[i], x, r.y + (r.h - lh) / 2, r, c, box, "0", 1);
        x += tw[i];
    }
}

void scr_draw_line(ScrDraw *d, const char *s, int px, bool bold, SDL_Rect r, int align, SDL_Color c, int box)
{
    if (!s || !*s || r.w <= 0 || r.h <= 0)
        return;
    BsFont *f = bs_text_font(d->text, px, bold);
    if (!f)
        return;
    size_t n = strlen(s);
    if (is_number(s, n)) {
        draw_number(d, f, s, n, r, align, c, box);
        return;
    }
    int w, h;
    SDL_Color opaque = {c.r, c.g, c.b, 255};
    SDL_Texture *tex = line_tex(d, f, s, n, opaque, &w, &h);
    if (!tex)
        return;
    int x = r.x;
    if (align == A_CENTER)
        x += (r.w - w) / 2;
    else if (align == A_RIGHT)
        x += r.w - w;
    if (x < r.x)
        x = r.x;
    int lh = bs_text_line_height(f);
    blit(d, tex, w, h, x, r.y + (r.h - lh) / 2, r, c, box, s, n);
}

/*============================================================================
 * Pieces
 *==========================================================================*/
static SDL_Color role_color(const ScrTheme *th, int role)
{
    switch (role) {
    case R_MUTED: return th->muted;
    case R_LABEL: return th->muted;
    case R_THINK: return th->think_text;
    case R_NEWS: return th->news_text;
    default: return th->text;
    }
}

static int radius_for(const ScrLayout *L)
{
    int body = L->body_px_left > 0 ? L->body_px_left : L->body_px_right; /* a phone's table: the right only */
    return body > 0 ? body / 3 : 6;
}

/* Share of the bar track a share fills: bars are proportional to mindshare,
 * with the track standing for `scale` (at least 50%). */
int scr_bar_len(int track_w, double share, double scale)
{
    if (share < 0)
        share = 0;
    if (scale <= 0)
        scale = 1;
    double v = track_w * share / scale;
    if (v > track_w)
        v = track_w;
    return (int)(v + 0.5);
}

double scr_bar_scale(const ScrApp *a)
{
    const ScrAnim *an = &a->m->anim;
    double mx = 0.5;
    for (int i = 0; i < a->m->wk.nrows; i++) {
        int k = i == a->m->wk.nrows - 1 ? BS_MAX_VENDORS : i;
        if ((double)an->share[k].from > mx) mx = (double)an->share[k].from;
        if ((double)an->share[k].to > mx) mx = (double)an->share[k].to;
    }
    return ceil(mx * 10.0 - 1e-9) / 10.0;
}

static int row_slot(const ScrWeek *wk, int row) { return row == wk->nrows - 1 ? BS_MAX_VENDORS : row; }

static SDL_Color row_color(const ScrTheme *th, const ScrWeek *wk, int row)
{
    return th->vendor[row_slot(wk, row)];
}

static void draw_gauge(ScrApp *a, SDL_Rect r, float risk, int box)
{
    const ScrTheme *th = &a->th;
    float cx = (float)r.x + (float)r.w * 0.5f;
    float R = (float)r.w * 0.5f;
    if (R > (float)r.h - 2.0f)
        R = (float)r.h - 2.0f;
    float cy = (float)r.y + R + 1.0f;
    float r0 = R * 0.70f;
    SDL_Color z[3] = {th->good, th->warn, th->bad};
    float lim[4] = {0, 35, 65, 100};
    float v = risk < 0 ? 0 : risk > 100 ? 100 : risk;
    for (int i = 0; i < 3; i++) {
        float a0 = (float)M_PI * (1.0f - lim[i] / 100.0f), a1 = (float)M_PI * (1.0f - lim[i + 1] / 100.0f);
        gfx_arc(a->ren, cx, cy, r0, R, a1, a0, gfx_mix(z[i], th->card, 0.62f));
        /* the part up to the value in full colour */
        if (v > lim[i]) {
            float hi = v < lim[i + 1] ? v : lim[i + 1];
            gfx_arc(a->ren, cx, cy, r0, R, (float)M_PI * (1.0f - hi / 100.0f), a0, z[i]);
        }
    }
    /* a pointer across the ring at the value */
    float ang = (float)M_PI * (1.0f - v / 100.0f);
    float lw = R * 0.07f < 2 ? 2 : R * 0.07f;
    float c0 = cosf(ang), s0 = sinf(ang);
    gfx_line(a->ren, cx + (r0 - lw * 1.5f) * c0, cy - (r0 - lw * 1.5f) * s0, cx + (R + 0.5f) * c0,
             cy - (R + 0.5f) * s0, lw, th->text);
    gfx_flush(a->ren);
    /* the number inside the arc */
    char num[16];
    snprintf(num, sizeof num, "%.0f", (double)v);
    SDL_Rect nr = {(int)(cx - r0 * 0.85f), (int)(cy - r0 * 0.80f), (int)(r0 * 1.7f), (int)(r0 * 0.80f)};
    if (nr.y + nr.h > r.y + r.h)
        nr.h = r.y + r.h - nr.y;
    int px = nr.h * 64 / 100; /* a line of it is about 1.45 em tall */
    scr_draw_line(&a->draw, num, px < 6 ? 6 : px, true, nr, A_CENTER, th->text, box);
}

/* The preview strip: which meters the choice under the pointer moves. */
static void draw_preview(ScrApp *a, const ScrBox *b, int box)
{
    const ScrWeek *wk = &a->m->wk;
    const ScrTheme *th = &a->th;
    int k = a->hover >= 0 ? a->hover : a->sel;
    if (k < 0 || k >= wk->nchoices) {
        scr_draw_line(&a->draw, wk->preview_hint, b->px, false, b->r, A_LEFT, th->muted, box);
        return;
    }
    BsFont *f = bs_text_font(a->text, b->px, true);
    if (!f)
        return;
    int lw = 0;
    bs_text_measure(a->text, f, wk->preview_label, strlen(wk->preview_label), 0, &lw);
    int x = b->r.x;
    SDL_Rect r = b->r;
    r.w = lw < b->r.w ? lw : b->r.w;
    char lbl[160];
    snprintf(lbl, sizeof lbl, "%s", wk->preview_label);
    scr_draw_line(&a->draw, lbl, b->px, true, r, A_LEFT, th->muted, box);
    x += r.w + b->line_h / 2;
    for (int i = 0; i < 3; i++) {
        int dir = wk->choice[k].dir[i];
        int as = b->line_h * 6 / 10;
        SDL_Rect ar = {x, b->r.y + (b->r.h - as) / 2, as, as};
        if (ar.x + ar.w > b->r.x + b->r.w)
            break;
        bool good = i == 2 ? dir < 0 : dir > 0;
        gfx_arrow(a->ren, ar, dir, dir == 0 ? th->muted : good ? th->good : th->bad);
        x += as + b->line_h / 5;
        int tw = 0;
        bs_text_measure(a->text, bs_text_font(a->text, b->px, false), wk->meter_names[i],
                        strlen(wk->meter_names[i]), 0, &tw);
        SDL_Rect tr = {x, b->r.y, tw, b->r.h};
        if (tr.x + tr.w > b->r.x + b->r.w)
            tr.w = b->r.x + b->r.w - tr.x;
        if (tr.w <= 0)
            break;
        scr_draw_line(&a->draw, wk->meter_names[i], b->px, false, tr, A_LEFT, th->text, box);
        x += tw + b->line_h;
    }
}

/* The chance meter's weeks so far: a line across the game's weeks, a dot
 * at every week, the last (now) larger. The scale goes to the next 10%
 * above the highest value (at least 20%), so small chances still move. */
static void draw_spark(ScrApp *a, SDL_Rect r)
{
    const ScrWeek *wk = &a->m->wk;
    const ScrTheme *th = &a->th;
    int n = wk->nchance;
    if (n < 1 || r.w < 8 || r.h < 4)
        return;
    double mx = 0.2;
    for (int i = 0; i < n; i++)
        if ((double)wk->chance_hist[i] > mx)
            mx = (double)wk->chance_hist[i];
    mx = ceil(mx * 10.0 - 1e-9) / 10.0;
    float dot = (float)r.h * 0.09f < 1.5f ? 1.5f : (float)r.h * 0.09f;
    float x0 = (float)r.x + dot, x1 = (float)(r.x + r.w) - dot * 1.6f;
    float y0 = (float)(r.y + r.h) - dot, y1 = (float)r.y + dot * 1.6f;
    int span = wk->weeks > n - 1 ? wk->weeks : n - 1;
    if (span < 1)
        span = 1;
    SDL_Color col = th->vendor[wk->me];
    gfx_line(a->ren, x0, y0, x1, y0, 1.0f, th->border); /* the baseline: no chance */
    float px = 0, py = 0;
    for (int i = 0; i < n; i++) {
        float x = x0 + (x1 - x0) * (float)i / (float)span;
        float y = y0 - (y0 - y1) * (float)((double)wk->chance_hist[i] / mx);
        if (i > 0)
            gfx_line(a->ren, px, py, x, y, dot * 0.7f, col);
        px = x;
        py = y;
    }
    for (int i = 0; i < n; i++) {
        float x = x0 + (x1 - x0) * (float)i / (float)span;
        float y = y0 - (y0 - y1) * (float)((double)wk->chance_hist[i] / mx);
        gfx_circle(a->ren, x, y, i == n - 1 ? dot * 1.5f : dot * 0.8f, col);
    }
    gfx_flush(a->ren);
}

static void draw_dyn(ScrApp *a, const ScrLayout *L, int bi)
{
    const ScrBox *b = &L->box[bi];
    const ScrCont *c = &L->cont[b->cont];
    const ScrTheme *th = &a->th;
    const ScrAnim *an = &a->m->anim;
    const ScrWeek *wk = &a->m->wk;
    char num[32];
    switch (c->kind) {
    case K_ROW: {
        int slot = row_slot(wk, b->tag);
        if (b->sub == 0) {
            float v = scr_anim_value(&an->share[slot], an->t0, a->now);
            snprintf(num, sizeof num, "%.0f%%", 100.0 * (double)v);
            scr_draw_line(&a->draw, num, b->px, b->bold, b->r, b->align, th->text, bi);
        } else if (an->show_delta) {
            float dv = an->delta[slot];
            if (dv > -0.05f && dv < 0.05f)
                break;
            scr_fmt_signed(num, sizeof num, (double)dv, 1);
            SDL_Color col = th->muted;
            if (b->tag == wk->me)
                col = dv > 0 ? th->good : th->bad;
            if (scr_anim_running(an, a->now)) /* one colour while it moves (each colour is a texture) */
                col = th->accent;
            if (a->draw.dry) /* ahead of a move: its animation's colour too */
                scr_draw_line(&a->draw, num, b->px, b->bold, b->r, b->align, th->accent, bi);
            scr_draw_line(&a->draw, num, b->px, b->bold, b->r, b->align, col, bi);
        }
        break;
    }
    case K_TRUST: {
        const ScrEase *e = b->tag == 0 ? &an->trust : b->tag == 1 ? &an->character : &an->competence;
        snprintf(num, sizeof num, "%.0f", (double)scr_anim_value(e, an->t0, a->now));
        scr_draw_line(&a->draw, num, b->px, b->bold, b->r, b->align, th->text, bi);
        break;
    }
    case K_PREVIEW:
        draw_preview(a, b, bi);
        break;
    default:
        break;
    }
}

/*============================================================================
 * The game screen
 *==========================================================================*/
static void draw_container(ScrApp *a, const ScrLayout *L, int ci)
{
    const ScrCont *c = &L->cont[ci];
    const ScrTheme *th = &a->th;
    SDL_Renderer *r = a->ren;
    int rad = radius_for(L);
    int bw = L->projector ? 3 : (L->h >= 1400 ? 3 : L->h >= 900 ? 2 : 1);
    switch (c->kind) {
    case K_TOPBAR:
        gfx_rect(r, c->r, th->panel);
        gfx_rect(r, (SDL_Rect){c->r.x, c->r.y + c->r.h - bw, c->r.w, bw}, th->border);
        break;
    case K_PANEL_LEFT:
    case K_PANEL_RIGHT:
        gfx_round(r, c->r, rad, th->panel);
        break;
    case K_NEWS:
        gfx_round(r, c->r, rad / 2, th->news_bg);
        break;
    case K_SAYS: {
        gfx_round_border(r, c->r, rad, bw, th->says_bg, th->says_border);
        /* the tail: from the bubble's top edge up to the buyer's portrait */
        SDL_Rect pr = {c->r.x, c->r.y, 0, 0};
        for (int i = 0; i < L->nbox; i++)
            if (L->box[i].kind == K_PORTRAIT)
                pr = L->box[i].r;
        bool news = false;
        for (int i = 0; i < L->ncont; i++)
            news |= L->cont[i].kind == K_NEWS;
        if (news && pr.w > 0) { /* the news sits between: a short tail to the left */
            pr.y = c->r.y;
            pr.h = rad * 3;
            pr.x = c->r.x - rad * 3;
            pr.w = rad * 2;
        }
        if (pr.w > 0 && pr.y + pr.h > c->r.y) {
            /* the portrait is beside the bubble: the tail points left */
            float tip_x = (float)(pr.x + pr.w) + (float)bw * 2, tip_y = (float)pr.y + (float)pr.h * 0.5f;
            float bx0 = (float)c->r.x + (float)bw * 0.5f;
            float y0 = (float)c->r.y + (float)rad * 0.9f, y1 = y0 + (float)rad * 1.8f;
            gfx_tri(r, bx0, y0 - (float)bw, bx0, y1 + (float)bw, tip_x - (float)bw, tip_y, th->says_border);
            gfx_tri(r, bx0 + (float)bw * 1.5f, y0 + (float)bw * 0.5f, bx0 + (float)bw * 1.5f, y1 - (float)bw * 0.5f,
                    tip_x + (float)bw * 1.6f, tip_y, th->says_bg);
            gfx_flush(r);
        } else if (pr.w > 0) {
            float tip_x = (float)pr.x + (float)pr.w * 0.62f, tip_y = (float)(pr.y + pr.h) + (float)bw;
            float b0 = (float)c->r.x + (float)rad * 1.2f, b1 = b0 + (float)rad * 2.0f;
            float by = (float)c->r.y + (float)bw * 0.5f;
            gfx_tri(r, b0 - (float)bw, by, b1 + (float)bw, by, tip_x - (float)bw, tip_y - (float)bw, th->says_border);
            gfx_tri(r, b0 + (float)bw, by + (float)bw * 1.5f, b1 - (float)bw * 0.5f, by + (float)bw * 1.5f,
                    tip_x + (float)bw * 0.6f, tip_y + (float)bw * 1.4f, th->says_bg);
            gfx_flush(r);
        }
        break;
    }
    case K_THINKS: {
        gfx_round_border(r, c->r, rad * 2, bw, th->think_bg, th->think_border);
        /* thought-bubble circles trailing up toward the buyer */
        SDL_Rect pr = {c->r.x, c->r.y, 0, 0};
        for (int i = 0; i < L->nbox; i++)
            if (L->box[i].kind == K_PORTRAIT)
                pr = L->box[i].r;
        float ind = (float)(c->r.x - pr.x);
        if (pr.w <= 0 || ind <= 4)
            break;
        float x0 = (float)c->r.x, y0 = (float)c->r.y + (float)rad * 2.0f;
        float cxs[3] = {x0 - ind * 0.22f, x0 - ind * 0.55f, x0 - ind * 0.78f};
        float cys[3] = {y0, y0 - ind * 0.45f, y0 - ind * 0.80f};
        float rs[3] = {ind * 0.17f, ind * 0.12f, ind * 0.08f};
        for (int i = 0; i < 3; i++) {
            gfx_circle(r, cxs[i], cys[i], rs[i], th->think_border);
            gfx_circle(r, cxs[i], cys[i], rs[i] - (float)bw, th->think_bg);
        }
        break;
    }
    case K_CHOICE: {
        int k = c->tag;
        bool hov = a->hover == k, sel = a->sel == k || (a->demo && a->demo_pick == k);
        SDL_Color fill = sel ? th->choice_sel : hov ? th->choice_hover : th->choice_bg;
        gfx_round_border(r, c->r, rad, (hov || sel) ? bw + 1 : 0, fill, th->accent);
        break;
    }
    case K_OUTCOME:
    case K_TRUST:
    case K_RISK:
    case K_RESULT:
    case K_CHANCE:
        gfx_round(r, c->r, rad, th->card);
        break;
    case K_NEXT_BUTTON:
        gfx_round(r, c->r, rad, th->accent);
        break;
    case K_PAGER: /* "Choices 1-5 of 9 · Page Down: more" */
        gfx_round_border(r, c->r, rad, bw, th->panel, th->accent);
        break;
    case K_TAB: /* a phone's views: the one shown filled */
        if (c->tag == L->view)
            gfx_round(r, c->r, rad, th->accent);
        else
            gfx_round_border(r, c->r, rad, bw, th->card, th->border);
        break;
    case K_ROW:
        if (c->tag == a->m->wk.me)
            gfx_round(r, (SDL_Rect){c->r.x - bw * 2, c->r.y, c->r.w + bw * 4, c->r.h},
                      rad / 2, gfx_mix(th->panel, th->vendor[c->tag], th->dark ? 0.22f : 0.10f));
        break;
    default:
        break;
    }
}

static void draw_leaf(ScrApp *a, const ScrLayout *L, int bi, double bar_scale)
{
    const ScrBox *b = &L->box[bi];
    const ScrCont *c = &L->cont[b->cont];
    const ScrTheme *th = &a->th;
    const ScrWeek *wk = &a->m->wk;
    const ScrAnim *an = &a->m->anim;
    SDL_Renderer *r = a->ren;
    switch (b->kind) {
    case K_TEXT: {
        if (b->role == R_DYN) {
            draw_dyn(a, L, bi);
            break;
        }
        SDL_Color col = role_color(th, b->role);
        if (c->kind == K_TOPBAR && b->tag == 1) { /* the mode as a pill */
            gfx_round(r, b->r, b->r.h / 2, th->accent);
            col = th->accent_text;
        }
        if (c->kind == K_NEXT_BUTTON || (c->kind == K_TAB && c->tag == L->view))
            col = th->accent_text;
        else if (c->kind == K_TAB)
            col = th->text;
        if (c->kind == K_MSGROW && b->align == A_LEFT)
            col = gfx_alpha(col, wk->msg_alpha[c->tag]);
        if (c->kind == K_MSGROW && b->align == A_RIGHT)
            col = wk->msg_accepted[c->tag] ? th->good : gfx_alpha(th->muted, wk->msg_alpha[c->tag] + 0.2f);
        if (c->kind == K_ROW && b->tag == wk->nrows - 1 && b->role == R_BODY)
            col = th->muted;
        scr_draw_box_text(&a->draw, L, bi, b->s, b->len, col);
        break;
    }
    case K_PORTRAIT: {
        float rad = (float)b->r.w * 0.5f;
        if (a->portrait && !a->portrait_tex) {
            a->portrait_tex = SDL_CreateTextureFromSurface(a->ren, a->portrait);
            if (a->portrait_tex)
                SDL_SetTextureScaleMode(a->portrait_tex, SDL_ScaleModeLinear);
        }
        if (a->portrait_tex) { /* the middle square of the picture, in the circle */
            float pw = (float)a->portrait->w, ph = (float)a->portrait->h, side = pw < ph ? pw : ph;
            float u0 = (pw - side) * 0.5f / pw, v0 = (ph - side) * 0.5f / ph;
            gfx_circle(r, (float)b->r.x + rad, (float)b->r.y + rad, rad, th->border);
            gfx_tex_circle(r, a->portrait_tex, (float)b->r.x + rad, (float)b->r.y + rad, rad - 1.0f, u0, v0,
                           1.0f - u0, 1.0f - v0);
            break;
        }
        gfx_circle(r, (float)b->r.x + rad, (float)b->r.y + rad, rad, th->dark ? th->accent : th->muted);
        SDL_Rect in = {b->r.x + b->r.w / 8, b->r.y + b->r.h / 8, b->r.w * 3 / 4, b->r.h * 3 / 4};
        scr_draw_line(&a->draw, wk->initials, (int)(rad * 0.8f), true, in, A_CENTER,
                      th->dark ? th->accent_text : th->panel, bi);
        break;
    }
    case K_BADGE: {
        float rad = (float)b->r.w * 0.5f;
        gfx_circle(r, (float)b->r.x + rad, (float)b->r.y + rad, rad, th->badge_bg);
        char n[4] = {(char)('1' + b->tag), 0, 0, 0};
        scr_draw_line(&a->draw, n, (int)(rad * 1.15f), true, b->r, A_CENTER, th->badge_text, bi);
        break;
    }
    case K_SWATCH:
        gfx_round(r, b->r, b->r.w / 4, row_color(th, wk, b->tag));
        break;
    case K_BAR_TRACK: {
        gfx_round(r, b->r, b->r.h / 3, th->track);
        int slot = row_slot(wk, b->tag);
        float v = scr_anim_value(&an->share[slot], an->t0, a->now);
        int len = scr_bar_len(b->r.w, (double)v, bar_scale);
        if (len > 0)
            gfx_round(r, (SDL_Rect){b->r.x, b->r.y, len, b->r.h}, b->r.h / 3, row_color(th, wk, b->tag));
        break;
    }
    case K_METER_BAR: {
        gfx_round(r, b->r, b->r.h / 2, th->track);
        const ScrEase *e = b->tag == 0 ? &an->trust : b->tag == 1 ? &an->character : &an->competence;
        float v = scr_anim_value(e, an->t0, a->now);
        int len = scr_bar_len(b->r.w, (double)v / 100.0, 1.0);
        SDL_Color col = b->tag == 0 ? th->vendor[wk->me] : gfx_mix(th->vendor[wk->me], th->card, 0.35f);
        if (len > 0)
            gfx_round(r, (SDL_Rect){b->r.x, b->r.y, len, b->r.h}, b->r.h / 2, col);
        break;
    }
    case K_GAUGE:
        draw_gauge(a, b->r, scr_anim_value(&an->risk, an->t0, a->now), bi);
        break;
    case K_CHIP_ARROW: {
        int dir = b->sub;
        bool good = b->tag == 2 ? dir < 0 : dir > 0;
        gfx_arrow(r, b->r, dir, dir == 0 ? th->muted : good ? th->good : th->bad);
        break;
    }
    case K_VERDICT_BAR: /* the move worked, backfired, or fell flat (or wore thin) */
        gfx_rect(r, b->r, b->tag == 1 ? th->good : b->tag == 2 ? th->warn : th->bad);
        break;
    case K_SPARK:
        draw_spark(a, b->r);
        break;
    case K_CHECK:
        gfx_check(r, b->r, th->good);
        break;
    case K_SEAT: /* role-play: the player's number on a pill */
        gfx_round(r, b->r, b->r.h / 2, th->badge_bg);
        if (b->tag >= 0 && b->tag < BS_MAX_VENDORS)
            scr_draw_line(&a->draw, wk->badge[b->tag], b->px, true, b->r, A_CENTER, th->badge_text, bi);
        break;
    default:
        break;
    }
}

void scr_draw_game(ScrApp *a)
{
    const ScrLayout *L = a->lay;
    double sc = scr_bar_scale(a);
    for (int i = 0; i < L->ncont; i++)
        draw_container(a, L, i);
    for (int i = 0; i < L->nbox; i++)
        draw_leaf(a, L, i, sc);
    gfx_flush(a->ren);
}

/*============================================================================
 * Overlays: a dimmed screen with a card holding a table of lines.
 *==========================================================================*/
#define OV_COLS 12
typedef struct {
    const char *cell[OV_COLS];
    uint8_t kind; /* 0 plain, 1 header (bold), 2 section title (spans) */
} OvRow;

static int text_width(ScrApp *a, const char *s, int px, bool bold)
{
    int w = 0;
    BsFont *f = bs_text_font(a->text, px, bold);
    if (f && s)
        bs_text_measure(a->text, f, s, strlen(s), 0, &w);
    return w;
}

/* A phone's two-column table (the keys): the second column wrapped
 * beside the first. Returns the height; *out_w the width it needs. */
static int ov_wrapped(ScrApp *a, int x, int y, int w, int px, const OvRow *rows, int n, bool draw, int *out_w)
{
    BsFont *f = bs_text_font(a->text, px, false);
    int lh = f ? bs_text_line_height(f) : px;
    int rh = lh + lh / 6, gap = px, kw = 0, need = 0, yy = y;
    for (int i = 0; i < n; i++)
        if (rows[i].kind != 2) {
            int k = text_width(a, rows[i].cell[0], px, true);
            kw = kw > k ? kw : k;
        }
    int dw = w - kw - gap;
    for (int i = 0; i < n; i++) {
        if (rows[i].kind == 2) {
            if (i > 0)
                yy += rh / 2;
            if (draw)
                scr_draw_line(&a->draw, rows[i].cell[0], px, true, (SDL_Rect){x, yy, w, rh}, A_LEFT, a->th.accent, -1);
            yy += rh;
            continue;
        }
        bool head = rows[i].kind == 1;
        if (draw)
            scr_draw_line(&a->draw, rows[i].cell[0], px, true, (SDL_Rect){x, yy, kw, rh}, A_LEFT,
                          head ? a->th.muted : a->th.text, -1);
        const char *t = rows[i].cell[1];
        size_t nl = 0, len = t ? strlen(t) : 0;
        const BsTextLine *ln = f && len && dw > px ? bs_text_wrap(a->text, f, t, len, dw, &nl) : NULL;
        enum { MAXL = 8 };
        BsTextLine keep[MAXL];
        if (!ln)
            nl = 0;
        if (nl > MAXL)
            nl = MAXL;
        if (nl)
            memcpy(keep, ln, sizeof keep[0] * nl);
        for (size_t k = 0; k < nl; k++) {
            int lw = kw + gap + keep[k].w;
            need = need > lw ? need : lw;
            if (draw) {
                char buf[512];
                size_t m = keep[k].len < sizeof buf ? keep[k].len : sizeof buf - 1;
                memcpy(buf, t + keep[k].off, m);
                buf[m] = '\0';
                scr_draw_line(&a->draw, buf, px, head, (SDL_Rect){x + kw + gap, yy + (int)k * lh, dw, rh}, A_LEFT,
                              head ? a->th.muted : a->th.text, -1);
            }
        }
        yy += (nl > 1 ? (int)(nl - 1) * lh : 0) + rh;
    }
    if (out_w)
        *out_w = need < w ? need : w;
    return yy - y;
}

/* Lays out (and, if draw, draws) a table; returns its height. *out_w gets
 * the width it needs. */
static int ov_table(ScrApp *a, int x, int y, int w, int px, const OvRow *rows, int n, int ncol, bool draw,
                    int *out_w)
{
    if (ncol == 2 && scr_portrait(a->out_w, a->out_h))
        return ov_wrapped(a, x, y, w, px, rows, n, draw, out_w);
    int colw[OV_COLS] = {0};
    int gap = px;
    for (int i = 0; i < n; i++) {
        if (rows[i].kind == 2)
            continue;
        for (int c = 0; c < ncol; c++) {
            int tw = text_width(a, rows[i].cell[c], px, rows[i].kind == 1 || c == 0);
            if (tw > colw[c])
                colw[c] = tw;
        }
    }
    int need = 0;
    for (int c = 0; c < ncol; c++)
        need += colw[c] + (c ? gap : 0);
    for (int i = 0; i < n; i++)
        if (rows[i].kind == 2) {
            int tw = text_width(a, rows[i].cell[0], px, true);
            if (tw > need)
                need = tw;
        }
    if (out_w)
        *out_w = need;
    if (need > w && ncol > 1) { /* squeeze the last column (it holds the long texts) */
        colw[ncol - 1] -= need - w;
        if (colw[ncol - 1] < px * 2)
            colw[ncol - 1] = px * 2;
    }
    BsFont *f = bs_text_font(a->text, px, false);
    int lh = f ? bs_text_line_height(f) : px;
    int rh = lh + lh / 6;
    int yy = y;
    for (int i = 0; i < n; i++) {
        if (rows[i].kind == 2 && i > 0)
            yy += rh / 2;
        if (draw) {
            if (rows[i].kind == 2) {
                scr_draw_line(&a->draw, rows[i].cell[0], px, true, (SDL_Rect){x, yy, w, rh}, A_LEFT, a->th.accent, -1);
            } else {
                int xx = x;
                for (int c = 0; c < ncol; c++) {
                    SDL_Rect r = {xx, yy, colw[c], rh};
                    if (r.x + r.w > x + w)
                        r.w = x + w - r.x;
                    bool head = rows[i].kind == 1;
                    scr_draw_line(&a->draw, rows[i].cell[c], px, head || c == 0, r, c == 0 ? A_LEFT : (ncol > 2 ? A_RIGHT : A_LEFT),
                                  head ? a->th.muted : a->th.text, -1);
                    xx += colw[c] + gap;
                }
            }
        }
        yy += rh;
    }
    return yy - y;
}

static void ov_card(ScrApp *a, const char *title, const OvRow *rows, int n, int ncol, const char *foot)
{
    const ScrTheme *th = &a->th;
    int W = a->out_w, H = a->out_h;
    gfx_rect(a->ren, (SDL_Rect){0, 0, W, H}, th->dim);
    int px = scr_base_body_px(W, H, a->projector);
    int lo = a->projector ? scr_min_body_px(W, H, true) * 8 / 10 : 9;
    int maxw = W * 92 / 100, maxh = H * 92 / 100;
    int tw = 0, th_ = 0, pad = 0, tpx = 0;
    for (;;) {
        pad = px;
        tpx = px * 12 / 10;
        int need_w = 0;
        th_ = ov_table(a, 0, 0, maxw - 2 * pad, px, rows, n, ncol, false, &need_w);
        tw = need_w;
        int total = th_ + 2 * pad + m_line_h(a->text, tpx, true) * 3 / 2 + (foot ? m_line_h(a->text, px, false) * 3 / 2 : 0);
        if ((total <= maxh && tw + 2 * pad <= maxw) || px <= lo)
            break;
        px = px * 92 / 100;
        if (px < lo)
            px = lo;
    }
    int titw = text_width(a, title, tpx, true);
    int cw = tw > titw ? tw : titw;
    cw += 2 * pad;
    if (cw > maxw)
        cw = maxw;
    int tlh = m_line_h(a->text, tpx, true);
    int flh = foot ? m_line_h(a->text, px, false) : 0;
    /* a phone: the foot may take two lines */
    BsTextLine fl[2];
    size_t nfl = 0;
    if (foot && scr_portrait(W, H)) {
        BsFont *ff = bs_text_font(a->text, px, false);
        const BsTextLine *ln = ff ? bs_text_wrap(a->text, ff, foot, strlen(foot), cw - 2 * pad, &nfl) : NULL;
        if (!ln)
            nfl = 0;
        if (nfl > 2)
            nfl = 2;
        if (nfl)
            memcpy(fl, ln, sizeof fl[0] * nfl);
    }
    int ch = th_ + 2 * pad + tlh * 3 / 2 + (foot ? flh * 3 / 2 : 0) + (nfl > 1 ? flh : 0);
    if (ch > maxh)
        ch = maxh;
    SDL_Rect card = {(W - cw) / 2, (H - ch) / 2, cw, ch};
    gfx_round_border(a->ren, card, pad / 2, a->projector ? 3 : 2, th->panel, th->accent);
    SDL_RenderSetClipRect(a->ren, &card);
    scr_draw_line(&a->draw, title, tpx, true, (SDL_Rect){card.x + pad, card.y + pad, cw - 2 * pad, tlh}, A_LEFT,
                  th->text, -1);
    ov_table(a, card.x + pad, card.y + pad + tlh * 3 / 2, cw - 2 * pad, px, rows, n, ncol, true, NULL);
    if (foot && nfl > 1) { /* a phone's foot on two lines */
        BsFont *ff = bs_text_font(a->text, px, false);
        int full = ff ? bs_text_line_height(ff) : flh;
        for (size_t i = 0; i < nfl; i++) {
            char buf[512];
            size_t m = fl[i].len < sizeof buf ? fl[i].len : sizeof buf - 1;
            memcpy(buf, foot + fl[i].off, m);
            buf[m] = '\0';
            scr_draw_line(&a->draw, buf, px, false,
                          (SDL_Rect){card.x + pad, card.y + ch - pad - (int)(nfl - i) * flh - (full - flh) / 2,
                                     cw - 2 * pad, full}, A_LEFT, th->muted, -1);
        }
    } else if (foot) { /* the font's whole line, descenders too (the padding below has room) */
        BsFont *ff = bs_text_font(a->text, px, false);
        int full = ff ? bs_text_line_height(ff) : flh;
        scr_draw_line(&a->draw, foot, px, false,
                      (SDL_Rect){card.x + pad, card.y + ch - pad - flh - (full - flh) / 2, cw - 2 * pad, full}, A_LEFT,
                      th->muted, -1);
    }
    SDL_RenderSetClipRect(a->ren, NULL);
}

typedef struct {
    const char *keys;
    const char *what; /* string key */
} HelpRow;

static const HelpRow help_rows[] = {
    {"1 \xE2\x80\x93 9", "screen.key_choose"},
    {"\xE2\x86\x91 \xE2\x86\x93  Enter", "screen.key_arrows"},
    {"Page Down  \xE2\x86\x92", "screen.key_next"},
    {"Page Up  \xE2\x86\x90", "screen.key_back"},
    {"P", "screen.key_pause"},
    {"R", "screen.key_reveal"},
    {"U  Backspace", "screen.key_undo"},
    {"I", "screen.key_inject"},
    {"S", "screen.key_save"},
    {"F12", "screen.key_shot"},
    {"D", "screen.key_debrief"},
    {".  B", "screen.key_black"},
    {"F5", "screen.key_start"},
    {"Esc", "screen.key_esc"},
    {"F11", "screen.key_full"},
    {"F1  H", "screen.key_help"},
    {"Ctrl+Q", "screen.key_quit"},
    {"T  Tab", "screen.key_view"}, /* a portrait screen's only (the last row) */
};

static void draw_help(ScrApp *a)
{
    const ScrModel *m = a->m;
    OvRow rows[sizeof help_rows / sizeof help_rows[0] + 1];
    int n = 0;
    size_t nrows = sizeof help_rows / sizeof help_rows[0];
    if (!scr_portrait(a->out_w, a->out_h))
        nrows--; /* the views' key: a phone's layout only */
    for (size_t i = 0; i < nrows; i++) {
        memset(&rows[n], 0, sizeof rows[n]);
        rows[n].cell[0] = help_rows[i].keys;
        rows[n].cell[1] = m ? scr_str(m, help_rows[i].what) : help_rows[i].what;
        n++;
    }
    ov_card(a, m ? scr_str(m, "screen.help_title") : "Keys", rows, n, 2, m ? scr_str(m, "screen.help_foot") : NULL);
}

static void draw_reveal(ScrApp *a)
{
    const ScrModel *m = a->m;
    const BsGame *g = &m->p->g;
    const BsScenario *s = m->p->scn;
    static const char *const heads[] = {"screen.col_vendor", "screen.mindshare", "screen.trust_short",
                                        "screen.col_character", "screen.col_competence", "screen.risk_short",
                                        "screen.col_fit", "screen.col_proof", "screen.col_exposure",
                                        "screen.col_self", "screen.col_pwin"};
    enum { NC = 11 };
    OvRow rows[BS_MAX_NEEDS + BS_MAX_VENDORS + 6];
    char cells[BS_MAX_VENDORS][NC - 1][24];
    char needc[BS_MAX_NEEDS][2][160];
    char foot[256];
    int n = 0;
    memset(rows, 0, sizeof rows);
    rows[n].kind = 2;
    rows[n++].cell[0] = scr_str(m, "screen.reveal_vendors");
    rows[n].kind = 1;
    for (int c = 0; c < NC; c++)
        rows[n].cell[c] = scr_str(m, heads[c]);
    n++;
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(g, pw);
    for (int v = 0; v < g->nv; v++) {
        const BsVendorState *vs = &g->v[v];
        double val[NC - 1] = {100 * vs->mindshare, vs->trust, vs->character, vs->competence, vs->risk,
                              100 * vs->fit, vs->q[BS_Q_PROOF], vs->q[BS_Q_EXPOSURE], vs->q[BS_Q_SELF_ORIENTATION],
                              100 * pw[v]};
        rows[n].cell[0] = m->wk.vname[v];
        for (int c = 0; c < NC - 1; c++) {
            snprintf(cells[v][c], sizeof cells[v][c], c == 8 ? "%.2f" : "%.0f", val[c]);
            rows[n].cell[c + 1] = cells[v][c];
        }
        n++;
    }
    rows[n].kind = 2;
    rows[n++].cell[0] = scr_str(m, "screen.reveal_needs");
    int me = m->wk.me;
    for (int k = 0; k < s->nneeds; k++) {
        static const char *const stage[] = {"screen.need_latent", "screen.need_implied", "screen.need_explicit"};
        int st = g->need_stage[k] <= 2 ? g->need_stage[k] : 0;
        snprintf(needc[k][0], sizeof needc[k][0], "%s", s->needs[k].label);
        snprintf(needc[k][1], sizeof needc[k][1], "%s%s%s", scr_str(m, stage[st]),
                 (g->v[me].known >> k & 1u) ? " \xC2\xB7 " : "",
                 (g->v[me].known >> k & 1u) ? scr_str(m, "screen.need_known") : "");
        rows[n].cell[0] = needc[k][0];
        rows[n].cell[1] = needc[k][1];
        for (int c = 2; c < NC; c++)
            rows[n].cell[c] = "";
        n++;
    }
    char pnd[16], prs[16];
    snprintf(pnd, sizeof pnd, "%.0f%%", 100.0 * bs_game_p_no_decision(g));
    snprintf(prs, sizeof prs, "%.0f", g->pressure);
    const char *kv[] = {"p", pnd, "pressure", prs, NULL};
    app_fill(foot, sizeof foot, scr_str(m, "screen.reveal_foot"), kv);
    ov_card(a, scr_str(m, "screen.reveal_title"), rows, n, NC, foot);
}

/* A message on a rounded plate centred at cy: one line, or (a long one, such
 * as an error with its file and line) wrapped at word boundaries onto up to
 * four lines, never cut. */
static void pill(ScrApp *a, const char *text, int cy, SDL_Color bg, SDL_Color fg)
{
    int px = scr_base_body_px(a->out_w, a->out_h, a->projector);
    int lh = m_line_h(a->text, px, true);
    int maxw = a->out_w * 94 / 100 - 2 * px;
    enum { MAXL = 4 };
    BsTextLine ln[MAXL];
    size_t n = 0, len = strlen(text);
    BsFont *f = bs_text_font(a->text, px, true);
    const BsTextLine *lines = f ? bs_text_wrap(a->text, f, text, len, maxw, &n) : NULL;
    if (!lines || n == 0) {
        n = 1;
        ln[0] = (BsTextLine){0, len, text_width(a, text, px, true)};
    } else {
        if (n > MAXL)
            n = MAXL;
        memcpy(ln, lines, sizeof ln[0] * n);
    }
    int tw = 0;
    for (size_t i = 0; i < n; i++)
        if (ln[i].w > tw)
            tw = ln[i].w;
    int w = tw + 2 * px, h = (int)n * lh + px * 2 / 3;
    if (w > a->out_w * 94 / 100)
        w = a->out_w * 94 / 100;
    int y = cy - lh / 2 - px / 3 - ((int)n - 1) * lh; /* the plate grows upwards */
    SDL_Rect r = {(a->out_w - w) / 2, y, w, h};
    gfx_round(a->ren, r, lh / 2 + px / 3, bg);
    for (size_t i = 0; i < n; i++) {
        char buf[1024];
        size_t k = ln[i].len < sizeof buf ? ln[i].len : sizeof buf - 1;
        memcpy(buf, text + ln[i].off, k);
        buf[k] = '\0';
        scr_draw_line(&a->draw, buf, px, true, (SDL_Rect){r.x + px, r.y + px / 3 + (int)i * lh, r.w - 2 * px, lh},
                      A_CENTER, fg, -1);
    }
}

void scr_draw_overlays(ScrApp *a)
{
    if (a->m && a->screen != SCR_START) {
        if (a->reveal)
            draw_reveal(a);
        if (a->paused) { /* a phone's demo goes on by a tap */
            const char *key = !a->demo ? "screen.paused" : a->lay->portrait ? "screen.demo_paused_touch"
                                                                             : "screen.demo_paused";
            pill(a, scr_str(a->m, key), a->out_h / 2, a->th.accent, a->th.accent_text);
        }
    }
    if (a->help)
        draw_help(a);
    if (a->toast[0] && a->now < a->toast_until)
        pill(a, a->toast, a->out_h - a->out_h / 14, a->th.text, a->th.bg);
    if (a->black)
        gfx_rect(a->ren, (SDL_Rect){0, 0, a->out_w, a->out_h}, (SDL_Color){0, 0, 0, 255});
    gfx_flush(a->ren);
}

int scr_hit(const ScrLayout *L, int x, int y, int kind)
{
    for (int i = L->ncont - 1; i >= 0; i--) {
        const ScrCont *c = &L->cont[i];
        if (c->kind == kind && x >= c->r.x && y >= c->r.y && x < c->r.x + c->r.w && y < c->r.y + c->r.h)
            return c->tag;
    }
    return -1;
}
