/* Drawing primitives for the screen: rounded boxes, circles, arcs, thick
 * lines, chart bands. Triangles are batched in a fixed buffer and drawn
 * with SDL_RenderGeometry (SDL 2.0.18+); nothing is allocated. */
#include "ui.h"

#include <math.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define GFX_VERTS 3072 /* a multiple of 3 */

static SDL_Vertex vbuf[GFX_VERTS];
static int nv;
static bool batch_opaque;

/* Opaque shapes are drawn without blending: the software renderer blends
 * pixel by pixel whenever the blend mode asks for it, even at alpha 255, and
 * the panels cover most of the screen. */
static void blend_for(SDL_Renderer *r, bool opaque)
{
    SDL_SetRenderDrawBlendMode(r, opaque ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

/* Draws the batch; with no renderer (a dry run, ahead.c) drops it. */
void gfx_flush(SDL_Renderer *r)
{
    if (nv > 0 && r) {
        blend_for(r, batch_opaque);
        SDL_RenderGeometry(r, NULL, vbuf, nv, NULL, 0);
    }
    nv = 0;
}

static void vert(SDL_Renderer *r, float x, float y, SDL_Color c)
{
    vbuf[nv].position.x = x;
    vbuf[nv].position.y = y;
    vbuf[nv].color = c;
    vbuf[nv].tex_coord.x = 0;
    vbuf[nv].tex_coord.y = 0;
    nv++;
    (void)r;
}

void gfx_tri(SDL_Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2, SDL_Color c)
{
    if (c.a == 0)
        return;
    if (nv + 3 > GFX_VERTS || (nv > 0 && batch_opaque != (c.a == 255)))
        gfx_flush(r);
    batch_opaque = c.a == 255;
    vert(r, x0, y0, c);
    vert(r, x1, y1, c);
    vert(r, x2, y2, c);
}

static void quad(SDL_Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2, float x3,
                 float y3, SDL_Color c)
{
    gfx_tri(r, x0, y0, x1, y1, x2, y2, c);
    gfx_tri(r, x0, y0, x2, y2, x3, y3, c);
}

SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t)
{
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    SDL_Color c = {(Uint8)(a.r + (b.r - a.r) * t + 0.5f), (Uint8)(a.g + (b.g - a.g) * t + 0.5f),
                   (Uint8)(a.b + (b.b - a.b) * t + 0.5f), (Uint8)(a.a + (b.a - a.a) * t + 0.5f)};
    return c;
}

SDL_Color gfx_alpha(SDL_Color c, float a)
{
    if (a < 0) a = 0;
    if (a > 1) a = 1;
    c.a = (Uint8)(c.a * a + 0.5f);
    return c;
}

void gfx_rect(SDL_Renderer *r, SDL_Rect rc, SDL_Color c)
{
    if (rc.w <= 0 || rc.h <= 0 || c.a == 0)
        return;
    gfx_flush(r);
    blend_for(r, c.a == 255);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rc);
}

static int segs_for(float rad)
{
    int n = (int)(rad / 2.5f);
    return n < 3 ? 3 : n > 16 ? 16 : n;
}

/* Quarter-disc fan at corner centre (cx, cy), from angle a0 by +90 degrees. */
static void corner(SDL_Renderer *r, float cx, float cy, float rad, float a0, SDL_Color c)
{
    int n = segs_for(rad);
    float step = (float)(M_PI / 2) / (float)n;
    for (int i = 0; i < n; i++) {
        float t0 = a0 + step * (float)i, t1 = t0 + step;
        gfx_tri(r, cx, cy, cx + rad * cosf(t0), cy - rad * sinf(t0), cx + rad * cosf(t1),
                cy - rad * sinf(t1), c);
    }
}

void gfx_round(SDL_Renderer *r, SDL_Rect rc, int radius, SDL_Color c)
{
    if (rc.w <= 0 || rc.h <= 0 || c.a == 0)
        return;
    int rad = radius;
    if (rad * 2 > rc.w) rad = rc.w / 2;
    if (rad * 2 > rc.h) rad = rc.h / 2;
    if (rad <= 1) {
        gfx_rect(r, rc, c);
        return;
    }
    /* the big middle parts as rectangles (fast in the software renderer) */
    SDL_Rect mid = {rc.x, rc.y + rad, rc.w, rc.h - 2 * rad};
    SDL_Rect top = {rc.x + rad, rc.y, rc.w - 2 * rad, rad};
    SDL_Rect bot = {rc.x + rad, rc.y + rc.h - rad, rc.w - 2 * rad, rad};
    gfx_rect(r, mid, c);
    gfx_rect(r, top, c);
    gfx_rect(r, bot, c);
    float x0 = (float)(rc.x + rad), x1 = (float)(rc.x + rc.w - rad);
    float y0 = (float)(rc.y + rad), y1 = (float)(rc.y + rc.h - rad);
    float fr = (float)rad;
    corner(r, x1, y0, fr, 0, c);
    corner(r, x0, y0, fr, (float)(M_PI / 2), c);
    corner(r, x0, y1, fr, (float)M_PI, c);
    corner(r, x1, y1, fr, (float)(M_PI * 1.5), c);
    gfx_flush(r);
}

