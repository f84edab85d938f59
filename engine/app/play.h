/* play.h: a game in progress, the one controller under every front end
 * (the console game, the screen; later the browser and a server that
 * referees a room of devices). It owns the scenario, the interface strings,
 * the session and the game; it knows who chooses now, holds the choices of
 * the seats before, resolves the week when every seat has chosen, undoes,
 * brings in the facilitator's events, keeps the predictions and which seat
 * has a reveal to see, autosaves (the save and its per-week log), counts the
 * time played, writes the history record once, builds the debriefs and
 * exports them as JSON. A front end shows its state and hands it the
 * player's input, nothing more. No SDL, no printing: every error is a
 * BsErrors value with its file and position.
 *
 * Ownership: app_play_open returns an AppPlay the caller frees with
 * app_play_free; everything in it belongs to it. Every `errs` is the
 * caller's (bs_errors_init), never NULL. */
#ifndef BS_APP_PLAY_H
#define BS_APP_PLAY_H

#include "app.h"
#include "bs.h"

typedef struct {
    const char *scenario;         /* a file or a bundled id; NULL: the default */
    const char *lang;             /* the interface's language; NULL: the scenario's */
    const char *resume;           /* a save to go on with (the scenario found from its id and hash) */
    const char *save;             /* the autosave: NULL the per-user folder, "" none */
    const char *rivals;           /* the rivals' policy (NULL: the scenario's) */
    uint64_t seed;
    bool has_seed;                /* else the scenario's seed */
    int players;                  /* seats played by people, 1-5 */
    bool predict;                 /* each seat predicts the buyer's reaction before the week resolves */
    bool vote;                    /* a room votes; the facilitator enters the majority */
    bool uneven;                  /* role-play: the vendors' own starts (a handicap), not equal ones */
    bool replay;                  /* `resume` read-only, shown from its first week */
    bool record;                  /* a finished game goes into the player's history */
} AppPlayOptions;

typedef enum {
    APP_PLAY_REFUSED,             /* not a move this seat can make now */
    APP_PLAY_NEXT_SEAT,           /* taken; the next seat chooses */
    APP_PLAY_RESOLVED             /* the week resolved (saved, and recorded if the game ended) */
} AppPlayStep;

typedef struct {
    BsScenario *scn;
    BsStrings *str;               /* the interface's language (NULL when its file is missing) */
    BsStrings *str_en;            /* English, for keys the language lacks (NULL for English) */
    char lang[8];
    char scenario_path[1200];
    char save_path[1100];         /* "" no autosave */
    BsSession ss;
    BsGame g;
    int seat;                     /* the seat choosing now */
    int pending[BS_MAX_SEATS];    /* the choices of the seats before it this week, -1 none */
    bool predict, vote, replay, record;
    bool recorded;                /* the finished game is in the history */
    /* a move's writes (the autosave; the history's record of a game that
     * ended) wait for app_play_write: a screen writes them in the frame
     * after the move's, so that no frame both lays out a week and writes */
    bool defer_writes;
    bool unwritten;               /* a move's writes are due */
    bool reveal_due[BS_MAX_SEATS];/* a seat has last week's prediction to see */
    int view_week;                /* replay: the weeks shown as played */
    double since;                 /* the front end's clock at the last move (time played); <= 0 not yet */
    /* every player's debrief, once the game is over (app_play_debrief) */
    bool deb_ok;
    BsDebrief deb[BS_MAX_SEATS];
    BsPredictScore pred[BS_MAX_SEATS]; /* how each read the buyer, against the common guess */
} AppPlay;

/* Opens a new game or resumes a save (a save that does not load says where
 * its previous good save, FILE.bak, is). NULL with errs filled. */
AppPlay *app_play_open(const AppPlayOptions *o, BsErrors *errs);
void app_play_free(AppPlay *p);

/* An interface string: the language's, else English, else the key. */
const char *app_play_str(const AppPlay *p, const char *key);
/* The strings the texts of the game are made with (the language's, else English). */
const BsStrings *app_play_strings(const AppPlay *p);

/* The current seat's move: `choice` is an index into its state's choices
 * (one bs_game_choices lists), -1 lets the week pass (only when it has no
 * choice). With predictions on, pred (mindshare, trust, career risk) is
 * recorded with it (NULL: none). `now` is the front end's clock in seconds,
 * for the time played. Resolving the week autosaves and, when the game
 * ends, writes the history record once; problems with either go to errs
 * and the week still counts. */
AppPlayStep app_play_choose(AppPlay *p, int choice, const BsPredict pred[3], double now, BsErrors *errs);
/* A later seat: back to the first seat of this week. The first seat: the
 * week before, saved. False when there is nothing to undo. */
bool app_play_undo(AppPlay *p, BsErrors *errs);
/* The facilitator brings in an injectable event now (the first seat's
 * turn, before anything is chosen this week); saved. */
bool app_play_inject(AppPlay *p, int event, BsErrors *errs);
/* Saves the session to path, with its per-week log beside it
 * (FILE.log.jsonl for FILE.json). */
bool app_play_save(const AppPlay *p, const char *path, BsErrors *errs);
/* The autosave (nothing to do when there is none). */
bool app_play_autosave(const AppPlay *p, BsErrors *errs);
bool app_play_write(AppPlay *p, BsErrors *errs);
/* Counts the time since the last move as played (an idle hour is not). */
void app_play_count_time(AppPlay *p, double now);
/* Starts again from week 1 with another seed, the same seats. */
void app_play_restart(AppPlay *p, uint64_t seed);
/* play --watch: plays on with the saved case at the same week (the longest
 * run of moves still possible there); the weeks kept, or -1 with the file's
 * errors in errs and the game as it was. */
int app_play_reload(AppPlay *p, const AppWatch *w, BsErrors *errs);

/* Every player's debrief and prediction score (once per finished game). */
bool app_play_debrief(AppPlay *p, BsErrors *errs);
/* The players, best first (won, then score, then mindshare); the count. */
int app_play_ranking(const AppPlay *p, int order[BS_MAX_SEATS]);
/* The debrief of a seat as JSON (format 1): in *out (bs_free it; *len bytes),
 * or written atomically to path. Builds the debriefs first if need be. */
bool app_play_debrief_json_text(AppPlay *p, int seat, char **out, size_t *len, BsErrors *errs);
bool app_play_debrief_json(AppPlay *p, int seat, const char *path, BsErrors *errs);

/* A past game, read-only: the game after `week` weeks (clamped). */
bool app_play_view_week(AppPlay *p, int week, BsErrors *errs);
/* The choice (an index into the state's choices) the current seat made in
 * the week shown, -1 none. */
int app_play_replay_move(const AppPlay *p);

#endif
