/*
 * ui.h: the inside of the SDL2 screen (engine/screen), shared by its files
 * and by the screen tests. screen.h has the three public entry points.
 *
 * Shape
 * -----
 * - ScrModel (model.c): the game as the screen shows it. Owns the scenario,
 *   strings, session and game; prepares every text of the week once, when
 *   the week changes (ScrWeek: fixed buffers, nothing allocated per frame),
 *   the practice previews (by stepping copies of the game) and the animated
 *   meter values (eased from the old to the new value in SCR_ANIM_S).
 * - ScrLayout (layout.c): a pure function of (output size, mode, the week's
 *   texts, a text measurer) giving a rectangle for every box: containers
 *   (panels, bubbles, cards, buttons) and leaves (text boxes, bars, gauges).
 *   Leaves lie inside their container and never overlap each other; text
 *   that cannot fit is first made smaller (down to a floor: 1/30 of the
 *   height in projector mode) and then clipped to whole lines inside its box.
 * - draw.c draws a layout; debrief.c and start.c lay out and draw the
 *   debrief (role-play: the players compared, then each player's) and the
 *   start screen (with past games to replay) the same way; panel.c the
 *   pass-the-seat screen and the panels over the game (predict, reveal,
 *   the facilitator's events) into a layout of their own; gfx.c has the
 *   primitives; png.c writes PNG files (zlib).
 * - ScrApp (window.c): a window or an off-screen surface, a BsText, a model,
 *   the interface state (screen, hover, overlays, demo clock) and the event
 *   handling. screen.c has the entry points: play, render, bench.
 */
#ifndef BS_SCREEN_UI_H
#define BS_SCREEN_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "app.h"
#include "play.h"
#include "bs.h"
#include "text.h"

#define SCR_ANIM_S 0.5            /* seconds a move takes to animate */
#define SCR_TEXT_CAP 1024         /* one prepared text */
#define SCR_LONG_CAP 2048         /* a paragraph */
#define SCR_EFF_COLS 4            /* meters in the result card: mindshare, trust, risk, chance */

/*============================================================================
 * Theme
 *==========================================================================*/
typedef struct {
    SDL_Color bg, panel, card, border, text, muted, accent, accent_text;
    SDL_Color says_bg, says_border, think_bg, think_border, think_text;
    SDL_Color choice_bg, choice_hover, choice_sel, badge_bg, badge_text;
    SDL_Color good, bad, warn, track, news_bg, news_text, dim;
    SDL_Color vendor[BS_MAX_VENDORS + 1]; /* last: other sources */
    bool dark;
} ScrTheme;

void scr_theme_get(ScrTheme *t, bool projector);

/*============================================================================
 * The model
 *==========================================================================*/
typedef enum { SCR_MODE_PRACTICE, SCR_MODE_EXAM, SCR_MODE_DEMO } ScrMode;

typedef struct {
    char text[SCR_TEXT_CAP];
    int avail;                    /* index into the state's choices */
    int8_t dir[3];                /* preview: mindshare, trust, risk: -1 0 +1 */
} ScrChoice;

