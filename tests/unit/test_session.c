/* Sessions (session.c): save/load round trip, saves that do not belong to
 * their scenario or were damaged are refused, crash-safe writing (.bak, no
 * temp files left), injected events, undo. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int scripted(const BsGame *g)
{
    int avail[BS_MAX_CHOICES];
    int n = bs_game_choices(g, 0, avail);
    return n ? avail[(g->week * 5 + 1) % n] : -1;
}

/* Plays `weeks` weeks (or to the end) of the ERP scenario into a session. */
static void play(const BsScenario *s, uint64_t seed, int weeks, BsSession *ss, BsGame *g)
{
    BsGameOptions o = {.nseats = 1, .seed = seed};
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_game_init(g, s, &o, &e));
    bs_errors_free(&e);
    bs_session_new(ss, s, &o);
    for (int w = 0; w < weeks && !bs_game_over(g); w++) {
        int ch[BS_MAX_SEATS] = {scripted(g), -1, -1, -1, -1};
        assert_true(bs_session_play(ss, g, ch));
    }
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void save_or_fail(const BsSession *ss, const BsScenario *s, const char *path)
{
    BsErrors e;
    bs_errors_init(&e, path);
    bool ok = bs_session_save(ss, s, path, &e);
    if (!ok)
        t_print_errors(&e);
    assert_true(ok);
    bs_errors_free(&e);
}

/* Loads `path` for `s`: must be refused with an error of kind `kind`
 * (0: any kind). */
static void load_refused(const char *path, const BsScenario *s, int kind)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsSession ss;
    bool ok = bs_session_load(&ss, path, s, NULL, 0, &e);
    if (ok || (kind && t_count_kind(&e, (BsErrKind)kind) == 0)) {
        fprintf(stderr, "%s: want it refused (%s); got %s\n", path, kind ? bs_err_kind_name((BsErrKind)kind) : "any",
                ok ? "LOADED" : "other errors");
        t_print_errors(&e);
    }
    assert_false(ok);
    assert_true(e.count + e.dropped > 0);
    if (kind)
        assert_true(t_count_kind(&e, (BsErrKind)kind) > 0);
    bs_errors_free(&e);
}

/*--------------------------------------------------------------------------*/

static void a_save_loads_back_to_the_same_session(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 31, 5, &ss, &g);
    assert_true(bs_session_inject(&ss, &g, 0));
    char path[600];
    t_tmppath(path, sizeof path, "round.save");
    save_or_fail(&ss, s, path);

    BsSession back;
    BsErrors e;
    bs_errors_init(&e, path);
    char id[64] = "";
    assert_true(bs_session_load(&back, path, s, id, sizeof id, &e));
    assert_int_equal(e.count, 0);
    assert_string_equal(id, s->id);
    assert_string_equal(back.scenario_id, ss.scenario_id);
    assert_true(back.hash == ss.hash);
    assert_true(back.seed == ss.seed);
    assert_int_equal(back.nseats, ss.nseats);
    assert_string_equal(back.rivals, ss.rivals);
    assert_int_equal(back.nweeks, ss.nweeks);
    for (int w = 0; w < ss.nweeks; w++)
        assert_int_equal(back.moves[w][0], ss.moves[w][0]);
    assert_int_equal(back.ninject, 1);
    assert_int_equal(back.inject[0].week, ss.inject[0].week);
    assert_int_equal(back.inject[0].event, ss.inject[0].event);
    BsGame r;
    assert_true(bs_session_replay(&back, s, &r, -1, &e));
    assert_true(bs_game_hash(&r) == bs_game_hash(&g));

    /* without a scenario it is only read, and names its scenario */
    BsSession peek;
    char pid[64] = "";
    assert_true(bs_session_load(&peek, path, NULL, pid, sizeof pid, &e));
    assert_string_equal(pid, "erp-rollout");
    assert_int_equal(peek.nweeks, ss.nweeks);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

static void a_finished_game_and_an_empty_one_round_trip(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    for (int weeks = 0; weeks <= BS_MAX_WEEKS; weeks += BS_MAX_WEEKS) {
        BsSession ss, back;
        BsGame g, r;
        play(s, 8, weeks, &ss, &g);
        char path[600];
        t_tmppath(path, sizeof path, "ends.save");
        save_or_fail(&ss, s, path);
        BsErrors e;
        bs_errors_init(&e, path);
        assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
        assert_true(bs_session_replay(&back, s, &r, -1, &e));
        assert_true(bs_game_hash(&r) == bs_game_hash(&g));
        assert_int_equal(bs_game_over(&r), bs_game_over(&g));
        bs_errors_free(&e);
    }
    bs_scenario_free(s);
}

