/*
 * buyersim engine core: the buyer model, scenarios, the dialogue state
 * machine, rival policies, sessions and the debrief.
 *
 * Pure C11 + cJSON. No SDL, no global mutable state except the allocation
 * hook. Everything is deterministic given (scenario, seed, moves).
 *
 * Ownership, stated once: a BsScenario owns every string and array it points
 * to (one arena). A BsGame is a plain value (fixed size, no pointers it owns):
 * copy it with `=` or memcpy to branch a game. Every function that returns a
 * heap object names the function that frees it.
 */
#ifndef BS_H
#define BS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BS_FORMAT 1

/*============================================================================
 * Limits (documented in scenarios/README.md; the loader enforces them)
 *==========================================================================*/
#define BS_MAX_FILE_BYTES   (4u << 20) /* scenario or save file size */
#define BS_MAX_DEPTH        24         /* JSON nesting */
#define BS_MAX_STRING       4000       /* bytes in one text field */
#define BS_MAX_VENDORS      8
#define BS_MIN_VENDORS      2
#define BS_MAX_SEATS        5          /* human players in one session */
#define BS_MAX_NEEDS        16
#define BS_MAX_MESSAGES     16
#define BS_MAX_OBJECTIONS   16
#define BS_MAX_FLAGS        64
#define BS_MAX_STATES       256
#define BS_MAX_CHOICES      9          /* keys 1-9 */
#define BS_MAX_AUTO         8
#define BS_MAX_WEEKS        52
#define BS_MIN_WEEKS        2
#define BS_MAX_ACTIONS      48
#define BS_MAX_EVENTS       128
#define BS_MAX_THOUGHTS     256
#define BS_MAX_POLICIES     32
#define BS_MAX_RULES        32
#define BS_MAX_INJECT       16         /* facilitator-injected events per session */
#define BS_GENERIC_EVENTS   3          /* injectable events every scenario gets */

/*============================================================================
 * Allocation hook (like cJSON_InitHooks). All engine allocations, cJSON's
 * included, go through it. NULL restores malloc/realloc/free.
 *==========================================================================*/
typedef void *(*BsReallocFn)(void *ud, void *ptr, size_t size); /* size 0 = free */
void bs_set_allocator(BsReallocFn fn, void *ud);
void *bs_malloc(size_t n);
void *bs_realloc(void *p, size_t n);
void bs_free(void *p);
char *bs_strdup(const char *s);

/*============================================================================
 * Errors: values with a position, never exit().
 *==========================================================================*/
typedef enum {
    BS_E_IO = 1,     /* cannot read/write a file */
    BS_E_LIMIT,      /* file too big, too deep, too many items */
    BS_E_ENCODING,   /* NUL byte, invalid UTF-8 */
    BS_E_SYNTAX,     /* not JSON */
    BS_E_TYPE,       /* wrong JSON type */
    BS_E_KEY,        /* unknown, missing or duplicate key */
    BS_E_RANGE,      /* number or string length out of range */
    BS_E_REF,        /* unknown id */
    BS_E_GRAPH,      /* unreachable state, dead end */
    BS_E_PATH,       /* asset path leaves the scenario's folder */
    BS_E_SEMANTIC,   /* anything else that makes no sense */
    BS_E_MEMORY,     /* allocation failed */
    BS_E_SESSION     /* a save that does not belong to its scenario */
} BsErrKind;

typedef struct {
    BsErrKind kind;
    int line, col;        /* 1-based; 0 when the error has no position */
    char path[160];       /* JSON path, e.g. states.cold.choices[1].next */
    char msg[512];        /* room for a reason and what to do about it (a font to install) */
} BsError;

typedef struct {
    char file[512];
    BsError *items;
    int count, cap;
    int dropped;          /* errors beyond the cap that were not stored */
} BsErrors;

