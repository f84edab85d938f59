/*
 * The play controller (engine/app/play.h), headless, through the calls the
 * console and the screen make: a whole game with its autosave and history
 * record; a role-play's seats and undo; a move that is not on offer;
 * predictions and their reveal; resuming a save, and a damaged save that
 * points to its .bak; the facilitator's events; a restart; a past game
 * replayed week by week; the debrief's JSON the same in memory and on disk.
 * Runs with a private data folder (XDG_DATA_HOME) under the test's temp dir.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/unit/helpers.h"
#include "engine/app/play.h"
#include "saved.h"

static AppPlay *open_ok(const AppPlayOptions *o)
{
    BsErrors e;
    bs_errors_init(&e, "");
    AppPlay *p = app_play_open(o, &e);
    if (!p) {
        bs_errors_print(&e, stderr);
        fail_msg("app_play_open failed");
    }
    bs_errors_free(&e);
    return p;
}

/* The first choice the current seat has (-1 when it has none). */
static int first_choice(const AppPlay *p)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(&p->g, p->seat, avail);
    return n ? avail[0] : -1;
}

static AppPlayStep step(AppPlay *p, int choice, const BsPredict *pred)
{
    BsErrors e;
    bs_errors_init(&e, p->save_path);
    AppPlayStep s = app_play_choose(p, choice, pred, 100.0 + p->ss.nweeks * 30.0, &e);
    if (e.count) {
        bs_errors_print(&e, stderr);
        fail_msg("a move reported problems");
    }
    bs_errors_free(&e);
    return s;
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void whole_game_saved_and_recorded(void **state)
{
    (void)state;
    char save[600], hist[600];
    t_tmppath(save, sizeof save, "whole.json");
    snprintf(hist, sizeof hist, "%s/buyersim/history.jsonl", t_tmpdir());
    unlink(hist);
    AppPlayOptions o = {.scenario = "erp-rollout", .lang = "en", .save = save, .seed = 7, .has_seed = true,
                        .players = 1, .record = true};
    AppPlay *p = open_ok(&o);
    assert_string_equal(p->save_path, save);
    assert_int_equal(p->seat, 0);
    assert_string_equal(app_play_str(p, "ui.undone"), bs_str(app_play_strings(p), "ui.undone"));
    int weeks = 0;
    while (!bs_game_over(&p->g)) {
        assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_RESOLVED);
        weeks++;
        assert_int_equal(p->ss.nweeks, weeks);
        if (weeks == 1)
            assert_true(exists(save)); /* autosaved after every week */
    }
    assert_true(p->recorded);
    assert_true(exists(hist));
    size_t len;
    char *h = t_read(hist, &len);
    assert_non_null(h);
    assert_non_null(strstr(h, "\"scenario\":\"erp-rollout\""));
    free(h);
    /* nothing is played after the end */
    BsErrors none;
    bs_errors_init(&none, save);
    assert_int_equal(app_play_choose(p, first_choice(p), NULL, 1e6, &none), APP_PLAY_REFUSED);
    bs_errors_free(&none);
    /* the time played: the front end's clock between moves */
    assert_true(p->ss.seconds > 0);
    /* the debrief's JSON, the same in memory and on disk */
    BsErrors e;
    bs_errors_init(&e, save);
    char *text;
    size_t n;
    assert_true(app_play_debrief_json_text(p, 0, &text, &n, &e));
    assert_non_null(strstr(text, "\"format\":1"));
    assert_non_null(strstr(text, "\"seed\":7"));
    char json[600];
    t_tmppath(json, sizeof json, "debrief.json");
    assert_true(app_play_debrief_json(p, 0, json, &e));
    size_t n2;
    char *disk = t_read(json, &n2);
    assert_int_equal(n, n2);
    assert_memory_equal(text, disk, n);
    free(disk);
    bs_free(text);
    bs_errors_free(&e);
    app_play_free(p);

    /* resumed: the same week and meters */
    o.resume = save;
    o.save = NULL;
    p = open_ok(&o);
    assert_int_equal(p->ss.nweeks, weeks);
    assert_true(bs_game_over(&p->g));
    assert_string_equal(p->save_path, save); /* a resumed game saves where it came from */
    app_play_free(p);
}

/* Lines in the history file (0 when there is none). */
static int history_lines(const char *hist)
{
    size_t len = 0;
    char *h = t_read(hist, &len);
    int n = 0;
    for (size_t i = 0; h && i < len; i++)
        n += h[i] == '\n';
    free(h);
    return n;
}

/* A screen defers a move's writes to the next frame: nothing is written
 * until app_play_write, which writes the save and, at the end, the
 * history's record once; an undo or an event in between writes the game as
 * it is then. */
