/* The application layer shared by the console and the screen: where data
 * and per-user files live, the language, loading scenarios and strings, the
 * options of `play`. No SDL here. */
#ifndef BS_APP_H
#define BS_APP_H

#include "bs.h"
#include <stdio.h>

/* Where scenarios/ and assets/ are: $BUYERSIM_DATA, else next to an installed
 * binary (<prefix>/share/buyersim), else the source tree it was built from. */
const char *app_data_dir(void);
/* The per-user folder for saves, logs and history (created): $XDG_DATA_HOME
 * (when set and not empty) or ~/.local/share, + /buyersim. NULL if neither. */
const char *app_user_dir(void);
/* "en" or "zh": --lang, else the locale (LC_ALL, LC_MESSAGES, LANG). */
const char *app_lang(const char *arg);
/* A scenario argument: a file path, or a bundled id looked up in
 * scenarios/<lang>/<id>.json. NULL arg: the default scenario. */
bool app_scenario_path(const char *arg, const char *lang, char *out, size_t cap);
/* The bundled scenario files of a language (the .json files in
 * scenarios/<lang>), sorted by file name: up to cap paths; returns how many. */
#define APP_PATH_MAX 1300
int app_bundled_files(const char *lang, char (*paths)[APP_PATH_MAX], int cap);
/* Finds a bundled scenario by id and content hash (for saves). */
bool app_find_scenario(const char *id, uint64_t hash, char *out, size_t cap);
/* The scenario a save was played with: the installed one with its id and
 * content hash, else the file it was played from (the save's
 * "scenario_file") if that still has the same content. */
bool app_session_scenario(const BsSession *ss, const char *id, char *out, size_t cap);
BsStrings *app_strings(const char *lang);
/* Loads a scenario file: the scenario (bs_scenario_free), or NULL with the
 * file's errors in errs. */
BsScenario *app_load_scenario(const char *path, BsErrors *errs);
/* Loads a session file and the scenario it was played with: `scenario_arg`
 * (a file or an id) when given, else the bundled scenario with the save's id
 * and content hash. Returns the scenario (bs_scenario_free), or NULL with
 * every problem in errs: the save's (and then where the previous good save
 * is, app_errors_add_bak), the scenario file's, or that no scenario matches
 * (an unknown `scenario_arg` names no file). */
BsScenario *app_load_session(const char *file, const char *scenario_arg, const char *lang, BsSession *ss,
                             BsErrors *errs);
/* A save that does not load: adds, as an error of `file`, where the previous
 * good save is kept and how to resume it, when there is a readable FILE.bak
 * (and `file` is no .bak itself). */
void app_errors_add_bak(BsErrors *errs, const char *file);

/* Errors. Every layer reports them as the core's BsErrors values (bs.h):
 * a function that can fail takes a `BsErrors *errs` of its caller's
 * (bs_errors_init'ed, never NULL), adds what went wrong with its position
 * (FILE:LINE:COL; line 1, column 1 for a problem with a whole file's
 * content, line 0 for one with no place in a file: it cannot be opened,
 * memory ran out) and returns false / NULL / -1; the caller shows them and
 * frees them (bs_errors_free). Nothing prints or exits on the way.
 *
 * Adds an error about `file` (NULL or "": the file e names already); e then
 * names that file (a BsErrors names one file, the last set). */
