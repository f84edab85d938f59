/* Sessions: a scenario id + content hash + seed + move log. The game, undo,
 * resume and replay are all derived by replaying the log. Saves are written
 * crash-safe: temp file, fsync, hard-link the old save to .bak, rename over,
 * fsync the folder. At every instant the save path holds a complete file. */
#define _POSIX_C_SOURCE 200809L
#include "bs.h"
#include "bs_buf.h"
#include "internal/json.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void bs_session_new(BsSession *ss, const BsScenario *s, const BsGameOptions *o)
{
    memset(ss, 0, sizeof *ss);
    snprintf(ss->scenario_id, sizeof ss->scenario_id, "%s", s->id);
    ss->hash = s->hash;
    ss->seed = o->seed;
    ss->nseats = o->nseats < 1 ? 1 : o->nseats;
    snprintf(ss->rivals, sizeof ss->rivals, "%s", o->rivals ? o->rivals : "");
    ss->uneven = o->uneven && ss->nseats > 1;
}

static void opts_of(const BsSession *ss, BsGameOptions *o)
{
    memset(o, 0, sizeof *o);
    o->nseats = ss->nseats;
    o->seed = ss->seed;
    o->rivals = ss->rivals[0] ? ss->rivals : NULL;
    o->uneven = ss->uneven;
}

static bool inject_week(const BsSession *ss, BsGame *g, int week, BsErrors *errs)
{
    for (int i = 0; i < ss->ninject; i++) {
        if (ss->inject[i].week != week)
            continue;
        if (!bs_game_inject(g, ss->inject[i].event)) {
            bs_errors_add(errs, BS_E_SESSION, 0, 0, "inject", "injected event %d cannot fire in week %d",
                          ss->inject[i].event, week);
            return false;
        }
    }
    return true;
}

bool bs_session_replay(const BsSession *ss, const BsScenario *s, BsGame *g, int upto, BsErrors *errs)
{
    if (strcmp(ss->scenario_id, s->id) != 0) {
        bs_errors_add(errs, BS_E_SESSION, 0, 0, "scenario",
                      "this session belongs to scenario \"%s\", not \"%s\"", ss->scenario_id, s->id);
        return false;
    }
    if (ss->hash != s->hash) {
        bs_errors_add(errs, BS_E_SESSION, 0, 0, "hash",
                      "the scenario \"%s\" has changed since this session was saved; "
                      "the moves would not mean the same any more, so it is not replayed",
                      s->id);
        return false;
    }
    BsGameOptions o;
    opts_of(ss, &o);
    if (!bs_game_init(g, s, &o, errs))
        return false;
    int n = upto < 0 || upto > ss->nweeks ? ss->nweeks : upto;
    for (int w = 0; w < n; w++) {
        if (!inject_week(ss, g, w + 1, errs))
            return false;
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < ss->nseats; se++)
            ch[se] = ss->moves[w][se];
        if (bs_game_over(g) || !bs_game_step(g, ch)) {
            bs_errors_add(errs, BS_E_SESSION, 0, 0, "weeks",
                          "the move in week %d is not possible in this scenario", w + 1);
            return false;
        }
    }
    if (n == ss->nweeks && !bs_game_over(g) && !inject_week(ss, g, n + 1, errs))
        return false;
    return true;
}

int bs_session_rebase(BsSession *ss, const BsScenario *s)
{
    snprintf(ss->scenario_id, sizeof ss->scenario_id, "%s", s->id);
    ss->hash = s->hash;
    BsGame g;
    BsGameOptions o;
    opts_of(ss, &o);
    BsErrors e;
    bs_errors_init(&e, "");
    bool ok = bs_game_init(&g, s, &o, &e);
    bs_errors_free(&e);
    if (!ok) { /* the new scenario has no room for these players */
        ss->nweeks = 0;
        ss->ninject = 0;
        return -1;
    }
    int w = 0;
    for (; w < ss->nweeks; w++) {
        for (int i = 0; i < ss->ninject; i++)
            if (ss->inject[i].week == w + 1 && (ss->inject[i].event >= s->nevents || !bs_game_inject(&g, ss->inject[i].event)))
                ss->inject[i].week = 0; /* an event that no longer exists, or cannot happen: dropped */
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < BS_MAX_SEATS; se++)
            ch[se] = se < ss->nseats ? ss->moves[w][se] : -1;
        if (bs_game_over(&g) || !bs_game_step(&g, ch))
            break;
    }
    ss->nweeks = w;
    int k = 0; /* injections after the kept weeks go too */
    for (int i = 0; i < ss->ninject; i++)
        if (ss->inject[i].week >= 1 && ss->inject[i].week <= w + 1 && ss->inject[i].event < s->nevents)
            ss->inject[k++] = ss->inject[i];
    ss->ninject = k;
    for (int x = w; x < BS_MAX_WEEKS; x++)
        memset(ss->predict[x], 0, sizeof ss->predict[x]);
    return w;
}

