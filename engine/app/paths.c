#define _XOPEN_SOURCE 700
#include "app.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

const char *app_data_dir(void)
{
    static char dir[1200];
    if (dir[0])
        return dir;
    const char *env = getenv("BUYERSIM_DATA");
    if (env && *env) {
        snprintf(dir, sizeof dir, "%s", env);
        return dir;
    }
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char cand[1100];
            snprintf(cand, sizeof cand, "%s/../%s", exe, BS_INSTALL_DATA_SUFFIX);
            char probe[1200];
            snprintf(probe, sizeof probe, "%s/scenarios", cand);
            if (is_dir(probe)) {
                char *real = realpath(cand, NULL);
                snprintf(dir, sizeof dir, "%s", real ? real : cand);
                free(real);
                return dir;
            }
        }
    }
    snprintf(dir, sizeof dir, "%s", BS_SOURCE_DATA_DIR);
    return dir;
}

static bool mkdirs(const char *path)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return false;
            *p = '/';
        }
    }
    return mkdir(tmp, 0755) == 0 || errno == EEXIST;
}

const char *app_user_dir(void)
{
    static char dir[1024];
    if (dir[0])
        return dir;
    const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    /* An empty XDG_DATA_HOME means unset (the XDG spec); SDL 2.26 would use
     * the root folder instead. */
    if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/buyersim", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/share/buyersim", home);
    else
        return NULL;
    if (!mkdirs(dir)) {
        dir[0] = '\0';
        return NULL;
    }
    return dir;
}

const char *app_lang(const char *arg)
{
    if (arg && (!strcmp(arg, "zh") || !strcmp(arg, "en")))
        return arg;
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return !strncmp(v, "zh", 2) ? "zh" : "en";
    }
    return "en";
}

#define DEFAULT_SCENARIO "erp-rollout"

bool app_scenario_path(const char *arg, const char *lang, char *out, size_t cap)
{
    if (arg && (strchr(arg, '/') || strstr(arg, ".json"))) {
        snprintf(out, cap, "%s", arg);
        return true;
    }
    const char *id = arg ? arg : DEFAULT_SCENARIO;
    snprintf(out, cap, "%s/scenarios/%s/%s.json", app_data_dir(), lang, id);
    if (is_file(out))
        return true;
    /* the other language, rather than nothing */
    snprintf(out, cap, "%s/scenarios/%s/%s.json", app_data_dir(), strcmp(lang, "zh") ? "zh" : "en", id);
    if (is_file(out))
        return true;
    if (arg && is_file(arg)) {
        snprintf(out, cap, "%s", arg);
        return true;
    }
    return false;
}

static int cmp_path(const void *a, const void *b) { return strcmp(a, b); }

int app_bundled_files(const char *lang, char (*paths)[APP_PATH_MAX], int cap)
{
    char dir[APP_PATH_MAX];
    snprintf(dir, sizeof dir, "%s/scenarios/%s", app_data_dir(), lang);
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    for (struct dirent *de; n < cap && (de = readdir(d)) != NULL;) {
        size_t len = strlen(de->d_name);
        if (len < 6 || strcmp(de->d_name + len - 5, ".json") || de->d_name[0] == '.' ||
            strlen(dir) + 1 + len >= APP_PATH_MAX)
            continue;
        snprintf(paths[n++], APP_PATH_MAX, "%s/%s", dir, de->d_name);
    }
    closedir(d);
    qsort(paths, (size_t)n, sizeof paths[0], cmp_path);
    return n;
}

bool app_find_scenario(const char *id, uint64_t hash, char *out, size_t cap)
{
    static const char *const langs[] = {"en", "zh"};
    for (int i = 0; i < 2; i++) {
        snprintf(out, cap, "%s/scenarios/%s/%s.json", app_data_dir(), langs[i], id);
        if (!is_file(out))
            continue;
        BsErrors e;
        bs_errors_init(&e, out);
        BsScenario *s = bs_scenario_load(out, &e);
        bool match = s && s->hash == hash;
        bs_scenario_free(s);
        bs_errors_free(&e);
        if (match)
            return true;
    }
    return false;
}

