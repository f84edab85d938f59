/* buyersim: the one executable. Subcommands: play, check, sim, graph,
 * render, replay, bench. Errors go to stderr with exit code 1. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifdef BS_HAVE_SCREEN
#include "screen.h"
#endif

static const char usage_text[] =
    "buyersim - see a sale from the buyer's seat\n"
    "\n"
    "Usage:\n"
    "  buyersim play [SCENARIO] [--lang en|zh] [--seed N] [--players N] [--text]\n"
    "                [--projector] [--demo [POLICY]] [--loop] [--exam] [--predict] [--vote]\n"
    "                [--save FILE] [--resume FILE] [--rivals POLICY] [--uneven] [--watch FILE]\n"
    "                [--moves 1,4,2[,debrief]]\n"
    "  buyersim check FILE...\n"
    "  buyersim sim SCENARIO --policy NAME [--runs N] [--seed N] [--rivals NAME] [--json]\n"
    "  buyersim audit SCENARIO... [--json] [--set NAME=VALUE]\n"
    "  buyersim new NAME [--lang en|zh]\n"
    "  buyersim graph SCENARIO\n"
    "  buyersim render SCENARIO --moves 1,2,3 --size WxH --out FILE.png [--lang zh] [--projector]\n"
    "  buyersim replay FILE [--scenario SCENARIO] [--quiet]\n"
    "  buyersim bench [--json]\n"
    "  buyersim history [--csv]\n"
    "  buyersim export SESSION --format csv|xapi [--out FILE] [--actors NAME,...]\n"
    "  buyersim --help | --version\n"
    "\n"
    "SCENARIO is a scenario file, or the id of a bundled one (default: erp-rollout).\n"
    "Policies: random, always:ACTION (e.g. always:pitch), or one the scenario names\n"
    "(every bundled scenario has buyer_centric, pitch_close, relationship_only).\n"
    "\n"
    "play --moves 1,4,2 plays those moves first and shows the week after them (a\n"
    "position to share); with the moves of a whole game, \",debrief\" at the end opens\n"
    "its debrief. The moves are written as for render.\n"
    "play --watch FILE (authors): plays FILE and reloads it, at the same week, whenever\n"
    "it is saved. --uneven (role-play): the players keep their vendors' own starts (a\n"
    "handicap, announced); by default every player starts as the first playable vendor.\n"
    "play --text is the console game: it reads one choice number per line, so it\n"
    "also plays from a pipe; u undoes a week, q saves and quits. The game is saved\n"
    "after every week (default: ~/.local/share/buyersim/).\n";

static void usage(FILE *f) { fputs(usage_text, f); }

static int fail(const char *msg, const char *arg)
{
    fprintf(stderr, "buyersim: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    fprintf(stderr, "Try 'buyersim --help'.\n");
    return 1;
}

static bool parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s)
        return false;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end || s[0] == '-' || v > 4294967295ull)
        return false;
    *out = v;
    return true;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
    uint64_t v;
    if (!parse_u64(s, &v) || v < (uint64_t)lo || v > (uint64_t)hi)
        return false;
    *out = (int)v;
    return true;
}

static bool wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return true;
    return false;
}

/*============================================================================
 * check
 *==========================================================================*/
static int cmd_check(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        printf("Usage: buyersim check FILE...\n"
               "Validates scenarios. Prints every problem as FILE:LINE:COL: JSON.PATH: message.\n"
               "Exit 0 if all are valid, 1 if any is not.\n"
               "A valid scenario may still get warnings (FILE:LINE:COL: JSON.PATH: warning: ...):\n"
               "lines whose tone contradicts what their choice does, reactions that can never show,\n"
               "repeats of a message nothing says first, and (from a few hundred quick games of the\n"
               "usual policies) states nobody leaves for many weeks and end states never reached.\n"
               "Warnings do not change the exit status. `buyersim audit` checks the lessons.\n");
        return 0;
    }
    if (argc < 2)
        return fail("check: give one or more scenario files", NULL);
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        BsErrors e;
        bs_errors_init(&e, argv[i]);
        BsScenario *s = bs_scenario_load(argv[i], &e);
        if (s) {
            printf("%s: ok (%s, %d vendors, %d states, %d weeks)\n", argv[i], s->id, s->nvendors,
                   s->nstates, s->weeks);
            fflush(stdout);
            BsErrors w;
            bs_errors_init(&w, argv[i]);
            if (bs_scenario_lint(s, &w) > 0) /* warnings: printed, never a failure */
                bs_errors_print(&w, stderr);
            bs_errors_free(&w);
            bs_scenario_free(s);
        } else {
            bs_errors_print(&e, stderr);
            bad++;
        }
        bs_errors_free(&e);
    }
    return bad ? 1 : 0;
}

