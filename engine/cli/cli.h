/* The command line: subcommands, data folders, the console frontend. */
#ifndef BS_CLI_H
#define BS_CLI_H

#include "app.h"
#include <stdio.h>

int cli_play_text(const PlayArgs *a);
int cli_replay(int argc, char **argv);
int cli_history(int argc, char **argv);
int cli_export(int argc, char **argv);
void cli_print_debrief(FILE *f, const BsSession *ss, const BsScenario *s, const BsStrings *t, int seat);
void cli_print_week(FILE *f, const BsGame *g, const BsStrings *t, int seat, bool show_choices);
void cli_print_moves(FILE *f, const BsGame *g, const BsStrings *t, int seat);

#endif
