/* Allocation failure (DESIGN §10): with an allocator that fails the Nth
 * allocation, for every N until the call succeeds, loading a scenario,
 * interface strings or a save fails cleanly (NULL/false, an error of kind
 * memory or I/O, or an error that could not be stored) and leaks nothing.
 * A whole game allocates nothing at all. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    long calls;       /* allocations and reallocations asked for */
    long fail_at;     /* the call that fails (1-based); 0: never */
    bool persistent;  /* fail every call from fail_at on */
    long failed;      /* calls refused */
    long live;        /* blocks allocated and not freed */
} Hook;

static Hook H;

static void *hook(void *ud, void *p, size_t n)
{
    (void)ud;
    if (n == 0) {
        if (p) {
            H.live--;
            free(p);
        }
        return NULL;
    }
    H.calls++;
    if (H.fail_at > 0 && (H.calls == H.fail_at || (H.persistent && H.calls > H.fail_at))) {
        H.failed++;
        return NULL;
    }
    void *r = realloc(p, n);
    if (r && !p)
        H.live++;
    return r;
}

static void hook_on(long fail_at, bool persistent)
{
    memset(&H, 0, sizeof H);
    H.fail_at = fail_at;
    H.persistent = persistent;
    bs_set_allocator(hook, NULL);
}

static void hook_off(void) { bs_set_allocator(NULL, NULL); }

/* The errors of a failed call: at least one, and every stored one says
 * memory or I/O, unless the list itself could not grow (dropped). */
static bool clean_failure(const BsErrors *e)
{
    if (e->count + e->dropped == 0)
        return false;
    bool memory = e->dropped > 0;
    for (int i = 0; i < e->count; i++)
        memory |= e->items[i].kind == BS_E_MEMORY || e->items[i].kind == BS_E_IO;
    return memory;
}

typedef bool (*Attempt)(BsErrors *e, const void *ctx);

/* Runs `try` with the Nth allocation failing, N = 1, 2, ... until it
 * succeeds; each failed run must fail cleanly and leak nothing. Returns
 * the number of allocations of a successful run. */
static long every_failure_point(const char *what, Attempt try, const void *ctx, bool persistent)
{
    for (long n = 1; n < 1000000; n++) {
        BsErrors e;
        bs_errors_init(&e, what);
        hook_on(n, persistent);
        bool ok = try(&e, ctx);
        bool failed_alloc = H.failed > 0;
        if (ok) {
            bs_errors_free(&e);
            long live = H.live;
            hook_off();
            /* it may succeed only once no allocation was refused */
            if (failed_alloc)
                fprintf(stderr, "%s: succeeded although allocation %ld failed\n", what, n);
            assert_false(failed_alloc);
            assert_int_equal(live, 0);
            return n - 1;
        }
        if (!clean_failure(&e)) {
            fprintf(stderr, "%s: allocation %ld failed%s, and the errors do not say so:\n", what, n,
                    persistent ? " (and all after it)" : "");
            t_print_errors(&e);
        }
        assert_true(clean_failure(&e));
        bs_errors_free(&e);
        long live = H.live;
        hook_off();
        if (live != 0)
            fprintf(stderr, "%s: allocation %ld failed%s: %ld block(s) leaked\n", what, n,
                    persistent ? " (and all after it)" : "", live);
        assert_int_equal(live, 0);
    }
    fail();
    return -1;
}

/* The successful calls free what they made, so that `live` reaches 0. */
static bool try_scenario(BsErrors *e, const void *ctx)
{
    BsScenario *s = bs_scenario_load(ctx, e);
    bs_scenario_free(s);
    return s != NULL;
}

static bool try_strings(BsErrors *e, const void *ctx)
{
    BsStrings *t = bs_strings_load(ctx, e);
    bool ok = t != NULL;
    if (t)
        ok = strcmp(bs_str(t, "no.such.key"), "no.such.key") == 0;
    bs_strings_free(t);
    return ok;
}

typedef struct {
    const char *path;
    const BsScenario *s;
} SaveCtx;

static bool try_session(BsErrors *e, const void *ctx)
{
    const SaveCtx *c = ctx;
    BsSession ss;
    return bs_session_load(&ss, c->path, c->s, NULL, 0, e);
}

static bool try_save(BsErrors *e, const void *ctx)
{
    const SaveCtx *c = ctx;
    BsSession ss;
    BsErrors le;
    bs_errors_init(&le, "");
    bool ok = bs_session_load(&ss, c->path, c->s, NULL, 0, &le);
    bs_errors_free(&le);
    if (!ok) /* a failure of the setup, not of what is tested */
        return bs_errors_add(e, BS_E_MEMORY, 0, 0, "", "setup"), false;
    return bs_session_save(&ss, c->s, c->path, e);
}

static bool try_log(BsErrors *e, const void *ctx)
{
    const SaveCtx *c = ctx;
    BsSession ss;
    BsErrors le;
    bs_errors_init(&le, "");
    bool ok = bs_session_load(&ss, c->path, c->s, NULL, 0, &le);
    bs_errors_free(&le);
    if (!ok)
        return bs_errors_add(e, BS_E_MEMORY, 0, 0, "", "setup"), false;
    char *text = NULL;
    size_t len;
    ok = bs_session_log_text(&ss, c->s, &text, &len, e);
    bs_free(text);
    return ok;
}

/*--------------------------------------------------------------------------*/

static void loading_a_scenario_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    long n1 = every_failure_point("erp (one failure)", try_scenario, T_ERP, false);
    long n2 = every_failure_point("erp (all failing)", try_scenario, T_ERP, true);
    printf("# loading the ERP scenario takes %ld allocations\n", n1);
    assert_true(n1 > 0);
    assert_int_equal(n1, n2);
}