void bs_errors_init(BsErrors *e, const char *file);
void bs_errors_free(BsErrors *e);
void bs_errors_add(BsErrors *e, BsErrKind kind, int line, int col,
                   const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* Prints every error as FILE:LINE:COL: JSON.PATH: message. */
void bs_errors_print(const BsErrors *e, void *FILE_stream);
const char *bs_err_kind_name(BsErrKind k);

/*============================================================================
 * Deterministic random numbers and math (same bits on every machine).
 *==========================================================================*/
typedef struct { uint64_t s; } BsRng;              /* splitmix64 */
void bs_rng_seed(BsRng *r, uint64_t seed, uint64_t stream);
uint64_t bs_rng_next(BsRng *r);
double bs_rng_unit(BsRng *r);                       /* [0,1) */
int bs_rng_below(BsRng *r, int n);                  /* [0,n), n >= 1 */
double bs_exp(double x);
double bs_log(double x);
/* IEEE 754 requires sqrt to be correctly rounded: the same bits everywhere.
 * Inline, as the model calls it in its inner loops. */
static inline double bs_sqrt(double x) { return x > 0.0 ? __builtin_sqrt(x) : 0.0; }
uint64_t bs_hash64(const void *data, size_t n, uint64_t h); /* FNV-1a; h=0 starts */

/*============================================================================
 * Quantities, conditions, effects
 *==========================================================================*/
typedef enum {
    /* stored per vendor, changed by effects */
    BS_Q_IMPRESSION, BS_Q_CREDIBILITY, BS_Q_RELIABILITY, BS_Q_INTIMACY,
    BS_Q_SELF_ORIENTATION, BS_Q_PROOF, BS_Q_EXPOSURE,
    /* stored for the buyer, changed by effects */
    BS_Q_PRESSURE,
    BS_Q_EFFECT_COUNT,
    /* derived, readable in conditions only */
    BS_Q_TRUST = BS_Q_EFFECT_COUNT, BS_Q_CHARACTER, BS_Q_COMPETENCE,
    BS_Q_MINDSHARE, BS_Q_RISK, BS_Q_FIT, BS_Q_WEEK, BS_Q_WEEKS_LEFT,
    BS_Q_UNKNOWN_NEEDS, BS_Q_KNOWN_NEEDS, BS_Q_OBJECTIONS, BS_Q_ACCEPTED_MESSAGES,
    BS_Q_STAKES, BS_Q_RANK, BS_Q_READY, BS_Q_FADING_MESSAGES,
    BS_Q_COUNT
} BsQuantity;
const char *bs_quantity_name(BsQuantity q);
int bs_quantity_parse(const char *name);       /* -1 if unknown */

typedef enum { BS_CMP_LT, BS_CMP_LTE, BS_CMP_GT, BS_CMP_GTE, BS_CMP_EQ } BsCmp;

typedef enum {
    BS_C_TRUE, BS_C_ALL, BS_C_ANY, BS_C_NOT,
    BS_C_CMP,          /* q cmp value */
    BS_C_FLAG,         /* buyer flag `arg` is set */
    BS_C_KNOWN_NEED,   /* the vendor knows need `arg` */
    BS_C_EXPLICIT_NEED,/* need `arg` is explicit for the buyer */
    BS_C_ACCEPTED,     /* the buyer accepted the vendor's message `arg` */
    BS_C_OBJECTION,    /* objection `arg` is open against the vendor */
    BS_C_VISITS,       /* visits of state `arg` by this seat: cmp value */
    BS_C_LAST_ACTION,  /* the vendor's last move was action `arg` */
    BS_C_STATE         /* the seat is in state `arg` */
} BsCondKind;

typedef struct {
    uint8_t kind, cmp, q;
    uint16_t arg;
    uint16_t first, count;   /* children (ALL/ANY/NOT) in BsScenario.cond_kids */
    double value;
} BsCond;

typedef struct { uint8_t q; double amount; } BsEffect;
typedef struct { uint16_t first, count; } BsRange;  /* into BsScenario.effects */

/*============================================================================
 * The action catalog
 *==========================================================================*/
typedef enum {
    BS_A_PITCH, BS_A_ASK, BS_A_ANALYZE, BS_A_REPEAT, BS_A_EXTREME, BS_A_ARGUE,
    BS_A_ACKNOWLEDGE, BS_A_EVIDENCE, BS_A_REFERENCE, BS_A_PILOT,
    BS_A_INTERNAL_CASE, BS_A_EXPERT_VISIT, BS_A_GIFT, BS_A_PUSH_CLOSE,
    BS_A_WAIT,
    BS_A_BUILTIN_COUNT
} BsActionKind;

/* How the attention a contact earns lasts (DESIGN section 4): a useful
 * contact is thought about between meetings; a pitch is a cookie, gone in a
 * week or two; an extreme claim or an argument makes the buyer discount the
 * vendor. */
typedef enum { BS_ATT_LASTING, BS_ATT_FLEETING, BS_ATT_DISCOUNT } BsAttention;

/* The buyer's reaction lines by what a move did (BsMoveResult): react[r][0]
 * is what she says, react[r][1] what she thinks; NULL where not given. */
typedef const char *BsReact[5][2];

typedef struct {
    const char *id;
    const char *label, *why_good, *why_bad, *thought; /* NULL: use interface strings */
    BsReact react;           /* the scenario's own reaction lines for this action */
    uint8_t kind;            /* BsActionKind: behaviour it inherits */
    uint8_t lesson;          /* 1, 2 or 3 */
    bool contact;            /* counts as contact with the buyer */
    double value;            /* gift worth, currency units */
    uint8_t attention;       /* BsAttention: how the buyer's attention to the contact lasts */
    BsRange effects;         /* raw effects before the model shapes them */
} BsAction;
extern const char *const bs_builtin_action_ids[BS_A_BUILTIN_COUNT];

/*============================================================================
 * Model coefficients. Every one can be overridden in a scenario's "model".
 *==========================================================================*/
#define BS_MODEL_PARAMS(X) \
    X(decay,              0.75,  0.30, 0.98, "weekly impression retention (adstock lambda)") \
    X(other_share,        0.30,  0.00, 0.80, "share of attention held by other sources at the start") \
    X(contact_cap,        12.0,   1.0,  40.0, "impression one vendor can add in a week (saturation)") \
    X(loss_aversion,      2.25,  1.0,  4.0,  "losses in credibility/reliability/intimacy weigh this much more than gains") \
    X(trust_gain_cap,     8.0,   1.0,  50.0, "largest gain of one trust component in one week") \
    X(character_gate,     0.30,  0.0,  1.0,  "share of a competence gain that lands at zero character trust") \
    X(familiarity_scale,  4.0,   0.5,  20.0, "contacts until intimacy's cap reaches 63%") \
    X(self_relax,         0.12,  0.0,  1.0,  "weekly relaxation of self-orientation toward 1") \
    X(reliability_gain,   3.0,   0.0,  20.0, "reliability gained by contact in two weeks running") \
    X(reliability_loss,   2.0,   0.0,  20.0, "reliability lost per week after 2+ weeks without contact (before loss aversion)") \
    X(trust_relax,        0.015, 0.0,  0.5,  "weekly relaxation of trust components toward their start, in weeks without contact") \
    X(forget_s0,          0.25,  0.05, 5.0,  "stability (days) of a message heard once") \
    X(spacing_gain,       2.5,   0.0,  10.0, "stability gain of a repetition in a later week (x recall lost)") \
    X(massed_gain,        1.15,  1.0,  3.0,  "stability factor of a repetition in the same week") \
    X(belief_base,        0.45,  0.0,  1.0,  "belief in a message heard once") \
    X(belief_slope,       0.20,  0.0,  1.0,  "belief gained per log of spaced encounters") \
    X(belief_third_party, 1.75,  1.0,  5.0,  "weight of a third-party encounter (reference, evidence)") \
    X(belief_fade_weeks,  12.0,   1.0,  100.0,"weeks for an encounter's weight to fall to 37%") \
    X(belief_extreme_cap, 0.50,  0.0,  1.0,  "belief cap of a message once said as an extreme claim") \
    X(accept_recall,      0.50,  0.0,  1.0,  "recall needed to accept a message") \
    X(accept_belief,      0.60,  0.0,  1.0,  "belief needed to accept a message") \
    X(accept_trust,       35.0,  0.0,  100.0,"trust needed to accept a message") \
    X(accepted_proof,     10.0,   0.0,  50.0, "proof a message adds when the buyer first accepts it") \
    X(pitch_objection,    0.20,  0.0,  1.0,  "chance a pitch before any explicit need raises an objection") \
    X(pitch_self,         0.08,  0.0,  2.0,  "self-orientation added by a pitch before any explicit need") \
    X(same_move_fade,     0.65,  0.0,  1.0,  "gains of the same move made again the next week are multiplied by this (each time)") \
    X(analyze_blind,      0.30,  0.0,  1.0,  "share of analysis gains when the vendor knows none of the needs") \
    X(close_self,         0.15,  0.0,  3.0,  "self-orientation added by pushing to close before the buyer is ready (it also earns no attention that week)") \
    X(close_pressure,     4.0,   0.0,  50.0, "pressure added by pushing to close before the buyer is ready") \
    X(close_intimacy,     3.0,   0.0,  50.0, "intimacy lost by pushing to close before the buyer is ready") \
    X(close_doubt,        0.0,   0.0,  5.0,  "doubt about a vendor that pushed to close before the buyer was ready (counts like an open objection while it leads, fades like contradictions); 0 = off") \
    X(gift_refuse_intimacy, 5.0, 0.0,  50.0, "intimacy lost when the buyer refuses a gift above the cap") \
    X(gift_refuse_self,   0.40,  0.0,  3.0,  "self-orientation added by a gift above the cap") \
    X(argue_resolve,      0.25,  0.0,  1.0,  "chance arguing ends an objection (the buyer gives up, resentful)") \
    X(evidence_base,      0.30,  0.0,  1.0,  "evidence resolves an acknowledged objection: base chance") \
    X(evidence_trust,     0.50,  0.0,  1.0,  "... plus this times competence trust / 100") \
    X(u_fit,              0.35,  0.0,  1.0,  "utility weight of fit") \
    X(u_trust,            0.30,  0.0,  1.0,  "utility weight of trust") \
    X(u_salience,         0.15,  0.0,  1.0,  "utility weight of mindshare") \
    X(u_value,            0.20,  0.0,  1.0,  "utility weight of value for money") \
    X(u_scale,            10.0,  0.0,  100.0,"utility points of a perfect vendor") \
    X(risk_penalty,       3.0,   0.0,  20.0, "utility lost at career risk 100") \
    X(objection_penalty,  0.8,   0.0,  10.0, "utility lost per open objection (x severity)") \
    X(temperature,        1.5,   0.1,  10.0, "logit temperature of the choice among the shortlist, at indecision 0.5") \
    X(temperature_slope,  1.0,   0.0,  4.0,  "how much indecision raises the temperature (a clear buyer picks the best)") \
    X(shortlist,          3.0,   1.0,  8.0,  "vendors the buyer really compares") \
    X(shortlist_softness, 4.0,   0.0,  20.0, "a vendor below the shortlist is still weighed as (its mindshare x trust / the last listed one's)^this; 0 = a hard list") \
    X(nd_b0,              -2.73, -20.0, 20.0,"no-decision logistic intercept") \
    X(nd_b1,              5.67,  0.0,  30.0, "no-decision logistic slope") \
    X(w_risk,             0.40,  0.0,  1.0,  "indecision weight of the leader's career risk") \
    X(w_parity,           0.20,  0.0,  1.0,  "indecision weight of the top two looking alike") \
    X(w_overload,         0.20,  0.0,  1.0,  "indecision weight of open objections and contradictions") \
    X(w_consensus,        0.15,  0.0,  1.0,  "indecision weight of the buying group's size") \
    X(risk_base,          0.50,  0.0,  2.0,  "career risk at zero pressure, as a share of stakes x chance of failure") \
    X(risk_pressure,      0.30,  0.0,  2.0,  "... plus this at pressure 100") \
    X(pressure_relax,     0.10,  0.0,  1.0,  "weekly relaxation of pressure toward the buyer's usual level") \
    X(risk_exposure,      1.0,   0.0,  5.0,  "career risk points per point of exposure") \
    X(fail_floor,         0.10,  0.0,  1.0,  "lowest chance of failure the buyer ever believes in") \
    X(fail_proof,         0.70,  0.0,  1.0,  "share of proof (vs competence trust) in the buyer's sense of safety") \
    X(ready_trust,        50.0,  0.0,  100.0,"trust at which the buyer is ready to decide") \
    X(ready_risk,         45.0,  0.0,  100.0,"career risk at or below which the buyer is ready") \
    X(ready_fit,          0.40,  0.0,  1.0,  "fit at which the buyer is ready") \
    X(gift_integrity,     0.70,  0.0,  1.0,  "default chance a buyer refuses a gift above the cap") \
    X(gift_exposure,      30.0,  0.0,  100.0,"exposure of an accepted gift at twice the cap (grows with the log of value / cap)") \
    X(detect_base,        0.02,  0.0,  1.0,  "weekly chance an accepted gift is found out: base") \
    X(detect_scale,       0.10,  0.0,  1.0,  "... plus this x sqrt(value / (5 x cap))") \
    X(detect_max,         0.60,  0.0,  1.0,  "... at most") \
    X(reciprocity,        0.02,  0.0,  1.0,  "value bump of a gift within the cap") \
    X(gift_ok_intimacy,   2.0,   0.0,  20.0, "intimacy a gift within the cap adds") \
    X(found_out_pressure, 20.0,  0.0,  100.0,"pressure added when a gift is found out") \
    X(ask_known_scale,    0.50,  0.0,  1.0,  "share of an ask's gains when there is nothing left to learn") \
    X(expert_trust,       60.0,  1.0,  100.0,"trust at which an expert visit's gains land in full (scaled below it)") \
    X(expert_floor,       0.20,  0.0,  1.0,  "... but never less than this share") \
    X(proof_room,         70.0,  1.0,  100.0,"proof gains shrink once proof is above 100 minus this (more of the same convinces less)") \
    X(contradiction_fade, 0.80,  0.0,  1.0,  "weekly retention of contradictory claims in the buyer's mind") \
    X(extreme_confusion,  1.0,   0.0,  5.0,  "contradictory claims an extreme claim adds") \
    X(analyze_clarity,    1.5,   0.0,  5.0,  "contradictory claims an analysis clears") \
    X(objection_hard,     1.5,   0.0,  5.0,  "weight of a hardened objection (open = 1)") \
    X(objection_acked,    0.6,   0.0,  1.0,  "weight of an acknowledged objection (open = 1)") \
    X(evidence_open,      0.5,   0.0,  1.0,  "evidence's chance factor for an objection not yet acknowledged") \
    X(evidence_hard,      0.25,  0.0,  1.0,  "... and for a hardened one") \
    X(recommend_parity,   0.30,  0.0,  1.0,  "parity removed when a vendor asks for the decision while the buyer is ready (JOLT: offer a recommendation)") \
    X(fleeting_decay,     0.40,  0.0,  0.98, "weekly retention of the attention a pitch, a push or a gift buys (a cookie: gone in a week or two)") \
    X(insight_salience,   1.5,   1.0,  4.0,  "attention multiplier of a contact that makes the buyer think: a question that surfaces a need, analysis against known needs") \
    X(discount_share,     0.10,  0.0,  0.9,  "share of a vendor's standing attention lost when it makes an extreme claim or argues (the buyer discounts it)") \
    X(gift_offer_exposure,8.0,   0.0,  100.0,"exposure of a gift above the cap that the buyer refused: she must now report it or hide it") \
    X(u_case,             0.35,  0.0,  1.0,  "utility weight of the buyer's case for her boss: key messages she recalls and believes") \
    X(brief_messages,     1.5,   0.5,  16.0, "key messages, recalled and believed, that make a full case for her boss") \
    X(case_relief,        0.50,  0.0,  1.0,  "share of the leader's career risk (in indecision) that a full case for the boss removes") \
    X(felt_mindshare,     0.8,   0.0,  10.0, "a move's own mindshare effect (points) the buyer notices: below it the move fell flat") \
    X(felt_trust,         1.0,   0.0,  20.0, "... its own trust effect") \
    X(felt_risk,          1.0,   0.0,  20.0, "... its own career-risk effect")

typedef struct {
#define BS_X_FIELD(name, def, lo, hi, doc) double name;
    BS_MODEL_PARAMS(BS_X_FIELD)
#undef BS_X_FIELD
} BsModel;
void bs_model_defaults(BsModel *m);

/*============================================================================
 * The scenario (compiled, immutable after loading)
 *==========================================================================*/
typedef struct { const char *id, *label; double weight; } BsNeed;

typedef struct {
    const char *id, *label;
    uint32_t fits;            /* bitmask of needs */
} BsMessage;

typedef struct {
    const char *id, *label;
    double severity;          /* 0..1 */
    int need;                 /* need revealed by acknowledging, -1 none */
} BsObjection;

typedef struct {
    const char *id, *name;
    bool human;               /* may be played by a person */
    int policy;               /* index into policies, or a builtin (BS_POLICY_*) */
    int policy_arg;           /* action index for always:ACTION */
    double start[BS_Q_EFFECT_COUNT]; /* pressure slot unused */
    double value;             /* value for money 0..1 */
} BsVendor;

typedef struct { uint16_t cond; uint16_t action; } BsRule;

#define BS_POLICY_RANDOM  (-1)
#define BS_POLICY_ALWAYS  (-2)
typedef struct {
    const char *name;
    BsRule rules[BS_MAX_RULES];
    int nrules;
    double weight[BS_MAX_ACTIONS];
    double total;             /* sum of weights */
} BsPolicy;

typedef struct {
    const char *text, *think;
    BsReact react;                      /* reaction lines by what the move did */
    uint16_t action;
    int16_t need, message, objection;  /* -1 none */
    int16_t next;                       /* -1: stay */
    uint16_t when;                      /* condition index; 0 = always */
    double value;                       /* gift worth; <0: the action's */
    BsRange effects;
    int line, col;                      /* where it is in the file (warnings) */
} BsChoice;

typedef struct { uint16_t when; int16_t next; } BsAuto;

/* How the buyer feels on arriving in a state, as its lines read: `check`
 * warns when a move that backfires leads to a warm state, or a move that
 * works to a cold one. */
typedef enum { BS_TONE_NONE, BS_TONE_WARM, BS_TONE_NEUTRAL, BS_TONE_COLD } BsTone;

typedef struct {
    const char *id, *say, *think;
    uint8_t tone;                       /* BsTone */
    BsChoice choices[BS_MAX_CHOICES];
    int nchoices;
    BsAuto autos[BS_MAX_AUTO];
    int nauto;
    BsRange on_enter;
    bool end;
    int line, col;                      /* where it is in the file (warnings) */
} BsState;

#define BS_TARGET_HUMANS (-1)
#define BS_TARGET_ALL    (-2)
typedef struct {
    const char *id, *label, *say, *think;
    uint16_t when;
    bool once;
    bool injectable;          /* the facilitator may fire it by hand */
    BsRange effects;
    int target;               /* vendor index, or BS_TARGET_* (per-vendor effects, objection) */
    int flag;                 /* -1 none */
    int objection;            /* -1 none */
    int go;                   /* state to jump every human seat to, -1 none */
} BsEvent;

typedef struct { uint16_t when; const char *text; } BsThought;
typedef struct { const char *title, *text; } BsLesson;

typedef struct BsScenario {
    /* identity */
    const char *path;         /* as given to the loader */
    const char *real_path;    /* path made absolute when it named a file (realpath), else NULL */
    const char *dir;          /* folder of the file, for assets */
    const char *id, *lang, *title, *summary, *currency;
    uint64_t hash;            /* FNV-1a of the file's bytes */
    int weeks;
    uint64_t seed;
    /* buyer */
    const char *buyer_name, *buyer_role, *buyer_company, *portrait;
    double stakes, pressure, gift_cap, integrity;
    int group;
    BsNeed needs[BS_MAX_NEEDS];           int nneeds;
    BsVendor vendors[BS_MAX_VENDORS];     int nvendors;
    BsMessage messages[BS_MAX_MESSAGES];  int nmessages;
    BsObjection objections[BS_MAX_OBJECTIONS]; int nobjections;
    BsAction actions[BS_MAX_ACTIONS];     int nactions;
    BsPolicy *policies;                   int npolicies;
    int buyer_centric;                    /* policy index or -1 */
    BsState *states;                      int nstates;
    int start;
    BsEvent events[BS_MAX_EVENTS];        int nevents;
    BsThought *thoughts;                  int nthoughts;
    BsLesson lessons[3];
    const char *flags[BS_MAX_FLAGS];      int nflags;
    BsModel model;
    /* derived from the model at load time */
    double fade_tab[BS_MAX_WEEKS + 1];    /* exp(-w / belief_fade_weeks) */
    double consensus_gap;                 /* 1 - group^-0.54 */
    double familiarity_step;              /* exp(-1 / familiarity_scale) */
    double need_weight;                   /* sum of the needs' weights */
    /* condition and effect pools */
    BsCond *conds;   int nconds;      /* conds[0] is TRUE */
    uint16_t *cond_kids; int ncond_kids;
    BsEffect *effects; int neffects;
    /* the arena that owns all of the above */
    void *arena;
} BsScenario;

/* Loads and validates a scenario. On success returns it (free with
 * bs_scenario_free) and leaves `errs` empty; on failure returns NULL with
 * every problem in `errs`. Nothing is half-loaded. */
BsScenario *bs_scenario_load(const char *path, BsErrors *errs);
BsScenario *bs_scenario_parse(const char *path, const char *text, size_t len, BsErrors *errs);
void bs_scenario_free(BsScenario *s);
/* Sets one model coefficient after loading (range-checked), as the
 * scenario's "model" would: "what if?" for authors (audit/sim --set). */
bool bs_scenario_set_model(BsScenario *s, const char *name, double value, BsErrors *errs);
int bs_scenario_action(const BsScenario *s, const char *id);   /* -1 if none */
int bs_scenario_state(const BsScenario *s, const char *id);
int bs_scenario_policy(const BsScenario *s, const char *name);
/* Resolves a policy name ("random", "always:pitch", or a scenario policy)
 * into (policy, arg). Returns false if unknown. */
bool bs_policy_resolve(const BsScenario *s, const char *name, int *policy, int *arg);
/* Warnings for a scenario that loads (check prints them; they do not fail
 * it): lines whose tone contradicts what their choice does (a warm state
 * after a move that always backfires, a reaction that can never show), a
 * repeat of a message nothing says first, and, from a few hundred quick
 * games of each policy, states nobody leaves for many weeks and end states
 * never reached. Each is added to `warn` with its position; returns the count. */
int bs_scenario_lint(const BsScenario *s, BsErrors *warn);
/* Only the warnings about lines (no games played): what `audit` counts. */
int bs_scenario_lint_lines(const BsScenario *s, BsErrors *warn);

/* Writes the dialogue state machine as Graphviz DOT. */
void bs_scenario_graph(const BsScenario *s, void *FILE_stream);

/*============================================================================
 * Reading JSON with positions (used by scenarios, saves, strings)
 *==========================================================================*/
/* Reads a whole file (binary), enforcing size, NUL and UTF-8 rules. Returns a
 * NUL-terminated buffer (free with bs_free) or NULL with an error added. */
char *bs_read_file(const char *path, size_t max, size_t *len, BsErrors *errs);
bool bs_utf8_valid(const char *s, size_t n, size_t *bad_at);
/* Line and column (1-based, in code points) of byte offset `off`. */
void bs_line_col(const char *text, size_t off, int *line, int *col);

/*============================================================================
 * Game state
 *==========================================================================*/
typedef enum { BS_OBJ_NONE, BS_OBJ_OPEN, BS_OBJ_HARD, BS_OBJ_ACKED, BS_OBJ_RESOLVED } BsObjState;
typedef enum { BS_NEED_LATENT, BS_NEED_IMPLIED, BS_NEED_EXPLICIT } BsNeedStage;

typedef struct {
    double stability;         /* days until recall falls to 90%; 0 = never heard */
    int8_t last_week;         /* week of the last encounter */
    uint8_t this_week;        /* encounters in the current week */
    uint8_t spaced;           /* encounters in distinct weeks */
    bool extreme;             /* said as an extreme claim: belief capped */
    bool announced;           /* the buyer's acceptance was already reported */
    bool adopted;             /* she accepted it once: it is her own point now, for her boss */
    double k_eff;             /* discounted encounter weight, as of k_week */
    double ln_k;              /* log(k_eff): belief's log, computed once per encounter */
    int8_t k_week;
} BsMemory;

typedef struct {
    double q[BS_Q_EFFECT_COUNT];  /* impression .. exposure; pressure slot unused */
    double familiarity;           /* meaningful contacts (continuous) */
    double unfamiliar;            /* exp(-familiarity / familiarity_scale) */
    double intimacy_cap;          /* the ceiling familiarity allows intimacy: 100 (1 - unfamiliar) */
    double gift_over;             /* worth of accepted gifts above the cap */
    uint32_t known, addressed;    /* need bitmasks */
    uint8_t obj[BS_MAX_OBJECTIONS];
    BsMemory mem[BS_MAX_MESSAGES];
    double gift_bonus;            /* utility bump from reciprocity */
    double doubt;                 /* "why the rush?": left by pushing too early */
    double fleeting;              /* the part of impression that fades fast (pitches, pushes, gifts) */
    double gift_offered;          /* worth of gifts above the cap offered (refused or not) */
    int8_t last_contact;          /* week of the last contact, -1 never */
    int16_t last_action;          /* action index of the last move, -1 none */
    int16_t last_target;          /* need/message/objection of that move, -1 none */
    uint8_t streak;               /* weeks in a row with that same move and target, minus one */
    bool out;                     /* found out with a gift: lost for good */
    bool pushed_ready;            /* asked to close while the buyer was ready */
    /* derived each week */
    double mindshare, trust, character, competence, risk, fit, utility;
    double brief;                 /* the buyer's case for her boss, 0..1: key messages recalled x believed */
} BsVendorState;

typedef struct {
    int vendor;                   /* which vendor the seat plays */
    int16_t state;                /* current dialogue state */
    uint8_t visits[BS_MAX_STATES];
    bool ended;                   /* reached an end state */
    int8_t entered;               /* the week the seat entered its state */
} BsSeat;

/* What a move did this time, judged by its own effect (against letting the
 * week pass): the buyer's words are chosen by it. */
typedef enum {
    BS_MR_NONE,                   /* not measured (AI vendors, batch simulation) */
    BS_MR_WORKED,                 /* moved a meter the right way, or brought something into the open */
    BS_MR_FLAT,                   /* about nothing changed */
    BS_MR_BACKFIRED,              /* trust, attention or the buyer's risk went the wrong way */
    BS_MR_REPEATED,               /* the same move as last week, and it wore thin */
    BS_MR_COUNT
} BsMoveResult;
extern const char *const bs_move_result_ids[BS_MR_COUNT]; /* "", "worked", "flat", "backfired", "repeated" */

/* What happened to one vendor in the week just resolved. */
typedef struct {
    int16_t action;               /* -1: none */
    int16_t choice;               /* the seat's choice index, -1 for AI */
    int16_t state;                /* the state the choice was made in, -1 for AI */
    int16_t target;               /* need/message/objection touched, -1 none */
    uint8_t outcome;              /* BsMoveOutcome */
    uint8_t result;               /* BsMoveResult (seats, when measured) */
    int8_t verdict;               /* +1 the buyer-centric thing, -1 a mistake, 0 neither */
    uint8_t lesson;               /* the lesson the verdict speaks to, 1..3 */
    uint8_t streak;               /* weeks in a row before this one with the same move (action and target) */
    bool has_own;                 /* own_* measured: seats that moved, outside batch simulation */
    /* the change over the week, everything included: the move, the rivals, time */
    double d_mindshare, d_trust, d_risk, d_pwin;
    /* the move's own effect: the week as played minus the same week (same
     * seed, same rivals' moves) with this seat letting it pass. What the
     * rivals and time did is d_* - own_*. */
    double own_mindshare, own_trust, own_risk, own_pwin;
} BsMove;

typedef enum {
    BS_MO_PLAIN, BS_MO_NEED_REVEALED, BS_MO_NEED_EXPLICIT, BS_MO_ADDRESSED,
    BS_MO_ACCEPTED, BS_MO_OBJ_RAISED, BS_MO_OBJ_HARDENED, BS_MO_OBJ_ACKED,
    BS_MO_OBJ_RESOLVED, BS_MO_GIFT_OK, BS_MO_GIFT_REFUSED, BS_MO_GIFT_TAKEN,
    BS_MO_NOT_READY, BS_MO_READY, BS_MO_NOTHING
} BsMoveOutcome;

typedef enum { BS_OUT_PLAYING, BS_OUT_DECIDED, BS_OUT_NO_DECISION } BsOutcomeKind;

#define BS_MAX_EVENTS_PER_WEEK 8
typedef struct {
    int week;                     /* the week these moves were made in */
    BsMove move[BS_MAX_VENDORS];
    int16_t fired[BS_MAX_EVENTS_PER_WEEK]; int nfired;  /* events at the start of `week` */
    int16_t thought[BS_MAX_SEATS];   /* thought index per seat, -1 none */
    int found_out;                /* vendor whose gift was found out, -1 */
} BsWeekReport;

typedef struct BsGame {
    const BsScenario *scn;
    uint64_t seed;
    BsRng rng_buyer, rng_rivals, rng_seats;
    int week;                     /* the week being played, 1-based */
    double pressure;
    uint64_t flags;
    uint8_t need_stage[BS_MAX_NEEDS];
    uint32_t explicit_needs;      /* bitmask: needs at BS_NEED_EXPLICIT */
    double contradictions;
    double other;                 /* impression of other sources */
    double other_level;           /* ... and the level it drifts back to */
    bool quiet;                   /* skip what only a screen needs (thoughts) */
    double start_q[BS_MAX_VENDORS][BS_Q_EFFECT_COUNT];
    uint8_t fired[(BS_MAX_EVENTS + 7) / 8];
    BsVendorState v[BS_MAX_VENDORS];
    int nv;
    BsSeat seat[BS_MAX_SEATS];
    int nseats;
    int seat_of[BS_MAX_VENDORS];  /* seat index of a vendor, -1 for AI */
    int policy[BS_MAX_VENDORS], policy_arg[BS_MAX_VENDORS];
    double value[BS_MAX_VENDORS]; /* value for money (the scenario's; equal for seats starting equal) */
    BsWeekReport last;            /* the week just resolved */
    BsWeekReport now;             /* events fired at the start of this week */
    /* outcome */
    BsOutcomeKind outcome;
    int winner;                   /* vendor index when decided */
    double p_no_decision;         /* at the decision */
    int decided_week;
    int lessons_fired;            /* bit k-1: a seat made a mistake of lesson k */
} BsGame;

typedef struct {
    int nseats;                   /* 1..5: the playable vendors, then the next ones */
    uint64_t seed;
    const char *rivals;           /* NULL, or a policy name for every AI vendor */
    bool quiet;                   /* batch simulation: skip the buyer's thoughts */
    bool uneven;                  /* role-play: every seat keeps its vendor's own start (a handicap
                                     to announce); default: every seat starts as the first playable
                                     vendor does, so the players start equal */
} BsGameOptions;

/* Starts a game at week 1 (events of week 1 fired). */
bool bs_game_init(BsGame *g, const BsScenario *s, const BsGameOptions *o, BsErrors *errs);
/* Choices the seat may pick now (indices into its state's choices); returns
 * the count. 0 means the seat can only wait this week. */
int bs_game_choices(const BsGame *g, int seat, int out[BS_MAX_CHOICES]);
/* Resolves the week with one choice per seat (-1: the seat lets the week
 * pass without contact). Returns false (and changes nothing) on an invalid
 * choice. */
bool bs_game_step(BsGame *g, const int *choices);
bool bs_game_over(const BsGame *g);
/* Fires an injectable event now (facilitator); false if not possible. */
bool bs_game_inject(BsGame *g, int event);
uint64_t bs_game_hash(const BsGame *g);
double bs_game_value(const BsGame *g, int vendor, BsQuantity q);
bool bs_game_cond(const BsGame *g, uint16_t cond, int vendor, int seat);
/* What the buyer thinks this week, for a seat: the state's own thought in
 * the week the seat arrives there, else the week's thought (the first of the
 * scenario's thoughts whose condition holds), else the state's. NULL: none. */
const char *bs_buyer_thought(const BsGame *g, int seat);
double bs_msg_recall(const BsGame *g, const BsMemory *m);
double bs_msg_belief(const BsGame *g, const BsMemory *m);
bool bs_msg_accepted(const BsGame *g, int vendor, int msg);
bool bs_buyer_ready(const BsGame *g, int vendor);
/* Chance that the buyer decides nothing if asked now, and the chance each
 * vendor wins if the buyer decides; computed from the current state. */
double bs_game_p_no_decision(const BsGame *g);
/* The indecision score and its parts (unweighted, 0..1): the leader's career
 * risk, how alike the top two look, overload (doubts, contradictions), the
 * buying group's consensus gap. */
double bs_game_indecision(const BsGame *g, double parts[4]);
void bs_game_p_win(const BsGame *g, double out[BS_MAX_VENDORS]);
/* Text with {vendor}, {buyer}, {company}, {week}, {weeks} replaced. */
size_t bs_format(const BsGame *g, int vendor, const char *text, char *out, size_t cap);
size_t bs_format_s(const BsScenario *s, int vendor, int week, const char *text, char *out, size_t cap);

/* Policies: pick a move for a vendor. For a seat, returns a choice index
 * of its state; for an AI vendor, an action index. */
int bs_policy_pick_choice(BsGame *g, int seat, int policy, int arg, BsRng *rng);
/* A seat's policy, resolved; `without`: an action the seat never picks
 * while anything else is offered (-1 none): "the same play without X". */
typedef struct { int policy, arg, without; } BsSeatPolicy;
/* *as_written (may be NULL): false when nothing the policy names was
 * offered and it fell back to a random offered choice. */
int bs_policy_pick_choice_ex(BsGame *g, int seat, const BsSeatPolicy *p, BsRng *rng, bool *as_written);
/* Does any state offer a choice with this action? */
bool bs_scenario_offers(const BsScenario *s, int action);
int bs_policy_pick_action(BsGame *g, int vendor, int policy, int arg, BsRng *rng);

/*============================================================================
 * Sessions: a scenario + a seed + a move log. Everything else is derived.
 *==========================================================================*/
typedef struct {
    int week;                     /* fired at the start of this week */
    int event;
} BsInjected;

typedef struct {
    char scenario_id[64];
    char scenario_file[1024];     /* the scenario's file as an absolute path, "" unknown
                                   * (saved beside the id and hash; replay looks there) */
    uint64_t hash;
    uint64_t seed;
    int nseats;
    char rivals[64];              /* "" = scenario policies */
    bool uneven;                  /* role-play with the vendors' own (uneven) starts */
    int nweeks;                   /* weeks with moves */
    int8_t moves[BS_MAX_WEEKS][BS_MAX_SEATS];
    BsInjected inject[BS_MAX_INJECT];
    int ninject;
    /* predict-then-reveal: per week and seat, the predicted direction of the
     * seat's mindshare, trust and career risk (BsPredict), 0 = none */
    uint8_t predict[BS_MAX_WEEKS][BS_MAX_SEATS][3];
    uint32_t seconds;             /* time spent playing (wall clock; not part of the game) */
} BsSession;

typedef enum { BS_PREDICT_NONE, BS_PREDICT_UP, BS_PREDICT_SAME, BS_PREDICT_DOWN } BsPredict;
/* The direction a move really took meter k (0 mindshare, 1 trust, 2 risk):
 * its own effect where measured, else the week's change; "about the same"
 * below what the buyer notices (the model's felt_* thresholds, by which the
 * move is also judged to have worked or fallen flat). */
BsPredict bs_predict_actual(const BsModel *md, const BsMove *mv, int k);
/* Records a seat's prediction for the week about to be played. */
void bs_session_predict(BsSession *ss, int seat, const BsPredict p[3]);
/* How well a seat read the buyer: predictions made and right. */
bool bs_session_predictions(const BsSession *ss, const BsScenario *s, int seat, int *right, int *made,
                            BsErrors *errs);
/* ... against a baseline: how many a player would have got right by always
 * guessing each meter's most common direction in this game. skill = (right
 * - baseline) / (made - baseline): 0 for guessing "up, up, same" every week
 * when that is what usually happens, 1 for reading every week right, below
 * 0 for worse than that guess. */
typedef struct { int made, right, baseline; double skill; } BsPredictScore;
bool bs_session_predict_score(const BsSession *ss, const BsScenario *s, int seat, BsPredictScore *out,
                              BsErrors *errs);
/* Replays a session week by week, calling `fn` after the start (week 0)
 * and after every played week; stops early if fn returns false. */
typedef bool (*BsWalkFn)(const BsGame *g, int week, void *ud);
bool bs_session_walk(const BsSession *ss, const BsScenario *s, BsWalkFn fn, void *ud, BsErrors *errs);
/* One row per week per vendor, CSV with a header. Heap string (bs_free). */
bool bs_session_csv_text(const BsSession *ss, const BsScenario *s, char **out, size_t *len, BsErrors *errs);

void bs_session_new(BsSession *ss, const BsScenario *s, const BsGameOptions *o);
/* Rebuilds the game from the session's log (used by resume, undo, replay).
 * On an invalid log, returns false with a clear error. */
bool bs_session_replay(const BsSession *ss, const BsScenario *s, BsGame *g,
                       int upto_week, BsErrors *errs);
/* The game as the players saw it at the start of week `week` (1-based):
 * the moves of the weeks before and the events brought in at its start.
 * (bs_session_replay with upto = week - 1 leaves those events out, except
 * after the last week played.) */
bool bs_session_replay_start(const BsSession *ss, const BsScenario *s, BsGame *g, int week, BsErrors *errs);
/* Carries a session over to an edited version of its scenario (`play
 * --watch`): takes the new scenario's id and content hash and keeps the
 * longest run of weeks whose moves are still possible there (and the
 * events brought in during them). Returns the weeks kept, -1 when the new
 * scenario cannot seat these players (nothing kept). */
int bs_session_rebase(BsSession *ss, const BsScenario *s);
/* Appends a week of moves, resolving it on `g`. */
bool bs_session_play(BsSession *ss, BsGame *g, const int *choices);
bool bs_session_undo(BsSession *ss, const BsScenario *s, BsGame *g);
bool bs_session_inject(BsSession *ss, BsGame *g, int event);
/* Crash-safe save: temp file, fsync, keep .bak, rename, fsync folder. The
 * save records the state hash the log leads to. */
bool bs_session_save(const BsSession *ss, const BsScenario *s, const char *path, BsErrors *errs);
/* Loads a save. With `s`, checks that it belongs to that scenario (id and
 * content hash) and that its log replays to the recorded state; with s NULL
 * only reads it (the scenario id goes to scenario_id_out, may be NULL). */
bool bs_session_load(BsSession *ss, const char *path, const BsScenario *s,
                     char *scenario_id_out, size_t id_cap, BsErrors *errs);
bool bs_session_parse(BsSession *ss, const char *path, const char *text, size_t len,
                      const BsScenario *s, char *scenario_id_out, size_t id_cap, BsErrors *errs);
/* The JSON Lines log: one line per week (0 = the start) with every vendor's
 * meters. bs_session_log_text returns a heap string (bs_free). */
bool bs_session_log_text(const BsSession *ss, const BsScenario *s, char **out, size_t *len, BsErrors *errs);
bool bs_session_write_log(const BsSession *ss, const BsScenario *s, const char *path, BsErrors *errs);
bool bs_write_file_atomic(const char *path, const char *data, size_t len, bool keep_bak, BsErrors *errs);

/*============================================================================
 * History of a game (per week meters), for the debrief and charts.
 *==========================================================================*/
typedef struct {
    float mindshare[BS_MAX_VENDORS + 1]; /* last slot: other sources */
    float trust[BS_MAX_VENDORS], risk[BS_MAX_VENDORS];
    float character[BS_MAX_VENDORS], competence[BS_MAX_VENDORS];
    float pwin[BS_MAX_VENDORS], p_no_decision;
    /* the key messages of the vendor the history is kept for */
    float recall[BS_MAX_MESSAGES], belief[BS_MAX_MESSAGES];
    uint8_t accepted[BS_MAX_MESSAGES];
} BsWeekMeters;

typedef struct {
    int nweeks;                   /* index 0: the start; i: after week i */
    int vendor;                   /* whose key messages are kept */
    BsWeekMeters w[BS_MAX_WEEKS + 1];
} BsHistory;

/* Reads the meters of every vendor, and the key messages of `vendor`. */
void bs_meters_read(const BsGame *g, int vendor, BsWeekMeters *m);

/*============================================================================
 * The debrief, as data
 *==========================================================================*/
typedef struct {
    int week;
    int seat;
    int action, choice, state;    /* state the choice was made in */
    int lesson;                   /* 1..3 */
    int verdict;                  /* +1 buyer-centric, -1 a mistake, 0 neither */
    double impact;                /* change of the seat's chance to win, points, against
                                     letting that week pass, both followed by the same
                                     buyer-first futures (their mean) */
    double impact_se;             /* its standard error over those futures */
    bool clear;                   /* |impact| is clear of the spread of the futures */
    int thought;                  /* the buyer's thought the week after, -1 none */
    uint8_t outcome;              /* BsMoveOutcome */
    uint8_t result;               /* BsMoveResult */
    double own_mindshare, own_trust, own_risk; /* the move's own effect that week */
    double value;                 /* a gift's worth */
} BsMoment;

/* Why the buyer decided as she did: the parts of her decision that weighed
 * most, with their numbers. */
typedef enum {
    /* no decision: the parts of her indecision */
    BS_WHY_PARITY,        /* the two leading vendors looked alike: a, b = the chance she would
                             have picked `vendor`, `other` had she decided (0..1) */
    BS_WHY_RISK,          /* her career risk with the leader `vendor` was a */
    BS_WHY_OVERLOAD,      /* a = open doubts and contradictory claims around the leader `vendor` */
    BS_WHY_GROUP,         /* a buying group of a people had to agree */
    /* a decision: where `vendor` was ahead of `other` (a = vendor's, b = other's) */
    BS_WHY_TRUST,         /* her trust (0..100) */
    BS_WHY_FIT,           /* the share of her needs met (0..1) */
    BS_WHY_MINDSHARE,     /* her attention (mindshare, 0..1) */
    BS_WHY_CAREER,        /* her career risk (0..100): lower is ahead */
    BS_WHY_VALUE,         /* value for money (0..1) */
    BS_WHY_OBJECTIONS,    /* open objections (weighted): fewer is ahead */
    BS_WHY_CASE,          /* her case for the boss: key messages she recalls and believes (0..1) */
    BS_WHY_SHORTLIST,     /* `other` was not on her shortlist: a = its rank by mindshare x trust */
    BS_WHY_FOUND_OUT,     /* a gift of `vendor` came to light: out of the deal */
    BS_WHY_COUNT
} BsWhyKind;

typedef struct {
    uint8_t kind;             /* BsWhyKind */
    int vendor, other;        /* vendor indices, -1 none */
    double a, b;
    double weight;            /* its part in the decision (for ordering) */
} BsWhy;

typedef struct {
    BsOutcomeKind outcome;
    int winner;
    int seat;                     /* whose debrief */
    int vendor;
    double final_mindshare, final_trust, final_risk, p_win_final;
    int score;                    /* 0..100: the chance to win at the end, as the buyer saw it */
    bool found_out;               /* the seat's vendor was found out with a gift: out of the deal */
    BsMoment best[3], worst[3];   /* only moves whose effect is clear of the futures' spread */
    int nbest, nworst;
    BsMoment gifts[8];            /* every gift above the buyer's rules, with what it risked */
    int ngifts;
    BsMoment mistakes[8];         /* moves against a lesson (verdict < 0), first ones first */
    int nmistakes;
    int lessons_fired;            /* bitmask: 1<<0 lesson 1 ... */
    BsWhy why[4];                 /* why she decided as she did, heaviest first */
    int nwhy;
    double p_no_decision;         /* at the decision */
    int decided_week;
    BsHistory player;             /* the game as played */
    BsHistory centric;            /* same seed, the seat played by buyer_centric */
    bool has_centric;
    BsOutcomeKind centric_outcome;
    int centric_winner;
    int centric_decided_week;
} BsDebrief;

/* Futures per position when measuring a move (documented for authors). */
#define BS_DEBRIEF_FUTURES 32
bool bs_debrief_build(const BsSession *ss, const BsScenario *s, int seat, BsDebrief *d, BsErrors *errs);
/* A move's effect on the seat's chance to win (points) from game `before`
 * (at the start of the move's week), against letting the week pass, over
 * `futures` buyer-first futures drawn with `salt`; returns the mean and its
 * standard error. Used by the debrief (salt 0) and by `audit` to measure
 * again with other futures. */
double bs_move_impact(const BsGame *before, const int *choices, int seat, int futures, uint64_t salt,
                      double *se);
/* Why the buyer decided as she did in a finished game, for vendor `me`. */
int bs_decision_reasons(const BsGame *g, int me, BsWhy *out, int cap);

/*============================================================================
 * Batch simulation
 *==========================================================================*/
typedef struct {
    const char *policy;           /* for the human seat */
    const char *rivals;           /* NULL: scenario policies */
    int runs;
    uint64_t seed;
    int deviate_week;             /* 0: none; else in this week the seat plays... */
    const char *deviate;          /* ...this policy instead (e.g. "random", "always:wait") */
    const char *without;          /* NULL, or an action id the seat never picks while
                                     anything else is offered ("buyer_centric without repeat") */
} BsSimOptions;

typedef struct {
    int runs, wins, no_decisions;
    double win_rate, no_decision_rate;
    double mean_mindshare, mean_trust, mean_risk;
    int lessons[3];               /* games in which each lesson fired */
    int state_visits[BS_MAX_STATES];
    long weeks;                   /* weeks in which the seat had a choice */
    long fallback_weeks;          /* ... of which the policy fell back to a random offered choice */
    int ended_in[BS_MAX_STATES];  /* games whose seat was in this state at the decision */
    int won_by[BS_MAX_VENDORS];   /* decided games per winner */
    double seconds, games_per_second;
} BsSimResult;

bool bs_sim_run(const BsScenario *s, const BsSimOptions *o, BsSimResult *r, BsErrors *errs);
/* One game, `policy` in every seat, to the end. */
bool bs_sim_game(const BsScenario *s, const char *policy, const char *rivals, uint64_t seed,
                 int nseats, BsGame *g, BsErrors *errs);
bool bs_sim_game_ex(const BsScenario *s, const BsSimOptions *o, uint64_t seed, int nseats,
                    BsGame *g, BsErrors *errs);

/*============================================================================
 * Audit: does a case teach the right lessons? (DESIGN section 7)
 *==========================================================================*/
typedef struct {
    int runs;                     /* games per policy (2,000) */
    int runs_paired;              /* games for the close comparisons: buyer_centric against
                                     relationship_only and against itself without repeat (3,000) */
    int order_seeds;              /* seeds for the move-order check, weeks 1-4 (500) */
    int moment_games;             /* debriefs whose moments are measured again */
    int moment_futures;           /* ... with this many other futures */
    uint64_t seed;                /* first seed */
} BsAuditOptions;
void bs_audit_defaults(BsAuditOptions *o);

typedef struct {
    char id[32];                  /* stable, for --json and the tests: "buyer_centric_wins" */
    char what[160];               /* the property in words */
    char need[48];                /* the threshold in words: "at least 60%" */
    char unit[4];                 /* "%" (value is a share), "pts" (a difference of shares), "" */
    double value, lo, hi;         /* measured; passes when lo <= value <= hi */
    int count;                    /* how many things were measured, where that says more */
    bool pass;
    bool na;                      /* does not apply to this case (passes) */
    char why[512];                /* when it misses: what drives it */
} BsAuditItem;

#define BS_AUDIT_MAX 40
typedef struct {
    BsAuditItem items[BS_AUDIT_MAX];
    int n;
    bool pass;
    double seconds;
} BsAudit;

/* Runs every property. Returns false only on an error (errs); a property
 * that misses is a result, not an error. */
bool bs_audit_run(const BsScenario *s, const BsAuditOptions *o, BsAudit *a, BsErrors *errs);

/*============================================================================
 * Interface strings (assets/lang/xx.json): a flat key -> text table.
 *==========================================================================*/
typedef struct BsStrings BsStrings;
BsStrings *bs_strings_load(const char *path, BsErrors *errs);
void bs_strings_free(BsStrings *t);
/* The text for `key`, or `key` itself when missing (never NULL). */
const char *bs_str(const BsStrings *t, const char *key);
const char *bs_str_or(const BsStrings *t, const char *key, const char *fallback);
/* Text of an action field ("label", "did", "why_good", "why_bad", "thought"):
 * the scenario's override, else strings "action.<id>.<field>", else the id. */
const char *bs_action_text(const BsScenario *s, const BsStrings *t, int action, const char *field);
/* Text of an event field ("label", "say", "think"): the scenario's, else
 * strings "event.<id>.<field>" (the generic events), else "". */
const char *bs_event_text(const BsScenario *s, const BsStrings *t, int event, const char *field);
/* The buyer's reaction to a move, chosen by what the move did this time
 * (mv->result: worked, fell flat, backfired, repeated too often): the
 * choice's "react" line for that result, else (when it worked) the choice's
 * "think"; else the scenario action's "react" line (when it worked: its
 * "thought"); else the interface strings action.<id>.react.<result>, else
 * react.<result>. "" when there is none. What she says comes only from the
 * scenario. */
const char *bs_move_thought(const BsScenario *s, const BsStrings *t, const BsMove *mv);
const char *bs_move_say(const BsScenario *s, const BsStrings *t, const BsMove *mv);
/* Why the move did what it did: why_good when it worked, why_flat when it
 * fell flat, why_bad otherwise (action texts). */
const char *bs_move_why(const BsScenario *s, const BsStrings *t, const BsMove *mv);

const char *bs_version(void);

#endif