/*============================================================================
 * sim
 *==========================================================================*/
static int cmd_sim(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        printf("Usage: buyersim sim SCENARIO --policy NAME [--runs N] [--seed N] [--rivals NAME]\n"
               "                    [--without ACTION] [--set NAME=VALUE] [--json]\n"
               "Plays N seeded games (seeds N, N+1, ...) with a policy in the player's seat.\n"
               "--without ACTION: the same policy, never playing ACTION while anything else is offered.\n"
               "--set NAME=VALUE: a model coefficient (repeatable), as the case's \"model\" would set it.\n"
               "An always:ACTION that no state of the case offers is an error. The report says in how\n"
               "many of the player's weeks the policy ran as written (the rest: nothing it names was\n"
               "offered, and it played a random offered choice).\n");
        return 0;
    }
    const char *scn = NULL, *policy = NULL, *rivals = NULL, *lang = NULL, *without = NULL, *sets[32];
    int runs = 1000, nsets = 0;
    uint64_t seed = 1;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--policy") && i + 1 < argc) policy = argv[++i];
        else if (!strcmp(a, "--rivals") && i + 1 < argc) rivals = argv[++i];
        else if (!strcmp(a, "--without") && i + 1 < argc) without = argv[++i];
        else if (!strcmp(a, "--set") && i + 1 < argc && nsets < 32) sets[nsets++] = argv[++i];
        else if (!strcmp(a, "--lang") && i + 1 < argc) lang = argv[++i];
        else if (!strcmp(a, "--runs") && i + 1 < argc) {
            if (!parse_int(argv[++i], 1, 100000000, &runs))
                return fail("sim: --runs needs a number from 1 to 100000000, not", argv[i]);
        } else if (!strcmp(a, "--seed") && i + 1 < argc) {
            if (!parse_u64(argv[++i], &seed))
                return fail("sim: --seed needs a number from 0 to 4294967295, not", argv[i]);
        } else if (!strcmp(a, "--json")) json = true;
        else if (a[0] == '-') return fail("sim: unknown option", a);
        else if (!scn) scn = a;
        else return fail("sim: more than one scenario:", a);
    }
    if (!scn)
        return fail("sim: give a scenario", NULL);
    if (!policy)
        return fail("sim: give a policy with --policy NAME", NULL);
    char path[1200];
    if (!app_scenario_path(scn, app_lang(lang), path, sizeof path))
        return fail("sim: no such scenario:", scn);
    BsScenario *s = cli_load_with_sets(path, sets, nsets);
    if (!s)
        return 1;
    BsSimOptions o = {.policy = policy, .rivals = rivals, .runs = runs, .seed = seed, .without = without};
    BsSimResult r;
    BsErrors e;
    bs_errors_init(&e, path);
    if (!bs_sim_run(s, &o, &r, &e)) {
        for (int i = 0; i < e.count; i++)
            fprintf(stderr, "buyersim: sim: %s\n", e.items[i].msg);
        bs_errors_free(&e);
        bs_scenario_free(s);
        return 1;
    }
    bs_errors_free(&e);
    if (json) {
        printf("{\"scenario\":\"%s\",\"lang\":\"%s\",\"policy\":\"%s\",\"rivals\":\"%s\",\"seed\":%llu,"
               "\"runs\":%d,\"wins\":%d,\"win_rate\":%.4f,\"no_decisions\":%d,\"no_decision_rate\":%.4f,"
               "\"mean_mindshare\":%.4f,\"mean_trust\":%.2f,\"mean_risk\":%.2f,"
               "\"lessons\":{\"1\":%d,\"2\":%d,\"3\":%d},\"states_visited\":{",
               s->id, s->lang, policy, rivals ? rivals : "", (unsigned long long)seed, r.runs, r.wins,
               r.win_rate, r.no_decisions, r.no_decision_rate, r.mean_mindshare, r.mean_trust,
               r.mean_risk, r.lessons[0], r.lessons[1], r.lessons[2]);
        for (int i = 0; i < s->nstates; i++)
            printf("%s\"%s\":%d", i ? "," : "", s->states[i].id, r.state_visits[i]);
        printf("},\"without\":\"%s\",\"weeks\":%ld,\"fallback_weeks\":%ld,\"as_written\":%.4f,"
               "\"ran_as_written\":%s,\"rivals_as_written\":true,\"games_per_second\":%.0f}\n",
               without ? without : "", r.weeks, r.fallback_weeks,
               r.weeks ? 1.0 - (double)r.fallback_weeks / (double)r.weeks : 1.0,
               r.fallback_weeks ? "false" : "true", r.games_per_second);
    } else {
        printf("scenario     %s (%s)\npolicy       %s%s%s\nrivals       %s\nruns         %d (seeds %llu..%llu)\n",
               s->id, s->lang, policy, without ? " without " : "", without ? without : "",
               rivals ? rivals : "the scenario's", r.runs,
               (unsigned long long)seed, (unsigned long long)(seed + (uint64_t)r.runs - 1));
        if (r.fallback_weeks == 0)
            printf("as written   in every one of the player's %ld weeks\n", r.weeks);
        else
            printf("as written   in %.1f%% of the player's weeks; in %ld weeks nothing the policy names was\n"
                   "             offered and it played a random offered choice\n",
                   100.0 - 100.0 * (double)r.fallback_weeks / (double)r.weeks, r.fallback_weeks);
        printf("win rate     %5.1f%%  (%d)\nno decision  %5.1f%%  (%d)\n", 100 * r.win_rate, r.wins,
               100 * r.no_decision_rate, r.no_decisions);
        printf("at the end   mindshare %.1f%%, trust %.1f, career risk %.1f (means)\n",
               100 * r.mean_mindshare, r.mean_trust, r.mean_risk);
        printf("lessons      1: %.1f%%  2: %.1f%%  3: %.1f%%  of games had a mistake of that lesson\n",
               100.0 * r.lessons[0] / r.runs, 100.0 * r.lessons[1] / r.runs, 100.0 * r.lessons[2] / r.runs);
        printf("speed        %.0f games/second\n", r.games_per_second);
    }
    bs_scenario_free(s);
    return 0;
}