/* Every text the game screen shows for the current week and seat. */
typedef struct {
    char title[256];              /* scenario title */
    char week[128];               /* "Week 3 of 12" */
    char mode[64];                /* "Practice" */
    char you[256];                /* "You sell for Northwind" */
    char help_hint[128];          /* "F1: keys" */
    char initials[16];
    char buyer[256];              /* name */
    char role[512];               /* "IT Director · Huada Precision Parts" */
    char buyer_line[768];         /* name · role · company (projector top bar) */
    char news_label[64];
    char news[SCR_LONG_CAP];      /* events fired this week; "" none */
    char says_label[256], says[SCR_LONG_CAP];
    char thinks_label[256], thinks[SCR_LONG_CAP];
    char choose_label[256];       /* "What do you do this week?" */
    ScrChoice choice[BS_MAX_CHOICES];
    int nchoices;
    char wait_text[512];          /* no choice this week: "Let the week pass" */
    char pager_fmt[160];          /* "Choices {first}-{last} of {n}" */
    char pager_one[160];          /* "Choice {first} of {n}" */
    char pager_none[160];         /* "Page Down: your {n} choices" */
    char pager_more[128], pager_back[128]; /* "Page Down: more", "Page Up: back" */
    char touch_more[128], touch_back[128]; /* a phone's pager: "tap or swipe up: more", "tap: back to the first" */
    char touch_none[128];         /* ... on a first page with no choice: "Your {n} choices" */
    char page_fmt[128];           /* "Page {page} of {pages}" (a phone's table over pages) */
    char tab[2][128];             /* a phone's views: "The buyer", "The buyer's table" */
    char preview_hint[256];       /* "Point at a choice to preview..." */
    char preview_label[128];      /* "If you choose this:" */
    char meter_names[3][64];      /* Mindshare, Trust, Career risk */
    bool over;                    /* the game is over: outcome instead of choices */
    char outcome[SCR_LONG_CAP];
    char next_label[2][256];      /* "See the debrief (Enter)"; [1] a phone's: "See the debrief" */
    /* the buyer's table */
    char table_title[256];
    char vname[BS_MAX_VENDORS + 1][160]; /* names (+ you), last: other sources */
    char did[BS_MAX_VENDORS][256];       /* what each rival did this week */
    char trust_label[128], character_label[128], competence_label[128];
    char risk_label[160];
    /* the result of the last week (or the situation, in week 1) */
    char result_head[256];
    char result_action[512];
    /* what the move did, apart from what the rivals and time did: row 0 the
     * move's own effect (against letting the week pass, same seed), row 1
     * the rest of the week's change; a seat that let the week pass has only
     * row 1. Columns: mindshare (pts), trust, career risk, and (not in an
     * exam) the chance that the buyer would choose the seat's vendor (pts). */
    int neff_rows;                /* 0 none, 1 (the rivals and time only), 2 */
    int eff_row0;                 /* 0, or 1 when only the rivals and time row is shown */
    int neff_cols;                /* 3, or 4 with the chance */
    char eff_label[2][128];       /* "Your move", "Rivals and time" */
    char eff_head[SCR_EFF_COLS][96]; /* "Mindshare", "Trust", "Career risk", "Chance to win" */
    char eff_cell[2][SCR_EFF_COLS][48]; /* "+2.4" */
    char eff_chip[2][SCR_EFF_COLS][160]; /* "Mindshare +2.4 pts" (a narrow card) */
    int8_t eff_dir[2][SCR_EFF_COLS];
    double eff_val[2][SCR_EFF_COLS]; /* own, rivals and time: mindshare and chance in points */
    double week_val[SCR_EFF_COLS];   /* the week's whole change (own + rivals and time) */
    char result_outcome[SCR_LONG_CAP];
    char result_why[SCR_LONG_CAP];
    int8_t verdict;               /* the why's bar: +1 it worked, -1 it backfired, 2 flat or repeated, 0 none */
    uint8_t result;               /* BsMoveResult of the seat's move */
    char result_say[SCR_LONG_CAP];  /* what the buyer said to the move ("" none) */
    char result_thought[SCR_LONG_CAP];
    bool has_result;
    /* the buyer's chance to choose the seat's vendor, if she decided now
     * (hidden in an exam) */
    bool has_chance;
    char chance_label[512];       /* "If Lin Wei decided now, the chance of choosing you" */
    char chance_short[128];       /* "Chance to win now" (a projector) */
    char chance_value[16];        /* "23%" */
    float chance_hist[BS_MAX_WEEKS + 1]; /* at the start of each week so far, the last is now */
    int nchance;
    int weeks;                    /* the scenario's weeks (the sparkline's width) */
    char messages_label[256];
    char msg[BS_MAX_MESSAGES][512];
    char msg_status[BS_MAX_MESSAGES][160]; /* recall and belief */
    float msg_alpha[BS_MAX_MESSAGES]; /* 0..1, from recall */
    bool msg_accepted[BS_MAX_MESSAGES];
    int nmsg;
    int nrows;                    /* vendors + other sources */
    int me;                       /* vendor of the seat shown */
    /* training sessions */
    char badge[BS_MAX_VENDORS][32]; /* "P2" beside a vendor played by a person ("" none) */
    char me_short[160];           /* role-play: the seat's vendor without "(you)"... */
    char me_you[96];              /* ... and "(you)" for the line below, when the name is too long */
    bool vote;                    /* room vote: the prompt speaks to the room */
    bool replay;                  /* a past game, read-only */
} ScrWeek;

typedef struct {
    float from, to;
} ScrEase;

typedef struct {
    double t0;                    /* start time (seconds); <0 settled */
    ScrEase share[BS_MAX_VENDORS + 1];
    ScrEase trust, character, competence, risk;
    float delta[BS_MAX_VENDORS + 1]; /* share change of the last week, points */
    bool show_delta;
} ScrAnim;

typedef struct ScrModel {
    /* the game in progress: the scenario, strings, session, game, seats,
     * predictions, saves, history record and debriefs (engine/app/play.h) */
    AppPlay *p;
    ScrMode mode;
    bool projector;
    char last_error[512];         /* a move's problem (a save that failed) as one line to show; "" none */
    ScrWeek wk;
    ScrAnim anim;
    BsDebrief deb;                /* the debrief shown (seat deb_seat) */
    int deb_seat;
    /* the buyer's chance to choose each vendor at the start of each week
     * played, as the players saw it then (the chance meter's weeks so far) */
    float chance[BS_MAX_WEEKS][BS_MAX_VENDORS];
    int nchance;                  /* weeks recorded */
} ScrModel;

typedef struct {
    const char *scenario;         /* path or bundled id */
    const char *lang;             /* NULL: the scenario's */
    const char *resume;           /* save to resume, or NULL */
    const char *save;             /* autosave path, NULL: default, "" none */
    const char *rivals;
    uint64_t seed;
    bool has_seed;
    int players;
    ScrMode mode;
    bool projector;
    bool predict, vote;
    bool replay;                  /* open `resume` read-only, week by week */
    bool uneven;                  /* role-play: the vendors' own starts (a handicap), not equal ones */
} ScrModelOptions;

