/* The command line: subcommands, data folders, the console frontend. */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "app.h"
#include <stdio.h>

int cli_play_text(const PlayArgs *a);
int cli_replay(int argc, char **argv);
int cli_history(int argc, char **argv);
int cli_export(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_new(int argc, char **argv);
/* Prints every error of e on stderr, one a line, as app_errors_print shows
 * them (FILE:LINE:COL: PATH: message); errors that name no file after
 * "buyersim: ". */
void cli_errors_print(const BsErrors *e);
/* --set NAME=VALUE options: model coefficients set after loading. */
bool cli_apply_sets(BsScenario *s, const char *const *sets, int n, BsErrors *e);
/* Loads a scenario file and applies the --set coefficients; prints every
 * problem (cli_errors_print) and returns NULL when either fails. */
BsScenario *cli_load_with_sets(const char *path, const char *const *sets, int n);
void cli_print_debrief(FILE *f, const BsSession *ss, const BsScenario *s, const BsStrings *t, int seat);
/* One week as the seat sees it; exam: without the chance-to-win meter. */
void cli_print_week(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool show_choices, bool exam);
/* What the week's moves did: each seat's own effect apart from the rivals' and time's. */
void cli_print_moves(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool exam);

#endif