static void deferred_writes(void **state)
{
    (void)state;
    char save[600], hist[600];
    t_tmppath(save, sizeof save, "deferred.json");
    unlink(save);
    snprintf(hist, sizeof hist, "%s/buyersim/history.jsonl", t_tmpdir());
    AppPlayOptions o = {.scenario = "erp-rollout", .lang = "en", .save = save, .seed = 3, .has_seed = true,
                        .players = 1, .record = true};
    AppPlay *p = open_ok(&o);
    p->defer_writes = true;
    BsErrors e;
    bs_errors_init(&e, save);
    assert_true(app_play_write(p, &e)); /* nothing due: nothing written */
    assert_false(exists(save));
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_RESOLVED);
    assert_true(p->unwritten);
    assert_false(exists(save));
    assert_true(app_play_write(p, &e));
    assert_false(p->unwritten);
    assert_int_equal(saved_weeks(save), 1);
    /* a move, then an undo before its writes: the save holds the game undone */
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_RESOLVED);
    assert_int_equal(saved_weeks(save), 1);
    assert_true(app_play_undo(p, &e));
    assert_false(p->unwritten);
    assert_int_equal(saved_weeks(save), 1);
    assert_int_equal(p->ss.nweeks, 1);
    /* to the end: the record waits for the write, and is written once */
    int before = history_lines(hist);
    while (!bs_game_over(&p->g))
        assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_RESOLVED);
    assert_false(p->recorded);
    assert_int_equal(history_lines(hist), before);
    assert_true(app_play_write(p, &e));
    assert_true(app_play_write(p, &e));
    assert_true(p->recorded);
    assert_int_equal(history_lines(hist), before + 1);
    assert_int_equal(saved_weeks(save), p->ss.nweeks);
    assert_int_equal(e.count, 0);
    bs_errors_free(&e);
    app_play_free(p);
}

static void seats_take_turns_and_undo(void **state)
{
    (void)state;
    AppPlayOptions o = {.scenario = "soe-tender", .lang = "en", .save = "", .seed = 3, .has_seed = true,
                        .players = 3};
    AppPlay *p = open_ok(&o);
    assert_int_equal(p->g.nseats, 3);
    int week = p->g.week;
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_NEXT_SEAT);
    assert_int_equal(p->seat, 1);
    assert_true(p->pending[0] >= 0);
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_NEXT_SEAT);
    assert_int_equal(p->seat, 2);
    /* undo from a later seat: back to the first seat of the same week */
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(app_play_undo(p, &e));
    assert_int_equal(p->seat, 0);
    assert_int_equal(p->pending[0], -1);
    assert_int_equal(p->g.week, week);
    /* the facilitator's event: only on the first seat's turn */
    int ev = -1;
    for (int i = 0; i < p->scn->nevents && ev < 0; i++)
        if (p->scn->events[i].injectable)
            ev = i;
    assert_true(ev >= 0);
    for (int se = 0; se < 3; se++)
        assert_int_equal(step(p, first_choice(p), NULL), se < 2 ? APP_PLAY_NEXT_SEAT : APP_PLAY_RESOLVED);
    assert_int_equal(p->ss.nweeks, 1);
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_NEXT_SEAT);
    assert_false(app_play_inject(p, ev, &e)); /* the second seat is choosing */
    assert_true(app_play_undo(p, &e));        /* back to the first seat */
    int fired = p->g.now.nfired;
    assert_true(app_play_inject(p, ev, &e));
    assert_true(p->g.now.nfired > fired);
    /* undo from the first seat: the week before */
    assert_true(app_play_undo(p, &e));
    assert_int_equal(p->ss.nweeks, 0);
    assert_false(app_play_undo(p, &e)); /* nothing before week 1 */
    assert_int_equal(e.count, 0);
    bs_errors_free(&e);
    /* a restart: week 1 again, another seed, the same seats */
    app_play_restart(p, 99);
    assert_int_equal(p->ss.nweeks, 0);
    assert_int_equal(p->g.nseats, 3);
    assert_int_equal(p->seat, 0);
    app_play_free(p);
}

static void only_moves_on_offer(void **state)
{
    (void)state;
    AppPlayOptions o = {.scenario = "erp-rollout", .lang = "en", .save = "", .seed = 5, .has_seed = true};
    AppPlay *p = open_ok(&o);
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(&p->g, 0, avail);
    assert_true(n > 0);
    int missing = 0;
    for (bool on = true; on; missing++) { /* a choice index of the state that is not on offer */
        on = false;
        for (int k = 0; k < n; k++)
            on |= avail[k] == missing;
        if (!on)
            break;
    }
    BsErrors e;
    bs_errors_init(&e, "");
    assert_int_equal(app_play_choose(p, missing, NULL, 1.0, &e), APP_PLAY_REFUSED);
    assert_int_equal(app_play_choose(p, -1, NULL, 1.0, &e), APP_PLAY_REFUSED); /* it has choices */
    assert_int_equal(e.count, 0);
    bs_errors_free(&e);
    assert_int_equal(p->ss.nweeks, 0);
    app_play_free(p);
}