/*============================================================================
 * graph
 *==========================================================================*/
static int cmd_graph(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        printf("Usage: buyersim graph SCENARIO\nPrints the dialogue state machine as Graphviz DOT "
               "(render it with: buyersim graph X | dot -Tsvg > x.svg).\n");
        return 0;
    }
    const char *scn = NULL, *lang = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lang") && i + 1 < argc) lang = argv[++i];
        else if (argv[i][0] == '-') return fail("graph: unknown option", argv[i]);
        else scn = argv[i];
    }
    if (!scn)
        return fail("graph: give a scenario", NULL);
    char path[1200];
    if (!app_scenario_path(scn, app_lang(lang), path, sizeof path))
        return fail("graph: no such scenario:", scn);
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = app_load_scenario(path, &e);
    if (!s) {
        cli_errors_print(&e);
        bs_errors_free(&e);
        return 1;
    }
    bs_errors_free(&e);
    bs_scenario_graph(s, stdout);
    bs_scenario_free(s);
    return fflush(stdout) == 0 ? 0 : 1;
}

/*============================================================================
 * replay
 *==========================================================================*/
int cli_replay(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        printf("Usage: buyersim replay FILE [--scenario SCENARIO] [--lang en|zh] [--quiet]\n"
               "Steps through a saved session week by week. Exit 0 only if FILE is a valid\n"
               "session for its scenario.\n");
        return 0;
    }
    const char *file = NULL, *scn = NULL, *lang = NULL;
    bool quiet = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quiet")) quiet = true;
        else if (!strcmp(argv[i], "--scenario") && i + 1 < argc) scn = argv[++i];
        else if (!strcmp(argv[i], "--lang") && i + 1 < argc) lang = argv[++i];
        else if (argv[i][0] == '-') return fail("replay: unknown option", argv[i]);
        else file = argv[i];
    }
    if (!file)
        return fail("replay: give a save file", NULL);
    BsSession ss;
    BsErrors e;
    bs_errors_init(&e, file);
    BsScenario *s = app_load_session(file, scn, app_lang(lang), &ss, &e);
    if (!s) {
        cli_errors_print(&e);
        bs_errors_free(&e);
        return 1;
    }
    bs_errors_free(&e);
    int rc = 0;
    if (!quiet) {
        BsStrings *t = app_strings(lang ? app_lang(lang) : s->lang);
        BsGame g;
        bs_errors_init(&e, file);
        for (int w = 0; w <= ss.nweeks; w++) {
            if (!bs_session_replay_start(&ss, s, &g, w + 1, &e)) {
                bs_errors_print(&e, stderr);
                rc = 1;
                break;
            }
            if (w > 0)
                cli_print_moves(stdout, &g, t, 0, false);
            if (!bs_game_over(&g))
                cli_print_week(stdout, &g, t, 0, false, false);
        }
        bs_errors_free(&e);
        if (rc == 0 && bs_game_over(&g))
            for (int se = 0; se < ss.nseats; se++)
                cli_print_debrief(stdout, &ss, s, t, se);
        bs_strings_free(t);
    } else {
        printf("%s: valid session of %s, %d week(s)\n", file, s->id, ss.nweeks);
    }
    bs_scenario_free(s);
    return rc;
}

