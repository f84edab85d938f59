/* Shared helpers for the engine's tests. */
#ifndef BS_TEST_HELPERS_H
#define BS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/core/bs.h"

/* Loads a scenario or fails the test, printing the loader's errors. */
BsScenario *t_load(const char *path);
/* Loads a scenario from text given inline. errs gets the problems. */
BsScenario *t_parse(const char *text, BsErrors *errs);
/* Loads a scenario from text given inline or fails the test, printing the
 * loader's errors. */
BsScenario *t_parse_ok(const char *text);
/* The bundled scenario used by most tests. */
#define T_ERP BS_SOURCE_DIR "/scenarios/en/erp-rollout.json"
/* A small, complete scenario text for focused tests. */
extern const char t_small_scenario[];
/* Number of files matching scenarios/<lang>/<name>.json; fills paths. */
int t_bundled_scenarios(char paths[][512], int cap);

/* t_small_scenario with the first occurrence of `from` replaced by `to`
 * (fails the test if `from` is not there). Returns a static buffer. */
const char *t_small_with(const char *from, const char *to);
/* `text` with the first occurrence of `from` replaced by `to`, into `out`. */
void t_replace(const char *text, const char *from, const char *to, char *out, size_t cap);

/* A private folder for this test process, removed when the process exits. */
const char *t_tmpdir(void);
/* t_tmpdir()/name into out. */
void t_tmppath(char *out, size_t cap, const char *name);
/* Writes `len` bytes to `path`, failing the test on error. */
void t_write(const char *path, const void *data, size_t len);
/* Reads a whole file (malloc'd, NUL-terminated; free with free()) or NULL. */
char *t_read(const char *path, size_t *len);

/* How many errors of kind `k` the list holds. */
int t_count_kind(const BsErrors *e, BsErrKind k);
/* Index of the first error of kind `k` on `line` (any line if line is 0),
 * or -1. */
int t_find_error(const BsErrors *e, BsErrKind k, int line);
/* Prints the errors to stderr, one per line, with their kind names. */
void t_print_errors(const BsErrors *e);

/* The first choice the seat is offered now whose action has id `action`,
 * or -1 when no offered choice has it. */
int t_choice(const BsGame *g, int seat, const char *action);
/* A one-seat game of `s` with `seed`, or fails the test. */
void t_game(BsGame *g, const BsScenario *s, uint64_t seed);
/* Plays one week with the seat's first offered choice of `action` (or -1
 * for "let the week pass" when action is NULL); fails the test if the
 * action is not offered or the step is refused. */
void t_step(BsGame *g, const char *action);

#endif
