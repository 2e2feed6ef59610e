#ifndef COFUND_CPLATFORM_H
#define COFUND_CPLATFORM_H

/* Operating-system calls that Swift's Glibc module does not expose. */

/* Atomically exchanges the directory entries `a` and `b` (both must exist):
   renameat2(RENAME_EXCHANGE) on Linux, renamex_np(RENAME_SWAP) on macOS.
   Returns 0, or the errno of the failure (ENOSYS or EINVAL where the
   platform or file system cannot exchange). */
int cplatform_exchange(const char *a, const char *b);

#endif