void gfx_round_border(SDL_Renderer *r, SDL_Rect rc, int radius, int bw, SDL_Color fill, SDL_Color border)
{
    if (bw <= 0) {
        gfx_round(r, rc, radius, fill);
        return;
    }
    gfx_round(r, rc, radius, border);
    SDL_Rect in = {rc.x + bw, rc.y + bw, rc.w - 2 * bw, rc.h - 2 * bw};
    gfx_round(r, in, radius > bw ? radius - bw : 0, fill);
}

void gfx_circle(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color c)
{
    if (rad <= 0)
        return;
    int n = segs_for(rad) * 4;
    float step = (float)(2 * M_PI) / (float)n;
    for (int i = 0; i < n; i++) {
        float t0 = step * (float)i, t1 = t0 + step;
        gfx_tri(r, cx, cy, cx + rad * cosf(t0), cy + rad * sinf(t0), cx + rad * cosf(t1),
                cy + rad * sinf(t1), c);
    }
    gfx_flush(r);
}

void gfx_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0.0001f)
        return;
    float nx = -dy / len * width * 0.5f, ny = dx / len * width * 0.5f;
    quad(r, x0 + nx, y0 + ny, x1 + nx, y1 + ny, x1 - nx, y1 - ny, x0 - nx, y0 - ny, c);
}

void gfx_arc(SDL_Renderer *r, float cx, float cy, float r0, float r1, float a0, float a1, SDL_Color c)
{
    float span = a1 - a0;
    int n = (int)(fabsf(span) / (float)(M_PI / 48)) + 1;
    for (int i = 0; i < n; i++) {
        float t0 = a0 + span * (float)i / (float)n, t1 = a0 + span * (float)(i + 1) / (float)n;
        quad(r, cx + r0 * cosf(t0), cy - r0 * sinf(t0), cx + r1 * cosf(t0), cy - r1 * sinf(t0),
             cx + r1 * cosf(t1), cy - r1 * sinf(t1), cx + r0 * cosf(t1), cy - r0 * sinf(t1), c);
    }
    gfx_flush(r);
}

void gfx_band(SDL_Renderer *r, const float *xs, const float *top, const float *bot, int n, SDL_Color c)
{
    for (int i = 0; i + 1 < n; i++)
        quad(r, xs[i], top[i], xs[i + 1], top[i + 1], xs[i + 1], bot[i + 1], xs[i], bot[i], c);
    gfx_flush(r);
}

void gfx_arrow(SDL_Renderer *r, SDL_Rect b, int dir, SDL_Color c)
{
    float x0 = (float)b.x, y0 = (float)b.y, w = (float)b.w, h = (float)b.h;
    if (dir > 0)
        gfx_tri(r, x0 + w * 0.5f, y0 + h * 0.12f, x0 + w * 0.95f, y0 + h * 0.85f, x0 + w * 0.05f, y0 + h * 0.85f, c);
    else if (dir < 0)
        gfx_tri(r, x0 + w * 0.05f, y0 + h * 0.15f, x0 + w * 0.95f, y0 + h * 0.15f, x0 + w * 0.5f, y0 + h * 0.88f, c);
    else
        quad(r, x0 + w * 0.15f, y0 + h * 0.44f, x0 + w * 0.85f, y0 + h * 0.44f, x0 + w * 0.85f, y0 + h * 0.58f,
             x0 + w * 0.15f, y0 + h * 0.58f, c);
    gfx_flush(r);
}

void gfx_check(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float x0 = (float)b.x, y0 = (float)b.y, w = (float)b.w, h = (float)b.h;
    float lw = h * 0.16f;
    if (lw < 1.5f) lw = 1.5f;
    gfx_line(r, x0 + w * 0.12f, y0 + h * 0.55f, x0 + w * 0.40f, y0 + h * 0.82f, lw, c);
    gfx_line(r, x0 + w * 0.36f, y0 + h * 0.82f, x0 + w * 0.90f, y0 + h * 0.18f, lw, c);
    gfx_flush(r);
}

void gfx_tex_circle(SDL_Renderer *r, SDL_Texture *tex, float cx, float cy, float rad, float u0, float v0, float u1,
                    float v1)
{
    gfx_flush(r);
    enum { N = 48 };
    SDL_Vertex v[N * 3];
    SDL_Color white = {255, 255, 255, 255};
    float uc = (u0 + u1) * 0.5f, vc = (v0 + v1) * 0.5f, ur = (u1 - u0) * 0.5f, vr = (v1 - v0) * 0.5f;
    for (int i = 0; i < N; i++) {
        float t0 = (float)(2 * M_PI) * (float)i / N, t1 = (float)(2 * M_PI) * (float)(i + 1) / N;
        SDL_Vertex *q = &v[i * 3];
        q[0].position.x = cx;
        q[0].position.y = cy;
        q[0].tex_coord.x = uc;
        q[0].tex_coord.y = vc;
        q[1].position.x = cx + rad * cosf(t0);
        q[1].position.y = cy + rad * sinf(t0);
        q[1].tex_coord.x = uc + ur * cosf(t0);
        q[1].tex_coord.y = vc + vr * sinf(t0);
        q[2].position.x = cx + rad * cosf(t1);
        q[2].position.y = cy + rad * sinf(t1);
        q[2].tex_coord.x = uc + ur * cosf(t1);
        q[2].tex_coord.y = vc + vr * sinf(t1);
        q[0].color = q[1].color = q[2].color = white;
    }
    SDL_RenderGeometry(r, tex, v, N * 3, NULL, 0);
}
