/* Progress: every finished game, one JSON line in <user dir>/history.jsonl,
 * and its session archived in <user dir>/games/ so it can be replayed.
 * Appending a line is crash-safe enough: a torn last line is skipped. */
#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


bool app_history_record(const BsSession *ss, const BsScenario *s, BsErrors *errs)
{
    const char *dir = app_user_dir();
    if (!dir) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "no per-user folder (HOME is not set)");
        return false;
    }
    /* archive the session: games/<scenario>-<lang>-<time>-<seed>.json */
    char games[1100], path[1400], when[32], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(games, sizeof games, "%s/games", dir);
    if (mkdir(games, 0755) != 0 && errno != EEXIST) {
        app_errors_add_at(errs, games, BS_E_IO, 0, 0, "cannot create the folder: %s", strerror(errno));
        return false;
    }
    snprintf(path, sizeof path, "%s/%s-%s-%s-%llu.json", games, s->id, s->lang, stamp,
             (unsigned long long)ss->seed);
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_session_save(ss, s, path, &e);
    if (!ok && !e.count)
        bs_errors_add(&e, BS_E_IO, 0, 0, "", "cannot write");
    if (!ok)
        app_errors_take(errs, &e);
    bs_errors_free(&e);
    if (!ok)
        return false;

    char hist[1100];
    snprintf(hist, sizeof hist, "%s/history.jsonl", dir);
    FILE *f = fopen(hist, "a");
    if (!f) {
        app_errors_add_at(errs, hist, BS_E_IO, 0, 0, "cannot write: %s", strerror(errno));
        return false;
    }
    for (int seat = 0; seat < ss->nseats; seat++) {
        BsDebrief d;
        bs_errors_init(&e, path);
        if (!bs_debrief_build(ss, s, seat, &d, &e)) {
            bs_errors_free(&e);
            continue;
        }
        int right = 0, made = 0;
        bs_session_predictions(ss, s, seat, &right, &made, &e);
        bs_errors_free(&e);
        fprintf(f, "{\"scenario\":");
        app_json_string(f, s->id);
        fprintf(f, ",\"lang\":");
        app_json_string(f, s->lang);
        fprintf(f, ",\"title\":");
        app_json_string(f, s->title);
        fprintf(f, ",\"date\":\"%s\",\"seed\":%llu,\"players\":%d,\"seat\":%d,\"vendor\":", when,
                (unsigned long long)ss->seed, ss->nseats, seat + 1);
        app_json_string(f, s->vendors[d.vendor].name);
        fprintf(f, ",\"outcome\":\"%s\",\"won\":%s,\"score\":%d,\"weeks\":%d,\"lessons\":[",
                d.outcome == BS_OUT_NO_DECISION ? "no_decision" : d.winner == d.vendor ? "won" : "lost",
                d.outcome == BS_OUT_DECIDED && d.winner == d.vendor ? "true" : "false", d.score,
                ss->nweeks);
        bool first = true;
        for (int k = 0; k < 3; k++)
            if (d.lessons_fired >> k & 1) {
                fprintf(f, "%s%d", first ? "" : ",", k + 1);
                first = false;
            }
        fprintf(f, "],\"predictions\":%d,\"predictions_right\":%d,\"session\":", made, right);
        app_json_string(f, path);
        fprintf(f, "}\n");
    }
    ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        app_errors_add_at(errs, hist, BS_E_IO, 0, 0, "cannot write");
    return ok;
}

static int copy_str(char *dst, size_t cap, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v))
        return 0;
    snprintf(dst, cap, "%s", v->valuestring);
    return 1;
}

static int get_int(const cJSON *o, const char *key, int lo, int hi, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi)
        return 0;
    *out = (int)v->valuedouble;
    return 1;
}

/* One line of history.jsonl into r. False for a line that is not a JSON
 * object with the fields every record has (a torn or foreign line). */
static bool parse_line(const char *line, AppRecord *r)
{
    cJSON *o = cJSON_Parse(line);
    memset(r, 0, sizeof *r);
    bool ok = o && copy_str(r->scenario, sizeof r->scenario, o, "scenario") &&
              copy_str(r->lang, sizeof r->lang, o, "lang") && copy_str(r->date, sizeof r->date, o, "date") &&
              copy_str(r->outcome, sizeof r->outcome, o, "outcome") &&
              copy_str(r->vendor, sizeof r->vendor, o, "vendor") &&
              get_int(o, "score", 0, 100, &r->score) && get_int(o, "seat", 1, BS_MAX_SEATS, &r->seat) &&
              get_int(o, "players", 1, BS_MAX_SEATS, &r->players) &&
              get_int(o, "weeks", 0, BS_MAX_WEEKS, &r->weeks);
    if (ok) {
        copy_str(r->title, sizeof r->title, o, "title");
        copy_str(r->session, sizeof r->session, o, "session");
        const cJSON *sd = cJSON_GetObjectItemCaseSensitive(o, "seed");
        r->seed = cJSON_IsNumber(sd) && sd->valuedouble >= 0 && sd->valuedouble < 1.8e19 ? (uint64_t)sd->valuedouble : 0;
        r->won = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "won"));
        get_int(o, "predictions", 0, 10000, &r->predictions);
        get_int(o, "predictions_right", 0, 10000, &r->predictions_right);
        const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "lessons");
        for (const cJSON *l = cJSON_IsArray(ls) ? ls->child : NULL; l; l = l->next)
            if (cJSON_IsNumber(l) && l->valuedouble >= 1 && l->valuedouble <= 3)
                r->lessons |= 1 << ((int)l->valuedouble - 1);
    }
    cJSON_Delete(o);
    return ok;
}

