/* Internal: the built-in action catalog and model parameter table. */
#ifndef BS_CATALOG_H
#define BS_CATALOG_H

#include "bs.h"

#define BS_A_PLAIN BS_A_BUILTIN_COUNT /* a scenario action with no built-in behaviour */

typedef struct {
    uint8_t lesson;
    bool contact;
    uint8_t attention;       /* BsAttention */
    double value;
    int neffects;
    BsEffect effects[4];
} BsBuiltin;
extern const BsBuiltin bs_builtins[BS_A_BUILTIN_COUNT];

typedef struct {
    const char *name;
    size_t offset;
    double def, lo, hi;
    const char *doc;
} BsModelParamInfo;
extern const BsModelParamInfo bs_model_params[];
extern const int bs_model_nparams;
extern const char *const bs_attention_ids[3]; /* "lasting", "fleeting", "discount" */

#endif