void app_errors_add_at(BsErrors *e, const char *file, BsErrKind kind, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Copies the errors of one file into e, which then names that file. */
void app_errors_take(BsErrors *e, const BsErrors *from);
/* The i-th error of e as one line, as the front ends show it:
 * FILE:LINE:COL: PATH: message, FILE: PATH: message without a line, the
 * message alone when e names no file; the PATH "(root)" is left out. */
void app_error_line(const BsErrors *e, int i, char *out, size_t cap);
/* Prints every error of e as app_error_line does, one a line, each after
 * prefix (e.g. "buyersim: render: "; NULL none). */
void app_errors_print(FILE *f, const char *prefix, const BsErrors *e);

/* Fills "{name}" placeholders from NULL-terminated (name, value) pairs. The
 * template comes from a file, so this is never a printf format. */
void app_fill(char *out, size_t cap, const char *tmpl, const char *const *kv);
/* The interface-strings key of a game's outcome for vendor `me`
 * ("debrief.won", "debrief.lost", "debrief.no_decision", "debrief.unfinished"). */
const char *app_outcome_key(BsOutcomeKind k, int winner, int me);
/* Writes s as a JSON string (quoted, escaped). */
void app_json_string(FILE *f, const char *s);
/* The outcome of a move in words ("A hidden need came up: ..."); "" if none. */
void app_outcome_text(const BsGame *g, const BsStrings *t, int vendor, const BsMove *mv, char *out, size_t cap);

/* The debrief in words, the same for the console and the screen: one reason
 * the buyer decided as she did; a gift above the rules and what it risked;
 * how well the trainee read the buyer, against always guessing the most
 * common answer. */
void app_reason_text(const BsScenario *s, const BsStrings *t, const BsWhy *w, char *out, size_t cap);
void app_gift_text(const BsScenario *s, const BsStrings *t, const BsMoment *m, char *out, size_t cap);
void app_predict_text(const BsStrings *t, const BsPredictScore *p, char *out, size_t cap);

/* Progress. A finished game's session is archived under <user dir>/games/
 * and one line per player appended to <user dir>/history.jsonl. */
typedef struct {
    char scenario[64], lang[8], title[256], date[32], outcome[16], vendor[128], session[1400];
    uint64_t seed;
    int players, seat, score, weeks, lessons, predictions, predictions_right;
    bool won;
} AppRecord;
/* Archives a finished game and appends its records; false with errs set. */
bool app_history_record(const BsSession *ss, const BsScenario *s, BsErrors *errs);
/* All records, oldest first (bs_free the array); 0 if none yet, -1 with
 * errs set when the history cannot be read. Damaged lines (torn, not JSON,
 * fields missing) are skipped: then one warning in errs says how many (at
 * the first of them) and the records are read. */
int app_history_read(AppRecord **out, BsErrors *errs);

/* The start screen's view of one scenario's history, read line by line
 * through a fixed buffer (never the whole file): the counts, and marks of
 * where its games start (every `stride`-th game, at most APP_HIST_MARKS of
 * them however long the history) so that a page of them is found without
 * reading the file again from its start. A game is one session: a role-play
 * writes a record per player. */
#define APP_HIST_MARKS 256
typedef struct {
    char scenario[64];
    int played, won, best;        /* records of the scenario (best -1: none) */
    int games;                    /* its games */
    int damaged;                  /* lines skipped: torn, not JSON, fields missing */
    int stride, nmarks;
    long long mark[APP_HIST_MARKS]; /* file offset of game k * stride */
} AppHistView;
/* False (errs set) when the history cannot be read; no history is an empty view. */
bool app_history_view(AppHistView *v, const char *scenario, BsErrors *errs);
/* The games from the `top`-th newest to the (top + max - 1)-th, newest
 * first, into out (a game's score is its best player's); a game whose
 * session file is gone is left out and counted in *missing. Returns how
 * many are in out (0, errs set, when the history cannot be read). */
int app_history_page(const AppHistView *v, int top, AppRecord *out, int max, int *missing, BsErrors *errs);

/* play --watch: the watched file's last change. */
typedef struct {
    const char *path;
    long long mtime_s, mtime_ns, size;
    bool seen;
} AppWatch;
/* True when the file changed since the last call (the first call only
 * notes it). A file missing for a moment (an editor's save) is no change. */
bool app_watch_changed(AppWatch *w);
/* Loads the saved file and carries the session over to it (the longest run
 * of weeks still possible there; bs_session_rebase), replaying into *g. On
 * success frees the old *s, sets *s and *g and returns the weeks kept; on
 * failure (errors in errs) returns -1 and leaves the session, *s and *g as
 * they were. */
int app_watch_reload(const AppWatch *w, BsSession *ss, BsScenario **s, BsGame *g, BsErrors *errs);

typedef struct {
    const char *scenario;
    const char *lang;
    const char *save;
    const char *resume;
    const char *rivals;
    uint64_t seed;
    bool has_seed;
    int players;
    bool text, projector, demo, exam, loop, predict, vote;
    bool uneven;                  /* role-play: the vendors' own (uneven) starts, announced as a handicap */
    const char *watch;            /* a scenario file to reload, at the same week, whenever it is saved */
    const char *demo_policy;
    double demo_seconds;
    const char *moves;            /* played first, as render's --moves ("1,4,2"; ",debrief" at the end of a
                                   * whole game opens its debrief): a position to share, a link into the game */
} PlayArgs;


#endif