/* Text of an interface string: the language's, else English, else the key. */
const char *scr_str(const ScrModel *m, const char *key);
/* Opens a game (app_play_open); NULL with errs set. */
ScrModel *scr_model_open(const ScrModelOptions *o, BsErrors *errs);
void scr_model_free(ScrModel *m);
/* Rebuilds the week's texts and previews (after any change of the game). */
void scr_model_refresh(ScrModel *m);
/* Plays the k-th available choice (0-based; -1: let the week pass) for the
 * current seat. When every seat has chosen, resolves the week, autosaves and
 * starts the animation at time now. Returns true if the week resolved. */
bool scr_model_choose(ScrModel *m, int k, double now);
/* The same with the seat's prediction (mindshare, trust, career risk;
 * NULL none), for predict-then-reveal. */
bool scr_model_choose_predicted(ScrModel *m, int k, const BsPredict pred[3], double now);
bool scr_model_undo(ScrModel *m, double now);
/* The week the k-th choice would lead to, on a copy: `out` (its game in
 * `play`) as m would be after the move, its meters settled; m is not
 * changed. False when the move would not resolve the week at once (a seat
 * still to choose, a prediction to make) or would end the game. */
bool scr_model_peek(const ScrModel *m, int k, ScrModel *out, AppPlay *play);
/* Writes what the last move left due (its autosave, a finished game's
 * history record; app_play_write); false with the problem in last_error. */
bool scr_model_write(ScrModel *m);
/* Saves the game to path (app_play_save); false with errs set. */
bool scr_model_save(ScrModel *m, const char *path, BsErrors *errs);
/* Demo: the policy's choice for the current seat (0-based, -1 none). */
int scr_model_policy_choice(ScrModel *m, const char *policy, uint64_t salt);
/* Starts the game again from week 1 (a new seed when new_seed). */
void scr_model_restart(ScrModel *m, uint64_t seed);
/* play --watch: the case file was saved. Plays on with the saved version at
 * the same week (the longest run of moves still possible there). Returns the
 * weeks kept, or -1 with the file's errors in errs (the game as it was). */
int scr_model_reload(ScrModel *m, const AppWatch *w, BsErrors *errs);
/* Builds every player's debrief (once per finished game) and shows seat's. */
bool scr_model_debrief(ScrModel *m);
bool scr_model_debrief_seat(ScrModel *m, int seat);
/* Ranking of the players: seats, best first; returns the count. */
int scr_model_ranking(const ScrModel *m, int order[BS_MAX_SEATS]);
/* Replay of a past game: show the game after `week` weeks (clamped);
 * animates a step forward from time now. */
void scr_model_view_week(ScrModel *m, int week, double now);
/* Replay: the move made by the seat shown in the week shown (0-based index
 * into wk.choice), -1 none. */
int scr_model_replay_choice(const ScrModel *m);
/* Facilitator: brings in an injectable event now (seat 0, nothing chosen
 * yet this week), autosaves. False if it cannot happen now. */
bool scr_model_inject(ScrModel *m, int event);
/* Eased value of an animation at time now; settles when done. */
float scr_anim_value(const ScrEase *e, double t0, double now);
bool scr_anim_running(const ScrAnim *a, double now);
void scr_anim_settle(ScrAnim *a);
void scr_fmt_signed(char *out, size_t cap, double v, int decimals);

/*============================================================================
 * Layout
 *==========================================================================*/
#define SCR_MAX_CONT 96
#define SCR_MAX_BOX 320

/* What a container or a box is (for drawing and for tests). */
typedef enum {
    K_SCREEN, K_TOPBAR, K_PANEL_LEFT, K_PANEL_RIGHT, K_HEADER, K_NEWS, K_SAYS, K_THINKS,
    K_CHOICES, K_CHOICE, K_PREVIEW, K_OUTCOME, K_NEXT_BUTTON, K_TABLE, K_ROW, K_METERS,
    K_TRUST, K_RISK, K_RESULT, K_MESSAGES, K_MSGROW, K_CHANCE,
    /* leaves */
    K_TEXT, K_PORTRAIT, K_BADGE, K_BAR_TRACK, K_SWATCH, K_GAUGE, K_METER_BAR, K_CHIP_ARROW,
    K_VERDICT_BAR, K_CHECK, K_SEAT, K_MARK, K_SPARK,
    /* debrief, start, overlays */
    K_CHART, K_CARD, K_BUTTON, K_OVERLAY, K_LIST_ITEM, K_LEGEND,
    K_PAGER,                      /* "Choices 1-5 of 9": the choices go on over clicker pages */
    K_TAB,                        /* a phone's two views: the buyer (tag 0), the buyer's table (tag 1) */
    K_COUNT
} ScrKind;

/* Roles of text (colour and the size class it was laid out with). */
typedef enum {
    R_BODY, R_TITLE, R_SMALL, R_LABEL, R_MUTED, R_THINK, R_NEWS, R_NUMBER, R_DYN
} ScrRole;

typedef enum { A_LEFT, A_CENTER, A_RIGHT } ScrAlign;