/*============================================================================
 * bench
 *==========================================================================*/
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* `audit` with its default options on every bundled case of a language:
 * seconds per case, into ids/secs. */
#define BENCH_CASES 16
static int bench_audits(const char *lang, char ids[][64], double *secs)
{
    static char paths[BENCH_CASES][APP_PATH_MAX];
    int n = app_bundled_files(lang, paths, BENCH_CASES), done = 0;
    for (int i = 0; i < n; i++) {
        BsErrors e;
        bs_errors_init(&e, paths[i]);
        BsScenario *s = bs_scenario_load(paths[i], &e);
        BsAuditOptions o;
        bs_audit_defaults(&o);
        static BsAudit a;
        double t0 = now_s();
        if (s && bs_audit_run(s, &o, &a, &e)) {
            secs[done] = now_s() - t0;
            snprintf(ids[done++], 64, "%s", s->id);
        }
        bs_scenario_free(s);
        bs_errors_free(&e);
    }
    return done;
}

static int cmd_bench(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        printf("Usage: buyersim bench [--json] [--scenario SCENARIO] [--start]\n"
               "Measures games per second (one core), scenario load time, frame times of the\n"
               "real screen drawn off-screen, the time `audit` takes on each bundled case of the\n"
               "scenario's language, the start screen's first frame and memory with no history and\n"
               "with 10000 past games (--start: only those), and peak memory.\n");
        return 0;
    }
    bool json = false, start_only = false;
    const char *scn = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = true;
        else if (!strcmp(argv[i], "--scenario") && i + 1 < argc) scn = argv[++i];
        else if (!strcmp(argv[i], "--start")) start_only = true;
        else return fail("bench: unknown option", argv[i]);
    }
    if (start_only) { /* the start screen's figures alone */
        double ms[2] = {-1, -1}, mb[2] = {-1, -1};
#ifdef BS_HAVE_SCREEN
        bs_screen_bench_start(0, 5, &ms[0], &mb[0]);
        bs_screen_bench_start(10000, 5, &ms[1], &mb[1]);
#endif
        if (ms[0] < 0 || ms[1] < 0)
            return fail("bench: the start screen could not run", NULL);
        if (json)
            printf("{\"start_first_frame_ms\":%.1f,\"start_first_frame_ms_10000_games\":%.1f,\"start_peak_rss_mb\":%.1f,"
                   "\"start_peak_rss_mb_10000_games\":%.1f}\n", ms[0], ms[1], mb[0], mb[1]);
        else
            printf("start screen      first frame %.1f ms with no history, %.1f ms with 10000 past games (+%.1f ms); "
                   "peak memory %.1f MB, %.1f MB (1920x1080 off-screen, median of 5)\n",
                   ms[0], ms[1], ms[1] - ms[0], mb[0], mb[1]);
        return 0;
    }
    char path[1200];
    if (!app_scenario_path(scn, "en", path, sizeof path))
        return fail("bench: no scenario", scn);
    /* load time: median of repeated loads */
    double loads[101];
    BsScenario *s = NULL;
    for (int i = 0; i < 101; i++) {
        double t0 = now_s();
        BsErrors e;
        bs_errors_init(&e, path);
        BsScenario *x = bs_scenario_load(path, &e);
        loads[i] = (now_s() - t0) * 1000.0;
        if (!x) {
            bs_errors_print(&e, stderr);
            bs_errors_free(&e);
            bs_scenario_free(s);
            return 1;
        }
        bs_errors_free(&e);
        if (s)
            bs_scenario_free(x);
        else
            s = x;
    }
    qsort(loads, 101, sizeof loads[0], cmp_double);
    /* games per second: buyer_centric in the seat, the scenario's rivals */
    const char *policy = s->buyer_centric >= 0 ? "buyer_centric" : "random";
    BsSimOptions o = {.policy = policy, .runs = 20000, .seed = 1};
    BsSimResult r;
    BsErrors e;
    bs_errors_init(&e, path);
    bs_sim_run(s, &o, &r, &e); /* warm-up */
    o.runs = 200000;
    double best = 0;
    for (int k = 0; k < 3; k++) {
        if (!bs_sim_run(s, &o, &r, &e)) {
            bs_errors_print(&e, stderr);
            bs_errors_free(&e);
            bs_scenario_free(s);
            return 1;
        }
        if (r.games_per_second > best)
            best = r.games_per_second;
    }
    bs_errors_free(&e);
    char audit_ids[BENCH_CASES][64];
    double audit_s[BENCH_CASES], audit_max = 0;
    int naudit = bench_audits(s->lang, audit_ids, audit_s);
    for (int i = 0; i < naudit; i++)
        if (audit_s[i] > audit_max)
            audit_max = audit_s[i];
    double f1080[2] = {-1, -1}, f2160[2] = {-1, -1}, first[3] = {-1, -1, -1};
    double start_ms[2] = {-1, -1}, start_mb[2] = {-1, -1}; /* the start screen: no history, 10,000 games */