/* The scenario file a save names (its "scenario_file"), if it is still
 * there with the content the save was played on. */
static bool app_same_scenario(const char *file, uint64_t hash, char *out, size_t cap)
{
    if (!file[0] || !is_file(file) || strlen(file) >= cap)
        return false;
    BsErrors e;
    bs_errors_init(&e, file);
    BsScenario *s = bs_scenario_load(file, &e);
    bool match = s && s->hash == hash;
    bs_scenario_free(s);
    bs_errors_free(&e);
    if (match)
        snprintf(out, cap, "%s", file);
    return match;
}

bool app_session_scenario(const BsSession *ss, const char *id, char *out, size_t cap)
{
    return app_find_scenario(id, ss->hash, out, cap) || app_same_scenario(ss->scenario_file, ss->hash, out, cap);
}

BsStrings *app_strings(const char *lang)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/assets/lang/%s.json", app_data_dir(), lang);
    BsErrors e;
    bs_errors_init(&e, path);
    BsStrings *t = bs_strings_load(path, &e);
    if (!t) {
        fprintf(stderr, "buyersim: cannot read the interface strings:\n");
        bs_errors_print(&e, stderr);
    }
    bs_errors_free(&e);
    return t;
}

BsScenario *app_load_scenario(const char *path, BsErrors *errs)
{
    BsErrors e;
    bs_errors_init(&e, path);
    BsScenario *s = bs_scenario_load(path, &e);
    if (!s)
        app_errors_take(errs, &e);
    bs_errors_free(&e);
    return s;
}

void app_errors_add_bak(BsErrors *errs, const char *file)
{
    char bak[1100];
    size_t n = strlen(file);
    snprintf(bak, sizeof bak, "%s.bak", file);
    if (access(bak, R_OK) == 0 && !(n > 4 && !strcmp(file + n - 4, ".bak")))
        app_errors_add_at(errs, file, BS_E_SESSION, 0, 0,
                          "the previous good save is kept as %s; resume it with: buyersim play --resume %s", bak, bak);
}

BsScenario *app_load_session(const char *file, const char *scenario_arg, const char *lang, BsSession *ss,
                             BsErrors *errs)
{
    char id[64], path[1200];
    BsErrors e;
    BsScenario *s = NULL;
    bs_errors_init(&e, file);
    bool ok = bs_session_load(ss, file, NULL, id, sizeof id, &e);
    if (ok) {
        if (scenario_arg ? !app_scenario_path(scenario_arg, lang, path, sizeof path)
                         : !app_session_scenario(ss, id, path, sizeof path)) {
            if (scenario_arg) { /* the argument is no file: the error names none */
                errs->file[0] = '\0';
                bs_errors_add(errs, BS_E_REF, 0, 0, "", "no scenario \"%s\"", scenario_arg);
            } else if (ss->scenario_file[0]) {
                app_errors_add_at(errs, file, BS_E_REF, 0, 0,
                                  "neither an installed scenario \"%s\" nor its file %s matches this session "
                                  "(gone, or changed since); give its file with --scenario",
                                  id, ss->scenario_file);
            } else {
                app_errors_add_at(errs, file, BS_E_REF, 0, 0,
                                  "no installed scenario \"%s\" matches this session (it is not installed, or "
                                  "has changed since); give its file with --scenario",
                                  id);
            }
            bs_errors_free(&e);
            return NULL;
        }
        s = app_load_scenario(path, errs);
        if (!s) {
            bs_errors_free(&e);
            return NULL;
        }
        ok = bs_session_load(ss, file, s, NULL, 0, &e);
    }
    if (!ok) {
        app_errors_take(errs, &e);
        app_errors_add_bak(errs, file);
        bs_scenario_free(s);
        s = NULL;
    }
    bs_errors_free(&e);
    return s;
}