static void a_save_of_a_changed_scenario_is_refused(void **state)
{
    (void)state;
    /* two versions of the same scenario id, one word apart */
    char v1[600], v2[600];
    t_tmppath(v1, sizeof v1, "small-v1.json");
    t_tmppath(v2, sizeof v2, "small-v2.json");
    t_write(v1, t_small_scenario, strlen(t_small_scenario));
    const char *changed = t_small_with("\"say\": \"Go on.\"", "\"say\": \"Go on, then.\"");
    t_write(v2, changed, strlen(changed));
    BsScenario *s1 = t_load(v1), *s2 = t_load(v2);
    assert_string_equal(s1->id, s2->id);
    assert_true(s1->hash != s2->hash);

    BsSession ss;
    BsGame g;
    BsGameOptions o = {.nseats = 1, .seed = 3};
    t_game(&g, s1, 3);
    bs_session_new(&ss, s1, &o);
    int ch[BS_MAX_SEATS] = {0, -1, -1, -1, -1};
    assert_true(bs_session_play(&ss, &g, ch));
    char path[600];
    t_tmppath(path, sizeof path, "changed.save");
    save_or_fail(&ss, s1, path);

    load_refused(path, s2, BS_E_SESSION);
    BsErrors e;
    bs_errors_init(&e, path);
    BsGame r;
    assert_false(bs_session_replay(&ss, s2, &r, -1, &e));
    assert_int_equal(t_count_kind(&e, BS_E_SESSION), 1);
    assert_non_null(strstr(e.items[0].msg, "changed"));
    bs_errors_free(&e);

    /* and a save of another scenario altogether */
    BsScenario *erp = t_load(T_ERP);
    load_refused(path, erp, BS_E_SESSION);
    bs_scenario_free(erp);
    /* the original still loads */
    bs_errors_init(&e, path);
    BsSession back;
    assert_true(bs_session_load(&back, path, s1, NULL, 0, &e));
    bs_errors_free(&e);
    bs_scenario_free(s1);
    bs_scenario_free(s2);
}

static void a_truncated_save_is_refused(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 4, 6, &ss, &g);
    char path[600], cut[600];
    t_tmppath(path, sizeof path, "whole.save");
    t_tmppath(cut, sizeof cut, "cut.save");
    save_or_fail(&ss, s, path);
    size_t len;
    char *text = t_read(path, &len);
    assert_non_null(text);
    const char *last = strrchr(text, '}');
    assert_non_null(last);
    /* every prefix that stops before the closing brace */
    for (size_t n = 0; n <= (size_t)(last - text); n++) {
        t_write(cut, text, n);
        load_refused(cut, s, 0);
    }
    free(text);
    bs_scenario_free(s);
}

/* Writes `text` with the first `from` after `after` replaced by `to`. */
static void write_edited(const char *path, const char *text, const char *after, const char *from, const char *to)
{
    const char *at = strstr(text, after);
    assert_non_null(at);
    at = strstr(at, from);
    assert_non_null(at);
    size_t n = strlen(text), head = (size_t)(at - text);
    char *out = malloc(n + strlen(to) + 1);
    assert_non_null(out);
    memcpy(out, text, head);
    strcpy(out + head, to);
    strcat(out, at + strlen(from));
    t_write(path, out, strlen(out));
    free(out);
}

