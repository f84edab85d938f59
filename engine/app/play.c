/* play.c: a game in progress, under every front end (play.h). */
#include "play.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void reset_turn(AppPlay *p)
{
    p->seat = 0;
    for (int i = 0; i < BS_MAX_SEATS; i++)
        p->pending[i] = -1;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The strings of a language; NULL (nothing added to errs) when its file is
 * not there, and the file's errors when it is there but does not load. */
static BsStrings *load_strings(const char *lang, BsErrors *errs)
{
    char path[1300];
    snprintf(path, sizeof path, "%s/assets/lang/%s.json", app_data_dir(), lang);
    if (!file_exists(path))
        return NULL;
    BsErrors e;
    bs_errors_init(&e, path);
    BsStrings *t = bs_strings_load(path, &e);
    if (!t)
        app_errors_take(errs, &e);
    bs_errors_free(&e);
    return t;
}

static void default_save_path(const BsScenario *s, char *out, size_t cap)
{
    const char *dir = app_user_dir();
    if (dir)
        snprintf(out, cap, "%s/autosave-%s-%s.json", dir, s->id, s->lang);
    else
        out[0] = '\0';
}

AppPlay *app_play_open(const AppPlayOptions *o, BsErrors *errs)
{
    AppPlay *p = calloc(1, sizeof *p);
    if (!p) {
        bs_errors_add(errs, BS_E_MEMORY, 0, 0, "(root)", "out of memory");
        return NULL;
    }
    const char *lang = app_lang(o->lang);
    BsErrors e;
    if (o->resume) {
        /* the save first, for the scenario's id and content hash */
        char id[64];
        bs_errors_init(&e, o->resume);
        bool ok = bs_session_load(&p->ss, o->resume, NULL, id, sizeof id, &e);
        if (!ok) {
            app_errors_take(errs, &e);
            app_errors_add_bak(errs, o->resume);
            bs_errors_free(&e);
            free(p);
            return NULL;
        }
        bs_errors_free(&e);
        if (o->scenario ? !app_scenario_path(o->scenario, lang, p->scenario_path, sizeof p->scenario_path)
                        : !app_session_scenario(&p->ss, id, p->scenario_path, sizeof p->scenario_path)) {
            if (o->scenario) {
                bs_errors_add(errs, BS_E_REF, 0, 0, "(root)", "no scenario \"%s\" (give a file, or a bundled id)",
                              o->scenario);
            } else if (p->ss.scenario_file[0]) {
                snprintf(errs->file, sizeof errs->file, "%s", o->resume);
                bs_errors_add(errs, BS_E_REF, 0, 0, "scenario",
                              "neither an installed scenario \"%s\" nor its file %s matches this session (gone, "
                              "or changed since); give its file with --scenario",
                              id, p->ss.scenario_file);
            } else {
                snprintf(errs->file, sizeof errs->file, "%s", o->resume);
                bs_errors_add(errs, BS_E_REF, 0, 0, "scenario",
                              "no installed scenario \"%s\" matches this session (it is not installed, or has "
                              "changed since); give its file with --scenario",
                              id);
            }
            free(p);
            return NULL;
        }
    } else if (!app_scenario_path(o->scenario, lang, p->scenario_path, sizeof p->scenario_path)) {
        bs_errors_add(errs, BS_E_REF, 0, 0, "(root)", "no scenario \"%s\" (give a file, or a bundled id)",
                      o->scenario ? o->scenario : "");
        free(p);
        return NULL;
    }
    bs_errors_init(&e, p->scenario_path);
    p->scn = bs_scenario_load(p->scenario_path, &e);
    if (!p->scn) {
        app_errors_take(errs, &e);
        bs_errors_free(&e);
        free(p);
        return NULL;
    }
    bs_errors_free(&e);
    if (o->resume) {
        bs_errors_init(&e, o->resume);
        bool ok = bs_session_load(&p->ss, o->resume, p->scn, NULL, 0, &e);
        if (!ok) {
            app_errors_take(errs, &e);
            app_errors_add_bak(errs, o->resume);
            bs_errors_free(&e);
            app_play_free(p);
            return NULL;
        }
        bs_errors_free(&e);
    } else {
        BsGameOptions go = {.nseats = o->players > 0 ? o->players : 1,
                            .seed = o->has_seed ? o->seed : p->scn->seed, .rivals = o->rivals, .uneven = o->uneven};
        bs_session_new(&p->ss, p->scn, &go);
    }
    /* the interface follows the scenario unless asked */
    snprintf(p->lang, sizeof p->lang, "%s", o->lang ? app_lang(o->lang) : p->scn->lang);
    p->str = load_strings(p->lang, errs);
    if (strcmp(p->lang, "en"))
        p->str_en = load_strings("en", errs);
    if (!p->str && !p->str_en) {
        if (errs && !errs->count) {
            snprintf(errs->file, sizeof errs->file, "%s/assets/lang/%s.json", app_data_dir(), p->lang);
            bs_errors_add(errs, BS_E_IO, 0, 0, "(root)", "cannot read the interface strings");
        }
        app_play_free(p);
        return NULL;
    }
    bs_errors_init(&e, o->resume ? o->resume : p->scenario_path);
    if (!bs_session_replay(&p->ss, p->scn, &p->g, -1, &e)) {
        app_errors_take(errs, &e);
        bs_errors_free(&e);
        app_play_free(p);
        return NULL;
    }
    bs_errors_free(&e);
    p->predict = o->predict && !o->replay;
    p->vote = o->vote && !o->replay;
    p->replay = o->replay && o->resume;
    p->record = o->record && !p->replay;
    if (p->replay) {
        /* a past game: read-only, from its first week (it replayed whole above) */
        p->recorded = true;
        bs_errors_init(&e, p->scenario_path);
        bs_session_replay_start(&p->ss, p->scn, &p->g, 1, &e);
        bs_errors_free(&e);
    } else if (o->save) {
        snprintf(p->save_path, sizeof p->save_path, "%s", o->save);
    } else if (o->resume) {
        snprintf(p->save_path, sizeof p->save_path, "%s", o->resume);
    } else {
        default_save_path(p->scn, p->save_path, sizeof p->save_path);
    }
    reset_turn(p);
    return p;
}

void app_play_free(AppPlay *p)
{
    if (!p)
        return;
    bs_strings_free(p->str);
    bs_strings_free(p->str_en);
    bs_scenario_free(p->scn);
    free(p);
}

const char *app_play_str(const AppPlay *p, const char *key)
{
    const char *v = p->str ? bs_str_or(p->str, key, NULL) : NULL;
    if (!v && p->str_en)
        v = bs_str_or(p->str_en, key, NULL);
    return v ? v : key;
}

const BsStrings *app_play_strings(const AppPlay *p) { return p->str ? p->str : p->str_en; }

/*============================================================================
 * Moves
 *==========================================================================*/
void app_play_count_time(AppPlay *p, double now)
{
    double spent = now - p->since;
    if (p->since > 0 && spent > 0 && spent < 3600) /* an idle hour is not play */
        p->ss.seconds += (uint32_t)(spent + 0.5);
    p->since = now;
}

bool app_play_save(const AppPlay *p, const char *path, BsErrors *errs)
{
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_session_save(&p->ss, p->scn, path, &e);
    if (ok) {
        char logp[1200];
        snprintf(logp, sizeof logp, "%s", path);
        size_t n = strlen(logp);
        if (n > 5 && !strcmp(logp + n - 5, ".json"))
            logp[n - 5] = '\0';
        strncat(logp, ".log.jsonl", sizeof logp - strlen(logp) - 1);
        ok = bs_session_write_log(&p->ss, p->scn, logp, &e);
    }
    if (!ok)
        app_errors_take(errs, &e);
    bs_errors_free(&e);
    return ok;
}

bool app_play_autosave(const AppPlay *p, BsErrors *errs)
{
    return !p->save_path[0] || app_play_save(p, p->save_path, errs);
}

AppPlayStep app_play_choose(AppPlay *p, int choice, const BsPredict pred[3], double now, BsErrors *errs)
{
    if (p->replay || bs_game_over(&p->g))
        return APP_PLAY_REFUSED;
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(&p->g, p->seat, avail);
    bool ok = choice < 0 && n == 0;
    for (int k = 0; k < n && !ok; k++)
        ok = avail[k] == choice;
    if (!ok)
        return APP_PLAY_REFUSED;
    if (p->predict) {
        static const BsPredict none[3] = {BS_PREDICT_NONE, BS_PREDICT_NONE, BS_PREDICT_NONE};
        bs_session_predict(&p->ss, p->seat, pred && choice >= 0 ? pred : none);
    }
    p->pending[p->seat] = choice;
    if (p->seat + 1 < p->g.nseats) {
        p->seat++;
        return APP_PLAY_NEXT_SEAT;
    }
    int ch[BS_MAX_SEATS];
    for (int i = 0; i < BS_MAX_SEATS; i++)
        ch[i] = p->pending[i];
    app_play_count_time(p, now);
    reset_turn(p);
    if (!bs_session_play(&p->ss, &p->g, ch)) {
        bs_errors_add(errs, BS_E_SEMANTIC, 0, 0, "(root)", "the week could not be resolved");
        return APP_PLAY_REFUSED;
    }
    /* predict, then reveal: each player sees how they read the buyer when
     * their turn comes again */
    for (int se = 0; se < p->g.nseats; se++) {
        const uint8_t *pr = p->ss.predict[p->ss.nweeks - 1][se];
        p->reveal_due[se] = p->predict && (pr[0] || pr[1] || pr[2]);
    }
    p->deb_ok = false;
    p->unwritten = true;
    if (!p->defer_writes)
        app_play_write(p, errs);
    return APP_PLAY_RESOLVED;
}

/* A move's writes, if due: the autosave, and a finished game's record in
 * the player's history (the start screen, `buyersim history`). False when
 * one failed (errs says why). */
bool app_play_write(AppPlay *p, BsErrors *errs)
{
    if (!p->unwritten)
        return true;
    p->unwritten = false;
    bool ok = app_play_autosave(p, errs);
    if (bs_game_over(&p->g) && p->record && !p->recorded) {
        p->recorded = true;
        BsErrors h;
        bs_errors_init(&h, "");
        if (!app_history_record(&p->ss, p->scn, &h)) {
            /* one problem of errs (whose file is the save's), in words */
            char why[1400];
            app_error_line(&h, 0, why, sizeof why);
            bs_errors_add(errs, BS_E_IO, 0, 0, "history", "the game was not added to your history: %s", why);
            ok = false;
        }
        bs_errors_free(&h);
    }
    return ok;
}

bool app_play_undo(AppPlay *p, BsErrors *errs)
{
    if (p->seat > 0) { /* back to the first seat of this week */
        reset_turn(p);
        return true;
    }
    if (p->replay || !bs_session_undo(&p->ss, p->scn, &p->g))
        return false;
    for (int i = 0; i < BS_MAX_SEATS; i++)
        p->reveal_due[i] = false;
    p->deb_ok = false;
    p->recorded = false;
    p->unwritten = false; /* a move undone before its writes: the save below is the game's */
    app_play_autosave(p, errs);
    return true;
}

bool app_play_inject(AppPlay *p, int event, BsErrors *errs)
{
    if (p->replay || p->seat != 0 || bs_game_over(&p->g))
        return false;
    if (!bs_session_inject(&p->ss, &p->g, event))
        return false;
    p->unwritten = false; /* the save below holds the last move too */
    app_play_autosave(p, errs);
    return true;
}

/* After the game was replaced (a restart, a reload): the first seat's turn
 * of the week it is at, nothing pending. */
static void game_replaced(AppPlay *p)
{
    reset_turn(p);
    for (int i = 0; i < BS_MAX_SEATS; i++)
        p->reveal_due[i] = false;
    p->deb_ok = false;
    p->recorded = false;
}

void app_play_restart(AppPlay *p, uint64_t seed)
{
    BsGameOptions go = {.nseats = p->ss.nseats, .seed = seed, .rivals = p->ss.rivals[0] ? p->ss.rivals : NULL,
                        .uneven = p->ss.uneven};
    BsSession ss;
    bs_session_new(&ss, p->scn, &go);
    BsErrors e;
    bs_errors_init(&e, p->scenario_path);
    BsGame *g = malloc(sizeof *g);
    if (g && bs_session_replay(&ss, p->scn, g, -1, &e)) {
        p->ss = ss;
        p->g = *g;
    }
    free(g);
    bs_errors_free(&e);
    game_replaced(p);
}

int app_play_reload(AppPlay *p, const AppWatch *w, BsErrors *errs)
{
    if (p->replay)
        return -1;
    BsErrors e;
    bs_errors_init(&e, w->path);
    int kept = app_watch_reload(w, &p->ss, &p->scn, &p->g, &e);
    if (kept < 0) {
        if (!e.count)
            bs_errors_add(&e, BS_E_IO, 0, 0, "(root)", "cannot load");
        app_errors_take(errs, &e);
        bs_errors_free(&e);
        return -1;
    }
    bs_errors_free(&e);
    game_replaced(p);
    app_play_autosave(p, errs);
    return kept;
}

/*============================================================================
 * The end: debriefs, ranking
 *==========================================================================*/
bool app_play_debrief(AppPlay *p, BsErrors *errs)
{
    if (p->deb_ok)
        return true;
    BsErrors e;
    bs_errors_init(&e, p->scenario_path);
    bool ok = true;
    for (int se = 0; se < p->ss.nseats && ok; se++) {
        ok = bs_debrief_build(&p->ss, p->scn, se, &p->deb[se], &e);
        /* how the player read the buyer, against always guessing the most common answer */
        if (ok && !bs_session_predict_score(&p->ss, p->scn, se, &p->pred[se], &e))
            memset(&p->pred[se], 0, sizeof p->pred[se]);
    }
    if (!ok) {
        if (!e.count)
            bs_errors_add(&e, BS_E_SEMANTIC, 0, 0, "(root)", "no debrief");
        app_errors_take(errs, &e);
    }
    bs_errors_free(&e);
    p->deb_ok = ok;
    return ok;
}

static bool ranks_before(const BsDebrief *a, const BsDebrief *b)
{
    bool wa = a->outcome == BS_OUT_DECIDED && a->winner == a->vendor;
    bool wb = b->outcome == BS_OUT_DECIDED && b->winner == b->vendor;
    if (wa != wb)
        return wa;
    if (a->score != b->score)
        return a->score > b->score;
    return a->final_mindshare > b->final_mindshare;
}

int app_play_ranking(const AppPlay *p, int order[BS_MAX_SEATS])
{
    int n = p->deb_ok ? p->ss.nseats : 0;
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++) /* insertion sort: stable, at most five */
        for (int j = i; j > 0 && ranks_before(&p->deb[order[j]], &p->deb[order[j - 1]]); j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return n;
}

/*============================================================================
 * A past game, week by week
 *==========================================================================*/
bool app_play_view_week(AppPlay *p, int week, BsErrors *errs)
{
    if (!p->replay)
        return false;
    if (week < 0)
        week = 0;
    if (week > p->ss.nweeks)
        week = p->ss.nweeks;
    BsErrors e;
    bs_errors_init(&e, p->scenario_path);
    BsGame *g = malloc(sizeof *g);
    bool ok = g && bs_session_replay_start(&p->ss, p->scn, g, week + 1, &e);
    if (ok) {
        p->g = *g;
        p->view_week = week;
        if (p->seat >= p->g.nseats)
            p->seat = 0;
    } else {
        if (!e.count)
            bs_errors_add(&e, BS_E_SEMANTIC, 0, 0, "(root)", "cannot replay");
        app_errors_take(errs, &e);
    }
    free(g);
    bs_errors_free(&e);
    return ok;
}

int app_play_replay_move(const AppPlay *p)
{
    if (!p->replay || p->view_week >= p->ss.nweeks || p->seat >= p->ss.nseats)
        return -1;
    return p->ss.moves[p->view_week][p->seat];
}
