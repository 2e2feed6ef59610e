#define _GNU_SOURCE
#include "CPlatform.h"
#include <errno.h>
#include <stdio.h>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
#endif

int cplatform_exchange(const char *a, const char *b) {
#if defined(__linux__) && defined(SYS_renameat2)
    /* Called through syscall(): older C libraries lack the renameat2 wrapper. */
    if (syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) == 0) return 0;
    return errno;
#elif defined(__APPLE__)
    if (renamex_np(a, b, RENAME_SWAP) == 0) return 0;
    return errno;
#else
    (void)a;
    (void)b;
    return ENOSYS;
#endif
}