static void a_save_with_a_changed_move_or_hash_is_refused(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 4, 6, &ss, &g);
    char path[600], bad[600];
    t_tmppath(path, sizeof path, "good.save");
    t_tmppath(bad, sizeof bad, "bad.save");
    save_or_fail(&ss, s, path);
    char *text = t_read(path, NULL);
    assert_non_null(text);

    /* another move in the first week (still a valid choice number) */
    char from[8], to[8];
    snprintf(from, sizeof from, "[%d]", ss.moves[0][0]);
    snprintf(to, sizeof to, "[%d]", ss.moves[0][0] == 0 ? 1 : 0);
    write_edited(bad, text, "\"weeks\"", from, to);
    load_refused(bad, s, BS_E_SESSION);
    /* a move that is no choice at all */
    write_edited(bad, text, "\"weeks\"", from, "[7]");
    load_refused(bad, s, BS_E_SESSION);
    write_edited(bad, text, "\"weeks\"", from, "[\"0\"]");
    load_refused(bad, s, BS_E_SESSION);
    /* one hex digit of the recorded state */
    const char *st = strstr(text, "\"state\": \"");
    assert_non_null(st);
    char digit[2] = {st[10], 0}, other[2] = {st[10] == '0' ? '1' : '0', 0};
    write_edited(bad, text, "\"state\": \"", digit, other);
    load_refused(bad, s, BS_E_SESSION);
    /* one hex digit of the scenario hash */
    const char *hs = strstr(text, "\"hash\": \"");
    assert_non_null(hs);
    digit[0] = hs[9];
    other[0] = hs[9] == 'a' ? 'b' : 'a';
    write_edited(bad, text, "\"hash\": \"", digit, other);
    load_refused(bad, s, BS_E_SESSION);
    /* the seed */
    char seed[32], seed2[32];
    snprintf(seed, sizeof seed, "\"seed\": %llu", (unsigned long long)ss.seed);
    snprintf(seed2, sizeof seed2, "\"seed\": %llu", (unsigned long long)ss.seed + 1);
    write_edited(bad, text, "{", seed, seed2);
    load_refused(bad, s, BS_E_SESSION);
    /* a week dropped from the log */
    char week1[16];
    snprintf(week1, sizeof week1, "[%d], ", ss.moves[0][0]);
    write_edited(bad, text, "\"weeks\"", week1, "");
    load_refused(bad, s, BS_E_SESSION);
    /* more players than the scenario has */
    write_edited(bad, text, "{", "\"players\": 1", "\"players\": 2");
    load_refused(bad, s, 0);
    /* an unknown key, and not a save at all */
    write_edited(bad, text, "{", "\"seed\"", "\"sead\": 1, \"seed\"");
    load_refused(bad, s, BS_E_SESSION);
    t_write(bad, "[1, 2, 3]", 9);
    load_refused(bad, s, 0);
    t_write(bad, "{\"buyersim_save\": 2}", 20);
    load_refused(bad, s, BS_E_SESSION);
    t_write(bad, "\x00\x01\x02", 3);
    load_refused(bad, s, BS_E_ENCODING);
    /* the untouched save still loads */
    BsErrors e;
    bs_errors_init(&e, path);
    BsSession back;
    assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
    bs_errors_free(&e);
    free(text);
    bs_scenario_free(s);
}

/* The refusal's message, which must contain `want`. */
static void refused_saying(const char *path, const BsScenario *s, const char *want)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsSession ss;
    assert_false(bs_session_load(&ss, path, s, NULL, 0, &e));
    bool found = false;
    for (int i = 0; i < e.count; i++)
        found |= strstr(e.items[i].msg, want) != NULL;
    if (!found) {
        fprintf(stderr, "%s: want a message with \"%s\"\n", path, want);
        t_print_errors(&e);
    }
    assert_true(found);
    bs_errors_free(&e);
}

/* Refused, and no message contains `unwanted`. */
static void refused_lacking(const char *path, const BsScenario *s, const char *unwanted)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsSession ss;
    assert_false(bs_session_load(&ss, path, s, NULL, 0, &e));
    for (int i = 0; i < e.count; i++)
        if (strstr(e.items[i].msg, unwanted)) {
            t_print_errors(&e);
            fail_msg("%s: a message says \"%s\"", path, unwanted);
        }
    bs_errors_free(&e);
}

