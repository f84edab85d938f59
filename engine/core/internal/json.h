/* Strict JSON with positions: cJSON builds the tree; a strict scanner first
 * checks RFC 8259 (cJSON is lenient) and records where every value starts,
 * so every later error can say FILE:LINE:COL. Internal to the core. */
#ifndef BS_JSON_H
#define BS_JSON_H

#include "bs.h"
#include <cjson/cJSON.h>

typedef struct {
    const cJSON *node;
    uint32_t off;
} BsJsonPos;

typedef struct {
    cJSON *root;
    const char *text;
    BsJsonPos *map;   /* open-addressing table, node -> byte offset */
    size_t map_cap;
} BsJson;

/* Parses `text` (`len` bytes followed by a NUL; rejects NUL bytes inside and
 * invalid UTF-8). Returns false on syntax errors and too-deep nesting. Duplicate keys
 * are added to `errs` but the tree is still returned: check errs->count. */
bool bs_json_parse(BsJson *j, const char *text, size_t len, BsErrors *errs);
void bs_json_free(BsJson *j);
void bs_json_pos(const BsJson *j, const cJSON *node, int *line, int *col);

/* A JSON path being built while walking: "states.cold.choices[1]". */
typedef struct {
    char buf[160];
    size_t len;
} BsPath;
size_t bs_path_key(BsPath *p, const char *key);   /* returns old length */
size_t bs_path_index(BsPath *p, int i);
void bs_path_pop(BsPath *p, size_t old);

#endif