/* history.jsonl read line by line through a fixed buffer: a line longer
 * than the buffer (no record is) is read to its end and reported damaged,
 * so a damaged file never makes the reader take more memory. */
#define LINE_MAX_LEN 8192
typedef struct {
    FILE *f;
    char line[LINE_MAX_LEN];
    long long off;                /* where the line read last starts */
    long long pos;                /* where the next one starts (counted: no ftell, a system call, per line) */
} LineReader;

/* The history file, or NULL: *missing when there is none yet (no error:
 * no game finished so far), else errs says why it cannot be read. */
static FILE *open_history(char *path, size_t cap, BsErrors *errs, bool *missing)
{
    *missing = false;
    const char *dir = app_user_dir();
    if (!dir) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "no per-user folder (HOME is not set)");
        return NULL;
    }
    snprintf(path, cap, "%s/history.jsonl", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        *missing = errno == ENOENT;
        if (!*missing)
            app_errors_add_at(errs, path, BS_E_IO, 0, 0, "%s", strerror(errno));
    }
    return f;
}

/* The next line: 1 a line (in lr->line, without its newline), 0 the end,
 * -1 a line too long (skipped). */
static int next_line(LineReader *lr)
{
    lr->off = lr->pos;
    if (!fgets(lr->line, sizeof lr->line, lr->f))
        return 0;
    size_t n = strlen(lr->line); /* a NUL inside a line: the rest is not counted, and the marks are off (harmless) */
    lr->pos += (long long)n;
    if (n && lr->line[n - 1] == '\n') {
        lr->line[--n] = '\0';
        return 1;
    }
    if (feof(lr->f))
        return 1; /* a last line without its newline (torn: parsing tells) */
    int c;
    while ((c = getc(lr->f)) != EOF) {
        lr->pos++;
        if (c == '\n')
            break;
    }
    return -1;
}

static bool blank(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r')
        s++;
    return !*s;
}

int app_history_read(AppRecord **out, BsErrors *errs)
{
    *out = NULL;
    int damaged = 0, first_damaged = 0, lineno = 0;
    bool oom = false;
    char hist[1100];
    bool missing;
    static LineReader lr; /* 8 KB: not on the stack */
    lr.f = open_history(hist, sizeof hist, errs, &missing);
    lr.pos = 0;
    if (!lr.f)
        return missing ? 0 : -1;
    int n = 0, cap = 0;
    AppRecord *recs = NULL;
    for (int got; (got = next_line(&lr)) != 0;) {
        AppRecord r;
        lineno++;
        if (got < 0 || !parse_line(lr.line, &r)) {
            if (got < 0 || !blank(lr.line)) { /* a torn or foreign line is skipped */
                damaged++;
                first_damaged = first_damaged ? first_damaged : lineno;
            }
            continue;
        }
        if (n == cap) {
            int ncap = cap ? cap * 2 : 64;
            AppRecord *nr = bs_realloc(recs, (size_t)ncap * sizeof *nr);
            if (!nr) {
                app_errors_add_at(errs, hist, BS_E_MEMORY, 0, 0, "out of memory after %d records", n);
                oom = true;
                break;
            }
            recs = nr;
            cap = ncap;
        }
        recs[n++] = r;
    }
    fclose(lr.f);
    lr.f = NULL;
    if (damaged && !oom)
        app_errors_add_at(errs, hist, BS_E_SYNTAX, first_damaged, 1,
                          "%d damaged line(s) skipped (torn, not JSON, or fields missing)", damaged);
    *out = recs;
    return n;
}

/*============================================================================
 * The start screen's view: one scenario's counts and a page of its latest
 * games, read through the line buffer (never the whole file).
 *==========================================================================*/
/* A game is a run of consecutive records of one session with rising seats
 * (a role-play writes one per player). */
typedef struct {
    char prev_session[1400];
    int prev_seat;
    int games;                    /* games so far */
} GameWalk;