static void a_save_names_the_engine_that_wrote_it(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 3, 5, &ss, &g);
    char path[600], bad[600], bad2[600];
    t_tmppath(path, sizeof path, "engine.save");
    t_tmppath(bad, sizeof bad, "engine-bad.save");
    t_tmppath(bad2, sizeof bad2, "engine-bad2.save");
    save_or_fail(&ss, s, path);
    char *text = t_read(path, NULL);
    assert_non_null(text);
    char mine[64];
    snprintf(mine, sizeof mine, "\"engine\": \"%s\"", bs_version());
    assert_non_null(strstr(text, mine));

    /* a state that does not follow, written by another version: the
     * message names both versions instead of blaming the file */
    const char *st = strstr(text, "\"state\": \"");
    assert_non_null(st);
    char digit[2] = {st[10], 0}, other[2] = {st[10] == '0' ? '1' : '0', 0};
    write_edited(bad, text, "\"state\": \"", digit, other);
    refused_saying(bad, s, "edited or corrupted");
    refused_lacking(bad, s, "earlier buyersim");
    refused_lacking(bad, s, "made by buyersim");
    char *edited = t_read(bad, NULL);
    assert_non_null(edited);
    write_edited(bad2, edited, "{", mine, "\"engine\": \"0.0.1\"");
    refused_saying(bad2, s, "made by buyersim 0.0.1");
    /* the first saves had no engine: an earlier buyersim, perhaps */
    char without[80];
    snprintf(without, sizeof without, "%s,", mine);
    write_edited(bad2, edited, "{", without, "");
    refused_saying(bad2, s, "earlier buyersim");
    /* a save from another version whose moves still lead to its state loads */
    write_edited(bad2, text, "{", mine, "\"engine\": \"0.0.1\"");
    {
        BsErrors e2;
        bs_errors_init(&e2, bad2);
        BsSession from_other;
        assert_true(bs_session_load(&from_other, bad2, s, NULL, 0, &e2));
        bs_errors_free(&e2);
    }
    /* ... and without it, a save that does follow still loads */
    write_edited(bad2, text, "{", without, "");
    BsErrors e;
    bs_errors_init(&e, bad2);
    BsSession back;
    assert_true(bs_session_load(&back, bad2, s, NULL, 0, &e));
    bs_errors_free(&e);
    /* the version is a short plain string */
    write_edited(bad2, text, "{", mine, "\"engine\": 1");
    refused_saying(bad2, s, "bad engine version");
    write_edited(bad2, text, "{", mine, "\"engine\": \"0.1 \\n\"");
    refused_saying(bad2, s, "bad engine version");
    free(edited);
    free(text);
    bs_scenario_free(s);
}

static int count_entries(const char *dir, const char *contains)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' && strstr(de->d_name, contains))
            n++;
    closedir(d);
    return n;
}

static void a_second_save_keeps_the_first_as_bak(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 12, 2, &ss, &g);
    char path[600], bak[620];
    t_tmppath(path, sizeof path, "bak-test.save");
    snprintf(bak, sizeof bak, "%s.bak", path);
    save_or_fail(&ss, s, path);
    assert_false(file_exists(bak));
    char *first = t_read(path, NULL);
    assert_non_null(first);

    int ch[BS_MAX_SEATS] = {scripted(&g), -1, -1, -1, -1};
    assert_true(bs_session_play(&ss, &g, ch));
    save_or_fail(&ss, s, path);
    assert_true(file_exists(bak));
    char *kept = t_read(bak, NULL), *second = t_read(path, NULL);
    assert_non_null(kept);
    assert_non_null(second);
    assert_string_equal(kept, first);
    assert_string_not_equal(second, first);
    /* the .bak is a good save of the earlier week */
    BsErrors e;
    bs_errors_init(&e, bak);
    BsSession old;
    assert_true(bs_session_load(&old, bak, s, NULL, 0, &e));
    assert_int_equal(old.nweeks, 2);
    bs_errors_free(&e);
    free(first);
    free(kept);
    free(second);
    bs_scenario_free(s);
}

static void atomic_writes_leave_no_temporary_files(void **state)
{
    (void)state;
    char dir[600], path[700];
    t_tmppath(dir, sizeof dir, "atomic");
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/file.txt", dir);
    BsErrors e;
    bs_errors_init(&e, path);
    for (int i = 0; i < 20; i++) {
        char data[64];
        int n = snprintf(data, sizeof data, "version %d\n", i);
        assert_true(bs_write_file_atomic(path, data, (size_t)n, i % 2 == 0, &e));
        char *back = t_read(path, NULL);
        assert_non_null(back);
        assert_string_equal(back, data);
        free(back);
    }
    assert_int_equal(e.count, 0);
    assert_int_equal(count_entries(dir, ".tmp"), 0);
    assert_int_equal(count_entries(dir, "file.txt"), 2); /* the file and its .bak */
    /* a folder that does not exist: an I/O error, nothing left behind */
    char nowhere[700];
    snprintf(nowhere, sizeof nowhere, "%s/missing/file.txt", dir);
    assert_false(bs_write_file_atomic(nowhere, "x", 1, true, &e));
    assert_true(t_count_kind(&e, BS_E_IO) >= 1);
    assert_int_equal(count_entries(dir, ".tmp"), 0);
    /* an empty file is fine too */
    assert_true(bs_write_file_atomic(path, "", 0, false, &e));
    size_t len = 99;
    char *back = t_read(path, &len);
    assert_non_null(back);
    assert_int_equal(len, 0);
    free(back);
    bs_errors_free(&e);
}

