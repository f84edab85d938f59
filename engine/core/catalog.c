/* The default action catalog, quantity names and model defaults.
 * Texts (labels, the debrief's reasons, reaction thoughts) live in the
 * interface strings, assets/lang/<lang>.json, as action.<id>.<field>. */
#include "internal/catalog.h"

#include <string.h>

const char *const bs_builtin_action_ids[BS_A_BUILTIN_COUNT] = {
    "pitch", "ask", "analyze", "repeat", "extreme", "argue", "acknowledge",
    "evidence", "reference", "pilot", "internal_case", "expert_visit", "gift",
    "push_close", "wait",
};

#define E(q, v) {BS_Q_##q, v}
#define L BS_ATT_LASTING
#define F BS_ATT_FLEETING
#define D BS_ATT_DISCOUNT
/* lesson, contact, attention, gift value, effects. The impression numbers
 * are the contact's size before the model shapes it: a question that
 * surfaces a need and an analysis against known needs earn
 * model.insight_salience times as much; a fleeting contact fades at
 * model.fleeting_decay; a discounting one earns none and costs
 * model.discount_share of what the vendor had. */
const BsBuiltin bs_builtins[BS_A_BUILTIN_COUNT] = {
    [BS_A_PITCH] = {1, true, F, 0, 1, {E(IMPRESSION, 4)}},
    [BS_A_ASK] = {1, true, L, 0, 3, {E(IMPRESSION, 4), E(INTIMACY, 5), E(SELF_ORIENTATION, -0.05)}},
    [BS_A_ANALYZE] = {1, true, L, 0, 3, {E(IMPRESSION, 5), E(CREDIBILITY, 8), E(INTIMACY, 3)}},
    [BS_A_REPEAT] = {2, true, L, 0, 2, {E(IMPRESSION, 3), E(RELIABILITY, 4)}},
    [BS_A_EXTREME] = {2, true, D, 0, 3, {E(IMPRESSION, 4), E(SELF_ORIENTATION, 0.2), E(CREDIBILITY, -3)}},
    [BS_A_ARGUE] = {2, true, D, 0, 4,
                    {E(IMPRESSION, 2), E(INTIMACY, -3), E(CREDIBILITY, -2), E(SELF_ORIENTATION, 0.15)}},
    [BS_A_ACKNOWLEDGE] = {2, true, L, 0, 2, {E(IMPRESSION, 3), E(INTIMACY, 5)}},
    [BS_A_EVIDENCE] = {2, true, L, 0, 3, {E(IMPRESSION, 3), E(CREDIBILITY, 5), E(PROOF, 8)}},
    [BS_A_REFERENCE] = {3, true, L, 0, 3, {E(IMPRESSION, 6), E(CREDIBILITY, 5), E(PROOF, 12)}},
    [BS_A_PILOT] = {3, true, L, 0, 4, {E(IMPRESSION, 4), E(PROOF, 14), E(PRESSURE, -8), E(INTIMACY, 3)}},
    [BS_A_INTERNAL_CASE] = {3, true, L, 0, 4,
                            {E(IMPRESSION, 4), E(PROOF, 10), E(PRESSURE, -6), E(INTIMACY, 4)}},
    [BS_A_EXPERT_VISIT] = {2, true, L, 0, 3,
                           {E(IMPRESSION, 5), E(CREDIBILITY, 8), E(SELF_ORIENTATION, 0.05)}},
    [BS_A_GIFT] = {3, true, F, 500, 1, {E(IMPRESSION, 2)}},
    [BS_A_PUSH_CLOSE] = {3, true, F, 0, 1, {E(IMPRESSION, 2)}},
    [BS_A_WAIT] = {1, false, L, 0, 0, {{0, 0}}},
};
#undef L
#undef F
#undef D
#undef E

static const char *const quantity_names[BS_Q_COUNT] = {
    "impression", "credibility", "reliability", "intimacy", "self_orientation",
    "proof", "exposure", "pressure", "trust", "character", "competence",
    "mindshare", "risk", "fit", "week", "weeks_left", "unknown_needs",
    "known_needs", "objections", "accepted_messages", "stakes", "rank", "ready", "fading_messages",
};

const char *const bs_attention_ids[3] = {"lasting", "fleeting", "discount"};

const char *bs_quantity_name(BsQuantity q)
{
    return (unsigned)q < BS_Q_COUNT ? quantity_names[q] : "?";
}

int bs_quantity_parse(const char *name)
{
    for (int i = 0; i < BS_Q_COUNT; i++)
        if (!strcmp(quantity_names[i], name))
            return i;
    return -1;
}

void bs_model_defaults(BsModel *m)
{
#define BS_X_DEF(name, def, lo, hi, doc) m->name = def;
    BS_MODEL_PARAMS(BS_X_DEF)
#undef BS_X_DEF
}

const BsModelParamInfo bs_model_params[] = {
#define BS_X_INFO(name, def, lo, hi, doc) {#name, offsetof(BsModel, name), def, lo, hi, doc},
    BS_MODEL_PARAMS(BS_X_INFO)
#undef BS_X_INFO
};
const int bs_model_nparams = (int)(sizeof bs_model_params / sizeof bs_model_params[0]);
