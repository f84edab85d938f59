/* The English and Chinese files of a case are the same case: same keys,
 * same ids, numbers, conditions and graph; only text differs. */
#include "../unit/helpers.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const text_keys[] = {
    "title", "summary", "name", "role", "company", "label", "say", "think", "text",
    "why_good", "why_bad", "thought", "doc", "currency", "lang", "$schema",
};

static bool is_text_key(const char *k)
{
    for (size_t i = 0; i < sizeof text_keys / sizeof text_keys[0]; i++)
        if (k && !strcmp(k, text_keys[i]))
            return true;
    return false;
}

static int diffs;

static void compare(const cJSON *a, const cJSON *b, const char *path, bool text)
{
    if (diffs > 20)
        return;
    if ((a->type & 0xFF) != (b->type & 0xFF)) {
        fprintf(stderr, "  %s: different JSON types\n", path);
        diffs++;
        return;
    }
    if (cJSON_IsString(a)) {
        if (!text && strcmp(a->valuestring, b->valuestring)) {
            fprintf(stderr, "  %s: \"%s\" vs \"%s\"\n", path, a->valuestring, b->valuestring);
            diffs++;
        } else if (text && (!*a->valuestring) != (!*b->valuestring)) {
            fprintf(stderr, "  %s: text present in one language only\n", path);
            diffs++;
        }
        return;
    }
    if (cJSON_IsNumber(a)) {
        if (a->valuedouble != b->valuedouble) {
            fprintf(stderr, "  %s: %g vs %g\n", path, a->valuedouble, b->valuedouble);
            diffs++;
        }
        return;
    }
    if (cJSON_IsArray(a) || cJSON_IsObject(a)) {
        if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b)) {
            fprintf(stderr, "  %s: %d vs %d items\n", path, cJSON_GetArraySize(a), cJSON_GetArraySize(b));
            diffs++;
            return;
        }
        const cJSON *x = a->child, *y = b->child;
        for (int i = 0; x && y; x = x->next, y = y->next, i++) {
            char sub[512];
            if (cJSON_IsObject(a)) {
                if (strcmp(x->string, y->string)) {
                    fprintf(stderr, "  %s: key \"%s\" vs \"%s\"\n", path, x->string, y->string);
                    diffs++;
                    continue;
                }
                snprintf(sub, sizeof sub, "%s.%s", path, x->string);
                compare(x, y, sub, is_text_key(x->string));
            } else {
                snprintf(sub, sizeof sub, "%s[%d]", path, i);
                compare(x, y, sub, text);
            }
        }
        return;
    }
    if (a->type != b->type) {
        fprintf(stderr, "  %s: different values\n", path);
        diffs++;
    }
}

static cJSON *read_json(const char *path)
{
    BsErrors e;
    bs_errors_init(&e, path);
    size_t len;
    char *text = bs_read_file(path, BS_MAX_FILE_BYTES, &len, &e);
    bs_errors_free(&e);
    if (!text)
        return NULL;
    cJSON *j = cJSON_ParseWithLength(text, len);
    bs_free(text);
    return j;
}