typedef struct {
    SDL_Rect r;
    int parent;                   /* container index, -1 for the screen */
    uint8_t kind;
    int tag;                      /* choice, vendor, message index... */
} ScrCont;

typedef struct {
    SDL_Rect r;
    int cont;                     /* container it lies in */
    uint8_t kind;                 /* K_TEXT or a graphic leaf */
    uint8_t role;
    uint8_t align;
    bool bold;
    int px;                       /* font size; 0 for graphics */
    int line_h;
    const char *s;                /* text (NULL: set when drawn, e.g. numbers) */
    size_t len;
    int tag;                      /* vendor row, choice, meter... */
    int sub;                      /* which number of a row (DYN texts) */
    bool cut;                     /* capped to fewer lines than the text needs */
    uint8_t must;                 /* SCR_WHOLE: never cut; SCR_WHOLE_FLOOR: nor below floor_px */
} ScrBox;

/* Texts that are shown whole or not at all: the buyer's words, thoughts
 * and news, the choices, the feedback on the last move, the top bar, the
 * debrief's moments and the panels' prompts. scr_layout_check reports a
 * cut one as a problem (and one under the floor, for SCR_WHOLE_FLOOR). */
enum { SCR_CUT_OK = 0, SCR_WHOLE = 1, SCR_WHOLE_FLOOR = 2 };

typedef struct {
    int w, h;
    bool projector;
    ScrCont cont[SCR_MAX_CONT];
    int ncont;
    ScrBox box[SCR_MAX_BOX];
    int nbox;
    bool overflow;                /* something did not fit (boxes hit the cap) */
    /* quick access */
    int choice[BS_MAX_CHOICES];   /* container of each choice, -1 */
    int next_button;              /* container, -1 */
    int row_track[BS_MAX_VENDORS + 1]; /* bar track box of each table row */
    int body_px_left, body_px_right, min_body_px;
    int floor_px;                 /* the smallest size of an SCR_WHOLE_FLOOR text (0: no floor) */
    /* the choices, when they do not all fit at the floor: clicker pages */
    int choice_pages;             /* 1: all on one */
    int choice_page;              /* the page shown */
    int choice_first, choice_end; /* the choices on it: [first, end) */
    int8_t choice_page_of[BS_MAX_CHOICES];
    int pager;                    /* K_PAGER container, -1 */
    char pager_text[320];
    char bar_text[768];           /* the top bar's title, its last parts left out when it is too long */
    double scale_left, scale_right;
    int clip_lines_left, clip_lines_right; /* 0: nothing clipped */
    /* a phone (portrait: scr_portrait): one column, the buyer or the table */
    bool portrait;
    int view;                     /* 0 the buyer and the choices, 1 the buyer's table */
    int tab[2];                   /* K_TAB containers, -1 */
    int table_pages, table_page;  /* the table's pages (1: all on one) and the one shown */
} ScrLayout;

/* How the layout measures text (the real one uses BsText; no drawing). */
typedef struct {
    void *ud;
    /* height of text wrapped to max_w (0 for ""), widest line in *w */
    int (*measure)(void *ud, const char *s, size_t len, int px, bool bold, int max_w, int *w);
    int (*line_h)(void *ud, int px, bool bold);
} ScrMeasure;

typedef struct {
    int w, h;
    bool projector, exam, demo;
    /* the body sizes chosen last time (0: none): a column starts there, so
     * type does not jump from week to week (and fonts stay cached) */
    int hint_left, hint_right;
    int choice_page;              /* the page of choices asked for (clamped) */
    int focus;                    /* 1 + a choice whose page to show (the keys' selection), 0 none */
    /* portrait (a phone): the view shown (0 the buyer, 1 the table) and the table's page asked for */
    int view;
    int table_page;
} ScrLayoutIn;

/* A screen taller than wide (h > 1.15 w: a phone, a narrow window): every
 * screen is one column, with type for a phone held at arm's length. */
bool scr_portrait(int w, int h);
/* Font size rules, shared by every screen (portrait: its own). */
int scr_base_body_px(int w, int h, bool projector);
int scr_min_body_px(int w, int h, bool projector);

void scr_layout_game(ScrLayout *L, const ScrLayoutIn *in, const ScrWeek *wk, const ScrMeasure *me);

/* The top bar (title, week, mode, help hint); returns its height. */
int scr_lay_topbar(ScrLayout *L, const ScrMeasure *me, const ScrLayoutIn *in, const ScrWeek *wk, int body,
                   int margin);
int scr_lay_margin(int w, int h);
int scr_lay_gap(int w, int h);

/* Builder helpers shared by the game, debrief and start layouts. */
int scr_lay_cont(ScrLayout *L, int parent, int kind, SDL_Rect r, int tag);
/* Empties a layout for a w x h screen: no boxes but the screen itself. */
void scr_layout_begin(ScrLayout *L, int w, int h, bool projector);
int scr_lay_box(ScrLayout *L, int cont, int kind, SDL_Rect r, int tag);
/* A text box to lay out: where (its container, x, y, width), what (the
 * text, its size, bold, role, alignment), at most `lines` lines (0: as many
 * as it needs; more is a cut, recorded in the box), and its tag. */
