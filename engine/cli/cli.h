/* The command line: subcommands, data folders, the console frontend. */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "bs.h"
#include <stdio.h>

/* Where scenarios/ and assets/ are: $BUYERSIM_DATA, else next to an installed
 * binary (<prefix>/share/buyersim), else the source tree it was built from. */
const char *cli_data_dir(void);
/* The per-user folder for saves, logs and history (created): $XDG_DATA_HOME
 * (when set and not empty) or ~/.local/share, + /buyersim. NULL if neither. */
const char *cli_user_dir(void);
/* "en" or "zh": --lang, else the locale (LC_ALL, LC_MESSAGES, LANG). */
const char *cli_lang(const char *arg);
/* A scenario argument: a file path, or a bundled id looked up in
 * scenarios/<lang>/<id>.json. NULL arg: the default scenario. */
bool cli_scenario_path(const char *arg, const char *lang, char *out, size_t cap);
/* Finds a bundled scenario by id and content hash (for saves). */
bool cli_find_scenario(const char *id, uint64_t hash, char *out, size_t cap);
BsStrings *cli_strings(const char *lang);
BsScenario *cli_load_scenario(const char *path);   /* prints errors */

typedef struct {
    const char *scenario;
    const char *lang;
    const char *save;
    const char *resume;
    const char *rivals;
    uint64_t seed;
    bool has_seed;
    int players;
    bool text, projector, demo, exam, loop, predict;
    const char *demo_policy;
    double demo_seconds;
} PlayArgs;

int cli_play_text(const PlayArgs *a);
int cli_replay(int argc, char **argv);
void cli_print_debrief(FILE *f, const BsSession *ss, const BsScenario *s, const BsStrings *t, int seat);
void cli_print_week(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool show_choices);
void cli_print_moves(FILE *f, const BsGame *g, const BsStrings *t, int seat);
const char *cli_tr(const BsStrings *t, const char *key, const char *fallback);

#endif
