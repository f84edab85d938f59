/* libFuzzer: the scenario loader. Any bytes: a scenario or errors, never a
 * crash, a leak or undefined behaviour. */
#include "bs.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    if (size > BS_MAX_FILE_BYTES)
        return 0;
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    BsErrors e;
    bs_errors_init(&e, "fuzz.json");
    BsScenario *s = bs_scenario_parse("fuzz.json", text, size, &e);
    if (s) {
        /* a scenario that loads must also play: one short game */
        BsGame g;
        BsGameOptions o = {.nseats = 1, .seed = 1, .quiet = false};
        if (bs_game_init(&g, s, &o, &e)) {
            for (int w = 0; w < 60 && !bs_game_over(&g); w++) {
                int ch[BS_MAX_SEATS] = {0};
                int avail[BS_MAX_CHOICES];
                int n = bs_game_choices(&g, 0, avail);
                ch[0] = n ? avail[w % n] : -1;
                bs_game_step(&g, ch);
            }
        }
        bs_scenario_free(s);
    }
    bs_errors_free(&e);
    free(text);
    return 0;
}