bool bs_session_replay_start(const BsSession *ss, const BsScenario *s, BsGame *g, int week, BsErrors *errs)
{
    int upto = week - 1 < 0 ? 0 : week - 1;
    if (!bs_session_replay(ss, s, g, upto, errs))
        return false;
    if (upto < ss->nweeks && !bs_game_over(g)) /* bs_session_replay did not bring these in */
        return inject_week(ss, g, upto + 1, errs);
    return true;
}

bool bs_session_play(BsSession *ss, BsGame *g, const int *choices)
{
    if (ss->nweeks >= BS_MAX_WEEKS || !bs_game_step(g, choices))
        return false;
    for (int se = 0; se < ss->nseats; se++)
        ss->moves[ss->nweeks][se] = (int8_t)choices[se];
    ss->nweeks++;
    return true;
}

bool bs_session_undo(BsSession *ss, const BsScenario *s, BsGame *g)
{
    if (ss->nweeks == 0)
        return false;
    /* Back to the start of the last played week: its moves go, and so do
     * events injected after them (at the start of the week that followed). */
    BsSession copy = *ss;
    copy.nweeks--;
    int k = 0;
    for (int i = 0; i < ss->ninject; i++)
        if (ss->inject[i].week <= copy.nweeks + 1)
            copy.inject[k++] = ss->inject[i];
    copy.ninject = k;
    BsErrors e;
    bs_errors_init(&e, "");
    BsGame ng;
    bool ok = bs_session_replay(&copy, s, &ng, -1, &e);
    bs_errors_free(&e);
    if (!ok)
        return false;
    *ss = copy;
    *g = ng;
    return true;
}

bool bs_session_inject(BsSession *ss, BsGame *g, int event)
{
    if (ss->ninject >= BS_MAX_INJECT || !bs_game_inject(g, event))
        return false;
    ss->inject[ss->ninject].week = g->week;
    ss->inject[ss->ninject].event = event;
    ss->ninject++;
    return true;
}

void bs_session_predict(BsSession *ss, int seat, const BsPredict p[3])
{
    if (ss->nweeks >= BS_MAX_WEEKS || seat < 0 || seat >= BS_MAX_SEATS)
        return;
    for (int k = 0; k < 3; k++)
        ss->predict[ss->nweeks][seat][k] = (uint8_t)p[k];
}

BsPredict bs_predict_actual(const BsModel *md, const BsMove *mv, int k)
{
    double d = k == 0 ? 100.0 * (mv->has_own ? mv->own_mindshare : mv->d_mindshare)
             : k == 1 ? (mv->has_own ? mv->own_trust : mv->d_trust)
                      : (mv->has_own ? mv->own_risk : mv->d_risk);
    double eps = k == 0 ? md->felt_mindshare : k == 1 ? md->felt_trust : md->felt_risk;
    return d > eps ? BS_PREDICT_UP : d < -eps ? BS_PREDICT_DOWN : BS_PREDICT_SAME;
}

typedef struct {
    const BsSession *ss;
    int seat;
    BsPredictScore *out;
    int seen[3][4];               /* per meter: how often each direction really happened */
} PredictTally;

static bool tally_week(const BsGame *g, int week, void *ud)
{
    PredictTally *t = ud;
    if (week == 0 || t->seat >= g->nseats)
        return true;
    const BsMove *mv = &g->last.move[g->seat[t->seat].vendor];
    for (int k = 0; k < 3; k++) {
        uint8_t p = t->ss->predict[week - 1][t->seat][k];
        if (p == BS_PREDICT_NONE)
            continue;
        BsPredict real = bs_predict_actual(&g->scn->model, mv, k);
        t->out->made++;
        t->out->right += p == real;
        t->seen[k][real]++;
    }
    return true;
}