typedef struct {
    int cont, x, y, w;
    const char *s;
    int px;
    bool bold;
    int role, align;
    int lines;
    int tag;
} ScrTextSpec;
/* Lays it out as tall as its wrapped text (or its line cap): the box index, or -1. */
int scr_lay_text(ScrLayout *L, const ScrMeasure *me, ScrTextSpec t);
int scr_measure_lines(const ScrMeasure *me, const char *s, int px, bool bold, int w, int *line_h);

/* Geometry checks used by the tests (and by a debug assertion). */
bool scr_rect_inside(SDL_Rect in, SDL_Rect out);
bool scr_rect_overlap(SDL_Rect a, SDL_Rect b);
/* Marks a text box as shown whole (SCR_WHOLE, SCR_WHOLE_FLOOR); returns b. */
int scr_lay_must(ScrLayout *L, int b, int must);
/* Returns the number of problems found and describes the first in msg:
 * boxes outside their container or overlapping, and a cut SCR_WHOLE text
 * (or an SCR_WHOLE_FLOOR one under floor_px). */
int scr_layout_check(const ScrLayout *L, char *msg, size_t cap);

/*============================================================================
 * Drawing primitives (gfx.c): geometry through SDL_RenderGeometry, batched
 * in a fixed buffer (no allocation).
 *==========================================================================*/
void gfx_rect(SDL_Renderer *r, SDL_Rect rc, SDL_Color c);
void gfx_round(SDL_Renderer *r, SDL_Rect rc, int radius, SDL_Color c);
/* A rounded box with a border of width bw. */
void gfx_round_border(SDL_Renderer *r, SDL_Rect rc, int radius, int bw, SDL_Color fill, SDL_Color border);
void gfx_circle(SDL_Renderer *r, float cx, float cy, float rad, SDL_Color c);
void gfx_tri(SDL_Renderer *r, float x0, float y0, float x1, float y1, float x2, float y2, SDL_Color c);
void gfx_line(SDL_Renderer *r, float x0, float y0, float x1, float y1, float width, SDL_Color c);
/* Ring segment between angles a0 and a1 (radians, counter-clockwise from +x, y up). */
void gfx_arc(SDL_Renderer *r, float cx, float cy, float r0, float r1, float a0, float a1, SDL_Color c);
/* Quad strip between two polylines (same xs): a band of a stacked area chart. */
void gfx_band(SDL_Renderer *r, const float *xs, const float *top, const float *bot, int n, SDL_Color c);
/* Up (+1) or down (-1) arrow in the box; 0 draws a short dash. */
void gfx_arrow(SDL_Renderer *r, SDL_Rect box, int dir, SDL_Color c);
void gfx_check(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
/* A texture (its u0,v0 - u1,v1 part) drawn in a circle. */
void gfx_tex_circle(SDL_Renderer *r, SDL_Texture *tex, float cx, float cy, float rad, float u0, float v0, float u1,
                    float v1);
void gfx_flush(SDL_Renderer *r);
SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t);
SDL_Color gfx_alpha(SDL_Color c, float a);

/*============================================================================
 * Text drawing helpers (draw.c): wrap with BsText, draw whole lines inside a
 * box only, optionally record every drawn line (tests).
 *==========================================================================*/
#define SCR_MAX_DRAWN 1024
typedef struct {
    SDL_Rect r;                   /* where a line was drawn */
    int box;                      /* the layout box, -1 if none */
    bool cjk;                     /* the line holds Chinese characters */
} ScrDrawn;

typedef struct {
    SDL_Renderer *ren;
    BsText *text;
    ScrTheme th;
    ScrDrawn *log;                /* NULL: do not record */
    int nlog, log_cap;
    char err[256];
    /* a dry run (ahead.c): texts rendered into the cache, nothing drawn;
     * lines not cached yet are rendered until dry_until (seconds,
     * scr_seconds), then counted in dry_left */
    bool dry;
    double dry_until;
    int dry_left;
} ScrDraw;

/* Mindshare bars: the track stands for `scale` (at least 50%, in steps of
 * 10%); a bar's length is track_w * share / scale, rounded. */
int scr_bar_len(int track_w, double share, double scale);
struct ScrApp;
double scr_bar_scale(const struct ScrApp *a);

/* Draws a text box's text in colour c (alpha honoured); returns lines drawn. */
int scr_draw_box_text(ScrDraw *d, const ScrLayout *L, int box, const char *s, size_t len, SDL_Color c);
/* A single line, aligned in rect, clipped to it. */
void scr_draw_line(ScrDraw *d, const char *s, int px, bool bold, SDL_Rect r, int align, SDL_Color c, int box);
ScrMeasure scr_measure_for(BsText *t);
/* Distance between the lines of a paragraph (tighter than the font's). */
int scr_line_step(const BsFont *f);

/*============================================================================
 * The debrief's texts (debrief.c), prepared once per debrief
 *==========================================================================*/
