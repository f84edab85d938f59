/* `history` (past games) and `export` (CSV per week per vendor, or xAPI
 * statements for a learning record store). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "play.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static bool has_arg(int argc, char **argv, const char *a)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], a))
            return true;
    return false;
}

static void csv_field(FILE *f, const char *s)
{
    bool quote = strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

int cli_history(int argc, char **argv)
{
    if (has_arg(argc, argv, "--help") || has_arg(argc, argv, "-h")) {
        printf("Usage: buyersim history [--csv]\n"
               "Lists every finished game (kept in the per-user folder), with the best score\n"
               "per scenario. Replay one with: buyersim replay SESSION\n");
        return 0;
    }
    bool csv = false;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--csv"))
            csv = true;
        else {
            fprintf(stderr, "buyersim: history: unknown option %s\n", argv[i]);
            return 1;
        }
    }
    AppRecord *r;
    BsErrors e;
    bs_errors_init(&e, "");
    int n = app_history_read(&r, &e);
    app_errors_print(stderr, "buyersim: history: ", &e); /* n >= 0: damaged lines skipped, one warning */
    bs_errors_free(&e);
    if (n < 0)
        return 1;
    if (csv) {
        printf("date,scenario,lang,seed,players,seat,vendor,outcome,won,score,weeks,lessons,predictions,predictions_right,session\n");
        for (int i = 0; i < n; i++) {
            char lessons[8] = "";
            for (int k = 0; k < 3; k++)
                if (r[i].lessons >> k & 1)
                    snprintf(lessons + strlen(lessons), sizeof lessons - strlen(lessons), "%s%d", *lessons ? " " : "", k + 1);
            printf("%s,%s,%s,%llu,%d,%d,", r[i].date, r[i].scenario, r[i].lang, (unsigned long long)r[i].seed,
                   r[i].players, r[i].seat);
            csv_field(stdout, r[i].vendor);
            printf(",%s,%d,%d,%d,%s,%d,%d,", r[i].outcome, r[i].won, r[i].score, r[i].weeks, lessons,
                   r[i].predictions, r[i].predictions_right);
            csv_field(stdout, r[i].session);
            printf("\n");
        }
    } else if (n == 0) {
        printf("No finished games yet. Play one: buyersim play\n");
    } else {
        /* per scenario: games, wins, best score; then every game */
        printf("%-22s %-4s %6s %5s %6s\n", "scenario", "lang", "games", "won", "best");
        for (int i = 0; i < n; i++) {
            bool seen = false;
            for (int k = 0; k < i && !seen; k++)
                seen = !strcmp(r[k].scenario, r[i].scenario) && !strcmp(r[k].lang, r[i].lang);
            if (seen)
                continue;
            int games = 0, won = 0, best = 0;
            for (int k = i; k < n; k++)
                if (!strcmp(r[k].scenario, r[i].scenario) && !strcmp(r[k].lang, r[i].lang)) {
                    games++;
                    won += r[k].won;
                    if (r[k].score > best)
                        best = r[k].score;
                }
            printf("%-22s %-4s %6d %5d %6d\n", r[i].scenario, r[i].lang, games, won, best);
        }
        printf("\n%-20s %-22s %-4s %6s %-12s %5s  %s\n", "date", "scenario", "lang", "seed", "outcome", "score",
               "session");
        for (int i = 0; i < n; i++)
            printf("%-20s %-22s %-4s %6llu %-12s %5d  %s\n", r[i].date, r[i].scenario, r[i].lang,
                   (unsigned long long)r[i].seed, r[i].outcome, r[i].score, r[i].session);
    }
    bs_free(r);
    return fflush(stdout) == 0 ? 0 : 1;
}

/*============================================================================
 * export
 *==========================================================================*/

/* A client-generated statement id: the same session, seat and actor give the
 * same id, so exporting twice never duplicates a statement in the store.
 * Formatted as an RFC 4122 version-4 UUID from a 128-bit hash. */