bool bs_session_predict_score(const BsSession *ss, const BsScenario *s, int seat, BsPredictScore *out,
                              BsErrors *errs)
{
    memset(out, 0, sizeof *out);
    PredictTally t = {ss, seat, out, {{0}}};
    bool ok = bs_session_walk(ss, s, tally_week, &t, errs);
    /* the baseline: always guessing each meter's most common direction */
    for (int k = 0; k < 3; k++) {
        int top = 0;
        for (int d = 1; d < 4; d++)
            if (t.seen[k][d] > top)
                top = t.seen[k][d];
        out->baseline += top;
    }
    out->skill = out->made > out->baseline ? (double)(out->right - out->baseline) / (out->made - out->baseline) : 0.0;
    return ok;
}

bool bs_session_predictions(const BsSession *ss, const BsScenario *s, int seat, int *right, int *made,
                            BsErrors *errs)
{
    BsPredictScore sc;
    bool ok = bs_session_predict_score(ss, s, seat, &sc, errs);
    *right = sc.right;
    *made = sc.made;
    return ok;
}

bool bs_session_walk(const BsSession *ss, const BsScenario *s, BsWalkFn fn, void *ud, BsErrors *errs)
{
    BsGame g;
    if (!bs_session_replay(ss, s, &g, 0, errs))
        return false;
    if (!fn(&g, 0, ud))
        return true;
    for (int w = 1; w <= ss->nweeks; w++) {
        if (!inject_week(ss, &g, w, errs))
            return false;
        int ch[BS_MAX_SEATS];
        for (int se = 0; se < ss->nseats; se++)
            ch[se] = ss->moves[w - 1][se];
        if (bs_game_over(&g) || !bs_game_step(&g, ch)) {
            bs_errors_add(errs, BS_E_SESSION, 0, 0, "weeks", "the move in week %d is not possible", w);
            return false;
        }
        if (!fn(&g, w, ud))
            return true;
    }
    return true;
}

/*============================================================================
 * Files
 *==========================================================================*/
static bool fsync_dir_of(const char *path)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0 || errno == EINVAL; /* some file systems cannot */
    close(fd);
    return ok;
}

bool bs_write_file_atomic(const char *path, const char *data, size_t len, bool keep_bak, BsErrors *errs)
{
    char tmp[1100], bak[1100];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp ||
        snprintf(bak, sizeof bak, "%s.bak", path) >= (int)sizeof bak) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "path too long");
        return false;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot write %s: %s", tmp, strerror(errno));
        return false;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot write %s: %s", tmp, strerror(errno));
            close(fd);
            unlink(tmp);
            return false;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot flush %s: %s", tmp, strerror(errno));
        unlink(tmp);
        return false;
    }
    if (keep_bak) {
        /* the previous good file becomes .bak without the path ever missing */
        struct stat st;
        if (stat(path, &st) == 0) {
            unlink(bak);
            if (link(path, bak) != 0) {
                /* file systems without hard links: fall back to a copy-free keep */
                (void)0;
            }
        }
    }
    if (rename(tmp, path) != 0) {
        bs_errors_add(errs, BS_E_IO, 0, 0, "", "cannot replace %s: %s", path, strerror(errno));
        unlink(tmp);
        return false;
    }
    fsync_dir_of(path);
    return true;
}

/*============================================================================
 * Save format
 *
 * { "buyersim_save": 1, "engine": "0.1.0", "scenario": "erp-rollout",
 *   "scenario_file": "/abs/path/erp-rollout.json", "hash": "<16 hex>", "seed": 7, "players": 1, "rivals": "", "start": "uneven",
 *   "weeks": [[0],[2],[-1]], "inject": [{"week": 3, "event": 1}],
 *   "state": "<16 hex>" }
 *
 * "state" is the hash of the game after the log; a save whose log does not
 * lead there (edited, corrupted, or a different engine) is refused.
 * "engine" (optional: the first saves lack it) is the version that wrote
 * the save, so that the refusal can say when the cause is an update of
 * buyersim whose buyer model plays the same moves differently.
 * "scenario_file" (optional) is where the scenario was read from, so that a
 * game played from a file that is not installed can be found again.
 *==========================================================================*/
/* The scenario's file as an absolute path, for a save: where `replay` finds
 * a scenario that is not installed. The file the game is played from, else
 * the one the save named (a scenario parsed from memory has none). */
static void scenario_file(const BsSession *ss, const BsScenario *s, char *out, size_t cap)
{
    bool ok = s->real_path && strlen(s->real_path) < cap;
    snprintf(out, cap, "%s", ok ? s->real_path : ss->scenario_file);
}