typedef struct {
    char head[256];               /* "Week 4 · +3.2 pts chance to win" */
    char said[SCR_TEXT_CAP + 256];/* the choice, in quotes, and its action */
    char own[512];                /* what the move itself did that week */
    char lesson[SCR_LONG_CAP];    /* "Lesson 1: title. why" */
    char thought[SCR_LONG_CAP];
    int verdict;
} ScrMomentText;

typedef struct {
    bool ok;
    char title[128];
    char outcome[SCR_LONG_CAP];
    char final[512];
    char chart1[256], chart2[256];
    char centric[SCR_LONG_CAP];
    char legend[BS_MAX_VENDORS + 1][160];
    char leg_trust[96], leg_risk[96], leg_you[96], leg_centric[96];
    char best_head[160], worst_head[160];
    ScrMomentText best[3], worst[3];
    int nbest, nworst;
    char no_moments[SCR_LONG_CAP];  /* no move stood out from chance ("" when some did) */
    char no_best[512], no_worst[512]; /* ... none on one side */
    /* why the buyer decided as she did, with the numbers */
    char why_title[160];
    char why[4][SCR_TEXT_CAP];
    int nwhy;
    /* every gift above the buyer's rules, with what it risked (lesson 3) */
    char gifts_title[160];
    char gifts[8][SCR_TEXT_CAP];
    int ngifts;
    /* the key messages in the buyer's memory, week by week */
    char memory_title[256];
    char leg_msg[BS_MAX_MESSAGES][512];
    char leg_accepted[96];
    int nmsg;
    char lessons[SCR_LONG_CAP];   /* the three lessons' titles (the ones run into marked) */
    char lessons_head[160], lesson_title[3][512], lesson_text[3][SCR_LONG_CAP]; /* a projector's last page */
    char button[4][128];
    int nbuttons;
    char axis_week[64];
    char predictions[512];        /* right, the common guess, the skill; "" none */
    char who[256];                /* role-play: "Player 2 · Contoso" */
    /* role-play: the players compared */
    char rank_title[160];
    char rank_outcome[SCR_LONG_CAP];
    char rank_chart[160];         /* "Each player's mindshare over the weeks" */
    struct {
        int seat;
        char head[256];           /* "1st · Player 2 · Contoso: won the deal" */
        char line[768];           /* score, meters, predictions */
        char lessons[SCR_LONG_CAP];   /* the three lessons' titles (the ones run into marked) */
    char lessons_head[160], lesson_title[3][512], lesson_text[3][SCR_LONG_CAP]; /* a projector's last page */ /* the traps they ran into, their best move */
        char open[160];           /* "Player 2's debrief (2)" */
    } rank[BS_MAX_SEATS];
    int nrank;
} ScrDebriefText;

/*============================================================================
 * The application
 *==========================================================================*/
typedef enum { SCR_START, SCR_GAME, SCR_PASS, SCR_DEBRIEF } ScrScreen;

/* Panels over the game screen (panel.c). */
typedef enum { SCR_MODAL_NONE, SCR_MODAL_PREDICT, SCR_MODAL_REVEAL, SCR_MODAL_INJECT } ScrModal;

/* The texts of the pass-the-seat screen and of the panels, prepared when
 * they open (fixed buffers). */
typedef struct {
    /* pass the seat; the first of a role-play says how the players start */
    /* [0] for keys, [1] for a phone's taps (the portrait layout) */
    char week[128], title[256], look[512], go[2][256];
    char start[SCR_LONG_CAP];     /* "Every player starts equal..." or the handicap, "" none */
    /* predict */
    char p_title[256], p_chose[SCR_TEXT_CAP + 64], p_meter[3][64], p_opt[3][64], p_hint[2][512], p_confirm[2][160];
    /* reveal */
    char r_title[256], r_head[3][160], r_text[3][512], r_go[128];
    bool r_has[3], r_right[3];
    /* inject */
    char i_title[256], i_sub[256], i_hint[256], i_item[BS_MAX_EVENTS][320];
    int i_event[BS_MAX_EVENTS], i_n;
} ScrPanel;

#define SCR_MAX_SCENARIOS 32
typedef struct {
    char path[1200];
    char id[64];
    char title[256];
    char summary[640];
    char lang[8];
} ScrScenarioEntry;

typedef struct {
    ScrScenarioEntry items[SCR_MAX_SCENARIOS];
    int n;
    int sel;                      /* scenario */
    int focus;                    /* focused row: a scenario, F_LANG, F_MODE, F_RESUME, F_START, F_PAST + i */
    int lang;                     /* 0 en, 1 zh */
    ScrMode mode;
    bool has_autosave;
    char autosave[1100];
    char autosave_info[256];
    char history_info[256];       /* past games of the selected scenario */
    /* past games of the selected scenario, newest first: a window of the
     * list (it scrolls), read from the history as shown (AppHistView) */
    AppHistView hist;
    struct {
        char label[320];
        char path[1400];          /* the archived session */
    } past[32];                   /* games past_top, past_top + 1, ... */
    int npast;                    /* games in the whole list */
    int npast_loaded;             /* ... in past[] */
    int past_top;                 /* the first one shown (0: the newest) */
    int npast_shown;              /* ... of which the layout found room for */
    int npast_fit;                /* how many the layout has room for */
    bool past_end;                /* scrolled to the end: the oldest game stays in view */
    SDL_Rect past_bar;            /* the scroll bar's track (w 0: none) */
    char past_head[400];          /* "Past games  11-20 / 10000" (the layout points at it) */
    bool hist_warned;             /* the damaged lines were reported (once) */
    int past_missing;             /* games of the window whose session file is gone (left out) */
    bool finger_down, finger_dragged; /* touch: a drag scrolls, a tap clicks */
    float finger_x, finger_y, finger_dy;
    int hover;                    /* -1 none; row*100+item */
    BsStrings *str, *str_en;
} ScrStart;