static void a_saved_game_writes_no_temporary_files(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    char dir[600], path[700];
    t_tmppath(dir, sizeof dir, "saves");
    assert_int_equal(mkdir(dir, 0755), 0);
    snprintf(path, sizeof path, "%s/game.save", dir);
    BsSession ss;
    BsGame g;
    BsGameOptions o = {.nseats = 1, .seed = 2};
    t_game(&g, s, 2);
    bs_session_new(&ss, s, &o);
    while (!bs_game_over(&g)) { /* autosave after every week */
        int ch[BS_MAX_SEATS] = {scripted(&g), -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
        save_or_fail(&ss, s, path);
    }
    assert_int_equal(count_entries(dir, ".tmp"), 0);
    assert_int_equal(count_entries(dir, "game.save"), 2);
    bs_scenario_free(s);
}

static void an_injected_event_is_recorded_and_replayed(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    /* an event that changes something when it fires */
    int ev = -1;
    for (int k = 0; k < s->nevents && ev < 0; k++)
        if (s->events[k].injectable && s->events[k].effects.count > 0)
            ev = k;
    assert_true(ev >= 0);
    BsSession ss, plain;
    BsGame g, p;
    play(s, 17, 2, &ss, &g);
    play(s, 17, 2, &plain, &p);
    int week = g.week;
    assert_true(bs_session_inject(&ss, &g, ev));
    assert_int_equal(ss.ninject, 1);
    assert_int_equal(ss.inject[0].event, ev);
    assert_int_equal(ss.inject[0].week, week);
    bool seen = false;
    for (int i = 0; i < g.now.nfired; i++)
        seen |= g.now.fired[i] == ev;
    assert_true(seen);
    assert_true(bs_game_hash(&g) != bs_game_hash(&p));

    /* the week after, both sessions play the same move */
    int ch[BS_MAX_SEATS] = {scripted(&g), -1, -1, -1, -1};
    assert_true(bs_session_play(&ss, &g, ch));
    BsGame r;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_session_replay(&ss, s, &r, -1, &e));
    assert_true(bs_game_hash(&r) == bs_game_hash(&g));
    /* replaying up to the week before leads to the week of the injection */
    assert_true(bs_session_replay(&ss, s, &r, week - 1, &e));
    assert_int_equal(r.week, week);
    /* and it survives a save */
    char path[600];
    t_tmppath(path, sizeof path, "inject.save");
    save_or_fail(&ss, s, path);
    BsSession back;
    assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
    assert_int_equal(back.ninject, 1);
    assert_true(bs_session_replay(&back, s, &r, -1, &e));
    assert_true(bs_game_hash(&r) == bs_game_hash(&g));
    assert_int_equal(e.count, 0);
    bs_errors_free(&e);
    /* events that do not exist cannot be injected */
    assert_false(bs_session_inject(&ss, &g, s->nevents));
    assert_false(bs_session_inject(&ss, &g, -1));
    assert_int_equal(ss.ninject, 1);
    bs_scenario_free(s);
}

static void undo_drops_the_last_week(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    uint64_t h[8];
    BsGameOptions o = {.nseats = 1, .seed = 6};
    t_game(&g, s, 6);
    bs_session_new(&ss, s, &o);
    h[0] = bs_game_hash(&g);
    for (int w = 1; w <= 4; w++) {
        int ch[BS_MAX_SEATS] = {scripted(&g), -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
        h[w] = bs_game_hash(&g);
    }
    int8_t third = ss.moves[2][0];
    assert_true(bs_session_undo(&ss, s, &g));
    assert_int_equal(ss.nweeks, 3);
    assert_int_equal(g.week, 4);
    assert_true(bs_game_hash(&g) == h[3]);
    assert_int_equal(ss.moves[2][0], third);

    /* an event injected at the start of the week being undone goes too */
    assert_true(bs_session_inject(&ss, &g, 0));
    assert_true(bs_game_hash(&g) != h[3]);
    assert_true(bs_session_undo(&ss, s, &g));
    assert_int_equal(ss.nweeks, 2);
    assert_int_equal(ss.ninject, 0);
    assert_true(bs_game_hash(&g) == h[2]);

    while (ss.nweeks > 0)
        assert_true(bs_session_undo(&ss, s, &g));
    assert_true(bs_game_hash(&g) == h[0]);
    assert_false(bs_session_undo(&ss, s, &g));
    bs_scenario_free(s);
}

static void an_impossible_move_is_not_logged(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 1, 1, &ss, &g);
    uint64_t h = bs_game_hash(&g);
    int ch[BS_MAX_SEATS] = {BS_MAX_CHOICES - 1 + 5, -1, -1, -1, -1};
    assert_false(bs_session_play(&ss, &g, ch));
    assert_int_equal(ss.nweeks, 1);
    assert_true(bs_game_hash(&g) == h);
    bs_scenario_free(s);
}