#ifdef BS_HAVE_SCREEN
    bs_screen_bench_start(0, 5, &start_ms[0], &start_mb[0]);
    bs_screen_bench_start(10000, 5, &start_ms[1], &start_mb[1]);
    bs_screen_bench(path, 1920, 1080, f1080);
    bs_screen_bench(path, 3840, 2160, f2160);
    const char *dpy = getenv("DISPLAY");
    if (dpy && *dpy) /* launch to first frame needs a real window */
        bs_screen_first_frame("/proc/self/exe", path, 5, first);
#endif
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double rss = ru.ru_maxrss / 1024.0;
    if (json) {
        printf("{\"scenario\":\"%s\",\"games_per_second\":%.0f,\"load_ms\":%.3f,"
               "\"frame_p50_ms_1080\":%.3f,\"frame_p99_ms_1080\":%.3f,"
               "\"frame_p50_ms_2160\":%.3f,\"frame_p99_ms_2160\":%.3f,\"first_frame_ms\":%.1f,"
               "\"first_full_frame_ms\":%.1f,\"start_first_frame_ms\":%.1f,\"start_first_frame_ms_10000_games\":%.1f,"
               "\"start_peak_rss_mb\":%.1f,\"start_peak_rss_mb_10000_games\":%.1f,"
               "\"peak_rss_mb\":%.1f,\"audit_max_seconds\":%.3f,\"audit_seconds\":{",
               s->id, best, loads[50], f1080[0], f1080[1], f2160[0], f2160[1], first[0], first[2], start_ms[0],
               start_ms[1], start_mb[0], start_mb[1], rss, audit_max);
        for (int i = 0; i < naudit; i++)
            printf("%s\"%s\":%.3f", i ? "," : "", audit_ids[i], audit_s[i]);
        printf("}}\n");
    } else {
        printf("scenario          %s\n", s->id);
        printf("games per second  %.0f  (%s, one core, best of 3 x %d games)\n", best, policy, o.runs);
        printf("load time         %.3f ms  (median of 101 loads)\n", loads[50]);
        if (f1080[0] >= 0)
            printf("frame 1920x1080   p50 %.2f ms  p99 %.2f ms\nframe 3840x2160   p50 %.2f ms  p99 %.2f ms\n",
                   f1080[0], f1080[1], f2160[0], f2160[1]);
        else
            printf("frame times       (built without the screen)\n");
        if (first[0] >= 0)
            printf("first frame       %.0f ms after launch (title %.0f ms, full screen %.0f ms; median of 5)\n",
                   first[0], first[1], first[2]);
        else
            printf("first frame       (needs a display: run under X or Xvfb)\n");
        if (start_ms[0] >= 0 && start_ms[1] >= 0)
            printf("start screen      first frame %.1f ms with no history, %.1f ms with 10000 past games (+%.1f ms); "
                   "peak memory %.1f MB, %.1f MB (1920x1080 off-screen, median of 5)\n",
                   start_ms[0], start_ms[1], start_ms[1] - start_ms[0], start_mb[0], start_mb[1]);
        else
            printf("start screen      (built without the screen, or it could not run)\n");
        for (int i = 0; i < naudit; i++)
            printf("audit             %.2f s  %s (default options)\n", audit_s[i], audit_ids[i]);
        printf("peak memory       %.1f MB\n", rss);
    }
    bs_scenario_free(s);
    return 0;
}

