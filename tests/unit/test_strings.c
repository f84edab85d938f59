/* Interface strings (strings.c): assets/lang/<lang>.json flattened to dotted
 * keys, a missing key reads as itself, only text is allowed, and an empty
 * table is a valid (if useless) table. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static BsStrings *load_text(const char *name, const char *text, BsErrors *e)
{
    char path[600];
    t_tmppath(path, sizeof path, name);
    t_write(path, text, strlen(text));
    bs_errors_init(e, path);
    return bs_strings_load(path, e);
}

static void nested_keys_read_as_dotted_paths(void **state)
{
    (void)state;
    BsErrors e;
    BsStrings *t = load_text("s1.json",
                             "{ \"ui\": { \"quit\": \"Quit\", \"menu\": { \"open\": \"Open\" } },\n"
                             "  \"top\": \"Top\", \"zh\": \"\\u4e2d\\u6587\" }", &e);
    assert_non_null(t);
    assert_int_equal(e.count, 0);
    assert_string_equal(bs_str(t, "ui.quit"), "Quit");
    assert_string_equal(bs_str(t, "ui.menu.open"), "Open");
    assert_string_equal(bs_str(t, "top"), "Top");
    assert_string_equal(bs_str(t, "zh"), "\xe4\xb8\xad\xe6\x96\x87");
    /* a missing key reads as itself; bs_str_or gives the fallback */
    assert_string_equal(bs_str(t, "ui.nothing"), "ui.nothing");
    assert_string_equal(bs_str(t, "ui"), "ui"); /* an object is no text */
    assert_null(bs_str_or(t, "ui.nothing", NULL));
    assert_string_equal(bs_str_or(t, "ui.nothing", "x"), "x");
    bs_strings_free(t);
    bs_errors_free(&e);
    /* no table at all: every key reads as itself */
    assert_string_equal(bs_str(NULL, "ui.quit"), "ui.quit");
}

static void only_text_is_allowed_and_errors_have_positions(void **state)
{
    (void)state;
    BsErrors e;
    BsStrings *t = load_text("s2.json", "{\n  \"a\": \"A\",\n  \"b\": 3,\n  \"c\": [\"x\"]\n}", &e);
    assert_null(t);
    assert_int_equal(e.count, 2);
    assert_int_equal(e.items[0].kind, BS_E_TYPE);
    assert_int_equal(e.items[0].line, 3);
    assert_int_equal(e.items[0].col, 8);
    assert_int_equal(e.items[1].line, 4);
    bs_errors_free(&e);
    t = load_text("s3.json", "[\"not\", \"an\", \"object\"]", &e);
    assert_null(t);
    assert_int_equal(t_count_kind(&e, BS_E_TYPE), 1);
    bs_errors_free(&e);
    t = load_text("s4.json", "{ \"a\": \"A\", \"a\": \"B\" }", &e);
    assert_null(t);
    assert_int_equal(t_count_kind(&e, BS_E_KEY), 1);
    bs_errors_free(&e);
}

static void an_empty_table_is_valid(void **state)
{
    (void)state;
    BsErrors e;
    BsStrings *t = load_text("s5.json", "{}", &e);
    assert_non_null(t);
    assert_string_equal(bs_str(t, "ui.quit"), "ui.quit");
    assert_null(bs_str_or(t, "x", NULL));
    bs_strings_free(t);
    bs_errors_free(&e);
    t = load_text("s6.json", "{ \"ui\": {} }", &e);
    assert_non_null(t);
    assert_string_equal(bs_str(t, "ui"), "ui");
    bs_strings_free(t);
    bs_errors_free(&e);
}

static void the_bundled_tables_load_and_name_every_builtin_action(void **state)
{
    (void)state;
    static const char *const langs[] = {"en", "zh"};
    BsScenario *s = t_load(T_ERP);
    for (int l = 0; l < 2; l++) {
        char path[512];
        snprintf(path, sizeof path, "%s/assets/lang/%s.json", BS_SOURCE_DIR, langs[l]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        fclose(f);
        BsErrors e;
        bs_errors_init(&e, path);
        BsStrings *t = bs_strings_load(path, &e);
        if (!t)
            t_print_errors(&e);
        assert_non_null(t);
        for (int a = 0; a < BS_A_BUILTIN_COUNT; a++) {
            const char *label = bs_action_text(s, t, a, "label");
            assert_non_null(label);
            /* a real label, not the id standing in for it */
            if (!strcmp(label, s->actions[a].id))
                fprintf(stderr, "%s: no label for action \"%s\"\n", path, s->actions[a].id);
            assert_string_not_equal(label, s->actions[a].id);
        }
        bs_strings_free(t);
        bs_errors_free(&e);
    }
    bs_scenario_free(s);
}

static void a_scenario_action_text_overrides_the_table(void **state)
{
    (void)state;
    BsScenario *s = t_parse_ok(t_small_with(
        "\"policies\":",
        "\"actions\": { \"ask\": { \"label\": \"Probe\" }, \"chat\": { \"base\": \"ask\" } },\n  \"policies\":"));
    BsErrors e;
    BsStrings *t = load_text("s7.json",
                             "{ \"action\": { \"ask\": { \"label\": \"Ask\", \"why_good\": \"Good.\" },"
                             " \"pitch\": { \"label\": \"Pitch\" } } }", &e);
    assert_non_null(t);
    int ask = bs_scenario_action(s, "ask"), chat = bs_scenario_action(s, "chat");
    assert_string_equal(bs_action_text(s, t, ask, "label"), "Probe");      /* the scenario's own */
    assert_string_equal(bs_action_text(s, t, ask, "why_good"), "Good.");   /* the table's */
    assert_string_equal(bs_action_text(s, t, BS_A_PITCH, "label"), "Pitch");
    /* an added action without a label of its own is named by its id, and
     * explains itself with its base's reasons */
    assert_string_equal(bs_action_text(s, t, chat, "label"), "chat");
    assert_string_equal(bs_action_text(s, t, chat, "why_good"), "Good.");
    assert_string_equal(bs_action_text(s, t, BS_A_WAIT, "why_bad"), "");
    bs_strings_free(t);
    bs_errors_free(&e);
    bs_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(nested_keys_read_as_dotted_paths),
        cmocka_unit_test(only_text_is_allowed_and_errors_have_positions),
        cmocka_unit_test(an_empty_table_is_valid),
        cmocka_unit_test(the_bundled_tables_load_and_name_every_builtin_action),
        cmocka_unit_test(a_scenario_action_text_overrides_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