bool bs_session_save(const BsSession *ss, const BsScenario *s, const char *path, BsErrors *errs)
{
    BsGame g;
    if (!bs_session_replay(ss, s, &g, -1, errs))
        return false;
    BsBuf b = {0};
    bs_buf_printf(&b, "{\n  \"buyersim_save\": 1,\n  \"engine\": ");
    bs_buf_json_string(&b, bs_version());
    bs_buf_printf(&b, ",\n  \"scenario\": ");
    bs_buf_json_string(&b, ss->scenario_id);
    char file[sizeof ss->scenario_file];
    scenario_file(ss, s, file, sizeof file);
    if (file[0]) {
        bs_buf_printf(&b, ",\n  \"scenario_file\": ");
        bs_buf_json_string(&b, file);
    }
    bs_buf_printf(&b, ",\n  \"hash\": \"%016llx\",\n  \"seed\": %llu,\n  \"players\": %d,\n  \"rivals\": ",
                  (unsigned long long)ss->hash, (unsigned long long)ss->seed, ss->nseats);
    bs_buf_json_string(&b, ss->rivals);
    if (ss->uneven)
        bs_buf_printf(&b, ",\n  \"start\": \"uneven\"");
    bs_buf_printf(&b, ",\n  \"weeks\": [");
    for (int w = 0; w < ss->nweeks; w++) {
        bs_buf_printf(&b, "%s[", w ? ", " : "");
        for (int se = 0; se < ss->nseats; se++)
            bs_buf_printf(&b, "%s%d", se ? ", " : "", ss->moves[w][se]);
        bs_buf_printf(&b, "]");
    }
    bs_buf_printf(&b, "],\n  \"inject\": [");
    for (int i = 0; i < ss->ninject; i++)
        bs_buf_printf(&b, "%s{\"week\": %d, \"event\": ", i ? ", " : "", ss->inject[i].week),
            bs_buf_json_string(&b, s->events[ss->inject[i].event].id), bs_buf_printf(&b, "}");
    bs_buf_printf(&b, "],\n  \"predict\": [");
    static const char pc[] = "-usd";
    for (int w = 0; w < ss->nweeks; w++) {
        bs_buf_printf(&b, "%s\"", w ? ", " : "");
        for (int se = 0; se < ss->nseats; se++)
            bs_buf_printf(&b, "%s%c%c%c", se ? " " : "", pc[ss->predict[w][se][0] & 3], pc[ss->predict[w][se][1] & 3],
                          pc[ss->predict[w][se][2] & 3]);
        bs_buf_printf(&b, "\"");
    }
    bs_buf_printf(&b, "],\n  \"seconds\": %lu,\n  \"state\": \"%016llx\"\n}\n", (unsigned long)ss->seconds,
                  (unsigned long long)bs_game_hash(&g));
    if (b.oom) {
        bs_free(b.buf);
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return false;
    }
    bool ok = bs_write_file_atomic(path, b.buf, b.len, true, errs);
    bs_free(b.buf);
    return ok;
}

static bool parse_hex64(const char *s, uint64_t *out)
{
    if (strlen(s) != 16)
        return false;
    uint64_t v = 0;
    for (int i = 0; i < 16; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return false;
        v = v << 4 | (uint64_t)d;
    }
    *out = v;
    return true;
}

static void serr(const BsJson *j, BsErrors *errs, const cJSON *n, const char *path, const char *msg)
{
    int l, c;
    bs_json_pos(j, n, &l, &c);
    bs_errors_add(errs, BS_E_SESSION, l, c, path, "%s", msg);
}

/* A save being read: its JSON (for positions), the errors found so far and
 * the session being filled. */
typedef struct {
    const BsJson *j;
    BsErrors *errs;
    BsSession *ss;
} SaveIn;

static const cJSON *save_get(const cJSON *r, const char *key) { return cJSON_GetObjectItemCaseSensitive(r, key); }

/* Every key of the save's object is one a save may hold. */
static void save_keys(SaveIn *in, const cJSON *r)
{
    static const char *const keys[] = {"buyersim_save", "engine", "scenario", "hash", "seed", "players",
                                       "rivals", "weeks", "inject", "state", "predict", "seconds", "start",
                                       "scenario_file"};
    for (const cJSON *c = r->child; c; c = c->next) {
        bool ok = false;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            ok |= !strcmp(c->string, keys[k]);
        if (!ok)
            serr(in->j, in->errs, c, c->string, "unknown key in a save");
    }
}