/*============================================================================
 * play
 *==========================================================================*/
static int cmd_play(int argc, char **argv)
{
    if (wants_help(argc, argv)) {
        usage(stdout);
        return 0;
    }
    PlayArgs a = {.players = 1, .demo_seconds = 4.0};
    for (int i = 1; i < argc; i++) {
        const char *x = argv[i];
        bool more = i + 1 < argc;
        if (!strcmp(x, "--text")) a.text = true;
        else if (!strcmp(x, "--projector")) a.projector = true;
        else if (!strcmp(x, "--exam")) a.exam = true;
        else if (!strcmp(x, "--loop")) a.loop = true;
        else if (!strcmp(x, "--predict")) a.predict = true;
        else if (!strcmp(x, "--vote")) a.vote = true;
        else if (!strcmp(x, "--demo")) {
            a.demo = true;
            if (more && argv[i + 1][0] != '-' && !strchr(argv[i + 1], '/') && !strstr(argv[i + 1], ".json") &&
                (strchr(argv[i + 1], ':') || strchr(argv[i + 1], '_') || !strcmp(argv[i + 1], "random")))
                a.demo_policy = argv[++i];
        } else if (!strcmp(x, "--lang") && more) {
            a.lang = argv[++i];
            if (strcmp(a.lang, "en") && strcmp(a.lang, "zh"))
                return fail("play: --lang is en or zh, not", a.lang);
        } else if (!strcmp(x, "--seed") && more) {
            if (!parse_u64(argv[++i], &a.seed))
                return fail("play: --seed needs a number from 0 to 4294967295, not", argv[i]);
            a.has_seed = true;
        } else if (!strcmp(x, "--players") && more) {
            if (!parse_int(argv[++i], 1, BS_MAX_SEATS, &a.players))
                return fail("play: --players is 1 to 5, not", argv[i]);
        } else if (!strcmp(x, "--save") && more) a.save = argv[++i];
        else if (!strcmp(x, "--moves") && more) a.moves = argv[++i];
        else if (!strcmp(x, "--resume") && more) a.resume = argv[++i];
        else if (!strcmp(x, "--rivals") && more) a.rivals = argv[++i];
        else if (!strcmp(x, "--uneven")) a.uneven = true;
        else if (!strcmp(x, "--watch") && more) {
            a.watch = argv[++i];
            if (a.scenario && strcmp(a.scenario, a.watch))
                return fail("play: --watch FILE plays FILE; give no other scenario, not", a.scenario);
            a.scenario = a.watch;
        }
        else if (!strcmp(x, "--demo-seconds") && more) {
            a.demo_seconds = atof(argv[++i]);
            if (!(a.demo_seconds >= 0.2 && a.demo_seconds <= 60))
                return fail("play: --demo-seconds is 0.2 to 60, not", argv[i]);
        } else if (x[0] == '-') return fail("play: unknown option", x);
        else if (!a.scenario) a.scenario = x;
        else if (!a.watch || strcmp(a.scenario, x)) return fail("play: more than one scenario:", x);
    }
    if (a.moves && (a.text || a.resume || a.watch || a.demo || !a.scenario))
        return fail("play: --moves plays a new game of a scenario in the window (not with --text, --resume, --watch "
                    "or --demo)", NULL);
    if (a.watch && a.resume)
        return fail("play: --watch starts a game of the file it watches; it cannot --resume", NULL);
    if (a.text)
        return cli_play_text(&a);
#ifdef BS_HAVE_SCREEN
    return bs_screen_play(&a);
#else
    fprintf(stderr, "buyersim: this build has no screen; play in the console with --text\n");
    return 1;
#endif
}