typedef struct ScrApp {
    /* output */
    SDL_Window *win;              /* NULL off-screen */
    SDL_Renderer *ren;
    SDL_Surface *surf;            /* off-screen target */
    BsText *text;
    int out_w, out_h;             /* output pixels */
    int win_w, win_h;             /* window coordinates (mouse) */
    bool offscreen;
    /* options */
    PlayArgs args;
    bool projector, fullscreen, exam, demo, loop;
    const char *demo_policy;
    double demo_seconds;
    /* state */
    ScrModel *m;
    ScrScreen screen;
    ScrStart start;
    ScrTheme th;
    ScrLayout *lay;               /* of the current screen */
    struct ScrAhead *ahead;       /* the weeks after each choice, made ready (ahead.c); NULL none yet */
    ScrDebriefText *dt;
    SDL_Surface *portrait;        /* the scenario's portrait, NULL: initials */
    SDL_Texture *portrait_tex;    /* made from it on demand */
    bool lay_dirty;
    int hover, sel;               /* choice under the mouse / keyboard focus, -1 */
    int choice_page;              /* the page of choices shown when they need more than one */
    int view;                     /* portrait: 0 the buyer and the choices, 1 the buyer's table */
    int table_page;               /* portrait: the table's page */
    /* a press (a finger, or the mouse on a portrait screen) until it lifts:
     * a tap plays, a drag across switches the view, up or down turns the page */
    bool press_on, press_dragged, press_touch;
    SDL_FingerID press_finger;
    float press_x, press_y, press_dx, press_dy;
    int hint_left, hint_right;    /* body sizes of the last game layout */
    int hint_w, hint_h;           /* ... at this output size */
    bool help, reveal, paused, black, quit;
    int deb_hover;                /* debrief button under the mouse */
    int deb_page;                 /* projector: 0 the charts, then the moments' pages, the key messages, the lessons;
                                   * otherwise the moments' page */
    int deb_mpages;               /* pages the moments took at the last layout (0: not laid out yet) */
    int deb_lpages;               /* ... and a projector's lessons */
    bool deb_split;               /* a phone: the outcome and the mindshare chart on pages of their own */
    int deb_seat;                 /* role-play: the player whose debrief is shown, -1 the ranking */
    /* the pass-the-seat screen and the panels over the game (panel.c) */
    int modal;                    /* ScrModal */
    ScrLayout *ovl;               /* their layout */
    ScrPanel *pn;                 /* their texts */
    bool ovl_dirty;
    int ovl_hover;                /* panel button or item under the mouse, -1 */
    int pred_k;                   /* predict: the choice picked (0-based) */
    uint8_t pred[3];              /* BsPredict per meter, 0 not yet */
    int pred_row;                 /* the row the keys set (3: confirm) */
    int inj_sel;                  /* inject: the item the keys point at */
    double now;                   /* seconds since start (or the bench's clock) */
    double demo_next;             /* when the demo plays its next move */
    int demo_pick;                /* choice the demo is about to play */
    uint64_t demo_salt;
    double over_since;            /* when the game ended (demo loop) */
    char toast[512];
    double toast_until;
    bool shot_pending;            /* take a screenshot after drawing */
    char shot_path[1100];
    bool want_export_png;
    char shot_note[512];          /* said when the pending shot is taken ("" the shot's path) */
    int frames;
    int moved_frame;              /* the frame of the last move: its writes come a frame later */
    /* for tests: the text lines drawn in the last frame */
    ScrDraw draw;
    int events_handled;
    int resets;                   /* render target / device resets seen */
} ScrApp;

typedef struct {
    int w, h;                     /* off-screen size (0: window) */
    bool offscreen;
    PlayArgs args;
} ScrAppOptions;

/* Creates the output (window or surface) and the text system. Does not load a
 * game (scr_app_open_game or the start screen does). NULL with errs set. */
ScrApp *scr_app_create(const ScrAppOptions *o, BsErrors *errs);
void scr_app_destroy(ScrApp *a);
/* Opens a game (scr_model_open) in the screen; false with errs set, and
 * the game shown before, if any, still shown. */
bool scr_app_open_game(ScrApp *a, const ScrModelOptions *mo, BsErrors *errs);
void scr_app_show_start(ScrApp *a);
/* One event (window, keys, mouse, display, render resets). */
void scr_app_event(ScrApp *a, const SDL_Event *e);
/* Advances timers (demo, animation) to time now and draws a frame. */
void scr_app_frame(ScrApp *a, double now);
/* While nothing is due: one piece of the work ahead of time (ahead.c: the
 * week after each choice laid out and its texts rendered). True when it did
 * some, and there may be more. */
