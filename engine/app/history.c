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


bool app_history_record(const BsSession *ss, const BsScenario *s, char *err, size_t errcap)
{
    const char *dir = app_user_dir();
    if (!dir) {
        snprintf(err, errcap, "no per-user folder (HOME is not set)");
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
        snprintf(err, errcap, "cannot create %s: %s", games, strerror(errno));
        return false;
    }
    snprintf(path, sizeof path, "%s/%s-%s-%s-%llu.json", games, s->id, s->lang, stamp,
             (unsigned long long)ss->seed);
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_session_save(ss, s, path, &e);
    if (!ok && e.count)
        snprintf(err, errcap, "%s", e.items[0].msg);
    bs_errors_free(&e);
    if (!ok)
        return false;

    char hist[1100];
    snprintf(hist, sizeof hist, "%s/history.jsonl", dir);
    FILE *f = fopen(hist, "a");
    if (!f) {
        snprintf(err, errcap, "cannot write %s: %s", hist, strerror(errno));
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
        snprintf(err, errcap, "cannot write %s", hist);
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

int app_history_read(AppRecord **out, char *err, size_t errcap)
{
    *out = NULL;
    const char *dir = app_user_dir();
    if (!dir) {
        snprintf(err, errcap, "no per-user folder (HOME is not set)");
        return -1;
    }
    char hist[1100];
    snprintf(hist, sizeof hist, "%s/history.jsonl", dir);
    BsErrors e;
    bs_errors_init(&e, hist);
    size_t len = 0;
    char *text = bs_read_file(hist, 64u << 20, &len, &e);
    if (!text) {
        bool missing = e.count && e.items[0].kind == BS_E_IO && access(hist, F_OK) != 0;
        if (!missing && e.count)
            snprintf(err, errcap, "%s: %s", hist, e.items[0].msg);
        bs_errors_free(&e);
        return missing ? 0 : -1;
    }
    bs_errors_free(&e);
    int n = 0, cap = 0;
    AppRecord *recs = NULL;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        cJSON *o = cJSON_Parse(line);
        AppRecord r;
        memset(&r, 0, sizeof r);
        int won = 0;
        bool ok = o && copy_str(r.scenario, sizeof r.scenario, o, "scenario") &&
                  copy_str(r.lang, sizeof r.lang, o, "lang") && copy_str(r.date, sizeof r.date, o, "date") &&
                  copy_str(r.outcome, sizeof r.outcome, o, "outcome") &&
                  copy_str(r.vendor, sizeof r.vendor, o, "vendor") &&
                  get_int(o, "score", 0, 100, &r.score) && get_int(o, "seat", 1, BS_MAX_SEATS, &r.seat) &&
                  get_int(o, "players", 1, BS_MAX_SEATS, &r.players) &&
                  get_int(o, "weeks", 0, BS_MAX_WEEKS, &r.weeks);
        if (ok) {
            copy_str(r.title, sizeof r.title, o, "title");
            copy_str(r.session, sizeof r.session, o, "session");
            const cJSON *sd = cJSON_GetObjectItemCaseSensitive(o, "seed");
            r.seed = cJSON_IsNumber(sd) && sd->valuedouble >= 0 ? (uint64_t)sd->valuedouble : 0;
            won = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "won"));
            r.won = won;
            get_int(o, "predictions", 0, 10000, &r.predictions);
            get_int(o, "predictions_right", 0, 10000, &r.predictions_right);
            const cJSON *ls = cJSON_GetObjectItemCaseSensitive(o, "lessons");
            for (const cJSON *l = cJSON_IsArray(ls) ? ls->child : NULL; l; l = l->next)
                if (cJSON_IsNumber(l) && l->valuedouble >= 1 && l->valuedouble <= 3)
                    r.lessons |= 1 << ((int)l->valuedouble - 1);
            if (n == cap) {
                cap = cap ? cap * 2 : 64;
                AppRecord *nr = bs_realloc(recs, (size_t)cap * sizeof *nr);
                if (!nr) {
                    cJSON_Delete(o);
                    break;
                }
                recs = nr;
            }
            recs[n++] = r;
        }
        cJSON_Delete(o); /* a torn or foreign line is skipped */
    }
    bs_free(text);
    *out = recs;
    return n;
}