#ifdef BS_HAVE_SCREEN
static int cmd_render(int argc, char **argv) { return bs_screen_render_cmd(argc, argv); }
#endif

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) {
        printf("buyersim %s\n", bs_version());
        return 0;
    }
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--version")) {
            printf("buyersim %s\n", bs_version());
            return 0;
        }
    if (!strcmp(cmd, "play")) return cmd_play(argc - 1, argv + 1);
    if (!strcmp(cmd, "check")) return cmd_check(argc - 1, argv + 1);
    if (!strcmp(cmd, "sim")) return cmd_sim(argc - 1, argv + 1);
    if (!strcmp(cmd, "graph")) return cmd_graph(argc - 1, argv + 1);
    if (!strcmp(cmd, "replay")) return cli_replay(argc - 1, argv + 1);
    if (!strcmp(cmd, "bench")) return cmd_bench(argc - 1, argv + 1);
    if (!strcmp(cmd, "history")) return cli_history(argc - 1, argv + 1);
    if (!strcmp(cmd, "export")) return cli_export(argc - 1, argv + 1);
    if (!strcmp(cmd, "audit")) return cli_audit(argc - 1, argv + 1);
    if (!strcmp(cmd, "new")) return cli_new(argc - 1, argv + 1);
    if (!strcmp(cmd, "render")) {
#ifdef BS_HAVE_SCREEN
        return cmd_render(argc - 1, argv + 1);
#else
        if (wants_help(argc - 1, argv + 1)) {
            printf("Usage: buyersim render SCENARIO --moves 1,2,3 --size WxH --out FILE.png [--lang zh] [--projector]\n"
                   "(this build has no screen: rebuild with SDL2, SDL2_ttf, libunibreak and fontconfig)\n");
            return 0;
        }
        return fail("render: this build has no screen", NULL);
#endif
    }
    return fail("unknown command", cmd);
}
