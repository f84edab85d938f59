/* Shared helpers for the engine's tests. */
#ifndef BS_TEST_HELPERS_H
#define BS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "engine/core/bs.h"

/* Loads a scenario or fails the test, printing the loader's errors. */
BsScenario *t_load(const char *path);
/* Loads a scenario from text given inline. errs gets the problems. */
BsScenario *t_parse(const char *text, BsErrors *errs);
/* The bundled scenario used by most tests. */
#define T_ERP BS_SOURCE_DIR "/scenarios/en/erp-rollout.json"
/* A small, complete scenario text for focused tests. */
extern const char t_small_scenario[];
/* Number of files matching scenarios/<lang>/<name>.json; fills paths. */
int t_bundled_scenarios(char paths[][512], int cap);

#endif
