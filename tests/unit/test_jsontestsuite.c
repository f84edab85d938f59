/* The public JSONTestSuite corpus (tests/data/jsontestsuite/) loaded as
 * scenarios: every file is rejected, none crashes; y_ files (valid JSON) are
 * rejected for not being scenarios, not for their JSON; n_ files (invalid
 * JSON) are rejected as JSON. */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUITE BS_TEST_DATA "/jsontestsuite"

static char g_names[512][256];
static int g_n;

static int cmp_name(const void *a, const void *b) { return strcmp(a, b); }

static int list_suite(void)
{
    DIR *d = opendir(SUITE);
    if (!d)
        return -1;
    struct dirent *de;
    g_n = 0;
    while ((de = readdir(d)) && g_n < 512) {
        size_t len = strlen(de->d_name);
        if (len > 5 && !strcmp(de->d_name + len - 5, ".json"))
            snprintf(g_names[g_n++], 256, "%s", de->d_name);
    }
    closedir(d);
    qsort(g_names, (size_t)g_n, sizeof g_names[0], cmp_name);
    return g_n;
}

/* Does the file hold the escape \u0000 (a NUL in text)? The engine refuses
 * NUL in any text on purpose (DESIGN §10), so a valid-JSON file with one
 * may be refused as JSON, and only for that reason. */
static bool has_escaped_nul(const char *text, size_t len)
{
    for (size_t i = 0; i + 1 < len; i++) {
        if (text[i] != '\\')
            continue;
        if (text[i + 1] == 'u' && i + 6 <= len && !memcmp(text + i + 2, "0000", 4))
            return true;
        i++; /* skip the escaped character */
    }
    return false;
}

static bool is_json_kind(BsErrKind k) { return k == BS_E_SYNTAX || k == BS_E_ENCODING || k == BS_E_LIMIT; }

static void every_file_is_rejected_as_a_scenario_without_crashing(void **state)
{
    (void)state;
    int failures = 0, y = 0, n = 0, i_ = 0;
    for (int f = 0; f < g_n; f++) {
        const char *name = g_names[f];
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SUITE, name);
        BsErrors e;
        bs_errors_init(&e, path);
        BsScenario *s = bs_scenario_load(path, &e);
        if (s) {
            fprintf(stderr, "%s: loaded as a scenario\n", name);
            failures++;
            bs_scenario_free(s);
            bs_errors_free(&e);
            continue;
        }
        if (e.count + e.dropped == 0) {
            fprintf(stderr, "%s: refused without saying why\n", name);
            failures++;
        }
        int json_errors = 0;
        for (int k = 0; k < e.count; k++) {
            json_errors += e.items[k].kind == BS_E_SYNTAX || e.items[k].kind == BS_E_ENCODING;
            if (e.items[k].line < 0 || e.items[k].col < 0) {
                fprintf(stderr, "%s: a negative position\n", name);
                failures++;
            }
        }
        if (name[0] == 'y') {
            y++;
            size_t len = 0;
            char *text = t_read(path, &len);
            assert_non_null(text);
            bool nul = has_escaped_nul(text, len);
            free(text);
            /* valid JSON is never a syntax or encoding error (a limit may be
             * hit); the one exception: a NUL in text, refused on purpose */
            bool ok = json_errors == 0 ||
                      (nul && e.count == 1 && e.items[0].kind == BS_E_SYNTAX &&
                       strstr(e.items[0].msg, "NUL"));
            if (!ok) {
                fprintf(stderr, "%s: valid JSON rejected as JSON:\n", name);
                t_print_errors(&e);
                failures++;
            }
        } else if (name[0] == 'n') {
            n++;
            bool ok = e.count > 0;
            for (int k = 0; k < e.count; k++)
                ok &= is_json_kind(e.items[k].kind);
            if (!ok) {
                fprintf(stderr, "%s: invalid JSON not rejected as JSON:\n", name);
                t_print_errors(&e);
                failures++;
            }
        } else {
            i_++;
        }
        bs_errors_free(&e);
    }
    printf("# %d y_, %d n_, %d i_ files\n", y, n, i_);
    assert_true(y > 0 && n > 0);
    assert_int_equal(failures, 0);
}

/* The same bytes handed to the parser directly (no file reading in between)
 * are handled the same way: rejected, and n_ files as JSON. */
static void every_file_parsed_from_memory_is_rejected_too(void **state)
{
    (void)state;
    int failures = 0;
    for (int f = 0; f < g_n; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SUITE, g_names[f]);
        size_t len = 0;
        char *text = t_read(path, &len);
        assert_non_null(text);
        BsErrors e;
        bs_errors_init(&e, path);
        BsScenario *s = bs_scenario_parse(path, text, len, &e);
        if (s || e.count + e.dropped == 0) {
            fprintf(stderr, "%s: accepted from memory\n", g_names[f]);
            failures++;
        }
        if (g_names[f][0] == 'n') {
            for (int k = 0; k < e.count; k++)
                if (!is_json_kind(e.items[k].kind)) {
                    fprintf(stderr, "%s: invalid JSON not rejected as JSON from memory:\n", g_names[f]);
                    t_print_errors(&e);
                    failures++;
                    break;
                }
        }
        bs_scenario_free(s);
        bs_errors_free(&e);
        free(text);
    }
    assert_int_equal(failures, 0);
}

/* Saves and interface strings use the same reader: no crash there either. */
static void every_file_is_rejected_as_a_save_and_read_safely_as_strings(void **state)
{
    (void)state;
    BsScenario *scn = t_load(T_ERP);
    for (int f = 0; f < g_n; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SUITE, g_names[f]);
        BsErrors e;
        bs_errors_init(&e, path);
        BsSession ss;
        char id[64];
        assert_false(bs_session_load(&ss, path, scn, id, sizeof id, &e));
        assert_true(e.count + e.dropped > 0);
        bs_errors_free(&e);
        bs_errors_init(&e, path);
        BsStrings *t = bs_strings_load(path, &e);
        if (g_names[f][0] == 'n') {
            assert_null(t);
            assert_true(e.count > 0);
        }
        bs_strings_free(t);
        bs_errors_free(&e);
    }
    bs_scenario_free(scn);
}

int main(void)
{
    if (list_suite() < 318) { /* the corpus has 318 files */
        fprintf(stderr, "%s: %d JSON files, expected 318\n", SUITE, g_n);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_file_is_rejected_as_a_scenario_without_crashing),
        cmocka_unit_test(every_file_parsed_from_memory_is_rejected_too),
        cmocka_unit_test(every_file_is_rejected_as_a_save_and_read_safely_as_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
