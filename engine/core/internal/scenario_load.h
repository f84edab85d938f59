/* The scenario loader's shared parts, internal to the core: the loader's
 * context and the helpers that read fields, references, effects and
 * conditions with positions. scenario.c holds them (and the public entry
 * points), scenario_sections.c reads each section of a scenario with them.
 * ld_ is the loader's prefix; nothing here is part of bs.h. */
#ifndef BS_SCENARIO_LOAD_H
#define BS_SCENARIO_LOAD_H

#include "bs.h"
#include "internal/json.h"

/* Every string and array of a scenario, freed at once (scenario.c). */
typedef struct Arena Arena;
/* Zeroed, 16-byte aligned memory from the arena, or NULL (and the arena
 * marked failed) when out of memory. */
void *ld_arena_alloc(Arena *a, size_t n);

/* The loader's context: the JSON with positions, where the errors go, the
 * path of the value being read ("states.cold.choices[1]"), the scenario
 * being filled and its arena. */
typedef struct {
    BsJson j;
    BsErrors *errs;
    BsPath path;
    BsScenario *s;
    Arena *a;
    /* growable pools, moved into the scenario at the end */
    BsCond *conds; int nconds, cconds;
    uint16_t *kids; int nkids, ckids;
    BsEffect *effects; int neffects, ceffects;
    /* flags: set by events vs used by conditions */
    uint64_t flags_set;
    const cJSON *flag_use[BS_MAX_FLAGS];
    char flag_use_path[BS_MAX_FLAGS][160];
    bool oom;
} Ld;

/*============================================================================
 * Reporting: an error at `node` (its line and column) under the current path
 *==========================================================================*/
void ld_errat(Ld *L, const cJSON *node, BsErrKind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* "an object", "a string", ... for messages. */
const char *ld_type_name(const cJSON *n);
/* The candidate closest to `word` (at most two edits away), or NULL. */
const char *ld_suggest(const char *word, const char *const *cands, int n);

/*============================================================================
 * Fields: each reports what is wrong with the value at its key and returns
 * a default; strings are copied into the scenario's arena
 *==========================================================================*/
/* An arena copy of `s` (NULL and L->oom when out of memory). */
char *ld_str(Ld *L, const char *s);
/* `obj` is an object holding only `keys` (plus "$schema" at the root);
 * unknown keys are reported with a suggestion. False if not an object. */
bool ld_check_obj(Ld *L, const cJSON *obj, const char *const *keys, int nkeys, const char *what);
/* obj[key] when obj is an object, else NULL. */
const cJSON *ld_get(const cJSON *obj, const char *key);
void ld_missing(Ld *L, const cJSON *obj, const char *key);
/* A string of at most BS_MAX_STRING bytes (not empty when required). */
const char *ld_text_field(Ld *L, const cJSON *obj, const char *key, bool required);
/* Letters, digits, _ and -, at most 48, not starting with a digit or -. */
bool ld_valid_id(const char *s);
const char *ld_id_field(Ld *L, const cJSON *obj, const char *key, bool required);
/* A number in lo..hi (a whole one if `integer`), else `def`. */
double ld_num_field(Ld *L, const cJSON *obj, const char *key, bool required, double def, double lo, double hi,
                    bool integer);
bool ld_bool_field(Ld *L, const cJSON *obj, const char *key, bool def);

/*============================================================================
 * References to ids: index in the scenario, or -1 (reported, with a
 * suggestion, when the id is unknown)
 *==========================================================================*/
typedef enum { REF_NEED, REF_MESSAGE, REF_OBJECTION, REF_ACTION, REF_STATE, REF_VENDOR } RefKind;
int ld_find_need(const BsScenario *s, const char *id);
int ld_find_message(const BsScenario *s, const char *id);
int ld_find_objection(const BsScenario *s, const char *id);
int ld_find_vendor(const BsScenario *s, const char *id);
/* The ids of kind `k` defined so far, up to `cap` of them, into out. */
int ld_ref_candidates(const BsScenario *s, RefKind k, const char **out, int cap);
int ld_ref_node(Ld *L, const cJSON *n, RefKind k);
int ld_ref_field(Ld *L, const cJSON *obj, const char *key, RefKind k, bool required);

/*============================================================================
 * Pools: effects, flags and conditions, appended to the loader's pools
 *==========================================================================*/
BsRange ld_add_effects(Ld *L, const BsEffect *e, int n);
/* The flag named by string `n` (added when new), or -1; `setting` says an
 * event sets it (else a condition reads it). */
int ld_flag_index(Ld *L, const cJSON *n, bool setting);
/* { "credibility": 5, "pressure": -3 } into out (at most cap); the count. */
int ld_parse_effect_list(Ld *L, const cJSON *n, BsEffect *out, int cap);
BsRange ld_effects_field(Ld *L, const cJSON *obj, const char *key);
/* The condition at obj[key] (0, always true, when absent). */
uint16_t ld_when_field(Ld *L, const cJSON *obj, const char *key);

/*============================================================================
 * Sections (scenario_sections.c)
 *==========================================================================*/
/* Reads every section of the scenario at `root` into L->s, in passes: ids
 * first, then what refers to them, then the graph checks. */
void ld_load_root(Ld *L, const cJSON *root);

#endif
