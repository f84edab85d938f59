/* libFuzzer: the interface-strings reader (the JSON files of assets/lang). */
#include "bs.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/bs-fuzz-strings-%d.json", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    BsErrors e;
    bs_errors_init(&e, path);
    BsStrings *t = bs_strings_load(path, &e);
    if (t) {
        (void)bs_str(t, "ui.week");
        bs_strings_free(t);
    }
    bs_errors_free(&e);
    return 0;
}