/* What the game was played with: the engine, the scenario (id, file and
 * content hash), the seed, the players and the rivals' policy. */
static void save_header(SaveIn *in, const cJSON *r, char *scenario_id_out, size_t id_cap)
{
    BsSession *ss = in->ss;
    const cJSON *engine = save_get(r, "engine");
    const cJSON *sid = save_get(r, "scenario");
    const cJSON *sfile = save_get(r, "scenario_file");
    const cJSON *hash = save_get(r, "hash");
    const cJSON *seed = save_get(r, "seed");
    const cJSON *pl = save_get(r, "players");
    const cJSON *riv = save_get(r, "rivals");
    if (engine && (!cJSON_IsString(engine) || !engine->valuestring[0] || strlen(engine->valuestring) > 32 ||
                   strspn(engine->valuestring, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-+~") !=
                       strlen(engine->valuestring)))
        serr(in->j, in->errs, engine, "engine", "bad engine version (a version like \"0.1.0\")");
    if (!cJSON_IsString(sid) || strlen(sid->valuestring) >= sizeof ss->scenario_id)
        serr(in->j, in->errs, sid ? sid : r, "scenario", "missing or bad scenario id");
    else
        snprintf(ss->scenario_id, sizeof ss->scenario_id, "%s", sid->valuestring);
    if (sfile && (!cJSON_IsString(sfile) || sfile->valuestring[0] != '/' ||
                  strlen(sfile->valuestring) >= sizeof ss->scenario_file))
        serr(in->j, in->errs, sfile, "scenario_file", "bad scenario file (an absolute path)");
    else if (sfile)
        snprintf(ss->scenario_file, sizeof ss->scenario_file, "%s", sfile->valuestring);
    if (scenario_id_out && id_cap)
        snprintf(scenario_id_out, id_cap, "%s", ss->scenario_id);
    if (!cJSON_IsString(hash) || !parse_hex64(hash->valuestring, &ss->hash))
        serr(in->j, in->errs, hash ? hash : r, "hash", "missing or bad scenario hash");
    if (!cJSON_IsNumber(seed) || seed->valuedouble < 0 || seed->valuedouble > 4294967295.0 ||
        seed->valuedouble != (double)(long long)seed->valuedouble)
        serr(in->j, in->errs, seed ? seed : r, "seed", "missing or bad seed");
    else
        ss->seed = (uint64_t)seed->valuedouble;
    if (!cJSON_IsNumber(pl) || pl->valuedouble < 1 || pl->valuedouble > BS_MAX_SEATS ||
        pl->valuedouble != (int)pl->valuedouble)
        serr(in->j, in->errs, pl ? pl : r, "players", "players must be 1 to 5");
    else
        ss->nseats = (int)pl->valuedouble;
    if (riv && (!cJSON_IsString(riv) || strlen(riv->valuestring) >= sizeof ss->rivals))
        serr(in->j, in->errs, riv, "rivals", "bad rivals policy");
    else if (riv)
        snprintf(ss->rivals, sizeof ss->rivals, "%s", riv->valuestring);
}

/* "weeks": one array per week, one choice number per player. */
static void save_weeks(SaveIn *in, const cJSON *r)
{
    BsSession *ss = in->ss;
    const cJSON *weeks = save_get(r, "weeks");
    if (!cJSON_IsArray(weeks) || cJSON_GetArraySize(weeks) > BS_MAX_WEEKS) {
        serr(in->j, in->errs, weeks ? weeks : r, "weeks", "weeks must be an array of at most 52 weeks");
        return;
    }
    if (ss->nseats <= 0)
        return;
    int w = 0;
    for (const cJSON *wk = weeks->child; wk; wk = wk->next, w++) {
        if (!cJSON_IsArray(wk) || cJSON_GetArraySize(wk) != ss->nseats) {
            serr(in->j, in->errs, wk, "weeks", "each week holds one move per player");
            continue;
        }
        int se = 0;
        for (const cJSON *m = wk->child; m; m = m->next, se++) {
            if (!cJSON_IsNumber(m) || m->valuedouble < -1 || m->valuedouble >= BS_MAX_CHOICES ||
                m->valuedouble != (int)m->valuedouble)
                serr(in->j, in->errs, m, "weeks", "a move is a choice number 0-8 or -1");
            else
                ss->moves[w][se] = (int8_t)m->valuedouble;
        }
    }
    ss->nweeks = w;
}

/* "inject": events a trainer fired, by week and event id (resolved in `s`
 * when given). */
static void save_inject(SaveIn *in, const cJSON *r, const BsScenario *s)
{
    BsSession *ss = in->ss;
    const cJSON *inj = save_get(r, "inject");
    if (!inj)
        return;
    if (!cJSON_IsArray(inj) || cJSON_GetArraySize(inj) > BS_MAX_INJECT) {
        serr(in->j, in->errs, inj, "inject", "inject must be a short array");
        return;
    }
    for (const cJSON *e = inj->child; e; e = e->next) {
        const cJSON *wk = save_get(e, "week");
        const cJSON *ev = save_get(e, "event");
        int idx = -1;
        if (s && cJSON_IsString(ev))
            for (int k = 0; k < s->nevents; k++)
                if (!strcmp(s->events[k].id, ev->valuestring))
                    idx = k;
        if (!cJSON_IsNumber(wk) || wk->valuedouble < 1 || wk->valuedouble > BS_MAX_WEEKS ||
            !cJSON_IsString(ev) || (s && idx < 0)) {
            serr(in->j, in->errs, e, "inject", "bad injected event");
            continue;
        }
        ss->inject[ss->ninject].week = (int)wk->valuedouble;
        ss->inject[ss->ninject].event = idx;
        ss->ninject++;
    }
}

/* "start" (equal or uneven) and "seconds" (time played). */
static void save_options(SaveIn *in, const cJSON *r)
{
    BsSession *ss = in->ss;
    const cJSON *start = save_get(r, "start");
    if (start && (!cJSON_IsString(start) || (strcmp(start->valuestring, "uneven") && strcmp(start->valuestring, "equal"))))
        serr(in->j, in->errs, start, "start", "start must be \"equal\" or \"uneven\"");
    else if (start)
        ss->uneven = !strcmp(start->valuestring, "uneven");
    const cJSON *secs = save_get(r, "seconds");
    if (secs && (!cJSON_IsNumber(secs) || secs->valuedouble < 0 || secs->valuedouble > 4e9))
        serr(in->j, in->errs, secs, "seconds", "seconds must be a number of seconds");
    else if (secs)
        ss->seconds = (uint32_t)secs->valuedouble;
}

/* "predict": per week, "usd" per player (up, same, down, - none). */
static void save_predict(SaveIn *in, const cJSON *r)
{
    BsSession *ss = in->ss;
    const cJSON *pred = save_get(r, "predict");
    if (!pred)
        return;
    if (!cJSON_IsArray(pred) || cJSON_GetArraySize(pred) > ss->nweeks) {
        serr(in->j, in->errs, pred, "predict", "predict must be an array of at most one entry per week");
        return;
    }
    int w = 0;
    for (const cJSON *e = pred->child; e; e = e->next, w++) {
        const char *p = cJSON_IsString(e) ? e->valuestring : NULL;
        bool ok = p && strlen(p) == (size_t)(ss->nseats * 4 - 1);
        for (int se = 0; ok && se < ss->nseats; se++)
            for (int k = 0; ok && k < 3; k++) {
                const char *c = strchr("-usd", p[se * 4 + k]);
                ok = c && *c;
                if (ok)
                    ss->predict[w][se][k] = (uint8_t)(c - "-usd");
            }
        if (!ok)
            serr(in->j, in->errs, e, "predict", "a week's predictions are like \"usd\" per player (u up, s same, d down, - none)");
    }
}

/* The moves replayed on `s` lead to the state the save recorded (`want`);
 * when not, says why as best it can (the engine that wrote the save). */
static void save_check_state(SaveIn *in, const cJSON *r, const BsScenario *s, uint64_t want)
{
    const cJSON *engine = save_get(r, "engine");
    const cJSON *state = save_get(r, "state");
    BsGame g;
    if (!bs_session_replay(in->ss, s, &g, -1, in->errs) || bs_game_hash(&g) == want)
        return;
    char msg[256];
    if (!engine)
        snprintf(msg, sizeof msg, "the moves in this save do not lead to the state it recorded "
                                  "(made by an earlier buyersim, or edited or corrupted)");
    else if (strcmp(engine->valuestring, bs_version()) != 0)
        snprintf(msg, sizeof msg,
                 "this save was made by buyersim %s and this is %s: their buyer models differ, "
                 "so its moves no longer lead to the game it recorded",
                 engine->valuestring, bs_version());
    else
        snprintf(msg, sizeof msg,
                 "the moves in this save do not lead to the state it recorded (edited or corrupted)");
    serr(in->j, in->errs, state, "state", msg);
}

bool bs_session_parse(BsSession *ss, const char *path, const char *text, size_t len,
                      const BsScenario *s, char *scenario_id_out, size_t id_cap, BsErrors *errs)
{
    (void)path;
    memset(ss, 0, sizeof *ss);
    int before = errs->count + errs->dropped;
    BsJson j;
    if (!bs_json_parse(&j, text, len, errs))
        return false;
    SaveIn in = {.j = &j, .errs = errs, .ss = ss};
    const cJSON *r = j.root;
    if (!cJSON_IsObject(r)) {
        serr(&j, errs, r, "", "not a buyersim save (expected an object)");
        goto done;
    }
    save_keys(&in, r);
    const cJSON *ver = save_get(r, "buyersim_save");
    if (!cJSON_IsNumber(ver) || ver->valuedouble != 1) {
        serr(&j, errs, ver ? ver : r, "buyersim_save", "not a buyersim save, or a newer format");
        goto done;
    }
    save_header(&in, r, scenario_id_out, id_cap);
    save_weeks(&in, r);
    save_inject(&in, r, s);
    save_options(&in, r);
    save_predict(&in, r);
    const cJSON *state = save_get(r, "state");
    uint64_t want = 0;
    if (!cJSON_IsString(state) || !parse_hex64(state->valuestring, &want))
        serr(&j, errs, state ? state : r, "state", "missing or bad state check");
    if (errs->count + errs->dropped == before && s)
        save_check_state(&in, r, s, want);
done:
    bs_json_free(&j);
    return errs->count + errs->dropped == before;
}

bool bs_session_load(BsSession *ss, const char *path, const BsScenario *s, char *scenario_id_out,
                     size_t id_cap, BsErrors *errs)
{
    size_t len;
    char *text = bs_read_file(path, 1u << 20, &len, errs);
    if (!text)
        return false;
    bool ok = bs_session_parse(ss, path, text, len, s, scenario_id_out, id_cap, errs);
    bs_free(text);
    return ok;
}

/*============================================================================
 * The per-week log, JSON Lines
 *==========================================================================*/
typedef struct {
    BsBuf b;
    const BsSession *ss;
    bool csv;
} LogOut;

static bool log_week(const BsGame *g, int w, void *ud)
{
    LogOut *o = ud;
    BsBuf *b = &o->b;
    const BsScenario *s = g->scn;
    const BsWeekReport *rep = &g->last;
    double total = g->other;
    for (int v = 0; v < g->nv; v++)
        total += g->v[v].q[BS_Q_IMPRESSION];
    const char *outcome = g->outcome == BS_OUT_PLAYING ? "playing" : g->outcome == BS_OUT_DECIDED ? "decided" : "no_decision";
    double pw[BS_MAX_VENDORS];
    bs_game_p_win(g, pw);
    if (o->csv) {
        if (w == 0)
            bs_buf_printf(b, "scenario,seed,week,vendor,human,action,mindshare,trust,character,competence,risk,fit,"
                   "credibility,reliability,intimacy,self_orientation,proof,exposure,pressure,other_sources,outcome,winner,"
                   "chance,own_mindshare,own_trust,own_risk,result\n");
        for (int v = 0; v < g->nv; v++) {
            const BsVendorState *vs = &g->v[v];
            const BsMove *mv = &rep->move[v];
            bool own = w > 0 && mv->has_own;
            bs_buf_printf(b, "%s,%llu,%d,%s,%d,%s,%.4f,%.2f,%.2f,%.2f,%.2f,%.3f,%.2f,%.2f,%.2f,%.3f,%.2f,%.2f,%.2f,%.4f,%s,%s,",
                          s->id, (unsigned long long)o->ss->seed, w, s->vendors[v].id, g->seat_of[v] >= 0,
                          w > 0 && mv->action >= 0 ? s->actions[mv->action].id : "",
                          vs->mindshare, vs->trust, vs->character, vs->competence, vs->risk, vs->fit,
                          vs->q[BS_Q_CREDIBILITY], vs->q[BS_Q_RELIABILITY], vs->q[BS_Q_INTIMACY],
                          vs->q[BS_Q_SELF_ORIENTATION], vs->q[BS_Q_PROOF], vs->q[BS_Q_EXPOSURE], g->pressure,
                          total > 0 ? g->other / total : 0.0, outcome,
                          g->outcome == BS_OUT_DECIDED ? s->vendors[g->winner].id : "");
            bs_buf_printf(b, "%.4f,", pw[v]);
            if (own) /* the move's own effect (seats): against letting the week pass */
                bs_buf_printf(b, "%.4f,%.2f,%.2f,%s\n", mv->own_mindshare, mv->own_trust, mv->own_risk,
                              bs_move_result_ids[mv->result]);
            else
                bs_buf_printf(b, ",,,\n");
        }
        return true;
    }
    bs_buf_printf(b, "{\"scenario\":");
    bs_buf_json_string(b, s->id);
    bs_buf_printf(b, ",\"seed\":%llu,\"week\":%d,\"pressure\":%.2f,\"other_sources\":%.4f,\"vendors\":[",
                  (unsigned long long)o->ss->seed, w, g->pressure, total > 0 ? g->other / total : 0.0);
    for (int v = 0; v < g->nv; v++) {
        const BsVendorState *vs = &g->v[v];
        bs_buf_printf(b, "%s{\"id\":", v ? "," : "");
        bs_buf_json_string(b, s->vendors[v].id);
        bs_buf_printf(b, ",\"human\":%s,\"action\":", g->seat_of[v] >= 0 ? "true" : "false");
        if (w > 0 && rep->move[v].action >= 0)
            bs_buf_json_string(b, s->actions[rep->move[v].action].id);
        else
            bs_buf_printf(b, "null");
        bs_buf_printf(b,
                      ",\"mindshare\":%.4f,\"trust\":%.2f,\"character\":%.2f,\"competence\":%.2f,"
                      "\"risk\":%.2f,\"fit\":%.3f,\"credibility\":%.2f,\"reliability\":%.2f,"
                      "\"intimacy\":%.2f,\"self_orientation\":%.3f,\"proof\":%.2f,\"exposure\":%.2f,"
                      "\"impression\":%.3f",
                      vs->mindshare, vs->trust, vs->character, vs->competence, vs->risk, vs->fit,
                      vs->q[BS_Q_CREDIBILITY], vs->q[BS_Q_RELIABILITY], vs->q[BS_Q_INTIMACY],
                      vs->q[BS_Q_SELF_ORIENTATION], vs->q[BS_Q_PROOF], vs->q[BS_Q_EXPOSURE],
                      vs->q[BS_Q_IMPRESSION]);
        bs_buf_printf(b, ",\"chance\":%.4f", pw[v]);
        const BsMove *mv = &rep->move[v];
        if (w > 0 && mv->has_own)
            bs_buf_printf(b, ",\"own\":{\"mindshare\":%.4f,\"trust\":%.2f,\"risk\":%.2f,\"chance\":%.4f,\"result\":\"%s\"}",
                          mv->own_mindshare, mv->own_trust, mv->own_risk, mv->own_pwin, bs_move_result_ids[mv->result]);
        bs_buf_printf(b, "}");
    }
    bs_buf_printf(b, "],\"outcome\":\"%s\"", outcome);
    if (g->outcome == BS_OUT_DECIDED) {
        bs_buf_printf(b, ",\"winner\":");
        bs_buf_json_string(b, s->vendors[g->winner].id);
    }
    bs_buf_printf(b, "}\n");
    return !b->oom;
}

static bool render_log(const BsSession *ss, const BsScenario *s, bool csv, char **out, size_t *outlen,
                       BsErrors *errs)
{
    LogOut o = {{0}, ss, csv};
    if (!bs_session_walk(ss, s, log_week, &o, errs)) {
        bs_free(o.b.buf);
        return false;
    }
    if (o.b.oom) {
        bs_free(o.b.buf);
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "", "out of memory");
        return false;
    }
    *out = o.b.buf ? o.b.buf : bs_strdup("");
    *outlen = o.b.len;
    return *out != NULL;
}

bool bs_session_log_text(const BsSession *ss, const BsScenario *s, char **out, size_t *outlen, BsErrors *errs)
{
    return render_log(ss, s, false, out, outlen, errs);
}

bool bs_session_csv_text(const BsSession *ss, const BsScenario *s, char **out, size_t *outlen, BsErrors *errs)
{
    return render_log(ss, s, true, out, outlen, errs);
}

bool bs_session_write_log(const BsSession *ss, const BsScenario *s, const char *path, BsErrors *errs)
{
    char *text;
    size_t len;
    if (!bs_session_log_text(ss, s, &text, &len, errs))
        return false;
    bool ok = bs_write_file_atomic(path, text, len, false, errs);
    bs_free(text);
    return ok;
}