static void the_week_log_has_a_json_line_per_week(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 23, BS_MAX_WEEKS, &ss, &g);
    char path[600];
    t_tmppath(path, sizeof path, "game.jsonl");
    BsErrors e;
    bs_errors_init(&e, path);
    assert_true(bs_session_write_log(&ss, s, path, &e));
    size_t len;
    char *text = t_read(path, &len);
    assert_non_null(text);
    int w = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"), w++) {
        char want[32];
        snprintf(want, sizeof want, "\"week\":%d,", w);
        assert_non_null(strstr(line, want));
        assert_true(line[0] == '{' && line[strlen(line) - 1] == '}');
        /* every vendor's meters */
        for (int v = 0; v < s->nvendors; v++) {
            char id[80];
            snprintf(id, sizeof id, "{\"id\":\"%s\"", s->vendors[v].id);
            assert_non_null(strstr(line, id));
        }
        /* the line is a scenario-less JSON object: check it parses strictly */
        BsErrors pe;
        bs_errors_init(&pe, "line");
        BsScenario *x = bs_scenario_parse("line", line, strlen(line), &pe);
        assert_null(x);
        assert_int_equal(t_count_kind(&pe, BS_E_SYNTAX) + t_count_kind(&pe, BS_E_ENCODING), 0);
        bs_errors_free(&pe);
    }
    assert_int_equal(w, ss.nweeks + 1);
    free(text);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

/* play --watch: a session carried over to an edited scenario keeps the
 * weeks whose moves are still possible there. */
