/* libFuzzer: the save loader, against the bundled ERP scenario. */
#include "bs.h"

#include <stdlib.h>
#include <string.h>

static BsScenario *scenario;

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (!scenario) {
        BsErrors e;
        bs_errors_init(&e, BS_SOURCE_DIR "/scenarios/en/erp-rollout.json");
        scenario = bs_scenario_load(BS_SOURCE_DIR "/scenarios/en/erp-rollout.json", &e);
        bs_errors_free(&e);
        if (!scenario)
            abort();
    }
    if (size > (1u << 20))
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    BsErrors e;
    bs_errors_init(&e, "fuzz-save.json");
    BsSession ss;
    char id[64];
    (void)bs_session_parse(&ss, "fuzz-save.json", text, size, NULL, id, sizeof id, &e);
    bs_errors_free(&e);
    bs_errors_init(&e, "fuzz-save.json");
    if (bs_session_parse(&ss, "fuzz-save.json", text, size, scenario, NULL, 0, &e)) {
        BsDebrief d;
        (void)bs_debrief_build(&ss, scenario, 0, &d, &e);
    }
    bs_errors_free(&e);
    free(text);
    return 0;
}