static void test_english_and_chinese_cases_have_the_same_structure(void **state)
{
    (void)state;
    char paths[64][512];
    int n = t_bundled_scenarios(paths, 64), pairs = 0;
    for (int i = 0; i < n; i++) {
        const char *en = strstr(paths[i], "/scenarios/en/");
        if (!en)
            continue;
        char zh[512];
        snprintf(zh, sizeof zh, "%.*s/scenarios/zh/%s", (int)(en - paths[i]), paths[i], en + strlen("/scenarios/en/"));
        struct stat st;
        if (stat(zh, &st) != 0) {
            fprintf(stderr, "%s has no Chinese version %s\n", paths[i], zh);
            fail();
        }
        cJSON *a = read_json(paths[i]), *b = read_json(zh);
        assert_non_null(a);
        assert_non_null(b);
        diffs = 0;
        fprintf(stderr, "# %s vs %s\n", paths[i], zh);
        compare(a, b, "", false);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(b, "lang")->valuestring, "zh");
        cJSON_Delete(a);
        cJSON_Delete(b);
        assert_int_equal(diffs, 0);
        pairs++;
    }
    /* and every Chinese case has an English one */
    for (int i = 0; i < n; i++)
        if (strstr(paths[i], "/scenarios/zh/")) {
            char en[512];
            const char *zh = strstr(paths[i], "/scenarios/zh/");
            snprintf(en, sizeof en, "%.*s/scenarios/en/%s", (int)(zh - paths[i]), paths[i], zh + strlen("/scenarios/zh/"));
            struct stat st;
            assert_int_equal(stat(en, &st), 0);
        }
    assert_true(pairs >= 1);
}

/* Interface strings: the same keys in every language, the same
 * placeholders in every string. */
static void collect(const cJSON *n, const char *prefix, cJSON *flat)
{
    for (const cJSON *c = n->child; c; c = c->next) {
        char key[256];
        snprintf(key, sizeof key, "%s%s%s", prefix, *prefix ? "." : "", c->string);
        if (cJSON_IsObject(c))
            collect(c, key, flat);
        else if (cJSON_IsString(c))
            cJSON_AddStringToObject(flat, key, c->valuestring);
    }
}

static void placeholders(const char *s, char *out, size_t cap)
{
    /* the sorted set of {names} in s, as "a,b," */
    char names[16][32];
    int n = 0;
    for (const char *p = strchr(s, '{'); p && n < 16; p = strchr(p + 1, '{')) {
        const char *q = strchr(p, '}');
        if (!q || q - p > 30)
            break;
        snprintf(names[n], sizeof names[n], "%.*s", (int)(q - p - 1), p + 1);
        int dup = 0;
        for (int k = 0; k < n; k++)
            dup |= !strcmp(names[k], names[n]);
        if (!dup)
            n++;
    }
    qsort(names, (size_t)n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    out[0] = '\0';
    for (int k = 0; k < n; k++) {
        strncat(out, names[k], cap - strlen(out) - 1);
        strncat(out, ",", cap - strlen(out) - 1);
    }
}

static void test_interface_strings_match_across_languages(void **state)
{
    (void)state;
    cJSON *en = read_json(BS_SOURCE_DIR "/assets/lang/en.json");
    cJSON *zh = read_json(BS_SOURCE_DIR "/assets/lang/zh.json");
    assert_non_null(en);
    if (!zh) {
        fprintf(stderr, "assets/lang/zh.json is missing\n");
        fail();
    }
    cJSON *fe = cJSON_CreateObject(), *fz = cJSON_CreateObject();
    collect(en, "", fe);
    collect(zh, "", fz);
    int bad = 0;
    for (const cJSON *c = fe->child; c; c = c->next) {
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(fz, c->string);
        if (!o) {
            fprintf(stderr, "  zh.json lacks %s\n", c->string);
            bad++;
            continue;
        }
        char pa[256], pb[256];
        placeholders(c->valuestring, pa, sizeof pa);
        placeholders(o->valuestring, pb, sizeof pb);
        if (strcmp(pa, pb)) {
            fprintf(stderr, "  %s: placeholders {%s} vs {%s}\n", c->string, pa, pb);
            bad++;
        }
    }
    for (const cJSON *c = fz->child; c; c = c->next)
        if (!cJSON_GetObjectItemCaseSensitive(fe, c->string)) {
            fprintf(stderr, "  en.json lacks %s\n", c->string);
            bad++;
        }
    cJSON_Delete(fe);
    cJSON_Delete(fz);
    cJSON_Delete(en);
    cJSON_Delete(zh);
    assert_int_equal(bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_and_chinese_cases_have_the_same_structure),
        cmocka_unit_test(test_interface_strings_match_across_languages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