static void a_session_is_rebased_on_an_edited_scenario(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    play(s, 3, 5, &ss, &g);
    assert_int_equal(ss.nweeks, 5);
    /* the same file, edited in a text only: every week kept */
    size_t len;
    BsErrors e;
    bs_errors_init(&e, "");
    char *text = bs_read_file(T_ERP, BS_MAX_FILE_BYTES, &len, &e);
    assert_non_null(text);
    char *at = strstr(text, "You have ten minutes.");
    assert_non_null(at);
    memcpy(at, "You have six minutes.", strlen("You have six minutes."));
    BsScenario *edited = bs_scenario_parse(T_ERP, text, strlen(text), &e);
    assert_non_null(edited);
    assert_true(edited->hash != s->hash);
    BsSession copy = ss;
    assert_int_equal(bs_session_rebase(&copy, edited), 5);
    assert_true(copy.hash == edited->hash);
    assert_true(bs_session_replay(&copy, edited, &g, -1, &e));
    assert_int_equal(g.week, 6);
    /* a move that no longer exists: the weeks before it are kept */
    copy = ss;
    copy.moves[2][0] = 8; /* no state offers a 9th choice there */
    int kept = bs_session_rebase(&copy, s);
    assert_true(kept == 2);
    assert_int_equal(copy.nweeks, 2);
    assert_true(bs_session_replay(&copy, s, &g, -1, &e));
    bs_scenario_free(edited);
    bs_free(text);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

/* Role-play: players start equal by default; uneven starts are kept, and
 * saved, when asked. */
static void role_play_starts_equal_unless_uneven(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsErrors e;
    bs_errors_init(&e, "");
    BsGameOptions eq = {.nseats = 3, .seed = 4}, un = {.nseats = 3, .seed = 4, .uneven = true};
    BsGame a, b;
    assert_true(bs_game_init(&a, s, &eq, &e));
    assert_true(bs_game_init(&b, s, &un, &e));
    for (int se = 1; se < 3; se++) {
        int v0 = a.seat[0].vendor, v = a.seat[se].vendor;
        assert_true(a.v[v].trust == a.v[v0].trust);
        assert_true(a.v[v].q[BS_Q_IMPRESSION] == a.v[v0].q[BS_Q_IMPRESSION]);
        assert_true(a.value[v] == a.value[v0]);
    }
    assert_true(b.v[b.seat[1].vendor].trust != b.v[b.seat[0].vendor].trust); /* the case's own starts */
    BsSession ss;
    bs_session_new(&ss, s, &un);
    assert_true(ss.uneven);
    char path[600];
    t_tmppath(path, sizeof path, "uneven.json");
    save_or_fail(&ss, s, path);
    BsSession back;
    assert_true(bs_session_load(&back, path, s, NULL, 0, &e));
    assert_true(back.uneven);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

/* Predictions are scored against always guessing each meter's most common
 * direction: the same guess every week has no skill beyond that. */
/* "About the same" is what the buyer would not notice: the model's felt_*
 * thresholds, by which the move is also called flat. A move's own effect
 * counts where it was measured. */
static void a_prediction_is_right_by_what_the_buyer_notices(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    const BsModel *md = &s->model;
    BsMove mv = {.has_own = true, .own_mindshare = 0.9 * md->felt_mindshare / 100.0,
                 .own_trust = 0.9 * md->felt_trust, .own_risk = -0.9 * md->felt_risk, .d_trust = 5};
    for (int k = 0; k < 3; k++)
        assert_int_equal(bs_predict_actual(md, &mv, k), BS_PREDICT_SAME);
    mv.own_mindshare = 1.1 * md->felt_mindshare / 100.0;
    mv.own_trust = -1.1 * md->felt_trust;
    mv.own_risk = 1.1 * md->felt_risk;
    assert_int_equal(bs_predict_actual(md, &mv, 0), BS_PREDICT_UP);
    assert_int_equal(bs_predict_actual(md, &mv, 1), BS_PREDICT_DOWN);
    assert_int_equal(bs_predict_actual(md, &mv, 2), BS_PREDICT_UP);
    mv.has_own = false; /* not measured: the week's change */
    assert_int_equal(bs_predict_actual(md, &mv, 1), BS_PREDICT_UP);
    bs_scenario_free(s);
}

static void predictions_are_scored_against_a_baseline(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGame g;
    BsGameOptions o = {.nseats = 1, .seed = 6};
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_game_init(&g, s, &o, &e));
    bs_session_new(&ss, s, &o);
    BsPredict same[3] = {BS_PREDICT_UP, BS_PREDICT_UP, BS_PREDICT_SAME};
    while (!bs_game_over(&g)) {
        bs_session_predict(&ss, 0, same);
        int ch[BS_MAX_SEATS] = {scripted(&g), -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
    }
    BsPredictScore sc;
    assert_true(bs_session_predict_score(&ss, s, 0, &sc, &e));
    assert_int_equal(sc.made, 3 * ss.nweeks);
    assert_true(sc.right <= sc.baseline); /* never better than the best constant guess */
    assert_true(sc.skill <= 0.0);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_save_loads_back_to_the_same_session),
        cmocka_unit_test(a_finished_game_and_an_empty_one_round_trip),
        cmocka_unit_test(a_save_of_a_changed_scenario_is_refused),
        cmocka_unit_test(a_truncated_save_is_refused),
        cmocka_unit_test(a_save_with_a_changed_move_or_hash_is_refused),
        cmocka_unit_test(a_save_names_the_engine_that_wrote_it),
        cmocka_unit_test(a_second_save_keeps_the_first_as_bak),
        cmocka_unit_test(atomic_writes_leave_no_temporary_files),
        cmocka_unit_test(a_saved_game_writes_no_temporary_files),
        cmocka_unit_test(an_injected_event_is_recorded_and_replayed),
        cmocka_unit_test(undo_drops_the_last_week),
        cmocka_unit_test(an_impossible_move_is_not_logged),
        cmocka_unit_test(the_week_log_has_a_json_line_per_week),
        cmocka_unit_test(a_session_is_rebased_on_an_edited_scenario),
        cmocka_unit_test(role_play_starts_equal_unless_uneven),
        cmocka_unit_test(a_prediction_is_right_by_what_the_buyer_notices),
        cmocka_unit_test(predictions_are_scored_against_a_baseline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