static void loading_a_bad_scenario_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    /* a file with errors: the errors themselves need memory */
    static const char *const files[] = {
        BS_TEST_DATA "/malformed/unknown-key-choises.json",
        BS_TEST_DATA "/malformed/invalid-json.json",
        BS_TEST_DATA "/malformed/duplicate-key.json",
    };
    for (int f = 0; f < 3; f++) {
        for (long n = 1; n < 100000; n++) {
            BsErrors e;
            bs_errors_init(&e, files[f]);
            hook_on(n, false);
            BsScenario *s = bs_scenario_load(files[f], &e);
            bool refused = H.failed > 0;
            assert_null(s);
            assert_true(e.count + e.dropped > 0);
            bs_errors_free(&e);
            long live = H.live;
            hook_off();
            if (live)
                fprintf(stderr, "%s: allocation %ld failed: %ld block(s) leaked\n", files[f], n, live);
            assert_int_equal(live, 0);
            if (!refused)
                break;
        }
    }
}

static void loading_interface_strings_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    const char *path = BS_SOURCE_DIR "/assets/lang/en.json";
    long n = every_failure_point("en.json (one failure)", try_strings, path, false);
    every_failure_point("en.json (all failing)", try_strings, path, true);
    printf("# loading en.json takes %ld allocations\n", n);
    assert_true(n > 0);
}

static void loading_a_save_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    BsSession ss;
    BsGameOptions o = {.nseats = 1, .seed = 5};
    BsGame g;
    t_game(&g, s, 5);
    bs_session_new(&ss, s, &o);
    for (int w = 0; w < 5; w++) {
        int avail[BS_MAX_CHOICES];
        int n = bs_game_choices(&g, 0, avail);
        int ch[BS_MAX_SEATS] = {n ? avail[w % n] : -1, -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
    }
    assert_true(bs_session_inject(&ss, &g, 0));
    char path[600];
    t_tmppath(path, sizeof path, "alloc.save");
    BsErrors e;
    bs_errors_init(&e, path);
    assert_true(bs_session_save(&ss, s, path, &e));
    bs_errors_free(&e);
    SaveCtx c = {path, s};
    long n = every_failure_point("save (one failure)", try_session, &c, false);
    every_failure_point("save (all failing)", try_session, &c, true);
    printf("# loading a save takes %ld allocations\n", n);

    /* saving and the week log fail cleanly too, and a failed save leaves
     * the file that was there */
    char *before = t_read(path, NULL);
    assert_non_null(before);
    every_failure_point("saving", try_save, &c, false);
    every_failure_point("saving (all failing)", try_save, &c, true);
    char *after = t_read(path, NULL);
    assert_non_null(after);
    assert_string_equal(before, after);
    every_failure_point("the week log", try_log, &c, false);
    free(before);
    free(after);
    bs_scenario_free(s);
}

static void a_whole_game_allocates_nothing(void **state)
{
    (void)state;
    BsScenario *s = t_load(T_ERP);
    for (uint64_t seed = 1; seed <= 20; seed++) {
        hook_on(0, false);
        BsGameOptions o = {.nseats = 1, .seed = seed};
        BsGame g;
        BsErrors e;
        bs_errors_init(&e, "");
        assert_true(bs_game_init(&g, s, &o, &e));
        int pol, arg;
        assert_true(bs_policy_resolve(s, seed % 2 ? "buyer_centric" : "random", &pol, &arg));
        while (!bs_game_over(&g)) {
            int ch[BS_MAX_SEATS] = {bs_policy_pick_choice(&g, 0, pol, arg, &g.rng_seats), -1, -1, -1, -1};
            assert_true(bs_game_step(&g, ch));
            double p[BS_MAX_VENDORS];
            bs_game_p_win(&g, p);
            (void)bs_game_p_no_decision(&g);
        }
        long calls = H.calls;
        hook_off();
        bs_errors_free(&e);
        assert_int_equal(calls, 0);
    }
    /* nor does a batch of simulated games, nor a debrief */
    hook_on(0, false);
    BsSimOptions so = {.policy = "buyer_centric", .runs = 100, .seed = 3};
    BsSimResult r;
    BsErrors e;
    bs_errors_init(&e, "");
    assert_true(bs_sim_run(s, &so, &r, &e));
    long calls = H.calls;
    hook_off();
    assert_int_equal(calls, 0);

    BsSession ss;
    BsGameOptions o = {.nseats = 1, .seed = 4};
    BsGame g;
    t_game(&g, s, 4);
    bs_session_new(&ss, s, &o);
    while (!bs_game_over(&g)) {
        int ch[BS_MAX_SEATS] = {bs_policy_pick_choice(&g, 0, s->buyer_centric, -1, &g.rng_seats), -1, -1, -1, -1};
        assert_true(bs_session_play(&ss, &g, ch));
    }
    hook_on(0, false);
    BsDebrief d;
    assert_true(bs_debrief_build(&ss, s, 0, &d, &e));
    assert_true(bs_session_undo(&ss, s, &g));
    calls = H.calls;
    hook_off();
    assert_int_equal(calls, 0);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(loading_a_scenario_fails_cleanly_at_every_allocation),
        cmocka_unit_test(loading_a_bad_scenario_fails_cleanly_at_every_allocation),
        cmocka_unit_test(loading_interface_strings_fails_cleanly_at_every_allocation),
        cmocka_unit_test(loading_a_save_fails_cleanly_at_every_allocation),
        cmocka_unit_test(a_whole_game_allocates_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