/* The game index of record r, advancing the walk. */
static int walk_record(GameWalk *gw, const AppRecord *r)
{
    bool same = gw->prev_seat > 0 && r->seat > gw->prev_seat && !strcmp(r->session, gw->prev_session);
    gw->prev_seat = r->seat;
    if (same)
        return gw->games - 1;
    size_t n = strlen(r->session);
    memcpy(gw->prev_session, r->session, n + 1); /* same size: AppRecord.session */
    return gw->games++;
}

static void walk_break(GameWalk *gw) { gw->prev_seat = 0; }

bool app_history_view(AppHistView *v, const char *scenario, BsErrors *errs)
{
    memset(v, 0, sizeof *v);
    snprintf(v->scenario, sizeof v->scenario, "%s", scenario);
    v->best = -1;
    v->stride = 1;
    char hist[1100];
    bool missing;
    static LineReader lr;
    static GameWalk gw;
    memset(&gw, 0, sizeof gw);
    lr.f = open_history(hist, sizeof hist, errs, &missing);
    lr.pos = 0;
    if (!lr.f)
        return missing;
    for (int got; (got = next_line(&lr)) != 0;) {
        AppRecord r;
        if (got < 0 || !parse_line(lr.line, &r)) {
            v->damaged += got < 0 || !blank(lr.line);
            walk_break(&gw);
            continue;
        }
        if (strcmp(r.scenario, scenario)) {
            walk_break(&gw);
            continue;
        }
        v->played++;
        v->won += r.won;
        if (r.score > v->best)
            v->best = r.score;
        int before = gw.games;
        int g = walk_record(&gw, &r);
        if (gw.games == before)
            continue; /* a later player's record of the game */
        /* a new game: remember where every stride-th starts; when the marks
         * are all used, keep every other one and double the stride */
        if (g % v->stride)
            continue;
        if (v->nmarks == APP_HIST_MARKS) {
            for (int k = 0; k < APP_HIST_MARKS / 2; k++)
                v->mark[k] = v->mark[2 * k];
            v->nmarks = APP_HIST_MARKS / 2;
            v->stride *= 2;
            if (g % v->stride)
                continue;
        }
        v->mark[v->nmarks++] = lr.off;
    }
    v->games = gw.games;
    fclose(lr.f);
    lr.f = NULL;
    return true;
}

int app_history_page(const AppHistView *v, int top, AppRecord *out, int max, int *missing, BsErrors *errs)
{
    if (top < 0 || max <= 0 || top >= v->games || v->nmarks == 0)
        return 0;
    /* games counted from the newest: top .. top + max - 1 */
    int hi = v->games - 1 - top, lo = hi - max + 1 < 0 ? 0 : hi - max + 1, want = hi - lo + 1;
    int m = lo / v->stride;
    if (m >= v->nmarks)
        m = v->nmarks - 1;
    char hist[1100];
    bool no_file;
    static LineReader lr;
    static GameWalk gw;
    memset(&gw, 0, sizeof gw);
    gw.games = m * v->stride;
    lr.f = open_history(hist, sizeof hist, errs, &no_file);
    if (!lr.f) {
        if (no_file) /* gone since the view was made */
            app_errors_add_at(errs, hist, BS_E_IO, 0, 0, "%s", strerror(ENOENT));
        return 0;
    }
    lr.pos = v->mark[m];
    if (fseeko(lr.f, (off_t)v->mark[m], SEEK_SET) != 0) {
        app_errors_add_at(errs, hist, BS_E_IO, 0, 0, "cannot seek: %s", strerror(errno));
        fclose(lr.f);
        lr.f = NULL;
        return 0;
    }
    memset(out, 0, (size_t)want * sizeof *out);
    int got_n = 0;
    for (int got; (got = next_line(&lr)) != 0;) {
        AppRecord r;
        if (got < 0 || !parse_line(lr.line, &r) || strcmp(r.scenario, v->scenario)) {
            walk_break(&gw);
            continue;
        }
        int before = gw.games;
        int g = walk_record(&gw, &r);
        if (g < lo)
            continue;
        if (g > hi)
            break;
        int k = hi - g; /* newest first */
        if (gw.games != before) {
            out[k] = r;
            got_n = k + 1 > got_n ? k + 1 : got_n;
        } else if (r.score > out[k].score) {
            out[k].score = r.score; /* the game's best player */
        }
    }
    fclose(lr.f);
    lr.f = NULL;
    /* a game whose session file is gone cannot be replayed: left out (only
     * those shown are looked at: no file system call per game of the
     * history); slots not found (the file changed since the view) too */
    int n = 0;
    for (int k = 0; k < (got_n < want ? got_n : want); k++) {
        struct stat st;
        if (!out[k].session[0])
            continue;
        if (stat(out[k].session, &st) != 0 || !S_ISREG(st.st_mode)) {
            ++*missing;
            continue;
        }
        if (n != k)
            out[n] = out[k];
        n++;
    }
    return n;
}