static void predictions_kept_and_revealed(void **state)
{
    (void)state;
    AppPlayOptions o = {.scenario = "erp-rollout", .lang = "en", .save = "", .seed = 5, .has_seed = true,
                        .players = 2, .predict = true};
    AppPlay *p = open_ok(&o);
    const BsPredict a[3] = {BS_PREDICT_UP, BS_PREDICT_SAME, BS_PREDICT_DOWN};
    assert_int_equal(step(p, first_choice(p), a), APP_PLAY_NEXT_SEAT);
    assert_int_equal(step(p, first_choice(p), NULL), APP_PLAY_RESOLVED);
    assert_int_equal(p->ss.predict[0][0][0], BS_PREDICT_UP);
    assert_int_equal(p->ss.predict[0][0][1], BS_PREDICT_SAME);
    assert_int_equal(p->ss.predict[0][0][2], BS_PREDICT_DOWN);
    assert_true(p->reveal_due[0]);  /* the first player has a reveal to see */
    assert_false(p->reveal_due[1]); /* the second predicted nothing */
    app_play_free(p);
}

static void damaged_save_points_to_its_backup(void **state)
{
    (void)state;
    char save[600], bak[620];
    t_tmppath(save, sizeof save, "damaged.json");
    snprintf(bak, sizeof bak, "%s.bak", save);
    t_write(save, "{\"format\":", 10);
    t_write(bak, "{}", 2);
    AppPlayOptions o = {.resume = save, .lang = "en"};
    BsErrors e;
    bs_errors_init(&e, save);
    assert_null(app_play_open(&o, &e));
    assert_true(e.count >= 2);
    assert_string_equal(e.file, save);
    bool hint = false;
    for (int i = 0; i < e.count; i++)
        hint |= strstr(e.items[i].msg, bak) != NULL;
    assert_true(hint);
    bs_errors_free(&e);
    /* no such scenario: an error, no crash */
    AppPlayOptions o2 = {.scenario = "no-such-case", .lang = "en", .save = ""};
    bs_errors_init(&e, "");
    assert_null(app_play_open(&o2, &e));
    assert_true(e.count == 1 && strstr(e.items[0].msg, "no-such-case"));
    bs_errors_free(&e);
}

static void past_game_week_by_week(void **state)
{
    (void)state;
    char save[600];
    t_tmppath(save, sizeof save, "past.json");
    AppPlayOptions o = {.scenario = "hospital-imaging", .lang = "en", .save = save, .seed = 2, .has_seed = true};
    AppPlay *p = open_ok(&o);
    int made[4];
    for (int w = 0; w < 4; w++) {
        made[w] = first_choice(p);
        assert_int_equal(step(p, made[w], NULL), APP_PLAY_RESOLVED);
    }
    app_play_free(p);
    AppPlayOptions r = {.resume = save, .lang = "en", .replay = true, .record = true};
    p = open_ok(&r);
    assert_true(p->replay);
    assert_false(p->record);            /* a past game is never recorded again */
    assert_string_equal(p->save_path, ""); /* nor saved */
    BsErrors e;
    bs_errors_init(&e, save);
    for (int w = 0; w < 4; w++) {
        assert_true(app_play_view_week(p, w, &e));
        assert_int_equal(app_play_replay_move(p), made[w]);
    }
    assert_true(app_play_view_week(p, 4, &e));
    assert_int_equal(app_play_replay_move(p), -1); /* after the last week played */
    assert_int_equal(app_play_choose(p, first_choice(p), NULL, 1.0, &e), APP_PLAY_REFUSED);
    bs_errors_free(&e);
    app_play_free(p);
}

int main(void)
{
    setenv("BUYERSIM_DATA", BS_SOURCE_DIR, 0);
    setenv("XDG_DATA_HOME", t_tmpdir(), 1); /* the history and autosaves of this test only */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_game_saved_and_recorded),
        cmocka_unit_test(deferred_writes),
        cmocka_unit_test(seats_take_turns_and_undo),
        cmocka_unit_test(only_moves_on_offer),
        cmocka_unit_test(predictions_kept_and_revealed),
        cmocka_unit_test(damaged_save_points_to_its_backup),
        cmocka_unit_test(past_game_week_by_week),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