bool scr_app_ahead(ScrApp *a);
/* A monotonic clock in seconds. */
double scr_seconds(void);
/* Something is due that only a frame shows or does (a layout, an animation,
 * a move's writes, the demo's clock, a toast): an idle loop must not sleep. */
bool scr_app_wants_frame(const ScrApp *a);
/* Re-reads the output size (after a resize, display change...). */
void scr_app_query_size(ScrApp *a);
void scr_app_toast(ScrApp *a, const char *msg);
/* BUYERSIM_TIMING=1: "buyersim: WHAT at SECONDS" on stderr, when things
 * reach the screen (read by bs_screen_first_frame, the test and the bench). */
void scr_stamp(const char *what);
/* In a window: a first frame with the title, before the first layout. */
void scr_app_splash(ScrApp *a);
/* Opens a past game (an archived session) read-only, week by week; false
 * with errs set. */
bool scr_app_open_replay(ScrApp *a, const char *path, BsErrors *errs);
/* play --watch: reloads the saved case (scr_model_reload) and says so. */
void scr_app_reload(ScrApp *a, const AppWatch *w);
/* The actions keys and clicks lead to (used by render and the tests too):
 * pick the k-th choice (0-based; -1 let the week pass) for the seat playing;
 * in predict mode this opens the prediction panel. */
void scr_app_pick(ScrApp *a, int k);
/* A phone's view (portrait): 0 the buyer and the choices, 1 the buyer's table. */
void scr_app_set_view(ScrApp *a, int view);
/* Enter on the pass-the-seat screen or a panel: go on. */
void scr_app_go_on(ScrApp *a);
/* Predict panel: set row (0 mindshare, 1 trust, 2 risk) to a BsPredict;
 * confirm plays the choice (false until all three are set). */
void scr_app_predict_set(ScrApp *a, int row, int value);
bool scr_app_predict_confirm(ScrApp *a);
/* Facilitator: the inject panel, and bringing in its i-th event. */
void scr_app_open_inject(ScrApp *a);
bool scr_app_inject_item(ScrApp *a, int i);
/* Debrief: show a player's (-1: the players compared). */
void scr_app_debrief_seat(ScrApp *a, int seat);
/* The current frame of the renderer as PNG bytes (*out: bs_free it), or
 * written to path. */
bool scr_app_png(ScrApp *a, uint8_t **out, size_t *len, BsErrors *errs);
bool scr_app_save_png(ScrApp *a, const char *path, BsErrors *errs);

/* Screen drawing entry points (draw.c, debrief.c, start.c). */
void scr_draw_game(ScrApp *a);
void scr_draw_overlays(ScrApp *a);
void scr_layout_debrief(ScrApp *a);
/* A player's debrief on a projector: its pages (the outcome, its reasons
 * and the mindshare chart; the best moments; the worst and the gifts; the
 * buyer-first comparison and the key messages in the buyer's memory; the
 * three lessons in full). */
int scr_debrief_pages(const ScrApp *a);
void scr_draw_debrief(ScrApp *a);
void scr_layout_start(ScrApp *a);
void scr_draw_start(ScrApp *a);
/* The pass-the-seat screen and the panels (panel.c): texts, layout, drawing. */
void scr_panel_texts(ScrApp *a);
void scr_layout_panel(ScrApp *a);
void scr_draw_panel(ScrApp *a);
/* The rectangle a panel over the game sits in (the buyer's side). */
SDL_Rect scr_panel_area(const ScrApp *a);
void scr_start_scan(ScrApp *a);
/* Mouse hit tests on the current layout: container kind + tag, or -1. */
int scr_hit(const ScrLayout *L, int x, int y, int kind);

/*============================================================================
 * PNG (png.c)
 *==========================================================================*/
/* Encodes 8-bit RGB (channels 3) or RGBA (4) rows; *out: bs_free it. */
bool scr_png_encode(const uint8_t *pix, int w, int h, int pitch, int channels, uint8_t **out, size_t *len);
/* Writes bytes to path (atomically; a PNG, a kept file); false with errs
 * set (they name path). */
bool scr_write_file(const char *path, const void *data, size_t n, BsErrors *errs);
bool scr_png_write(const char *path, const uint8_t *pix, int w, int h, int pitch, int channels, BsErrors *errs);
/* Reads an 8-bit, non-interlaced PNG (grey, RGB, palette; alpha) into a
 * new surface, or NULL with errs set (path:1:1 for a file that is no such
 * PNG). */
SDL_Surface *scr_png_load(const char *path, BsErrors *errs);
/* An ARGB8888 / RGB888 / XRGB surface as PNG: bytes (*out: bs_free it), or a file. */
bool scr_png_encode_surface(SDL_Surface *s, uint8_t **out, size_t *len, BsErrors *errs);
bool scr_png_write_surface(const char *path, SDL_Surface *s, BsErrors *errs);

#endif
