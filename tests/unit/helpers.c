#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

BsScenario *t_load(const char *path)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = bs_scenario_load(path, &e);
    if (!s)
        bs_errors_print(&e, stderr);
    bs_errors_free(&e);
    assert_non_null(s);
    return s;
}

BsScenario *t_parse(const char *text, BsErrors *errs)
{
    return bs_scenario_parse("inline.json", text, strlen(text), errs);
}

static int cmp_path(const void *a, const void *b) { return strcmp(a, b); }

int t_bundled_scenarios(char paths[][512], int cap)
{
    static const char *const langs[] = {"en", "zh"};
    int n = 0;
    for (int l = 0; l < 2; l++) {
        char dir[512];
        snprintf(dir, sizeof dir, "%s/scenarios/%s", BS_SOURCE_DIR, langs[l]);
        DIR *d = opendir(dir);
        if (!d)
            continue;
        struct dirent *de;
        while ((de = readdir(d)) && n < cap) {
            size_t len = strlen(de->d_name);
            if (len > 5 && !strcmp(de->d_name + len - 5, ".json"))
                snprintf(paths[n++], 512, "%s/%s", dir, de->d_name);
        }
        closedir(d);
    }
    qsort(paths, (size_t)n, 512, cmp_path);
    return n;
}

/* Two vendors, four states, every kind of thing once: for focused tests. */
const char t_small_scenario[] =
    "{\n"
    "  \"format\": 1, \"id\": \"small\", \"lang\": \"en\", \"title\": \"Small\", \"weeks\": 6,\n"
    "  \"buyer\": { \"name\": \"Ann\", \"role\": \"Buyer\", \"stakes\": 0.5, \"gift_cap\": 100,\n"
    "    \"needs\": [ { \"id\": \"speed\", \"label\": \"Speed\" }, { \"id\": \"cost\", \"label\": \"Cost\" } ] },\n"
    "  \"vendors\": [\n"
    "    { \"id\": \"me\", \"name\": \"Me\", \"human\": true },\n"
    "    { \"id\": \"them\", \"name\": \"Them\", \"policy\": \"always:pitch\" } ],\n"
    "  \"messages\": [ { \"id\": \"fast\", \"label\": \"Fast\", \"fits\": [\"speed\"] } ],\n"
    "  \"objections\": [ { \"id\": \"price\", \"label\": \"Too dear\", \"need\": \"cost\" } ],\n"
    "  \"policies\": { \"buyer_centric\": { \"weights\": { \"ask\": 1 } } },\n"
    "  \"start\": \"a\",\n"
    "  \"states\": {\n"
    "    \"a\": { \"say\": \"Hello {vendor}.\", \"choices\": [\n"
    "      { \"text\": \"Ask\", \"action\": \"ask\", \"need\": \"speed\", \"next\": \"b\" },\n"
    "      { \"text\": \"Pitch\", \"action\": \"pitch\", \"message\": \"fast\" } ] },\n"
    "    \"b\": { \"say\": \"Go on.\", \"choices\": [\n"
    "      { \"text\": \"Analyze\", \"action\": \"analyze\", \"next\": \"c\" },\n"
    "      { \"text\": \"Repeat\", \"action\": \"repeat\", \"message\": \"fast\" } ] },\n"
    "    \"c\": { \"auto\": [ { \"when\": { \"week\": { \"gte\": 5 } }, \"next\": \"d\" } ],\n"
    "      \"choices\": [ { \"text\": \"Close\", \"action\": \"push_close\", \"when\": { \"trust\": { \"gte\": 0 } } } ] },\n"
    "    \"d\": { \"end\": true } },\n"
    "  \"events\": [ { \"id\": \"e\", \"when\": { \"week\": { \"gte\": 2 } }, \"flag\": \"f\", \"effects\": { \"pressure\": 5 } } ],\n"
    "  \"thoughts\": [ { \"when\": { \"flag\": \"f\" }, \"text\": \"Hmm.\" } ],\n"
    "  \"lessons\": { \"1\": { \"title\": \"L1\", \"text\": \"T1\" }, \"2\": { \"title\": \"L2\", \"text\": \"T2\" },\n"
    "                 \"3\": { \"title\": \"L3\", \"text\": \"T3\" } }\n"
    "}\n";