static void statement_id(const BsSession *ss, int seat, const char *actor, char out[37])
{
    uint64_t a = bs_hash64(ss, sizeof *ss, 0);
    a = bs_hash64(&seat, sizeof seat, a);
    a = bs_hash64(actor, strlen(actor), a);
    uint64_t b = bs_hash64(&a, sizeof a, 0x9E3779B97F4A7C15ull);
    unsigned char u[16];
    for (int i = 0; i < 8; i++) {
        u[i] = (unsigned char)(a >> (8 * i));
        u[8 + i] = (unsigned char)(b >> (8 * i));
    }
    u[6] = (unsigned char)((u[6] & 0x0F) | 0x40);
    u[8] = (unsigned char)((u[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2],
             u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

static void slug(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && n + 1 < cap; p++)
        out[n++] = (char)((*p >= 'A' && *p <= 'Z') ? *p + 32 : (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ? *p : '-');
    out[n] = '\0';
}

static bool write_xapi(FILE *f, const BsSession *ss, const BsScenario *s, char **actors, int nactors,
                       const char *when, BsErrors *errs)
{
    fprintf(f, "[\n");
    for (int seat = 0; seat < ss->nseats; seat++) {
        BsDebrief d;
        if (!bs_debrief_build(ss, s, seat, &d, errs))
            return false;
        char name[128];
        if (seat < nactors && actors[seat][0])
            snprintf(name, sizeof name, "%s", actors[seat]);
        else
            snprintf(name, sizeof name, "Player %d", seat + 1);
        char acct[128], id[37];
        slug(name, acct, sizeof acct);
        statement_id(ss, seat, name, id);
        bool over = d.outcome != BS_OUT_PLAYING;
        bool won = d.outcome == BS_OUT_DECIDED && d.winner == d.vendor;
        const char *verb = !over ? "http://adlnet.gov/expapi/verbs/attempted"
                         : won ? "http://adlnet.gov/expapi/verbs/passed" : "http://adlnet.gov/expapi/verbs/failed";
        const char *verb_name = !over ? "attempted" : won ? "passed" : "failed";
        fprintf(f, "  {\n    \"id\": \"%s\",\n    \"version\": \"1.0.3\",\n    \"timestamp\": \"%s\",\n", id, when);
        fprintf(f, "    \"actor\": {\"objectType\": \"Agent\", \"name\": ");
        app_json_string(f, name);
        fprintf(f, ", \"account\": {\"homePage\": \"https://buyersim.invalid/players\", \"name\": \"%s\"}},\n", acct);
        fprintf(f, "    \"verb\": {\"id\": \"%s\", \"display\": {\"en-US\": \"%s\"}},\n", verb, verb_name);
        fprintf(f, "    \"object\": {\"objectType\": \"Activity\", \"id\": \"https://buyersim.invalid/scenarios/%s/%s\",\n",
                s->id, s->lang);
        fprintf(f, "      \"definition\": {\"type\": \"http://adlnet.gov/expapi/activities/simulation\", \"name\": {\"%s\": ",
                !strcmp(s->lang, "zh") ? "zh-CN" : "en-US");
        app_json_string(f, s->title);
        fprintf(f, "}}},\n");
        int right = 0, made = 0;
        bs_session_predictions(ss, s, seat, &right, &made, errs);
        /* the time spent playing; the simulated weeks go in an extension */
        fprintf(f, "    \"result\": {\"score\": {\"scaled\": %.2f, \"raw\": %d, \"min\": 0, \"max\": 100},"
                   " \"success\": %s, \"completion\": %s, \"duration\": \"PT%luH%luM%luS\",\n",
                d.score / 100.0, d.score, won ? "true" : "false", over ? "true" : "false",
                (unsigned long)ss->seconds / 3600, (unsigned long)ss->seconds / 60 % 60, (unsigned long)ss->seconds % 60);
        fprintf(f, "      \"extensions\": {\"https://buyersim.invalid/xapi/outcome\": \"%s\",",
                d.outcome == BS_OUT_NO_DECISION ? "no_decision" : won ? "won" : over ? "lost" : "playing");
        fprintf(f, " \"https://buyersim.invalid/xapi/vendor\": ");
        app_json_string(f, s->vendors[d.vendor].name);
        fprintf(f, ", \"https://buyersim.invalid/xapi/lessons-missed\": [");
        bool first = true;
        for (int k = 0; k < 3; k++)
            if (d.lessons_fired >> k & 1) {
                fprintf(f, "%s%d", first ? "" : ", ", k + 1);
                first = false;
            }
        fprintf(f, "], \"https://buyersim.invalid/xapi/weeks\": %d, \"https://buyersim.invalid/xapi/predictions\": "
                   "{\"made\": %d, \"right\": %d}}},\n", ss->nweeks, made, right);
        fprintf(f, "    \"context\": {\"platform\": \"buyersim %s\", \"language\": \"%s\", \"extensions\": "
                   "{\"https://buyersim.invalid/xapi/seed\": %llu, \"https://buyersim.invalid/xapi/players\": %d}}\n",
                bs_version(), !strcmp(s->lang, "zh") ? "zh-CN" : "en-US", (unsigned long long)ss->seed, ss->nseats);
        fprintf(f, "  }%s\n", seat + 1 < ss->nseats ? "," : "");
    }
    fprintf(f, "]\n");
    return true;
}

/* export --format debrief: the game opened read-only (no autosave, no
 * history record) by the play controller, which writes the debrief. */
static int export_debrief(const char *file, const char *scn, int player, const char *outp)
{
    AppPlayOptions po = {.scenario = scn, .resume = file, .save = ""};
    BsErrors e;
    bs_errors_init(&e, file);
    AppPlay *p = app_play_open(&po, &e);
    int rc = 1;
    char *text = NULL;
    size_t len = 0;
    if (p && !bs_game_over(&p->g)) {
        bs_errors_add(&e, BS_E_SESSION, 0, 0, "(root)", "the game is not over: no debrief yet (week %d of %d)",
                      p->g.week, p->scn->weeks);
    } else if (p && (player < 1 || player > p->ss.nseats)) {
        bs_errors_add(&e, BS_E_RANGE, 0, 0, "(root)", "--player is 1 to %d, not %d", p->ss.nseats, player);
    } else if (p && app_play_debrief_json_text(p, player - 1, &text, &len, &e)) {
        bool ok = outp ? bs_write_file_atomic(outp, text, len, false, &e) : fwrite(text, 1, len, stdout) == len;
        rc = ok ? 0 : 1;
    }
    if (rc)
        bs_errors_print(&e, stderr);
    bs_free(text);
    bs_errors_free(&e);
    app_play_free(p);
    return rc;
}

int cli_export(int argc, char **argv)
{
    if (has_arg(argc, argv, "--help") || has_arg(argc, argv, "-h")) {
        printf("Usage: buyersim export SESSION --format csv|xapi|debrief [--out FILE] [--actors NAME,NAME...]\n"
               "       [--scenario SCENARIO] [--player N]\n"
               "csv: one row per week per vendor. xapi: xAPI 1.0.3 statements, one per player,\n"
               "ready to post to a learning record store. debrief: a finished game's debrief as\n"
               "JSON, as the screen's export writes it (--player N: that player's, in a\n"
               "role-play). SESSION is a save (see buyersim history).\n");
        return 0;
    }
    const char *file = NULL, *format = NULL, *outp = NULL, *actors_arg = NULL, *scn = NULL;
    int player = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--format") && i + 1 < argc) format = argv[++i];
        else if (!strcmp(argv[i], "--player") && i + 1 < argc) player = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) outp = argv[++i];
        else if (!strcmp(argv[i], "--actors") && i + 1 < argc) actors_arg = argv[++i];
        else if (!strcmp(argv[i], "--scenario") && i + 1 < argc) scn = argv[++i];
        else if (argv[i][0] == '-') {
            fprintf(stderr, "buyersim: export: unknown option %s\n", argv[i]);
            return 1;
        } else file = argv[i];
    }
    if (!file || !format || (strcmp(format, "csv") && strcmp(format, "xapi") && strcmp(format, "debrief"))) {
        fprintf(stderr, "buyersim: export: give a session file and --format csv, xapi or debrief\n");
        return 1;
    }
    if (!strcmp(format, "debrief"))
        return export_debrief(file, scn, player, outp);
    BsSession ss;
    BsErrors e;
    bs_errors_init(&e, file);
    BsScenario *s = app_load_session(file, scn, "en", &ss, &e);
    if (!s) {
        cli_errors_print(&e);
        bs_errors_free(&e);
        return 1;
    }
    int rc = 0;
    if (!strcmp(format, "csv")) {
        char *text;
        size_t len;
        if (!bs_session_csv_text(&ss, s, &text, &len, &e)) {
            bs_errors_print(&e, stderr);
            rc = 1;
        } else {
            if (outp ? !bs_write_file_atomic(outp, text, len, false, &e) : fwrite(text, 1, len, stdout) != len) {
                bs_errors_print(&e, stderr);
                rc = 1;
            }
            bs_free(text);
        }
    } else {
        char *actors[BS_MAX_SEATS] = {0}, names[512] = "";
        int nactors = 0;
        if (actors_arg) {
            snprintf(names, sizeof names, "%s", actors_arg);
            for (char *p = names; p && nactors < BS_MAX_SEATS;) {
                actors[nactors++] = p;
                p = strchr(p, ',');
                if (p)
                    *p++ = '\0';
            }
        }
        /* the time of the export, or of the save when known */
        char when[32];
        struct stat st;
        time_t t = stat(file, &st) == 0 ? st.st_mtime : time(NULL);
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
        char *buf = NULL;
        size_t blen = 0;
        FILE *mem = open_memstream(&buf, &blen);
        if (!mem || !write_xapi(mem, &ss, s, actors, nactors, when, &e)) {
            if (mem)
                fclose(mem);
            bs_errors_print(&e, stderr);
            rc = 1;
        } else {
            fclose(mem);
            if (outp ? !bs_write_file_atomic(outp, buf, blen, false, &e) : fwrite(buf, 1, blen, stdout) != blen) {
                bs_errors_print(&e, stderr);
                rc = 1;
            }
        }
        free(buf);
    }
    bs_errors_free(&e);
    bs_scenario_free(s);
    return rc;
}
